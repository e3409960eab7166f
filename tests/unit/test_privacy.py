"""Privacy, proven: the suite's audit hook stops any network use, and the self-test and the headless
commands run in a network namespace with no network at all (where the machine can make one)."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys

import pytest

from tests.conftest import NETWORK_USES, NetworkUse

#: Runs each command of a JSON list of argument lists through `planner`'s main, in this Python (the
#: venv's entry script may not be on PATH); prints their exit codes.
EACH_COMMAND = ("import json, sys; from planner.app.main import main; "
                "print(json.dumps([main(args) for args in json.loads(sys.argv[1])]))")


def planner_offline(commands: list[list[str]], env: dict[str, str], offline: bool = True) -> tuple[list[int], str]:
    """The exit codes of `planner` running each command in turn in one fresh process, and what it
    printed: in a network namespace with no network at all when ``offline``."""
    prefix = ["unshare", "-rn"] if offline else []
    result = subprocess.run([*prefix, sys.executable, "-c", EACH_COMMAND, json.dumps(commands)], env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads(result.stdout.splitlines()[-1]), result.stdout


def test_the_audit_hook_stops_a_connection_and_a_lookup():
    with pytest.raises(NetworkUse):
        socket.create_connection(("127.0.0.1", 9), timeout=0.1)
    with pytest.raises(NetworkUse):
        socket.getaddrinfo("example.com", 443)
    assert len(NETWORK_USES) == 2
    NETWORK_USES.clear()  # expected here; any other test that does this fails


def _network_namespace_works() -> bool:
    if shutil.which("unshare") is None:
        return False
    return subprocess.run(["unshare", "-rn", "true"], capture_output=True).returncode == 0


@pytest.mark.slow
def test_self_test_passes_in_a_fresh_process_without_any_network(tmp_path):
    """The whole app's smoke test, as a frozen build runs it: in a network namespace with no network
    at all where the machine can make one, else in a plain fresh process (the audit hook above is
    then the proof of privacy)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PLANNER_HOME=str(tmp_path))
    codes, printed = planner_offline([["--self-test"]], env, offline=_network_namespace_works())
    assert codes == [0] and "self-test passed" in printed, printed


@pytest.mark.slow
@pytest.mark.skipif(not _network_namespace_works(), reason="unshare -rn (user and network namespaces) unavailable")
def test_headless_commands_work_without_any_network(tmp_path):
    from planner.domain.demo import demo_plan
    from planner.services.plan_session import PlanSession
    from tests.helpers import until_age

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PLANNER_HOME=str(tmp_path))
    # the demo to 65, not 97: what is checked is that each command runs offline, not its numbers
    plan = tmp_path / "short.plan"
    PlanSession.create(plan, until_age(demo_plan(), 65)).close()
    commands = [["new", str(tmp_path / "demo.plan"), "--demo"], ["simulate", str(plan), "--paths", "200"],
                ["export", str(plan), "--pdf", str(tmp_path / "r.pdf"), "--paths", "200"],
                ["solve", str(plan), "--goal", "fi-age", "--paths", "200"]]
    codes, printed = planner_offline(commands, env)  # one offline process, the commands in turn
    assert codes == [0, 0, 0, 0], printed
    assert (tmp_path / "demo.plan").exists() and (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")

"""packaging/install.sh puts the app, the command, the menu entry, the icon and the plan file type
in place for the current user (here a stand-in build in a throwaway home)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]


def test_install_script_installs_for_the_current_user(tmp_path):
    build = PROJECT / "dist" / "planner"
    stand_in = not (build / "planner").exists()
    if stand_in:  # no frozen build here: a stand-in executable, removed again afterwards
        build.mkdir(parents=True)
        (build / "planner").write_text("#!/bin/sh\necho frozen planner \"$@\"\n")
        (build / "planner").chmod(0o755)
    try:
        home = tmp_path / "my home"  # a space in the path, as the Desktop Entry spec must quote
        env = dict(os.environ, HOME=str(home), XDG_DATA_HOME=str(home / ".local/share"))
        result = subprocess.run(["bash", str(PROJECT / "packaging" / "install.sh"), "--no-build"], env=env,
                                capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr
        data = home / ".local/share"
        app = data / "passive-income-planner/app/planner"
        assert app.exists() and os.access(app, os.X_OK)
        assert (home / ".local/bin/planner").resolve() == app.resolve()
        entry = (data / "applications/passive-income-planner.desktop").read_text()
        assert f'Exec="{app}" %f' in entry and "MimeType=application/x-passive-income-plan;" in entry
        assert (data / "icons/hicolor/scalable/apps/passive-income-planner.svg").exists()
        mime = (data / "mime/packages/passive-income-planner.xml").read_text()
        assert 'glob pattern="*.plan"' in mime
    finally:
        if stand_in:
            (build / "planner").unlink()
            build.rmdir()
            if not any(build.parent.iterdir()):
                build.parent.rmdir()


def run_portable_hook(executable: Path, env: dict[str, str]) -> str:
    """PLANNER_HOME after the frozen app's portable-mode runtime hook ran for this executable."""
    hook = PROJECT / "packaging" / "runtime_portable.py"
    code = (f"import os, runpy, sys; sys.executable = {str(executable)!r}; runpy.run_path({str(hook)!r}); "
            "print(os.environ.get('PLANNER_HOME', ''))")
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    return result.stdout.strip()


def test_portable_mode_keeps_the_data_beside_the_app(tmp_path):
    app = tmp_path / "planner"
    app.write_text("")
    env = {k: v for k, v in os.environ.items() if k != "PLANNER_HOME"}
    assert run_portable_hook(app, env) == ""  # no portable-data folder: the user's data folder
    (tmp_path / "portable-data").mkdir()
    assert run_portable_hook(app, env) == str(tmp_path / "portable-data")
    assert run_portable_hook(app, dict(env, PLANNER_HOME="/elsewhere")) == "/elsewhere"  # explicit wins

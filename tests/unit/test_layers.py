"""The layer rules of ARCHITECTURE.md, checked by import-linter and by a scan of the source."""

import ast
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import planner

PACKAGE = Path(planner.__file__).parent
PROJECT = Path(__file__).resolve().parents[2]


def test_import_linter_contracts_are_kept():
    executable = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or shutil.which("lint-imports")
    assert executable, "import-linter is part of the test extra"
    result = subprocess.run([executable, "--config", str(PROJECT / "pyproject.toml")], cwd=PROJECT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_no_networking_modules_are_imported():
    banned = ("PySide6.QtNetwork", "PySide6.QtWebEngine", "urllib.request", "http", "socket", "ssl", "ftplib",
              "smtplib", "poplib", "imaplib", "xmlrpc", "webbrowser", "requests", "httpx", "urllib3", "asyncio")
    for path in PACKAGE.rglob("*.py"):
        for name in imported_modules(path):
            assert not name.startswith(banned), f"{path} imports {name}"


def test_export_uses_qtgui_only():
    for path in (PACKAGE / "export").rglob("*.py"):
        for name in imported_modules(path):
            assert not name.startswith(("PySide6.QtWidgets", "pyqtgraph")), f"{path} imports {name}"


def test_nothing_imports_the_app_package():
    for path in PACKAGE.rglob("*.py"):
        if "app" in path.relative_to(PACKAGE).parts[:1]:
            continue
        assert not any(n.startswith("planner.app") for n in imported_modules(path)), path


def _ui_engine_contract() -> dict:
    config = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    return next(c for c in contracts if c.get("source_modules") == ["planner.ui"]
                and c.get("forbidden_modules") == ["planner.engine"])


def test_the_ui_reads_exactly_the_engine_modules_the_architecture_page_names():
    contract = _ui_engine_contract()
    allowed = {re.fullmatch(r"planner\.ui\.\*\* -> planner\.engine\.(\w+)", line).group(1)
               for line in contract["ignore_imports"]}
    page = (PROJECT / "docs" / "architecture.md").read_text(encoding="utf-8")
    ui_row = next(line for line in page.splitlines() if line.startswith("| `ui` |"))
    assert set(re.findall(r"`engine\.(\w+)`", ui_row)) == allowed
    assert "projection" not in allowed and "household" not in allowed  # those run the engine


def test_the_ui_imports_no_engine_module_beyond_the_allowed_ones():
    """The same rule read from the source, imports under TYPE_CHECKING included, so a test names the file."""
    allowed = {line.split(" -> ")[1] for line in _ui_engine_contract()["ignore_imports"]}
    for path in (PACKAGE / "ui").rglob("*.py"):
        engine = {name for name in imported_modules(path) if name.startswith("planner.engine")}
        assert all(name in allowed or name.rsplit(".", 1)[0] in allowed for name in engine), (path, engine)
        assert not any(n.startswith("planner.storage") for n in imported_modules(path)), path

"""No function in src/planner is longer than 80 lines: a longer one hides steps that deserve names
(the household's month, the projection's run were split for this)."""

from __future__ import annotations

import ast
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[2] / "src" / "planner"
LIMIT = 80
#: Alembic migrations' ``upgrade``/``downgrade`` are a frozen, linear list of schema statements,
#: never edited after release; splitting them would only scatter one revision's DDL.
MIGRATIONS = SOURCE / "storage" / "migrations" / "versions"
EXEMPT_IN_MIGRATIONS = {"upgrade", "downgrade"}


def long_functions(root: Path, limit: int = LIMIT) -> list[str]:
    """``path:line name (n lines)`` for every function or method over ``limit`` lines, decorators
    and docstring included."""
    found = []
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            if path.parent == MIGRATIONS and node.name in EXEMPT_IN_MIGRATIONS:
                continue
            first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
            length = node.end_lineno - first + 1
            if length > limit:
                found.append(f"{path.relative_to(root.parent)}:{node.lineno} {node.name} ({length} lines)")
    return found


def test_no_function_is_longer_than_80_lines():
    assert long_functions(SOURCE) == []


def test_the_check_finds_a_long_function(tmp_path):
    body = "\n".join(f"    x{i} = {i}" for i in range(LIMIT))
    (tmp_path / "long.py").write_text(f"def short():\n    pass\n\n\ndef too_long():\n{body}\n", encoding="utf-8")
    assert long_functions(tmp_path) == [f"{tmp_path.name}/long.py:5 too_long ({LIMIT + 1} lines)"]

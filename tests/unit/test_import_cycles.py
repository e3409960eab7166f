"""No import cycles in src/planner, counting imports made only for type checking.

import-linter's graph (grimp) leaves out imports under ``if TYPE_CHECKING:``, and those are exactly
the ones that let a collaborator quietly reach back into the main window, so this test parses
every module with ``ast`` and builds the graph itself.
"""

import ast
from collections.abc import Iterable
from pathlib import Path

import planner

PACKAGE = Path(planner.__file__).parent
ROOT = PACKAGE.name


def module_names() -> dict[str, Path]:
    """Every module of the package by dotted name (a package by its own name, not ``__init__``)."""
    modules = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        modules[".".join(parts)] = path
    return modules


def absolute(node: ast.ImportFrom, importer: str, is_package: bool) -> str:
    """The module an ``ImportFrom`` names, with relative imports resolved against the importer."""
    if not node.level:
        return node.module or ""
    base = importer.split(".")
    base = base[: len(base) - node.level + (1 if is_package else 0)]
    return ".".join([*base, node.module] if node.module else base)


def imports_of(name: str, source: str, modules: Iterable[str], is_package: bool = False) -> set[str]:
    """The package's modules that ``name`` imports anywhere in ``source``, TYPE_CHECKING blocks included.

    ``from a import b`` counts as importing ``a.b`` when that is a module, else ``a``."""
    known = set(modules)
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            module = absolute(node, name, is_package)
            submodules = {f"{module}.{alias.name}" for alias in node.names}
            named = submodules & known
            found.update(named)
            if named != submodules:
                found.add(module)
    return {target for target in found if target in known and target != name}


def import_graph() -> dict[str, set[str]]:
    modules = module_names()
    return {name: imports_of(name, path.read_text(encoding="utf-8"), modules, path.name == "__init__.py")
            for name, path in modules.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan's algorithm), sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(components)


def test_imports_under_type_checking_and_relative_imports_are_edges():
    modules = {"planner.ui", "planner.ui.main_window", "planner.ui.panel", "planner.ui.asking", "planner.domain.plan"}
    source = """
from typing import TYPE_CHECKING
from planner.domain.plan import Plan
from . import asking
import json
if TYPE_CHECKING:
    from planner.ui.main_window import MainWindow
"""
    assert imports_of("planner.ui.panel", source, modules) == {
        "planner.domain.plan", "planner.ui.asking", "planner.ui.main_window"}


def test_the_graph_covers_the_package():
    graph = import_graph()
    assert len(graph) > 100
    assert ROOT + ".ui.main_window" in graph[ROOT + ".app.gui"]
    assert all(target.startswith(ROOT + ".") or target == ROOT for targets in graph.values() for target in targets)


def test_cycles_are_found():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert cycles(graph) == [["a", "b", "c"]]


def test_no_import_cycles():
    found = cycles(import_graph())
    assert not found, "import cycles (each line one knot):\n" + "\n".join(" <-> ".join(c) for c in found)

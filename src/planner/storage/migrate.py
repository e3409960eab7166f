"""Schema versions: which revision a file has, whether this app knows it, and upgrading to head.

Opening a plan that is already at head only needs the revision names, read from the migration
scripts' own ``revision``/``down_revision`` lines; Alembic (about a tenth of a second to import,
with Mako and Pygments) is loaded only to create or migrate a file.
"""

from __future__ import annotations

import ast
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory
    from sqlalchemy import Connection


def _migrations() -> Traversable:
    return resources.files("planner.storage") / "migrations"


def _config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(_migrations()))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@cache
def script_directory() -> ScriptDirectory:
    """The migration scripts as Alembic reads them, once per process."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_config())


@cache
def revision_chain() -> dict[str, str | None]:
    """Each revision and the one it revises, from the scripts' module-level assignments (without
    running them or importing Alembic)."""
    chain: dict[str, str | None] = {}
    for script in (_migrations() / "versions").iterdir():
        if not script.name.endswith(".py") or script.name.startswith("__"):
            continue
        names: dict[str, object] = {}
        for node in ast.parse(script.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                if node.targets[0].id in ("revision", "down_revision"):
                    names[node.targets[0].id] = ast.literal_eval(node.value)
        if "revision" in names:
            chain[str(names["revision"])] = names.get("down_revision")  # type: ignore[assignment]
    return chain


@cache
def head_revision() -> str:
    """The one revision no other revises (the chain is linear)."""
    chain = revision_chain()
    heads = set(chain) - set(chain.values())
    assert len(heads) == 1, f"migration scripts must form one chain, heads: {sorted(heads)}"
    return heads.pop()


@cache
def known_revisions() -> frozenset[str]:
    return frozenset(revision_chain())


def current_revision(connection: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()


def upgrade(connection: Connection, revision: str = "head") -> None:
    """Run the migrations up to revision inside the caller's connection."""
    from alembic import command

    command.upgrade(_config(connection), revision)

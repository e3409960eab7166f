"""History as it happened: the returns tables a plan imports and which history it replays.

An older file has no imported tables and replays the history that ships with the app
("built-in"), which is what the new column's default says.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("plan") as batch:
        batch.add_column(sa.Column("history_table", sa.Text(), nullable=False, server_default="built-in"))
    op.create_table(
        "returns_tables",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["plan_id"], ["plan.id"], name="fk_returns_tables_plan_id_plan", ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name="pk_returns_tables"),
        sa.UniqueConstraint("name", name="uq_returns_tables_name"),
    )


def downgrade() -> None:
    op.drop_table("returns_tables")
    with op.batch_alter_table("plan") as batch:
        batch.drop_column("history_table")

"""Accounts and tax: the accounts streams sit in, progressive tax tables, which category each
table taxes, the withdrawal order and the marginal tax on pay.

An older file has no accounts and no tables: every stream sits in none (taxed as in a taxable
account), every category keeps its flat rate, the order is "taxable first" and the tax on pay the
domain's default, which is what the new columns' defaults say; the file projects as before.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

MAX_CENTS = 100_000_000_000_000

#: (column, type, default as SQL text) added to the plan row.
PLAN_COLUMNS = (
    ("tax_preset", sa.Text(), "flat"),
    ("withdrawal_order", sa.String(), "taxable_first"),
    ("pay_tax_rate", sa.String(), "22"),
)


def upgrade() -> None:
    with op.batch_alter_table("plan") as batch:
        for name, kind, default in PLAN_COLUMNS:
            batch.add_column(sa.Column(name, kind, nullable=False, server_default=default))
    with op.batch_alter_table("streams") as batch:
        batch.add_column(sa.Column("account", sa.String(), nullable=False, server_default=""))
    _create_accounts()
    _create_tax_tables()


def _create_accounts() -> None:
    op.create_table(
        "accounts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("account_type", sa.String(), nullable=False),
        sa.Column("preset", sa.String(), nullable=False),
        sa.Column("yearly_limit_cents", sa.Integer(), nullable=False),
        sa.Column("access_age", sa.Integer(), nullable=False),
        sa.Column("early_penalty", sa.String(), nullable=False),
        sa.Column("required_from_age", sa.Integer(), nullable=False),
        sa.Column("owner", sa.Integer(), nullable=False),
        sa.Column("fill_order", sa.Integer(), nullable=False),
        sa.Column("included", sa.Boolean(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.CheckConstraint(f"yearly_limit_cents BETWEEN 0 AND {MAX_CENTS}", name="ck_accounts_yearly_limit_range"),
        sa.PrimaryKeyConstraint("id", name="pk_accounts"),
        sa.UniqueConstraint("uid", name="uq_accounts_uid"),
    )


def _create_tax_tables() -> None:
    op.create_table(
        "tax_tables",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("allowance_cents", sa.Integer(), nullable=False),
        sa.Column("stacked_on", sa.Text(), nullable=False),
        sa.CheckConstraint(f"allowance_cents BETWEEN 0 AND {MAX_CENTS}", name="ck_tax_tables_allowance_range"),
        sa.PrimaryKeyConstraint("id", name="pk_tax_tables"),
        sa.UniqueConstraint("name", name="uq_tax_tables_name"),
    )
    op.create_table(
        "tax_brackets",
        sa.Column("table_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("from_cents", sa.Integer(), nullable=False),
        sa.Column("rate", sa.String(), nullable=False),
        sa.CheckConstraint(f"from_cents BETWEEN 0 AND {MAX_CENTS}", name="ck_tax_brackets_from_range"),
        sa.ForeignKeyConstraint(["table_id"], ["tax_tables.id"], name="fk_tax_brackets_table_id_tax_tables",
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("table_id", "position", name="pk_tax_brackets"),
    )
    op.create_table(
        "tax_category_tables",
        sa.Column("category", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("table_name", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("category", name="pk_tax_category_tables"),
    )


def downgrade() -> None:
    for table in ("tax_category_tables", "tax_brackets", "tax_tables", "accounts"):
        op.drop_table(table)
    # SQLite's own DROP COLUMN (3.35 on), not a batch copy: copying a table drops the original, and with
    # foreign keys on that deletes the rows that refer to it (stream parameters, returns tables).
    op.execute("ALTER TABLE streams DROP COLUMN account")
    for name, _kind, _default in PLAN_COLUMNS:
        op.execute(f"ALTER TABLE plan DROP COLUMN {name}")

"""Income and spending over a life: a partner, salaries, saving from income, part-time work,
spending phases and one-off events.

Every new household column takes the value that projects an older plan exactly as before: no
partner, no salary, the fixed monthly saving, no part-time work; the two new tables start empty.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

MAX_CENTS = 100_000_000_000_000

#: (column, type, default as SQL text) of the plan row.
HOUSEHOLD_COLUMNS = (
    ("partner", sa.Boolean(), "0"),
    ("partner_birth_year", sa.Integer(), "1990"),
    ("partner_target_fi_age", sa.Integer(), "55"),
    ("partner_plan_until_age", sa.Integer(), "95"),
    ("monthly_salary_cents", sa.Integer(), "0"),
    ("salary_growth", sa.String(), "0"),
    ("partner_monthly_salary_cents", sa.Integer(), "0"),
    ("partner_salary_growth", sa.String(), "0"),
    ("saving_from_income", sa.Boolean(), "0"),
    ("part_time_income_cents", sa.Integer(), "0"),
    ("part_time_hours", sa.String(), "0"),
    ("part_time_years", sa.Integer(), "0"),
)


def upgrade() -> None:
    with op.batch_alter_table("plan") as batch:
        for name, kind, default in HOUSEHOLD_COLUMNS:
            batch.add_column(sa.Column(name, kind, nullable=False, server_default=default))
    op.create_table(
        "spending_phases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("monthly_amount_cents", sa.Integer(), nullable=False),
        sa.Column("start_month", sa.Integer(), nullable=False),
        sa.Column("end_month", sa.Integer(), nullable=True),
        sa.Column("included", sa.Boolean(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.CheckConstraint(f"monthly_amount_cents BETWEEN -{MAX_CENTS} AND {MAX_CENTS}",
                           name="ck_spending_phases_amount_range"),
        sa.CheckConstraint("end_month IS NULL OR end_month >= start_month", name="ck_spending_phases_end_after_start"),
        sa.PrimaryKeyConstraint("id", name="pk_spending_phases"),
        sa.UniqueConstraint("uid", name="uq_spending_phases_uid"),
    )
    op.create_table(
        "events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("amount_cents", sa.Integer(), nullable=False),
        sa.Column("windfall", sa.Boolean(), nullable=False),
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("inflation_linked", sa.Boolean(), nullable=False),
        sa.Column("probability", sa.String(), nullable=False),
        sa.Column("every_years", sa.Integer(), nullable=False),
        sa.Column("times", sa.Integer(), nullable=False),
        sa.Column("included", sa.Boolean(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.CheckConstraint(f"amount_cents BETWEEN 0 AND {MAX_CENTS}", name="ck_events_amount_range"),
        sa.PrimaryKeyConstraint("id", name="pk_events"),
        sa.UniqueConstraint("uid", name="uq_events_uid"),
    )


def downgrade() -> None:
    op.drop_table("events")
    op.drop_table("spending_phases")
    with op.batch_alter_table("plan") as batch:
        for name, _kind, _default in HOUSEHOLD_COLUMNS:
            batch.drop_column(name)

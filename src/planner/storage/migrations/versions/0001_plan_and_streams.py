"""Plan settings, tax rates, streams and their parameters.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

MAX_CENTS = 100_000_000_000_000


def upgrade() -> None:
    op.execute("PRAGMA application_id = 1346981964")  # 0x5049504C, "PIPL"
    op.create_table(
        "plan",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("start_month", sa.Integer(), nullable=False),
        sa.Column("birth_year", sa.Integer(), nullable=False),
        sa.Column("monthly_expenses_cents", sa.Integer(), nullable=False),
        sa.Column("monthly_savings_cents", sa.Integer(), nullable=False),
        sa.Column("inflation", sa.String(), nullable=False),
        sa.Column("target_fi_age", sa.Integer(), nullable=False),
        sa.Column("fi_rule_kind", sa.String(), nullable=False),
        sa.Column("safe_withdrawal_rate", sa.String(), nullable=False),
        sa.Column("withdrawal_method", sa.String(), nullable=False),
        sa.Column("stop_saving_at_fi", sa.Boolean(), nullable=False),
        sa.Column("strategy_preset", sa.String(), nullable=False),
        sa.Column("safe_weight", sa.String(), nullable=False),
        sa.Column("core_weight", sa.String(), nullable=False),
        sa.Column("speculative_weight", sa.String(), nullable=False),
        sa.Column("rebalancing", sa.String(), nullable=False),
        sa.Column("rebalance_threshold", sa.String(), nullable=False),
        sa.Column("horizon_years", sa.Integer(), nullable=False),
        sa.Column("paths", sa.Integer(), nullable=False),
        sa.Column("seed", sa.Integer(), nullable=False),
        sa.Column("return_model", sa.String(), nullable=False),
        sa.CheckConstraint("id = 1", name="ck_plan_single_row"),
        sa.CheckConstraint(f"monthly_expenses_cents BETWEEN 0 AND {MAX_CENTS}", name="ck_plan_expenses_range"),
        sa.CheckConstraint(f"monthly_savings_cents BETWEEN 0 AND {MAX_CENTS}", name="ck_plan_savings_range"),
        sa.PrimaryKeyConstraint("id", name="pk_plan"),
    )
    op.create_table(
        "tax_rates",
        sa.Column("category", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("rate", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("category", name="pk_tax_rates"),
    )
    op.create_table(
        "streams",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("start_month", sa.Integer(), nullable=False),
        sa.Column("end_month", sa.Integer(), nullable=True),
        sa.Column("starting_amount_cents", sa.Integer(), nullable=False),
        sa.Column("monthly_contribution_cents", sa.Integer(), nullable=False),
        sa.Column("income_policy", sa.String(), nullable=False),
        sa.Column("tax_category", sa.String(), nullable=False),
        sa.Column("sleeve", sa.String(), nullable=False),
        sa.Column("weight", sa.String(), nullable=False),
        sa.Column("upkeep_hours", sa.String(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.CheckConstraint(f"starting_amount_cents BETWEEN 0 AND {MAX_CENTS}", name="ck_streams_starting_amount_range"),
        sa.CheckConstraint(f"monthly_contribution_cents BETWEEN 0 AND {MAX_CENTS}",
                           name="ck_streams_contribution_range"),
        sa.CheckConstraint("end_month IS NULL OR end_month >= start_month", name="ck_streams_end_after_start"),
        sa.PrimaryKeyConstraint("id", name="pk_streams"),
        sa.UniqueConstraint("uid", name="uq_streams_uid"),
    )
    op.create_table(
        "stream_params",
        sa.Column("stream_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("value_cents", sa.Integer(), nullable=True),
        sa.Column("value_text", sa.String(), nullable=True),
        sa.CheckConstraint("(value_cents IS NULL) <> (value_text IS NULL)", name="ck_stream_params_one_value"),
        sa.CheckConstraint(f"value_cents IS NULL OR value_cents BETWEEN 0 AND {MAX_CENTS}",
                           name="ck_stream_params_cents_range"),
        sa.ForeignKeyConstraint(["stream_id"], ["streams.id"], ondelete="CASCADE",
                                name="fk_stream_params_stream_id_streams"),
        sa.PrimaryKeyConstraint("stream_id", "key", name="pk_stream_params"),
    )


def downgrade() -> None:
    op.drop_table("stream_params")
    op.drop_table("streams")
    op.drop_table("tax_rates")
    op.drop_table("plan")

"""The sound answer: plan until an age, success and confidence, overdraft interest, property sales.

The horizon now follows the household's plan-until age, and saving stops at a month rather than
"at FI", so ``horizon_years`` and ``stop_saving_at_fi`` go (with scenario overrides of them). A
safe withdrawal rate other than the old default of 4 % was the user's own choice and stays fixed;
otherwise the rate follows the years left. Property streams gain their selling costs.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

PROPERTY_KINDS = ("rental_property", "short_term_rental")
REMOVED_FIELDS = (("assumptions", "horizon_years"), ("fi_rule", "stop_saving_at_fi"))


def upgrade() -> None:
    with op.batch_alter_table("plan") as batch:
        batch.add_column(sa.Column("plan_until_age", sa.Integer(), nullable=False, server_default="95"))
        batch.add_column(sa.Column("fixed_withdrawal_rate", sa.Boolean(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("shortfall_tolerance", sa.String(), nullable=False, server_default="10"))
        batch.add_column(sa.Column("confidence", sa.String(), nullable=False, server_default="90"))
        batch.add_column(sa.Column("overdraft_rate", sa.String(), nullable=False, server_default="8"))
        batch.add_column(sa.Column("sell_property_last_resort", sa.Boolean(), nullable=False, server_default="1"))
        batch.drop_column("stop_saving_at_fi")
        batch.drop_column("horizon_years")
    op.execute("UPDATE plan SET fixed_withdrawal_rate = 1 WHERE CAST(safe_withdrawal_rate AS REAL) <> 4")
    kinds = ", ".join(f"'{kind}'" for kind in PROPERTY_KINDS)
    op.execute(
        "INSERT INTO stream_params (stream_id, key, position, value_cents, value_text) "
        "SELECT s.id, 'selling_cost', (SELECT COALESCE(MAX(p.position), -1) + 1 FROM stream_params p "
        f"WHERE p.stream_id = s.id), NULL, '6' FROM streams s WHERE s.kind IN ({kinds})"
    )
    for target, field in REMOVED_FIELDS:
        op.execute(f"DELETE FROM scenario_overrides WHERE target = '{target}' AND field = '{field}'")


def downgrade() -> None:
    op.execute("DELETE FROM stream_params WHERE key = 'selling_cost'")
    with op.batch_alter_table("plan") as batch:
        batch.add_column(sa.Column("stop_saving_at_fi", sa.Boolean(), nullable=False, server_default="1"))
        batch.add_column(sa.Column("horizon_years", sa.Integer(), nullable=False, server_default="40"))
        for column in ("plan_until_age", "fixed_withdrawal_rate", "shortfall_tolerance", "confidence",
                       "overdraft_rate", "sell_property_last_resort"):
            batch.drop_column(column)

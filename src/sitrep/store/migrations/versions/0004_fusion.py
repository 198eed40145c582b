"""Fused-layer bookkeeping: fused_members (report events of each fused event, with the reason
each was linked) and fusion_decisions (a user's splits and joins, obeyed by later runs).

Revision ID: 0004
Revises: 0002
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "fused_members",
        sa.Column("fused_id", sa.String(128), primary_key=True),
        sa.Column("event_id", sa.String(128), primary_key=True),
        sa.Column("reason", sa.Text, nullable=True),
    )
    op.create_index("ix_fused_members_event_id", "fused_members", ["event_id"])
    op.create_table(
        "fusion_decisions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("apart", sa.JSON, nullable=False),
        sa.Column("rest", sa.JSON, nullable=False),
        sa.Column("made_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("fusion_decisions")
    op.drop_index("ix_fused_members_event_id", table_name="fused_members")
    op.drop_table("fused_members")

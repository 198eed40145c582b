"""Initial schema: documents, events (report and fused layers), event_documents.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("ref", sa.Text, nullable=True),
        sa.Column("title", sa.Text, nullable=True),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("outlet", sa.Text, nullable=True),
        sa.Column("url", sa.Text, nullable=True),
        sa.Column("published", sa.Date, nullable=True),
        sa.Column("language", sa.String(16), nullable=True),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("extracted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("claims", sa.JSON, nullable=True),
    )
    op.create_table(
        "events",
        sa.Column("layer", sa.String(16), primary_key=True),
        sa.Column("event_id", sa.String(128), primary_key=True),
        sa.Column(
            "doc_id",
            sa.String(64),
            sa.ForeignKey("documents.id", name="fk_events_doc_id"),
            nullable=True,
        ),
        sa.Column("event_date", sa.Date, nullable=True),
        sa.Column("event_type", sa.Text, nullable=False),
        sa.Column("sub_event_type", sa.Text, nullable=False),
        sa.Column("actor1", sa.Text, nullable=True),
        sa.Column("actor2", sa.Text, nullable=True),
        sa.Column("admin1", sa.Text, nullable=True),
        sa.Column("location", sa.Text, nullable=True),
        sa.Column("latitude", sa.Float, nullable=True),
        sa.Column("longitude", sa.Float, nullable=True),
        sa.Column("fatalities", sa.Integer, nullable=True),
        sa.Column("grade", sa.String(32), nullable=True),
        sa.Column("contested", sa.Boolean, nullable=False),
        sa.Column("data", sa.JSON, nullable=False),
    )
    op.create_index("ix_events_layer_date", "events", ["layer", "event_date"])
    op.create_index("ix_events_doc_id", "events", ["doc_id"])
    op.create_table(
        "event_documents",
        sa.Column("layer", sa.String(16), primary_key=True),
        sa.Column("event_id", sa.String(128), primary_key=True),
        sa.Column("doc_id", sa.String(64), primary_key=True),
    )
    op.create_index("ix_event_documents_doc_id", "event_documents", ["doc_id"])


def downgrade() -> None:
    op.drop_table("event_documents")
    op.drop_table("events")
    op.drop_table("documents")

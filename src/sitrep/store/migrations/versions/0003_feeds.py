"""Watched feeds and folders: `feeds`, `feed_items` (seen), `pending_items` (queue).

- `feeds`: one row per watched feed URL or folder, with its interval, HTTP validators (ETag,
  Last-Modified) and poll state (last polled, last success, next poll, failures, last error).
- `feed_items`: every item seen (key = sha256 of the canonical item: URL without tracking
  parameters, or a file's path), with its document id, so nothing is stored twice.
- `pending_items`: documents fetched but not yet extracted; a crash leaves them for the next run.
- `ix_documents_extracted_at`: "events of documents extracted since" (the live map).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "feeds",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("source", sa.Text, nullable=False, unique=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("interval", sa.Float, nullable=False),
        sa.Column("etag", sa.Text, nullable=True),
        sa.Column("last_modified", sa.Text, nullable=True),
        sa.Column("last_polled", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_ok", sa.DateTime(timezone=True), nullable=True),
        sa.Column("next_poll", sa.DateTime(timezone=True), nullable=True),
        sa.Column("failures", sa.Integer, nullable=False),
        sa.Column("last_error", sa.Text, nullable=True),
        sa.Column("new_items", sa.Integer, nullable=False),
        sa.Column("added", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "feed_items",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("feed_id", sa.Integer, nullable=True),
        sa.Column("item", sa.Text, nullable=False),
        sa.Column("doc_id", sa.String(64), nullable=True),
        sa.Column("fingerprint", sa.Text, nullable=True),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_feed_items_doc_id", "feed_items", ["doc_id"])
    op.create_table(
        "pending_items",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("feed_id", sa.Integer, nullable=True),
        sa.Column("item", sa.Text, nullable=False),
        sa.Column("document", sa.JSON, nullable=False),
        sa.Column("queued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("last_error", sa.Text, nullable=True),
    )
    op.create_index("ix_documents_extracted_at", "documents", ["extracted_at"])


def downgrade() -> None:
    op.drop_index("ix_documents_extracted_at", table_name="documents")
    op.drop_table("pending_items")
    op.drop_index("ix_feed_items_doc_id", table_name="feed_items")
    op.drop_table("feed_items")
    op.drop_table("feeds")

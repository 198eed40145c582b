"""The tables of the event store, one schema for SQLite and PostgreSQL (SQLAlchemy Core).

Events are kept in two layers: "report" (what one document says, written by `save_extraction`)
and "fused" (events merged across documents, written by `replace_fused`). The ACLED columns used
for filtering are real, indexed columns of `events` (with lower-case copies, `*_lc`, filled on
write, for the case-insensitive filters); the whole Event, claims and evidence included, is in
`event_data`, read only for the rows a query returns, so filters and counts scan narrow rows.

A change here needs a new Alembic revision in `migrations/versions/`
(tests/store/test_migrations.py fails when the two disagree).
"""

from __future__ import annotations

import sqlalchemy as sa

__all__ = [
    "metadata",
    "documents",
    "events",
    "event_data",
    "event_documents",
    "feeds",
    "feed_items",
    "pending_items",
    "fused_members",
    "fusion_decisions",
    "LAYERS",
    "LC_COLUMNS",
]

# Columns filtered case-insensitively: each has a lower-case copy "<name>_lc" filled on write.
LC_COLUMNS: tuple[str, ...] = ("event_type", "sub_event_type", "admin1", "actor1", "actor2")

LAYERS: tuple[str, ...] = ("report", "fused")

metadata = sa.MetaData()

documents = sa.Table(
    "documents",
    metadata,
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
    sa.Index("ix_documents_extracted_at", "extracted_at"),  # new events since (0003)
)

events = sa.Table(
    "events",
    metadata,
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
    sa.Column("event_type_lc", sa.Text, nullable=True),
    sa.Column("sub_event_type_lc", sa.Text, nullable=True),
    sa.Column("admin1_lc", sa.Text, nullable=True),
    sa.Column("actor1_lc", sa.Text, nullable=True),
    sa.Column("actor2_lc", sa.Text, nullable=True),
    sa.Index("ix_events_layer_date", "layer", "event_date"),
    sa.Index("ix_events_doc_id", "doc_id"),
    sa.Index("ix_events_type", "layer", "event_type_lc", "sub_event_type_lc"),
    sa.Index("ix_events_sub_type", "layer", "sub_event_type_lc"),
    sa.Index("ix_events_admin1", "layer", "admin1_lc", "event_type_lc"),
    sa.Index("ix_events_actors", "layer", "actor1_lc", "actor2_lc"),
    sa.Index("ix_events_actor2", "layer", "actor2_lc"),
    sa.Index("ix_events_lat_lon", "layer", "latitude", "longitude", "event_date", "event_id"),
    sa.Index("ix_events_grade", "layer", "grade", "contested"),
    sa.Index("ix_events_contested", "layer", "contested"),
    sa.Index("ix_events_fatalities", "layer", "fatalities"),
)

# The whole Event (claims, evidence, victims...) as JSON, one row per events row.
event_data = sa.Table(
    "event_data",
    metadata,
    sa.Column("layer", sa.String(16), primary_key=True),
    sa.Column("event_id", sa.String(128), primary_key=True),
    sa.Column("data", sa.JSON, nullable=False),
)

# Which documents each event rests on (one row per doc for report events, many for fused ones).
event_documents = sa.Table(
    "event_documents",
    metadata,
    sa.Column("layer", sa.String(16), primary_key=True),
    sa.Column("event_id", sa.String(128), primary_key=True),
    sa.Column("doc_id", sa.String(64), primary_key=True),
    sa.Index("ix_event_documents_doc_id", "doc_id"),
)

# Watched sources (`sitrep watch`, `sitrep feeds`; migration 0003): feeds and folders, their
# validators and poll state; each item seen (so none is stored twice); items fetched but not
# yet extracted (so a crash loses none). Written by store/feeds.py.
feeds = sa.Table(
    "feeds",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("source", sa.Text, nullable=False, unique=True),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("interval", sa.Float, nullable=False),
    sa.Column("etag", sa.Text, nullable=True),
    sa.Column("last_modified", sa.Text, nullable=True),
    sa.Column("last_polled", sa.DateTime(timezone=True), nullable=True),
    sa.Column("last_ok", sa.DateTime(timezone=True), nullable=True),
    sa.Column("next_poll", sa.DateTime(timezone=True), nullable=True),
    sa.Column("failures", sa.Integer, nullable=False, default=0),
    sa.Column("last_error", sa.Text, nullable=True),
    sa.Column("new_items", sa.Integer, nullable=False, default=0),
    sa.Column("added", sa.DateTime(timezone=True), nullable=False),
)

feed_items = sa.Table(
    "feed_items",
    metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("feed_id", sa.Integer, nullable=True),
    sa.Column("item", sa.Text, nullable=False),
    sa.Column("doc_id", sa.String(64), nullable=True),
    sa.Column("fingerprint", sa.Text, nullable=True),
    sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
    sa.Index("ix_feed_items_doc_id", "doc_id"),
)

pending_items = sa.Table(
    "pending_items",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("feed_id", sa.Integer, nullable=True),
    sa.Column("item", sa.Text, nullable=False),
    sa.Column("document", sa.JSON, nullable=False),
    sa.Column("queued_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("attempts", sa.Integer, nullable=False, default=0),
    sa.Column("last_error", sa.Text, nullable=True),
)

# Fused layer bookkeeping (schema 0004): which report events each fused event rests on and why
# each one was linked; and the user's corrections (split a wrong merge, join a missed one),
# kept in terms of report-event ids and obeyed by every later fusion run.
fused_members = sa.Table(
    "fused_members",
    metadata,
    sa.Column("fused_id", sa.String(128), primary_key=True),
    sa.Column("event_id", sa.String(128), primary_key=True),
    sa.Column("reason", sa.Text, nullable=True),
    sa.Index("ix_fused_members_event_id", "event_id"),
)

fusion_decisions = sa.Table(
    "fusion_decisions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("apart", sa.JSON, nullable=False),
    sa.Column("rest", sa.JSON, nullable=False),
    sa.Column("made_at", sa.DateTime(timezone=True), nullable=False),
)

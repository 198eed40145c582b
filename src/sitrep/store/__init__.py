"""The event store: documents and events in SQLite (default) or PostgreSQL.

    >>> from sitrep.store import open_store, EventQuery
    >>> store = open_store("events.db")
    >>> store.save_extraction(doc, extract_document(doc))
    >>> store.query_events(EventQuery(admin1="Aleppo", since=date(2016, 8, 1)))

A new database is created at the current schema version; an older one is refused until
`sitrep db upgrade` has migrated it (Alembic, migrations in `sitrep/store/migrations/`).
"""

from __future__ import annotations

from sitrep.store.migrate import head_revision, upgrade
from sitrep.store.query import EventQuery, haversine_km
from sitrep.store.store import Store, create_engine, display_url, normalise_url, open_store

__all__ = [
    "EventQuery",
    "Store",
    "create_engine",
    "display_url",
    "haversine_km",
    "head_revision",
    "normalise_url",
    "open_store",
    "upgrade",
]

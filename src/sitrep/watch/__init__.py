"""Watching: feeds and folders followed continuously, new items extracted, stored and fused.

    >>> from sitrep.store import open_store
    >>> from sitrep.watch import Watcher, add_sources
    >>> store = open_store("events.db")
    >>> add_sources(store, [("https://example.org/feed.xml", 300.0)])
    >>> Watcher(store).run(until_idle=True)

State (feeds, items seen, the queue of fetched items) is in the database (store/feeds.py), so a
restart goes on where the last run stopped.
"""

from __future__ import annotations

from sitrep.watch.canonical import canonical_url
from sitrep.watch.watcher import (
    Watcher,
    WatchSettings,
    WatchSummary,
    add_sources,
    backoff_seconds,
    update_fused,
)

__all__ = [
    "Watcher",
    "WatchSettings",
    "WatchSummary",
    "add_sources",
    "backoff_seconds",
    "canonical_url",
    "update_fused",
]

"""Watched sources in the store: feeds and folders, the items seen, the pending-items queue.

Functions over an open `Store` (tables in schema.py, migration 0003). A poll's new items, the
items it marks seen and the feed's new state are written in one transaction (`queue_items`), so
a crash leaves either the poll undone (it is redone) or its items queued (they are extracted on
restart); an extracted item leaves the queue only after its events are stored.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from sitrep.errors import ConfigError, StoreError
from sitrep.records import Document
from sitrep.store.schema import documents, feed_items, feeds, pending_items
from sitrep.store.store import Store

__all__ = [
    "Feed",
    "NewItem",
    "PendingItem",
    "PollState",
    "add_feed",
    "extracted_since",
    "last_extracted",
    "pending_count",
    "feed_by_source",
    "fingerprints",
    "finish_pending",
    "fail_pending",
    "item_key",
    "list_feeds",
    "pending",
    "queue_items",
    "record_failure",
    "remove_feed",
    "seen_docs",
    "seen_keys",
]

KINDS = ("feed", "folder")


@dataclass(frozen=True)
class Feed:
    """One watched source and its state (a row of `feeds`)."""

    id: int
    source: str
    kind: str
    interval: float
    etag: str | None
    last_modified: str | None
    last_polled: datetime | None
    last_ok: datetime | None
    next_poll: datetime | None
    failures: int
    last_error: str | None
    items: int
    added: datetime


@dataclass(frozen=True)
class NewItem:
    """An item a poll found: its canonical key, the document (None: a file that yields none)."""

    item: str
    document: Document | None
    fingerprint: str | None = None


@dataclass(frozen=True)
class PendingItem:
    """A queued document, fetched but not yet extracted."""

    id: int
    feed_id: int | None
    item: str
    document: Document
    attempts: int


@dataclass(frozen=True)
class PollState:
    """A feed's state after a successful poll."""

    etag: str | None
    last_modified: str | None
    polled: datetime
    next_poll: datetime


def item_key(item: str) -> str:
    """Return the primary key of a seen item: sha256 of its canonical form."""
    return hashlib.sha256(item.encode("utf-8")).hexdigest()


def _utc(value: datetime | None) -> datetime | None:
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=UTC)


def _feed(row: Any) -> Feed:
    return Feed(
        id=row["id"],
        source=row["source"],
        kind=row["kind"],
        interval=float(row["interval"]),
        etag=row["etag"],
        last_modified=row["last_modified"],
        last_polled=_utc(row["last_polled"]),
        last_ok=_utc(row["last_ok"]),
        next_poll=_utc(row["next_poll"]),
        failures=int(row["failures"] or 0),
        last_error=row["last_error"],
        items=int(row["new_items"] or 0),
        added=_utc(row["added"]) or datetime.now(UTC),
    )


def _error(store: Store, action: str, exc: Exception) -> StoreError:
    detail = str(getattr(exc, "orig", None) or exc).splitlines()[0]
    return StoreError(f"Cannot {action} in {store.url}: {detail}", code="E309")


def add_feed(store: Store, source: str, kind: str, interval: float) -> Feed:
    """Save a feed or folder to watch (an existing one gets the new interval).

    store (Store): the store.
    source (str): feed URL, feed file path or folder path.
    kind (str): "feed" or "folder".
    interval (float): seconds between polls.
    RETURNS (Feed): the saved row.
    """
    if kind not in KINDS:
        raise ConfigError(f"A watched source is a feed or a folder, not {kind!r}.", code="E240")
    if interval <= 0:
        raise ConfigError(f"{source}: the interval must be positive seconds.", code="E241")
    try:
        with store.engine.begin() as conn:
            found = conn.execute(sa.select(feeds.c.id).where(feeds.c.source == source)).first()
            if found is None:
                conn.execute(
                    feeds.insert().values(
                        source=source,
                        kind=kind,
                        interval=interval,
                        failures=0,
                        new_items=0,
                        added=datetime.now(UTC),
                    )
                )
            else:
                conn.execute(feeds.update().where(feeds.c.id == found.id).values(interval=interval))
    except IntegrityError:
        pass  # added by another process at the same moment: read it below
    except SQLAlchemyError as exc:
        raise _error(store, "save the feed", exc) from exc
    feed = feed_by_source(store, source)
    assert feed is not None
    return feed


def feed_by_source(store: Store, source: str) -> Feed | None:
    """Return the saved feed with this source (URL or path), or None."""
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(feeds).where(feeds.c.source == source)).first()
    return None if row is None else _feed(row._mapping)


def list_feeds(store: Store) -> list[Feed]:
    """Return every saved feed and folder, in the order they were added."""
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(feeds).order_by(feeds.c.id)).all()
    return [_feed(row._mapping) for row in rows]


def remove_feed(store: Store, source: str) -> bool:
    """Stop watching a source (its seen items stay, so re-adding it stores nothing twice).

    source (str): the source as saved, or its id.
    RETURNS (bool): True if a feed was removed.
    """
    condition = feeds.c.source == source
    if source.isdigit():
        condition = condition | (feeds.c.id == int(source))
    with store.engine.begin() as conn:
        return bool(conn.execute(feeds.delete().where(condition)).rowcount)


def record_failure(
    store: Store, feed_id: int, error: str, polled: datetime, retry: datetime
) -> None:
    """Count a failed poll: failures + 1, the error, the next try (backoff chosen by the caller)."""
    with store.engine.begin() as conn:
        conn.execute(
            feeds.update()
            .where(feeds.c.id == feed_id)
            .values(
                failures=feeds.c.failures + 1,
                last_error=error[:2000],
                last_polled=polled,
                next_poll=retry,
            )
        )


def seen_keys(store: Store, items: Iterable[str]) -> set[str]:
    """Return which of these canonical items were seen before."""
    by_key = {item_key(item): item for item in items}
    found: set[str] = set()
    keys = list(by_key)
    with store.engine.connect() as conn:
        for start in range(0, len(keys), 500):
            rows = conn.execute(
                sa.select(feed_items.c.key).where(feed_items.c.key.in_(keys[start : start + 500]))
            )
            found.update(by_key[key] for key in rows.scalars())
    return found


def seen_docs(store: Store, doc_ids: Iterable[str]) -> set[str]:
    """Return which of these document ids are stored or were seen (queued) before."""
    ids = list(dict.fromkeys(doc_ids))
    found: set[str] = set()
    with store.engine.connect() as conn:
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            found.update(
                conn.execute(sa.select(documents.c.id).where(documents.c.id.in_(chunk))).scalars()
            )
            found.update(
                conn.execute(
                    sa.select(feed_items.c.doc_id).where(feed_items.c.doc_id.in_(chunk))
                ).scalars()
            )
    return found


def fingerprints(store: Store, feed_id: int) -> dict[str, str]:
    """Return the fingerprint of each file item seen for a folder (item -> "mtime:size:hash")."""
    with store.engine.connect() as conn:
        rows = conn.execute(
            sa.select(feed_items.c.item, feed_items.c.fingerprint).where(
                feed_items.c.feed_id == feed_id, feed_items.c.fingerprint.is_not(None)
            )
        )
        return {row.item: row.fingerprint for row in rows}


def _seen_row(feed_id: int, item: NewItem, now: datetime) -> dict[str, Any]:
    return {
        "key": item_key(item.item),
        "feed_id": feed_id,
        "item": item.item,
        "doc_id": item.document.id if item.document is not None else None,
        "fingerprint": item.fingerprint,
        "seen_at": now,
    }


def queue_items(store: Store, feed_id: int, items: list[NewItem], state: PollState) -> int:
    """In one transaction: mark items seen, queue their documents, record the successful poll.

    store (Store): the store.
    feed_id (int): the feed polled.
    items (list[NewItem]): new (or changed, for files) items; an item whose key is stored
        already has its fingerprint and document id updated.
    state (PollState): validators and times to record.
    RETURNS (int): documents queued.
    """
    now = datetime.now(UTC)
    queued = 0
    try:
        with store.engine.begin() as conn:
            for item in items:
                row = _seen_row(feed_id, item, now)
                done = conn.execute(
                    feed_items.update()
                    .where(feed_items.c.key == row["key"])
                    .values(fingerprint=row["fingerprint"], doc_id=row["doc_id"], seen_at=now)
                ).rowcount
                if not done:
                    conn.execute(feed_items.insert().values(**row))
                if item.document is not None:
                    conn.execute(
                        pending_items.insert().values(
                            feed_id=feed_id,
                            item=item.item,
                            queued_at=now,
                            attempts=0,
                            document=item.document.model_dump(mode="json"),
                        )
                    )
                    queued += 1
            conn.execute(
                feeds.update()
                .where(feeds.c.id == feed_id)
                .values(
                    etag=state.etag,
                    last_modified=state.last_modified,
                    last_polled=state.polled,
                    last_ok=state.polled,
                    next_poll=state.next_poll,
                    failures=0,
                    last_error=None,
                    new_items=feeds.c.new_items + queued,
                )
            )
    except SQLAlchemyError as exc:
        raise _error(store, "queue the new items", exc) from exc
    return queued


def pending(store: Store, *, limit: int = 50, max_attempts: int = 3) -> list[PendingItem]:
    """Return queued documents, oldest first, skipping those that failed max_attempts times."""
    with store.engine.connect() as conn:
        rows = conn.execute(
            sa.select(pending_items)
            .where(pending_items.c.attempts < max_attempts)
            .order_by(pending_items.c.id)
            .limit(limit)
        ).all()
    return [
        PendingItem(
            id=row.id,
            feed_id=row.feed_id,
            item=row.item,
            document=Document.model_validate(row.document),
            attempts=int(row.attempts or 0),
        )
        for row in rows
    ]


def finish_pending(store: Store, pending_id: int) -> None:
    """Take an item off the queue once its extraction is stored."""
    with store.engine.begin() as conn:
        conn.execute(pending_items.delete().where(pending_items.c.id == pending_id))


def fail_pending(store: Store, pending_id: int, error: str) -> None:
    """Count a failed extraction of a queued item (it is retried until max_attempts)."""
    with store.engine.begin() as conn:
        conn.execute(
            pending_items.update()
            .where(pending_items.c.id == pending_id)
            .values(attempts=pending_items.c.attempts + 1, last_error=error[:2000])
        )


def pending_count(store: Store) -> int:
    """Return how many items are queued (failed ones included)."""
    with store.engine.connect() as conn:
        count = conn.execute(sa.select(sa.func.count()).select_from(pending_items)).scalar()
    return int(count or 0)


def extracted_since(
    store: Store, after: tuple[datetime, str] | None, limit: int = 200
) -> list[tuple[datetime, str]]:
    """Return (extracted_at, doc id) of documents extracted after a cursor, oldest first.

    store (Store): the store.
    after (tuple | None): the last (extracted_at, doc id) already seen; None: from the start.
    limit (int): at most this many.
    RETURNS (list): cursors in order; the last one is the next call's `after`.
    """
    stmt = sa.select(documents.c.extracted_at, documents.c.id).where(
        documents.c.extracted_at.is_not(None)
    )
    if after is not None:
        when, doc_id = after
        stmt = stmt.where(
            (documents.c.extracted_at > when)
            | ((documents.c.extracted_at == when) & (documents.c.id > doc_id))
        )
    stmt = stmt.order_by(documents.c.extracted_at, documents.c.id).limit(limit)
    with store.engine.connect() as conn:
        rows = conn.execute(stmt).all()
    return [(_utc(row.extracted_at) or datetime.now(UTC), row.id) for row in rows]


def last_extracted(store: Store) -> tuple[datetime, str] | None:
    """Return the (extracted_at, doc id) of the latest extracted document, None if none."""
    stmt = (
        sa.select(documents.c.extracted_at, documents.c.id)
        .where(documents.c.extracted_at.is_not(None))
        .order_by(documents.c.extracted_at.desc(), documents.c.id.desc())
        .limit(1)
    )
    with store.engine.connect() as conn:
        row = conn.execute(stmt).first()
    return None if row is None else (_utc(row.extracted_at) or datetime.now(UTC), row.id)

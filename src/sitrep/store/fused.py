"""Reading and writing the fused layer with its bookkeeping (schema 0004).

The fuse stage computes fused events; these functions only store them: each fused event with its
member report events and the reason each was linked (`fused_members`), and the user's splits
and joins (`fusion_decisions`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from sitrep.errors import StoreError
from sitrep.records import Document, Event
from sitrep.store.schema import (
    documents,
    event_data,
    event_documents,
    events,
    fused_members,
    fusion_decisions,
)
from sitrep.store.store import Store, _data_row, _event_row

__all__ = [
    "FusedRow",
    "write_fused",
    "fused_member_reasons",
    "fused_ids_for",
    "report_candidates",
    "documents_by_id",
    "report_events_of",
    "members_of",
    "add_decision",
    "load_decisions",
]

# A fused event and its members: report event id -> why it was linked.
FusedRow = tuple[Event, Mapping[str, str]]

CHUNK = 500


def _chunks(items: Sequence[str]) -> Iterable[Sequence[str]]:
    for i in range(0, len(items), CHUNK):
        yield items[i : i + CHUNK]


def _delete(conn: sa.Connection, ids: Sequence[str] | None) -> None:
    """Delete fused events (all of them when ids is None) with their members."""
    if ids is None:
        conn.execute(event_documents.delete().where(event_documents.c.layer == "fused"))
        conn.execute(event_data.delete().where(event_data.c.layer == "fused"))
        conn.execute(events.delete().where(events.c.layer == "fused"))
        conn.execute(fused_members.delete())
        return
    for chunk in _chunks(ids):
        for table in (event_documents, event_data, events):
            conn.execute(
                table.delete().where(table.c.layer == "fused", table.c.event_id.in_(chunk))
            )
        conn.execute(fused_members.delete().where(fused_members.c.fused_id.in_(chunk)))


def write_fused(store: Store, rows: Iterable[FusedRow], *, remove: Sequence[str] | None) -> int:
    """Store fused events and their members in one transaction, after removing old ones.

    store (Store): an open store.
    rows (Iterable[FusedRow]): (fused Event, {report event id: reason}).
    remove (Sequence[str] | None): fused ids to delete first; None deletes the whole layer.
    RETURNS (int): how many fused events were written.
    """
    inserts: dict[str, list[dict[str, Any]]] = {"events": [], "data": [], "docs": [], "members": []}
    for event, members in rows:
        inserts["events"].append(_event_row(event, "fused", None))
        inserts["data"].append(_data_row(event, "fused"))
        inserts["docs"].extend(
            {"layer": "fused", "event_id": event.event_id, "doc_id": d}
            for d in dict.fromkeys(event.doc_ids)
        )
        inserts["members"].extend(
            {"fused_id": event.event_id, "event_id": m, "reason": r} for m, r in members.items()
        )
    tables = {"events": events, "data": event_data, "docs": event_documents}
    try:
        with store.engine.begin() as conn:
            _delete(conn, remove)
            for name, table in (*tables.items(), ("members", fused_members)):
                if inserts[name]:
                    conn.execute(table.insert(), inserts[name])
    except IntegrityError as exc:
        raise StoreError(f"Two fused events share an event_id: {exc.orig}", code="E308") from exc
    except SQLAlchemyError as exc:
        raise store._error("store the fused events", exc) from exc
    return len(inserts["events"])


def fused_member_reasons(store: Store, fused_id: str) -> dict[str, str]:
    """Return the report events of a fused event, each with why it was linked ({} if none)."""
    query = sa.select(fused_members.c.event_id, fused_members.c.reason).where(
        fused_members.c.fused_id == fused_id
    )
    with store.engine.connect() as conn:
        return {row.event_id: row.reason or "" for row in conn.execute(query)}


def fused_ids_for(
    store: Store, *, event_ids: Sequence[str] = (), doc_ids: Sequence[str] = ()
) -> set[str]:
    """Return the fused events holding any of these report events or resting on these documents."""
    found: set[str] = set()
    with store.engine.connect() as conn:
        for chunk in _chunks(list(event_ids)):
            query = sa.select(fused_members.c.fused_id).where(fused_members.c.event_id.in_(chunk))
            found.update(conn.execute(query).scalars())
        for chunk in _chunks(list(doc_ids)):
            query = sa.select(event_documents.c.event_id).where(
                event_documents.c.layer == "fused", event_documents.c.doc_id.in_(chunk)
            )
            found.update(conn.execute(query).scalars())
    return found


def report_candidates(
    store: Store,
    *,
    admin1: str | None,
    sub_event_types: Sequence[str],
    day: date,
    windows: Mapping[int, int],
) -> list[Event]:
    """Return the report events that could be one event with a report of this day and place.

    Those in the governorate `admin1` (case-insensitive; None: in any), of one of
    `sub_event_types`, whose date is within `windows[p]` days of `day`, p being each one's own
    time_precision (1 when unknown); a precision not in `windows` gets the widest window. The
    date and place tests run in SQL on the indexed columns; only the rows found are read and
    parsed.
    """
    widest = max(windows.values())
    data = event_data.c.data["time_precision"].as_integer()
    precision = sa.func.coalesce(data, 1)
    known = [
        sa.and_(precision == p, events.c.event_date.between(day - _days(w), day + _days(w)))
        for p, w in windows.items()
    ]
    known.append(precision.not_in(list(windows)))
    stmt = (
        sa.select(event_data.c.data)
        .select_from(
            events.join(
                event_data,
                sa.and_(
                    event_data.c.layer == events.c.layer, event_data.c.event_id == events.c.event_id
                ),
            )
        )
        .where(
            events.c.layer == "report",
            events.c.sub_event_type_lc.in_([t.lower() for t in sub_event_types]),
            events.c.event_date.between(day - _days(widest), day + _days(widest)),
            sa.or_(*known),
        )
        .order_by(events.c.event_id)
    )
    if admin1 is not None:
        stmt = stmt.where(events.c.admin1_lc == admin1.lower())
    try:
        with store.engine.connect() as conn:
            return [Event.model_validate(row.data) for row in conn.execute(stmt)]
    except SQLAlchemyError as exc:
        raise store._error("read candidate reports", exc) from exc


def documents_by_id(store: Store, doc_ids: Sequence[str]) -> dict[str, Document]:
    """Return the stored documents with these ids (those found), read in chunks."""
    found: dict[str, Document] = {}
    try:
        with store.engine.connect() as conn:
            for chunk in _chunks(list(dict.fromkeys(doc_ids))):
                rows = conn.execute(sa.select(documents).where(documents.c.id.in_(chunk)))
                found.update((row.id, store._document(row._mapping)) for row in rows)
    except SQLAlchemyError as exc:
        raise store._error("read documents", exc) from exc
    return found


def members_of(
    store: Store, fused_ids: Sequence[str], *, known: Mapping[str, Event]
) -> list[Event]:
    """Return the member report events of these fused events that are not in `known`."""
    ids: set[str] = set()
    try:
        with store.engine.connect() as conn:
            for chunk in _chunks(list(fused_ids)):
                query = sa.select(fused_members.c.event_id).where(
                    fused_members.c.fused_id.in_(chunk)
                )
                ids.update(conn.execute(query).scalars())
            return store._events(conn, "report", sorted(ids - set(known)))
    except SQLAlchemyError as exc:
        raise store._error("read fused members", exc) from exc


def report_events_of(store: Store, doc_ids: Sequence[str]) -> list[Event]:
    """Return the report events resting on any of these documents, by event id."""
    ids: set[str] = set()
    try:
        with store.engine.connect() as conn:
            for chunk in _chunks(list(dict.fromkeys(doc_ids))):
                query = sa.select(event_documents.c.event_id).where(
                    event_documents.c.layer == "report", event_documents.c.doc_id.in_(chunk)
                )
                ids.update(conn.execute(query).scalars())
            return store._events(conn, "report", sorted(ids))
    except SQLAlchemyError as exc:
        raise store._error("read report events", exc) from exc


def _days(n: int) -> timedelta:
    return timedelta(days=n)


def add_decision(store: Store, kind: str, apart: Sequence[str], rest: Sequence[str]) -> int:
    """Record a user's split or join (in report-event ids); RETURNS its id."""
    row = {"kind": kind, "apart": list(apart), "rest": list(rest), "made_at": datetime.now(UTC)}
    with store.engine.begin() as conn:
        result = conn.execute(fusion_decisions.insert().values(**row))
        return int(result.inserted_primary_key[0])  # type: ignore[index]


def load_decisions(store: Store) -> list[tuple[str, list[str], list[str]]]:
    """Return every decision as (kind, apart, rest), oldest first."""
    query = sa.select(
        fusion_decisions.c.kind, fusion_decisions.c.apart, fusion_decisions.c.rest
    ).order_by(fusion_decisions.c.id)
    with store.engine.connect() as conn:
        return [(r.kind, list(r.apart), list(r.rest)) for r in conn.execute(query)]

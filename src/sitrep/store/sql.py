"""SQL for `EventQuery`: the WHERE conditions and ORDER BY on the narrow `events` table.

Case-insensitive filters compare the lower-case copies (`*_lc`, Python's str.lower on both
sides) by equality, so they use the indexes of schema.py. The actor filter keeps its substring
semantics over actor1_lc and actor2_lc, matched literally (% and _ are plain characters): instr()
on SQLite, strpos() on PostgreSQL, an escaped LIKE elsewhere. `near` is an indexed
latitude/longitude box (wrapped at ±180) plus the exact great-circle test in SQL (the
haversine formula, sin and cos only), so paging and counting run in the database.
"""

from __future__ import annotations

import math
from typing import Any

import sqlalchemy as sa

from sitrep.store.query import EARTH_RADIUS_KM, EventQuery, lon_ranges, near_bbox
from sitrep.store.schema import event_documents, events

__all__ = ["contains", "like_substring", "order_clauses", "where_clauses", "within_km"]


def like_substring(text: str) -> str:
    r"""Return a LIKE pattern (escape character \) matching `text` anywhere, literally."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def contains(column: sa.ColumnElement[Any], text: str, dialect: str) -> sa.ColumnElement[bool]:
    """Return the SQL test "column contains text", literally (no wildcards), for a dialect.

    column (ColumnElement): a text column.
    text (str): the substring.
    dialect (str): "sqlite" (instr), "postgresql" (strpos) or another (LIKE, escaped).
    RETURNS (ColumnElement): the condition.
    """
    if dialect == "sqlite":
        return sa.func.instr(column, text) > 0
    if dialect == "postgresql":
        return sa.func.strpos(column, text) > 0
    return column.like(like_substring(text), escape="\\")


def within_km(lat: float, lon: float, km: float) -> sa.ColumnElement[bool]:
    """Return the SQL test "the event is within km of (lat, lon)" (haversine, great circle).

    d <= km  <=>  a <= sin(km / 2R)^2, with a = sin(dlat/2)^2 + cos(lat1) cos(lat2) sin(dlon/2)^2,
    so only sin and cos are needed (SQLite gets them from `create_engine` if its build lacks them).
    """
    half_angle = km / (2 * EARTH_RADIUS_KM)
    if half_angle >= math.pi / 2:
        return events.c.latitude.is_not(None) & events.c.longitude.is_not(None)
    rad = math.pi / 180
    sin_dlat = sa.func.sin((events.c.latitude * rad - math.radians(lat)) / 2)
    sin_dlon = sa.func.sin((events.c.longitude * rad - math.radians(lon)) / 2)
    cos_lat = sa.func.cos(events.c.latitude * rad)
    a = sin_dlat * sin_dlat + math.cos(math.radians(lat)) * cos_lat * sin_dlon * sin_dlon
    return a <= math.sin(half_angle) ** 2


def where_clauses(query: EventQuery, dialect: str = "") -> list[sa.ColumnElement[bool]]:
    """Return the WHERE conditions of a query on `events`.

    query (EventQuery): the filters.
    dialect (str): the database's dialect name (engine.dialect.name), for the actor filter.
    RETURNS (list): conditions to AND together; each filter is index-friendly (see schema.py).
    """
    c = events.c
    where: list[sa.ColumnElement[bool]] = [c.layer == query.layer]
    if query.since is not None:
        where.append(c.event_date >= query.since)
    if query.until is not None:
        where.append(c.event_date <= query.until)
    if query.event_type:
        where.append(c.event_type_lc == query.event_type.lower())
    if query.sub_event_type:
        where.append(c.sub_event_type_lc == query.sub_event_type.lower())
    if query.actor:
        text = query.actor.lower()
        where.append(
            sa.or_(contains(c.actor1_lc, text, dialect), contains(c.actor2_lc, text, dialect))
        )
    if query.admin1:
        where.append(c.admin1_lc == query.admin1.lower())
    if query.grade is not None:
        where.append(c.grade == query.grade)
    if query.contested is not None:
        where.append(c.contested == query.contested)
    if query.doc_id is not None:
        linked = sa.select(event_documents.c.event_id).where(
            event_documents.c.layer == query.layer, event_documents.c.doc_id == query.doc_id
        )
        where.append(c.event_id.in_(linked))
    boxes = [b for b in (query.bbox, near_bbox(*query.near) if query.near else None) if b]
    for min_lon, min_lat, max_lon, max_lat in boxes:
        where.append(c.latitude.between(min_lat, max_lat))
        ranges = lon_ranges(min_lon, max_lon)
        if ranges is not None:
            where.append(sa.or_(*(c.longitude.between(low, high) for low, high in ranges)))
    if query.near is not None:
        where.append(within_km(*query.near))
    return where


def order_clauses(query: EventQuery) -> list[sa.ColumnElement[Any]]:
    """Return the ORDER BY of a query: its column, NULLs last either way, then event_id."""
    name = query.order_by.lstrip("-")
    column = events.c[name]
    # NULLs last in both directions, the same in SQLite (3.30+) and PostgreSQL; written so that
    # the (layer, column) index can give the order.
    first = column.desc() if query.order_by.startswith("-") else column.asc()
    return [first.nulls_last(), events.c.event_id.asc()]

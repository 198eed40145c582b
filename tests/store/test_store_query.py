"""Filters at the edges: literal % and _ in actor names, the antimeridian, the near box, indexes."""

from __future__ import annotations

import math

import pytest
import sqlalchemy as sa

from sitrep.records import Document, Event, Extraction
from sitrep.store import EventQuery, Store, haversine_km
from sitrep.store.query import EARTH_RADIUS_KM, lon_ranges, near_bbox
from sitrep.store.schema import events
from sitrep.store.sql import where_clauses


def _save(store: Store, *fields: dict[str, object]) -> list[str]:
    doc = Document.from_text("Edge cases for the event filters.", ref="edge")
    events = [
        Event(
            event_id=f"E{n}",
            doc_ids=[doc.id],
            event_type="Battles",
            sub_event_type="Armed clash",
            **f,  # type: ignore[arg-type]
        )
        for n, f in enumerate(fields)
    ]
    store.save_extraction(doc, Extraction(doc_id=doc.id, events=events))
    return [e.event_id for e in events]


def _ids(store: Store, query: EventQuery) -> list[str]:
    found = [e.event_id for e in store.query_events(query)]
    assert store.count_events(query) == len(found)
    return found


@pytest.mark.parametrize(
    "actor,expected",
    [
        ("100%", ["E0"]),
        ("%", ["E0"]),
        ("unit_7", ["E2"]),
        ("_", ["E2"]),
        ("back\\slash", ["E4"]),
        ("brigade", ["E0", "E1"]),
        ("BRIGADE 100", ["E0", "E1"]),
    ],
)
def test_store_query_actor_matches_percent_and_underscore_literally(
    any_store: Store, actor: str, expected: list[str]
) -> None:
    _save(
        any_store,
        {"actor1": "Brigade 100% Martyrs"},
        {"actor1": "Brigade 1000 Martyrs"},
        {"actor2": "Unit_7"},
        {"actor1": "Unit 77"},
        {"actor1": "Back\\Slash Group"},
    )
    assert _ids(any_store, EventQuery(actor=actor, order_by="event_id")) == expected


def test_store_query_near_wraps_at_the_antimeridian(any_store: Store) -> None:
    _save(
        any_store,
        {"latitude": -17.0, "longitude": 179.9},
        {"latitude": -17.0, "longitude": -179.9},
        {"latitude": -17.0, "longitude": 178.0},
        {"latitude": -17.0, "longitude": 0.0},
    )
    assert _ids(any_store, EventQuery(near=(-17.0, 179.95, 30), order_by="event_id")) == [
        "E0",
        "E1",
    ]
    assert _ids(any_store, EventQuery(near=(-17.0, -179.99, 30), order_by="event_id")) == [
        "E0",
        "E1",
    ]
    assert _ids(any_store, EventQuery(bbox=(179.0, -18.0, -179.0, -16.0), order_by="event_id")) == [
        "E0",
        "E1",
    ]


def test_store_query_near_finds_the_widest_point_of_the_circle(any_store: Store) -> None:
    """At 70°N the circle is wider than radius / cos(lat) degrees of longitude."""
    lat, km = 70.0, 1500.0
    radius = km / EARTH_RADIUS_KM
    widest_lat = math.degrees(math.asin(math.sin(math.radians(lat)) / math.cos(radius)))
    widest_dlon = math.degrees(math.asin(math.sin(radius) / math.cos(math.radians(lat))))
    edge = (widest_lat, 20.0 + widest_dlon * 0.999)
    assert haversine_km(lat, 20.0, *edge) < km
    assert edge[1] - 20.0 > math.degrees(radius) / math.cos(math.radians(lat))
    _save(any_store, {"latitude": edge[0], "longitude": edge[1]})
    assert _ids(any_store, EventQuery(near=(lat, 20.0, km))) == ["E0"]


@pytest.mark.parametrize(
    "lat,lon,km",
    [(36.2, 37.1, 25), (-17.0, 179.95, 80), (70.0, -179.0, 1500), (89.9, 10.0, 50), (0, 0, 9000)],
)
def test_store_query_near_box_holds_the_whole_circle(lat: float, lon: float, km: float) -> None:
    """Points on the circle, every 5° of bearing, all fall in the box (wrapped at ±180)."""
    min_lon, min_lat, max_lon, max_lat = near_bbox(lat, lon, km)
    ranges = lon_ranges(min_lon, max_lon)
    radius = km / EARTH_RADIUS_KM
    p1, l1 = math.radians(lat), math.radians(lon)
    for bearing in range(0, 360, 5):
        b = math.radians(bearing)
        p2 = math.asin(
            math.sin(p1) * math.cos(radius) + math.cos(p1) * math.sin(radius) * math.cos(b)
        )
        l2 = l1 + math.atan2(
            math.sin(b) * math.sin(radius) * math.cos(p1),
            math.cos(radius) - math.sin(p1) * math.sin(p2),
        )
        point_lat = math.degrees(p2)
        point_lon = (math.degrees(l2) + 540) % 360 - 180
        assert min_lat - 1e-9 <= point_lat <= max_lat + 1e-9
        if ranges is not None:
            assert any(low - 1e-9 <= point_lon <= high + 1e-9 for low, high in ranges), bearing


def test_store_query_lon_ranges() -> None:
    assert lon_ranges(10, 20) == [(10, 20)]
    assert lon_ranges(170, -170) == [(170, 180.0), (-180.0, -170)]
    assert lon_ranges(-185, -175) == [(175, 180.0), (-180.0, -175)]
    assert lon_ranges(175, 185) == [(175, 180.0), (-180.0, -175)]
    assert lon_ranges(-180, 180) is None


@pytest.mark.parametrize(
    "query",
    [
        EventQuery(event_type="battles", admin1="aleppo"),
        EventQuery(sub_event_type="air/drone strike"),
        EventQuery(grade="A", contested=True),
        EventQuery(near=(33.5, 36.3, 25)),
        EventQuery(doc_id="x"),
    ],
)
def test_store_query_filters_use_an_index(fresh_store: Store, query: EventQuery) -> None:
    """SQLite's plan for the filter searches an index instead of scanning the events table."""
    where = where_clauses(query, "sqlite")
    stmt = sa.select(sa.func.count()).select_from(events).where(*where)
    with fresh_store.engine.connect() as conn:
        compiled = stmt.compile(conn, compile_kwargs={"literal_binds": True})
        plan = " ".join(
            str(row[-1]) for row in conn.execute(sa.text(f"EXPLAIN QUERY PLAN {compiled}"))
        )
    assert (
        "USING" in plan
        and "INDEX" in plan
        and "SCAN events" not in plan.replace("SCAN events USING", "")
    ), plan


@pytest.mark.parametrize("actor,expected", [("100%", ["E0"]), ("t_7", ["E2"]), ("it 7", ["E3"])])
def test_store_query_actor_like_fallback_is_escaped(
    fresh_store: Store, actor: str, expected: list[str]
) -> None:
    """The LIKE form used for databases other than SQLite and PostgreSQL matches literally too."""
    _save(
        fresh_store,
        {"actor1": "brigade 100% martyrs"},
        {"actor1": "brigade 1000 martyrs"},
        {"actor2": "unit_7"},
        {"actor1": "unit 77"},
    )
    stmt = sa.select(events.c.event_id).where(*where_clauses(EventQuery(actor=actor), "other"))
    with fresh_store.engine.connect() as conn:
        assert sorted(conn.execute(stmt).scalars()) == expected

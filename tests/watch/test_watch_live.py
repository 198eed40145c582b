"""`/api/live` (new events since a cursor, for the live map) and `/api/feeds` (feed status)."""

from __future__ import annotations

from datetime import date

from fastapi.testclient import TestClient

from sitrep.api import create_app
from sitrep.records import Document, Event, Extraction
from sitrep.store import Store
from sitrep.watch import add_sources


def _extract(store: Store, n: int) -> Document:
    doc = Document.from_text(f"Shelling of Kafr Zita, report number {n}, killed civilians.")
    event = Event(
        event_id=f"ev-{n}",
        event_date=date(2016, 8, 7),
        event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack",
        location="Kafr Zita",
        latitude=35.37,
        longitude=36.6,
        doc_ids=[doc.id],
    )
    store.save_extraction(doc, Extraction(doc_id=doc.id, events=[event], claims=[]))
    return doc


def test_live_returns_only_events_after_the_cursor(fresh_store: Store) -> None:
    client = TestClient(create_app(store=fresh_store))
    _extract(fresh_store, 1)
    start = client.get("/api/live").json()
    assert start["features"] == [] and start["cursor"]
    _extract(fresh_store, 2)
    _extract(fresh_store, 3)
    new = client.get("/api/live", params={"after": start["cursor"]}).json()
    assert [f["properties"]["event_id"] for f in new["features"]] == ["ev-2", "ev-3"]
    again = client.get("/api/live", params={"after": new["cursor"]}).json()
    assert again["features"] == [] and again["cursor"] == new["cursor"]


def test_live_bad_cursor_is_422(fresh_store: Store) -> None:
    client = TestClient(create_app(store=fresh_store))
    assert client.get("/api/live", params={"after": "yesterday|x"}).status_code == 422


def test_live_feeds_status(fresh_store: Store) -> None:
    add_sources(fresh_store, [("http://127.0.0.1:9/feed.xml", 90.0)])
    body = TestClient(create_app(store=fresh_store)).get("/api/feeds").json()
    assert body["pending"] == 0
    assert [(f["source"], f["interval"], f["failures"]) for f in body["feeds"]] == [
        ("http://127.0.0.1:9/feed.xml", 90.0, 0)
    ]


def test_live_page_loads_live_script_without_inline_code(fresh_store: Store) -> None:
    client = TestClient(create_app(store=fresh_store))
    page = client.get("/events").text
    assert '<script src="/static/live.js"></script>' in page and 'id="feeds"' in page
    script = client.get("/static/live.js").text
    assert ".innerHTML" not in script and "/api/live" in script

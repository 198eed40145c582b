"""The event store on SQLite and PostgreSQL: documents once, extractions replaced atomically,
filters, the fused layer."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.errors import StoreError
from sitrep.records import Claim, Document, Event, Evidence, Extraction, Victims
from sitrep.store import EventQuery, Store, haversine_km, open_store

ALEPPO = (36.2021, 37.1343)


def doc(
    text: str = "Rebels broke the siege of Aleppo on Saturday after heavy fighting.", **kw
) -> Document:
    return Document.from_text(text, ref=kw.pop("ref", "test:1"), **kw)


def event(d: Document, n: int, **fields) -> Event:
    fields.setdefault("event_type", "Battles")
    fields.setdefault("sub_event_type", "Armed clash")
    return Event(event_id=f"{d.id}-{n}", doc_ids=[d.id], doc_refs=[d.ref or ""], **fields)


def test_store_saves_document_once(any_store: Store) -> None:
    d = doc()
    assert any_store.save_document(d) is True
    again = Document.from_text(
        "Rebels  broke the siege of Aleppo on Saturday after heavy fighting.\n"
    )
    assert again.id == d.id
    assert any_store.save_document(again) is False
    assert any_store.stats()["documents"] == 1
    stored = any_store.get_document(d.id)
    assert stored is not None and stored.text == d.text and stored.ref == "test:1"
    assert stored.ingested_at.tzinfo is not None


def test_store_event_round_trips_exactly(any_store: Store) -> None:
    d = doc(outlet="Orient News", published=date(2016, 8, 7))
    e = event(
        d,
        1,
        event_date=date(2016, 8, 6),
        actor1="Syrian rebels",
        actor2="Military Forces of Syria (2000-)",
        admin1="Aleppo",
        location="Ramousah",
        latitude=36.16,
        longitude=37.13,
        fatalities=3,
        victims=Victims(civilians=2),
        weapons=["airstrike"],
        claims=[Claim(by="SOHR", by_type="monitor", says="rebels broke the siege")],
        evidence=[
            Evidence(
                field="event_type", text="Rebels broke the siege", doc_id=d.id, start=0, end=22
            )
        ],
        contested=True,
    )
    any_store.save_extraction(d, Extraction(doc_id=d.id, events=[e], claims=e.claims))
    assert any_store.get_event(e.event_id) == e
    assert any_store.has_extraction(d.id)
    extraction = any_store.get_extraction(d.id)
    assert extraction is not None and extraction.events == [e] and extraction.claims == e.claims


def test_store_save_extraction_replaces_events(any_store: Store) -> None:
    d = doc()
    first = [event(d, 1), event(d, 2), event(d, 3)]
    any_store.save_extraction(d, Extraction(doc_id=d.id, events=first))
    assert any_store.count_events() == 3
    any_store.save_extraction(d, Extraction(doc_id=d.id, events=[event(d, 9, fatalities=1)]))
    assert [e.event_id for e in any_store.query_events()] == [f"{d.id}-9"]
    assert any_store.count_events(EventQuery(doc_id=d.id)) == 1
    assert any_store.stats() == {
        "documents": 1,
        "extracted": 1,
        "report_events": 1,
        "fused_events": 0,
    }


def test_store_save_extraction_is_one_transaction(any_store: Store) -> None:
    a, b = (
        doc(ref="a"),
        doc("Government forces shelled Daraa on Monday, killing two civilians.", ref="b"),
    )
    any_store.save_extraction(a, Extraction(doc_id=a.id, events=[event(a, 1)]))
    any_store.save_document(b)
    # b's second event reuses a's event id: the insert fails midway through b's transaction.
    clash = event(a, 1).model_copy(update={"doc_ids": [b.id]})
    with pytest.raises(StoreError, match="already stored"):
        any_store.save_extraction(b, Extraction(doc_id=b.id, events=[event(b, 1), clash]))
    assert not any_store.has_extraction(b.id)
    assert any_store.count_events(EventQuery(doc_id=b.id)) == 0
    assert any_store.count_events() == 1


def test_store_refuses_duplicate_event_ids_in_one_extraction(fresh_store: Store) -> None:
    d = doc()
    with pytest.raises(StoreError, match="share an event_id"):
        fresh_store.save_extraction(d, Extraction(doc_id=d.id, events=[event(d, 1), event(d, 1)]))


def _populate(store: Store) -> Document:
    d = doc()
    events = [
        event(
            d,
            1,
            event_date=date(2016, 8, 6),
            actor1="Syrian rebels",
            admin1="Aleppo",
            latitude=ALEPPO[0],
            longitude=ALEPPO[1],
            fatalities=10,
        ),
        event(
            d,
            2,
            event_date=date(2016, 8, 7),
            event_type="Explosions/Remote violence",
            sub_event_type="Air/drone strike",
            actor1="Military Forces of Russia (2000-)",
            actor2="Civilians (Syria)",
            admin1="Aleppo",
            latitude=36.16,
            longitude=37.13,
            fatalities=2,
            contested=True,
        ),
        event(
            d,
            3,
            event_date=date(2016, 8, 1),
            actor1="Islamic State",
            admin1="Ar-Raqqa",
            latitude=35.95,
            longitude=39.01,
        ),
        event(d, 4, actor1="Unidentified Armed Group (Syria)", admin1="Idleb"),
    ]
    store.save_extraction(d, Extraction(doc_id=d.id, events=events))
    return d


@pytest.mark.parametrize(
    "query,expected",
    [
        (EventQuery(), [3, 1, 2, 4]),
        (EventQuery(order_by="-event_date"), [2, 1, 3, 4]),
        (EventQuery(order_by="-fatalities"), [1, 2, 3, 4]),
        (EventQuery(since=date(2016, 8, 6)), [1, 2]),
        (EventQuery(until=date(2016, 8, 6)), [3, 1]),
        (EventQuery(event_type="battles"), [3, 1, 4]),
        (EventQuery(sub_event_type="Air/drone strike"), [2]),
        (EventQuery(actor="russia"), [2]),
        (EventQuery(actor="civilians"), [2]),
        (EventQuery(admin1="aleppo"), [1, 2]),
        (EventQuery(contested=True), [2]),
        (EventQuery(near=(ALEPPO[0], ALEPPO[1], 10)), [1, 2]),
        (EventQuery(near=(ALEPPO[0], ALEPPO[1], 2)), [1]),
        (EventQuery(bbox=(38.5, 35.5, 39.5, 36.5)), [3]),
        (EventQuery(limit=2, offset=1), [1, 2]),
        (EventQuery(near=(ALEPPO[0], ALEPPO[1], 500), limit=1, offset=1), [1]),
        (EventQuery(layer="fused"), []),
    ],
)
def test_store_query_filters(any_store: Store, query: EventQuery, expected: list[int]) -> None:
    d = _populate(any_store)
    found = any_store.query_events(query)
    assert [e.event_id for e in found] == [f"{d.id}-{n}" for n in expected]
    if query.limit is None:
        assert any_store.count_events(query) == len(expected)


def test_store_near_is_a_circle_not_a_box(fresh_store: Store) -> None:
    d = doc()
    # ~9.4 km north and ~9.4 km east: inside the 10 km box, outside the 10 km circle (13.3 km).
    corner = (ALEPPO[0] + 0.0845, ALEPPO[1] + 0.105)
    assert 12 < haversine_km(*ALEPPO, *corner) < 14
    fresh_store.save_extraction(
        d, Extraction(doc_id=d.id, events=[event(d, 1, latitude=corner[0], longitude=corner[1])])
    )
    assert fresh_store.query_events(EventQuery(near=(*ALEPPO, 10))) == []
    assert len(fresh_store.query_events(EventQuery(near=(*ALEPPO, 14)))) == 1


def test_store_replace_fused_keeps_report_layer(any_store: Store) -> None:
    d = _populate(any_store)
    other = doc("Another report of the same siege being broken in Aleppo city.", ref="other")
    any_store.save_document(other)
    fused = [
        Event(
            event_id="F1",
            doc_ids=[d.id, other.id],
            event_type="Battles",
            sub_event_type="Non-state actor overtakes territory",
            grade="B",
            admin1="Aleppo",
        ),
        Event(
            event_id=f"{d.id}-1", doc_ids=[d.id], event_type="Battles", sub_event_type="Armed clash"
        ),
    ]
    assert any_store.replace_fused(fused) == 2
    assert [
        e.event_id for e in any_store.query_events(EventQuery(layer="fused", order_by="event_id"))
    ] == ["F1", f"{d.id}-1"]
    assert [
        e.event_id for e in any_store.query_events(EventQuery(layer="fused", doc_id=other.id))
    ] == ["F1"]
    assert any_store.count_events() == 4
    assert any_store.get_event("F1") == fused[0]
    assert any_store.get_event(f"{d.id}-1", layer="fused") == fused[1]
    assert any_store.get_event(f"{d.id}-1").sub_event_type == "Armed clash"
    any_store.replace_fused([fused[0]])
    assert any_store.count_events(EventQuery(layer="fused")) == 1
    assert any_store.stats()["fused_events"] == 1


def test_store_iter_documents_unextracted(fresh_store: Store) -> None:
    texts = [
        f"Report number {i} about shelling in the northern countryside of Hama." for i in range(7)
    ]
    docs = [doc(t, ref=str(i)) for i, t in enumerate(texts)]
    for d in docs:
        fresh_store.save_document(d)
    fresh_store.save_extraction(docs[3], Extraction(doc_id=docs[3].id))
    assert {d.id for d in fresh_store.iter_documents(batch=2)} == {d.id for d in docs}
    left = [d.id for d in fresh_store.iter_documents(unextracted=True, batch=3)]
    assert len(left) == 6 and docs[3].id not in left


def test_store_same_metadata_detects_changes(fresh_store: Store) -> None:
    d = doc(published=date(2016, 8, 7), outlet="Orient News")
    fresh_store.save_extraction(d, Extraction(doc_id=d.id))
    assert fresh_store.same_metadata(d)
    assert not fresh_store.same_metadata(d.model_copy(update={"published": None}))


def test_store_file_survives_reopening(db_path) -> None:
    d = doc()
    with open_store(str(db_path)) as store:
        store.save_extraction(d, Extraction(doc_id=d.id, events=[event(d, 1)]))
    with open_store(f"sqlite:///{db_path}") as store:
        assert store.has_extraction(d.id) and store.count_events() == 1


@pytest.mark.parametrize(
    "url,message",
    [
        ("postgresql://nobody@127.0.0.1:1/nothing", "Cannot open the database"),
        ("/no/such/folder/x.db", "is not a folder"),
    ],
)
def test_store_unreachable_database_is_a_store_error(url: str, message: str) -> None:
    with pytest.raises(StoreError, match=message):
        open_store(url)


def test_store_query_rejects_bad_values() -> None:
    from sitrep.errors import ConfigError

    with pytest.raises(ConfigError):
        EventQuery(layer="raw")
    with pytest.raises(ConfigError):
        EventQuery(order_by="actor1; drop table events")
    with pytest.raises(ConfigError):
        EventQuery(near=(95.0, 0.0, 5.0))

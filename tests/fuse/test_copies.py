"""Near-duplicate articles (one outlet republishing another) are not independent sources."""

from __future__ import annotations

from datetime import date

from sitrep.fuse import fuse_groups
from sitrep.fuse.fusion import find_copies
from sitrep.fuse.text import copy_similarity, shingles
from sitrep.records import Document, Event

STORY = (
    "Air strikes hit the market of al-Mashhad in Aleppo on Sunday morning, killing five "
    "civilians and wounding a dozen more, as rescue teams searched the rubble of two buildings "
    "near the main square for survivors until the evening."
)


def _report(document: Document) -> Event:
    return Event(
        event_id=f"{document.id}-1",
        doc_ids=[document.id],
        event_date=date(2016, 8, 7),
        time_precision=1,
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        country="Syria",
        admin1="Aleppo",
        location="al-Mashhad",
        latitude=36.188,
        longitude=37.150,
        geo_precision=1,
        fatalities=5,
    )


def test_copies_found_by_shared_passages():
    original = shingles(STORY + " Reuters")
    assert copy_similarity(original, shingles(STORY + " Syrian Observatory")) >= 0.8
    other = shingles("Shelling of Daret Ezza killed three people on Monday, residents said.")
    assert copy_similarity(original, other) == 0.0
    texts = {"a": original, "b": shingles(STORY + " SOHR"), "c": other}
    assert find_copies(["a", "b", "c"], texts, 0.8) == {"b": "a"}


def test_copy_is_not_an_independent_source():
    wire = Document.from_text(STORY + " (Reuters)", outlet="Reuters")
    copy = Document.from_text(STORY + " (republished)", outlet="SOHR")
    own = Document.from_text(
        "Five civilians were killed in a strike on the al-Mashhad market on Sunday, the "
        "Aleppo civil defence said, adding that the toll could rise.",
        outlet="Enab Baladi",
    )
    docs = {d.id: d for d in (wire, copy, own)}
    [copied] = fuse_groups([_report(wire), _report(copy)], documents=docs)
    [independent] = fuse_groups([_report(wire), _report(own)], documents=docs)
    assert len(copied.event.doc_ids) == 2 and len(independent.event.doc_ids) == 2
    assert copied.event.grade != "confirmed"  # one source: the wire, republished
    assert independent.event.grade == "confirmed"  # a wire and a second outlet

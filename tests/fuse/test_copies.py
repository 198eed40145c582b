"""Near-duplicate articles (one outlet republishing another) are not independent sources."""

from __future__ import annotations

from sitrep.fuse import fuse_groups
from sitrep.fuse.fusion import find_copies
from sitrep.fuse.text import copy_similarity, shingles
from sitrep.records import Document, Event

STORY = (
    "Air strikes hit the market of al-Mashhad in Aleppo on Sunday morning, killing five "
    "civilians and wounding a dozen more, as rescue teams searched the rubble of two buildings "
    "near the main square for survivors until the evening."
)


def _reports(make_report, *documents: Document) -> list[Event]:
    """The same strike (the conftest factory's report), as reported by each of `documents`."""
    event, _ = make_report("any", fatalities=5)
    return [
        event.model_copy(update={"event_id": f"{d.id}-1", "doc_ids": [d.id]}) for d in documents
    ]


def test_copies_found_by_shared_passages():
    original = shingles(STORY + " Reuters")
    assert copy_similarity(original, shingles(STORY + " Syrian Observatory")) >= 0.8
    other = shingles("Shelling of Daret Ezza killed three people on Monday, residents said.")
    assert copy_similarity(original, other) == 0.0
    texts = {"a": original, "b": shingles(STORY + " SOHR"), "c": other}
    assert find_copies(["a", "b", "c"], texts, 0.8) == {"b": "a"}


def test_copy_is_not_an_independent_source(make_report):
    wire = Document.from_text(STORY + " (Reuters)", outlet="Reuters")
    copy = Document.from_text(STORY + " (republished)", outlet="SOHR")
    own = Document.from_text(
        "Five civilians were killed in a strike on the al-Mashhad market on Sunday, the "
        "Aleppo civil defence said, adding that the toll could rise.",
        outlet="Enab Baladi",
    )
    docs = {d.id: d for d in (wire, copy, own)}
    [copied] = fuse_groups(_reports(make_report, wire, copy), documents=docs)
    [independent] = fuse_groups(_reports(make_report, wire, own), documents=docs)
    assert len(copied.event.doc_ids) == 2 and len(independent.event.doc_ids) == 2
    assert copied.event.grade != "confirmed"  # one source: the wire, republished
    assert independent.event.grade == "confirmed"  # a wire and a second outlet

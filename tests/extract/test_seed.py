"""The seed article must come out as its expected-events file says (acceptance test)."""

import json

import pytest

from sitrep.eval.expected import check_expected
from testdata import SHARED_DATA

SEED = SHARED_DATA / "seed"
ARTICLE = SEED / "aleppo-siege-broken.txt"
EXPECTED = SEED / "aleppo-siege-broken.expected.yaml"

pytestmark = pytest.mark.skipif(
    not ARTICLE.exists(), reason=f"shared seed data not found at {SEED}"
)


@pytest.fixture(scope="module")
def report():
    return check_expected(EXPECTED, ARTICLE)


def test_seed_no_spurious_events(report):
    assert report["spurious"] == [], json.dumps(report["spurious"], indent=1)


def test_seed_every_expected_event_found(report):
    assert report["missing"] == [], json.dumps(report["matched"], indent=1, default=str)


def test_seed_matched_events_have_expected_fields(report):
    wrong = {m["expected"]: m["differences"] for m in report["matched"] if m["differences"]}
    assert wrong == {}, json.dumps(wrong, indent=1, default=str)


def test_seed_claims_attributed(report):
    bad = [c for c in report["claims"] if c["status"] != "ok"]
    assert bad == [], json.dumps(bad, indent=1, default=str)


def test_seed_without_publication_date_leaves_relative_dates_unresolved():
    from sitrep.extract import extract_document
    from sitrep.records import Document

    doc = Document.from_text(ARTICLE.read_text(encoding="utf-8"), outlet="Orient News")
    events = extract_document(doc).events
    assert events, "the seed article has events even without a date"
    assert all(e.event_date is None for e in events)


def test_seed_every_filled_field_has_evidence(report):
    from datetime import date

    from sitrep.extract import extract_document
    from sitrep.records import Document

    doc = Document.from_text(
        ARTICLE.read_text(encoding="utf-8"), outlet="Orient News", published=date(2016, 8, 7)
    )
    text = doc.text
    skip = {
        "event_id",
        "doc_ids",
        "doc_refs",
        "victims",
        "claims",
        "evidence",
        "weapons",
        "contested",
        "grade",
        "contradictions",
    }
    for event in extract_document(doc).events:
        fields = {e.field for e in event.evidence}
        for name, value in event.model_dump().items():
            if name in skip or value is None:
                continue
            assert name in fields, (
                f"{event.sub_event_type} at {event.location}: no evidence for {name}"
            )
        for ev in event.evidence:
            assert text[ev.start : ev.end].strip() == ev.text


def test_seed_ramousah_clash_names_its_sides():
    """"fierce fighting ... in and around the Ramousah area" names no side: it takes the sides
    of the battle the article tells at Ramousah (assemble.borrow_sides)."""
    from datetime import date

    from sitrep.extract import extract_document
    from sitrep.records import Document

    text = ARTICLE.read_text(encoding="utf-8")
    doc = Document.from_text(text, outlet="Orient News", published=date(2016, 8, 7))
    clashes = [
        e
        for e in extract_document(doc).events
        if e.sub_event_type == "Armed clash" and e.location == "Ramousah"
    ]
    assert clashes
    assert (clashes[0].actor1, clashes[0].actor2) == (
        "Opposition Rebels (Syria)",
        "Military Forces of Syria (2000-)",
    )

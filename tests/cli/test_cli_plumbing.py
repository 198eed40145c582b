"""`extract()` plumbing with a tiny extractor of our own (the real one is tested end to end in
test_cli_extract.py): commits per document, skips finished ones, one failure never ends a batch."""

from __future__ import annotations

import re

from sitrep.cli.extract import extract
from sitrep.records import Document, Event, Evidence, Extraction
from sitrep.store import Store


def strike_extractor(document: Document) -> Extraction:
    """One Air/drone strike event per sentence mentioning an airstrike; raises on 'CRASH'."""
    if "CRASH" in document.text:
        raise RuntimeError("cannot parse this one")
    events = []
    for n, match in enumerate(re.finditer(r"[^.]*\bairstrikes?\b[^.]*\.", document.text)):
        events.append(
            Event(
                event_id=f"{document.id}-{n}",
                event_type="Explosions/Remote violence",
                sub_event_type="Air/drone strike",
                evidence=[
                    Evidence(
                        field="sub_event_type",
                        text=match.group().strip(),
                        doc_id=document.id,
                        start=match.start(),
                        end=match.end(),
                    )
                ],
            )
        )
    return Extraction(doc_id=document.id, events=events)


def docs(*texts: str) -> list[Document]:
    return [Document.from_text(t, ref=f"r{i}") for i, t in enumerate(texts)]


def test_plumbing_stores_each_document_and_skips_finished(fresh_store: Store) -> None:
    batch = docs(
        "An airstrike hit Idlib. Another airstrike hit Ariha.", "Clashes in Hama today, no strikes."
    )
    seen: list[Event] = []
    summary = extract(batch, fresh_store, extractor=strike_extractor, on_events=seen.extend)
    assert (summary.extracted, summary.skipped, summary.events) == (2, 0, 2)
    assert [e.doc_refs for e in seen] == [["r0"], ["r0"]]
    assert fresh_store.stats()["extracted"] == 2
    calls: list[str] = []

    def counting(document: Document) -> Extraction:
        calls.append(document.id)
        return strike_extractor(document)

    again: list[Event] = []
    summary = extract(batch, fresh_store, extractor=counting, on_events=again.extend)
    assert (
        calls == []
        and summary.skipped == 2
        and sorted(e.event_id for e in again) == sorted(e.event_id for e in seen)
    )
    summary = extract(batch, fresh_store, extractor=counting, force=True)
    assert len(calls) == 2 and summary.extracted == 2
    assert fresh_store.count_events() == 2


def test_plumbing_one_failure_does_not_end_the_batch(fresh_store: Store) -> None:
    batch = docs(
        "An airstrike hit Idlib city.", "CRASH airstrike text here.", "An airstrike hit Ariha."
    )
    summary = extract(batch, fresh_store, extractor=strike_extractor)
    assert summary.extracted == 2
    assert summary.failures == ["r1: extraction failed (RuntimeError: cannot parse this one)"]
    assert not fresh_store.has_extraction(batch[1].id)
    assert fresh_store.has_extraction(batch[2].id)


def test_plumbing_without_store(fresh_store: Store) -> None:
    seen: list[Event] = []
    summary = extract(
        docs("An airstrike hit Idlib city."),
        None,
        extractor=strike_extractor,
        on_events=seen.extend,
    )
    assert summary.events == 1 and len(seen) == 1
    assert fresh_store.stats()["documents"] == 0

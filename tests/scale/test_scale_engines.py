"""`sitrep.scale.run_extraction`: the serial, process-pool and Dask engines give the same
events for the same documents, one failing document never stops the others, and the pool keeps
a bounded window of documents in flight."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from sitrep.errors import ConfigError, SitrepError
from sitrep.records import Document, Extraction
from sitrep.scale import ExtractionError, resolve_engine, run_extraction
from sitrep.scale.engines import window_size

CRASH = "CRASH: this report makes the test extractor raise before any parsing."


def crash_or_extract(document: Document) -> Extraction:
    """The real extractor, except that it raises on texts starting with CRASH (module level, so
    spawned pool and Dask workers can import it)."""
    if document.text.startswith("CRASH"):
        raise RuntimeError("simulated extractor failure")
    from sitrep.extract import extract_document

    return extract_document(document)


def quick_extractor(document: Document) -> Extraction:
    """No parsing at all: an empty extraction, or an error on CRASH texts."""
    if document.text.startswith("CRASH"):
        raise ValueError("simulated extractor failure")
    return Extraction(doc_id=document.id)


def dying_extractor(document: Document) -> Extraction:
    """Kills its worker process on texts starting with DIE (as an out-of-memory kill would)."""
    if document.text.startswith("DIE"):
        import os

        os._exit(3)
    return Extraction(doc_id=document.id)


def batch(texts: tuple[str, ...]) -> list[Document]:
    docs = [Document.from_text(text, ref=f"own-{n}") for n, text in enumerate(texts)]
    docs.insert(1, Document.from_text(CRASH, ref="crash"))
    return docs


def outcome(docs: list[Document], **options: object) -> dict[str, object]:
    """Run the engine; map each document ref to its extraction (as JSON-able data) or error."""
    seen: dict[str, object] = {}
    for doc, result in run_extraction(docs, extractor=crash_or_extract, **options):  # type: ignore[arg-type]
        assert doc.ref is not None and doc.ref not in seen
        if isinstance(result, SitrepError):
            seen[doc.ref] = (type(result).__name__, str(result))
        else:
            seen[doc.ref] = result.model_dump(mode="json")
    return seen


@pytest.fixture(scope="module")
def serial_outcome(own_reports: tuple[str, ...]) -> dict[str, object]:
    return outcome(batch(own_reports), engine="serial")


def test_scale_serial_isolates_the_failure(serial_outcome: dict[str, object]) -> None:
    assert set(serial_outcome) == {"own-0", "own-1", "own-2", "crash"}
    assert serial_outcome["crash"] == (
        "ExtractionError",
        "[E510] extraction failed (RuntimeError: simulated extractor failure)",
    )
    events = [e for ref in ("own-0", "own-1", "own-2") for e in serial_outcome[ref]["events"]]  # type: ignore[index]
    assert len(events) >= 3, "each of the three reports should give at least one event"


@pytest.mark.slow
@pytest.mark.parametrize("engine", ["process", "dask"])
def test_scale_engines_match_serial(
    engine: str, serial_outcome: dict[str, object], own_reports: tuple[str, ...]
) -> None:
    assert outcome(batch(own_reports), engine=engine, workers=2) == serial_outcome


def test_scale_pool_window_is_bounded() -> None:
    pulled = 0
    docs = [Document.from_text(f"Report number {n} from Idlib province.") for n in range(40)]

    def feed() -> Iterator[Document]:
        nonlocal pulled
        for doc in docs:
            pulled += 1
            yield doc

    yielded = 0
    for _doc, result in run_extraction(
        feed(), engine="process", workers=2, extractor=quick_extractor
    ):
        assert isinstance(result, Extraction)
        yielded += 1
        assert pulled - yielded < window_size(2)
    assert yielded == pulled == 40


def test_scale_pool_failure_comes_back_as_that_documents_error() -> None:
    docs = [Document.from_text(t, ref=f"d{n}") for n, t in enumerate(("Idlib. " * 5, CRASH))]
    results = dict(
        (doc.ref, result)
        for doc, result in run_extraction(
            docs, engine="process", workers=2, extractor=quick_extractor
        )
    )
    assert isinstance(results["d0"], Extraction)
    error = results["d1"]
    assert isinstance(error, ExtractionError)
    assert error.message == "extraction failed (ValueError: simulated extractor failure)"
    assert "quick_extractor" in error.detail


def test_scale_pool_survives_a_dead_worker() -> None:
    docs = [Document.from_text(f"Report {n} from Idlib province.", ref=f"d{n}") for n in range(30)]
    docs.insert(3, Document.from_text("DIE: this report kills its worker.", ref="die"))
    results = {}
    for doc, result in run_extraction(docs, engine="process", workers=2, extractor=dying_extractor):
        assert doc.ref not in results
        results[doc.ref] = result
    assert set(results) == {d.ref for d in docs}
    assert isinstance(results["die"], ExtractionError)
    assert "worker process died" in results["die"].message
    # documents submitted after the crash run on a new pool
    assert isinstance(results["d29"], Extraction)


@pytest.mark.parametrize(
    ("engine", "workers", "scheduler", "expected"),
    [
        (None, 1, None, "serial"),
        (None, 2, None, "process"),
        (None, 1, "tcp://127.0.0.1:8786", "dask"),
        ("dask", 2, None, "dask"),
        ("serial", 2, None, "serial"),
    ],
)
def test_scale_resolve_engine(
    engine: str | None, workers: int, scheduler: str | None, expected: str
) -> None:
    assert resolve_engine(engine, workers, scheduler) == expected


@pytest.mark.parametrize(
    ("engine", "workers", "scheduler"),
    [("spark", 2, None), (None, 0, None), ("process", 2, "tcp://127.0.0.1:8786")],
)
def test_scale_resolve_engine_refuses(
    engine: str | None, workers: int, scheduler: str | None
) -> None:
    with pytest.raises(ConfigError):
        resolve_engine(engine, workers, scheduler)

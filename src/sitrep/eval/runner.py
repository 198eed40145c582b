"""Run the extractor over many documents, in this process or in worker processes.

Each worker loads the pipeline once (the first parse does) and parses its documents in batches
(`sitrep.extract.parse_documents`). A document whose extraction raises is reported with its
error instead of stopping the run.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from sitrep.records import Document, Event, Extraction

__all__ = ["Outcome", "extract_many", "events_per_document"]

# Documents per worker task (parsed as one spaCy batch).
CHUNK = 16


@dataclass
class Outcome:
    """One document's extraction, or the error it raised (as "Type: message")."""

    document: Document
    extraction: Extraction | None
    error: str | None = None


def _extract_one(document: Document) -> Outcome:
    from sitrep.extract import extract_document  # type: ignore[attr-defined,unused-ignore]

    try:
        return Outcome(document, extract_document(document))
    except Exception as exc:  # noqa: BLE001 - one bad document must not stop an evaluation
        return Outcome(document, None, f"{type(exc).__name__}: {exc}")


def _extract_batch(documents: list[Document]) -> Iterator[Outcome]:
    """Parse the documents in batches (`nlp.pipe`), then extract each; a document whose parse
    batch fails is retried alone, so its error is its own."""
    from sitrep.extract import extract_parsed, parse_documents

    try:
        parsed = list(parse_documents(documents))
    except Exception:  # noqa: BLE001 - find the document at fault, one by one
        for document in documents:
            yield _extract_one(document)
        return
    for document, doc in parsed:
        try:
            yield Outcome(document, extract_parsed(document, doc))
        except Exception as exc:  # noqa: BLE001 - one bad document must not stop an evaluation
            yield Outcome(document, None, f"{type(exc).__name__}: {exc}")


def _extract_chunk(documents: list[Document]) -> list[Outcome]:
    return list(_extract_batch(documents))


def extract_many(documents: Sequence[Document], workers: int = 1) -> Iterator[Outcome]:
    """Extract every document, in input order.

    documents (Sequence[Document]): the inputs.
    workers (int): worker processes; 1 runs in this process.
    RETURNS (Iterator[Outcome]): one outcome per document, in order.
    """
    chunks = [list(documents[i : i + CHUNK]) for i in range(0, len(documents), CHUNK)]
    if workers <= 1 or len(documents) < 2:
        for chunk in chunks:
            yield from _extract_batch(chunk)
        return
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(processes=workers) as pool:
        for outcomes in pool.imap(_extract_chunk, chunks):
            yield from outcomes


def events_per_document(
    documents: Sequence[Document], workers: int = 1
) -> tuple[list[list[Event]], int]:
    """Extract every document and keep its events (none where extraction failed).

    RETURNS (tuple): (the events of each document, in order; the number of documents that
        raised).
    """
    predictions: list[list[Event]] = []
    errors = 0
    for outcome in extract_many(documents, workers):
        errors += outcome.error is not None
        predictions.append(outcome.extraction.events if outcome.extraction else [])
    return predictions, errors

"""Run the extractor over many documents, in this process or in worker processes.

Each worker loads the pipeline once (the first `extract_document` call does). A document whose
extraction raises is reported with its error instead of stopping the run.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from sitrep.records import Document, Extraction

__all__ = ["Outcome", "extract_many"]


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


def extract_many(documents: Sequence[Document], workers: int = 1) -> Iterator[Outcome]:
    """Extract every document, in input order.

    documents (Sequence[Document]): the inputs.
    workers (int): worker processes; 1 runs in this process.
    RETURNS (Iterator[Outcome]): one outcome per document, in order.
    """
    if workers <= 1 or len(documents) < 2:
        for document in documents:
            yield _extract_one(document)
        return
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(processes=workers) as pool:
        yield from pool.imap(_extract_one, documents, chunksize=4)

"""Fixtures for fusion tests: hand-built report-events and their documents."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from fuse_helpers import MASHHAD

from sitrep.records import Document, Event, Evidence


def _document(outlet: str, tag: str) -> Document:
    return Document.from_text(f"A report by {outlet} ({tag}) about the war.", outlet=outlet)


@pytest.fixture
def make_report() -> Callable[..., tuple[Event, Document]]:
    """Return a factory: make_report(outlet, tag, **fields) -> (report Event, its Document)."""

    def make(outlet: str, tag: str = "", **fields: Any) -> tuple[Event, Document]:
        document = _document(outlet, tag)
        values: dict[str, Any] = {
            "event_date": date(2016, 8, 7),
            "time_precision": 1,
            "event_type": "Explosions/Remote violence",
            "sub_event_type": "Air/drone strike",
            "country": "Syria",
            "admin1": "Aleppo",
            "geo_precision": 1,
            **MASHHAD,
        }
        values.update(fields)
        event = Event(
            event_id=f"{document.id}-1",
            doc_ids=[document.id],
            doc_refs=[f"{outlet}-{tag}"],
            evidence=[
                Evidence(field="event_type", text="strike", doc_id=document.id, start=0, end=6)
            ],
            **values,
        )
        return event, document

    return make

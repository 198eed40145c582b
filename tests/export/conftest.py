"""Fixtures for the export tests: hand-coded events (synthetic demo article)."""

from __future__ import annotations

import pytest

from api_fixtures import demo_extraction
from sitrep.records import Document, Event


@pytest.fixture
def demo() -> tuple[Document, list[Event]]:
    """The synthetic demo document and its two hand-coded events."""
    doc, extraction = demo_extraction()
    return doc, extraction.events

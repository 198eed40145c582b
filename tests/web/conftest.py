"""Fixtures for the browser tests: Debian's chromium driven by playwright, and served sites."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from api_fixtures import demo_extraction, serve_in_thread, synthetic_extraction
from sitrep.api import create_app
from sitrep.records import Document
from sitrep.store import open_store
from testdata import shared_file

# Hostile markup in an article: must be shown as text, never run.
HOSTILE = (
    ' <script>window.__pwned = 1</script><img src="x" onerror="window.__pwned = 2">'
    ' <b onmouseover="window.__pwned = 3">bold?</b>'
)


@pytest.fixture(scope="module")
def browser(chromium: Path) -> Iterator[Any]:
    """A headless Debian chromium (no browser downloads)."""
    sync_playwright = pytest.importorskip("playwright.sync_api").sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(chromium),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def seed_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Document]]:
    """The seed article extracted by the real pipeline, served on localhost: (url, document)."""
    try:
        from sitrep.extract import extract_document
    except ImportError as exc:
        pytest.skip(f"extraction stage not available: {exc}")
    text = shared_file("seed/aleppo-siege-broken.txt").read_text(encoding="utf-8")
    doc = Document.from_text(
        text, title="Aleppo siege broken", outlet="Orient News", published=date(2016, 8, 7)
    )
    path = tmp_path_factory.mktemp("web") / "seed.db"
    with open_store(str(path)) as store:
        store.save_extraction(doc, extract_document(doc))
    app = create_app(str(path), read_only=True)
    with serve_in_thread(app) as url:
        yield url, doc
    app.state.store.close()


@pytest.fixture(scope="module")
def mixed_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A hostile article (hand-coded events) and 80 synthetic events spread over years."""
    path = tmp_path_factory.mktemp("web") / "mixed.db"
    doc, extraction = demo_extraction(HOSTILE)
    doc = doc.model_copy(update={"title": '<img src=x onerror="window.__pwned = 4">title'})
    with open_store(str(path)) as store:
        store.save_extraction(doc, extraction)
        store.save_extraction(*synthetic_extraction(1, 80, random.Random(7)))
    app = create_app(str(path), read_only=True)
    with serve_in_thread(app) as url:
        yield url
    app.state.store.close()

"""Fixtures for the API tests: a real SQLite store, and the app served by uvicorn on localhost."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from api_fixtures import TOKEN, demo_extraction, serve_in_thread
from sitrep.api import create_app
from sitrep.records import Document, Extraction
from sitrep.store import open_store


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Document, Extraction]:
    """A SQLite file holding the synthetic demo document and its two events."""
    path = tmp_path_factory.mktemp("api") / "events.db"
    doc, extraction = demo_extraction()
    with open_store(str(path)) as store:
        store.save_extraction(doc, extraction)
    return path, doc, extraction


@pytest.fixture(scope="module")
def live(demo_db: tuple[Path, Document, Extraction]) -> Iterator[httpx.Client]:
    """An httpx client for the app running in uvicorn on a free localhost port."""
    app = create_app(str(demo_db[0]))
    with serve_in_thread(app) as url, httpx.Client(base_url=url, timeout=60) as client:
        yield client
    app.state.store.close()


@pytest.fixture(scope="module")
def read_only(demo_db: tuple[Path, Document, Extraction]) -> Iterator[httpx.Client]:
    """The same app in read-only mode."""
    app = create_app(str(demo_db[0]), read_only=True)
    with serve_in_thread(app) as url, httpx.Client(base_url=url, timeout=60) as client:
        yield client
    app.state.store.close()


def client_on_new_db(path: Path, **options: Any) -> Iterator[httpx.Client]:
    """Serve `create_app(path, **options)` on an empty database; yield a client for it."""
    app = create_app(str(path), **options)
    with serve_in_thread(app) as url, httpx.Client(base_url=url, timeout=120) as client:
        yield client
    app.state.store.close()


@pytest.fixture
def writable(tmp_path: Path) -> Iterator[httpx.Client]:
    """A client for the app on an empty database of its own (for ingest tests)."""
    yield from client_on_new_db(tmp_path / "ingest.db")


@pytest.fixture
def private_urls(tmp_path: Path) -> Iterator[httpx.Client]:
    """A writable app whose operator allowed URLs on private addresses (--allow-private-urls)."""
    yield from client_on_new_db(tmp_path / "private.db", allow_private_urls=True)


@pytest.fixture
def guarded(tmp_path: Path) -> Iterator[httpx.Client]:
    """A writable app that wants the token `api_fixtures.TOKEN`."""
    yield from client_on_new_db(tmp_path / "guarded.db", token=TOKEN)


@pytest.fixture(scope="module")
def fuzz_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of a writable app on its own demo database (the fuzzer may ingest into it)."""
    path = tmp_path_factory.mktemp("fuzz") / "events.db"
    doc, extraction = demo_extraction()
    with open_store(str(path)) as store:
        store.save_extraction(doc, extraction)
    try:  # load the spaCy model and gazetteer now, so no fuzzed request waits for them
        from sitrep.extract import extract_document

        extract_document(Document.from_text("Warm-up text: shelling hit Aleppo on Monday."))
    except ImportError:
        pass
    app = create_app(str(path), fetch_urls=False)  # no outbound requests from the fuzzer
    with serve_in_thread(app) as url:
        yield url
    app.state.store.close()


@pytest.fixture
def extractor() -> None:
    """Skip unless the extraction stage (and the geocoder it calls) can be imported."""
    try:
        from sitrep.extract import extract_document  # noqa: F401
        from sitrep.geo import geocode  # noqa: F401
    except ImportError as exc:
        pytest.skip(f"extraction stage not available: {exc}")

"""The live map in a real headless Chromium: events stored after the page opened appear on it
without a reload (static/live.js polling /api/live), and the feed-status panel shows the feeds."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from api_fixtures import serve_in_thread, synthetic_extraction
from sitrep.api import create_app
from sitrep.store import open_store
from sitrep.watch import add_sources

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_web_live_new_events_appear_without_reload(browser: Any, tmp_path: Path) -> None:
    path = tmp_path / "live.db"
    rng = random.Random(5)
    with open_store(str(path)) as store:
        store.save_extraction(*synthetic_extraction(1, 3, rng))
        add_sources(store, [("http://127.0.0.1:9/feed.xml", 60.0)])
    app = create_app(str(path))
    with serve_in_thread(app) as url:
        page = browser.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(f"{url}/events")
        page.wait_for_selector("body[data-ready='1']", timeout=30_000)
        before = page.locator("path.event-marker").count()
        page.wait_for_selector("#feeds:not([hidden])", timeout=30_000)
        assert "127.0.0.1:9/feed.xml" in page.locator("#feeds-body").inner_text()
        with open_store(str(path)) as store:  # a new document arrives (as the watcher stores it)
            store.save_extraction(*synthetic_extraction(2, 4, rng))
        page.wait_for_selector("body[data-live-added='4']", timeout=30_000)
        assert page.locator("path.event-marker").count() == before + 4
        assert errors == []
        page.close()
    app.state.store.close()

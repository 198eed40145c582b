"""A fused event in a real headless Chromium: the map's panel and the event's own page show,
for each report it rests on, the outlet and why it was merged (issue 14)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import httpx
import pytest

from api_fixtures import serve_in_thread
from sitrep.api import create_app
from sitrep.fuse import fuse_store
from sitrep.records import Document, Event, Evidence, Extraction
from sitrep.store import open_store

pytestmark = [pytest.mark.browser, pytest.mark.slow]

OUTLETS = ("Reuters", "SOHR", "SANA")


def _report(outlet: str, fatalities: int) -> tuple[Document, Event]:
    text = f"{outlet}: an air strike hit al-Mashhad in Aleppo, killing {fatalities} people."
    document = Document.from_text(
        text, title=f"Strike on al-Mashhad ({outlet})", outlet=outlet, published=date(2016, 8, 7)
    )
    event = Event(
        event_id=f"{document.id}-1",
        doc_ids=[document.id],
        event_date=date(2016, 8, 7),
        time_precision=1,
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        country="Syria",
        admin1="Aleppo",
        location="al-Mashhad",
        latitude=36.188,
        longitude=37.150,
        geo_precision=1,
        fatalities=fatalities,
        evidence=[
            Evidence(field="event_type", text=text, doc_id=document.id, start=0, end=len(text))
        ],
    )
    return document, event


@pytest.fixture(scope="module")
def fused_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Three outlets' reports of one strike, fused by `fuse_store`, served read-only."""
    path = tmp_path_factory.mktemp("web") / "fused.db"
    with open_store(str(path)) as store:
        for outlet, toll in zip(OUTLETS, (5, 6, 5), strict=True):
            document, event = _report(outlet, toll)
            store.save_extraction(document, Extraction(doc_id=document.id, events=[event]))
        fuse_store(store)
    app = create_app(str(path), read_only=True)
    with serve_in_thread(app) as url:
        yield url
    app.state.store.close()


def _reasons(url: str) -> tuple[str, list[dict[str, Any]]]:
    [fused] = httpx.get(f"{url}/api/events", params={"layer": "fused"}).json()["events"]
    members = httpx.get(f"{url}/api/fused/{fused['event_id']}").json()["members"]
    assert len(members) == 3 and sum("matches" in m["reason"] for m in members) == 2
    return fused["event_id"], members


def test_page_fused_panel_shows_each_merge_reason(browser: Any, fused_site: str) -> None:
    fused_id, members = _reasons(fused_site)
    page = browser.new_page(viewport={"width": 1400, "height": 950})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{fused_site}/events?layer=fused")
    page.wait_for_selector("body[data-ready='1']", timeout=30_000)
    assert page.locator("path.event-marker").count() == 1
    page.locator("path.event-marker").first.click()
    page.wait_for_selector("#panel:not([hidden]) .fusion-reasons ul.reasons li", timeout=15_000)
    assert page.locator("#panel-body").get_attribute("data-event-id") == fused_id
    assert "Why these reports were merged" in page.locator("#panel-body").inner_text()
    shown = page.locator("#panel .fusion-reasons li").all_inner_texts()
    expected = sorted(f"{m['outlet']}: {m['reason']}" for m in members)
    assert sorted(line.strip() for line in shown) == expected
    assert errors == []
    page.close()


def test_page_fused_event_page_shows_each_merge_reason(browser: Any, fused_site: str) -> None:
    fused_id, members = _reasons(fused_site)
    page = browser.new_page()
    page.goto(f"{fused_site}/events/{fused_id}")
    text = page.locator("main").inner_text()
    assert "Why these reports were merged" in text
    for member in members:
        assert member["reason"] in text and member["outlet"] in text
    page.close()

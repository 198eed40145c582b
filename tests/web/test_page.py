"""The web page in a real headless Chromium: map, markers, evidence panel, timeline, escaping."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from sitrep.records import Document

pytestmark = [pytest.mark.browser, pytest.mark.slow]
SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "screenshot.png"


def _open(browser: Any, url: str) -> tuple[Any, list[str]]:
    page = browser.new_page(viewport={"width": 1400, "height": 950})
    problems: list[str] = []
    page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    local = (url, "data:")
    page.on(
        "request",
        lambda req: None if req.url.startswith(local) else problems.append(f"offsite: {req.url}"),
    )
    page.on(
        "dialog", lambda dialog: (problems.append(f"dialog: {dialog.message}"), dialog.dismiss())
    )
    page.goto(f"{url}/events")
    page.wait_for_selector("body[data-ready='1']", timeout=30_000)
    return page, problems


def test_page_shows_seed_events_as_markers(browser: Any, seed_site: tuple[str, Document]) -> None:
    url, doc = seed_site
    located = [
        f for f in httpx.get(f"{url}/api/events.geojson").json()["features"] if f["geometry"]
    ]
    assert located, "the seed article should give located events"
    page, problems = _open(browser, url)
    assert page.locator("path.event-marker").count() == len(located)
    assert page.locator("#map").get_attribute("data-shown") == str(len(located))
    # the offline basemap drew the governorates (14 OCHA shapes), with no network
    assert page.locator(".leaflet-overlay-pane path:not(.event-marker)").count() >= 14
    assert problems == []
    page.close()


def test_marker_click_opens_evidence_panel(browser: Any, seed_site: tuple[str, Document]) -> None:
    url, doc = seed_site
    page, problems = _open(browser, url)
    assert page.locator("#panel").is_hidden()
    page.locator("path.event-marker").last.click()
    page.wait_for_selector("#panel:not([hidden]) .article-text mark", timeout=10_000)
    event_id = page.locator("#panel-body").get_attribute("data-event-id")
    event = httpx.get(f"{url}/api/events/{event_id}").json()["event"]
    marked = page.locator("#panel .article-text mark").all_inner_texts()
    # every highlighted piece lies inside one of the event's evidence spans of this document
    spans = [doc.text[e["start"] : e["end"]] for e in event["evidence"] if e["doc_id"] == doc.id]
    assert marked and all(any(piece in span for span in spans) for piece in marked)
    # the article text in the panel is the whole document
    assert page.locator("#panel .article-text").inner_text().strip()[:60] == doc.text.strip()[:60]
    assert page.locator("#panel .claim").count() == len(event["claims"]) or not event["claims"]
    SCREENSHOT.parent.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOT))
    assert problems == []
    page.close()


def test_hostile_article_is_shown_as_text(browser: Any, mixed_site: str) -> None:
    page, problems = _open(browser, mixed_site)
    page.select_option("#f-type", "Explosions/Remote violence")
    events = httpx.get(f"{mixed_site}/api/events", params={"actor": "Synthetic Actor A"}).json()
    hostile_id = events["events"][0]["event_id"]
    page.evaluate("id => document.querySelector('#panel-body') && id", hostile_id)
    page.goto(f"{mixed_site}/events/{hostile_id}")
    article = page.locator(".article-text")
    assert "<script>window.__pwned = 1</script>" in article.inner_text()
    assert '<img src="x" onerror=' in article.inner_text()
    assert article.locator("script, img, b").count() == 0
    assert "<img src=x" in page.locator("article.doc h3").inner_text()
    assert page.evaluate("window.__pwned") is None
    assert problems == []
    page.close()


def test_hostile_article_in_panel_is_text(browser: Any, mixed_site: str) -> None:
    page, problems = _open(browser, mixed_site)
    page.select_option("#f-type", "Explosions/Remote violence")
    page.fill("#f-actor", "Synthetic Actor A")
    page.wait_for_function("document.querySelector('#map').dataset.shown === '1'")
    page.locator("path.event-marker").first.click()
    page.wait_for_selector("#panel:not([hidden]) .article-text", timeout=10_000)
    text = page.locator("#panel .article-text")
    assert "<script>window.__pwned = 1</script>" in text.inner_text()
    assert text.locator("script, img, b").count() == 0
    assert page.evaluate("window.__pwned") is None
    assert problems == []
    page.close()


def test_type_filter_and_timeline_brush_filter_the_map(browser: Any, mixed_site: str) -> None:
    features = httpx.get(f"{mixed_site}/api/events.geojson").json()["features"]
    page, problems = _open(browser, mixed_site)
    shown = lambda: int(page.locator("#map").get_attribute("data-shown"))  # noqa: E731
    assert shown() == len(features) == 82
    # dense: markers are clustered
    assert page.locator(".marker-cluster").count() > 0
    battles = [f for f in features if f["properties"]["event_type"] == "Battles"]
    page.select_option("#f-type", "Battles")
    assert shown() == len(battles)
    page.select_option("#f-type", "")
    box = page.locator("#timeline-svg").bounding_box()
    assert box is not None
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + 2, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.4, y, steps=5)
    page.mouse.up()
    brushed = shown()
    assert 0 < brushed < len(features)
    page.dblclick("#timeline-svg")
    assert shown() == len(features)
    assert problems == []
    page.close()


def test_openapi_docs_render_offline(browser: Any, seed_site: tuple[str, Document]) -> None:
    url, _ = seed_site
    page = browser.new_page()
    offsite: list[str] = []
    page.on("request", lambda req: None if req.url.startswith(url) else offsite.append(req.url))
    page.goto(f"{url}/docs")
    page.wait_for_selector(".opblock-summary-path", timeout=30_000)
    assert "/api/events" in page.locator(".opblock-summary-path").all_inner_texts()
    assert offsite == []
    page.close()

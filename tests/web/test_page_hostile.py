"""Hostile data stays inert in a real Chromium: markup in article text, titles, outlets, actor
names, places, notes and `javascript:` URLs is shown as text on every page and never runs; the
map's cluster colours are not the legend's."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import httpx
import pytest

from api_fixtures import demo_extraction, serve_in_thread
from sitrep.api import create_app
from sitrep.store import open_store
from sitrep.web.views import TYPE_COLOURS

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# Each payload would set window.__pwned (or open a dialog) if it ever ran.
TEXT = (
    ' <script>window.__pwned = 1</script><img src="x" onerror="window.__pwned = 2">'
    ' <svg onload="window.__pwned = 3"></svg><a href="javascript:window.__pwned = 4">link</a>'
    ' <iframe src="javascript:alert(1)"></iframe>'
)
TITLE = '<svg/onload="window.__pwned = 5">"><script>alert(1)</script>'
OUTLET = '<img src=x onerror="window.__pwned = 6">'
URL = "javascript:window.__pwned = 7"
ACTOR = '<script>window.__pwned = 8</script>Actor'
PLACE = '<img src=x onerror="alert(9)">Town'
NOTES = '"><svg onload="window.__pwned = 10">'
INERT_JS = """() => {
  const handlers = [...document.querySelectorAll('*')].filter(
    el => [...el.attributes].some(a => a.name.startsWith('on')));
  const scripts = [...document.scripts].filter(
    s => !s.src && s.type !== 'application/json');
  const js = [...document.querySelectorAll('a[href], iframe[src]')].filter(
    el => /^\\s*javascript:/i.test(el.getAttribute('href') || el.getAttribute('src') || ''));
  return {pwned: window.__pwned, handlers: handlers.length, scripts: scripts.length,
          js: js.length};
}"""
CLEAN = {"pwned": None, "handlers": 0, "scripts": 0, "js": 0}


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """A site whose one article and events carry hostile markup everywhere; (url, event id)."""
    path = tmp_path_factory.mktemp("hostile") / "hostile.db"
    doc, extraction = demo_extraction(TEXT)
    doc = doc.model_copy(update={"title": TITLE, "outlet": OUTLET, "url": URL})
    events = [
        e.model_copy(
            update={"actor1": ACTOR, "location": PLACE, "notes": NOTES, "source": OUTLET}
        )
        for e in extraction.events
    ]
    extraction = extraction.model_copy(update={"events": events})
    with open_store(str(path)) as store:
        store.save_extraction(doc, extraction)
    app = create_app(str(path), read_only=True)
    with serve_in_thread(app) as url:
        yield url, events[0].event_id
    app.state.store.close()


def _watch(page: Any) -> list[str]:
    problems: list[str] = []
    page.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
    page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    page.on(
        "console",
        lambda m: problems.append(m.text) if "Content Security Policy" in m.text else None,
    )
    return problems


def test_page_hostile_fields_stay_text_on_the_map_page(
    browser: Any, hostile_site: tuple[str, str]
) -> None:
    url, event_id = hostile_site
    page = browser.new_page(viewport={"width": 1400, "height": 950})
    problems = _watch(page)
    page.goto(f"{url}/events")
    page.wait_for_selector("body[data-ready='1']", timeout=30_000)
    assert PLACE in page.locator("section.table table").inner_text()
    page.locator("path.event-marker").first.click()
    page.wait_for_selector("#panel:not([hidden]) .article-text", timeout=10_000)
    panel = page.locator("#panel").inner_text()
    for payload in ("<script>window.__pwned = 1</script>", ACTOR, PLACE, TITLE, OUTLET):
        assert payload in panel, payload
    assert page.evaluate(INERT_JS) == CLEAN
    assert problems == []
    page.close()


def test_page_hostile_fields_stay_text_on_the_event_page(
    browser: Any, hostile_site: tuple[str, str]
) -> None:
    url, event_id = hostile_site
    page = browser.new_page()
    problems = _watch(page)
    page.goto(f"{url}/events/{event_id}")
    text = page.locator("main").inner_text()
    for payload in (ACTOR, PLACE, NOTES, TITLE, OUTLET, '<svg onload="window.__pwned = 3">'):
        assert payload in text, payload
    assert page.locator("a", has_text="source").count() == 0  # a javascript: URL is no link
    page.wait_for_timeout(300)  # an onload/onerror would have fired by now
    assert page.evaluate(INERT_JS) == CLEAN
    assert problems == []
    page.close()


def test_page_hostile_csp_blocks_inline_script_even_if_injected(
    browser: Any, hostile_site: tuple[str, str]
) -> None:
    """Defence in depth: the CSP refuses inline script, so an injection that slipped through
    escaping would still not run."""
    url, _ = hostile_site
    page = browser.new_page()
    page.goto(f"{url}/events")
    page.wait_for_selector("body[data-ready='1']", timeout=30_000)
    ran = page.evaluate(
        """() => { const s = document.createElement('script');
        s.textContent = 'window.__injected = 1'; document.body.appendChild(s);
        return window.__injected === undefined; }"""
    )
    assert ran is True
    headers = httpx.get(f"{url}/events").headers
    assert "script-src 'self'" in headers["content-security-policy"]
    page.close()


def _rgb(value: str) -> tuple[int, int, int]:
    if value.startswith("#"):
        return (int(value[1:3], 16), int(value[3:5], 16), int(value[5:7], 16))
    parts = value[value.index("(") + 1 : value.index(")")].split(",")
    return (int(float(parts[0])), int(float(parts[1])), int(float(parts[2])))


def test_page_cluster_colours_are_not_legend_colours(browser: Any, mixed_site: str) -> None:
    page = browser.new_page(viewport={"width": 1400, "height": 950})
    page.goto(f"{mixed_site}/events")
    page.wait_for_selector("body[data-ready='1']", timeout=30_000)
    page.wait_for_selector(".marker-cluster div", timeout=10_000)
    colours = page.evaluate(
        """() => [...document.querySelectorAll('.marker-cluster, .marker-cluster div')]
        .map(el => getComputedStyle(el).backgroundColor)"""
    )
    page.close()
    legend = [_rgb(c) for c in TYPE_COLOURS.values()]
    assert colours
    for colour in {_rgb(c) for c in colours}:
        # the legend's colours take the hues (red, orange, purple, blue, green) and a grey:
        # clusters must have no hue at all, and be far from that grey
        assert max(colour) - min(colour) < 30, f"cluster colour {colour} has a legend hue"
        nearest = min(sum((a - b) ** 2 for a, b in zip(colour, c, strict=True)) for c in legend)
        assert nearest > 60**2, f"cluster colour {colour} is close to a legend colour"


def test_page_hostile_paths_are_plain(hostile_site: tuple[str, str]) -> None:
    """The JSON API returns the payloads verbatim, as JSON strings (escaping is the page's)."""
    url, event_id = hostile_site
    detail = httpx.get(f"{url}/api/events/{event_id}")
    assert detail.headers["content-type"] == "application/json"
    assert detail.headers["x-content-type-options"] == "nosniff"
    assert detail.json()["event"]["actor1"] == ACTOR
    assert detail.json()["documents"][0]["published"] == date(2016, 8, 5).isoformat()

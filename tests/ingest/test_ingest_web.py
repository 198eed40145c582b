"""HTML pages and RSS/Atom feeds, from files and from URLs (a local HTTP server, no internet)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from sitrep.errors import InputError
from sitrep.ingest import IngestOptions, read_inputs
from sitrep.records import Document

HOSTILE_HTML = """<!DOCTYPE html>
<html><head>
<title>Rebels break the siege of Aleppo | Orient News</title>
<meta property="og:site_name" content="Orient News">
<meta property="og:title" content="Rebels break the siege of Aleppo">
<meta property="article:published_time" content="2016-08-07T09:30:00+03:00">
<script>var tracker = "SCRIPT-IN-HEAD"; document.title = "pwned";</script>
<style>p { color: red } /* STYLE-RULE */</style>
</head><body>
<nav><a href="/">Home</a> <a href="/syria">Syria</a></nav>
<article>
<h1>Rebels break the siege of Aleppo</h1>
<p>Syrian rebels who broke the siege of rebel-held eastern Aleppo on Saturday came under intense
air attack from pro-regime forces on Sunday, activists said.</p>
<script type="text/javascript">document.write("<p>SCRIPT-IN-BODY</p>"); alert(1);</script>
<p>Rebels have taken most of a large government military complex southwest of Aleppo city in
a major offensive begun on Friday to break a month-long siege.</p>
<noscript>NOSCRIPT-TEXT</noscript>
<img src=x onerror="alert('ONERROR-HANDLER')">
</article>
<footer>Copyright Orient News</footer>
</body></html>
"""

UNDATED_HTML = """<html><head><title>Shelling in Daraa</title></head><body><article>
<p>Government forces shelled the town of Busra al-Harir in the eastern countryside of Daraa,
killing two civilians and injuring five others, local activists reported.</p>
<p>The town has been under bombardment for several days as fighting continues nearby.</p>
</article></body></html>
"""

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>Syria Direct</title><link>https://example.org/</link><description>news</description>
<item>
  <title>Airstrikes pound eastern Aleppo</title>
  <link>https://example.org/a1</link>
  <guid>urn:example:a1</guid>
  <pubDate>Sun, 07 Aug 2016 10:00:00 GMT</pubDate>
  <description><![CDATA[<p>Russian and regime warplanes struck the Ramousah area of Aleppo
  on Sunday.</p><script>alert("FEED-SCRIPT")</script><p>Activists reported dozens of
  strikes.</p>]]></description>
</item>
<item>
  <title>Empty item</title><link>https://example.org/a2</link><description>tiny</description>
</item>
<item>
  <title>Clashes in Hama</title>
  <link>https://example.org/a3</link>
  <pubDate>Mon, 08 Aug 2016 08:00:00 GMT</pubDate>
  <description>Clashes between rebels and government forces continued in the northern Hama
  countryside.</description>
</item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Aleppo Monitor</title>
  <id>urn:aleppo-monitor</id>
  <updated>2016-08-08T00:00:00Z</updated>
  <entry>
    <title>Siege broken</title>
    <id>urn:aleppo-monitor:1</id>
    <link href="https://example.net/1"/>
    <updated>2016-08-06T18:00:00Z</updated>
    <content type="html">&lt;p&gt;Rebels said they had broken the siege of eastern Aleppo
      on Saturday evening.&lt;/p&gt;</content>
  </entry>
</feed>
"""


def read(paths, **options) -> tuple[list[Document], list[InputError]]:
    docs: list[Document] = []
    errors: list[InputError] = []
    options.setdefault("allow_private_urls", True)  # the test site is on 127.0.0.1
    for item in read_inputs([str(p) for p in paths], IngestOptions(**options)):
        (docs if isinstance(item, Document) else errors).append(item)
    return docs, errors


@pytest.fixture
def site(tmp_path: Path) -> Iterator[str]:
    """A local web server serving a few pages and a feed."""
    (tmp_path / "article.html").write_text(HOSTILE_HTML, "utf-8")
    (tmp_path / "feed.xml").write_text(RSS, "utf-8")
    (tmp_path / "plain.txt").write_text(
        "Wed 05 Apr 2017 Syrian government aircraft struck Khan Sheikhoun in southern Idlib.",
        "utf-8",
    )
    handler = partial(SimpleHTTPRequestHandler, directory=str(tmp_path))
    handler.log_message = lambda *args: None  # type: ignore[attr-defined]
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_web_html_file_gives_main_text_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(HOSTILE_HTML, "utf-8")
    [doc], errors = read([path])
    assert errors == []
    assert "broke the siege of rebel-held eastern Aleppo" in doc.text
    assert "military complex southwest of Aleppo" in doc.text
    for leak in (
        "SCRIPT-IN-HEAD",
        "SCRIPT-IN-BODY",
        "alert(",
        "document.write",
        "STYLE-RULE",
        "ONERROR-HANDLER",
        "pwned",
        "<script",
        "<p>",
    ):
        assert leak not in doc.text
    assert (doc.title, doc.outlet, doc.published) == (
        "Rebels break the siege of Aleppo",
        "Orient News",
        date(2016, 8, 7),
    )


def test_web_html_without_date_has_no_date(tmp_path: Path) -> None:
    path = tmp_path / "undated.html"
    path.write_text(UNDATED_HTML, "utf-8")
    [doc], errors = read([path])
    assert errors == [] and "Busra al-Harir" in doc.text
    assert doc.published is None  # never the file's date or today's


def test_web_html_without_article_text_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "nav.html"
    path.write_text("<html><body><nav><a href='/'>Home</a></nav><script>x()</script></body></html>")
    docs, [error] = read([path])
    assert docs == [] and str(path) in str(error)


def test_web_rss_file_gives_one_document_per_entry(tmp_path: Path) -> None:
    path = tmp_path / "feed.rss"
    path.write_text(RSS, "utf-8")
    docs, errors = read([path])
    assert [d.title for d in docs] == ["Airstrikes pound eastern Aleppo", "Clashes in Hama"]
    first = docs[0]
    assert first.ref == "urn:example:a1" and first.url == "https://example.org/a1"
    assert first.outlet == "Syria Direct" and first.published == date(2016, 8, 7)
    assert "Ramousah" in first.text and "FEED-SCRIPT" not in first.text and "<p>" not in first.text
    [error] = errors
    assert "entry 2" in str(error) and str(path) in str(error)


def test_web_atom_file(tmp_path: Path) -> None:
    path = tmp_path / "monitor.atom"
    path.write_text(ATOM, "utf-8")
    [doc], errors = read([path])
    assert errors == []
    assert (doc.title, doc.outlet, doc.url, doc.published) == (
        "Siege broken",
        "Aleppo Monitor",
        "https://example.net/1",
        date(2016, 8, 6),
    )
    assert (
        doc.text == "Rebels said they had broken the siege of eastern Aleppo on Saturday evening."
    )


def test_web_urls_page_feed_and_text(site: str) -> None:
    docs, errors = read([f"{site}/article.html", f"{site}/feed.xml", f"{site}/plain.txt"])
    [error] = errors
    assert error.code == "E101" and f"{site}/feed.xml entry 2" in str(error)
    page, entry1, entry3, plain = docs
    assert page.ref == page.url == f"{site}/article.html"
    assert page.outlet == "Orient News" and "SCRIPT-IN-BODY" not in page.text
    assert entry1.title == "Airstrikes pound eastern Aleppo" and entry3.title == "Clashes in Hama"
    assert plain.published == date(2017, 4, 5)


def test_web_unreachable_url_is_named(site: str) -> None:
    docs, errors = read([f"{site}/missing.html", "http://127.0.0.1:1/nothing"])
    assert docs == []
    assert [e.code for e in errors] == ["E106", "E106"]
    assert "404" in str(errors[0]) and f"{site}/missing.html" in str(errors[0])


def test_web_oversized_url_is_refused(site: str) -> None:
    docs, [error] = read([f"{site}/article.html"], max_bytes=200)
    assert docs == [] and error.code == "E103"

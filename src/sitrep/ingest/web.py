"""HTML pages and RSS/Atom feeds, from files or URLs (trafilatura, feedparser)."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from datetime import date

from sitrep.errors import InputError
from sitrep.ingest.dates import find_dateline, parse_date
from sitrep.ingest.decode import check_text, decode_bytes
from sitrep.ingest.fetch import FetchPolicy, fetch
from sitrep.ingest.options import IngestOptions
from sitrep.records import Document

__all__ = ["html_document", "feed_documents", "fetch_url", "looks_like_feed", "html_to_text"]

def looks_like_feed(data: bytes) -> bool:
    """Return True if bytes look like an RSS or Atom document rather than an HTML page."""
    head = data[:2048].lstrip().lower()
    return (
        head.startswith(b"<?xml") or head.startswith(b"<rss") or head.startswith(b"<feed")
    ) and (b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head)


def html_document(
    data: bytes, name: str, options: IngestOptions, url: str | None = None
) -> Document:
    """Read the main text of an HTML page (boilerplate, scripts and styles removed).

    data (bytes): the page.
    name (str): the file or URL, for messages and as the document's ref.
    options (IngestOptions): limits and metadata overrides.
    url (str | None): the page's URL when it came from the web.
    RETURNS (Document): title, date and outlet from the page's metadata, where it has them.
    """
    import trafilatura

    html = decode_bytes(data, name)
    result = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False
    )
    text = getattr(result, "text", None) if result is not None else None
    if not text:
        raise InputError(f"{name}: no article text found in the HTML.", code="E104")
    text = check_text(text, name, options.min_chars, options.max_bytes)
    published = options.published or parse_date(getattr(result, "date", None))
    return Document.from_text(
        text,
        ref=name,
        title=options.title or getattr(result, "title", None),
        outlet=options.source
        or getattr(result, "sitename", None)
        or getattr(result, "hostname", None),
        url=options.url or url or getattr(result, "url", None),
        published=published or find_dateline(text),
        language=options.language,
    )


def html_to_text(fragment: str) -> str:
    """Return the text of an HTML fragment (a feed entry), scripts and styles dropped."""
    import lxml.html

    fragment = re.sub(r"\s+", " ", fragment)  # HTML white space renders as one space
    if "<" not in fragment:
        return fragment.strip()
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # noqa: BLE001 - lxml raises several types for broken markup
        return re.sub(r"<[^>]+>", " ", fragment)
    for bad in root.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    for block in root.iter("p", "br", "div", "li", "h1", "h2", "h3", "h4", "tr"):
        block.tail = "\n" + (block.tail or "")
    text = root.text_content()
    text = "\n".join(line.strip() for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _entry_date(entry: object) -> date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = getattr(entry, key, None) or (entry.get(key) if isinstance(entry, dict) else None)
        if isinstance(value, time.struct_time):
            return date(value.tm_year, value.tm_mon, value.tm_mday)
    return None


def feed_documents(
    data: bytes, name: str, options: IngestOptions
) -> Iterator[Document | InputError]:
    """Read the entries of an RSS or Atom feed, one document each.

    data (bytes): the feed.
    name (str): the file or URL, for messages.
    options (IngestOptions): limits and metadata overrides.
    RETURNS (Iterator): a Document per usable entry, an InputError per unusable one.
    """
    import feedparser

    parsed = feedparser.parse(data)
    if not parsed.entries:
        reason = f" ({parsed.bozo_exception})" if parsed.get("bozo") else ""
        yield InputError(
            f"{name}: not an RSS/Atom feed, or a feed without entries{reason}.", code="E105"
        )
        return
    outlet = options.source or parsed.feed.get("title")
    for number, entry in enumerate(parsed.entries, start=1):
        label = f"{name} entry {number}"
        content = entry.get("content")
        html = content[0].get("value", "") if content else entry.get("summary", "")
        try:
            text = check_text(html_to_text(html or ""), label, options.min_chars, options.max_bytes)
        except InputError as exc:
            yield exc
            continue
        yield Document.from_text(
            text,
            ref=entry.get("id") or entry.get("link") or label,
            title=options.title or entry.get("title"),
            outlet=outlet,
            url=options.url or entry.get("link"),
            published=options.published or _entry_date(entry) or find_dateline(text),
            language=options.language,
        )


def fetch_url(url: str, options: IngestOptions) -> tuple[bytes, str]:
    """Download a URL with the safe fetcher (size, time and redirect limits; non-public
    addresses refused unless options.allow_private_urls).

    url (str): http(s) URL.
    options (IngestOptions): timeout, size limit and address policy.
    RETURNS (tuple): (body, content type); FetchError (an InputError) when it cannot be fetched.
    """
    policy = FetchPolicy(
        allow_private=options.allow_private_urls,
        max_bytes=options.max_bytes,
        timeout=options.timeout,
    )
    result = fetch(url, policy)
    return result.body, result.content_type or ""

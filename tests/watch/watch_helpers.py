"""Real HTTP servers on 127.0.0.1 for the watcher's tests: feeds that change, fail, hang and lie.

`serve_feeds` starts a ThreadingHTTPServer on a free port in a thread; each path answers as its
name says. The feed at /feed.xml serves `server.items` (changeable between polls) with an ETag
and answers 304 to If-None-Match.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape

from sitrep.records import Extraction

ARTICLE = (
    "Syrian government helicopters dropped barrel bombs on the town of Kafr Zita in northern "
    "Hama on Sunday, killing {n} civilians, according to the Syrian Observatory for Human "
    "Rights. Story number {n}."
)


def rss(items: list[dict[str, str]], title: str = "Test wire") -> bytes:
    """An RSS 2.0 document of items (keys: title, link, guid, text, date)."""
    entries = "".join(
        "<item><title>{t}</title><link>{l}</link><guid>{g}</guid><pubDate>{d}</pubDate>"
        "<description>{x}</description></item>".format(
            t=escape(i["title"]),
            l=escape(i["link"]),
            g=escape(i.get("guid", i["link"])),
            d=i.get("date", "Sun, 07 Aug 2016 10:00:00 GMT"),
            x=escape(i["text"]),
        )
        for i in items
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>{escape(title)}</title>'
        f"<link>http://example.org/</link><description>d</description>{entries}</channel></rss>"
    ).encode()


def item(n: int, link: str | None = None) -> dict[str, str]:
    """Feed item number n (its own text and link)."""
    return {
        "title": f"Barrel bombs on Kafr Zita ({n})",
        "link": link or f"http://news.example.org/story/{n}",
        "text": ARTICLE.format(n=n),
    }


@dataclass
class FeedServer:
    """What the test server serves, and what it saw."""

    items: list[dict[str, str]] = field(default_factory=list)
    second: list[dict[str, str]] = field(default_factory=list)
    hits: dict[str, int] = field(default_factory=dict)
    agents: list[str] = field(default_factory=list)
    conditional: list[str] = field(default_factory=list)
    times: list[float] = field(default_factory=list)
    flaky: bool = False
    port: int = 0

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"


def _handler(state: FeedServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:  # keep test output quiet
            pass

        def _send(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
            self.send_response(status)
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _feed(self, items: list[dict[str, str]]) -> None:
            body = rss(items)
            etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
            if self.headers.get("If-None-Match") == etag:
                state.conditional.append(self.path)
                self._send(304, b"", {"ETag": etag})
                return
            stamp = format_datetime(datetime.now(UTC), usegmt=True)
            headers = {"Content-Type": "application/rss+xml", "ETag": etag, "Last-Modified": stamp}
            self._send(200, body, headers)

        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            path = self.path.split("?")[0]
            state.hits[path] = state.hits.get(path, 0) + 1
            state.agents.append(self.headers.get("User-Agent", ""))
            state.times.append(time.monotonic())
            if path == "/feed.xml":
                self._feed(state.items)
            elif path == "/second.xml":
                self._feed(state.second)
            elif path == "/flaky":
                self._send(500, b"down") if state.flaky else self._feed(state.items)
            elif path == "/broken":
                self._send(500, b"internal error")
            elif path == "/hang":
                time.sleep(3)
                self._send(200, rss([item(1)]))
            elif path == "/trickle":
                self.send_response(200)
                self.send_header("Content-Length", "100000")
                self.end_headers()
                for _ in range(40):
                    self.wfile.write(b" " * 10)
                    self.wfile.flush()
                    time.sleep(0.1)
            elif path == "/garbage":
                self._send(200, bytes(range(256)) * 40, {"Content-Type": "application/rss+xml"})
            elif path == "/html":
                self._send(200, b"<!doctype html><html><body><p>Not a feed</p></body></html>")
            elif path.startswith("/loop"):
                target = "/loop-b" if path == "/loop-a" else "/loop-a"
                self._send(302, b"", {"Location": target})
            elif path == "/big":
                self._send(200, b"<rss>" + b"x" * 300_000 + b"</rss>")
            elif path == "/big-chunked":
                self.send_response(200)
                self.end_headers()  # no Content-Length: the reader must count
                self.wfile.write(b"<rss>" + b"x" * 300_000)
                self.close_connection = True
            else:
                self._send(404, b"no such path")

    return Handler


def no_events(doc: object) -> Extraction:
    """A stand-in extractor for tests of the queue (the real one is tested elsewhere)."""
    return Extraction(doc_id=doc.id, events=[], claims=[])  # type: ignore[attr-defined]


@contextmanager
def serve_feeds() -> Iterator[FeedServer]:
    """A feed server on 127.0.0.1 (a free port), stopped when the block ends."""
    state = FeedServer()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    server.daemon_threads = True
    state.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()

"""The safe fetcher: non-public addresses refused, redirects re-checked, limits on every fetch.

The servers are real (http.server on 127.0.0.1); a test that needs a hop to count as "public"
narrows the address classifier to one loopback address (127.0.0.2) instead.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from sitrep.ingest import IngestOptions, read_inputs
from sitrep.ingest import fetch as fetch_module
from sitrep.ingest.fetch import FetchError, FetchPolicy, check_address, fetch

ARTICLE = b"Shelling hit the town of Douma on Monday, killing three civilians, a monitor said."
ALLOW = FetchPolicy(allow_private=True, timeout=5.0)


class Handler(BaseHTTPRequestHandler):
    """Routes: /article, /big, /stream, /slow, /loop/N, /to?u=URL, /etag."""

    hosts: list[str] = []

    def log_message(self, *args: Any) -> None:
        pass

    def _send(self, status: int, body: bytes = b"", **headers: str) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        if "Content_Length" not in headers:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        Handler.hosts.append(self.headers.get("Host", ""))
        path = self.path
        if path == "/article":
            self._send(200, ARTICLE, Content_Type="text/plain; charset=utf-8", ETag='"v1"')
        elif path == "/etag":
            if self.headers.get("If-None-Match") == '"v1"':
                self._send(304, ETag='"v1"')
            else:
                self._send(200, ARTICLE, ETag='"v1"')
        elif path == "/big":
            self._send(200, b"x" * 5000)
        elif path == "/stream":  # no Content-Length: the body ends when the connection closes
            self.send_response(200)
            self.end_headers()
            for _ in range(50):
                self.wfile.write(b"y" * 1000)
            self.close_connection = True
        elif path == "/slow":
            time.sleep(3)
            self._send(200, ARTICLE)
        elif path.startswith("/loop/"):
            self._send(302, Location=f"/loop/{int(path.rsplit('/', 1)[1]) + 1}")
        elif path.startswith("/to?u="):
            self._send(302, Location=path.split("=", 1)[1])
        else:
            self._send(404, b"no")


@pytest.fixture
def origin() -> Iterator[str]:
    """A real HTTP server on all loopback addresses; yields its port."""
    server = ThreadingHTTPServer(("0.0.0.0", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    Handler.hosts = []
    yield str(server.server_address[1])
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.9",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",
        "224.0.0.1",
        "240.0.0.1",
        "255.255.255.255",
        "::1",
        "::",
        "fe80::1",
        "fc00::1",
        "ff02::1",
        "::ffff:127.0.0.1",
        "::ffff:10.0.0.1",
        "2002:7f00:1::",
        "64:ff9b::7f00:1",
    ],
)
def test_fetch_check_address_refuses_non_public(address: str) -> None:
    with pytest.raises(FetchError) as caught:
        check_address(address)
    assert caught.value.code == "E111"
    assert str(check_address(address, allow_private=True))


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111"])
def test_fetch_check_address_accepts_public(address: str) -> None:
    assert str(check_address(address)) == address


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "[::1]", "127.1", "0"])
def test_fetch_refuses_loopback_by_default(origin: str, host: str) -> None:
    with pytest.raises(FetchError) as caught:
        fetch(f"http://{host}:{origin}/article")
    assert caught.value.code == "E111"
    assert "--allow-private-urls" in str(caught.value)
    assert Handler.hosts == []  # refused before any connection


def test_fetch_allow_private_fetches_with_validators(origin: str) -> None:
    result = fetch(f"http://localhost:{origin}/article", ALLOW)
    assert result.status == 200 and result.body == ARTICLE
    assert result.content_type == "text/plain" and result.etag == '"v1"'
    assert not result.not_modified
    again = fetch(f"http://127.0.0.1:{origin}/etag", ALLOW, etag='"v1"')
    assert again.not_modified and again.status == 304 and again.body == b""


def test_fetch_redirect_to_refused_address_is_refused(
    origin: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 127.0.0.1 counts as public here; only 127.0.0.2 is refused.
    monkeypatch.setattr(fetch_module, "_blocked", lambda a: str(a) == "127.0.0.2")
    target = f"http://127.0.0.2:{origin}/article"
    assert fetch(f"http://127.0.0.1:{origin}/to?u=/article").body == ARTICLE
    with pytest.raises(FetchError) as caught:
        fetch(f"http://127.0.0.1:{origin}/to?u={target}")
    assert caught.value.code == "E111" and "127.0.0.2" in str(caught.value)
    assert len(Handler.hosts) == 3  # the redirect was answered, the refused hop never asked


def test_fetch_connects_to_the_checked_address_not_a_second_answer(
    origin: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """DNS rebinding: the name is resolved once; a later answer cannot change the target."""
    real = socket.getaddrinfo
    answers = iter(["127.0.0.1"] + ["10.255.255.1"] * 10)

    def rebinding(host: str, port: Any, *args: Any, **kwargs: Any) -> Any:
        if host == "news.test":
            return real(next(answers), port, *args, **kwargs)
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    result = fetch(f"http://news.test:{origin}/article", ALLOW)
    assert result.body == ARTICLE
    assert Handler.hosts == [f"news.test:{origin}"]  # the Host header carries the name


def test_fetch_limits_size_redirects_and_time(origin: str) -> None:
    small = FetchPolicy(allow_private=True, max_bytes=1000, timeout=5.0)
    for path in ("/big", "/stream"):
        with pytest.raises(FetchError) as caught:
            fetch(f"http://127.0.0.1:{origin}{path}", small)
        assert caught.value.code == "E103"
    with pytest.raises(FetchError) as caught:
        fetch(f"http://127.0.0.1:{origin}/loop/0", FetchPolicy(allow_private=True, max_redirects=3))
    assert caught.value.code == "E112" and "3 redirects" in str(caught.value)
    assert len(Handler.hosts) == 6  # 2 size tests + the first request and 3 redirects
    with pytest.raises(FetchError) as caught:
        fetch(f"http://127.0.0.1:{origin}/slow", FetchPolicy(allow_private=True, timeout=0.5))
    assert caught.value.code == "E106" and "0.5 s" in str(caught.value)


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://example.org/x", "http://user:pw@example.org/", "gopher://x"]
)
def test_fetch_refuses_other_schemes_and_credentials(url: str) -> None:
    with pytest.raises(FetchError) as caught:
        fetch(url)
    assert caught.value.code == "E112"


def test_fetch_read_inputs_refuses_loopback_unless_allowed(origin: str) -> None:
    url = f"http://127.0.0.1:{origin}/article"
    [refused] = list(read_inputs([url], IngestOptions()))
    assert isinstance(refused, FetchError) and refused.code == "E111"
    [doc] = list(read_inputs([url], IngestOptions(allow_private_urls=True)))
    assert not isinstance(doc, Exception) and doc.text == ARTICLE.decode()

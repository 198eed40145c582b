"""`fetch`: one HTTP(S) GET with limits: size, time, redirects, conditional headers.

This is the plain fetcher the watcher uses (`sitrep watch`); the SSRF guard (refusing loopback
and private addresses unless `FetchPolicy.allow_private`) is added by the safe fetcher that
replaces this module, with the same interface.

    >>> result = fetch("https://example.org/feed.xml", FetchPolicy(), etag='"abc"')
    >>> result.not_modified   # True on 304: nothing to read
"""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import Message
from typing import Any
from urllib.parse import urljoin, urlsplit

from sitrep import __version__
from sitrep.errors import InputError

__all__ = ["FetchPolicy", "FetchResult", "FetchError", "fetch"]

_REDIRECTS = (301, 302, 303, 307, 308)
_CHUNK = 65536


@dataclass(frozen=True)
class FetchPolicy:
    """Limits of one fetch.

    allow_private (bool): allow loopback/private addresses (the safe fetcher refuses them).
    max_bytes (int): a longer body is refused (FetchError E103), whatever Content-Length says.
    timeout (float): seconds for the whole fetch (connection, headers and body).
    max_redirects (int): redirects followed before giving up (a loop is refused at once).
    user_agent (str): the User-Agent header, naming sitrep.
    """

    allow_private: bool = False
    max_bytes: int = 20_000_000
    timeout: float = 20.0
    max_redirects: int = 5
    user_agent: str = f"sitrep/{__version__} (news event extraction)"


@dataclass(frozen=True)
class FetchResult:
    """What a fetch returned.

    url (str): the final URL, after redirects.
    status (int): HTTP status (200, or 304 when not_modified).
    body (bytes): the body (empty on 304).
    content_type, etag, last_modified (str | None): response headers.
    not_modified (bool): the server answered 304 to a conditional request.
    """

    url: str
    status: int
    body: bytes
    content_type: str | None
    etag: str | None
    last_modified: str | None
    not_modified: bool


class FetchError(InputError):
    """A URL cannot be fetched: network error, HTTP error, too large, too slow, redirect loop.

    Codes: E106 unreachable or an HTTP error status; E103 over max_bytes; E111 redirects
    (a loop, or more than max_redirects); E112 too slow (over the policy's timeout); E113 not
    an http(s) URL.
    """

    code = "E106"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None  # redirects come back as HTTPError 3xx, followed (and counted) by fetch()


_OPENER = urllib.request.build_opener(_NoRedirect())


def _headers(policy: FetchPolicy, etag: str | None, last_modified: str | None) -> dict[str, str]:
    headers = {"User-Agent": policy.user_agent, "Accept-Encoding": "identity"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    return headers


def _read_body(response: Any, url: str, policy: FetchPolicy, deadline: float) -> bytes:
    length = response.headers.get("Content-Length")
    if length and length.isdigit() and int(length) > policy.max_bytes:
        raise FetchError(
            f"{url}: the body is {int(length):,} bytes, over the limit of {policy.max_bytes:,}.",
            code="E103",
        )
    chunks: list[bytes] = []
    size = 0
    while True:
        if time.monotonic() > deadline:
            raise FetchError(f"{url}: too slow (over {policy.timeout:g} s).", code="E112")
        chunk = response.read(_CHUNK)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > policy.max_bytes:
            raise FetchError(
                f"{url}: the body is over the limit of {policy.max_bytes:,} bytes.", code="E103"
            )
        chunks.append(chunk)


def _result(url: str, status: int, body: bytes, headers: Message) -> FetchResult:
    return FetchResult(
        url=url,
        status=status,
        body=body,
        content_type=headers.get_content_type() if headers.get("Content-Type") else None,
        etag=headers.get("ETag"),
        last_modified=headers.get("Last-Modified"),
        not_modified=status == 304,
    )


def _next_url(url: str, exc: urllib.error.HTTPError, visited: list[str], limit: int) -> str:
    location = exc.headers.get("Location")
    if not location:
        raise FetchError(f"{url}: redirect {exc.code} without a Location.", code="E111")
    target = urljoin(url, location)
    if target in visited:
        raise FetchError(f"{visited[0]}: redirect loop through {target}.", code="E111")
    if len(visited) > limit:
        raise FetchError(f"{visited[0]}: more than {limit} redirects.", code="E111")
    return target


def fetch(
    url: str,
    policy: FetchPolicy = FetchPolicy(),  # noqa: B008 - frozen dataclass, safe as a default
    *,
    etag: str | None = None,
    last_modified: str | None = None,
) -> FetchResult:
    """GET a URL within the policy's limits, conditionally when etag/last_modified are given.

    url (str): an http(s) URL.
    policy (FetchPolicy): size, time and redirect limits, User-Agent.
    etag, last_modified (str | None): validators from the previous fetch (If-None-Match,
        If-Modified-Since); a 304 answer gives `not_modified=True` and an empty body.
    RETURNS (FetchResult): the final URL, status, body and validators.
    RAISES FetchError: unreachable, HTTP error, too large, too slow, redirect loop.
    """
    deadline = time.monotonic() + policy.timeout
    visited = [url]
    current = url
    while True:
        if urlsplit(current).scheme not in ("http", "https"):
            raise FetchError(f"{current}: not an http(s) URL.", code="E113")
        request = urllib.request.Request(current, headers=_headers(policy, etag, last_modified))
        remaining = max(0.1, deadline - time.monotonic())
        try:
            with _OPENER.open(request, timeout=remaining) as response:
                body = _read_body(response, current, policy, deadline)
                return _result(current, response.status, body, response.headers)
        except urllib.error.HTTPError as exc:
            if exc.code == 304:
                return _result(current, 304, b"", exc.headers)
            if exc.code not in _REDIRECTS:
                answer = f"{exc.code} {exc.reason}"
                raise FetchError(f"{current}: the server answered {answer}.") from None
            current = _next_url(current, exc, visited, policy.max_redirects)
            visited.append(current)
        except FetchError:
            raise
        except (urllib.error.URLError, TimeoutError, OSError, ValueError) as exc:
            reason = getattr(exc, "reason", exc)
            if isinstance(reason, TimeoutError) or "timed out" in str(reason):
                slow = f"{current}: too slow (over {policy.timeout:g} s)."
                raise FetchError(slow, code="E112") from None
            raise FetchError(f"{current}: cannot be fetched ({reason}).") from None

"""A safe HTTP(S) fetcher: no request to loopback or private networks unless allowed.

`fetch(url)` resolves the host once, refuses the URL if any of its addresses is loopback,
private, link-local, multicast, reserved or unspecified (IPv4, IPv6, IPv4-mapped IPv6), then
connects to the address it checked (the Host header and TLS SNI carry the name, so a second DNS
answer cannot swap in another address: the DNS-rebinding defence). Redirects are followed by
hand, each hop checked the same way; the body is streamed and cut at `max_bytes`; `timeout`
bounds the whole fetch, redirects included.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from sitrep import __version__
from sitrep.errors import InputError

__all__ = ["FetchPolicy", "FetchResult", "FetchError", "fetch", "check_address"]

REDIRECTS = frozenset({301, 302, 303, 307, 308})
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


@dataclass(frozen=True)
class FetchPolicy:
    """Limits of one fetch.

    allow_private (bool): allow loopback, private, link-local and reserved addresses (an
        operator's own command line; never for a URL sent by an API client).
    max_bytes (int): refuse a body larger than this.
    timeout (float): seconds for the whole fetch, redirects included.
    max_redirects (int): redirects followed before giving up.
    user_agent (str): the User-Agent header.
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
    status (int): the HTTP status (200, or 304 when `not_modified`).
    body (bytes): the body (empty when not modified).
    content_type (str | None): the media type without parameters ("text/html").
    etag, last_modified (str | None): validators for the next conditional fetch.
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
    """A URL cannot be fetched, or may not be (its address is refused)."""

    code = "E106"


def _blocked(address: IPAddress) -> bool:
    """True if an address is not a public unicast address."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is not None:
            return _blocked(embedded)
        if address.teredo is not None:
            return True
        if address in ipaddress.IPv6Network("64:ff9b::/96"):  # NAT64 carries an IPv4 address
            return _blocked(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
    return (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
        or not address.is_global
    )


def check_address(address: str, allow_private: bool = False) -> IPAddress:
    """Parse an IP address and refuse it if it is not public (unless `allow_private`).

    address (str): an IPv4 or IPv6 address (a zone suffix "%eth0" is dropped).
    allow_private (bool): accept any address.
    RETURNS (IPv4Address | IPv6Address): the address; FetchError (E111) if refused.
    """
    parsed = ipaddress.ip_address(address.split("%", 1)[0])
    if not allow_private and _blocked(parsed):
        raise FetchError(
            f"address {parsed} is not public (loopback, private, link-local, multicast or "
            "reserved); refused (an operator can allow it with --allow-private-urls).",
            code="E111",
        )
    return parsed


def _resolve(host: str, port: int, policy: FetchPolicy, url: str) -> str:
    """Resolve a host once and check every address; return the one to connect to."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"{url}: cannot be fetched (cannot resolve {host}: {exc}).") from None
    addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
    if not addresses:
        raise FetchError(f"{url}: cannot be fetched ({host} has no address).")
    try:
        checked = [check_address(a, policy.allow_private) for a in addresses]
    except FetchError as exc:
        raise FetchError(f"{url}: {str(exc).split('] ', 1)[-1]}", code=exc.code) from None
    return str(checked[0])


class _PinnedHTTP(http.client.HTTPConnection):
    """An HTTP connection to a checked address, whatever the name now resolves to."""

    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self.address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self.address, self.port), self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    """An HTTPS connection to a checked address; the certificate is checked against the name."""

    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        self.context = ssl.create_default_context()
        super().__init__(host, port, timeout=timeout, context=self.context)
        self.address = address

    def connect(self) -> None:
        sock = socket.create_connection((self.address, self.port), self.timeout)
        self.sock = self.context.wrap_socket(sock, server_hostname=self.host)


def _remaining(deadline: float, url: str, timeout: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise FetchError(f"{url}: cannot be fetched (no answer within {timeout:g} s).")
    return left


def _read_body(
    response: http.client.HTTPResponse,
    connection: http.client.HTTPConnection,
    policy: FetchPolicy,
    deadline: float,
    url: str,
) -> bytes:
    """Stream the body, stopping at max_bytes and at the deadline."""
    declared = response.getheader("Content-Length")
    if declared and declared.isdigit() and int(declared) > policy.max_bytes:
        raise _too_large(url, policy)
    chunks: list[bytes] = []
    size = 0
    while True:
        left = _remaining(deadline, url, policy.timeout)  # raises once the deadline is past
        if connection.sock is not None:  # None when the server said it will close
            connection.sock.settimeout(left)
        # read1: at most one receive, so a body that trickles in still meets the deadline.
        chunk = response.read1(65536)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > policy.max_bytes:
            raise _too_large(url, policy)
        chunks.append(chunk)


def _too_large(url: str, policy: FetchPolicy) -> FetchError:
    return FetchError(
        f"{url}: larger than the limit of {policy.max_bytes:,} bytes "
        "(ingest.max_bytes; raise it with --max-bytes).",
        code="E103",
    )


def _open(
    url: str, policy: FetchPolicy, headers: dict[str, str], deadline: float
) -> tuple[http.client.HTTPConnection, http.client.HTTPResponse]:
    """Send one GET to a checked address; return the connection and its response."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(f"{url}: only http and https URLs can be fetched.", code="E112")
    if parts.username or parts.password:
        raise FetchError(f"{url}: URLs with credentials are refused.", code="E112")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise FetchError(f"{url}: the port is not valid.", code="E112") from None
    address = _resolve(parts.hostname, port, policy, url)
    timeout = _remaining(deadline, url, policy.timeout)
    kind = _PinnedHTTPS if parts.scheme == "https" else _PinnedHTTP
    connection = kind(parts.hostname, port, address, timeout)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    connection.request("GET", target, headers=headers)
    return connection, connection.getresponse()


def _header(response: http.client.HTTPResponse, name: str) -> str | None:
    value = response.getheader(name)
    return value.strip() if value else None


def _one_hop(
    url: str, policy: FetchPolicy, headers: dict[str, str], deadline: float
) -> FetchResult | str:
    """Fetch one URL; return its result, or the absolute URL it redirects to."""
    connection, response = _open(url, policy, headers, deadline)
    try:
        location = response.getheader("Location")
        if response.status in REDIRECTS and location:
            return urljoin(url, location.strip())
        etag, modified = _header(response, "ETag"), _header(response, "Last-Modified")
        if response.status == 304:
            return FetchResult(url, 304, b"", None, etag, modified, True)
        if response.status >= 400:
            raise FetchError(f"{url}: the server answered {response.status} {response.reason}.")
        body = _read_body(response, connection, policy, deadline, url)
        kind = response.headers.get_content_type() if response.getheader("Content-Type") else None
        return FetchResult(url, response.status, body, kind, etag, modified, False)
    finally:
        connection.close()


def fetch(
    url: str,
    policy: FetchPolicy = FetchPolicy(),
    *,
    etag: str | None = None,
    last_modified: str | None = None,
) -> FetchResult:
    """GET a URL within the policy's limits, refusing non-public addresses unless allowed.

    url (str): an http(s) URL.
    policy (FetchPolicy): address policy, size, time and redirect limits.
    etag (str | None): send If-None-Match (a 304 answer gives `not_modified`).
    last_modified (str | None): send If-Modified-Since.
    RETURNS (FetchResult): the final URL, status, body and validators; FetchError (E106 cannot
        be fetched, E103 too large, E111 address refused, E112 URL refused or too many redirects).
    """
    deadline = time.monotonic() + policy.timeout
    headers = {"User-Agent": policy.user_agent, "Accept": "*/*"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    current = url
    for _ in range(policy.max_redirects + 1):
        try:
            outcome = _one_hop(current, policy, headers, deadline)
        except FetchError:
            raise
        except (OSError, http.client.HTTPException) as exc:
            if time.monotonic() >= deadline or isinstance(exc, TimeoutError):
                exc = TimeoutError(f"no answer within {policy.timeout:g} s")
            raise FetchError(f"{current}: cannot be fetched ({exc}).") from None
        if isinstance(outcome, FetchResult):
            return outcome
        current = outcome
    raise FetchError(
        f"{url}: more than {policy.max_redirects} redirects; refused.", code="E112"
    )

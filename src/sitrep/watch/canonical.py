"""The canonical form of an item's URL: one article linked with different tracking is one item."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

__all__ = ["canonical_url", "tracking_params"]

_DEFAULT_PORTS = {"http": 80, "https": 443}


@lru_cache(maxsize=1)
def tracking_params() -> tuple[frozenset[str], tuple[str, ...]]:
    """Return the tracking parameter names and prefixes (tracking_params.txt)."""
    text = resources.files("sitrep.watch").joinpath("tracking_params.txt").read_text("utf-8")
    names = [line.strip().lower() for line in text.splitlines()]
    names = [n for n in names if n and not n.startswith("#")]
    exact = frozenset(n for n in names if not n.endswith("*"))
    prefixes = tuple(n[:-1] for n in names if n.endswith("*"))
    return exact, prefixes


def _is_tracking(name: str) -> bool:
    exact, prefixes = tracking_params()
    lowered = name.lower()
    return lowered in exact or lowered.startswith(prefixes)


def canonical_url(url: str) -> str:
    """Return a URL normalised for comparison.

    Scheme and host lower-cased, default port and fragment dropped, tracking parameters
    (utm_*, fbclid, gclid, ...: tracking_params.txt) removed, the others sorted; an empty path
    becomes "/". Not a URL (no scheme and host): returned stripped.

    url (str): the item's link.
    RETURNS (str): e.g. "https://example.org/a?id=3" for
        "HTTPS://Example.org:443/a?utm_source=x&id=3#top".
    """
    url = url.strip()
    parts = urlsplit(url)
    if not parts.scheme or not parts.netloc:
        return url
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if parts.port is not None and parts.port != _DEFAULT_PORTS.get(scheme):
        host = f"{host}:{parts.port}"
    query = sorted(
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)
    )
    return urlunsplit((scheme, host, parts.path or "/", urlencode(query), ""))

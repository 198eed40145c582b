"""Canonical item URLs: tracking parameters and cosmetic differences do not make a new item."""

from __future__ import annotations

import pytest

from sitrep.watch import canonical_url


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("https://ex.org/a?utm_source=tw&utm_medium=social", "https://ex.org/a"),
        ("https://ex.org/a?id=3&fbclid=XYZ", "https://ex.org/a?id=3"),
        ("HTTPS://Ex.ORG:443/a?gclid=1&b=2&a=1#comments", "https://ex.org/a?a=1&b=2"),
        ("http://ex.org", "http://ex.org/"),
        ("http://ex.org:8080/x?UTM_Campaign=y", "http://ex.org:8080/x"),
        ("tag:ex.org,2016:123", "tag:ex.org,2016:123"),
    ],
)
def test_canonical_drops_tracking_and_normalises(given: str, expected: str) -> None:
    assert canonical_url(given) == expected


def test_canonical_keeps_the_path_case() -> None:
    assert canonical_url("https://ex.org/News/A") != canonical_url("https://ex.org/news/a")

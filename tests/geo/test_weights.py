"""The geocoder's weights file (issue 11): every number the ranking reads is a commented key."""

from __future__ import annotations

from importlib import resources

from sitrep.geo import geocoder, rank
from sitrep.geo.weights import load_weights


def test_weights_every_key_has_a_comment() -> None:
    text = resources.files("sitrep.geo").joinpath("weights.yaml").read_text("utf-8")
    keyed = [line for line in text.splitlines() if line.startswith("  ") and ":" in line]
    assert keyed
    missing = [line for line in keyed if "#" not in line]
    assert missing == []


def test_weights_are_what_the_ranking_reads() -> None:
    weights = load_weights()
    assert rank.WEIGHTS is weights.rank
    assert geocoder.CONFIDENT == weights.geocoder["confident"]
    assert all(isinstance(v, int | float) for v in weights.rank.values())
    assert weights.rank["same_country"] > 0 > weights.rank["other_country"]

"""The geocoder's ranking weights and thresholds, read once from `weights.yaml` beside this
module (one commented key per number; see that file).

    from sitrep.geo.weights import load_weights
    load_weights().geocoder["confident"]  # 0.6
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

__all__ = ["Weights", "load_weights"]


@dataclass(frozen=True)
class Weights:
    """The sections of weights.yaml.

    rank (dict[str, float]): additive feature weights of a candidate reading.
    rank_thresholds (dict[str, float]): distance bins, the score curve, tie and bearing limits.
    geocoder (dict[str, float]): the two-pass reading's thresholds and score factors.
    features (dict[str, float]): thresholds of finding mentions.
    """

    rank: dict[str, float]
    rank_thresholds: dict[str, float]
    geocoder: dict[str, float]
    features: dict[str, float]


@lru_cache(maxsize=1)
def load_weights() -> Weights:
    """Read weights.yaml once per process.

    RETURNS (Weights): every section; a missing section raises KeyError naming it.
    """
    text = resources.files("sitrep.geo").joinpath("weights.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    return Weights(
        rank=dict(data["rank"]),
        rank_thresholds=dict(data["rank_thresholds"]),
        geocoder=dict(data["geocoder"]),
        features=dict(data["features"]),
    )

"""Reading the lexicon files of `sitrep/extract/lexicons/` (YAML data an analyst can edit)."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from sitrep.errors import ConfigError

__all__ = ["Thresholds", "load_thresholds", "parse_thresholds", "phrase_pattern", "read_lexicon"]


def phrase_pattern(items: list[str]) -> re.Pattern[str]:
    """One case-insensitive pattern for a lexicon's phrases (regex alternatives), matched as
    whole words: not inside a longer word nor after a hyphen ("pro-government" is no "government").
    """
    return re.compile(r"(?<![\w-])(?:" + "|".join(items) + r")(?![\w])", re.I)


def read_lexicon(name: str) -> Any:
    """Parse one packaged lexicon file.

    name (str): the file name inside `sitrep/extract/lexicons/`, e.g. "weapons.yaml".
    RETURNS (Any): the parsed YAML (None for an empty file).
    """
    path = resources.files("sitrep.extract").joinpath("lexicons", name)
    return yaml.safe_load(path.read_text("utf-8"))


@dataclass(frozen=True)
class Thresholds:
    """The weights and thresholds of `lexicons/thresholds.yaml` (its section, "_", its key)."""

    country_weight_name: int
    country_weight_place: int
    country_weight_town: int
    country_weight_demonym: int
    country_min_score: int
    merge_town_radius_km: float
    merge_reversed_sides_penalty: int
    merge_civilian_mismatch_penalty: int
    claims_max_says_chars: int


@lru_cache(maxsize=1)
def load_thresholds() -> Thresholds:
    """Read `lexicons/thresholds.yaml` once.

    RETURNS (Thresholds): its values.
    """
    return parse_thresholds(read_lexicon("thresholds.yaml"))


def parse_thresholds(data: dict[str, dict[str, Any]]) -> Thresholds:
    """Check and convert the parsed `thresholds.yaml`.

    data (dict): section -> key -> number.
    RETURNS (Thresholds): each value converted to its field's type.
    RAISES ConfigError: when a key is missing or unknown.
    """
    flat = {
        f"{section}_{key}": value for section, keys in data.items() for key, value in keys.items()
    }
    types = {f.name: f.type for f in fields(Thresholds)}
    if set(flat) != set(types):
        wrong = sorted(set(flat) ^ set(types))
        raise ConfigError(f"thresholds.yaml: missing or unknown keys {', '.join(wrong)}")
    values: dict[str, Any] = {
        k: float(v) if types[k] in ("float", float) else int(v) for k, v in flat.items()
    }
    return Thresholds(**values)

"""The data tables fusion reads: matching rules, grading rules, outlets, credibility weights.

Each is a YAML file beside this module, loaded once with importlib.resources; callers may pass
their own mapping instead (tests, users with their own outlet list).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from sitrep.errors import ConfigError
from sitrep.extract.lexicon import read_lexicon

__all__ = ["Outlet", "OutletTable", "load_table", "load_outlets", "fold_name"]


@lru_cache(maxsize=65536)
def fold_name(name: str) -> str:
    """Return `name` folded for comparison: lower case, no "al-"/"the " prefix, no punctuation.

    name (str): an outlet, speaker or place name.
    RETURNS (str): the folded key ("Al-Mashhad" and "al Mashhad" give "mashhad").
    """
    text = re.sub(r"[^\w\s]", " ", name.lower())
    text = re.sub(r"\b(al|el|the)\s+", "", text)
    return re.sub(r"\s+", " ", text).strip()


@lru_cache(maxsize=8)
def load_table(name: str) -> dict[str, Any]:
    """Return one of the packaged YAML tables of `sitrep.fuse` as a dict.

    name (str): file name, e.g. "grading.yaml".
    RETURNS (dict): the parsed file.
    """
    try:
        text = resources.files("sitrep.fuse").joinpath(name).read_text("utf-8")
        data = yaml.safe_load(text)
    except (FileNotFoundError, yaml.YAMLError) as exc:
        raise ConfigError(f"Cannot read fusion table {name}: {exc}", code="E210") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"Fusion table {name} is not a mapping", code="E210")
    return data


@dataclass(frozen=True)
class Outlet:
    """An outlet as the outlet table describes it."""

    name: str
    type: str = "unknown"
    alignment: str | None = None


@dataclass
class OutletTable:
    """Outlets by folded name or alias, with the prior credibility of each outlet type."""

    outlets: dict[str, Outlet] = field(default_factory=dict)
    type_prior: dict[str, float] = field(default_factory=dict)

    def get(self, name: str | None) -> Outlet | None:
        """Return the outlet called `name` (any alias, any case; the longest known prefix of the
        name, so "Orient News correspondent" is Orient News), or None if unknown."""
        if not name:
            return None
        words = fold_name(name).split()
        # "Orient News correspondent", "Aleppo Today Facebook page": the longest known prefix
        for end in range(len(words), 0, -1):
            outlet = self.outlets.get(" ".join(words[:end]))
            if outlet:
                return outlet
        return None

    def prior(self, name: str | None) -> float:
        """Return the prior credibility of outlet `name` (the "unknown" prior if not listed)."""
        outlet = self.get(name)
        kind = outlet.type if outlet else "unknown"
        return float(self.type_prior.get(kind, self.type_prior.get("unknown", 0.5)))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> OutletTable:
        """Build the table from the structure of outlets.yaml."""
        table = cls(type_prior={str(k): float(v) for k, v in data.get("type_prior", {}).items()})
        for row in data.get("outlets", []):
            outlet = Outlet(str(row["name"]), str(row.get("type", "unknown")), row.get("alignment"))
            for alias in [row["name"], *row.get("aliases", [])]:
                table.outlets[fold_name(str(alias))] = outlet
        return table


def _shared_outlets() -> dict[str, Any]:
    """Return extraction's outlet table (sitrep/extract/lexicons/outlets.yaml), or {} if absent."""
    try:
        data = read_lexicon("outlets.yaml")
    except FileNotFoundError:
        return {}
    except yaml.YAMLError as exc:
        raise ConfigError(f"Cannot read the outlet table: {exc}", code="E210") from exc
    return data if isinstance(data, dict) else {}


@lru_cache(maxsize=1)
def load_outlets() -> OutletTable:
    """Return the outlet table: extraction's outlets.yaml plus fuse/outlets.yaml, cached.

    RETURNS (OutletTable): outlets by name and alias (fuse's entries win), with type priors.
    """
    own = load_table("outlets.yaml")
    rows = [*(_shared_outlets().get("outlets") or []), *(own.get("outlets") or [])]
    return OutletTable.from_dict({"outlets": rows, "type_prior": own.get("type_prior", {})})

"""The word lists of mention finding, read once per process from the data files.

`load_lexicon()` reads `data/blocked.yaml` (names and phrases that are never places, with
spaCy's English stop words and the demonyms of `data/countries.yaml`) and `data/cues.yaml`
(context cue words: "X province", "countryside of X", "near X", "X neighbourhood" ...), names
turned into name keys.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import yaml

from sitrep.geo.normalise import name_key

__all__ = ["Lexicon", "load_lexicon"]


@dataclass(frozen=True)
class Lexicon:
    """Blocked names and context cue words, read from the data files."""

    blocked_keys: frozenset[str]
    blocked_phrase_keys: frozenset[str]
    blocked_lower: frozenset[str]
    country_keys: dict[str, str]
    admin_after: frozenset[str]
    admin_before: frozenset[str]
    district_words: frozenset[str]
    directions: frozenset[str]
    container_fillers: frozenset[str]
    near_before: frozenset[str]
    near_before_two: frozenset[tuple[str, str]]
    near_after: frozenset[str]
    neighbourhood_words: frozenset[str]
    locality_words: frozenset[str]
    container_words: frozenset[str]
    not_place_after: frozenset[str]
    not_place_before: frozenset[str]
    generic_heads: frozenset[str] = frozenset()
    place_before: frozenset[str] = frozenset()
    date_words: frozenset[str] = frozenset()
    written_words: frozenset[str] = frozenset()
    person_titles: frozenset[str] = frozenset()
    place_after: frozenset[str] = frozenset()
    origin_before: frozenset[str] = frozenset()
    seat_before: frozenset[str] = frozenset()
    name_descriptors: frozenset[str] = frozenset()
    name_inner_words: frozenset[str] = frozenset()
    country_cues: tuple[tuple[str, str], ...] = ()
    world_country_names: dict[str, str] = field(default_factory=dict)  # "serbia" -> "RS"
    operation_areas: tuple[tuple[str, frozenset[str]], ...] = ()
    operation_districts: tuple[tuple[str, frozenset[str]], ...] = ()
    force_areas: tuple[tuple[str, frozenset[str]], ...] = ()
    stop_keys: frozenset[str] = frozenset()
    qualifier_tails: frozenset[str] = frozenset()
    country_names: dict[str, str] = field(default_factory=dict)  # "SY" -> "Syria"
    demonyms: dict[str, frozenset[str]] = field(default_factory=dict)  # "SY" -> {"syrian", ...}


def _read_yaml(name: str) -> dict:
    text = resources.files("sitrep.geo").joinpath(f"data/{name}").read_text("utf-8")
    data: dict = yaml.safe_load(text)
    return data


def world_countries() -> dict[str, tuple[str, list[str], list[str]]]:
    """Every other country's names from data/world_countries.tsv (ISO 3166-1 and the press's
    short forms: tools/iso_tables.py), as countries.yaml rows without demonyms."""
    text = resources.files("sitrep.geo").joinpath("data/world_countries.tsv").read_text("utf-8")
    rows = [line.split("\t") for line in text.splitlines()[1:] if "\t" in line]
    return {iso: (names.split("|")[0], names.split("|"), []) for iso, names in rows}


def _lowered(values: Iterable[object]) -> frozenset[str]:
    return frozenset(str(w).lower() for w in values)


def _areas(cues: dict, key: str, *, lower: bool) -> tuple[tuple[str, frozenset[str]], ...]:
    """cues.yaml's `key` mapping (name -> areas) as (name, areas) pairs; names lower-cased
    when `lower`."""
    return tuple(
        (str(name).lower() if lower else str(name), frozenset(str(a) for a in areas))
        for name, areas in (cues.get(key) or {}).items()
    )


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Read blocked.yaml, countries.yaml and cues.yaml once per process.

    RETURNS (Lexicon): the word lists, with names turned into name keys.
    """
    from spacy.lang.en.stop_words import STOP_WORDS

    blocked = _read_yaml("blocked.yaml")
    countries = _read_yaml("countries.yaml")
    cues = _read_yaml("cues.yaml")
    demonyms = [d for _, (_, _, dems) in countries.items() for d in dems]
    blocked_keys = {name_key(str(n)) for n in [*blocked["names"], *blocked["arabic"], *demonyms]}
    # a stop word's key blocks only the stop word itself: "Side" is no place, "Saida" (same
    # key "sida") is the town Sayda
    stop_keys = {name_key(w) for w in STOP_WORDS if len(w) > 1} - blocked_keys
    country_keys = {
        name_key(str(n)): iso for iso, (_, names, _) in countries.items() for n in names
    }
    # every other country only as written ("Mali" shares the key "mala" with al-Mallah)
    world_names = {
        " ".join(str(n).lower().split()): iso
        for iso, (_, names, _) in world_countries().items()
        for n in names
    }
    near_before = [str(w) for w in cues["near_before"]]

    def words(key: str) -> frozenset[str]:
        return _lowered(cues[key])

    return Lexicon(
        blocked_keys=frozenset(k for k in blocked_keys if k),
        blocked_phrase_keys=frozenset(name_key(str(p)) for p in blocked["phrases"]),
        blocked_lower=frozenset(STOP_WORDS),
        stop_keys=frozenset(k for k in stop_keys if k),
        qualifier_tails=frozenset(name_key(str(w)) for w in cues.get("qualifier_tails", [])),
        country_keys=country_keys,
        world_country_names=world_names,
        country_names={iso: str(display) for iso, (display, _, _) in countries.items()},
        demonyms={
            iso: frozenset(str(d).lower() for d in dems) for iso, (_, _, dems) in countries.items()
        },
        admin_after=words("admin_after"),
        admin_before=words("admin_before"),
        district_words=words("district_words"),
        directions=words("directions"),
        container_fillers=words("container_fillers"),
        near_before=frozenset(w for w in near_before if " " not in w),
        near_before_two=frozenset(
            (w.split()[0], w.split()[1]) for w in near_before if len(w.split()) == 2
        ),
        near_after=words("near_after"),
        neighbourhood_words=words("neighbourhood_words"),
        locality_words=words("locality_words"),
        container_words=words("container_words"),
        not_place_after=words("not_place_after"),
        not_place_before=words("not_place_before"),
        generic_heads=frozenset(name_key(str(w)) for w in cues["generic_heads"]),
        place_before=words("place_before"),
        date_words=_lowered(blocked.get("date_words", [])),
        written_words=_lowered(blocked.get("written_words", [])),
        person_titles=_lowered(cues.get("person_titles", [])),
        place_after=_lowered(cues.get("place_after", [])),
        origin_before=_lowered(cues.get("origin_before", [])),
        seat_before=_lowered(cues.get("seat_before", [])),
        name_descriptors=_lowered(cues.get("name_descriptors", [])) | words("directions"),
        country_cues=tuple(
            (" ".join(str(p).split()), str(c)) for p, c in (cues.get("country_cues") or {}).items()
        ),
        name_inner_words=_lowered(cues.get("name_inner_words", [])),
        operation_areas=_areas(cues, "operation_areas", lower=True),
        operation_districts=_areas(cues, "operation_districts", lower=True),
        force_areas=_areas(cues, "force_areas", lower=False),
    )

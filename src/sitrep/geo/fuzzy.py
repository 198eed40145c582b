"""Matching a misspelt place name: one edit away, or the same consonant skeleton.

Used only for a name the gazetteer lacks that sits near a known place (its container, a list
neighbour) or inside a governorate the text names ("Aleppo's al-Marjeh, al-Meyassar and
al-Sakhoorm"). Results are memoised per gazetteer (`Gazetteer.memo_for`). Edit distances come
from rapidfuzz (`rapidfuzz.distance.Levenshtein`): the same answers as the hand-written
dynamic programme it replaced, 3-18 times faster (tools/snapshot_geocoding.py texts, issue 11).
"""

from __future__ import annotations

from rapidfuzz.distance import Levenshtein

from sitrep.geo.gazetteer import Entry, Gazetteer, approx_km
from sitrep.geo.normalise import skeleton_key

__all__ = [
    "edit_distance",
    "edit_distance_le1",
    "edit_distance_within",
    "fuzzy_candidates",
    "qualified_candidates",
    "skeleton_candidates",
]


_VOWELS = frozenset("aeiou")


def edit_distance_le1(a: str, b: str) -> bool:
    """Return True when strings a and b differ by at most one insertion, deletion or change."""
    return Levenshtein.distance(a, b, score_cutoff=1) <= 1


def skeleton_candidates(key: str, gazetteer: Gazetteer, country: str | None) -> list[Entry]:
    """Return entries of a country whose key has the same consonant skeleton as `key` and is close.

    key (str): the mention's name key ("kafr nubul", "tadaf").
    gazetteer (Gazetteer): the places. country (str | None): keep only this country's entries.
    RETURNS (list[Entry]): candidates for a misspelt name (may be empty).
    """
    skeleton = skeleton_key(key)
    if len(skeleton.replace(" ", "")) < 3:
        return []
    memo = gazetteer.memo_for("skeleton")
    cached = memo.get((key, country))
    if cached is None:
        if len(memo) >= 4096:
            memo.clear()
        cached = memo[(key, country)] = _skeleton_twins(key, skeleton, gazetteer, country)
    return list(cached)


def qualified_candidates(
    key: str, gazetteer: Gazetteer, country: str | None, tails: frozenset[str]
) -> list[Entry]:
    """Return entries of a country named `key` plus an Arabic qualifier ("Muwaylih ash
    Shamali", "Makaymin Sharqi" for "Mwayleh", "Makaymin"): the villages a report may name
    without the qualifier that tells them apart.

    tails (frozenset[str]): the qualifiers' name keys (Lexicon.qualifier_tails).
    """
    found: list[Entry] = []
    for tail in sorted(tails):
        qualified = f"{key} {tail}"
        if qualified in gazetteer.index:
            found.extend(
                e for e in gazetteer.lookup(qualified) if country is None or e.country == country
            )
    return found


def _skeleton_twins(
    key: str, skeleton: str, gazetteer: Gazetteer, country: str | None
) -> list[Entry]:
    found = []
    seen: set[str] = set()  # an entry with several names of the skeleton is one candidate
    for other in gazetteer.skeleton_keys(skeleton):
        if not _same_onset(key, other) or not edit_distance_within(key, other, 2):
            continue
        for entry in gazetteer.lookup(other):
            if (country is None or entry.country == country) and entry.id not in seen:
                seen.add(entry.id)
                found.append(entry)
    return found


def _same_onset(a: str, b: str) -> bool:
    """Return True when two keys begin alike: the same letter, or both a vowel (an initial
    alif is written a, i, u or e: "Ithriyah" and "Athriya" are one name)."""
    return a[:1] == b[:1] or (a[:1] in _VOWELS and b[:1] in _VOWELS)


def edit_distance_within(a: str, b: str, limit: int) -> bool:
    """Return edit_distance(a, b) <= limit (rapidfuzz stops once the distance passes it)."""
    return Levenshtein.distance(a, b, score_cutoff=limit) <= limit


def edit_distance(a: str, b: str) -> int:
    """Return the Levenshtein distance of two strings (insertions, deletions, changes)."""
    return Levenshtein.distance(a, b)


def fuzzy_candidates(
    key: str, gazetteer: Gazetteer, lat: float, lon: float, km: float = 15.0
) -> list[Entry]:
    """Return entries near a point whose key is one edit from `key` or has its skeleton.

    Used only for a name the gazetteer lacks that sits in a list or container with a known
    place ("Aleppo's al-Marjeh, al-Meyassar and al-Sakhoorm").

    key (str): the mention's name key.
    gazetteer (Gazetteer): the places.
    lat, lon (float): the context point. km (float): search radius.
    RETURNS (list[Entry]): matching entries (may be empty).
    """
    if len(key) < 5:
        return []
    memo = gazetteer.memo_for("fuzzy")
    slot = (key, round(lat, 4), round(lon, 4), km)
    cached = memo.get(slot)
    if cached is None:
        if len(memo) >= 4096:
            memo.clear()
        cached = memo[slot] = _fuzzy_near(key, gazetteer, lat, lon, km)
    return list(cached)


def _fuzzy_near(key: str, gazetteer: Gazetteer, lat: float, lon: float, km: float) -> list[Entry]:
    """Look up the keys one edit from `key` (and its close skeleton twins), then keep the
    entries within `km`, in grid order (row, column, position) as a scan of the grid would."""
    skeleton = skeleton_key(key)
    size = len(key)
    index = gazetteer.index
    # the keys one insertion, deletion or change away; a Latin key takes Latin edits only
    # (a mixed-script key is not worth it)
    latin = key.isascii()
    keys = {
        other
        for other in gazetteer.one_edit_keys(key, latin=latin)
        if (not latin or other.isascii()) and edit_distance_le1(key, other)
    }
    if key in index:
        keys.add(key)
    if len(skeleton.replace(" ", "")) >= 4:
        keys.update(
            other
            for other in gazetteer.skeleton_keys(skeleton)
            if abs(len(other) - size) <= 2 and edit_distance_within(key, other, 2)
        )
    ranked: dict[int, tuple[int, int, int]] = {}
    for other in keys:
        for position in gazetteer.index[other]:
            if position in ranked:
                continue
            entry = gazetteer.entry(position)
            if entry.latitude is None or entry.longitude is None:
                continue
            if approx_km(lat, lon, entry.latitude, entry.longitude) <= km:
                ranked[position] = (int(entry.latitude * 10), int(entry.longitude * 10), position)
    return [gazetteer.entry(p) for p in sorted(ranked, key=ranked.__getitem__)]

"""Fuzzy name matching (issue 11): rapidfuzz's Levenshtein gives the answers of a plain
dynamic programme, Latin and Arabic keys alike."""

from __future__ import annotations

import random

import pytest

from sitrep.geo.fuzzy import edit_distance, edit_distance_le1, edit_distance_within


def _levenshtein(a: str, b: str) -> int:
    """The textbook dynamic programme, the reference the rapidfuzz calls must agree with."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


@pytest.mark.parametrize("alphabet", ["abk r", "قصرا ل", "aé ب"])
def test_fuzzy_distances_agree_with_the_textbook_levenshtein(alphabet: str) -> None:
    rng = random.Random(11)
    for _ in range(1500):
        a = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 8)))
        b = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 8)))
        expected = _levenshtein(a, b)
        assert edit_distance(a, b) == expected, (a, b)
        assert edit_distance_le1(a, b) == (expected <= 1), (a, b)
        for limit in range(4):
            assert edit_distance_within(a, b, limit) == (expected <= limit), (a, b, limit)


@pytest.mark.parametrize(
    ("a", "b", "distance"),
    [("kafr nubul", "kafr nbl", 2), ("tadaf", "tadif", 1), ("miasar", "masr", 2), ("", "ab", 2)],
)
def test_fuzzy_edit_distance_of_known_spellings(a: str, b: str, distance: int) -> None:
    assert edit_distance(a, b) == distance
    assert edit_distance_within(a, b, distance)
    assert not edit_distance_within(a, b, distance - 1)


def test_skeleton_candidates_list_each_entry_once() -> None:
    # Bug: an entry with several names of one skeleton ("Jallayn", "Jalin") came back once per
    # name, so a misspelt name's one twin tied with itself and its score fell to the floor.
    from sitrep.geo.fuzzy import skeleton_candidates
    from sitrep.geo.gazetteer import load_gazetteer

    found = skeleton_candidates("jilin", load_gazetteer(), "SY")
    ids = [e.id for e in found]
    assert ids and len(ids) == len(set(ids))

"""The gazetteer's lazily built indexes (skeletons, alphabet, one-edit variants) give what a
plain rebuild over every key gives, for the packaged gazetteer and for an extended copy
(issue 12: speed; the copy starts from its base's tables)."""

from __future__ import annotations

import pytest

from sitrep.geo.fuzzy import edit_distance_le1
from sitrep.geo.gazetteer import Gazetteer
from sitrep.geo.normalise import skeleton_key, skeleton_keys_of


def _rebuilt_skeletons(gazetteer: Gazetteer) -> dict[str, list[str]]:
    table: dict[str, list[str]] = {}
    for key in gazetteer.index:
        table.setdefault(skeleton_key.__wrapped__(key), []).append(key)
    return table


def test_skeleton_keys_of_equals_one_by_one(gazetteer: Gazetteer) -> None:
    odd = ["", " ", "a  b", " ab", "ab ", "a\nb", "aab", "ooab", "y", "kk kk", "'ab", "ب ب"]
    keys = [*gazetteer.index, *odd]
    assert skeleton_keys_of(keys) == [skeleton_key.__wrapped__(k) for k in keys]


def test_skeleton_table_equals_a_rebuild(gazetteer: Gazetteer) -> None:
    gazetteer.skeleton_keys("")
    assert gazetteer._skeletons == _rebuilt_skeletons(gazetteer)


def test_extended_copy_tables_equal_a_rebuild(gazetteer: Gazetteer) -> None:
    full = gazetteer.with_more("IQ")
    assert full is not gazetteer
    base_table = {k: list(v) for k, v in _rebuilt_skeletons(gazetteer).items()}
    full.skeleton_keys("")
    assert full._skeletons == _rebuilt_skeletons(full)
    gazetteer.skeleton_keys("")
    assert gazetteer._skeletons == base_table  # the base's lists were not changed
    letters = sorted({ch for key in full.index for ch in key})
    assert full.alphabet() == "".join(letters)


@pytest.mark.parametrize("key", ["sahurm", "miasar", "kafr nubul", "tadaf", "بغداد"])
def test_one_edit_variants_memoised_equal_a_scan(gazetteer: Gazetteer, key: str) -> None:
    copy = Gazetteer(index=gazetteer.index)  # fresh: answers by generating the variants
    expected = {other for other in copy.index if edit_distance_le1(key, other)}
    for _ in range(2):  # the second answer comes from the memo
        found = {o for o in copy.one_edit_keys(key) if edit_distance_le1(key, o)}
        assert found == expected
    assert copy._thirds is None  # far below the work that pays for the index

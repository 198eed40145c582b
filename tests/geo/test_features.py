"""Mention finding: the tokenizer and the fast paths of the geocoder (issue 4, speed)."""

from __future__ import annotations

import pytest

from sitrep.geo import Gazetteer, load_gazetteer
from sitrep.geo.features import TOKEN_RE, tokenize
from sitrep.geo.gazetteer import approx_km
from sitrep.geo.normalise import skeleton_key
from sitrep.geo.rank import (
    edit_distance,
    edit_distance_le1,
    edit_distance_within,
    fuzzy_candidates,
)


@pytest.mark.parametrize(
    "text",
    [
        "Aleppo's al-Mashhad, al-Meyassar and al-Sakhoorm; the 3,000 project.",
        "  Ar Ramūsah — “Deir ez-Zor” _x_ دير الزور\n\nIdlib' (Hama)",
        "",
    ],
)
def test_features_tokenize_offsets_match_the_text(text: str) -> None:
    tokens = tokenize(text)
    spans = [m.span() for m in TOKEN_RE.finditer(text)]
    assert [t.start for t in tokens] == [start for start, _ in spans]
    for token, (_, end) in zip(tokens, spans, strict=True):
        assert text[token.start : token.end] == token.text
        assert token.end == end or (token.possessive and text[token.end : end] in ("'s", "’s"))


def test_features_tokenize_possessive_and_sentences() -> None:
    tokens = tokenize("Aleppo's east. Idlib fell")
    assert [(t.text, t.possessive, t.sentence_start) for t in tokens] == [
        ("Aleppo", True, True),
        ("east", False, False),
        ("Idlib", False, True),
        ("fell", False, False),
    ]


@pytest.mark.parametrize("key", ["sahurm", "miasar", "marja", "hamdania", "kafr nubul"])
def test_rank_fuzzy_candidates_equal_a_full_scan(gazetteer: Gazetteer, key: str) -> None:
    """The one-edit lookup finds what scanning every entry near the point finds."""
    lat, lon, km = 36.20, 37.16, 15.0
    skeleton = skeleton_key(key)
    loose = len(skeleton.replace(" ", "")) >= 4
    expected = []
    for entry in gazetteer.entries:
        if entry.latitude is None or entry.longitude is None:
            continue
        if approx_km(lat, lon, entry.latitude, entry.longitude) > km:
            continue
        if any(
            abs(len(other) - len(key)) <= 2
            and (
                edit_distance_le1(key, other)
                or (loose and skeleton_key(other) == skeleton and edit_distance(key, other) <= 2)
            )
            for other in entry.keys
        ):
            expected.append(entry.id)
    found = [e.id for e in fuzzy_candidates(key, gazetteer, lat, lon, km)]
    assert sorted(found) == sorted(expected)
    if key == "sahurm":
        assert "cur:sakhour" in found  # "al-Sakhoorm", one letter off


@pytest.mark.parametrize("indexed", [False, True])
@pytest.mark.parametrize("key", ["sahurm", "miasar", "kafr nubul", "tadaf", "halab jadid"])
def test_gazetteer_one_edit_keys_hold_every_key_one_edit_away(
    gazetteer: Gazetteer, key: str, indexed: bool
) -> None:
    """Generated variants and the index of thirds both find what a scan of the whole index
    finds (speed, issue 4)."""
    if indexed:
        gazetteer.index_one_edits()
    expected = {other for other in gazetteer.index if edit_distance_le1(key, other)}
    found = {other for other in gazetteer.one_edit_keys(key) if edit_distance_le1(key, other)}
    assert found == expected


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("kafr nubul", "kafr nbl"),
        ("miasar", "masr"),
        ("tadaf", "tadif"),
        ("abc", "xyzw"),
        ("", "ab"),
    ],
)
def test_rank_edit_distance_within_agrees_with_edit_distance(a: str, b: str) -> None:
    for limit in range(4):
        assert edit_distance_within(a, b, limit) == (edit_distance(a, b) <= limit)


def test_features_unknown_word_before_a_kind_of_place_is_a_fuzzy_mention(
    gazetteer: Gazetteer,
) -> None:
    """An unknown word before a kind of place ("the Ithriyah area", "Hbit village") is tried as
    a misspelt name (issue 4, accuracy)."""
    from sitrep.geo.features import find_mentions

    mentions = find_mentions("attacks in the Ithriyah area of Hama.", gazetteer)
    assert [(m.text, m.fuzzy) for m in mentions] == [("Ithriyah", True), ("Hama", False)]


def test_features_bearing_reads_the_direction_words() -> None:
    from sitrep.geo.features import find_mentions

    gazetteer = load_gazetteer(user=False)
    for text, bearing in [
        ("in the eastern countryside of Aleppo", (0, 1)),
        ("in northern Hama", (1, 0)),
        ("clashes in Aleppo southern countryside", (-1, 0)),
        ("north-west of Idlib", (1, -1)),
        ("in Aleppo", None),
    ]:
        (mention,) = find_mentions(text, gazetteer)
        assert mention.bearing == bearing, text


def test_rank_edit_distance_within_agrees_on_random_pairs() -> None:
    """The prefix/suffix stripping and the early stop change no answer (speed, issue 4)."""
    import random

    rng = random.Random(1)
    for _ in range(2000):
        a = "".join(rng.choice("abk r") for _ in range(rng.randint(0, 7)))
        b = "".join(rng.choice("abk r") for _ in range(rng.randint(0, 7)))
        for limit in range(3):
            assert edit_distance_within(a, b, limit) == (edit_distance(a, b) <= limit), (a, b)


def test_features_tokenize_keeps_ordinal_suffix() -> None:
    """ "137th" is one token, so "the 137th Brigade" can match the curated base's name."""
    assert [t.text for t in tokenize("the 137th Brigade, 3,000 men, 2nd time")] == [
        "the",
        "137th",
        "Brigade",
        "3,000",
        "men",
        "2nd",
        "time",
    ]

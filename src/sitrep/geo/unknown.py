"""Probable place names the gazetteer lacks: the words find_mentions tries as misspelt names.

Three shapes: a generic head matched alone but followed by a capitalised word ("Kafr Nobol",
the gazetteer has "Kafr Nubl"); a word with the Arabic article ("al-Sakhoorm"); an unknown
capitalised word after a place cue ("in Tadaf", "village of X") or before a kind of place
("the Ithriyah area"). Descriptors before a known name ("West Qalamoun") and qualifiers after
an unknown one ("Zafar al-Saghir") are handled here too.
"""

from __future__ import annotations

from sitrep.geo.gazetteer import Gazetteer
from sitrep.geo.lexicon import Lexicon
from sitrep.geo.normalise import fallback_keys, load_rules, name_key, skeleton_key
from sitrep.geo.tokens import Token, has_article

__all__ = ["unknown_name", "unknown_key"]


def _has_skeleton(surface: str, gazetteer: Gazetteer) -> bool:
    """Return True when the gazetteer has a name with the skeleton of `surface`."""
    return bool(gazetteer.skeleton_keys(skeleton_key(name_key(surface))))


def unknown_name(
    tokens: list[Token],
    i: int,
    found: tuple[int, str] | None,
    lexicon: Lexicon,
    gazetteer: Gazetteer,
) -> int:
    """Return the length of a probable place name the gazetteer lacks starting at i, else 0.

    Three shapes: a generic head matched alone but followed by a capitalised word ("Kafr
    Nobol", the gazetteer has "Kafr Nubl"); a word with the Arabic article ("al-Sakhoorm"); an
    unknown capitalised word after a place cue ("in Tadaf", "village of X").
    """
    token = tokens[i]
    if not token.cap or token.lower in lexicon.blocked_lower or token.text[:1].isdigit():
        return 0
    generic = found is not None and found[0] == 1 and found[1] in lexicon.generic_heads
    if found is not None and found[0] > 1:
        return 0
    tail = found is None and _qualifier_next(tokens, i, lexicon)
    if found is None and not has_article(token.text) and not tail:
        prev = tokens[i - 1].lower if i > 0 else ""
        if (prev not in lexicon.place_before or token.sentence_start) and not _place_word_after(
            tokens, i, lexicon
        ):
            return 0  # no shape can apply: skip the scan
    length = _run_length(tokens, i, lexicon)
    if found is not None:
        return _longer_than_known(tokens, i, length, generic, lexicon, gazetteer)
    return _unknown_length(tokens, i, length, tail, lexicon, gazetteer)


def _run_length(tokens: list[Token], i: int, lexicon: Lexicon) -> int:
    """Return the length of the capitalised run (inner articles allowed) starting at i, up to
    four words; a trailing article ("Ar-Raqqa as IS ...") is not part of it."""
    articles = load_rules().articles
    j = i + 1
    while j < len(tokens) and j < i + 4 and tokens[j].gap_ok:
        word = tokens[j]
        if word.gap_before == "-":
            break  # "Jeb Shair-Jeb Ej-Jarrah": the next name of a hyphen-joined pair
        if word.lower in articles and j + 1 < len(tokens) and tokens[j + 1].cap:
            j += 1
            continue
        if not word.cap or word.lower in lexicon.blocked_lower:
            break
        j += 1
        if word.possessive:
            break
    while j - 1 > i and tokens[j - 1].lower in articles:
        j -= 1
    return j - i


def _longer_than_known(
    tokens: list[Token],
    i: int,
    length: int,
    generic: bool,
    lexicon: Lexicon,
    gazetteer: Gazetteer,
) -> int:
    """Return the length of a run that starts with a known one-word name, when the longer name
    wins: after a generic head ("Kafr Nobol"), or when a gazetteer name has its consonant
    skeleton ("Daret Azza", "Kum Rese"); else 0."""
    if length <= 1:
        return 0
    if tokens[i].lower in lexicon.name_descriptors and _known_rest(
        tokens[i + 1 : i + length], lexicon, gazetteer
    ):
        return 0  # "West Qalamoun": a descriptor before a known name, though "West" is a place
    if generic:
        return length
    surface = " ".join(t.text for t in tokens[i : i + length])
    return length if _has_skeleton(surface, gazetteer) else 0


def _unknown_length(
    tokens: list[Token], i: int, length: int, tail: bool, lexicon: Lexicon, gazetteer: Gazetteer
) -> int:
    """Return the length of a run of unknown words that has a place's shape, else 0."""
    token = tokens[i]
    if length == 1 and has_article(token.text):
        return 1
    if tail and length > 1:
        return length  # "Zafar al-Saghir": the qualifier is no place of its own
    if (
        length > 1
        and token.lower in lexicon.name_descriptors
        and _known_rest(tokens[i + 1 : i + length], lexicon, gazetteer)
    ):
        return 0  # "Joroud al-Jarajeer", "West Qalamoun": an unknown word before a known name
    prev = tokens[i - 1].lower if i > 0 else ""
    if prev in lexicon.place_before and not token.sentence_start and length <= 3:
        return length
    if length == 1 and _place_word_after(tokens, i, lexicon):
        return 1  # "the Ithriyah area", "Hbit village"
    return 0


def _qualifier_next(tokens: list[Token], i: int, lexicon: Lexicon) -> bool:
    """Return True when token i is followed by a qualifier ending a name ("Zafar al-Saghir",
    "Makaymin Sharqi"), with nothing but a space between."""
    j = i + 1
    if j < len(tokens) and tokens[j].lower in load_rules().articles:
        j += 1
    if j >= len(tokens) or not tokens[j].gap_ok or tokens[i].possessive:
        return False
    return tokens[j].head in lexicon.qualifier_tails and name_key(tokens[j].text) in (
        lexicon.qualifier_tails
    )


def _known_rest(rest: list[Token], lexicon: Lexicon, gazetteer: Gazetteer) -> bool:
    """Return True when the words after an unknown first word are a gazetteer name, after
    more descriptors ("Eastern Rural Hama")."""
    while len(rest) > 1 and rest[0].lower in lexicon.name_descriptors:
        rest = rest[1:]
    key = name_key(" ".join(t.text for t in rest))
    return bool(key) and key in gazetteer.index and key not in lexicon.blocked_keys


def unknown_key(surface: str, words: int) -> str:
    """Return the key a fuzzy match of an unknown name uses: in a name of several words, a
    glued article is dropped ("Hosh Eldawahreh" -> "hush dauahra"); a single word keeps its
    letters ("Assad" is not "as-Sad")."""
    if words > 1:
        for key in fallback_keys(surface):
            return key
    return name_key(surface)


def _place_word_after(tokens: list[Token], i: int, lexicon: Lexicon) -> bool:
    """Return True when token i is followed by a kind of place ("X village", "the X area")."""
    if i + 1 >= len(tokens):
        return False
    nxt = tokens[i + 1]
    return nxt.gap_before == " " and nxt.lower in lexicon.place_after and not tokens[i].possessive

"""Splitting a text into Tokens: words and numbers with offsets, case and possessives.

The tokenizer is one `findall` of (gap, word) pairs; each distinct word's shape (possessive
cut, lower case, capitalised?, first word of its name key) is memoised (`_word_info`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from sitrep.geo.normalise import is_arabic, load_rules, name_key

__all__ = [
    "Token",
    "tokenize",
    "has_article",
    "TOKEN_RE",
    "GAP_TOKEN_RE",
    "POSSESSIVE",
    "SENTENCE_END",
]

# An ordinal keeps its suffix ("137th", "17th"), so "the 137th Brigade" and "17th Division"
# key as the curated "137th Brigade" and "17th Division" do.
TOKEN_RE = re.compile(r"[^\W\d_](?:[\w'’‘ʿʾ`´\-]*\w)?|\d+(?:,\d{3})*(?:(?:st|nd|rd|th)\b)?")
# (text since the previous token, token): letters and digits always open a token, so the gap
# is a run of non-word characters and underscores.
GAP_TOKEN_RE = re.compile(r"([\W_]*)(" + TOKEN_RE.pattern + ")")
POSSESSIVE = ("'s", "’s", "'", "’")
SENTENCE_END = re.compile(r"[.!?;:\n]")


@dataclass(slots=True)
class Token:
    """A word of the text: its surface (possessive "'s" removed), offsets and shape."""

    text: str
    start: int
    end: int
    lower: str
    cap: bool
    possessive: bool
    sentence_start: bool
    gap_before: str
    gap_ok: bool = True
    head: str = ""


@lru_cache(maxsize=100_000)
def _is_cap(word: str) -> bool:
    head = word[:1]
    if head.isupper() or head.isdigit():
        return True
    if not word.isascii() and is_arabic(word):
        return True
    return has_article(word)


@lru_cache(maxsize=100_000)
def _first_key_word(word: str) -> str:
    """Return the first word of a word's name key (memoised: called for every token)."""
    return name_key(word).partition(" ")[0]


# an ayn written as an apostrophe may stand between the article and the capital ("al-'Anz")
_AYN_MARKS = "'’‘ʿʾ`´"


def has_article(word: str) -> bool:
    """Return True for a word with a hyphenated article before a capital ("al-Bab", and
    "al-'Anz", whose ayn is written as an apostrophe)."""
    head, _, rest = word.partition("-")
    if not rest or head.lower() not in load_rules().articles:
        return False
    if rest[:1] in _AYN_MARKS:
        rest = rest.lstrip(_AYN_MARKS)
    return rest[:1].isupper()


def tokenize(text: str) -> list[Token]:
    """Split text into Tokens (words, numbers like "3,000"), noting possessives and sentences.

    A hyphen-joined pair of names ("Tadmor-Sokhna") gives one token per side, the second with
    the gap "-" (see `_hyphen_parts`).

    text (str): the text.
    RETURNS (list[Token]): in text order.
    """
    tokens: list[Token] = []
    position = 0
    for gap, surface in GAP_TOKEN_RE.findall(text):
        if "-" in surface:
            parts = _hyphen_parts(surface)
            if len(parts) > 1:
                for k, part in enumerate(parts):
                    position = _append(tokens, position, "-" if k else gap, part)
                continue
        position = _append(tokens, position, gap, surface)
    return tokens


def _append(tokens: list[Token], position: int, gap: str, surface: str) -> int:
    """Append the token `surface` that follows `gap` (a hyphen-joined pair's second side
    follows the gap "-"); return its end."""
    start = position + len(gap)
    position = start + len(surface)
    word, lower, cap, cut, head = _word_info(surface)
    if gap == " ":
        sentence_start, gap_ok = not tokens, True
    else:
        ends, gap_ok = _gap_info(gap)
        sentence_start = not tokens or ends
    tokens.append(
        Token(word, start, position - cut, lower, cap, cut > 0, sentence_start, gap, gap_ok, head)
    )
    return position


@lru_cache(maxsize=4096)
def _gap_info(gap: str) -> tuple[bool, bool]:
    """Return (does the gap end a sentence?, is it only spaces, hyphens and apostrophes?);
    memoised: texts have few distinct gaps."""
    return bool(SENTENCE_END.search(gap)), gap.strip(" -\u00a0'‘’ʿʾ`") == ""


@lru_cache(maxsize=20_000)
def _hyphen_parts(word: str) -> tuple[str, ...]:
    """Split a hyphen-joined pair of names ("Ithriya-Khanasser", "Tadmor-Sokhna",
    "Ej-Jarrah-Shomriyeh") into its sides; a hyphen after an article ("al-Bab", "Deir-ez-Zor")
    or before a lower-case word stays. The span search joins the sides again when the
    gazetteer has the whole ("Beit-Jinn")."""
    pieces = word.split("-")
    articles = load_rules().articles
    out = [pieces[0]]
    for piece in pieces[1:]:
        left = out[-1].rpartition("-")[2]
        if (
            len(left) > 1
            and piece[:1].isupper()
            and left[:1].isupper()
            and left.lower() not in articles
            and not _article_like(left)
        ):
            out.append(piece)
        else:
            out[-1] = f"{out[-1]}-{piece}"
    return tuple(out)


def _article_like(word: str) -> bool:
    """Return True for a short vowel-led word written like an article ("Ej" in "Ej-Jarrah",
    "Es" in "Es-Sukhna") or a short head joined to its name ("Abu-Kamal", "Ain-Issa")."""
    return len(word) <= 3 and word[:1].lower() in "aeiou"


@lru_cache(maxsize=100_000)
def _word_info(word: str) -> tuple[str, str, bool, int, str]:
    """Return (word without a possessive "'s", its lower case, capitalised?, characters cut,
    first word of its name key)."""
    cut = 0
    if "'" in word or "’" in word:
        for suffix in POSSESSIVE:
            if word.endswith(suffix) and len(word) > len(suffix) + 1:
                if suffix in ("'", "’") and not word[:-1].endswith("s"):
                    continue
                cut = len(suffix)
                word = word[:-cut]
                break
    return word, word.lower(), _is_cap(word), cut, _first_key_word(word)

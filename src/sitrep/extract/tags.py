"""Web pages' keyword lists ("Tags Syria Aleppo Azaz Rebels Car Bomb Islamic State") and share
widgets ("Get short URL 0 55": a link button and its view and share counters) copied into an
article's text: not prose, so not read for actors, places, events or counts.

A run starts at the capitalised word "Tags" and ends where prose begins
(the word before the first run of two or more words that do not start with a capital and
include a function word, a past participle or a number: "At | least 20 people were killed"),
else at the end of its sentence (at most 400 characters on). Masking blanks the run with
spaces, keeping every offset.
"""

from __future__ import annotations

import re

__all__ = ["tag_spans", "share_spans", "mask_tags"]

_TAGS = re.compile(r"(?:^|(?<=\s))Tags\s+(?=[\w(])")
# "Get short URL", maybe a topic link with its count ("Topic Operation to Liberate Raqqa From
# Daesh (61)"), then up to two counters ("0 55", "9427")
_SHARE = re.compile(
    r"Get short URL(?:\s+Topic\s+[^()\n]{1,120}\(\d[\d,]*\))?(?:\s+\d[\d,]*(?![\w.,]\d)){0,2}"
)
_END = re.compile(r"[.!?](?:\s|$)|\n")
_WORD = re.compile(r"\S+")
_FUNCTION = frozenset(
    {
        "and", "in", "of", "the", "were", "was", "has", "have", "had", "at", "on", "by", "to",
        "a", "an", "from", "is", "are", "with", "for", "after", "during", "when", "as",
    }
)  # fmt: skip


def _lower(word: str) -> bool:
    letters = word.lstrip("(\"'“‘[")
    return not letters or not letters[0].isupper()


def _prose(word: str) -> bool:
    w = word.strip("()\"'“”‘’[],").lower()
    return w in _FUNCTION or w.endswith("ed") or any(c.isdigit() for c in w)


def tag_spans(text: str) -> list[tuple[int, int]]:
    """Find the keyword lists ("Tags ...") in a text.

    text (str): the document text.
    RETURNS (list[tuple[int, int]]): (start, end) character spans, in text order.
    """
    spans: list[tuple[int, int]] = []
    for m in _TAGS.finditer(text):
        limit = min(len(text), m.start() + 400)
        stop = _END.search(text, m.end(), limit)
        end = stop.start() if stop else limit
        words = list(_WORD.finditer(text, m.end(), end))
        i = 0
        while i < len(words):
            if not _lower(words[i].group()):
                i += 1
                continue
            j = i
            while j < len(words) and _lower(words[j].group()):
                j += 1
            if j - i >= 2 and any(_prose(w.group()) for w in words[i:j]):
                end = words[i - 1].start() if i > 0 else words[i].start()
                break
            i = j
        spans.append((m.start(), end))
    return spans


def share_spans(text: str) -> list[tuple[int, int]]:
    """Find the share widgets ("Get short URL 0 55") of a text.

    text (str): the document text.
    RETURNS (list[tuple[int, int]]): (start, end) character spans, in text order.
    """
    if "short URL" not in text:
        return []
    return [m.span() for m in _SHARE.finditer(text)]


def mask_tags(text: str) -> str:
    """Blank the keyword lists and share widgets of a text with spaces (same length, same
    offsets).

    text (str): the document text.
    RETURNS (str): the text with every tag run and share widget replaced by spaces.
    """
    spans = tag_spans(text) + share_spans(text)
    if not spans:
        return text
    out = list(text)
    for start, end in spans:
        for k in range(start, end):
            if not out[k].isspace():
                out[k] = " "
    return "".join(out)

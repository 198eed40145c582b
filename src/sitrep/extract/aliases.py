"""Turn the alias strings of a lexicon file into regular expressions, and pick the matches.

Lexicons (actors.yaml, weapons.yaml, outlets.yaml) list aliases as plain text. An analyst
writes "Jaish al-Islam" once and it also matches "Jaish al Islam", "JAISH AL-ISLAM" and
"Jaish al–Islam"; "regime's helicopters" also matches "regime’s helicopters". The rules:

- case-insensitive, except an alias written in capitals of up to five letters ("IS", "SAA",
  "FSA", "US"), which matches only as written (so "is" the verb is never the Islamic State);
- a space or hyphen in the alias matches any run of spaces and hyphens (or none, for a hyphen);
- "'" matches both apostrophes; an alias ending in a word also matches before "'s" ("Assad
  regime" matches in "Assad regime's army" when no longer alias does);
- ``{name}`` inserts the alternation of a word list from the lexicon's ``macros`` section;
- an alias starting with ``re:`` is a raw Python regular expression (for the rare case the
  rules above cannot say).

Matches are whole words: the alias must start and end at word boundaries.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

__all__ = [
    "alias_regex",
    "cached_text",
    "AliasIndex",
    "AliasMatch",
    "coordination_regex",
    "first_words",
    "longest_matches",
]

_SEP = r"[\s\-‐‑–]+"
_HYPHEN = r"[\s\-‐‑–]*"
_APOS = r"['’`]"
_MACRO = re.compile(r"\{(\w+)\}")


def _is_acronym(alias: str) -> bool:
    letters = alias.replace(".", "").replace("-", "")
    return letters.isalpha() and letters.isupper() and len(letters) <= 5


def _piece(text: str) -> str:
    """Escape one literal run of an alias, applying the space/hyphen/apostrophe rules."""
    out: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == " ":
            while i + 1 < len(text) and text[i + 1] == " ":
                i += 1
            out.append(_SEP)
        elif ch == "-":
            out.append(_HYPHEN)
        elif ch in "'’":
            out.append(_APOS)
        else:
            out.append(re.escape(ch))
        i += 1
    return "".join(out)


def alias_regex(alias: str, macros: Mapping[str, Iterable[str]] | None = None) -> str:
    """Return the regular expression source for one alias (see the module docstring).

    alias (str): the alias as written in the lexicon.
    macros (Mapping[str, Iterable[str]] | None): word lists ``{name}`` may refer to.
    RETURNS (str): a pattern with its own inline flags, to be joined with others.
    """
    if alias.startswith("re:"):
        return f"(?i:{alias[3:].strip()})"
    macros = macros or {}
    parts: list[str] = []
    pos = 0
    for found in _MACRO.finditer(alias):
        parts.append(_piece(alias[pos : found.start()]))
        words = sorted(macros.get(found.group(1), ()), key=len, reverse=True)
        if not words:
            raise KeyError(f"unknown macro {{{found.group(1)}}} in alias {alias!r}")
        parts.append("(?:" + "|".join(_piece(w) for w in words) + ")")
        pos = found.end()
    parts.append(_piece(alias[pos:]))
    body = "".join(parts)
    start = r"(?<![\w])" if alias[:1].isalnum() or alias.startswith("{") else ""
    end = r"(?![\w])" if alias[-1:].isalnum() or alias.endswith("}") else ""
    if _is_acronym(alias):
        return f"{start}(?-i:{body}){end}"
    return f"{start}(?i:{body}){end}"


def coordination_regex(prefix: str, heads: Iterable[str]) -> str:
    """Regex for a modifier shared by a coordinated head: "Russian and Assad regime's airstrikes".

    prefix (str): the modifier alias ("Russian").
    heads (Iterable[str]): head nouns it must eventually attach to ("airstrikes", ...).
    RETURNS (str): a pattern matching only `prefix`, when followed by "and"/","/"-" and up to
        four words and one of the heads.
    """
    head_alt = "|".join(_piece(w) for w in sorted(heads, key=len, reverse=True))
    coord = r"(?:\s*(?:,|and|or|&)\s+|\s*[-/]\s*)"
    words = r"(?:[\w'’\-]+\s+){0,4}"
    return rf"(?<![\w])(?i:{_piece(prefix)})(?={coord}{words}[\w'’\-]*?(?i:{head_alt})(?![\w]))"


@dataclass(frozen=True)
class AliasMatch:
    """One regex hit: offsets and the index of the lexicon entry it belongs to."""

    start: int
    end: int
    entry: int
    priority: int = 0


def longest_matches(matches: Iterable[AliasMatch]) -> list[AliasMatch]:
    """Keep non-overlapping matches, preferring longer, then higher priority, then earlier.

    matches (Iterable[AliasMatch]): every hit of every alias.
    RETURNS (list[AliasMatch]): the kept hits in text order.
    """
    ranked = sorted(matches, key=lambda m: (-(m.end - m.start), -m.priority, m.start))
    kept: list[AliasMatch] = []
    for match in ranked:
        if all(match.end <= k.start or match.start >= k.end for k in kept):
            kept.append(match)
    return sorted(kept, key=lambda m: m.start)


_WORD = re.compile(r"[^\W_]+")


def first_words(alias: str, macros: Mapping[str, Iterable[str]] | None = None) -> set[str] | None:
    """Return the lower-cased words an alias can start with, or None if it can start anywhere.

    Used to index aliases by their first word, so a text is only tried where one occurs.

    alias (str): the alias as written in the lexicon.
    macros (Mapping[str, Iterable[str]] | None): word lists ``{name}`` may refer to.
    RETURNS (set[str] | None): first words ("{mil} forces" gives every word of the macro);
        None for a ``re:`` alias.
    """
    if alias.startswith("re:"):
        return None
    found = _MACRO.match(alias)
    if found:
        words: set[str] = set()
        for option in (macros or {}).get(found.group(1), ()):
            sub = first_words(option, macros)
            if sub is None:
                return None
            words |= sub
        return words
    word = _WORD.search(alias)
    return {word.group(0).lower()} if word else None


def word_starts(text: str, start: int, end: int) -> Iterable[tuple[int, str]]:
    """Yield (offset, lower-cased word) for every word of text[start:end].

    text (str): the document text.
    start, end (int): the span.
    RETURNS (Iterable[tuple[int, str]]): word starts in text order.
    """
    for hit in _WORD.finditer(text, start, end):
        yield hit.start(), hit.group(0).lower()


class AliasIndex:
    """Aliases indexed by their first word; finds every alias hit in a span of text.

    Add aliases (or raw regexes) under an integer key, call `compile()`, then `matches()`.
    """

    def __init__(self) -> None:
        self._pending: dict[tuple[str | None, int, int], list[str]] = {}
        self._by_word: dict[str, list[tuple[re.Pattern[str], int, int]]] = {}
        self._anywhere: list[tuple[re.Pattern[str], int, int]] = []

    def add(
        self,
        alias: str,
        key: int,
        macros: Mapping[str, Iterable[str]] | None = None,
        priority: int = 0,
    ) -> None:
        """Index one alias of the lexicon entry `key`."""
        self.add_regex(alias_regex(alias, macros), first_words(alias, macros), key, priority)

    def add_regex(self, source: str, words: set[str] | None, key: int, priority: int = 0) -> None:
        """Index a regex that can only start at one of `words` (None: anywhere)."""
        for word in words if words is not None else [None]:
            self._pending.setdefault((word, key, priority), []).append(source)

    def compile(self) -> None:
        """Compile the pending aliases (longest source first within each group)."""
        compiled: dict[str, re.Pattern[str]] = {}  # one compile per distinct pattern
        for (word, key, priority), sources in self._pending.items():
            ordered = sorted(set(sources), key=len, reverse=True)
            source = "|".join(f"(?:{s})" for s in ordered)
            regex = compiled.get(source)
            if regex is None:
                regex = compiled[source] = re.compile(source)
            if word is None:
                self._anywhere.append((regex, key, priority))
            else:
                self._by_word.setdefault(word, []).append((regex, key, priority))
        self._pending.clear()

    def matches(self, text: str, start: int = 0, end: int | None = None) -> list[AliasMatch]:
        """Return every alias hit within text[start:end] (overlapping hits included).

        text (str): the text.
        start, end (int): the span to search.
        RETURNS (list[AliasMatch]): hits, to be narrowed with `longest_matches`.
        """
        end = len(text) if end is None else end
        found: list[AliasMatch] = []
        by_word = self._by_word
        for word_hit in _WORD.finditer(text, start, end):  # word_starts, inlined: hot
            pos = word_hit.start()
            for regex, key, priority in by_word.get(word_hit.group(0).lower(), ()):
                hit = regex.match(text, pos, end)
                if hit and hit.end() > hit.start():
                    found.append(AliasMatch(hit.start(), hit.end(), key, priority))
        for regex, key, priority in self._anywhere:
            for hit in regex.finditer(text, start, end):
                if hit.end() > hit.start():
                    found.append(AliasMatch(hit.start(), hit.end(), key, priority))
        return found


def cached_text(doc: Any) -> str:
    """Return `doc.text`, computed once per Doc (spaCy rebuilds it on every access).

    doc (Doc): a spaCy Doc.
    RETURNS (str): its text.
    """
    text = doc.user_data.get("sitrep.text")
    if text is None:
        text = doc.text
        doc.user_data["sitrep.text"] = text
    return str(text)

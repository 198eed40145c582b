"""Transliteration-proof matching keys for place names.

`name_key("Deir ez-Zor") == name_key("Dayr az Zawr") == name_key("Deir el-Zour")`. The rules
are data (`data/normalise.yaml`); this module only applies them, in the order the file states.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

__all__ = [
    "KeyRules",
    "load_rules",
    "name_key",
    "skeleton_key",
    "skeleton_keys_of",
    "fallback_keys",
    "inner_articles",
    "is_arabic",
]


_DOUBLED = re.compile(r"(.)\1+")
_ARABIC = re.compile("[\u0600-\u06ff]")


@dataclass(frozen=True)
class KeyRules:
    """The normalisation rules of `data/normalise.yaml`, ready to apply."""

    drop: dict[int, str | None]
    separators: dict[int, str]
    articles: frozenset[str]
    attached_prefixes: tuple[str, ...]
    attached_min_rest: int
    sun_vowels: str
    sun_min_rest: int
    synonyms: dict[str, str]
    letter_rules: tuple[tuple[str, str], ...]
    endings: tuple[str, ...]
    ending_to: str
    ending_min_len: int
    final_y_to: str
    arabic_map: dict[int, str]
    arabic_articles: tuple[str, ...]
    arabic_drop_words: frozenset[str]
    skeleton_vowels: frozenset[str]


@lru_cache(maxsize=1)
def load_rules() -> KeyRules:
    """Read `data/normalise.yaml` once per process.

    RETURNS (KeyRules): the compiled rules.
    """
    text = resources.files("sitrep.geo").joinpath("data/normalise.yaml").read_text("utf-8")
    raw = yaml.safe_load(text)
    synonyms: dict[str, str] = {}
    for word, variants in raw["word_synonyms"].items():
        synonyms[word] = word
        for variant in variants:
            synonyms[str(variant)] = word
    return KeyRules(
        drop={
            **{ord(c): None for c in raw["drop_chars"]},
            **{ord(k): str(v) for k, v in raw["latin_map"].items()},
        },
        separators={ord(c): " " for c in raw["separators"]},
        articles=frozenset(raw["articles"]),
        attached_prefixes=tuple(raw["attached_articles"]["prefixes"]),
        attached_min_rest=int(raw["attached_articles"]["min_rest"]),
        sun_vowels=str(raw["attached_articles"]["sun_letter_vowels"]),
        sun_min_rest=int(raw["attached_articles"]["sun_min_rest"]),
        synonyms=synonyms,
        letter_rules=tuple((str(a), str(b)) for a, b in raw["letter_rules"]),
        endings=tuple(sorted(raw["endings"], key=len, reverse=True)),
        ending_to=str(raw["ending_to"]),
        ending_min_len=int(raw["ending_min_len"]),
        final_y_to=str(raw["final_y_to"]),
        arabic_map={ord(k): v for k, v in raw["arabic_map"].items()},
        arabic_articles=tuple(raw["arabic_articles"]),
        arabic_drop_words=frozenset(raw["arabic_drop_words"]),
        skeleton_vowels=frozenset(raw["skeleton_vowels"]),
    )


def is_arabic(text: str) -> bool:
    """Return True when `text` contains a letter of the Arabic script."""
    return not text.isascii() and _ARABIC.search(text) is not None


def _strip_marks(text: str) -> str:
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=100_000)
def _latin_word_cached(word: str) -> str:
    return _latin_word(word, load_rules())


def _latin_word(word: str, rules: KeyRules) -> str:
    word = rules.synonyms.get(word, word)
    if word.endswith("y") and len(word) > 2:
        word = word[:-1] + rules.final_y_to
    for old, new in rules.letter_rules:
        if old in word:
            word = word.replace(old, new)
    if len(word) > rules.ending_min_len:
        for ending in rules.endings:
            if word.endswith(ending):
                word = word[: -len(ending)] + rules.ending_to
                break
    out: list[str] = []
    for ch in word:
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out)


def _words(name: str, rules: KeyRules) -> list[str]:
    text = _strip_marks(name).translate(rules.drop).translate(rules.separators).lower()
    return text.split()


@lru_cache(maxsize=200_000)
def name_key(name: str) -> str:
    """Return the matching key of a place name (Latin or Arabic script).

    name (str): a place name as written ("al-Ramousah", "Dārat ‘Izzah", "دير الزور").
    RETURNS (str): the key; "" when nothing is left (an article alone, punctuation).
    """
    rules = load_rules()
    words = _words(name, rules)
    if not words:
        return ""
    if is_arabic(name):
        out = []
        for word in words:
            word = word.translate(rules.arabic_map)
            if word in rules.arabic_drop_words and len(words) > 1:
                continue
            for article in rules.arabic_articles:
                if word.startswith(article) and len(word) > len(article) + 1:
                    word = word[len(article) :]
                    break
            out.append(word)
        return " ".join(out)
    kept = [w for w in words if w not in rules.articles] or words
    return " ".join(_latin_word_cached(w) for w in kept if w)


@lru_cache(maxsize=50_000)
def inner_articles(name: str) -> tuple[int, ...]:
    """Return the word positions, after the first word, of the Arabic articles of a Latin name.

    "Um al Tinah" and "Umm at Tinah" both give (1,), "Umm Tinah" gives (): the keys of the three
    are the same, but the first two are the same spelling of the name.
    name (str): a place name.
    RETURNS (tuple[int, ...]): the positions, empty for Arabic script or none.
    """
    if is_arabic(name):
        return ()
    rules = load_rules()
    words = _words(name, rules)
    return tuple(i for i, word in enumerate(words) if i and word in rules.articles)


@lru_cache(maxsize=50_000)
def fallback_keys(name: str) -> list[str]:
    """Return extra keys to try when `name_key(name)` finds nothing: glued articles removed.

    name (str): a place name ("Alrastan", "Ein Elfijeh").
    RETURNS (list[str]): keys other than `name_key(name)`, possibly empty.
    """
    rules = load_rules()
    words = _words(name, rules)
    changed = False
    out = []
    for word in words:
        stripped = _strip_attached(word, rules)
        changed = changed or stripped != word
        out.append(stripped)
    if not changed:
        return []
    key = name_key(" ".join(out))
    return [key] if key and key != name_key(name) else []


def _strip_attached(word: str, rules: KeyRules) -> str:
    for prefix in rules.attached_prefixes:
        if word.startswith(prefix) and len(word) - len(prefix) >= rules.attached_min_rest:
            return word[len(prefix) :]
    if (
        len(word) - 2 >= rules.sun_min_rest
        and word[0] in rules.sun_vowels
        and word[1] == word[2]
        and word[1] not in rules.sun_vowels
    ):
        return word[2:]
    return word


@lru_cache(maxsize=1)
def _vowel_table() -> dict[int, None]:
    return {ord(c): None for c in load_rules().skeleton_vowels}


@lru_cache(maxsize=200_000)
def skeleton_key(key: str) -> str:
    """Return the loose consonant skeleton of a key ("miasar" -> "msr"), for fuzzy fallbacks.

    key (str): a key from `name_key`.
    RETURNS (str): each word's first letter (a vowel shown as "'") plus its consonants, doubled
        letters collapsed.
    """
    vowels = load_rules().skeleton_vowels
    table = _vowel_table()
    words = []
    for word in key.split(" "):
        head = "'" if word[:1] in vowels else word[:1]
        bare = head + word[1:].translate(table)
        # The search first (speed only): most words have no doubled letter to collapse.
        words.append(_DOUBLED.sub(r"\1", bare) if _DOUBLED.search(bare) else bare)
    return " ".join(words)


@lru_cache(maxsize=1)
def _word_initial_vowel() -> re.Pattern[str]:
    vowels = "".join(sorted(load_rules().skeleton_vowels))
    return re.compile(f"(?<![^ \\n])[{re.escape(vowels)}]" if vowels else "(?!)")


def skeleton_keys_of(keys: list[str]) -> list[str]:
    """Return `[skeleton_key(k) for k in keys]`, computed on all the keys at once (a gazetteer's
    skeleton index: ~200k keys in a quarter of the time, and without filling skeleton_key's
    cache).

    The three steps of skeleton_key run over the keys joined by newlines: a word's first
    vowel becomes "'", the other vowels go, doubled letters collapse. Keys where joining could
    change a step (a newline, an empty word) are done one by one.
    keys (list[str]): keys from `name_key`.
    RETURNS (list[str]): their skeletons, in order.
    """
    plain = [i for i, k in enumerate(keys) if _joinable(k)]
    out = [""] * len(keys)
    blob = _word_initial_vowel().sub("'", "\n".join(keys[i] for i in plain))
    blob = _DOUBLED.sub(r"\1", blob.translate(_vowel_table()))
    for i, skeleton in zip(plain, blob.split("\n") if plain else [], strict=True):
        out[i] = skeleton
    for i, key in enumerate(keys):
        if not _joinable(key):
            out[i] = skeleton_key.__wrapped__(key)
    return out


def _joinable(key: str) -> bool:
    """Whether a key's skeleton may be computed inside a newline-joined text."""
    return bool(key) and "\n" not in key and "  " not in key and key.strip(" ") == key

"""Fast paths of mention finding: which words can open a gazetteer name (memoised).

A capitalised token that no gazetteer key or blocked phrase can begin with skips the span
search of `sitrep.geo.features.find_mentions`; the sets are kept per gazetteer
(`Gazetteer.memo_for`) and per word (lru caches), so the hot path reads no file.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from sitrep.geo.gazetteer import Gazetteer
from sitrep.geo.normalise import _strip_attached, fallback_keys, load_rules, name_key

if TYPE_CHECKING:
    from sitrep.geo.lexicon import Lexicon
    from sitrep.geo.tokens import Token

__all__ = ["case_first_words", "start_words", "may_start_name"]


def case_first_words(gazetteer: Gazetteer) -> frozenset[str]:
    """Return the lower-case first words of the gazetteer's any-case phrases (memoised)."""
    memo = gazetteer.memo_for("case_first")
    found = memo.get(0)
    if found is None:
        found = memo[0] = frozenset(key.split()[0] for key in gazetteer.case_index)
    return found


def start_words(gazetteer: Gazetteer, lexicon: Lexicon) -> frozenset[str]:
    """Return the first words of every gazetteer key and blocked phrase (memoised per index)."""
    memo = gazetteer.memo_for("start_words")
    found = memo.get(id(lexicon))
    if found is None:
        words = {key.partition(" ")[0] for key in gazetteer.index}
        words.update(key.partition(" ")[0] for key in lexicon.blocked_phrase_keys)
        found = memo[id(lexicon)] = frozenset(words)
    return found


def may_start_name(token: Token, starts: frozenset[str]) -> bool:
    """Return False only when no gazetteer key or blocked phrase can begin with this token."""
    return _start_status(token.text, token.lower) is None or bool(_start_keys(token.text) & starts)


@lru_cache(maxsize=100_000)
def _start_status(word: str, lower: str) -> bool | None:
    """None when the quick test does not apply (an article, a word with no key), else True."""
    if lower in load_rules().articles:
        return None
    key = name_key(word)
    if not key or key.partition(" ")[0] in load_rules().articles:
        return None
    return True


@lru_cache(maxsize=100_000)
def _start_keys(word: str) -> frozenset[str]:
    """The first words a span opening with `word` can have as key (plain or glued article)."""
    out = {name_key(word).partition(" ")[0]}
    for extra in fallback_keys(word):
        out.add(extra.partition(" ")[0])
    rules = load_rules()
    stripped = [_strip(w) for w in word.split()]
    for w in stripped:
        out.add(name_key(w).partition(" ")[0])
        if w.lower() not in rules.articles:
            break
    return frozenset(out)


def _strip(word: str) -> str:
    return _strip_attached(word.lower(), load_rules())

"""A faster, exact stand-in for the `match` step of the model's attribute ruler.

en_core_web_sm's `attribute_ruler` (tag → POS/morph map and lemma exceptions: 180 one- and
two-token Matcher patterns) ran every pattern at every token through spaCy's `Matcher`: about
a third of the parse time on FA-KES. Its patterns only test LOWER, TAG, DEP and IS_SPACE with
equality, IN, NOT_IN and REGEX, with no operators, so they are indexed here by the first
token's LOWER or TAG and tested on the token attributes' hashes (`Doc.to_array`). The matches
are the Matcher's (same pattern ids, spans and order), so the annotations set are identical
(tests/nlp/test_ruler.py compares them on real text).

`install(nlp)` swaps the ruler's `match` for this one when every pattern is of that kind; any
other pattern leaves the ruler as spaCy made it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

__all__ = ["IndexedMatcher", "install"]

_KEYS = ("LOWER", "TAG", "DEP", "IS_SPACE")
_COLUMN = {key: i for i, key in enumerate(_KEYS)}

# A token test: (column, predicate on the attribute's hash).
Test = tuple[int, Callable[[int], bool]]
# A pattern: (attribute-rule id, the tests of each of its tokens).
Entry = tuple[int, list[list[Test]]]


class Unsupported(ValueError):
    """A pattern uses a key or operator the indexed matcher does not implement."""


def _hash(vocab: Vocab, value: object) -> int:
    if isinstance(value, bool):
        return int(value)
    if not isinstance(value, str):
        raise Unsupported(f"value {value!r}")
    return 0 if value == "" else int(vocab.strings.add(value))


def _test(vocab: Vocab, key: str, value: object) -> Test:
    if key not in _COLUMN:
        raise Unsupported(f"key {key}")
    col = _COLUMN[key]
    if not isinstance(value, dict):
        h = _hash(vocab, value)
        return col, h.__eq__
    if len(value) != 1:
        raise Unsupported(f"predicate {value!r}")
    ((op, arg),) = value.items()
    if op == "IN":
        members = frozenset(_hash(vocab, v) for v in arg)
        return col, members.__contains__
    if op == "NOT_IN":
        excluded = frozenset(_hash(vocab, v) for v in arg)
        return col, lambda h: h not in excluded
    if op == "REGEX" and key != "IS_SPACE":
        regex = re.compile(arg)
        strings = vocab.strings
        return col, lambda h: regex.search(strings[h]) is not None
    raise Unsupported(f"predicate {value!r}")


def _equal_values(vocab: Vocab, spec: dict[str, Any], key: str) -> list[int] | None:
    """The hashes the token's `key` must equal for `spec` to match, or None if unconstrained."""
    value = spec.get(key)
    if isinstance(value, str):
        return [_hash(vocab, value)]
    if isinstance(value, dict) and set(value) == {"IN"}:
        return [_hash(vocab, v) for v in value["IN"]]
    return None


class IndexedMatcher:
    """The attribute ruler's Matcher, indexed by the first token's LOWER or TAG."""

    def __init__(self, vocab: Vocab, rules: list[list[list[dict[str, Any]]]]) -> None:
        """vocab (Vocab): the pipeline's vocab; rules: for each attribute rule (in order), its
        Matcher patterns (token specs). Raises Unsupported for anything else."""
        self.by_lower: dict[int, list[Entry]] = {}
        self.by_tag: dict[int, list[Entry]] = {}
        self.always: list[Entry] = []
        for rule_id, patterns in enumerate(rules):
            for pattern in patterns:
                if not pattern:
                    raise Unsupported("empty pattern")
                tests: list[list[Test]] = []
                for spec in pattern:
                    tests.append([_test(vocab, k, v) for k, v in spec.items()])
                entry = (rule_id, tests)
                lower = _equal_values(vocab, pattern[0], "LOWER")
                tag = _equal_values(vocab, pattern[0], "TAG")
                if lower is not None:
                    for h in lower:
                        self.by_lower.setdefault(h, []).append(entry)
                elif tag is not None:
                    for h in tag:
                        self.by_tag.setdefault(h, []).append(entry)
                else:
                    self.always.append(entry)
        # The first-token outcome depends only on the token's four hashes: memoised.
        self._first: dict[tuple[int, ...], tuple[list[int], list[Entry]]] = {}

    def first(self, row: tuple[int, ...]) -> tuple[list[int], list[Entry]]:
        """The patterns whose first token matches a token with these attribute hashes: the
        one-token rules (matched), and the longer patterns' (rule id, remaining token tests)."""
        hit = self._first.get(row)
        if hit is None:
            single: list[int] = []
            longer: list[Entry] = []
            for candidates in (self.by_lower.get(row[0]), self.by_tag.get(row[1]), self.always):
                for rule_id, tests in candidates or ():
                    if all(test(row[col]) for col, test in tests[0]):
                        if len(tests) == 1:
                            single.append(rule_id)
                        else:
                            longer.append((rule_id, tests[1:]))
            hit = (single, longer)
            if len(self._first) > 100_000:
                self._first.clear()
            self._first[row] = hit
        return hit

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        """Return the (rule id, start, end) of every match in `doc`, sorted."""
        from spacy.attrs import DEP, IS_SPACE, LOWER, TAG

        if not len(doc):
            return []
        rows = [tuple(r) for r in doc.to_array([LOWER, TAG, DEP, IS_SPACE]).tolist()]
        n = len(rows)
        found: set[tuple[int, int, int]] = set()
        first = self.first
        for i, row in enumerate(rows):
            single, longer = first(row)
            for rule_id in single:
                found.add((rule_id, i, i + 1))
            for rule_id, rest in longer:
                end = i + 1 + len(rest)
                if end <= n and all(
                    test(rows[j][col])
                    for j, token_tests in zip(range(i + 1, end), rest, strict=True)
                    for col, test in token_tests
                ):
                    found.add((rule_id, i, end))
        return sorted(found)


def install(nlp: Language) -> bool:
    """Give the pipeline's attribute ruler the indexed matcher, if its patterns allow.

    nlp (Language): the loaded pipeline.
    RETURNS (bool): whether the ruler now uses the indexed matcher.
    """
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    ruler: Any = nlp.get_pipe("attribute_ruler")
    rules = [ruler.matcher.get(str(i))[1] for i in range(len(ruler.attrs))]
    try:
        matcher = IndexedMatcher(nlp.vocab, rules)
    except Unsupported:
        return False
    match_ids = [nlp.vocab.strings[str(i)] for i in range(len(rules))]

    def match(doc: Doc) -> list[tuple[int, int, int, int]]:
        # AttributeRuler.match's shape: (rule id, match id, start, end), sorted by rule id.
        return [(r, match_ids[r], s, e) for r, s, e in matcher(doc)]

    ruler.match = match
    return True

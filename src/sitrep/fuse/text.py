"""What two articles' texts share: lead terms (names, numbers) and near-duplicate passages.

Outlets that report one incident name the same places and victims and give the same numbers in
their first lines; outlets that copy each other share whole passages. Both are read from the
documents alone (no corpus statistics), so a pair scores the same whatever else is fused.
"""

from __future__ import annotations

import re
import zlib
from functools import lru_cache
from importlib import resources

from sitrep.records import Document

__all__ = ["lead_terms", "term_similarity", "shingles", "copy_similarity"]

_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
_YEAR = re.compile(r"(19|20)\d\d")


@lru_cache(maxsize=1)
def generic_words() -> frozenset[str]:
    """Return the words that say nothing about which incident (generic_words.txt)."""
    text = resources.files("sitrep.fuse").joinpath("generic_words.txt").read_text("utf-8")
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


def lead_terms(document: Document, words: int = 80) -> frozenset[str]:
    """Return the telling terms of an article's title and first `words` words.

    Terms are lower-cased words of 3+ letters that are not generic, and numbers of 2+ digits
    (tolls, days of the month) other than years: "khan", "shaykhun", "sarin", "58".
    """
    head = " ".join([document.title or "", *document.text.split()[:words]])
    generic = generic_words()
    terms = set()
    for token in _TOKEN.findall(head.lower()):
        if token.isdigit():
            if len(token) >= 2 and not _YEAR.fullmatch(token):
                terms.add(token)
        elif len(token) >= 3 and token not in generic:
            terms.add(token)
    return frozenset(terms)


def term_similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Return the Jaccard similarity of two term sets (0 when either is empty)."""
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def shingles(text: str, size: int = 8) -> frozenset[int]:
    """Return hashes of the text's runs of `size` words (lower case), for copy detection."""
    tokens = _TOKEN.findall(text.lower())
    runs = (" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1))
    return frozenset(zlib.crc32(run.encode("utf-8")) for run in runs)


def copy_similarity(a: frozenset[int], b: frozenset[int]) -> float:
    """Return the share of the shorter text's shingles found in the other (1.0: a copy)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))

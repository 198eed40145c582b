"""Articles that lead with a reaction: a statement about an incident, not a report of it.

"Syrian Coalition condemns massacre in Atareb" or "Chemical attack draws international
condemnation": the headline and first sentence tell what someone said or did about an incident
(a condemnation, an inquiry's finding, a denial, mourning). The incident is then background to
the article, which is no lead report of it. `mark_reaction` reads the main clause of the
headline (when the text does not repeat it) and of the first sentence: when every one of them is
a reaction (its root verb, or a reaction noun as the root's subject or object, in
`lexicons/reactions.yaml`), each event gets an evidence of field REACTION (the sentence), which
fusion reads as "a mention, not this article's lead report".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from sitrep.extract.headline import norm_words as _norm
from sitrep.extract.lexicon import read_lexicon
from sitrep.records import Document, Event, Evidence

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = [
    "REACTION",
    "is_reaction_mention",
    "ReactionLexicon",
    "is_reaction",
    "is_reaction_clause",
    "mark_reaction",
]

# The evidence field that marks an event whose article leads with a reaction to it.
REACTION = "reaction"
_ARGUMENTS = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "pobj", "obj", "dative"})


def is_reaction_mention(event: Event) -> bool:
    """Whether extraction marked this event as a reaction article's mention, not a report."""
    return any(e.field == REACTION for e in event.evidence)


@dataclass(frozen=True)
class ReactionLexicon:
    """The words of `lexicons/reactions.yaml`."""

    verbs: frozenset[str]
    light_verbs: frozenset[str]
    nouns: frozenset[str]
    verb_prepositions: dict[str, frozenset[str]]


@lru_cache(maxsize=1)
def load_reactions() -> ReactionLexicon:
    """Return the packaged reaction lexicon."""
    data = read_lexicon("reactions.yaml")
    return ReactionLexicon(
        frozenset(data["verbs"]),
        frozenset(data["light_verbs"]),
        frozenset(data["nouns"]),
        {str(v): frozenset(p) for v, p in (data.get("verb_prepositions") or {}).items()},
    )


def _lemma(token: object) -> str:
    return str(getattr(token, "lemma_", "")).lower()


def _argument_nouns(root: object) -> set[str]:
    """Lemmas of the root's subject and object nouns (through one preposition)."""
    found: set[str] = set()
    for child in getattr(root, "children", ()):
        if child.dep_ in _ARGUMENTS:
            found.add(_lemma(child))
        if child.dep_ == "prep":
            found.update(_lemma(g) for g in child.children if g.dep_ == "pobj")
    return found


def is_reaction_clause(sentence: Span, lexicon: ReactionLexicon | None = None) -> bool:
    """Whether a sentence's main clause is a reaction: its root verb is a reaction verb, or a
    reaction noun is the root's subject, or a light verb's object ("draws condemnation").

    sentence (Span): one parsed sentence.
    RETURNS (bool): True for "X condemns the attack", "the attack drew condemnation",
        "an inquiry found ..."; False for "X said 20 were killed".
    """
    lexicon = lexicon or load_reactions()
    root = sentence.root
    clauses = [root, *(c for c in root.children if c.dep_ == "ccomp")]
    return any(_reaction_head(head, lexicon) for head in clauses)


def _reaction_head(head: Token, lexicon: ReactionLexicon) -> bool:
    """Whether one clause's head verb makes it a reaction (see `is_reaction_clause`)."""
    lemma = _lemma(head)
    if lemma in lexicon.verbs:
        return True
    preps = {_lemma(c) for c in head.children if c.dep_ in ("prep", "prt")}
    if preps & lexicon.verb_prepositions.get(lemma, frozenset()):
        return True
    subjects = {_lemma(c) for c in head.children if c.dep_ in ("nsubj", "nsubjpass")}
    if subjects & lexicon.nouns:
        return True
    return lemma in lexicon.light_verbs and bool(_argument_nouns(head) & lexicon.nouns)


def _first_sentence(doc: Doc, title: str) -> Span | None:
    """The text's first sentence of at least five words that is not the headline repeated."""
    head = _norm(title)[:40]
    for sentence in doc.sents:
        if sum(t.is_alpha for t in sentence) < 5:
            continue
        if head and head in _norm(sentence.text):
            continue
        return sentence
    return None


def is_reaction(doc: Doc, title: str | None, parse: Callable[[str], Doc]) -> Span | None:
    """Return the first sentence when the article leads with a reaction, else None.

    doc (Doc): the parsed text; title (str | None): the headline (read whether or not the text
        repeats it); parse: parses the headline, lower-cased first so that title case does not
        read every word as a name.
    """
    title = (title or "").strip()
    first = _first_sentence(doc, title)
    if first is None or not is_reaction_clause(first):
        return None
    if title:
        head = list(parse(title.lower()).sents)
        if head and not is_reaction_clause(head[0]):
            return None
    return first


def mark_reaction(
    document: Document, doc: Doc, events: list[Event], parse: Callable[[str], Doc]
) -> None:
    """Mark every event of an article that leads with a reaction as a mention (evidence of
    field REACTION: the reaction sentence). Changes `events` in place."""
    if not events:
        return
    first = is_reaction(doc, document.title, parse)
    if first is None:
        return
    for event in events:
        event.evidence.append(
            Evidence(
                field=REACTION,
                text=first.text,
                doc_id=document.id,
                start=first.start_char,
                end=first.end_char,
            )
        )

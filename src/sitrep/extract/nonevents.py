"""Frames that state no event: disasters, retrospectives, commentary and war-wide totals.

`events.keep_trigger` asks `nonevent_frame` about every trigger that passed its own filters. A
trigger is no event of this report when, in its sentence:

- a disaster, accident or disease is named and the trigger is a death or blast word
  ("killed", "found dead", an "explosion") with no armed agent told before it: "Floods killed
  35 people", "a gas cylinder explosion", "an avalanche killed 12 soldiers";
- ordinary crime with no organised, political or communal actor explains a weak trigger
  ("robbers killed a shopkeeper", "stabbed his neighbour during a dispute over parking");
- an anniversary, a commemoration, a trial or a sentence governs it: "marked the anniversary of
  the 2013 chemical attack", "sentenced 12 men for a 2015 bombing";
- a verb of comment governs it as a definite mention with no count: "the president condemned
  the attack";
- its subject is the war itself ("the conflict has killed 170,000"), or it is told in the
  present perfect with "since" ("20,000 women have been raped since 2011"): a total over many
  events.

The word lists are data (`lexicons/nonevents.yaml`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from sitrep.extract.lexicon import phrase_pattern, read_lexicon

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["NoneventLexicon", "load_nonevents", "nonevent_frame"]


@dataclass(frozen=True)
class NoneventLexicon:
    """The compiled nonevents.yaml."""

    disaster: re.Pattern[str]
    armed_agents: re.Pattern[str]
    crime: re.Pattern[str]
    crime_blockers: re.Pattern[str]
    retrospective: frozenset[str]
    commentary: frozenset[str]
    aggregate_subjects: frozenset[str]
    cumulative_toll_min: int


@lru_cache(maxsize=1)
def load_nonevents() -> NoneventLexicon:
    """Load and compile `lexicons/nonevents.yaml` (once per process)."""
    data: dict[str, Any] = read_lexicon("nonevents.yaml")
    return NoneventLexicon(
        disaster=phrase_pattern(data["disaster"]),
        armed_agents=phrase_pattern(data["armed_agents"]),
        crime=phrase_pattern(data["crime"]),
        crime_blockers=phrase_pattern(data["crime_blockers"]),
        retrospective=frozenset(data["retrospective"]),
        commentary=frozenset(data["commentary"]),
        aggregate_subjects=frozenset(data["aggregate_subjects"]),
        cumulative_toll_min=int(data["cumulative_toll_min"]),
    )


# Triggers a disaster can explain: death words and bare explosion words.
_DEATH_OR_BLAST = re.compile(
    r"^(?:killed|kill(?:ing|s)?|found dead|bod(?:y|ies)\b.*|found (?:\w+ ){0,2}bod(?:y|ies)|"
    r"explosions?|blasts?|exploded|detonat\w*|fires?)$",
    re.I,
)
_DEFINITE = frozenset({"the", "this", "that", "these", "those", "its", "their", "his", "her"})


def _ancestors(tok: Token, limit: int = 8) -> list[Token]:
    out = []
    node = tok
    for _ in range(limit):
        if node.head.i == node.i:
            break
        node = node.head
        out.append(node)
    return out


def _disaster(sentence: str, before: str, trigger_text: str, lex: NoneventLexicon) -> bool:
    if not _DEATH_OR_BLAST.match(trigger_text):
        return False
    return bool(lex.disaster.search(sentence)) and not lex.armed_agents.search(before)


def _crime(text: str, generic: bool, lex: NoneventLexicon) -> bool:
    return generic and bool(lex.crime.search(text)) and not lex.crime_blockers.search(text)


def _retrospective(tok: Token, lex: NoneventLexicon) -> bool:
    # Not through a coordination: "a court which sentenced to death and executed a man" tells
    # the execution as an act of its own.
    node = tok
    for _ in range(8):
        if node.dep_ == "conj" or node.head.i == node.i:
            return False
        node = node.head
        if node.lemma_.lower() in lex.retrospective:
            return True
    return False


def _commentary(tok: Token, lex: NoneventLexicon) -> bool:
    if tok.pos_ not in ("NOUN", "PROPN"):
        return False
    if not any(c.dep_ in ("det", "poss") and c.lower_ in _DEFINITE for c in tok.children):
        return False
    if any(t.like_num for t in tok.subtree):
        return False
    return any(a.pos_ == "VERB" and a.lemma_.lower() in lex.commentary for a in _ancestors(tok, 3))


def _refers_back(tok: Token) -> bool:
    """A trigger in a relative clause on an anaphoric noun: "that attack which killed 1429"."""
    node = tok
    for _ in range(3):
        if node.dep_ == "relcl":
            noun = node.head
            return any(
                c.dep_ == "det" and c.lower_ in ("that", "these", "those", "such")
                for c in noun.children
            )
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def _war_total(tok: Token, sent: Span, lex: NoneventLexicon) -> bool:
    verb = tok if tok.pos_ in ("VERB", "AUX") else tok.head
    for child in verb.children:
        if child.i == tok.i:
            continue  # "fighting broke out": the trigger itself, not a war as its subject
        if child.dep_ in ("nsubj", "agent") or (child.dep_ == "prep" and child.lower_ == "by"):
            heads = [child] + [g for g in child.children if g.dep_ == "pobj"]
            if any(h.lemma_.lower() in lex.aggregate_subjects for h in heads):
                return True
    perfect = any(
        c.dep_ in ("aux", "auxpass") and c.lemma_ == "have" and c.tag_ in ("VBZ", "VBP")
        for c in verb.children
    )
    return perfect and any(t.lower_ == "since" for t in sent)


def nonevent_frame(
    tok: Token, sent: Span, trigger_text: str, generic: bool, text: str | None = None
) -> str | None:
    """Say which no-event frame, if any, a trigger is told in.

    tok (Token): the trigger's root token; sent (Span): its sentence.
    trigger_text (str): the trigger's text; generic (bool): a weak trigger ("killed").
    text (str | None): the document's text, if at hand (spaCy rebuilds `doc.text` per read).
    RETURNS (str | None): "disaster", "crime", "retrospective", "commentary", "aggregate" or
        "anaphora"; None
        when the trigger may state an event.
    """
    lex = load_nonevents()
    doc_text = text if text is not None else sent.doc.text
    sentence = doc_text[sent.start_char : sent.end_char]
    if _disaster(sentence, doc_text[sent.start_char : tok.idx], trigger_text, lex):
        return "disaster"
    if _crime(sentence, generic, lex):
        return "crime"
    if _retrospective(tok, lex):
        return "retrospective"
    if _commentary(tok, lex):
        return "commentary"
    if _war_total(tok, sent, lex):
        return "aggregate"
    if _refers_back(tok):
        return "anaphora"
    return None

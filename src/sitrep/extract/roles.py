"""Who acts and who is acted upon, from the dependency parse of the trigger's clause.

The sentence splitter (`segment.split_actors`) reads sides from word order and the words before
each actor ("by X", "against X"). Word order misleads when the clause says otherwise:

- the subject of the trigger verb acts, its object is acted upon ("ISWAP fighters killed three
  soldiers"; "the Israeli military said its forces killed a Hamas commander in an airstrike":
  the commander is the object of "killed", not a side of "airstrike" because he comes first);
- in the passive, the subject is acted upon and the "by" agent acts ("were killed by gunmen");
- "X said its forces / it / they ..." : the pronoun is X, who acts;
- the speaker of a reporting verb is a source, not a side ("Haitian police said gang members
  set fire to 30 houses": the gangs act, the police report).

`syntax_sides` applies only what the parse states for the actors it can place; the others
keep the splitter's side. A noun trigger ("airstrike", "attack") takes the verb it is the
object or the "in/during" phrase of ("killed ... in an airstrike", "launched an attack").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sitrep.extract.mentions import Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from sitrep.extract.events import Trigger

__all__ = ["syntax_sides"]

_SUBJECTS = frozenset({"nsubj"})
_OBJECTS = frozenset({"dobj"})
_PASSIVE_SUBJECTS = frozenset({"nsubjpass"})
_PRONOUNS = frozenset({"it", "they", "we"})
_POSSESSIVES = frozenset({"its", "their", "our"})
_REPORTING = frozenset(
    {"say", "report", "announce", "claim", "state", "confirm", "add", "tell", "declare"}
)
_SUFFERING = frozenset({"die", "kill", "injure", "wound", "perish"})
_CLAUSE_LINKS = frozenset({"ccomp", "xcomp", "conj", "parataxis"})
_NOUN_LINKS = frozenset({"pobj", "dobj"})


@dataclass
class _Roles:
    """Token spans (character offsets) of the clause's agents and patients, and the speakers
    who are no side."""

    agents: list[tuple[int, int]] = field(default_factory=list)
    patients: list[tuple[int, int]] = field(default_factory=list)
    speakers: list[tuple[int, int]] = field(default_factory=list)


def _span(token: Token) -> tuple[int, int]:
    left, right = token.left_edge, token.right_edge
    return left.idx, right.idx + len(right.text)


def _predicate(token: Token) -> Token | None:
    """The verb whose arguments give the trigger's sides."""
    if token.pos_ in ("VERB", "AUX"):
        return token
    if token.dep_ in _NOUN_LINKS:
        head = token.head
        if token.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in ("in", "during"):
            head = head.head  # "killed ... in an airstrike"
        elif token.dep_ == "pobj":
            return None
        if head.pos_ == "VERB":
            return head
    return None


def _subject(verb: Token) -> Token | None:
    """The verb's subject, or that of the verb it is coordinated with ("shot and killed")."""
    for current in (verb, verb.head if verb.dep_ == "conj" else None):
        if current is None:
            continue
        for child in current.children:
            if child.dep_ in _SUBJECTS:
                return child
    return None


def _reporting_head(verb: Token) -> Token | None:
    """The reporting verb whose clause the verb is ("the army said [its troops killed ...]")."""
    current = verb
    for _ in range(3):
        if current.dep_ not in _CLAUSE_LINKS or current.head is current:
            return None
        current = current.head
        if current.lemma_.lower() in _REPORTING:
            return current
    return None


def _refers_back(subject: Token) -> bool:
    """A subject that stands for the speaker: "it", "they", "its forces", "their fighters"."""
    if subject.lower_ in _PRONOUNS:
        return True
    return any(t.lower_ in _POSSESSIVES and t.dep_ == "poss" for t in subject.subtree)


def _noun_agent(noun: Token) -> Token | None:
    """The attacker a noun trigger names: "an attack by Al-Shabaab", "fire from ISWAP"."""
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in ("by", "from"):
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def _victims_of_main(verb: Token) -> Token | None:
    """The subject of the suffering the clause explains: "three policemen died when gunmen
    opened fire", "five soldiers were killed as ISWAP overran their base"."""
    if verb.dep_ != "advcl" or verb.head.lemma_.lower() not in _SUFFERING:
        return None
    head = verb.head
    return next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def _clause_roles(verb: Token, noun: Token | None) -> _Roles:
    """The roles of the verb's arguments (`noun`: the trigger when it is a noun)."""
    if noun is None:  # "repulsed an attack by X": the object's author
        noun = next((c for c in verb.children if c.dep_ in _OBJECTS), None)
    if noun is not None and any(
        c.dep_ == "poss" and c.lower_ in _POSSESSIVES for c in noun.children
    ):
        # "7 militants were killed when Afghan forces repulsed their attack": the clause
        # refers to an actor told elsewhere; the splitter's reading stands
        return _Roles()
    attacker = _noun_agent(noun) if noun is not None else None
    if attacker is not None:
        # "soldiers repulsed an attack by Al-Shabaab": the attack's author acts
        subject = _subject(verb)
        roles = _Roles(agents=[_span(attacker)])
        if subject is not None:
            roles.patients.append(_span(subject))
        return roles
    roles = _verb_roles(verb)
    victims = _victims_of_main(verb)
    if victims is not None:
        roles.patients.append(_span(victims))
    return roles


def _verb_roles(verb: Token) -> _Roles:
    roles = _Roles()
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
    for child in verb.children:
        if passive and child.dep_ in _PASSIVE_SUBJECTS:
            roles.patients.append(_span(child))
        elif passive and child.dep_ == "agent":
            roles.agents.extend(_span(g) for g in child.children if g.dep_ == "pobj")
        elif not passive and child.dep_ in _OBJECTS:
            roles.patients.append(_span(child))
    subject = None if passive else _subject(verb)
    if subject is not None:
        roles.agents.append(_span(subject))
    speaker_verb = _reporting_head(verb)
    if speaker_verb is not None:
        speaker = _subject(speaker_verb)
        if speaker is not None:
            if subject is not None and _refers_back(subject):
                roles.agents.append(_span(speaker))
            else:
                roles.speakers.append(_span(speaker))
    return roles


def _inside(m: Mention, spans: list[tuple[int, int]]) -> bool:
    return any(a <= m.start and m.end <= b for a, b in spans)


def syntax_sides(
    doc: Doc, trigger: Trigger, side1: list[Mention], side2: list[Mention]
) -> tuple[list[Mention], list[Mention]]:
    """Correct the splitter's sides by the roles the parse gives the trigger's clause.

    doc (Doc): the parsed document; trigger (Trigger): the event's trigger.
    side1, side2 (list[Mention]): the sides `split_actors` read.
    RETURNS (tuple): the sides, each in text order with the parse's agents (patients) first.
    """
    span = doc.char_span(trigger.start, trigger.end, alignment_mode="expand")
    if span is None or not len(span):
        return side1, side2
    root = span.root
    verb = _predicate(root)
    if verb is None:
        return side1, side2
    roles = _clause_roles(verb, None if verb.i == root.i else root)
    actors = sorted({id(m): m for m in side1 + side2}.values(), key=lambda m: m.start)
    agents, patients, dropped = [], [], set()
    for m in actors:
        if m.kind == "civilians":
            continue  # civilians never act in a violent event; crowds are read elsewhere
        if _inside(m, roles.agents) and not _inside(m, roles.patients):
            agents.append(m)
        elif _inside(m, roles.patients):
            patients.append(m)
        elif _inside(m, roles.speakers):
            dropped.add(id(m))
    if not agents and not patients and not dropped:
        return side1, side2
    moved = {id(m) for m in agents + patients} | dropped
    new1 = agents + [m for m in side1 if id(m) not in moved]
    new2 = patients + [m for m in side2 if id(m) not in moved]
    return new1, new2

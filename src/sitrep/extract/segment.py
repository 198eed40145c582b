"""From a parsed document to event mentions: one per trigger clause and place, with the
actors, weapons, casualties and date each sentence gives.

Rules (docs/extraction.md): a sentence's triggers are filtered (`events.keep_trigger`), typed
(`events.choose_types`), dated (the nearest date expression, skipping "since"/"begun on"
dates), and split over the coordinated places they hit (`events.event_places`). Sentences with
no trigger can still add weapons or casualty counts to the event mentioned just before them in
the same paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING

from sitrep.extract.aliases import cached_text
from sitrep.extract.casualties import CasualtyMention, find_casualties
from sitrep.extract.dates import DateMention, find_dates, statement_date
from sitrep.extract.events import (
    EVENT_TYPE_OF,
    EventMention,
    Trigger,
    background_date,
    choose_types,
    event_places,
    find_triggers,
    keep_trigger,
    load_lexicon,
)
from sitrep.extract.mentions import Mention
from sitrep.extract.roles import syntax_sides
from sitrep.extract.subevent_model import classify_sentence, fallback_event
from sitrep.geo.postfilter import outside_spans
from sitrep.nlp import sentences
from sitrep.records import Place

if TYPE_CHECKING:
    from collections.abc import Iterator

    from spacy.tokens import Doc, Span

__all__ = [
    "SentenceInfo",
    "segment",
    "split_actors",
    "paragraph_starts",
    "is_source",
    "agent_before",
]

_AGENT_BEFORE = re.compile(
    r"\b(?:by|from|attributed to|blamed on)\s+(?:the\s+|a\s+|an\s+)?(?:[\w'’-]+\s+){0,2}$",
    re.I,
)
# "according to the army", "a source at Aleppo Police Command": who reports, not a side.
_SOURCE_BEFORE = re.compile(
    r"\b(?:according to\s+(?:the\s+)?|sources?\s+(?:at|in|from|within)\s+(?:the\s+)?"
    r"(?:[A-Z][\w'’-]*\s+){0,2})$",
    re.I,
)
_TARGET_BEFORE = re.compile(
    r"\b(?:on|against|targeting|targeted|at|with|hitting|upon|into|towards|"
    r"positions of|attacked|struck|killing|killed|ambushed)\s+(?:the\s+|a\s+|an\s+)?"
    r"(?:[\w'’-]+\s+){0,2}$",
    re.I,
)
_HELD_BY = re.compile(
    r"\b(?:held|controlled|run|dominated|besieged|occupied|backed|supported|led|funded|"
    r"armed|trained|affiliated|linked|reported|said|announced|denied|manned|guarded|staffed)"
    r"\s+by\s+(?:the\s+|a\s+)?(?:[\w'’-]+\s+){0,3}$",
    re.I,
)
# "a drone operated by GNA", "a car belonging to X" after the trigger: X owns the target.
_OWNED_BY = re.compile(
    r"\b(?:operated|owned|flown|piloted|driven)\s+by\s+(?:the\s+|a\s+)?(?:[\w'’-]+\s+){0,3}$"
    r"|\bbelonging\s+to\s+(?:the\s+|a\s+)?(?:[\w'’-]+\s+){0,3}$",
    re.I,
)
# "Afghan forces repulsed their attack": the attack of those killed.
_REPELLED = re.compile(r"repel|repuls", re.I)
_REPELLED_ATTACK = re.compile(
    r"\s+(?:their|its|an?|the)\s+(?:[\w'’-]+\s+){0,3}?(?:attacks?|assaults?|offensives?)\b",
    re.I,
)
_PASSIVE_VICTIM = re.compile(
    r"[\w\s'’()-]{0,25}?(?:\bincluding\s+(?:[\w'’-]+\s+){1,3}?)?"
    r"\b(?P<aux>(?:were|was|have been|has been|had been|are|is|being)\s+)?"
    r"(?:killed|wounded|injured|targeted|hit|attacked|struck|bombed|shelled|executed)\b",
    re.I,
)
# Without an auxiliary, a participle is passive only when no object follows it ("31 IS
# militants killed in coalition strikes"; not "regime forces shelled positions of ...").
_PASSIVE_NEXT = re.compile(
    r"\s*(?:$|[,.;:)]|(?:in|by|during|when|after|as|while|near|at|overnight)\b)", re.I
)
_KILLED_IN = re.compile(
    r"\b(?:killed|wounded|injured|died|dead)\s+(?:in|during)\s+(?:the\s+|a\s+|an\s+)?"
    r"(?:[\w'’-]+\s+){0,1}$",
    re.I,
)
# "a Syrian war monitor(ing group) said": a source's name, not the war-wide cue "war".
_WAR_MONITOR = re.compile(r"\bwar[\s-]+monitor\w*", re.I)
_WITH_BEFORE = re.compile(r"\bwith\s+(?:the\s+|a\s+|an\s+)?(?:[\w'’-]+\s+){0,2}$", re.I)
_VICTIM_BEFORE = re.compile(
    r"\b(?:was|were|been)\s+(?:shot\s+)?(?:killed|wounded|injured|shot dead)\b|\bdied\b", re.I
)
_BETWEEN = re.compile(r"\bbetween\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}$", re.I)
_PRESENT = re.compile(r"\b(?:now|currently|ongoing|continu\w+|still|today|this morning)\b", re.I)
_COORD = re.compile(r"\s*(?:,|and|&|as well as|along with|together with)\s*(?:the\s+)?", re.I)
_PARA = re.compile(r"\n\s*")


@dataclass
class SentenceInfo:
    """What one sentence of the document says, found once and shared by its mentions."""

    start: int
    end: int
    paragraph: int
    dates: list[DateMention] = field(default_factory=list)
    actors: list[Mention] = field(default_factory=list)
    weapons: list[Mention] = field(default_factory=list)
    casualties: list[CasualtyMention] = field(default_factory=list)
    mentions: list[EventMention] = field(default_factory=list)
    civilian_ref: bool = False


def paragraph_starts(text: str) -> list[int]:
    """Offsets where paragraphs (lines) of `text` start."""
    return [0] + [m.end() for m in _PARA.finditer(text)]


def agent_before(left: str) -> bool:
    """Whether the text just before an actor marks it as the agent ("by", "from", "blamed on").

    left (str): up to 40 characters before the actor.
    RETURNS (bool): True when an agent marker (not "held by", "backed by", ...) ends it.
    """
    return bool(_AGENT_BEFORE.search(left)) and not _HELD_BY.search(left)


def is_source(text: str, actor: Mention, sent_start: int) -> bool:
    """Whether the text names an actor as the source of a report ("according to the army",
    "a source at Aleppo Police Command"), not as a side of the event.

    text (str): the document text; actor (Mention): the actor; sent_start (int): its sentence.
    RETURNS (bool): True for a source.
    """
    return bool(_SOURCE_BEFORE.search(text[max(sent_start, actor.start - 40) : actor.start]))


@dataclass
class _Sides:
    """The sides of one trigger as its sentence's actors are read, with what the reading has
    seen so far."""

    side1: list[Mention] = field(default_factory=list)
    side2: list[Mention] = field(default_factory=list)
    unmarked_before: list[Mention] = field(default_factory=list)
    explicit_agent: bool = False
    after_between: bool = False
    passive_victims: bool = False
    victims: list[Mention] = field(default_factory=list)  # passive victims (maybe attackers)
    opponents: list[Mention] = field(default_factory=list)  # "killed in clashes with X"
    with_sides: list[Mention] = field(default_factory=list)  # "with X" after the trigger


def split_actors(
    text: str, trigger: Trigger, actors: list[Mention], sent_start: int
) -> tuple[list[Mention], list[Mention]]:
    """Split a sentence's actors into the side that acts and the side acted upon.

    An actor after "by"/"from" acts; one after "on"/"against"/"with" is acted upon; otherwise
    an actor before the trigger acts and one after it is acted upon. When an agent is marked
    explicitly ("came under attack from X"), unmarked actors before the trigger are its
    targets (a passive sentence). Civilians are always acted upon.
    RETURNS (tuple): (side 1, side 2) mentions, each in text order.
    """
    sides = _Sides()
    previous: Mention | None = None
    for m in actors:
        if m.attrs.get("former") == "true":
            continue
        if previous is not None and _COORD.fullmatch(text[previous.end : m.start]):
            for side in (sides.side1, sides.side2, sides.unmarked_before):
                if previous in side:
                    side.append(m)
                    break
            previous = m
            continue
        previous = m
        left = text[max(sent_start, m.start - 40) : m.start]
        if not _read_marked(sides, text, trigger, m, left):
            _read_cued(sides, trigger, m, left)
    return _settle(sides, text, trigger, sent_start)


def _read_marked(sides: _Sides, text: str, trigger: Trigger, m: Mention, left: str) -> bool:
    """Place an actor the text marks as a holder, a passive victim, a target's owner, a
    target or a source.

    left (str): up to 40 characters before the actor.
    RETURNS (bool): whether the actor was dealt with (placed or left out).
    """
    if re.match(r"[-‐ ]?(?:held|controlled|run|besieged)\b", text[m.end : m.end + 12]):
        return True  # "IS-held areas": who holds the place, not who acts
    passive = (
        _PASSIVE_VICTIM.match(text, m.end, trigger.end + 1) if m.end <= trigger.start else None
    )
    if passive and (passive.group("aux") or _PASSIVE_NEXT.match(text, passive.end())):
        sides.side2.append(m)  # "31 IS militants were killed in coalition strikes"
        sides.victims.append(m)
        sides.passive_victims = True
        return True
    if m.start >= trigger.end and _OWNED_BY.search(left):
        sides.side2.append(m)  # "shot down a drone operated by GNA": the target's owner
        return True
    if m.kind == "civilians" or m.attrs.get("cue") == "target":
        near = m.start >= trigger.start and m.start - trigger.end < 50
        if near or _TARGET_BEFORE.search(left) or m.end <= trigger.start:
            sides.side2.append(m)
        return True
    # "a town held by the Islamic State group": the holder, not a side
    return bool(_HELD_BY.search(left) or _SOURCE_BEFORE.search(left))


def _read_cued(sides: _Sides, trigger: Trigger, m: Mention, left: str) -> None:
    """Place an actor by the words before it ("by", "between", "killed in", "against"), else
    by its position before or after the trigger."""
    agent = _AGENT_BEFORE.search(left)
    territory = "territory" in trigger.sub_event_type
    if agent and territory and agent.group(0).lower().startswith("from"):
        agent = None  # "recaptured the village from rebels": the loser, not the agent
    if agent and not _HELD_BY.search(left):
        sides.side1.append(m)
        sides.explicit_agent = True
    elif _BETWEEN.search(left):
        sides.side1.append(m)
        sides.after_between = True
    elif sides.after_between and re.search(r"\band\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}$", left):
        sides.side2.append(m)
        sides.after_between = False
    elif _KILLED_IN.search(left):
        sides.side1.append(m)  # "killed in US-led air strikes", "died in a rebel ambush"
        sides.explicit_agent = True
    elif _TARGET_BEFORE.search(left) and m.start >= trigger.start - 2:
        sides.side2.append(m)
        if _WITH_BEFORE.search(left):
            sides.with_sides.append(m)
            if sides.passive_victims:
                sides.opponents.append(m)
    elif m.start < trigger.end:
        sides.unmarked_before.append(m)
    else:
        sides.side2.append(m)


def _settle(
    sides: _Sides, text: str, trigger: Trigger, sent_start: int
) -> tuple[list[Mention], list[Mention]]:
    """The two sides once every actor is read: unmarked actors before the trigger act unless
    an agent was marked; victims and opponents swap where the sentence names the loser first.
    """
    side1, side2 = sides.side1, sides.side2
    if sides.explicit_agent:
        side2 = sides.unmarked_before + side2
    else:
        side1 = sides.unmarked_before + side1
    opponents, victims = sides.opponents, sides.victims
    if not side1 and opponents and trigger.sub_event_type == "Armed clash":
        # "10 soldiers were killed in clashes with IS": the victims' side is named first as
        # the one hit, so the other side is the one that killed them.
        side1 = opponents
        side2 = [m for m in side2 if m not in opponents]
    if (
        not side1
        and side2
        and trigger.sub_event_type == "Armed clash"
        and all(m in sides.with_sides for m in side2)
        and _VICTIM_BEFORE.search(text, sent_start, trigger.start)
    ):
        # "a gunman was killed after exchanging fire with police": the victims are unnamed, so
        # as in "10 soldiers were killed in clashes with IS" the side after "with" is actor1.
        side1, side2 = side2, []
    repelled = _REPELLED_ATTACK.match(text, trigger.end) if _REPELLED.match(trigger.text) else None
    if repelled and not sides.explicit_agent and victims and side1:
        # "9 Taliban militants were killed when Afghan forces repulsed their attack": those
        # killed attacked, so they are actor1 (ACLED) and the defenders actor2. ("X repelled a Y
        # attack" is left as told: ACLED's Syria coders put either side first.)
        side1, side2 = victims, side1 + [m for m in side2 if m not in victims]
    values1 = {m.value for m in side1}
    side2 = [m for m in side2 if m.value not in values1]
    return side1, side2


def _scoped(
    text: str, actors: list[Mention], trig: Trigger, triggers: list[Trigger]
) -> list[Mention]:
    """The actors of one trigger's clause: each chain of coordinated actors ("Russian and Assad
    regime's airstrikes") goes to the nearest trigger; the sentence's first actor, when it
    comes before the trigger, is the shared subject of all of them."""
    if len(triggers) <= 1:
        return actors
    chains: list[list[Mention]] = []
    for a in actors:
        if chains and _COORD.fullmatch(text[chains[-1][-1].end : a.start]):
            chains[-1].append(a)
        else:
            chains.append([a])

    def distance(chain: list[Mention], t: Trigger) -> int:
        lo, hi = chain[0].start, chain[-1].end
        if lo < t.end and t.start < hi:
            return 0
        return t.start - hi if hi <= t.start else lo - t.end

    out: list[Mention] = []
    for chain in chains:
        best = min(triggers, key=lambda t: distance(chain, t))
        if best.start == trig.start:
            out.extend(chain)
    if actors and actors[0].start < trig.start and actors[0] not in out:
        out.insert(0, actors[0])
    return sorted(out, key=lambda a: a.start)


def _date_for(
    trigger: Trigger,
    dates: list[DateMention],
    text: str,
    sent_start: int,
    triggers: list[Trigger] | None = None,
) -> DateMention | None:
    """The date expression of a trigger, skipping those that date the start of a campaign
    ("begun on Friday", "since March 2011"). With several triggers in the sentence, a date
    belongs to the trigger just before it ("broke the siege on Saturday ... came under air
    attack on Sunday"); a trigger with no date of its own takes the nearest one.
    """
    lex = load_lexicon()
    usable = []
    for d in dates:
        left = text[max(sent_start, d.start - 25) : d.start].lower()
        words = re.findall(r"[a-z']+", left)[-2:]
        if not any(w in lex.date_start for w in words):
            usable.append(d)
    if not usable:
        return None
    usable = _event_days(usable, text, sent_start)

    def gap(t: Trigger, d: DateMention) -> float:
        return d.start - t.end if d.start >= t.end else (t.start - d.end) * 1.5

    others = [t for t in (triggers or []) if t.start != trigger.start]
    if others:
        own = []
        for d in usable:
            owners = sorted([trigger, *others], key=lambda t: gap(t, d))
            if owners[0].start == trigger.start:
                own.append(d)
        if own:
            return min(own, key=lambda d: gap(trigger, d))
    return min(usable, key=lambda d: gap(trigger, d))


def _event_days(dates: list[DateMention], text: str, sent_start: int) -> list[DateMention]:
    """The dates that may tell an event's day: a statement's day ("UNICEF said on Thursday
    that ... killed") only when the sentence gives no other, and then at week precision (the
    event happened on that day or in the days before it)."""
    own = [d for d in dates if not statement_date(text, d, sent_start)]
    if own:
        return own
    return [replace(d, precision=max(d.precision, 2)) for d in dates]


@dataclass
class _DocContext:
    """What every sentence of one document is read against."""

    doc: Doc
    text: str
    places: list[Place]
    reference: date | None
    actors_of: object
    weapons_of: object


def segment(
    doc: Doc,
    places: list[Place],
    reference: date | None,
    actors_of: object,
    weapons_of: object,
) -> list[SentenceInfo]:
    """Read every sentence of `doc` into event mentions.

    doc (Doc): the parsed document.
    places (list[Place]): the geocoder's places for the whole text, in text order.
    reference (date | None): the date relative expressions resolve against.
    actors_of, weapons_of (callable): `find_actors(doc, start, end)`, `find_weapons(...)`.
    RETURNS (list[SentenceInfo]): one per sentence, in text order, with its mentions.
    """
    ctx = _DocContext(doc, cached_text(doc), places, reference, actors_of, weapons_of)
    paras = paragraph_starts(ctx.text)
    out: list[SentenceInfo] = []
    order = 0
    para_i = 0
    violent_para = -1
    pending: list[tuple[float, Trigger]] = []  # new events the model was not sure enough of
    where: dict[int, tuple[SentenceInfo, list[Place]]] = {}
    for sent in _sentences(doc):
        while para_i + 1 < len(paras) and paras[para_i + 1] <= sent.start_char:
            para_i += 1
        if not ctx.text[sent.start_char : sent.end_char].strip():
            continue
        info, triggers = _read_sentence(ctx, sent.start_char, sent.end_char, para_i)
        # A place name inside an actor's name ("NAF", "Free Idlib Army") is not where it is.
        sent_places = outside_spans(places, [(a.start, a.end) for a in info.actors])
        kept = _kept_triggers(ctx, sent, triggers, info)
        typed = _typed_triggers(ctx, info, kept, sent_places, violent_para == para_i)
        n_pending = len(pending)
        typed = classify_sentence(ctx.doc, sent, triggers, typed, ctx.reference, ctx.text, pending)
        if len(pending) > n_pending:
            where[pending[-1][1].start] = (info, sent_places)
        order = _add_mentions(ctx, info, typed, sent_places, order)
        if any(EVENT_TYPE_OF[m.sub_event_type] in _VIOLENT for m in info.mentions):
            violent_para = para_i
        out.append(info)
    fallback = fallback_event(pending)
    if fallback is not None and not any(s.mentions for s in out):
        # an article where nothing else is found: the model's most probable new event
        info, sent_places = where[fallback.start]
        _add_mentions(ctx, info, [fallback], sent_places, order)
    return out


def _read_sentence(
    ctx: _DocContext, start: int, end: int, para_i: int
) -> tuple[SentenceInfo, list[Trigger]]:
    """The dates, casualties, weapons and actors of one sentence, and its triggers."""
    text = ctx.text
    info = SentenceInfo(start, end, para_i)
    info.dates = [_shift(d, start) for d in find_dates(text[start:end], ctx.reference)]
    triggers = find_triggers(text, start, end)
    info.casualties = [_shift_c(c, start) for c in find_casualties(text[start:end])]
    if info.casualties and load_lexicon().aggregate.search(
        _WAR_MONITOR.sub(lambda m: " " * len(m.group()), text[start:end])
    ):
        # "more than 100,000 killed since 2011", "57 martyred in recent days": totals.
        info.casualties = [c for c in info.casualties if c.low == 0]
    info.weapons = list(ctx.weapons_of(ctx.doc, start, end))  # type: ignore[operator]
    info.actors = list(ctx.actors_of(ctx.doc, start, end))  # type: ignore[operator]
    return info, triggers


def _kept_triggers(
    ctx: _DocContext, sent: Span, triggers: list[Trigger], info: SentenceInfo
) -> list[Trigger]:
    """The triggers `events.keep_trigger` keeps; an anaphora dropped before a civilian word
    ("the attack on civilians") marks the sentence as naming civilian targets."""
    kept = []
    for t in triggers:
        why = keep_trigger(ctx.doc, sent, t, ctx.reference, ctx.text)
        if why is None:
            kept.append(t)
        elif why == "anaphora" and load_lexicon().civilian.search(
            ctx.text, t.end, min(info.end, t.end + 30)
        ):
            info.civilian_ref = True
    return kept


def _typed_triggers(
    ctx: _DocContext,
    info: SentenceInfo,
    kept: list[Trigger],
    sent_places: list[Place],
    after_violence: bool,
) -> list[Trigger]:
    """The typed triggers that make events in this sentence.

    after_violence (bool): whether the paragraph has told a violent event already.
    """
    text, start, end = ctx.text, info.start, info.end
    typed = choose_types(kept, text[start:end], start, info.weapons)
    if (
        typed
        and all(t.generic for t in typed)
        and after_violence
        and not info.dates
        and not event_places(text, sent_places, typed[0], start, end)
    ):
        # "56 fighters were killed." after a reported strike: the same event, told on;
        # its counts go to that event (assemble._attach_extras).
        return []
    if any(EVENT_TYPE_OF[t.sub_event_type] in ("Protests", "Riots") for t in typed):
        # "demonstrators clashed with police": one demonstration, not a battle too.
        typed = [
            t
            for t in typed
            if EVENT_TYPE_OF[t.sub_event_type] in ("Protests", "Riots", "Strategic developments")
        ]
    if any(t.sub_event_type == "Armed clash" for t in typed):
        # "clashes and an exchange of shelling": the shelling is part of the battle.
        typed = [t for t in typed if t.sub_event_type != "Shelling/artillery/missile attack"]
    return typed


def _add_mentions(
    ctx: _DocContext,
    info: SentenceInfo,
    typed: list[Trigger],
    sent_places: list[Place],
    order: int,
) -> int:
    """Add one mention per trigger (one per date kept) and place it hits to `info.mentions`.

    order (int): the number of mentions so far in the document.
    RETURNS (int): that number after this sentence.
    """
    text, start, end = ctx.text, info.start, info.end
    emitted = _by_clause(typed, info.dates, text, start)
    present = bool(_PRESENT.search(text, start, end))
    for trig in emitted:
        d = _date_for(trig, info.dates, text, start, typed)
        if d is not None and background_date(d, ctx.reference):
            continue
        if d is not None and d.precision == 3 and d.value is None:
            continue
        # the actors go to the triggers that make events (an "IED ... planted by X
        # detonated" keeps the IED; X is not lost to the merged "detonated")
        scoped = _scoped(text, info.actors, trig, emitted)
        side1, side2 = split_actors(text, trig, scoped, start)
        side1, side2 = syntax_sides(ctx.doc, trig, side1, side2)  # roles by the parse
        targets = event_places(text, sent_places, trig, start, end)
        civ = bool(load_lexicon().civilian.search(text, trig.start, min(end, trig.end + 50)))
        civ = civ or "residential" in text[start:end].lower()
        slots: list[Place | None] = list(targets) or [None]
        for place in slots:
            order += 1
            info.mentions.append(
                EventMention(
                    sub_event_type=trig.sub_event_type,
                    trigger=trig,
                    sent_start=start,
                    sent_end=end,
                    paragraph=info.paragraph,
                    date=d,
                    place=place,
                    coordinated=max(1, len(targets)),
                    actors1=side1,
                    actors2=side2,
                    weapons=list(info.weapons),
                    casualties=list(info.casualties),
                    civilian_target=civ,
                    present=present,
                    order=order,
                )
            )
    return order


_VIOLENT = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
_LINE = re.compile(r"\n\s*")


def _sentences(doc: Doc) -> Iterator[Span]:
    """spaCy's sentences, also split at line breaks (headlines and captions are lines)."""
    text = cached_text(doc)
    for sent in sentences(doc):
        start = sent.start_char
        pieces = []
        for m in _LINE.finditer(text, sent.start_char, sent.end_char):
            pieces.append((start, m.start()))
            start = m.end()
        pieces.append((start, sent.end_char))
        if len(pieces) == 1:
            yield sent
            continue
        for a, b in pieces:
            if b <= a:
                continue
            span = doc.char_span(a, b, alignment_mode="expand")
            if span is not None and len(span):
                yield span


def _by_clause(
    typed: list[Trigger], dates: list[DateMention], text: str, sent_start: int
) -> list[Trigger]:
    """Keep one trigger per distinct date in a sentence: the highest priority of each date.

    "Rebels who broke the siege on Saturday came under air attack on Sunday" states two events;
    "fierce fighting and continuous airstrikes" states one (the airstrikes, the more specific).
    """
    if len(typed) <= 1:
        return typed
    groups: dict[tuple[object, str], Trigger] = {}
    for t in typed:
        d = _date_for(t, dates, text, sent_start, typed)
        when: object = d.value if d is not None and d.value is not None else (d.text if d else None)
        key = (when, EVENT_TYPE_OF[t.sub_event_type])
        best = groups.get(key)
        if best is None or t.priority > best.priority:
            groups[key] = t
    # An undated trigger of an event type that is also dated in the sentence is that event.
    for when, etype in list(groups):
        if when is None and any(w is not None and e == etype for w, e in groups):
            del groups[(when, etype)]
    return sorted(groups.values(), key=lambda t: t.start)


def _shift(d: DateMention, start: int) -> DateMention:
    return DateMention(d.start + start, d.end + start, d.text, d.value, d.precision, d.relative)


def _shift_c(c: CasualtyMention, start: int) -> CasualtyMention:
    return CasualtyMention(
        c.start + start, c.end + start, c.text, c.kind, c.low, c.high, c.category, c.exact
    )


def sentence_of(sentences: list[SentenceInfo], offset: int) -> SentenceInfo | None:
    """The sentence containing `offset`."""
    for s in sentences:
        if s.start <= offset < s.end:
            return s
    return None

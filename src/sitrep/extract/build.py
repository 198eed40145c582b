"""Build the `Event` record of one group of mentions: ACLED fields, actors, casualties,
weapons, notes and the evidence (sentence and offsets) of every field it fills.

The steps, in the order they fill fields (and so in the order their evidence is listed):
event type, place, date, country, actors, casualties, victims, weapons, claims, notes.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from sitrep.extract.actors import state_first, unnamed_sides
from sitrep.extract.assemble import Group
from sitrep.extract.attribution import ClaimContext, add_claims, trimmed_span
from sitrep.extract.casualties import Casualties, CasualtyMention, is_vague, sum_casualties
from sitrep.extract.countries import acled_country, detect_country
from sitrep.extract.events import EVENT_TYPE_OF, EventMention, place_key
from sitrep.extract.mentions import Mention
from sitrep.extract.notes import make_notes
from sitrep.extract.social import find_social_groups
from sitrep.records import Document, Event, Evidence, Place, Victims

__all__ = ["build_event"]

Span = tuple[int, int]
Side = list[tuple[Mention, Span]]

_UPDATE = re.compile(r"\btoll\b|\b(?:rose|risen|rises|rising|climbed|raised)\b", re.I)
_STATE_HELD = re.compile(
    r"\b(?:government|regime|army)(?:[-‐ ](?:held|controlled))?(?:['’]s)?\b", re.I
)
_FIGURES = (
    "fatalities",
    "fatalities_min",
    "fatalities_max",
    "injuries",
    "civilians",
    "children",
    "women",
    "combatants",
)
_VICTIM_FIGURES = ("civilians", "children", "women", "combatants")
_TOLL_FIGURES = ("fatalities", "fatalities_min", "fatalities_max", "injuries")
_PLACE_FIELDS = (
    ("country", "country"),
    ("admin1", "admin1"),
    ("admin2", "admin2"),
    ("admin3", "admin3"),
    ("location", "name"),
    ("latitude", "latitude"),
    ("longitude", "longitude"),
    ("geo_precision", "geo_precision"),
)
_CIVILIAN_TARGETS = ("Attack", "Abduction/forced disappearance", "Sexual violence")
_CROWDS = ("Protests", "Riots")


@dataclass
class _Draft:
    """The event being built: the fields filled so far and their evidence, in order.

    text (str): the article text; doc_id (str): its id.
    main_span (Span): the sentence of the group's main mention (the default evidence).
    """

    text: str
    doc_id: str
    main_span: Span
    fields: dict[str, object] = field(default_factory=dict)
    evidence: list[Evidence] = field(default_factory=list)

    def cite(self, name: str, span: Span) -> None:
        """Add the evidence (the trimmed sentence `span`) of field `name`."""
        self.evidence.append(_evidence(name, self.text, self.doc_id, span))

    def fill(self, name: str, value: object, span: Span) -> None:
        """Set field `name` and cite its sentence."""
        self.fields[name] = value
        self.cite(name, span)


@dataclass
class _Tally:
    """The casualty figures an event keeps, with the sentence each came from and whether it
    may still be replaced by a later, larger figure (`loose`: a vague or derived count)."""

    total: Casualties = field(default_factory=Casualties)
    span: dict[str, Span] = field(default_factory=dict)
    loose: dict[str, bool] = field(default_factory=dict)


def _nearest_casualties(m: EventMention, siblings: list[EventMention]) -> list[CasualtyMention]:
    """The casualty counts of a sentence that belong to this mention's trigger (the nearest)."""
    triggers = {(x.trigger.start, x.trigger.end) for x in siblings}
    if len(triggers) <= 1:
        return m.casualties
    out = []
    for c in m.casualties:
        nearest = min(triggers, key=lambda t: min(abs(c.start - t[1]), abs(t[0] - c.end)))
        if nearest == (m.trigger.start, m.trigger.end):
            out.append(c)
    return out


def _split(c: Casualties, n: int) -> Casualties:
    if n <= 1:
        return c

    def part(v: int | None) -> int | None:
        return None if v is None else v // n

    return Casualties(
        part(c.fatalities),
        part(c.fatalities_min),
        part(c.fatalities_max),
        part(c.injuries),
        part(c.civilians),
        part(c.children),
        part(c.women),
        part(c.combatants),
    )


def _evidence(
    field_name: str, text: str, doc_id: str, span: tuple[int, int], note: str | None = None
) -> Evidence:
    start, end = trimmed_span(text, *span)
    return Evidence(
        field=field_name, text=text[start:end], doc_id=doc_id, start=start, end=end, note=note
    )


def build_event(
    g: Group,
    index: int,
    document: Document,
    siblings: dict[tuple[int, int], list[EventMention]],
    claims: ClaimContext,
) -> Event:
    """Build the `Event` record of one group.

    g (Group): the merged mentions.
    index (int): the event's number in the document (for its id).
    document (Document): the article.
    siblings (dict): mentions per sentence span (to share casualty counts between triggers).
    claims (ClaimContext): the document's claims, places and paragraphs.
    RETURNS (Event): the event with evidence for every field it fills.
    """
    main = min(g.mentions, key=lambda m: (m.place_inherited, m.date is None, m.order))
    draft = _Draft(document.text, document.id, (main.sent_start, main.sent_end))
    _cite_type(draft, g)
    _fill_place(draft, g)
    _fill_date(draft, g)
    country = _fill_country(draft, g.place)
    side1, side2 = _sides(draft, g, main, country)
    _fill_actors(draft, side1, side2)
    tally = _tally(g, siblings)
    _fill_casualties(draft, g, tally, country)
    victims = _victims(draft, tally)
    weapons = _weapons(draft, g)
    key = f"{document.id}|{index}|{place_key(g.place)}|{g.event_date}|{g.sub_event_type}"
    event = Event(
        event_id=hashlib.sha256(key.encode("utf-8")).hexdigest()[:16],
        doc_ids=[document.id],
        doc_refs=[document.ref] if document.ref else [],
        event_type=EVENT_TYPE_OF[g.sub_event_type],
        sub_event_type=g.sub_event_type,
        victims=victims,
        weapons=weapons,
        evidence=draft.evidence,
        **draft.fields,  # type: ignore[arg-type]
    )
    add_claims(event, _group_spans(g), document, claims)
    event.notes = make_notes(event)
    if event.notes:
        event.evidence.append(_evidence("notes", draft.text, draft.doc_id, draft.main_span))
    return event


def _cite_type(draft: _Draft, g: Group) -> None:
    """Cite each sentence of the group once for the event and sub-event types, with what the
    sub-event classifier said of it (field "classifier": the sentence it classified, its label
    and probability in `note`)."""
    for m in sorted(g.mentions, key=lambda m: m.order):
        span = (m.sent_start, m.sent_end)
        if all((e.start, e.end) != span for e in draft.evidence if e.field == "sub_event_type"):
            draft.cite("event_type", span)
            draft.cite("sub_event_type", span)
            if m.trigger.model_note:
                note = m.trigger.model_note
                draft.evidence.append(_evidence("classifier", draft.text, draft.doc_id, span, note))


def _fill_place(draft: _Draft, g: Group) -> None:
    """The place fields, cited by the first sentence naming the place itself (not inheriting
    it), else the main sentence."""
    place = g.place
    if place is None:
        return
    span = next(
        (
            (m.sent_start, m.sent_end)
            for m in g.mentions
            if m.place is place and not m.place_inherited
        ),
        draft.main_span,
    )
    for name, attr in _PLACE_FIELDS:
        value = getattr(place, attr)
        if name == "country":
            value = acled_country(value)  # the geocoder may give an ISO code ("NG")
        if value is not None:
            draft.fill(name, value, span)


def _fill_date(draft: _Draft, g: Group) -> None:
    """The event date and its precision, cited by the sentence the date came from."""
    if g.event_date is None:
        return
    span = g.date_span or draft.main_span
    draft.fill("event_date", g.event_date, span)
    draft.fill("time_precision", g.time_precision, span)


def _fill_country(draft: _Draft, place: Place | None) -> str | None:
    """The country generic actors are named after ("Civilians (Kenya)"): the one the article is
    about, else the place's; an event without a place takes the article's as its country.

    RETURNS (str | None): that country.
    """
    detected = detect_country(draft.text)
    if place is None and detected is not None:
        draft.fill("country", detected, draft.main_span)
    return detected or (acled_country(place.country) if place is not None else None)


def _sides(draft: _Draft, g: Group, main: EventMention, country: str | None) -> tuple[Side, Side]:
    """The two sides of the event, each a list of actors with the sentence naming them (the
    first is the actor, the others its associates); may retype `g.sub_event_type`."""
    side1, side2 = _named_sides(draft.text, g)
    if not side1:
        side1 = _default_side1(g, side2)
    if not side2:
        side2 = _default_side2(draft.text, g, main, country)
    side1, side2 = _crowd_sides(draft, g, side1, side2, country)
    sub = _retype(g.sub_event_type, side1, side2, all(m.trigger.generic for m in g.mentions))
    if sub != g.sub_event_type:
        g.sub_event_type = sub
    if EVENT_TYPE_OF[sub] == "Battles":
        # ACLED's battles are between armed sides; civilians caught in them are not a side.
        side2 = [(a, s) for a, s in side2 if a.kind != "civilians"]
    return _unnamed(draft.main_span, g, side1, side2, country)


def _named_sides(text: str, g: Group) -> tuple[Side, Side]:
    """The actors the group's sentences name on each side, those at the event's own place
    first; an actor named on both sides stays on side 1."""
    place = g.place
    ordered = sorted(g.mentions, key=lambda m: (m.place_inherited or m.place is not place, m.order))
    side1 = _actors(ordered, 1, fine_only=place)
    side2 = _actors(ordered, 2, fine_only=place)
    if g.sub_event_type in _BOMBINGS:
        # Bombers are rarely named in the bombing's sentence: the armed actors there are its
        # targets ("a car bomb at an opposition checkpoint", "FSA fighters among the dead").
        # Only one marked as the agent counts ("by X", "an IS suicide bomber", "X detonated").
        side1 = [(a, s) for a, s in side1 if _bomber(text, a, s, g)]
    values1 = {a.value for a, _ in side1}
    return side1, [(a, s) for a, s in side2 if a.value not in values1]


def _default_side1(g: Group, side2: Side) -> Side:
    """Side 1 when no sentence names it: the perpetrator a weapon implies, else (not for a
    bombing) the actor the surrounding text is about, unless it is side 2."""
    implied = _implied_actor(g)
    if implied is not None:
        return [implied]
    if (
        g.sub_event_type not in _BOMBINGS
        and g.context_actor is not None
        and g.context_actor[0].value not in {a.value for a, _ in side2}
    ):
        return [g.context_actor]
    return []


def _default_side2(text: str, g: Group, main: EventMention, country: str | None) -> Side:
    """Side 2 when no sentence names it: civilians for an attack (or a bombing of civilians);
    the government for a territory taken from "government-held" hands."""
    main_span = (main.sent_start, main.sent_end)
    if g.sub_event_type in _CIVILIAN_TARGETS:
        return [(_civilians(country), main_span)]
    if EVENT_TYPE_OF[g.sub_event_type] == "Explosions/Remote violence":
        civ_span = next(((m.sent_start, m.sent_end) for m in g.mentions if m.civilian_target), None)
        civ_span = civ_span or g.civilian_ref
        return [] if civ_span is None else [(_civilians(country), civ_span)]
    if g.sub_event_type == "Non-state actor overtakes territory":
        if _STATE_HELD.search(text, main.trigger.start, main.sent_end):
            from sitrep.extract.actors import find_actors_in_text

            found = find_actors_in_text("government forces", country=country)
            state = [a for a in found if a.inter == 1]
            if state:
                return [(state[0], main_span)]
    return []


def _crowd_sides(
    draft: _Draft, g: Group, side1: Side, side2: Side, country: str | None
) -> tuple[Side, Side]:
    """Protests and riots: the crowd (protesters, rioters, and the groups they are: ACLED's
    "Journalists (Kenya)") is side 1; the forces that intervene are side 2."""
    kind = EVENT_TYPE_OF[g.sub_event_type]
    if kind not in _CROWDS:
        return side1, side2
    if not any(a.inter in (5, 6) for a, _ in side1 + side2):
        # No crowd named ("migrant workers staged a protest"): the protesters themselves.
        side1 = side1 + [(_crowd_of(kind, country), draft.main_span)]
    crowd = [(a, s) for a, s in side1 + side2 if a.inter in (5, 6)]
    others = [(a, s) for a, s in side1 + side2 if a.inter not in (5, 6, 7)]
    if crowd and kind == "Riots":
        # A violent demonstration's crowd are rioters ("Rioters (India)").
        crowd = [(_as_rioters(a), s) for a, s in crowd]
    if not crowd:
        return side1, side2
    return crowd + _social_side(draft.text, g, crowd, country), others


def _crowd_of(kind: str, country: str | None) -> Mention:
    """The generic crowd of a protest ("Protesters (Kenya)") or riot ("Rioters (Kenya)")."""
    label = "Protesters" if kind == "Protests" else "Rioters"
    return Mention(
        label,
        0,
        0,
        f"{label} ({country or 'International'})",
        kind="other",
        inter=6 if label == "Protesters" else 5,
    )


def _as_rioters(a: Mention) -> Mention:
    """Protesters who riot are rioters ("Protesters (India)" -> "Rioters (India)")."""
    if not a.value.startswith("Protesters ("):
        return a
    return Mention(a.text, a.start, a.end, "Rioters" + a.value[10:], kind=a.kind, inter=5)


def _social_side(text: str, g: Group, crowd: Side, country: str | None) -> Side:
    """The social groups the crowd's sentences name ("journalists"), not yet on its side."""
    seen = {a.value for a, _ in crowd}
    out: Side = []
    for span in sorted({(m.sent_start, m.sent_end) for m in g.mentions}):
        for name in find_social_groups(text[span[0] : span[1]], country):
            if name not in seen:
                seen.add(name)
                out.append((Mention(name, 0, 0, name, kind="other", inter=None), span))
    return out


def _unnamed(
    main_span: Span, g: Group, side1: Side, side2: Side, country: str | None
) -> tuple[Side, Side]:
    """Sides the text leaves unnamed: ACLED's "Unidentified Armed Group (X)", a front's sides;
    the state goes first where ACLED puts it first."""
    sub = g.sub_event_type
    if state_first(sub, [a for a, _ in side1], [a for a, _ in side2], country):
        side1, side2 = side2, side1
    new1, new2 = unnamed_sides(
        sub, [a for a, _ in side1], [a for a, _ in side2], country, g.event_date
    )
    if new1 is not None:
        side1 = [(new1, side1[0][1] if side1 else main_span)] + side1[1:]
    if new2 is not None:
        side2 = [(new2, main_span)] + side2
    return side1, side2


def _fill_actors(draft: _Draft, side1: Side, side2: Side) -> None:
    """actor1/2, inter1/2, assoc_actor_1/2 and interaction from the two sides."""
    for n, side in ((1, side1), (2, side2)):
        if not side:
            continue
        first, span = side[0]
        draft.fill(f"actor{n}", first.value, span)
        if first.inter is not None:
            draft.fill(f"inter{n}", first.inter, span)
        assoc = [a for a, _ in side[1:] if a.value != first.value]
        if assoc:
            names = "; ".join(dict.fromkeys(a.value for a in assoc))
            draft.fill(f"assoc_actor_{n}", names, side[1][1])
    i1, i2 = draft.fields.get("inter1"), draft.fields.get("inter2")
    if isinstance(i1, int):
        value = int(f"{min(i1, i2)}{max(i1, i2)}") if isinstance(i2, int) else i1 * 10
        draft.fill("interaction", value, draft.main_span)


def _tally(g: Group, siblings: dict[Span, list[EventMention]]) -> _Tally:
    """Casualties: the figures the event is first told with (a lede states the event's toll;
    later sentences add background: "since Saturday 68 have been killed", "in May more than
    60 were killed"). A later, larger figure replaces them only when it updates the toll
    ("the death toll rose to 13") or when the first was a vague quantity ("dozens")."""
    sources: list[tuple[list[CasualtyMention], Span, int]] = [
        (
            _nearest_casualties(m, siblings.get((m.sent_start, m.sent_end), [m])),
            (m.sent_start, m.sent_end),
            m.coordinated,
        )
        for m in g.mentions
    ] + [(c, span, 1) for c, span in g.extra_casualties]
    tally = _Tally()
    for cas, span, n in sorted(sources, key=lambda x: x[1]):
        if cas:
            _add_figures(tally, cas, span, n)
    return tally


def _add_figures(tally: _Tally, cas: list[CasualtyMention], span: Span, n: int) -> None:
    """Add one sentence's casualty counts (shared by `n` coordinated events) to the tally."""
    part = _split(sum_casualties(cas), n)
    update = any(_UPDATE.search(c.text) for c in cas)
    vague = all(is_vague(c) for c in cas if c.kind == "killed")
    # Civilians counted only from their children and women ("15 killed including 4
    # children" gives 4): a later civilian count may replace them.
    derived = not any(c.category == "civilians" for c in cas if c.kind == "killed")
    total = tally.total
    for name in _FIGURES:
        new = getattr(part, name)
        old = getattr(total, name)
        if new is None:
            continue
        if (
            name in _VICTIM_FIGURES
            and total.fatalities is not None
            and tally.span["fatalities"] != span
            and not (update or tally.loose["fatalities"])
            and new > total.fatalities
        ):
            continue  # more victims of one kind than the toll first given: background
        if old is None or (new > old and (update or tally.loose[name] or tally.span[name] == span)):
            setattr(total, name, new)
            tally.span[name] = span
            tally.loose[name] = vague or (name == "civilians" and derived)


def _fill_casualties(draft: _Draft, g: Group, tally: _Tally, country: str | None) -> None:
    """The toll fields; people killed by a bomb, a strike or gas with no armed victim named
    are civilians (actor2)."""
    total = tally.total
    for name in _TOLL_FIGURES:
        if getattr(total, name) is not None:
            draft.fill(name, getattr(total, name), tally.span[name])
    fields = draft.fields
    if (
        EVENT_TYPE_OF[g.sub_event_type] == "Explosions/Remote violence"
        and "actor2" not in fields
        and total.fatalities
        and total.combatants is None
    ):
        fields["actor2"], fields["inter2"] = _civilians(country).value, 7
        i1 = fields.get("inter1")
        fields["interaction"] = int(f"{min(i1, 7)}{max(i1, 7)}") if isinstance(i1, int) else 70
        names = ("actor2", "inter2") if isinstance(i1, int) else ("actor2", "inter2", "interaction")
        for name in names:
            draft.cite(name, tally.span["fatalities"])


def _victims(draft: _Draft, tally: _Tally) -> Victims:
    """Who the dead were, cited by the sentence of the first kind counted."""
    total = tally.total
    victims = Victims(
        civilians=total.civilians,
        children=total.children,
        women=total.women,
        combatants=total.combatants,
    )
    for name in _VICTIM_FIGURES:
        if getattr(victims, name) is not None:
            draft.cite("victims", tally.span[name])
            break
    return victims


def _weapons(draft: _Draft, g: Group) -> list[str]:
    """The weapons named in the group's sentences and beside them (platforms are not
    weapons), each cited once."""
    weapons: list[str] = []
    found = [(w, (m.sent_start, m.sent_end)) for m in g.mentions for w in m.weapons]
    for w, span in found + g.extra_weapons:
        if w.kind != "platform" and w.value not in weapons:
            weapons.append(w.value)
            draft.cite("weapons", span)
    return weapons


def _group_spans(g: Group) -> set[Span]:
    """Every sentence the group's fields came from (for the claims behind them)."""
    spans = {(m.sent_start, m.sent_end) for m in g.mentions}
    return spans | {span for _, span in g.extra_weapons} | {span for _, span in g.extra_casualties}


_STATE_KINDS = frozenset({"syrian_government_or_russia"})
_AIR_ONLY = re.compile(r"coalition|Military Forces of (?:Russia|the United States)", re.I)


def _retype(
    sub: str,
    side1: list[tuple[Mention, tuple[int, int]]],
    side2: list[tuple[Mention, tuple[int, int]]],
    generic: bool = False,
) -> str:
    """Adjust the sub-event type once the actors are known: who takes territory decides
    between "Government regains" and "Non-state actor overtakes"; an "attack" on an armed
    actor is an armed clash; a generic "attack" by the coalition or Russia is an air strike."""
    a1 = side1[0][0] if side1 else None
    a2 = side2[0][0] if side2 else None
    if (
        generic
        and a1 is not None
        and sub in ("Attack", "Armed clash")
        and _AIR_ONLY.search(a1.value)
    ):
        # The coalition and Russia fight in Syria from the air: their "attacks" are strikes.
        return "Air/drone strike"
    if sub in ("Non-state actor overtakes territory", "Government regains territory") and a1:
        state = a1.inter == 1 or a1.kind in _STATE_KINDS
        return "Government regains territory" if state else "Non-state actor overtakes territory"
    if (
        sub == "Attack"
        and a2 is not None
        and a2.inter in (1, 2, 3, 4, 8)
        and a2.kind != "civilians"
    ):
        return "Armed clash"
    return sub


def _actors(
    mentions: list[EventMention], side: int, fine_only: Place | None
) -> list[tuple[Mention, tuple[int, int]]]:
    out: list[tuple[Mention, tuple[int, int]]] = []
    seen: set[str] = set()
    own = [m for m in mentions if not m.place_inherited and m.place is fine_only]
    for pool in (own, mentions):
        for m in pool:
            for a in m.actors1 if side == 1 else m.actors2:
                if a.value not in seen:
                    seen.add(a.value)
                    out.append((a, (m.sent_start, m.sent_end)))
        if out:
            break
    return out


_BOMBINGS = frozenset({"Suicide bomb", "Remote explosive/landmine/IED"})
_BOMBER_VERB = re.compile(
    r"\s+(?:[\w'’-]+\s+){0,2}?(?:detonat\w*|blew|blown|planted|set off|sent|claimed|"
    r"carried out|launched|used|attacked|targeted|struck|hit)\b",
    re.I,
)


def _bomber(text: str, actor: Mention, span: tuple[int, int], g: Group) -> bool:
    """Whether the text marks an actor as the one who set off a bomb: the agent after "by"
    ("killed by an IS suicide bomber"), the modifier of the trigger ("an IS car bomb"), or the
    subject of detonating, planting or claiming it."""
    from sitrep.extract.segment import agent_before

    if agent_before(text[max(span[0], actor.start - 40) : actor.start]):
        return True
    if any(0 <= m.trigger.start - actor.end <= 12 for m in g.mentions):
        return True
    return bool(_BOMBER_VERB.match(text, actor.end, min(span[1], actor.end + 40)))


def _implied_actor(g: Group) -> tuple[Mention, tuple[int, int]] | None:
    """The perpetrator a weapon implies ("barrel bombs", "regime helicopters")."""
    from sitrep.extract.actors import lookup_actor

    for m in g.mentions:
        for w in m.weapons:
            name = w.attrs.get("implies_actor")
            if name:
                info = lookup_actor(name)
                mention = Mention(
                    w.text,
                    w.start,
                    w.end,
                    name,
                    kind=info.kind if info else "",
                    inter=info.inter if info else None,
                )
                return mention, (m.sent_start, m.sent_end)
    return None


def _civilians(country: str | None) -> Mention:
    return Mention(
        "civilians", 0, 0, f"Civilians ({country or 'Syria'})", kind="civilians", inter=7
    )

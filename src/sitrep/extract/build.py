"""Build the `Event` record of one group of mentions: ACLED fields, actors, casualties,
weapons, notes and the evidence (sentence and offsets) of every field it fills.
"""

from __future__ import annotations

import hashlib
import re

from sitrep.extract.actors import state_first, unnamed_sides
from sitrep.extract.assemble import Group
from sitrep.extract.attribution import ClaimContext, add_claims, trimmed_span
from sitrep.extract.casualties import Casualties, CasualtyMention, is_vague, sum_casualties
from sitrep.extract.countries import detect_country
from sitrep.extract.events import EVENT_TYPE_OF, EventMention, place_key
from sitrep.extract.mentions import Mention
from sitrep.extract.notes import make_notes
from sitrep.extract.social import find_social_groups
from sitrep.records import Document, Event, Evidence, Place, Victims

__all__ = ["build_event"]

_UPDATE = re.compile(r"\btoll\b|\b(?:rose|risen|rises|rising|climbed|raised)\b", re.I)
_STATE_HELD = re.compile(
    r"\b(?:government|regime|army)(?:[-‐ ](?:held|controlled))?(?:['’]s)?\b", re.I
)


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


def _max(a: int | None, b: int | None) -> int | None:
    if a is None:
        return b
    if b is None:
        return a
    return max(a, b)


def _evidence(field_name: str, text: str, doc_id: str, span: tuple[int, int]) -> Evidence:
    start, end = trimmed_span(text, *span)
    return Evidence(field=field_name, text=text[start:end], doc_id=doc_id, start=start, end=end)


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
    text, doc_id = document.text, document.id
    ev: list[Evidence] = []
    main = min(g.mentions, key=lambda m: (m.place_inherited, m.date is None, m.order))
    main_span = (main.sent_start, main.sent_end)
    for m in sorted(g.mentions, key=lambda m: m.order):
        span = (m.sent_start, m.sent_end)
        if all((e.start, e.end) != span for e in ev if e.field == "sub_event_type"):
            ev.append(_evidence("event_type", text, doc_id, span))
            ev.append(_evidence("sub_event_type", text, doc_id, span))
    fields: dict[str, object] = {}
    # Place.
    place = g.place
    if place is not None:
        pspan = next(
            (
                (m.sent_start, m.sent_end)
                for m in g.mentions
                if m.place is place and not m.place_inherited
            ),
            main_span,
        )
        for name, value in (
            ("country", place.country),
            ("admin1", place.admin1),
            ("admin2", place.admin2),
            ("admin3", place.admin3),
            ("location", place.name),
            ("latitude", place.latitude),
            ("longitude", place.longitude),
            ("geo_precision", place.geo_precision),
        ):
            if value is not None:
                fields[name] = value
                ev.append(_evidence(name, text, doc_id, pspan))
    # Date.
    if g.event_date is not None:
        fields["event_date"] = g.event_date
        fields["time_precision"] = g.time_precision
        span = g.date_span or main_span
        ev.append(_evidence("event_date", text, doc_id, span))
        ev.append(_evidence("time_precision", text, doc_id, span))
    # Actors: the mentions at the event's own place first.
    ordered = sorted(g.mentions, key=lambda m: (m.place_inherited or m.place is not place, m.order))
    side1 = _actors(ordered, 1, fine_only=place)
    side2 = _actors(ordered, 2, fine_only=place)
    bombing = g.sub_event_type in _BOMBINGS
    if bombing:
        # Bombers are rarely named in the bombing's sentence: the armed actors there are its
        # targets ("a car bomb at an opposition checkpoint", "FSA fighters among the dead").
        # Only one marked as the agent counts ("by X", "an IS suicide bomber", "X detonated").
        side1 = [(a, s) for a, s in side1 if _bomber(text, a, s, g)]
    values1 = {a.value for a, _ in side1}
    side2 = [(a, s) for a, s in side2 if a.value not in values1]
    if not side1:
        implied = _implied_actor(g)
        if implied is not None:
            side1 = [implied]
        elif (
            not bombing
            and g.context_actor is not None
            and g.context_actor[0].value not in {a.value for a, _ in side2}
        ):
            side1 = [g.context_actor]
    # The country the article is about names generic actors ("Civilians (Kenya)"); the
    # place's country only when the text names none.
    detected = detect_country(text)
    country = detected or (place.country if place is not None and place.country else None)
    if place is None and detected is not None:
        fields["country"] = detected
        ev.append(_evidence("country", text, doc_id, main_span))
    if not side2 and g.sub_event_type in (
        "Attack",
        "Abduction/forced disappearance",
        "Sexual violence",
    ):
        side2 = [(_civilians(country), main_span)]
    elif not side2 and EVENT_TYPE_OF[g.sub_event_type] == "Explosions/Remote violence":
        civ_span = next(((m.sent_start, m.sent_end) for m in g.mentions if m.civilian_target), None)
        civ_span = civ_span or g.civilian_ref
        if civ_span is not None:
            side2 = [(_civilians(country), civ_span)]
    if not side2 and g.sub_event_type == "Non-state actor overtakes territory":
        held = _STATE_HELD.search(text, main.trigger.start, main.sent_end)
        if held:
            from sitrep.extract.actors import find_actors_in_text

            state = [
                a for a in find_actors_in_text("government forces", country=country) if a.inter == 1
            ]
            if state:
                side2 = [(state[0], main_span)]
    if EVENT_TYPE_OF[g.sub_event_type] in ("Protests", "Riots") and not any(
        a.inter in (5, 6) for a, _ in side1 + side2
    ):
        # No crowd named ("migrant workers staged a protest"): the protesters themselves.
        label = "Protesters" if EVENT_TYPE_OF[g.sub_event_type] == "Protests" else "Rioters"
        side1 = side1 + [
            (
                Mention(
                    label,
                    0,
                    0,
                    f"{label} ({country or 'International'})",
                    kind="other",
                    inter=6 if label == "Protesters" else 5,
                ),
                main_span,
            )
        ]
    if EVENT_TYPE_OF[g.sub_event_type] in ("Protests", "Riots"):
        # Protesters (or rioters) are actor1; the forces that intervene are actor2.
        # Journalists, farmers or residents who protest are the crowd, not its target: ACLED
        # names them as the crowd's associates ("Journalists (Kenya)").
        crowd = [(a, s) for a, s in side1 + side2 if a.inter in (5, 6)]
        others = [(a, s) for a, s in side1 + side2 if a.inter not in (5, 6, 7)]
        if crowd and EVENT_TYPE_OF[g.sub_event_type] == "Riots":
            # A violent demonstration's crowd are rioters ("Rioters (India)").
            crowd = [
                (
                    Mention(a.text, a.start, a.end, "Rioters" + a.value[10:], kind=a.kind, inter=5)
                    if a.value.startswith("Protesters (")
                    else a,
                    s,
                )
                for a, s in crowd
            ]
        if crowd:
            side1, side2 = crowd, others
            seen = {a.value for a, _ in side1}
            for span in sorted({(m.sent_start, m.sent_end) for m in g.mentions}):
                for name in find_social_groups(text[span[0] : span[1]], country):
                    if name not in seen:
                        seen.add(name)
                        side1.append((Mention(name, 0, 0, name, kind="other", inter=None), span))
    sub = _retype(g.sub_event_type, side1, side2, all(m.trigger.generic for m in g.mentions))
    if sub != g.sub_event_type:
        g.sub_event_type = sub
    if EVENT_TYPE_OF[sub] == "Battles":
        # ACLED's battles are between armed sides; civilians caught in them are not a side.
        side2 = [(a, s) for a, s in side2 if a.kind != "civilians"]
    # Sides the text leaves unnamed: ACLED's "Unidentified Armed Group (X)", a front's sides.
    if state_first(sub, [a for a, _ in side1], [a for a, _ in side2], country):
        side1, side2 = side2, side1
    new1, new2 = unnamed_sides(
        sub, [a for a, _ in side1], [a for a, _ in side2], country, g.event_date
    )
    if new1 is not None:
        side1 = [(new1, side1[0][1] if side1 else main_span)] + side1[1:]
    if new2 is not None:
        side2 = [(new2, main_span)] + side2
    for n, side in ((1, side1), (2, side2)):
        if not side:
            continue
        first, span = side[0]
        fields[f"actor{n}"] = first.value
        ev.append(_evidence(f"actor{n}", text, doc_id, span))
        if first.inter is not None:
            fields[f"inter{n}"] = first.inter
            ev.append(_evidence(f"inter{n}", text, doc_id, span))
        assoc = [a for a, _ in side[1:] if a.value != first.value]
        if assoc:
            fields[f"assoc_actor_{n}"] = "; ".join(dict.fromkeys(a.value for a in assoc))
            ev.append(_evidence(f"assoc_actor_{n}", text, doc_id, side[1][1]))
    i1, i2 = fields.get("inter1"), fields.get("inter2")
    if isinstance(i1, int):
        fields["interaction"] = (
            int(f"{min(i1, i2)}{max(i1, i2)}") if isinstance(i2, int) else i1 * 10
        )
        ev.append(_evidence("interaction", text, doc_id, main_span))
    # Casualties: the figures the event is first told with (a lede states the event's toll;
    # later sentences add background: "since Saturday 68 have been killed", "in May more than
    # 60 were killed"). A later, larger figure replaces them only when it updates the toll
    # ("the death toll rose to 13") or when the first was a vague quantity ("dozens").
    total = Casualties()
    cas_span: dict[str, tuple[int, int]] = {}
    loose: dict[str, bool] = {}
    sources: list[tuple[list[CasualtyMention], tuple[int, int], int]] = [
        (
            _nearest_casualties(m, siblings.get((m.sent_start, m.sent_end), [m])),
            (m.sent_start, m.sent_end),
            m.coordinated,
        )
        for m in g.mentions
    ] + [(c, span, 1) for c, span in g.extra_casualties]
    for cas, span, n in sorted(sources, key=lambda x: x[1]):
        if not cas:
            continue
        part = _split(sum_casualties(cas), n)
        update = any(_UPDATE.search(c.text) for c in cas)
        vague = all(is_vague(c) for c in cas if c.kind == "killed")
        # Civilians counted only from their children and women ("15 killed including 4
        # children" gives 4): a later civilian count may replace them.
        derived = not any(c.category == "civilians" for c in cas if c.kind == "killed")
        for name in (
            "fatalities",
            "fatalities_min",
            "fatalities_max",
            "injuries",
            "civilians",
            "children",
            "women",
            "combatants",
        ):
            new = getattr(part, name)
            old = getattr(total, name)
            if new is None:
                continue
            if (
                name in ("civilians", "children", "women", "combatants")
                and total.fatalities is not None
                and cas_span["fatalities"] != span
                and not (update or loose["fatalities"])
                and new > total.fatalities
            ):
                continue  # more victims of one kind than the toll first given: background
            if old is None or (new > old and (update or loose[name] or cas_span[name] == span)):
                setattr(total, name, new)
                cas_span[name] = span
                loose[name] = vague or (name == "civilians" and derived)
    for name in ("fatalities", "fatalities_min", "fatalities_max", "injuries"):
        if getattr(total, name) is not None:
            fields[name] = getattr(total, name)
            ev.append(_evidence(name, text, doc_id, cas_span[name]))
    if (
        EVENT_TYPE_OF[g.sub_event_type] == "Explosions/Remote violence"
        and "actor2" not in fields
        and total.fatalities
        and total.combatants is None
    ):
        # People killed by a bomb, a strike or gas with no armed victim named: civilians.
        fields["actor2"], fields["inter2"] = _civilians(country).value, 7
        i1 = fields.get("inter1")
        fields["interaction"] = int(f"{min(i1, 7)}{max(i1, 7)}") if isinstance(i1, int) else 70
        names = ("actor2", "inter2") if isinstance(i1, int) else ("actor2", "inter2", "interaction")
        for name in names:
            ev.append(_evidence(name, text, doc_id, cas_span["fatalities"]))
    victims = Victims(
        civilians=total.civilians,
        children=total.children,
        women=total.women,
        combatants=total.combatants,
    )
    for name in ("civilians", "children", "women", "combatants"):
        if getattr(victims, name) is not None:
            ev.append(_evidence("victims", text, doc_id, cas_span[name]))
            break
    # Weapons.
    weapons: list[str] = []
    for m in g.mentions:
        for w in m.weapons:
            if w.kind != "platform" and w.value not in weapons:
                weapons.append(w.value)
                ev.append(_evidence("weapons", text, doc_id, (m.sent_start, m.sent_end)))
    for w, span in g.extra_weapons:
        if w.kind != "platform" and w.value not in weapons:
            weapons.append(w.value)
            ev.append(_evidence("weapons", text, doc_id, span))
    key = f"{doc_id}|{index}|{place_key(place)}|{g.event_date}|{g.sub_event_type}"
    event = Event(
        event_id=hashlib.sha256(key.encode("utf-8")).hexdigest()[:16],
        doc_ids=[doc_id],
        doc_refs=[document.ref] if document.ref else [],
        event_type=EVENT_TYPE_OF[g.sub_event_type],
        sub_event_type=g.sub_event_type,
        victims=victims,
        weapons=weapons,
        evidence=ev,
        **fields,  # type: ignore[arg-type]
    )
    spans = {(m.sent_start, m.sent_end) for m in g.mentions}
    spans |= {span for _, span in g.extra_weapons} | {span for _, span in g.extra_casualties}
    add_claims(event, spans, document, claims)
    event.notes = make_notes(event)
    if event.notes:
        event.evidence.append(_evidence("notes", text, doc_id, main_span))
    return event


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

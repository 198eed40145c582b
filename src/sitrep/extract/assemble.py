"""Merge event mentions into ACLED-style `Event` records, with their evidence and notes.

Merging (docs/extraction.md): mentions with the same sub-event type, place and day are one
event; a mention with no date of its own joins the event of the same type at the same place;
a mention placed only at a coarser level (the city, the governorate) or not placed at all
joins a finer event of the same type in the same governorate; headline lines only ever join.
What is left becomes its own event, dated by the nearest preceding dated sentence of its
paragraph, else the publication date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from sitrep.extract.casualties import CasualtyMention
from sitrep.extract.events import EVENT_TYPE_OF, EventMention, place_key, place_rank
from sitrep.extract.lexicon import load_thresholds
from sitrep.extract.mentions import Mention
from sitrep.extract.segment import SentenceInfo
from sitrep.geo.distance import haversine_km
from sitrep.records import Event, Place

_VIOLENT = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})

__all__ = ["Group", "group_mentions", "fill_opponents"]


@dataclass
class Group:
    """The mentions of one event, and where its date came from."""

    sub_event_type: str
    place: Place | None
    mentions: list[EventMention] = field(default_factory=list)
    event_date: date | None = None
    time_precision: int | None = None
    date_span: tuple[int, int] | None = None
    extra_weapons: list[tuple[Mention, tuple[int, int]]] = field(default_factory=list)
    extra_casualties: list[tuple[list[CasualtyMention], tuple[int, int]]] = field(
        default_factory=list
    )
    civilian_ref: tuple[int, int] | None = None
    context_actor: tuple[Mention, tuple[int, int]] | None = None

    @property
    def first(self) -> int:
        return min(m.order for m in self.mentions)


def _headline(text: str, info: SentenceInfo) -> bool:
    """A headline or caption line: a short line of its own without final punctuation."""
    line_start = text.rfind("\n", 0, info.start) + 1
    line_end = text.find("\n", info.end)
    line = text[line_start : line_end if line_end >= 0 else len(text)].strip()
    return 0 < len(line) < 160 and line[-1] not in ".!?\"”'’)"


def _km(a: Place, b: Place) -> float | None:
    """The great-circle distance between two places, None when one has no coordinates."""
    if a.latitude is None or a.longitude is None or b.latitude is None or b.longitude is None:
        return None
    return haversine_km(a.latitude, a.longitude, b.latitude, b.longitude)


def _contains(coarse: Place | None, fine: Place | None) -> bool:
    """Whether `coarse` is a container of `fine` (a city of its neighbourhood, a governorate of
    its towns, a country of anything in it). No place contains everything."""
    if coarse is None:
        return True
    if fine is None:
        return False
    rc, rf = place_rank(coarse), place_rank(fine)
    if rc <= rf:
        return False
    if rc >= 4:
        return coarse.country is None or coarse.country == fine.country
    if rc >= 2:
        if coarse.admin1 and fine.admin1 and coarse.admin1 != fine.admin1:
            return False
        if rc == 2 and coarse.admin2 and fine.admin2:
            return coarse.admin2 == fine.admin2
        return True
    km = _km(coarse, fine)
    if km is not None:
        return km <= load_thresholds().merge_town_radius_km
    return bool(coarse.admin2 and coarse.admin2 == fine.admin2)


def _actors_compatible(m: EventMention, g: Group) -> int:
    """Score how well a mention's actors fit a group's (higher is better)."""
    score = 0
    a1 = {a.value for a in m.actors1}
    a2 = {a.value for a in m.actors2}
    g1 = {a.value for x in g.mentions for a in x.actors1}
    g2 = {a.value for x in g.mentions for a in x.actors2}
    score += len(a1 & g1) + len(a2 & g2)
    if a2 and (a2 & g1):
        score -= load_thresholds().merge_reversed_sides_penalty
    g_civ = any(x.civilian_target for x in g.mentions)
    if g_civ != m.civilian_target:
        score -= load_thresholds().merge_civilian_mismatch_penalty
    return score


def group_mentions(
    text: str,
    sentences: list[SentenceInfo],
    reference: date | None,
    places: list[Place] | None = None,
) -> list[Group]:
    """Merge the sentences' event mentions into groups, one per event.

    text (str): the document text.
    sentences (list[SentenceInfo]): the segmented document.
    reference (date | None): publication date (or dateline) for undated mentions.
    places (list[Place] | None): the document's places (for events no sentence places).
    RETURNS (list[Group]): events in order of first mention.
    """
    mentions = [m for s in sentences for m in s.mentions]
    multiline = len({s.paragraph for s in sentences}) > 1
    headline = {id(s) for s in sentences if multiline and _headline(text, s)}
    head = {id(m) for s in sentences if id(s) in headline for m in s.mentions}
    _place_unplaced(mentions, places)
    groups: list[Group] = []
    undated = _group_dated(mentions, head, groups)
    waiting = _join_same_place(undated, groups)
    coarse = _group_fine(waiting, head, groups, sentences, reference)
    _merge_coarse_groups(groups)
    _place_coarse(coarse, head, groups, sentences, reference)
    _protest_intervention(text, sentences, groups)
    _refine_country_level(groups, places or [])
    _absorb_generic(groups)
    _clash_absorbs_support(groups)
    _territory_absorbs_fighting(groups)
    _attach_extras(sentences, groups)
    _context_actors(text, sentences, groups)
    groups.sort(key=lambda g: g.first)
    return groups


def _place_unplaced(mentions: list[EventMention], places: list[Place] | None) -> None:
    """A mention without a place takes the place of the mention before it in its paragraph;
    still unplaced, the first place the article names (its dateline or headline place)."""
    last_place: dict[int, Place] = {}
    for m in mentions:
        if m.place is None and m.paragraph in last_place:
            m.place = last_place[m.paragraph]
            m.place_inherited = True
        elif m.place is not None:
            last_place[m.paragraph] = m.place
    first_place = next(
        (m.place for m in mentions if m.place is not None and not m.place_inherited), None
    )
    if first_place is None and places:
        first_place = next((p for p in places if place_rank(p) < 4), None)
    if first_place is not None:
        for m in mentions:
            if m.place is None:
                m.place = first_place
                m.place_inherited = True


def _new_group(groups: list[Group], m: EventMention) -> Group:
    """Start a group with mention `m` (appended to `groups`)."""
    g = Group(m.sub_event_type, m.place, [m])
    groups.append(g)
    return g


def _date_by(g: Group, m: EventMention) -> None:
    """Date a group by the date mention `m` states (if any)."""
    if m.date is None:
        return
    g.event_date, g.time_precision = m.date.value, m.date.precision
    g.date_span = (m.sent_start, m.sent_end)


def _same_place(groups: list[Group], m: EventMention) -> list[Group]:
    """The groups of m's sub-event type at m's place."""
    key = place_key(m.place)
    return [g for g in groups if g.sub_event_type == m.sub_event_type and place_key(g.place) == key]


def _group_dated(
    mentions: list[EventMention], head: set[int], groups: list[Group]
) -> list[EventMention]:
    """Pass A: dated body mentions define events (same type, place and day: one event).

    head (set[int]): ids of the headline mentions (they only ever join).
    RETURNS (list[EventMention]): the others, undated or in a headline.
    """
    undated: list[EventMention] = []
    for m in mentions:
        if m.date is None or m.date.value is None or id(m) in head:
            undated.append(m)
            continue
        match = next(
            (g for g in _same_place(groups, m) if g.event_date == m.date.value),
            None,
        )
        if match is None:
            _date_by(_new_group(groups, m), m)
        else:
            match.mentions.append(m)
    return undated


def _join_same_place(undated: list[EventMention], groups: list[Group]) -> list[EventMention]:
    """Pass B: undated mentions join the nearest told group of the same type at the same place.

    RETURNS (list[EventMention]): the mentions left waiting.
    """
    waiting: list[EventMention] = []
    for m in undated:
        same = _same_place(groups, m)
        if same and place_key(m.place) is not None:
            min(same, key=lambda g: abs(g.first - m.order)).mentions.append(m)
        else:
            waiting.append(m)
    return waiting


def _group_fine(
    waiting: list[EventMention],
    head: set[int],
    groups: list[Group],
    sentences: list[SentenceInfo],
    reference: date | None,
) -> list[EventMention]:
    """Fine-placed waiting body mentions become events (they may absorb coarse ones later).

    RETURNS (list[EventMention]): the coarse ones (unplaced, in a headline, or containing a
        finer event or waiting mention of their type).
    """
    coarse: list[EventMention] = []
    for m in waiting:
        finer_exists = any(
            g.sub_event_type == m.sub_event_type and _contains(m.place, g.place) for g in groups
        )
        finer_waiting = any(
            o is not m
            and o.sub_event_type == m.sub_event_type
            and _contains(m.place, o.place)
            and id(o) not in head
            for o in waiting
        )
        if m.place is None or finer_exists or finer_waiting or id(m) in head:
            coarse.append(m)
            continue
        same = _same_place(groups, m)
        if same:
            same[0].mentions.append(m)
            continue
        _inherit_date(_new_group(groups, m), m, sentences, reference)
    return coarse


def _merge_coarse_groups(groups: list[Group]) -> None:
    """Pass C: a dated event placed at a city joins the event at one of its neighbourhoods; one
    placed at a governorate or country joins only an unambiguous finer event (with several
    candidates, its own place may be one we could not read)."""
    for g in sorted(groups, key=lambda x: -(place_rank(x.place) if x.place else 9)):
        if g.place is None:
            continue
        finer = [
            h
            for h in groups
            if h is not g
            and h.sub_event_type == g.sub_event_type
            and _contains(g.place, h.place)
            and h.event_date == g.event_date
        ]
        if finer and (place_rank(g.place) == 1 or len(finer) == 1):
            target = max(finer, key=lambda h: (_actors_compatible(g.mentions[0], h), -h.first))
            target.mentions.extend(g.mentions)
            groups.remove(g)


def _place_coarse(
    coarse: list[EventMention],
    head: set[int],
    groups: list[Group],
    sentences: list[SentenceInfo],
    reference: date | None,
) -> None:
    """Coarse mentions join the best fitting finer event of their type (or one at their place);
    else an unplaced one joins the last unplaced event of its type; else a body mention
    becomes an event of its own (headline mentions only ever join)."""
    for m in coarse:
        finer = [
            h
            for h in groups
            if h.sub_event_type == m.sub_event_type
            and (_contains(m.place, h.place) or place_key(m.place) == place_key(h.place))
        ]
        if finer:
            target = max(finer, key=lambda h: (_actors_compatible(m, h), -abs(h.first - m.order)))
            target.mentions.append(m)
        elif id(m) not in head:
            same = [g for g in groups if g.sub_event_type == m.sub_event_type and g.place is None]
            if m.place is None and same:
                same[-1].mentions.append(m)
                continue
            g = _new_group(groups, m)
            if m.date is not None and m.date.value is not None:
                _date_by(g, m)
            else:
                _inherit_date(g, m, sentences, reference)


_CROWD_WORD = re.compile(
    r"\b(?:them|protesters|protestors|demonstrators|crowds?|participants|marchers)\b", re.I
)


def _protest_intervention(text: str, sentences: list[SentenceInfo], groups: list[Group]) -> None:
    """A peaceful protest whose next sentence tells the police dispersing or arresting the
    crowd ("Police dispersed them and arrested nearly 60") is a protest with intervention,
    and arrests told there are part of it."""
    from sitrep.extract.events import _PROTEST_INTERVENTION

    index = {(s.start, s.end): i for i, s in enumerate(sentences)}
    for g in groups:
        if g.sub_event_type != "Peaceful protest":
            continue
        for m in list(g.mentions):
            i = index.get((m.sent_start, m.sent_end))
            if i is None or i + 1 >= len(sentences):
                continue
            nxt = sentences[i + 1]
            if nxt.paragraph != m.paragraph:
                continue
            if not _PROTEST_INTERVENTION.search(text, nxt.start, nxt.end):
                continue
            # Only an intervention against this crowd: by the police, or on "them".
            if not (
                any(a.inter == 1 for a in nxt.actors)
                or _CROWD_WORD.search(text, nxt.start, nxt.end)
            ):
                continue
            g.sub_event_type = "Protest with intervention"
            for h in list(groups):
                if (
                    h is not g
                    and h.sub_event_type == "Arrests"
                    and all((x.sent_start, x.sent_end) == (nxt.start, nxt.end) for x in h.mentions)
                ):
                    g.mentions.extend(h.mentions)
                    groups.remove(h)
            break


def _own_dates(g: Group) -> set[date]:
    """The dates a group's own mentions state."""
    return {m.date.value for m in g.mentions if m.date is not None and m.date.value}


def _days_agree(own: set[date], h: Group) -> bool:
    """Whether `h` may be the event told with dates `own`: either is undated, or one of `own`
    is within a day of h's date."""
    return not own or h.event_date is None or any(abs((d - h.event_date).days) <= 1 for d in own)


def _join_nearest(g: Group, targets: list[Group], groups: list[Group]) -> None:
    """Move g's mentions into the target told nearest to it in the text; g is dropped."""
    target = min(targets, key=lambda h: abs(h.first - g.first))
    target.mentions.extend(g.mentions)
    groups.remove(g)


def _refine_country_level(groups: list[Group], places: list[Place]) -> None:
    """An event placed only at a country ("air raids kill 29 in north Syria") is the event of
    the same type the article places inside it (the nearest told, any day unless its own date
    differs by more than a day); with none, it takes the first place inside that country the
    article names, as a coder would."""
    for g in sorted(groups, key=lambda x: x.first):
        if g.place is None or place_rank(g.place) < 4:
            continue
        own = _own_dates(g)
        finer = [
            h
            for h in groups
            if h is not g
            and h.sub_event_type == g.sub_event_type
            and h.place is not None
            and place_rank(h.place) < 4
            and _contains(g.place, h.place)
            and _days_agree(own, h)
        ]
        if finer:
            _join_nearest(g, finer, groups)
            continue
        inside = next(
            (p for p in places if place_rank(p) < 4 and p.country and p.country == g.place.country),
            None,
        )
        if inside is not None:
            g.place = inside
            for m in g.mentions:
                m.place, m.place_inherited = inside, True


_SUPPORT_TYPES = frozenset({"Air/drone strike", "Shelling/artillery/missile attack"})
_TERRITORY_TYPES = frozenset(
    {"Government regains territory", "Non-state actor overtakes territory"}
)


def _territory_absorbs_fighting(groups: list[Group]) -> None:
    """A clash or strike told in the same sentence as a change of territory at the same place
    and day is the fighting that changed it: ACLED codes the one territory event ("regime
    forces captured Tell Adimah after clashes with IS, amid airstrikes")."""
    _absorb_told_with(groups, _TERRITORY_TYPES, _SUPPORT_TYPES | {"Armed clash"})


def _clash_absorbs_support(groups: list[Group]) -> None:
    """Air strikes and shelling told in the same sentence as ground fighting at the same place
    and day are part of that Armed clash, as ACLED codes them ("clashes, accompanied by
    shelling and Russian airstrikes", "QSD, supported by Coalition airstrikes, clashed with
    IS in Hajin"): one event, not three. Strikes told on their own, or aimed at civilians,
    stay events of their own."""
    _absorb_told_with(groups, frozenset({"Armed clash"}), _SUPPORT_TYPES)


def _absorb_told_with(groups: list[Group], kept: frozenset[str], absorbed: frozenset[str]) -> None:
    """Merge each group of an `absorbed` type into a group of a `kept` type at the same place
    and day whose sentences tell all of its mentions; groups aimed at civilians stay."""
    keepers = [g for g in groups if g.sub_event_type in kept and g.place is not None]
    for h in list(groups):
        if h.sub_event_type not in absorbed or h.place is None:
            continue
        if any(m.civilian_target for m in h.mentions):
            continue
        for g in keepers:
            if place_key(g.place) != place_key(h.place) or g.event_date != h.event_date:
                continue
            told = {(m.sent_start, m.sent_end) for m in g.mentions}
            if all((m.sent_start, m.sent_end) in told for m in h.mentions):
                g.mentions.extend(h.mentions)
                groups.remove(h)
                break


def _generic(g: Group) -> bool:
    return all(m.trigger.generic for m in g.mentions)


def _absorb_generic(groups: list[Group]) -> None:
    """An event told only with a generic word ("25 civilians have been killed") at the place
    of an event told with a specific one ("overnight airstrikes on Raqqa killed 25") is that
    event: it joins it, unless it states a date of its own more than a day apart."""
    for g in sorted(groups, key=lambda x: x.first):
        if not _generic(g) or EVENT_TYPE_OF[g.sub_event_type] not in _VIOLENT:
            continue
        own = _own_dates(g)
        candidates = [
            h
            for h in groups
            if h is not g
            and not _generic(h)
            and EVENT_TYPE_OF[h.sub_event_type] in _VIOLENT
            and (
                place_key(h.place) == place_key(g.place)
                or _contains(g.place, h.place)
                or _contains(h.place, g.place)
            )
            and _days_agree(own, h)
        ]
        if candidates:
            _join_nearest(g, candidates, groups)


def _context_actors(text: str, sentences: list[SentenceInfo], groups: list[Group]) -> None:
    """An event whose sentences name no perpetrator takes the armed actor named in the
    sentence just before (else just after) its first sentence, in the same paragraph (not one
    named as a source: "a source at Aleppo Police Command said")."""
    from sitrep.extract.segment import is_source

    index = {(s.start, s.end): i for i, s in enumerate(sentences)}
    for g in groups:
        if any(m.actors1 for m in g.mentions):
            continue
        first = min(g.mentions, key=lambda m: m.order)
        i = index.get((first.sent_start, first.sent_end))
        if i is None:
            continue
        for j in (i - 1, i + 1, i - 2):
            if not 0 <= j < len(sentences) or sentences[j].paragraph != first.paragraph:
                continue
            armed = [
                a
                for a in sentences[j].actors
                if a.kind not in ("civilians", "unknown")
                and a.attrs.get("cue") != "target"
                and a.attrs.get("former") != "true"
                and a.inter is not None
                and a.inter < 5
                and not is_source(text, a, sentences[j].start)
            ]
            if armed:
                g.context_actor = (armed[0], (sentences[j].start, sentences[j].end))
                break


def _inherit_date(
    g: Group, m: EventMention, sentences: list[SentenceInfo], reference: date | None
) -> None:
    """Date an event whose sentence gives no date: the nearest preceding dated sentence of its
    paragraph, else the reference (publication) date: precision 1 when the sentence speaks of
    the present ("now", "continuous"), else 2."""
    for s in reversed(sentences):
        if s.start >= m.sent_start or s.paragraph != m.paragraph:
            continue
        dated = [d for d in s.dates if d.value is not None and d.precision == 1]
        if dated:
            g.event_date, g.time_precision = dated[0].value, 1
            g.date_span = (s.start, s.end)
            return
    if reference is not None:
        g.event_date = reference
        g.time_precision = 1 if m.present else 2
        g.date_span = (m.sent_start, m.sent_end)


def _attach_extras(sentences: list[SentenceInfo], groups: list[Group]) -> None:
    """Sentences without an event of their own lend their weapons and casualty counts to the
    last event mentioned before them in the same paragraph."""
    owner: dict[int, Group] = {id(m): g for g in groups for m in g.mentions}
    last: dict[int, Group] = {}
    last_any: Group | None = None
    for s in sentences:
        owned = [owner[id(m)] for m in s.mentions if id(m) in owner]
        violent = [g for g in owned if EVENT_TYPE_OF[g.sub_event_type] in _VIOLENT]
        before = last.get(s.paragraph)
        if owned and not violent and before is not None and s.casualties:
            # "Two men died and two were arrested": the deaths belong to the fight before.
            before.extra_casualties.append((s.casualties, (s.start, s.end)))
            for m in s.mentions:
                m.casualties = []
        if owned:
            last[s.paragraph] = last_any = violent[-1] if violent else owned[-1]
            if (
                before is not None
                and not violent
                and EVENT_TYPE_OF[before.sub_event_type] in _VIOLENT
            ):
                last[s.paragraph] = before
            continue
        span = (s.start, s.end)
        # "these attacks on civilians" (anaphora): the event just told had civilian victims.
        if s.civilian_ref and (last.get(s.paragraph) or last_any) is not None:
            (last.get(s.paragraph) or last_any).civilian_ref = span  # type: ignore[union-attr]
        target = last.get(s.paragraph)
        if target is None:
            continue
        for w in s.weapons:
            target.extra_weapons.append((w, span))
        if s.casualties:
            target.extra_casualties.append((s.casualties, span))


def fill_opponents(events: list[Event]) -> None:
    """Give a battle with no named opponent the opponent its actor1 fights in the document's
    other battles ("the rebel front line is now pushing into Hamdaniya": rebels against the
    regime forces they fought at Ramousah)."""
    for e in events:
        if e.event_type != "Battles" or not e.actor1 or e.actor2:
            continue
        for o in events:
            if o is e or o.event_type != "Battles" or not o.actor2:
                continue
            if o.actor1 == e.actor1:
                e.actor2, e.inter2 = o.actor2, o.inter2
            elif o.actor2 == e.actor1 and o.actor1:
                e.actor2, e.inter2 = o.actor1, o.inter1
            else:
                continue
            src = next((x for x in o.evidence if x.field in ("actor2", "actor1")), None)
            if src is not None:
                for name in ("actor2", "inter2", "interaction"):
                    e.evidence.append(src.model_copy(update={"field": name}))
            if e.inter1 is not None and e.inter2 is not None:
                e.interaction = int(f"{min(e.inter1, e.inter2)}{max(e.inter1, e.inter2)}")
            from sitrep.extract.notes import make_notes

            e.notes = make_notes(e)
            break


def _unnamed(name: str | None) -> bool:
    return name is None or name.startswith("Unidentified ")


def borrow_sides(events: list[Event]) -> None:
    """Give a clash that names neither side ("fierce fighting in and around the Ramousah
    area") the two sides of the document's battle at the same place that names both (the
    rebels who took Ramousah from the regime forces).

    events (list[Event]): the document's events, changed in place.
    """
    from sitrep.extract.notes import make_notes

    for e in events:
        if e.sub_event_type != "Armed clash" or not e.location:
            continue
        if not (_unnamed(e.actor1) and _unnamed(e.actor2)):
            continue
        o = next(
            (
                o
                for o in events
                if o is not e
                and o.event_type == "Battles"
                and o.location == e.location
                and not _unnamed(o.actor1)
                and not _unnamed(o.actor2)
            ),
            None,
        )
        if o is None:
            continue
        e.actor1, e.inter1, e.actor2, e.inter2 = o.actor1, o.inter1, o.actor2, o.inter2
        e.interaction = o.interaction
        fields = ("actor1", "inter1", "actor2", "inter2", "interaction")
        e.evidence = [x for x in e.evidence if x.field not in fields]
        e.evidence += [x for x in o.evidence if x.field in fields]
        e.notes = make_notes(e)

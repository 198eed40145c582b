"""Merge the reports of one event into one fused Event, keeping every source's claim.

Fields are chosen by vote, each document voting with its outlet's prior weight (outlets.yaml);
fatalities follow ACLED's conservative rule; every disagreement between reports is written to
`Event.contradictions`, one line per field.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from sitrep.fuse.match import MatchRules, is_named_actor
from sitrep.fuse.tables import OutletTable, fold_name, load_outlets
from sitrep.records import SUB_EVENT_TYPES, Claim, Document, Event, Evidence, Victims

__all__ = ["merge_group", "fused_event_id", "report_says", "REPORT_PREFIX", "is_report_claim"]

K = TypeVar("K", bound=Hashable)

# A claim merge adds for each report (the outlet's own account) starts with this.
REPORT_PREFIX = "Reports: "


def fused_event_id(members: Sequence[Event]) -> str:
    """Return the stable id of the fused event made of `members` ("fu-" + 16 hex digits)."""
    key = "\n".join(sorted(m.event_id for m in members))
    return "fu-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def is_report_claim(claim: Claim) -> bool:
    """Return True if `claim` is an outlet's own report added by merge (not a quoted speaker)."""
    return claim.start is None and claim.says.startswith(REPORT_PREFIX)


def report_says(event: Event) -> str:
    """Return a one-line account of what a report-event says (for its outlet's claim)."""
    parts = [event.sub_event_type]
    if event.actor1:
        parts.append(f"by {event.actor1}")
    if event.actor2:
        parts.append(f"against {event.actor2}")
    if event.location:
        parts.append(f"in {event.location}")
    if event.event_date:
        parts.append(f"on {event.event_date.isoformat()}")
    text = " ".join(parts)
    if event.fatalities is not None:
        text += f"; {event.fatalities} killed"
    return REPORT_PREFIX + text


@dataclass
class _Member:
    """One report of the group, with who published it and how much its vote weighs."""

    event: Event
    who: str
    weight: float
    outlet_type: str
    alignment: str | None


def _vote(members: Sequence[_Member], key: Callable[[_Member], K | None]) -> K | None:
    """Return the value of `key` with the highest summed weight (first seen wins ties)."""
    totals: dict[K, float] = {}
    for member in members:
        value = key(member)
        if value is not None:
            totals[value] = totals.get(value, 0.0) + member.weight
    if not totals:
        return None
    best = max(totals.values())
    return next(v for v, w in totals.items() if w == best)


def _disagreement(
    field: str, members: Sequence[_Member], key: Callable[[_Member], str | None]
) -> str | None:
    """Return "field: a (who) vs b (who)" when members give different values, else None."""
    seen: dict[str, list[str]] = {}
    for member in members:
        value = key(member)
        if value is not None:
            seen.setdefault(value, []).append(member.who)
    if len(seen) < 2:
        return None
    return f"{field}: " + " vs ".join(
        f"{v} ({', '.join(dict.fromkeys(w))})" for v, w in seen.items()
    )


def _members(
    events: Sequence[Event], documents: Mapping[str, Document], outlets: OutletTable
) -> list[_Member]:
    out = []
    for event in events:
        doc_id = event.doc_ids[0] if event.doc_ids else ""
        document = documents.get(doc_id)
        name = document.outlet if document and document.outlet else None
        outlet = outlets.get(name)
        who = outlet.name if outlet else (name or f"document {doc_id or event.event_id}")
        out.append(
            _Member(
                event,
                who,
                outlets.prior(name),
                outlet.type if outlet else "unknown",
                outlet.alignment if outlet else None,
            )
        )
    return out


def _fatalities(events: Sequence[Event]) -> tuple[int | None, int | None, int | None]:
    """Return (fatalities, min, max): the lowest credible figure and the span of all reports.

    Zero ("no casualties reported") stands only when no report gives a positive number.
    """
    figures = [e.fatalities for e in events if e.fatalities is not None]
    positive = [f for f in figures if f > 0]
    best = min(positive) if positive else (0 if figures else None)
    lows = [e.fatalities_min if e.fatalities_min is not None else e.fatalities for e in events]
    highs = [e.fatalities_max if e.fatalities_max is not None else e.fatalities for e in events]
    spread = [x for x in (*lows, *highs, *figures) if x is not None]
    # min <= fatalities <= max even when a report's own range is inconsistent
    low = min(spread, default=None)
    high = max(spread, default=None)
    return best, low, high


def _min_known(values: Sequence[int | None]) -> int | None:
    known = [v for v in values if v is not None]
    return min(known) if known else None


def _victims(events: Sequence[Event]) -> Victims:
    return Victims(
        civilians=_min_known([e.victims.civilians for e in events]),
        children=_min_known([e.victims.children for e in events]),
        women=_min_known([e.victims.women for e in events]),
        combatants=_min_known([e.victims.combatants for e in events]),
    )


def _interaction(inter1: int | None, inter2: int | None) -> int | None:
    if inter1 is None:
        return None
    if inter2 is None:
        return inter1 * 10
    low, high = sorted((inter1, inter2))
    return int(f"{low}{high}")


def _event_type(sub_event_type: str, fallback: str) -> str:
    for event_type, subs in SUB_EVENT_TYPES.items():
        if sub_event_type in subs:
            return event_type
    return fallback


def _claims(members: Sequence[_Member], actor1: str | None, rules: MatchRules) -> list[Claim]:
    """Return every member's claims (doc_id filled in) plus one claim per report by its outlet."""
    claims: list[Claim] = []
    for member in members:
        event = member.event
        doc_id = event.doc_ids[0] if event.doc_ids else None
        for claim in event.claims:
            claims.append(claim if claim.doc_id else claim.model_copy(update={"doc_id": doc_id}))
        disagrees = (
            actor1 is not None
            and event.actor1 is not None
            and is_named_actor(actor1, rules)
            and is_named_actor(event.actor1, rules)
            and not rules.actors_agree(event.actor1, actor1)
        )
        claims.append(
            Claim(
                by=member.who,
                by_type=member.outlet_type,  # type: ignore[arg-type]
                says=report_says(event),
                stance="contradicts" if disagrees else "supports",
                alignment=member.alignment,
                doc_id=doc_id,
            )
        )
    return claims


def _contradictions(members: Sequence[_Member], rules: MatchRules) -> list[str]:
    lines: list[str] = []
    for member in members:
        denials = [c for c in member.event.claims if c.stance == "contradicts"]
        for claim in denials:
            lines.append(f"occurrence: {claim.by} ({member.who}) says {claim.says!r}")
        if member.event.contested and not denials:
            lines.append(f"occurrence: {member.who} reports it as contested")

    def named_actor(m: _Member) -> str | None:
        return m.event.actor1 if is_named_actor(m.event.actor1, rules) else None

    def day(m: _Member) -> str | None:
        e = m.event
        exact = e.event_date is not None and (e.time_precision or 1) == 1
        return e.event_date.isoformat() if exact and e.event_date else None

    def zero_or_not(m: _Member) -> str | None:
        f = m.event.fatalities
        return None if f is None else ("no deaths" if f == 0 else "deaths")

    checks: list[tuple[str, Callable[[_Member], str | None]]] = [
        ("actor1", named_actor),
        ("sub_event_type", lambda m: m.event.sub_event_type),
        ("event_date", day),
        ("location", lambda m: m.event.location),
        ("fatalities", zero_or_not),
    ]
    for field, key in checks:
        group = members
        if field == "location":  # only two exact places can contradict each other
            group = [m for m in members if m.event.location and m.event.geo_precision == 1]
            if len({fold_name(m.event.location or "") for m in group}) < 2:
                continue
        if field == "actor1":
            named = [m.event.actor1 for m in members if is_named_actor(m.event.actor1, rules)]
            pairs = [(a, b) for i, a in enumerate(named) for b in named[i + 1 :] if a and b]
            if all(rules.actors_agree(a, b) for a, b in pairs):
                continue
        line = _disagreement(field, group, key)
        if line:
            lines.append(line)
    return lines


def _union(items: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _when(members: Sequence[_Member]) -> tuple[date | None, int | None]:
    """Return the voted date among the reports with the finest time precision, and that one."""
    dated = [m for m in members if m.event.event_date]
    if not dated:
        return None, None
    best_time = min((m.event.time_precision or 1) for m in dated)
    finest = [m for m in dated if (m.event.time_precision or 1) == best_time]
    event_date = _vote(finest, lambda m: m.event.event_date)
    return event_date, best_time if event_date else None


def _where(members: Sequence[_Member]) -> Event:
    """Return the report whose place wins: voted among the reports with the finest precision.

    A report that only knows the region does not compete with one naming the town.
    """
    best_geo = min((m.event.geo_precision or 9) for m in members)
    precise = [m for m in members if (m.event.geo_precision or 9) == best_geo]
    place_key = _vote(precise, lambda m: fold_name(m.event.location or "") or None)
    placed = [m for m in precise if (fold_name(m.event.location or "") or None) == place_key]
    return max(placed or precise, key=lambda m: m.weight).event


def _who(
    members: Sequence[_Member], rules: MatchRules
) -> tuple[str | None, Event, str | None, Event]:
    """Return (actor1, the report naming it, actor2, the report naming it): named actors win."""

    def side(attr: str) -> tuple[str | None, Event]:
        named = _vote(
            members,
            lambda m: (
                getattr(m.event, attr) if is_named_actor(getattr(m.event, attr), rules) else None
            ),
        )
        actor = named or _vote(members, lambda m: getattr(m.event, attr))
        return actor, next(m.event for m in members if getattr(m.event, attr) == actor)

    actor1, side1 = side("actor1")
    actor2, side2 = side("actor2")
    return actor1, side1, actor2, side2


def _place_fields(place: Event) -> dict[str, Any]:
    names = ("country", "admin1", "admin2", "admin3", "location", "latitude", "longitude")
    return {name: getattr(place, name) for name in (*names, "geo_precision")}


def _actor_fields(
    actor1: str | None, side1: Event, actor2: str | None, side2: Event
) -> dict[str, Any]:
    inter2 = side2.inter2 if actor2 else None
    return {
        "actor1": actor1,
        "assoc_actor_1": side1.assoc_actor_1,
        "actor2": actor2,
        "assoc_actor_2": side2.assoc_actor_2,
        "inter1": side1.inter1,
        "inter2": inter2,
        "interaction": _interaction(side1.inter1, inter2),
    }


def _united_fields(events: Sequence[Event]) -> dict[str, Any]:
    """Return the fields that unite every report: documents, evidence, weapons, sources."""
    evidence: dict[tuple[str, str, int, int], Evidence] = {}
    for event in events:
        for item in event.evidence:
            evidence.setdefault((item.field, item.doc_id, item.start, item.end), item)
    sources = [s.strip() for e in events for s in (e.source or "").split(";") if s.strip()]
    scales = _union([e.source_scale for e in events if e.source_scale])
    return {
        "doc_ids": _union([d for e in events for d in e.doc_ids]),
        "doc_refs": _union([r for e in events for r in e.doc_refs]),
        "evidence": list(evidence.values()),
        "weapons": _union([w for e in events for w in e.weapons]),
        "source": "; ".join(_union(sources)) or None,
        "source_scale": "-".join(scales) or None,
    }


def _toll_fields(events: Sequence[Event]) -> dict[str, Any]:
    fatalities, fatalities_min, fatalities_max = _fatalities(events)
    return {
        "fatalities": fatalities,
        "fatalities_min": fatalities_min,
        "fatalities_max": fatalities_max,
        "injuries": _min_known([e.injuries for e in events]),
        "victims": _victims(events),
    }


def merge_group(
    events: Sequence[Event],
    *,
    documents: Mapping[str, Document] | None = None,
    outlets: OutletTable | None = None,
    rules: MatchRules | None = None,
) -> Event:
    """Merge the report-events of one event into one fused Event (not yet graded).

    events (Sequence[Event]): the reports of one event (a group from `cluster_events`).
    documents (Mapping[str, Document] | None): documents by id, for each report's outlet.
    outlets (OutletTable | None): outlet types, alignments and vote weights; packaged when None.
    rules (MatchRules | None): matching rules (which actors count as unnamed).
    RETURNS (Event): the fused event: doc_ids/doc_refs/claims/evidence/weapons united, fields by
        vote, ACLED-conservative fatalities, disagreements in `contradictions`.
    """
    if not events:
        raise ValueError("merge_group needs at least one event")
    outlets = outlets or load_outlets()
    rules = rules or MatchRules.default()
    members = _members(events, documents or {}, outlets)
    sub_event_type = _vote(members, lambda m: m.event.sub_event_type) or events[0].sub_event_type
    event_date, time_precision = _when(members)
    actor1, side1, actor2, side2 = _who(members, rules)
    return Event(
        event_id=fused_event_id(events),
        event_date=event_date,
        time_precision=time_precision,
        event_type=_event_type(sub_event_type, events[0].event_type),
        sub_event_type=sub_event_type,
        notes=max(members, key=lambda m: m.weight).event.notes,
        claims=_claims(members, actor1, rules),
        contradictions=_contradictions(members, rules),
        **_actor_fields(actor1, side1, actor2, side2),
        **_place_fields(_where(members)),
        **_toll_fields(events),
        **_united_fields(events),
    )

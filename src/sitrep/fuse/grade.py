"""Grade a fused event Airwars-style: confirmed, fair, weak or contested (rules: grading.yaml).

The grade rests on the event's independent sources, read from its claims: in each document, the
speakers it quotes as supporting the event, or the outlet's own report when it quotes nobody.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sitrep.fuse.merge import is_report_claim
from sitrep.fuse.tables import OutletTable, fold_name, load_outlets, load_table
from sitrep.records import SUB_EVENT_TYPES, Claim, Event

__all__ = ["GradeRules", "Grading", "Source", "grade_event", "event_sources", "GRADES"]

GRADES: tuple[str, ...] = ("confirmed", "fair", "weak", "contested")


@dataclass
class GradeRules:
    """The grading rules (see grading.yaml)."""

    contested_fields: tuple[str, ...] = ("occurrence", "actor1")
    contested_sub_event_types: frozenset[str] = frozenset()
    credible_types: frozenset[str] = frozenset()
    credible_if_neutral: frozenset[str] = frozenset()
    partisan_types: frozenset[str] = frozenset()
    generic_speakers: frozenset[str] = frozenset()
    admission_against_interest: bool = True
    harm_by_actor1: frozenset[str] = frozenset()
    gain_by_actor1: frozenset[str] = frozenset()
    alignment_sides: dict[str, str] = field(default_factory=dict)
    actor_sides: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> GradeRules:
        """Build the rules from the structure of grading.yaml."""
        return cls(
            contested_fields=tuple(data.get("contested_fields", ())),
            contested_sub_event_types=frozenset(data.get("contested_sub_event_types", ())),
            credible_types=frozenset(data.get("credible_types", ())),
            credible_if_neutral=frozenset(data.get("credible_if_neutral", ())),
            partisan_types=frozenset(data.get("partisan_types", ())),
            generic_speakers=frozenset(fold_name(s) for s in data.get("generic_speakers", ())),
            admission_against_interest=bool(data.get("admission_against_interest", True)),
            harm_by_actor1=frozenset(data.get("harm_by_actor1", ())),
            gain_by_actor1=frozenset(data.get("gain_by_actor1", ())),
            alignment_sides={str(k): str(v) for k, v in data.get("alignment_sides", {}).items()},
            actor_sides={
                str(k): tuple(str(p).lower() for p in v)
                for k, v in data.get("actor_sides", {}).items()
            },
        )

    @classmethod
    def default(cls) -> GradeRules:
        """Return the packaged rules (grading.yaml)."""
        return cls.from_dict(load_table("grading.yaml"))

    def is_generic(self, speaker: str) -> bool:
        """Return True if `speaker` names no one in particular ("activists", "a correspondent")."""
        words = f" {fold_name(speaker)} "
        return any(f" {g} " in words for g in self.generic_speakers)

    def actor_side(self, actor: str | None) -> str | None:
        """Return the side ("government", "opposition", ...) of an ACLED actor name, if known."""
        if not actor:
            return None
        low = actor.lower()
        for side, patterns in self.actor_sides.items():
            if any(p in low for p in patterns):
                return side
        return None


@dataclass(frozen=True)
class Source:
    """One independent source of an event."""

    key: str
    by: str
    by_type: str
    side: str | None
    credible: bool
    partisan: bool


@dataclass
class Grading:
    """A grade with the reasons for it."""

    grade: str
    contested: bool
    sources: list[Source]
    reasons: list[str]


def _hurts_own_side(side: str | None, event: Event, rules: GradeRules) -> bool:
    if not side or not rules.admission_against_interest:
        return False
    actor_side = rules.actor_side(event.actor1)
    if actor_side is None:
        return False
    if event.sub_event_type in rules.harm_by_actor1:
        return actor_side == side
    if event.sub_event_type in rules.gain_by_actor1:
        return actor_side != side
    return False


def _source(
    claim: Claim, key: str, event: Event, rules: GradeRules, outlets: OutletTable
) -> Source:
    outlet = outlets.get(claim.by)
    by_type = claim.by_type if claim.by_type != "unknown" or not outlet else outlet.type
    alignment = claim.alignment or (outlet.alignment if outlet else None)
    side = rules.alignment_sides.get(alignment or "")
    if by_type in rules.credible_types:
        partisan, credible = False, True
    elif by_type in rules.credible_if_neutral and side is None:
        partisan, credible = False, True
    else:
        partisan = by_type in rules.partisan_types or side is not None
        # a partisan's word counts as credible when it hurts its own side
        credible = partisan and _hurts_own_side(side, event, rules)
    return Source(key, claim.by, by_type, side, credible, partisan)


def event_sources(
    event: Event,
    rules: GradeRules | None = None,
    outlets: OutletTable | None = None,
    copies: Mapping[str, str] | None = None,
) -> list[Source]:
    """Return the independent sources of an event, one per speaker.

    event (Event): a fused (or report) event with its claims.
    rules (GradeRules | None): grading rules; the packaged grading.yaml when None.
    outlets (OutletTable | None): outlet types for claims typed "unknown"; packaged when None.
    copies (Mapping[str, str] | None): document id -> the document it copies; a copy adds no
        source of its own.
    RETURNS (list[Source]): sources in claim order, the same speaker across documents once.
    """
    rules = rules or GradeRules.default()
    outlets = outlets or load_outlets()
    doc_ids = list(dict.fromkeys([*event.doc_ids, *(c.doc_id or "" for c in event.claims)]))
    doc_ids = [d for d in doc_ids if d not in (copies or {})]
    found: dict[str, Source] = {}
    for doc_id in doc_ids:
        claims = [c for c in event.claims if (c.doc_id or "") == doc_id and c.stance == "supports"]
        quoted = [c for c in claims if not is_report_claim(c)]
        for claim in quoted or [c for c in claims if is_report_claim(c)]:
            name = fold_name(claim.by)
            key = f"{name}@{doc_id}" if rules.is_generic(claim.by) else name
            found.setdefault(key, _source(claim, key, event, rules, outlets))
        has_report = any(is_report_claim(c) for c in event.claims if (c.doc_id or "") == doc_id)
        if doc_id and not claims and not has_report:
            # a report with no claim at all still counts as its document's word
            key = f"document {doc_id}"
            found.setdefault(key, Source(key, key, "unknown", None, False, False))
    return list(found.values())


def _is_major(line: str, rules: GradeRules) -> bool:
    """Return True if a contradiction line is about whether it happened or who did it."""
    field = line.split(":", 1)[0]
    if field in rules.contested_fields:
        return True
    if field == "sub_event_type":
        said = {t for subs in SUB_EVENT_TYPES.values() for t in subs if t in line}
        return bool(said & rules.contested_sub_event_types) and bool(
            said - rules.contested_sub_event_types
        )
    return False


def _specific(event: Event) -> bool:
    day = event.event_date is not None and (event.time_precision or 1) == 1
    place = event.location is not None and (event.geo_precision or 1) <= 2
    return day and place and (event.actor1 is not None or event.fatalities is not None)


def grade_event(
    event: Event,
    rules: GradeRules | None = None,
    outlets: OutletTable | None = None,
    copies: Mapping[str, str] | None = None,
) -> Grading:
    """Grade an event: contested, confirmed, fair or weak (first rule that holds).

    event (Event): a fused event (claims per source, `contradictions` filled by merge).
    rules (GradeRules | None): grading rules; the packaged grading.yaml when None.
    outlets (OutletTable | None): outlet table for claims typed "unknown"; packaged when None.
    copies (Mapping[str, str] | None): document id -> the document it copies (near-duplicate
        text): a copy is not an independent source.
    RETURNS (Grading): the grade, whether it is contested, its sources and the reasons.
    """
    rules = rules or GradeRules.default()
    sources = event_sources(event, rules, outlets, copies)
    listed = ", ".join(f"{s.by} ({s.by_type})" for s in sources) or "none"
    reasons = [f"{len(sources)} independent source(s): {listed}"]
    reasons += [
        f"document {c} copies document {o}: not independent" for c, o in (copies or {}).items()
    ]
    major = [line for line in event.contradictions if _is_major(line, rules)]
    denials = [c for c in event.claims if c.stance == "contradicts" and not is_report_claim(c)]
    if major or denials:
        reasons += [f"contradiction: {line}" for line in major]
        reasons += [f"{c.by} contradicts: {c.says}" for c in denials]
        return Grading("contested", True, sources, reasons)
    credible = [s for s in sources if s.credible]
    sides = {s.side for s in sources if s.partisan}
    one_sided = all(s.partisan for s in sources) and len(sides - {None}) <= 1
    if credible:
        reasons.append("credible: " + ", ".join(s.by for s in credible))
    if len(sources) >= 2 and credible and not event.contradictions:
        return Grading("confirmed", False, sources, reasons)
    if event.contradictions:
        reasons += [f"minor contradiction: {line}" for line in event.contradictions]
    if len(sources) >= 2 and not one_sided:
        return Grading("fair", False, sources, reasons)
    if credible and _specific(event):
        reasons.append("one credible source with the day, the place and an actor or a number")
        return Grading("fair", False, sources, reasons)
    reasons.append("partisan sources of one side only" if len(sources) >= 2 else "single source")
    return Grading("weak", False, sources, reasons)

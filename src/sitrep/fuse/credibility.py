"""Score each article against the fused record: corroborated, agreeing, from a credible outlet.

An article's score (in [0, 1]) is a weighted mean (credibility.yaml) of: the share of its
events that an independent document also reports; over those, the share of its fields that
agree with the fused values; and its outlet's prior (outlets.yaml). Every score has its reasons.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, Field

from sitrep.fuse.match import MatchRules, cluster_events, is_named_actor
from sitrep.fuse.merge import merge_group
from sitrep.fuse.tables import OutletTable, fold_name, load_outlets, load_table
from sitrep.records import Document, Event

__all__ = ["DocumentScore", "CredibilityRules", "score_documents"]


class DocumentScore(BaseModel):
    """How far one article is borne out by the fused record."""

    doc_id: str
    ref: str | None = None
    outlet: str | None = None
    score: float
    n_events: int = 0
    n_corroborated: int = 0
    corroboration: float | None = None
    agreement: float | None = None
    prior: float
    reasons: list[str] = Field(default_factory=list)


@dataclass
class CredibilityRules:
    """Weights and tolerances of the credibility score (see credibility.yaml)."""

    weights: dict[str, float] = field(
        default_factory=lambda: {"corroboration": 0.35, "agreement": 0.35, "prior": 0.3}
    )
    agreement_fields: tuple[str, ...] = ("event_date", "location", "actor1", "fatalities")
    fatalities_tolerance: float = 0.25

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CredibilityRules:
        """Build the rules from the structure of credibility.yaml."""
        return cls(
            weights={str(k): float(v) for k, v in data["weights"].items()},
            agreement_fields=tuple(data.get("agreement_fields", ())),
            fatalities_tolerance=float(data.get("fatalities_tolerance", 0.25)),
        )

    @classmethod
    def default(cls) -> CredibilityRules:
        """Return the packaged rules (credibility.yaml)."""
        return cls.from_dict(load_table("credibility.yaml"))


def _agrees(
    name: str, report: Event, fused: Event, rules: CredibilityRules, match: MatchRules
) -> bool | None:
    """Return whether one field of a report agrees with the fused event (None: not comparable)."""
    if name == "event_date":
        if report.event_date is None or fused.event_date is None:
            return None
        return report.event_date == fused.event_date
    if name == "location":
        if not report.location or not fused.location:
            return None
        return fold_name(report.location) == fold_name(fused.location)
    if name == "actor1":
        if not is_named_actor(report.actor1, match) or not is_named_actor(fused.actor1, match):
            return None
        return match.actors_agree(report.actor1 or "", fused.actor1 or "")
    if name == "fatalities":
        if report.fatalities is None or fused.fatalities is None:
            return None
        top = max(report.fatalities, fused.fatalities)
        return abs(report.fatalities - fused.fatalities) <= rules.fatalities_tolerance * top
    raise ValueError(f"unknown agreement field {name!r}")


def _outlet_key(doc_id: str, documents: Mapping[str, Document], outlets: OutletTable) -> str:
    document = documents.get(doc_id)
    name = document.outlet if document else None
    outlet = outlets.get(name)
    if outlet:
        return outlet.name
    return fold_name(name) if name else f"document {doc_id}"


def score_documents(
    events: Iterable[Event],
    *,
    documents: Mapping[str, Document] | None = None,
    doc_ids: Sequence[str] | None = None,
    outlets: OutletTable | None = None,
    match_rules: MatchRules | None = None,
    rules: CredibilityRules | None = None,
) -> list[DocumentScore]:
    """Score each article against the fused record built from all report-events.

    events (Iterable[Event]): report-layer events of every article (fusion is recomputed from
        them, so the score is exactly against what `fuse_events` produces).
    documents (Mapping[str, Document] | None): documents by id, for outlets and refs.
    doc_ids (Sequence[str] | None): the articles to score; every document in `documents` (and
        every document with an event) when None. An article without events scores its prior.
    outlets, match_rules, rules: tables; the packaged YAML files when None.
    RETURNS (list[DocumentScore]): one per article, in `doc_ids` order (else by doc id).
    """
    documents = documents or {}
    outlets = outlets or load_outlets()
    match_rules = match_rules or MatchRules.default()
    rules = rules or CredibilityRules.default()
    events = list(events)
    by_doc: dict[str, list[tuple[Event, Event, set[str]]]] = {}
    for group in cluster_events(events, match_rules):
        fused = merge_group(group, documents=documents, outlets=outlets, rules=match_rules)
        for report in group:
            own = set(report.doc_ids)
            own_outlets = {_outlet_key(d, documents, outlets) for d in own}
            others = {
                _outlet_key(d, documents, outlets)
                for member in group
                for d in member.doc_ids
                if d not in own
            } - own_outlets
            for doc_id in report.doc_ids:
                by_doc.setdefault(doc_id, []).append((report, fused, others))
    wanted = list(doc_ids) if doc_ids is not None else sorted(set(documents) | set(by_doc))
    return [
        _score(doc_id, by_doc.get(doc_id, []), documents.get(doc_id), outlets, match_rules, rules)
        for doc_id in wanted
    ]


def _score(
    doc_id: str,
    reports: list[tuple[Event, Event, set[str]]],
    document: Document | None,
    outlets: OutletTable,
    match: MatchRules,
    rules: CredibilityRules,
) -> DocumentScore:
    outlet_name = document.outlet if document else None
    outlet = outlets.get(outlet_name)
    prior = outlets.prior(outlet_name)
    kind = outlet.type if outlet else "unknown outlet"
    align = f", {outlet.alignment}" if outlet and outlet.alignment else ""
    reasons = [f"outlet {outlet_name or '?'} ({kind}{align}): prior {prior:.2f}"]
    parts: dict[str, float] = {"prior": prior}
    corroborated = [(r, f, o) for r, f, o in reports if o]
    if reports:
        parts["corroboration"] = len(corroborated) / len(reports)
        reasons.append(f"{len(corroborated)} of {len(reports)} event(s) also reported elsewhere")
        for report, _fused, others in corroborated[:5]:
            also = ", ".join(sorted(others))
            reasons.append(f"{report.sub_event_type} in {report.location or '?'}: also {also}")
    else:
        reasons.append("no events extracted: prior only")
    compared = agreed = 0
    disagreements: list[str] = []
    for report, fused, _others in corroborated:
        for name in rules.agreement_fields:
            verdict = _agrees(name, report, fused, rules, match)
            if verdict is None:
                continue
            compared += 1
            agreed += int(verdict)
            if not verdict:
                disagreements.append(
                    f"{name}: says {getattr(report, name)}, fused {getattr(fused, name)}"
                )
    if compared:
        parts["agreement"] = agreed / compared
        reasons.append(f"{agreed} of {compared} compared field(s) agree with the fused record")
        reasons += disagreements[:5]
    total = sum(rules.weights.get(k, 0.0) for k in parts)
    score = sum(rules.weights.get(k, 0.0) * v for k, v in parts.items()) / total if total else prior
    return DocumentScore(
        doc_id=doc_id,
        ref=document.ref if document else None,
        outlet=outlet_name,
        score=round(score, 4),
        n_events=len(reports),
        n_corroborated=len(corroborated),
        corroboration=parts.get("corroboration"),
        agreement=parts.get("agreement"),
        prior=prior,
        reasons=reasons,
    )

"""Fuse report-layer events into the fused layer: group, merge, grade."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from sitrep.fuse.credibility import DocumentScore, score_documents
from sitrep.fuse.grade import GradeRules, grade_event
from sitrep.fuse.match import MatchRules, cluster_events
from sitrep.fuse.merge import merge_group
from sitrep.fuse.tables import OutletTable, load_outlets
from sitrep.records import Document, Event

if TYPE_CHECKING:
    from sitrep.store import Store

__all__ = ["fuse_events", "fuse_store", "score_store", "FuseSummary"]


def fuse_events(
    events: Iterable[Event],
    *,
    documents: Mapping[str, Document] | None = None,
    outlets: OutletTable | None = None,
    match_rules: MatchRules | None = None,
    grade_rules: GradeRules | None = None,
) -> list[Event]:
    """Fuse the reports of each event across articles and outlets into one graded Event.

    events (Iterable[Event]): report-layer events (one per article's event, with doc_ids).
    documents (Mapping[str, Document] | None): documents by id, for each report's outlet; without
        them every document counts as its own unknown outlet.
    outlets (OutletTable | None): outlet types/alignments; the packaged outlets.yaml when None.
    match_rules, grade_rules: thresholds; the packaged matching.yaml / grading.yaml when None.
    RETURNS (list[Event]): fused events (ids "fu-..."), by date then id, each with its grade,
        `contested` flag, every source's claim and the contradictions between reports.
    """
    outlets = outlets or load_outlets()
    match_rules = match_rules or MatchRules.default()
    grade_rules = grade_rules or GradeRules.default()
    fused: list[Event] = []
    for group in cluster_events(events, match_rules):
        event = merge_group(group, documents=documents, outlets=outlets, rules=match_rules)
        grading = grade_event(event, grade_rules, outlets)
        fused.append(
            event.model_copy(update={"grade": grading.grade, "contested": grading.contested})
        )
    fused.sort(key=lambda e: (e.event_date or date.max, e.event_id))
    return fused


@dataclass
class FuseSummary:
    """What `fuse_store` did: counts of report and fused events, by grade."""

    report_events: int
    fused_events: int
    multi_report: int
    contested: int
    by_grade: dict[str, int] = field(default_factory=dict)


def fuse_store(store: Store) -> FuseSummary:
    """Fuse every report-layer event of a store and replace its fused layer with the result.

    store (Store): an open store (`sitrep.store.open_store`).
    RETURNS (FuseSummary): counts of what was read and written.
    """
    from sitrep.store import EventQuery

    reports = store.query_events(EventQuery(layer="report", limit=None))
    needed = {d for e in reports for d in e.doc_ids}
    documents: dict[str, Document] = {}
    for document in store.iter_documents():
        if document.id in needed:
            documents[document.id] = document.model_copy(update={"text": ""})
    fused = fuse_events(reports, documents=documents)
    store.replace_fused(fused)
    by_grade: dict[str, int] = {}
    for event in fused:
        by_grade[event.grade or "none"] = by_grade.get(event.grade or "none", 0) + 1
    return FuseSummary(
        report_events=len(reports),
        fused_events=len(fused),
        multi_report=sum(1 for e in fused if len(e.doc_ids) > 1),
        contested=sum(1 for e in fused if e.contested),
        by_grade=by_grade,
    )


def score_store(store: Store) -> list[DocumentScore]:
    """Score every document of a store against the fused record of its report events.

    store (Store): an open store.
    RETURNS (list[DocumentScore]): one per stored document, by doc id.
    """
    from sitrep.store import EventQuery

    reports = store.query_events(EventQuery(layer="report", limit=None))
    documents = {d.id: d.model_copy(update={"text": ""}) for d in store.iter_documents()}
    return score_documents(reports, documents=documents)

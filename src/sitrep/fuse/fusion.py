"""Fuse report-layer events into the fused layer: group, merge, grade."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from sitrep.extract.reaction import is_reaction_mention
from sitrep.fuse.credibility import DocumentScore, score_documents
from sitrep.fuse.decisions import Decision, Decisions
from sitrep.fuse.grade import GradeRules, grade_event
from sitrep.fuse.match import (
    MatchRules,
    cluster_events,
    explain_match,
    match_cost,
    scored_cost,
)
from sitrep.fuse.merge import merge_group
from sitrep.fuse.neighbours import LEAD_CHARS, DocumentCache, neighbourhood
from sitrep.fuse.score import DocText, document_text, pair_features
from sitrep.fuse.tables import OutletTable, load_outlets
from sitrep.fuse.text import copy_similarity, shingles, term_similarity
from sitrep.records import Document, Event

if TYPE_CHECKING:
    from sitrep.store import Store

__all__ = [
    "fuse_events",
    "fuse_groups",
    "lead_events",
    "find_copies",
    "FusedGroup",
    "fuse_store",
    "update_fused",
    "store_decisions",
    "score_store",
    "FuseSummary",
]


@dataclass
class FusedGroup:
    """One fused event with the report-events it rests on and why each one joined."""

    event: Event
    members: list[str]
    reasons: dict[str, str] = field(default_factory=dict)


def lead_events(events: Iterable[Event]) -> set[str]:
    """Return the id of each document's lead event: the one reported first in its text.

    An article leads with its event (title and first sentence) and mentions others as background
    ("the attack comes a week after..."). The lead is the event whose type evidence starts
    earliest in the document; an event without offsets counts as a lead. An article that leads
    with a reaction (a condemnation or finding about an incident: evidence of field "reaction",
    `sitrep.extract.reaction`) has no lead event: its events are mentions.
    """
    first: dict[str, tuple[int, str]] = {}
    leads: set[str] = set()
    for event in events:
        if is_reaction_mention(event):
            continue
        starts = [e.start for e in event.evidence if e.field in ("event_type", "sub_event_type")]
        if not starts or not event.doc_ids:
            leads.add(event.event_id)
            continue
        key = (min(starts), event.event_id)
        doc = event.doc_ids[0]
        if doc not in first or key < first[doc]:
            first[doc] = key
    return leads | {event_id for _, event_id in first.values()}


def _reasons(
    group: list[Event],
    rules: MatchRules,
    leads: set[str],
    terms: Mapping[str, frozenset[str]] | None = None,
    texts: Mapping[str, DocText] | None = None,
) -> dict[str, str]:
    """Return why each report is in the group: the first opened it, the others matched."""
    reasons = {group[0].event_id: "first report of this event"}
    for i, event in enumerate(group[1:], start=1):
        role = "lead event" if event.event_id in leads else "background mention"
        scored = _scored_reason(event, group[:i], rules, leads, texts or {})
        if scored:
            reasons[event.event_id] = f"{role}; {scored}"
            continue
        costs = [(match_cost(event, other, rules), other) for other in group[:i]]
        known = [(c, o) for c, o in costs if c is not None]
        if known:
            _cost, closest = min(known, key=lambda pair: pair[0])
            why = explain_match(event, closest, rules)
            reasons[event.event_id] = f"{role}; matches {closest.event_id}: {why}"
            continue
        others = [o for o in group[:i] if not set(o.doc_ids) & set(event.doc_ids)]
        shared = _shared_terms(event, others, terms or {})
        same_docs = [o for o in group[:i] if set(o.doc_ids) & set(event.doc_ids)]
        if same_docs:
            reasons[event.event_id] = (
                f"{role}; its article also reports {same_docs[0].event_id} in this group: the "
                f"articles that report one report the other (the same incident, told at two "
                f"granularities)"
            )
        elif shared:
            other, words, similarity = shared
            reasons[event.event_id] = (
                f"{role}; matches {other.event_id} by the articles' shared lead terms "
                f"({similarity:.2f}: {', '.join(words)}): " + explain_match(event, other, rules)
            )
        else:
            reasons[event.event_id] = f"{role}; joined by a user's decision"
    return reasons


def _scored_reason(
    event: Event,
    before: list[Event],
    rules: MatchRules,
    leads: set[str],
    texts: Mapping[str, DocText],
) -> str | None:
    """Return why a lead report was linked by the scored decision: the lead member it is
    likeliest one incident with, p and the features (None: not linked that way)."""
    mine = texts.get(event.doc_ids[0]) if event.doc_ids else None
    if mine is None or rules.link_score is None or event.event_id not in leads:
        return None
    best: tuple[float, Event, DocText] | None = None
    for other in before:
        theirs = texts.get(other.doc_ids[0]) if other.doc_ids else None
        if theirs is None or other.event_id not in leads:
            continue
        cost = scored_cost(event, other, mine, theirs, rules)
        if cost is not None and (best is None or cost < best[0]):
            best = (cost, other, theirs)
    if best is None:
        return None
    cost, other, theirs = best
    features = pair_features(event, other, mine, theirs, rules)
    shown = ", ".join(f"{k} {v:g}" for k, v in features.items() if v)
    return (
        f"matches {other.event_id}: scored p={1 - cost:.2f} ({shown or 'no feature'}); "
        + explain_match(event, other, rules)
    )


def _shared_terms(
    event: Event, others: list[Event], terms: Mapping[str, frozenset[str]]
) -> tuple[Event, list[str], float] | None:
    """Return the other report whose article shares the most lead terms with this one's."""
    mine = terms.get(event.doc_ids[0], frozenset()) if event.doc_ids else frozenset()
    best: tuple[Event, list[str], float] | None = None
    for other in others:
        theirs = terms.get(other.doc_ids[0], frozenset()) if other.doc_ids else frozenset()
        similarity = term_similarity(mine, theirs)
        if similarity > 0 and (best is None or similarity > best[2]):
            best = (other, sorted(mine & theirs)[:12], similarity)
    return best


def doc_texts(documents: Mapping[str, Document] | None) -> dict[str, DocText]:
    """Return what each document's text gives the scored link decision, by doc id."""
    return {d: document_text(doc) for d, doc in (documents or {}).items() if doc.text}


def find_copies(
    doc_ids: Sequence[str], texts: Mapping[str, frozenset[int]], threshold: float
) -> dict[str, str]:
    """Return, among these documents, each one that copies an earlier one: {copy: original}.

    Two documents are a copy when that share of the shorter one's 8-word runs is in the other
    (`copy_similarity` in matching.yaml); the first in `doc_ids` order is the original.
    """
    copies: dict[str, str] = {}
    for i, doc in enumerate(doc_ids):
        for original in doc_ids[:i]:
            if original in copies or doc not in texts or original not in texts:
                continue
            if copy_similarity(texts[doc], texts[original]) >= threshold:
                copies[doc] = original
                break
    return copies


def fuse_groups(
    events: Iterable[Event],
    *,
    documents: Mapping[str, Document] | None = None,
    outlets: OutletTable | None = None,
    match_rules: MatchRules | None = None,
    grade_rules: GradeRules | None = None,
    decisions: Decisions | None = None,
    leads: set[str] | None = None,
) -> list[FusedGroup]:
    """Fuse report-events into graded fused events, each with its members and link reasons.

    Arguments as `fuse_events`; decisions (Decisions | None): a user's splits and joins;
    leads (set[str] | None): each article's lead event id (`lead_events` over ALL of its
    events); computed from `events` when None.
    RETURNS (list[FusedGroup]): by date then fused id.
    """
    outlets = outlets or load_outlets()
    match_rules = match_rules or MatchRules.default()
    grade_rules = grade_rules or GradeRules.default()
    events = list(events)
    leads = lead_events(events) if leads is None else leads
    lead_texts = doc_texts(documents)
    terms = {d: text.terms for d, text in lead_texts.items()}
    texts = {d: shingles(doc.text) for d, doc in (documents or {}).items() if doc.text}
    out: list[FusedGroup] = []
    clusters = cluster_events(
        events, match_rules, leads=leads, decisions=decisions, texts=lead_texts
    )
    for group in clusters:
        event = merge_group(group, documents=documents, outlets=outlets, rules=match_rules)
        copies = find_copies(event.doc_ids, texts, match_rules.copy_similarity)
        grading = grade_event(event, grade_rules, outlets, copies)
        graded = event.model_copy(update={"grade": grading.grade, "contested": grading.contested})
        members = [e.event_id for e in group]
        reasons = _reasons(group, match_rules, leads, terms, lead_texts)
        out.append(FusedGroup(graded, members, reasons))
    out.sort(key=lambda g: (g.event.event_date or date.max, g.event.event_id))
    return out


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
    groups = fuse_groups(
        events,
        documents=documents,
        outlets=outlets,
        match_rules=match_rules,
        grade_rules=grade_rules,
    )
    return [g.event for g in groups]


@dataclass
class FuseSummary:
    """What `fuse_store` did: counts of report and fused events, by grade."""

    report_events: int
    fused_events: int
    multi_report: int
    contested: int
    by_grade: dict[str, int] = field(default_factory=dict)


def _summary(reports: int, fused: Sequence[Event]) -> FuseSummary:
    by_grade: dict[str, int] = {}
    for event in fused:
        by_grade[event.grade or "none"] = by_grade.get(event.grade or "none", 0) + 1
    return FuseSummary(
        report_events=reports,
        fused_events=len(fused),
        multi_report=sum(1 for e in fused if len(e.doc_ids) > 1),
        contested=sum(1 for e in fused if e.contested),
        by_grade=by_grade,
    )


def _lead_only(document: Document) -> Document:
    """Keep a document's metadata and the opening of its text (for lead terms), not all of it."""
    return document.model_copy(update={"text": document.text[:LEAD_CHARS]})


def store_decisions(store: Store) -> Decisions:
    """Return the user's splits and joins recorded in a store, as clustering constraints."""
    from sitrep.store.fused import load_decisions

    records = [Decision(k, tuple(a), tuple(r)) for k, a, r in load_decisions(store)]
    return Decisions.from_records(records)


def _write(store: Store, groups: Sequence[FusedGroup], remove: Sequence[str] | None) -> None:
    from sitrep.store.fused import write_fused

    write_fused(store, [(g.event, g.reasons) for g in groups], remove=remove)


def fuse_store(store: Store) -> FuseSummary:
    """Fuse every report-layer event of a store and replace its fused layer with the result.

    The user's splits and joins (`sitrep fuse split|join`) are obeyed; each fused event is
    stored with its member reports and why each was linked.

    store (Store): an open store (`sitrep.store.open_store`).
    RETURNS (FuseSummary): counts of what was read and written.
    """
    from sitrep.store import EventQuery

    reports = store.query_events(EventQuery(layer="report", limit=None))
    documents: dict[str, Document] = {}
    needed = {d for e in reports for d in e.doc_ids}
    for document in store.iter_documents():
        if document.id in needed:
            documents[document.id] = _lead_only(document)
    groups = fuse_groups(reports, documents=documents, decisions=store_decisions(store))
    _write(store, groups, None)
    return _summary(len(reports), [g.event for g in groups])


def update_fused(store: Store, doc_ids: Sequence[str]) -> FuseSummary:
    """Bring the fused layer up to date with these documents' report events, incrementally.

    Their reports, the reports they could be grouped with (same family and governorate, dates
    within the window each report's own precision allows, places close enough or articles
    sharing lead terms; chained `incremental_rounds` times: `sitrep.fuse.neighbours`) and the
    members of the fused events these touch are fused again and replace those fused events;
    the rest of the layer is left as it is. This is what `sitrep extract --fuse`, the API's
    ingest and the watcher call after storing documents. The work follows the new reports'
    neighbourhood, not the size of the store; `sitrep fuse` rebuilds the whole layer.

    store (Store): an open store.
    doc_ids (Sequence[str]): documents whose report events are new or changed.
    RETURNS (FuseSummary): counts over the fused events rewritten.
    """
    from sitrep.store.fused import fused_ids_for, members_of, report_events_of

    rules = MatchRules.default()
    cache = DocumentCache(store)
    seeds = report_events_of(store, doc_ids)
    reports = neighbourhood(store, seeds, rules, cache)
    touched = fused_ids_for(store, event_ids=list(reports), doc_ids=list(doc_ids))
    for event in members_of(store, sorted(touched), known=reports):
        reports[event.event_id] = event
    events = list(reports.values())
    docs = list(dict.fromkeys(d for e in events for d in e.doc_ids))
    # Each document's events, for its lead: the objects already read are reused, so the second
    # copy of a report is dropped as soon as it is read (memory follows the neighbourhood once).
    every = [reports.get(e.event_id, e) for e in report_events_of(store, docs)]
    groups = fuse_groups(
        events,
        documents=cache.for_events(events),
        decisions=store_decisions(store),
        leads=lead_events(every),
    )
    _write(store, groups, sorted(touched))
    return _summary(len(events), [g.event for g in groups])


def score_store(store: Store) -> list[DocumentScore]:
    """Score every document of a store against the fused record of its report events.

    store (Store): an open store.
    RETURNS (list[DocumentScore]): one per stored document, by doc id.
    """
    from sitrep.store import EventQuery

    reports = store.query_events(EventQuery(layer="report", limit=None))
    documents = {d.id: d.model_copy(update={"text": ""}) for d in store.iter_documents()}
    return score_documents(reports, documents=documents)

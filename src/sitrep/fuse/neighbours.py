"""The neighbourhood of new reports in a store: what incremental fusion must fuse them with.

A report can only be grouped with reports it could link to (same block of sub-event families and
governorate, dates within the tolerance of the coarser precision of the two, places close
enough, or articles sharing lead terms), so incremental fusion re-fuses the new reports with
the reports they could link to, chained a few rounds (`incremental_rounds` in matching.yaml),
not the whole store. Each report searches only the date window its own precision allows: a
report dated to the day looks one day either way (`text_link_days` for articles that share
lead terms), and further only for the reports dated to the week or month, whose own tolerance
is wider. The date, place and type tests run in SQL (`report_candidates`); the cost per new
report follows the reports in its window, not the size of the store.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from sitrep.fuse.match import MatchRules, match_cost, score_pair, text_link_cost
from sitrep.fuse.score import DocText, document_text
from sitrep.fuse.tables import fold_name
from sitrep.fuse.text import term_similarity
from sitrep.records import Document, Event

if TYPE_CHECKING:
    from sitrep.store import Store

__all__ = ["DocumentCache", "neighbourhood", "date_windows"]

# Characters of each stored document's text kept while fusing (its lead terms come from them).
LEAD_CHARS = 2000


@dataclass
class DocumentCache:
    """Documents read while fusing (metadata and the opening of the text only), each read once."""

    store: Store
    documents: dict[str, Document | None] = field(default_factory=dict)
    texts: dict[str, DocText | None] = field(default_factory=dict)

    def get(self, doc_id: str) -> Document | None:
        """Return the document (its text cut to LEAD_CHARS), None if it is not stored."""
        if doc_id not in self.documents:
            document = self.store.get_document(doc_id)
            if document is not None:
                document = document.model_copy(update={"text": document.text[:LEAD_CHARS]})
            self.documents[doc_id] = document
        return self.documents[doc_id]

    def text(self, event: Event) -> DocText | None:
        """Return what the event's first document gives the scored decision (None: no text)."""
        if not event.doc_ids:
            return None
        doc_id = event.doc_ids[0]
        if doc_id not in self.texts:
            document = self.get(doc_id)
            found = document_text(document) if document and document.text else None
            self.texts[doc_id] = found
        return self.texts[doc_id]

    def prefetch(self, events: Sequence[Event]) -> None:
        """Read the documents of these events not read yet, in one go."""
        from sitrep.store.fused import documents_by_id

        missing = [d for e in events for d in e.doc_ids if d not in self.documents]
        found = documents_by_id(self.store, missing) if missing else {}
        for doc_id in missing:
            document = found.get(doc_id)
            if document is not None:
                document = document.model_copy(update={"text": document.text[:LEAD_CHARS]})
            self.documents[doc_id] = document

    def for_events(self, events: Sequence[Event]) -> dict[str, Document]:
        """Return the stored documents these events rest on, by id."""
        self.prefetch(events)
        ids = dict.fromkeys(d for e in events for d in e.doc_ids)
        found = {d: self.get(d) for d in ids}
        return {d: doc for d, doc in found.items() if doc is not None}


def date_windows(precision: int, rules: MatchRules) -> dict[int, int]:
    """Days either way a report of this time_precision can link to, by the other's precision.

    The tolerance of the coarser of the two (matching.yaml `date_tolerance_days`), and at least
    `text_link_days` (articles sharing lead terms link within it whatever their precision).
    """
    tolerance = rules.date_tolerance_days
    return {
        other: max(tolerance.get(max(precision, other), 0), rules.text_link_days)
        for other in tolerance
    }


def _link_cost(a: Event, b: Event, rules: MatchRules, cache: DocumentCache) -> float | None:
    """Return the cost of linking the two reports (as leads), None if they cannot be grouped.

    With the scored decision (`link_score`) and both texts, any pair no gate rules out may end
    in one group (groups are weighed on average), so it is followed at 1 - p; else the rules,
    else shared lead terms."""
    text_a, text_b = cache.text(a), cache.text(b)
    if text_a is None or text_b is None:
        return match_cost(a, b, rules)
    if rules.link_score is not None and text_a.weighs(text_b):
        return score_pair(a, b, text_a, text_b, rules)
    cost = match_cost(a, b, rules)
    if cost is not None:
        return cost
    mine, theirs = text_a.terms, text_b.terms  # as the full rebuild (match._Context)
    if len(mine & theirs) < rules.text_link_min_shared:
        return None
    return text_link_cost(a, b, term_similarity(mine, theirs), rules)


def _block_types(rules: MatchRules, sub_event_type: str) -> list[str]:
    """The sub-event types clustered in the same block as this one (its family, or the set of
    compatible families it belongs to: `MatchRules.block`)."""
    block = rules.block(sub_event_type)
    types = [t for t in rules.families if rules.block(t) == block]
    return types or [sub_event_type]


@dataclass
class _Search:
    """Candidate reports by (governorate, block, day, precision), each window read once."""

    store: Store
    rules: MatchRules
    cache: DocumentCache
    found: dict[tuple[str, str, date, int], list[Event]] = field(default_factory=dict)

    def candidates(self, event: Event) -> list[Event]:
        if event.event_date is None or not event.admin1:
            return []
        precision = event.time_precision or 1
        block = self.rules.block(event.sub_event_type)
        key = (fold_name(event.admin1), block, event.event_date, precision)
        if key not in self.found:
            from sitrep.store.fused import report_candidates

            # the scored decision links lead reports in any governorate (a byline's place)
            anywhere = self.rules.link_score is not None
            self.found[key] = report_candidates(
                self.store,
                admin1=None if anywhere else event.admin1,
                sub_event_types=_block_types(self.rules, event.sub_event_type),
                day=event.event_date,
                windows=date_windows(precision, self.rules),
            )
            self.cache.prefetch(self.found[key])
        return self.found[key]

    def closest(self, event: Event, have: Mapping[str, Event]) -> list[Event]:
        """Return the reports not in `have` that `event` could link to, closest first, at
        most `incremental_links` of them."""
        links = []
        for other in self.candidates(event):
            if other.event_id not in have:
                cost = _link_cost(event, other, self.rules, self.cache)
                if cost is not None:
                    links.append((cost, other.event_id, other))
        links.sort(key=lambda link: link[:2])
        return [other for _, _, other in links[: self.rules.incremental_links]]


def neighbourhood(
    store: Store, seeds: Sequence[Event], rules: MatchRules, cache: DocumentCache
) -> dict[str, Event]:
    """Return the seeds with the reports they could link to, chained `incremental_rounds` times.

    Round 1 adds, for each seed, the `incremental_links` closest reports it could link to; each
    further round those of the reports the last round added; growth stops at
    `incremental_max_reports` reports (a dense stream of near-identical reports must not make
    each update read the whole store). Reports read once are reused (no second copy).
    RETURNS (dict[str, Event]): by event id, seeds first.
    """
    have = {e.event_id: e for e in seeds}
    search = _Search(store, rules, cache)
    frontier = list(seeds)
    for _round in range(max(rules.incremental_rounds, 1)):
        added: list[Event] = []
        for event in frontier:
            for other in search.closest(event, have):
                if len(have) >= rules.incremental_max_reports:
                    return have
                if other.event_id not in have:
                    have[other.event_id] = other
                    added.append(other)
        if not added:
            break
        frontier = added
    return have

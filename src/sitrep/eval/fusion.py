"""Score fusion against a set of known incidents: do two articles share a fused event?

The set (a TSV: unit_id, source, incident, split) names, for each article, the incident it
reports when another outlet reports it too (empty: a distractor). `score_fusion` compares the
fused events with it pairwise over articles (precision and recall of "these two articles share a
fused event") and per incident / per fused event. Pairs of articles of one outlet are not scored
(an outlet's follow-ups and copies are neither right nor wrong links for this set).
"""

from __future__ import annotations

import csv
import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sitrep.records import Document, Event

__all__ = [
    "FusionCase",
    "FusionFigures",
    "SPLIT_NAMES",
    "split_name",
    "in_split",
    "load_fusion_set",
    "score_fusion",
    "evaluate_fusion",
]

# The split names the eval commands take (`tune`, `held-out`; `tuning` is accepted too), and
# the label each has in a fusion set's split column.
SPLIT_NAMES = {"tune": "tune", "tuning": "tune", "held-out": "held-out"}
_SET_LABEL = {"tune": "tuning", "held-out": "held-out"}


def split_name(split: str) -> str:
    """Return the canonical name of a split ("tune" or "held-out"); "tuning" is "tune".

    RAISES ValueError: for any other name.
    """
    if split not in SPLIT_NAMES:
        raise ValueError(f"unknown split {split!r}: tune or held-out")
    return SPLIT_NAMES[split]


def in_split(case: FusionCase, split: str) -> bool:
    """Return True if a case of a fusion set belongs to this split (its canonical name or
    alias)."""
    return case.split == _SET_LABEL[split_name(split)]


@dataclass(frozen=True)
class FusionCase:
    """One article of the fusion set: its id (the document's ref), outlet, incident and split."""

    unit_id: str
    source: str
    incident: str | None
    split: str


@dataclass
class FusionFigures:
    """Pairwise and per-event figures of one fusion run on one split."""

    split: str
    articles: int
    incidents: int
    gold_pairs: int
    linked_pairs: int
    correct_pairs: int
    precision: float | None
    recall: float | None
    incidents_recovered: int
    fused_multi_article: int
    fused_pure: int
    wrong_links: list[str] = field(default_factory=list)
    missed_links: list[str] = field(default_factory=list)


def load_fusion_set(path: Path) -> list[FusionCase]:
    """Read a fusion set TSV (lines starting with '#' are comments).

    path (Path): the TSV with columns unit_id, source, incident, split.
    RETURNS (list[FusionCase]): one per article.
    """
    lines = [line for line in path.read_text("utf-8").splitlines() if not line.startswith("#")]
    return [
        FusionCase(row["unit_id"], row["source"], row["incident"] or None, row["split"])
        for row in csv.DictReader(lines, delimiter="\t")
    ]


def _pairs(groups: Iterable[set[str]], outlet: Mapping[str, str]) -> set[tuple[str, str]]:
    """Return the scored pairs (different outlets) of articles that share a group."""
    pairs: set[tuple[str, str]] = set()
    for group in groups:
        for a, b in itertools.combinations(sorted(group), 2):
            if outlet[a] != outlet[b]:
                pairs.add((a, b))
    return pairs


def _ratio(num: int, den: int) -> float | None:
    return round(num / den, 4) if den else None


def score_fusion(
    fused: Sequence[Event], ref_of: Mapping[str, str], cases: Sequence[FusionCase], split: str
) -> FusionFigures:
    """Compare fused events with the incidents of one split of the set.

    fused (Sequence[Event]): fused events (their doc_ids are document ids).
    ref_of (Mapping[str, str]): document id -> the article's unit_id.
    cases (Sequence[FusionCase]): the fusion set.
    split (str): "tune" (or "tuning") or "held-out"; articles of the other split are ignored.
    RETURNS (FusionFigures): the figures (split: its canonical name), with the wrong and
        missed links named.
    """
    chosen = {c.unit_id: c for c in cases if in_split(c, split)}
    outlet = {u: c.source for u, c in chosen.items()}
    incidents: dict[str, set[str]] = {}
    for case in chosen.values():
        if case.incident:
            incidents.setdefault(case.incident, set()).add(case.unit_id)
    linked_groups = [
        {ref_of[d] for d in event.doc_ids if ref_of.get(d) in chosen} for event in fused
    ]
    linked_groups = [g for g in linked_groups if len(g) > 1]
    gold = _pairs(incidents.values(), outlet)
    linked = _pairs(linked_groups, outlet)
    incident_of = {u: c.incident for u, c in chosen.items()}
    return FusionFigures(
        split=split_name(split),
        articles=len(chosen),
        incidents=len(incidents),
        gold_pairs=len(gold),
        linked_pairs=len(linked),
        correct_pairs=len(gold & linked),
        precision=_ratio(len(gold & linked), len(linked)),
        recall=_ratio(len(gold & linked), len(gold)),
        incidents_recovered=sum(
            1 for members in incidents.values() if any(members <= g for g in linked_groups)
        ),
        fused_multi_article=len(linked_groups),
        fused_pure=sum(
            1
            for g in linked_groups
            if len({incident_of[u] for u in g}) == 1 and incident_of[next(iter(g))]
        ),
        wrong_links=[f"{a} ({outlet[a]}) + {b} ({outlet[b]})" for a, b in sorted(linked - gold)],
        missed_links=[f"{a} ({outlet[a]}) + {b} ({outlet[b]})" for a, b in sorted(gold - linked)],
    )


def evaluate_fusion(
    documents: Sequence[Document],
    events: Sequence[Event],
    cases: Sequence[FusionCase],
    split: str,
) -> FusionFigures:
    """Fuse the report-events of one split's articles and score the result.

    documents (Sequence[Document]): the articles (each document's `ref` is its unit_id).
    events (Sequence[Event]): their report-layer events (as `extract_document` gives them).
    cases (Sequence[FusionCase]): the fusion set.
    split (str): "tune" (or "tuning") or "held-out".
    RETURNS (FusionFigures): the figures of `score_fusion`.
    """
    from sitrep.fuse import fuse_events

    chosen = {c.unit_id for c in cases if in_split(c, split)}
    docs = {d.id: d for d in documents if d.ref in chosen}
    reports = [e for e in events if any(d in docs for d in e.doc_ids)]
    fused = fuse_events(reports, documents=docs)
    ref_of = {d.id: d.ref or "" for d in docs.values()}
    return score_fusion(fused, ref_of, cases, split)


def extract_articles(
    csv_path: Path, *, cache: Path | None = None, refs: set[str] | None = None
) -> tuple[list[Document], list[Event]]:
    """Read a FA-KES-format CSV as a user would and extract every article (or only `refs`).

    The crowd's `date` column is NOT used as the publication date (it is their coding of the
    event date, the answer): each article's date comes from its own dateline, as for any text.

    csv_path (Path): the CSV.
    cache (Path | None): a JSON Lines file of extractions: read when it exists, else written.
    refs (set[str] | None): only these unit_ids (None: all).
    RETURNS (tuple[list[Document], list[Event]]): the documents and their report events.
    """
    import json

    if cache is not None and cache.exists():
        docs: list[Document] = []
        events: list[Event] = []
        for line in cache.read_text("utf-8").splitlines():
            row = json.loads(line)
            document = Document.model_validate(row["document"])
            if refs is None or document.ref in refs:
                docs.append(document)
                events.extend(Event.model_validate(e) for e in row["events"])
        return docs, events
    from sitrep.extract import extract_document
    from sitrep.ingest.corpus import csv_documents
    from sitrep.ingest.options import IngestOptions

    options = IngestOptions(date_col="\x00 no date column: the crowd's date is the answer")
    read = csv_documents(csv_path.read_bytes(), csv_path.name, options)
    docs = [d for d in read if isinstance(d, Document) and (refs is None or d.ref in refs)]
    rows, events = [], []
    for document in docs:
        found = extract_document(document).events
        events.extend(found)
        rows.append(
            json.dumps(
                {
                    "document": document.model_dump(mode="json"),
                    "events": [e.model_dump(mode="json") for e in found],
                }
            )
        )
    if cache is not None:
        cache.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return docs, events

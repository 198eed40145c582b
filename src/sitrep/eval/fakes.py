"""Score sitrep against FA-KES's crowd coding, article by article.

FA-KES gives one record per article (governorate, actor class, cause of death, casualty counts,
event date). sitrep's events are mapped onto that record through `mapping.main_event` and the
tables in fakes_mapping.yaml; docs/evaluation.md explains each choice.

Publication date: FA-KES has no publication-date column, and its `date` is the gold event date,
so a document's `published` is only the dateline its own text opens with ("21 August 2016 ...",
read by sitrep.ingest's `find_dateline`), else None; the gold date is never passed.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sitrep.errors import InputError
from sitrep.eval.mapping import FakesMapping, load_fakes_mapping, main_event
from sitrep.eval.metrics import classification_scores, confusion_matrix, share, within_pct
from sitrep.eval.runner import Outcome, extract_many
from sitrep.eval.sanity import toll_sanity
from sitrep.eval.splits import choose_split
from sitrep.records import Document, Event

__all__ = ["FakesGold", "FakesResult", "read_fakes", "score_fakes", "evaluate_fakes", "COUNTS"]

# FA-KES column -> sitrep Victims field.
COUNTS: dict[str, str] = {
    "nb_civilians": "civilians",
    "nb_children": "children",
    "nb_women": "women",
    "nb_noncivilians": "combatants",
}
CATEGORICAL = ("location", "actor", "cause_of_death")
REQUIRED_COLUMNS = {"article_content", "date", "location", "actor", "cause_of_death", *COUNTS}


@dataclass
class FakesGold:
    """One FA-KES row: the article and the crowd's coding."""

    unit_id: str
    title: str
    text: str
    source: str
    event_date: date | None
    location: str
    actor: str
    cause_of_death: str
    counts: dict[str, int]


def _int(value: str) -> int:
    try:
        return int(float(value))
    except ValueError:
        return 0


def _date(value: str) -> date | None:
    for fmt in ("%m/%d/%y", "%m/%d/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(value.strip(), fmt).date()
        except ValueError:
            continue
    return None


def read_fakes(path: Path, limit: int | None = None) -> list[FakesGold]:
    """Read a FA-KES-format CSV.

    path (Path): the CSV (columns as in FA-KES: article_content, date M/D/YY, location, ...).
    limit (int | None): read at most this many rows.
    RETURNS (list[FakesGold]): the rows, in file order.
    """
    try:
        handle = path.open(newline="", encoding="utf-8", errors="replace")
    except OSError as exc:
        raise InputError(f"Cannot read {path}: {exc.strerror}", code="E101") from exc
    with handle:
        reader = csv.DictReader(handle)
        missing = REQUIRED_COLUMNS - set(reader.fieldnames or [])
        if missing:
            raise InputError(
                f"{path} is not a FA-KES CSV: missing columns {', '.join(sorted(missing))}",
                code="E102",
            )
        rows = []
        for i, row in enumerate(reader):
            if limit is not None and i >= limit:
                break
            rows.append(
                FakesGold(
                    unit_id=row.get("unit_id") or str(i + 1),
                    title=row.get("article_title") or "",
                    text=row["article_content"],
                    source=row.get("source") or "",
                    event_date=_date(row["date"]),
                    location=row["location"].strip().lower(),
                    actor=row["actor"].strip().lower(),
                    cause_of_death=row["cause_of_death"].strip().lower(),
                    counts={col: _int(row[col]) for col in COUNTS},
                )
            )
    return rows


def dateline(text: str) -> date | None:
    """Return the date the article's text opens with (its dateline), via sitrep.ingest if present.

    text (str): the article text (not the title, not the gold date).
    RETURNS (date | None): the dateline's date, None without one (or without sitrep.ingest).
    """
    try:
        from sitrep.ingest.dates import find_dateline
    except ImportError:
        return None
    return find_dateline(text)


def to_document(gold: FakesGold) -> Document:
    """Build the input Document of a FA-KES row, as `sitrep ingest` would from its text column.

    The text is `article_content`; `published` is the article's own dateline when its text
    opens with one (never the gold `date` column: that is the answer being scored).
    """
    return Document.from_text(
        gold.text,
        ref=f"fakes:{gold.unit_id}",
        title=gold.title or None,
        outlet=gold.source or None,
        published=dateline(gold.text),
    )


def predicted_counts(event: Event | None) -> dict[str, int]:
    """Return the FA-KES counts sitrep gives for an event (unknown counts as 0, as FA-KES does).

    When the event's victims give no civilian figure but its actor2 is civilians, its fatalities
    count as civilians (ACLED codes civilian victims as actor2).
    """
    if event is None:
        return {col: 0 for col in COUNTS}
    counts = {col: getattr(event.victims, name) or 0 for col, name in COUNTS.items()}
    if (
        event.victims.civilians is None
        and (event.actor2 or "").lower().startswith("civilians")
        and event.fatalities
    ):
        counts["nb_civilians"] = event.fatalities
    return counts


@dataclass
class FakesResult:
    """One article's gold and predicted record, and the evidence behind the prediction."""

    gold: FakesGold
    n_events: int
    predicted: dict[str, Any]
    evidence: list[str] = field(default_factory=list)
    error: str | None = None

    def misses(self) -> list[str]:
        """Return the fields predicted wrongly (counts exact, date within ±1 day)."""
        wrong = [f for f in CATEGORICAL if self.predicted[f] != getattr(self.gold, f)]
        wrong += [c for c in COUNTS if self.predicted[c] != self.gold.counts[c]]
        pd, gd = self.predicted["event_date"], self.gold.event_date
        if gd is not None and (pd is None or abs((pd - gd).days) > 1):
            wrong.append("event_date")
        return wrong


def result_for(gold: FakesGold, outcome: Outcome, mapping: FakesMapping) -> FakesResult:
    """Map one article's extraction onto a FA-KES record."""
    events = outcome.extraction.events if outcome.extraction else []
    event = main_event(events, mapping)
    predicted: dict[str, Any] = {
        "location": mapping.governorate(event.admin1 if event else None),
        "actor": mapping.actor_class(event),
        "cause_of_death": mapping.cause(event),
        "event_date": event.event_date if event else None,
        **predicted_counts(event),
    }
    evidence: list[str] = []
    if event is not None:
        for ev in event.evidence:
            if ev.text not in evidence:
                evidence.append(ev.text)
    return FakesResult(gold, len(events), predicted, evidence, outcome.error)


def score_fakes(results: list[FakesResult]) -> dict[str, Any]:
    """Compute the FA-KES figures over article results.

    results (list[FakesResult]): one per article.
    RETURNS (dict): {"n", "errors", "no_event", "categorical": {field: {...}},
        "counts": {col: {...}}, "date": {...}, "confusion": {field: {"labels", "matrix"}}}.
    """
    n = len(results)
    out: dict[str, Any] = {
        "n": n,
        "errors": sum(r.error is not None for r in results),
        "no_event": sum(r.n_events == 0 for r in results),
        "events_per_article": share(sum(r.n_events for r in results), n),
        "categorical": {},
        "counts": {},
        "confusion": {},
    }
    for f in CATEGORICAL:
        gold = [getattr(r.gold, f) for r in results]
        pred = [r.predicted[f] for r in results]
        s = classification_scores(gold, pred)
        out["categorical"][f] = {
            "accuracy": s.accuracy,
            "macro_f1": s.macro_f1,
            "weighted_f1": s.weighted_f1,
        }
        labels, matrix = confusion_matrix(gold, pred)
        out["confusion"][f] = {"labels": labels, "matrix": matrix}
    for col in COUNTS:
        pairs = [(r.predicted[col], r.gold.counts[col]) for r in results]
        nonzero = [(p, g) for p, g in pairs if g > 0]
        out["counts"][col] = {
            "exact": share(sum(p == g for p, g in pairs), n),
            "within_20pct": share(sum(within_pct(p, g) for p, g in pairs), n),
            "exact_where_gold_nonzero": share(sum(p == g for p, g in nonzero), len(nonzero)),
            "n_gold_nonzero": len(nonzero),
            "mean_abs_error": share(sum(abs(p - g) for p, g in pairs), n),
        }
    dated = [r for r in results if r.gold.event_date is not None]
    diffs = [
        abs((r.predicted["event_date"] - r.gold.event_date).days)
        for r in dated
        if r.predicted["event_date"] is not None
    ]
    out["date"] = {
        "n": len(dated),
        "predicted": share(len(diffs), len(dated)),
        "exact": share(sum(d == 0 for d in diffs), len(dated)),
        "within_1_day": share(sum(d <= 1 for d in diffs), len(dated)),
    }
    return out


def worst(results: Iterable[FakesResult], k: int) -> list[FakesResult]:
    """Return the k articles with most wrong fields (more gold victims first on ties)."""
    ranked = sorted(
        results,
        key=lambda r: (len(r.misses()), sum(r.gold.counts.values())),
        reverse=True,
    )
    return [r for r in ranked[:k] if r.misses()]


def evaluate_fakes(
    path: Path, *, limit: int | None = None, workers: int = 1, split: str | None = None
) -> tuple[dict[str, Any], list[FakesResult]]:
    """Run the extractor on a FA-KES CSV and score it.

    path (Path): FA-KES-format CSV.
    limit (int | None): score only the first `limit` articles.
    workers (int): extraction worker processes.
    split (str | None): "tune" or "all" (FA-KES dev is tuning data: "held-out" is an error).
    RETURNS (tuple): (figures as `score_fakes` returns them, per-article results).
    """
    chosen = choose_split("fakes", path, split)
    mapping = load_fakes_mapping()
    golds = read_fakes(path, limit)
    documents = [to_document(g) for g in golds]
    outcomes = list(extract_many(documents, workers))
    results = [result_for(g, outcome, mapping) for g, outcome in zip(golds, outcomes, strict=True)]
    figures = score_fakes(results)
    figures["corpus"] = f"{path}: {chosen.label}"
    figures["split"] = chosen.name
    figures["sanity"] = toll_sanity(
        (
            f"fakes:{g.unit_id}",
            o.extraction.events if o.extraction else [],
            g.counts["nb_civilians"] + g.counts["nb_noncivilians"],
        )
        for g, o in zip(golds, outcomes, strict=True)
    )
    return figures, results

"""Score sitrep against ACLED's own coding, with ACLED's `notes` as the input text.

Rows that share one `notes` text are one input whose gold is several events (ACLED splits a
multi-location report into one row per place). Predicted events are paired with gold events of
the same note by optimal assignment on place first (distance, location name, admin1) and type
second; unpaired gold events count as misses in every field.

Coder remarks ("Unknown fatalities coded as 10.", "[size=no report]", ", coded as 10,") are
removed from every note before extraction (`strip_coder_remarks`, patterns in
coder_remarks.yaml): news never contains them, and the figures should measure what a news reader
gets.

Dates: documents get `published=None`. Passing the gold `event_date` as the publication date would
leak the answer into the date score, so the date is scored twice: over all events, and over the
events whose note states a calendar date ("On 9 May 2020, ..."), with that share reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from sitrep.eval.corpus import read_gold_csv
from sitrep.eval.mapping import actor_key, load_fakes_mapping, read_yaml
from sitrep.eval.metrics import (
    assign,
    classification_scores,
    confusion_matrix,
    haversine_km,
    share,
)
from sitrep.eval.runner import events_per_document
from sitrep.eval.sanity import toll_sanity
from sitrep.eval.splits import Split, choose_split
from sitrep.ingest.dates import MONTH_NAMES
from sitrep.records import Document, Event

__all__ = [
    "AcledGold",
    "AcledNote",
    "read_acled",
    "score_acled",
    "evaluate_acled",
    "states_date",
    "strip_coder_remarks",
]

NONE = "(none)"
_MONTHS = "|".join(MONTH_NAMES)
_STATED_DATE = re.compile(rf"\b(\d{{1,2}} ({_MONTHS}) \d{{4}}|({_MONTHS}) \d{{1,2}},? \d{{4}})\b")
REQUIRED_COLUMNS = {"notes", "event_date", "event_type", "sub_event_type", "actor1"}


# A sentence ends at . ! ? before a capital, digit, quote or parenthesis ("killed.Unknown" too).
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[\"'(A-Z0-9])|(?<=[a-z]{2}[.!?])(?=[A-Z])")


@dataclass(frozen=True)
class CoderRemarks:
    """The patterns of coder_remarks.yaml: spans removed anywhere, sentences removed whole."""

    spans: tuple[re.Pattern[str], ...]
    sentences: tuple[re.Pattern[str], ...]


@lru_cache(maxsize=1)
def load_coder_remarks() -> CoderRemarks:
    """Load coder_remarks.yaml once (patterns compiled case-insensitively)."""
    data = read_yaml("coder_remarks.yaml")
    return CoderRemarks(
        spans=tuple(re.compile(p, re.IGNORECASE) for p in data["spans"]),
        sentences=tuple(re.compile(p, re.IGNORECASE) for p in data["sentences"]),
    )


def strip_coder_remarks(notes: str) -> str:
    """Remove an ACLED coder's remarks from a note, keeping the news it summarises.

    "Unknown fatalities coded as 10.", "[size=no report]", "3 fatalities." and ", coded as 10,"
    go; "No fatalities were reported." stays. Patterns: coder_remarks.yaml beside this module.
    notes (str): an ACLED `notes` text.
    RETURNS (str): the note without the remarks, whitespace collapsed.
    """
    remarks = load_coder_remarks()
    text = notes
    for pattern in remarks.spans:
        text = pattern.sub("", text)
    kept = [
        sentence
        for sentence in _SENTENCE_BREAK.split(" ".join(text.split()))
        if not any(p.search(sentence) for p in remarks.sentences)
    ]
    return " ".join(" ".join(kept).split())


def states_date(notes: str) -> bool:
    """Return whether a note states a full calendar date ("9 May 2020", "May 9, 2020")."""
    return _STATED_DATE.search(notes) is not None


@dataclass
class AcledGold:
    """One ACLED row's coding (the gold)."""

    event_id: str
    event_date: date | None
    event_type: str
    sub_event_type: str
    actor1: str | None
    assoc_actor_1: str | None
    actor2: str | None
    assoc_actor_2: str | None
    admin1: str | None
    location: str | None
    latitude: float | None
    longitude: float | None
    fatalities: int | None


@dataclass
class AcledNote:
    """One input: a notes text and the gold events coded from it."""

    notes: str
    golds: list[AcledGold]


def _opt(value: str | None) -> str | None:
    value = (value or "").strip()
    return None if value in {"", "NA"} else value


def _float(value: str | None) -> float | None:
    text = _opt(value)
    try:
        return float(text) if text else None
    except ValueError:
        return None


def _date(value: str) -> date | None:
    for fmt in ("%d-%b-%y", "%d %B %Y", "%Y-%m-%d", "%d-%B-%Y"):
        try:
            return datetime.strptime(value.strip(), fmt).date()
        except ValueError:
            continue
    return None


def read_acled(
    path: Path, limit: int | None = None, spread: bool = False, split: Split | None = None
) -> list[AcledNote]:
    """Read an ACLED CSV (plain or .gz) and group its rows by `notes`.

    path (Path): the export.
    limit (int | None): keep only `limit` distinct notes.
    spread (bool): take the `limit` notes evenly spaced over the file (a file sorted by date
        then covers all its years) instead of the first ones.
    split (Split | None): keep only the rows whose event year is in the split.
    RETURNS (list[AcledNote]): notes in order of first appearance.
    """
    reader = read_gold_csv(path, REQUIRED_COLUMNS, "an ACLED CSV")
    notes: dict[str, AcledNote] = {}
    for row in reader:
        text = (row.get("notes") or "").strip()
        when = _date(row["event_date"])
        if not text or (split is not None and not split.keeps(when.year if when else None)):
            continue
        if text not in notes:
            if limit is not None and not spread and len(notes) >= limit:
                continue
            notes[text] = AcledNote(text, [])
        fatalities = _opt(row.get("fatalities"))
        notes[text].golds.append(
            AcledGold(
                event_id=row.get("event_id_cnty") or "",
                event_date=when,
                event_type=row["event_type"],
                sub_event_type=row["sub_event_type"],
                actor1=_opt(row.get("actor1")),
                assoc_actor_1=_opt(row.get("assoc_actor_1")),
                actor2=_opt(row.get("actor2")),
                assoc_actor_2=_opt(row.get("assoc_actor_2")),
                admin1=_opt(row.get("admin1")),
                location=_opt(row.get("location")),
                latitude=_float(row.get("latitude")),
                longitude=_float(row.get("longitude")),
                fatalities=int(fatalities) if fatalities and fatalities.isdigit() else None,
            )
        )
    grouped = list(notes.values())
    if spread and limit is not None and len(grouped) > limit:
        step = len(grouped) / limit
        grouped = [grouped[int(i * step)] for i in range(limit)]
    return grouped


def _admin1(name: str | None) -> str | None:
    return load_fakes_mapping().governorate(name) if name else None


def _distance(gold: AcledGold, event: Event) -> float | None:
    if None in (gold.latitude, gold.longitude, event.latitude, event.longitude):
        return None
    return haversine_km(gold.latitude, gold.longitude, event.latitude, event.longitude)  # type: ignore[arg-type]


def _no_country(key: str | None) -> str | None:
    """Drop a trailing "(country)" from a normalised actor name ("civilians (mexico)")."""
    return re.sub(r"\s*\([^()]*\)$", "", key) if key else key


def _within(distance: float | None, km: float) -> bool:
    return distance is not None and distance <= km


def pair_score(gold: AcledGold, event: Event) -> float:
    """Score how well a predicted event fits a gold event: place first, then type.

    RETURNS (float): 0.1 (any pair may be made) plus up to 3 for distance, 2 for the same
        location name, 1 for the same admin1, 1 for the same sub-event type, 0.5 for the type.
    """
    score = 0.1
    d = _distance(gold, event)
    if d is not None:
        score += 3 * max(0.0, 1 - d / 50)
    if gold.location and event.location and gold.location.lower() == event.location.lower():
        score += 2
    if gold.admin1 and _admin1(gold.admin1) == _admin1(event.admin1):
        score += 1
    score += (gold.sub_event_type == event.sub_event_type) + 0.5 * (
        gold.event_type == event.event_type
    )
    return score


def match_note(golds: list[AcledGold], events: list[Event]) -> list[Event | None]:
    """Return, for each gold event, the predicted event paired with it (None if unpaired)."""
    pairs = assign([[pair_score(g, e) for e in events] for g in golds])
    paired: list[Event | None] = [None] * len(golds)
    for i, j in pairs:
        paired[i] = events[j]
    return paired


def score_acled(notes: list[AcledNote], predictions: list[list[Event]]) -> dict[str, Any]:
    """Compute the ACLED figures.

    notes (list[AcledNote]): the inputs with their gold events.
    predictions (list[list[Event]]): sitrep's events per note, same order.
    RETURNS (dict): counts, type/sub-type scores with macro and weighted F1, field match shares,
        distance shares and date shares (all as fractions of gold events unless stated).
    """
    rows: list[tuple[AcledGold, Event | None, bool]] = []
    n_pred = 0
    for note, events in zip(notes, predictions, strict=True):
        n_pred += len(events)
        dated = states_date(note.notes)
        for gold, event in zip(note.golds, match_note(note.golds, events), strict=True):
            rows.append((gold, event, dated))
    n = len(rows)
    matched = [(g, e, d) for g, e, d in rows if e is not None]
    out: dict[str, Any] = {
        "notes": len(notes),
        "gold_events": n,
        "predicted_events": n_pred,
        "matched": len(matched),
        "missed": n - len(matched),
        "spurious": n_pred - len(matched),
        "notes_without_prediction": sum(not p for p in predictions),
        "confusion": {},
    }
    for f in ("event_type", "sub_event_type"):
        gold_labels = [str(getattr(g, f)) for g, _, _ in rows]
        pred_labels = [str(getattr(e, f)) if e else NONE for _, e, _ in rows]
        s = classification_scores(gold_labels, pred_labels)
        out[f] = {"accuracy": s.accuracy, "macro_f1": s.macro_f1, "weighted_f1": s.weighted_f1}
        labels, matrix = confusion_matrix(gold_labels, pred_labels)
        out["confusion"][f] = {"labels": labels, "matrix": matrix}

    def hits(test: Any) -> float | None:
        return share(sum(bool(e is not None and test(g, e)) for g, e, _ in rows), n)

    out["actor1"] = hits(lambda g, e: actor_key(g.actor1) == actor_key(e.actor1))
    out["actor2"] = hits(lambda g, e: actor_key(g.actor2) == actor_key(e.actor2))
    out["actors_any_order"] = hits(
        lambda g, e: (
            {actor_key(g.actor1), actor_key(g.actor2)} == {actor_key(e.actor1), actor_key(e.actor2)}
        )
    )
    out["actor1_any_country"] = hits(
        lambda g, e: _no_country(actor_key(g.actor1)) == _no_country(actor_key(e.actor1))
    )
    out["actor2_any_country"] = hits(
        lambda g, e: _no_country(actor_key(g.actor2)) == _no_country(actor_key(e.actor2))
    )
    out["admin1"] = hits(lambda g, e: _admin1(g.admin1) == _admin1(e.admin1))
    out["located"] = hits(lambda g, e: e.latitude is not None)
    for km in (5, 25):
        out[f"within_{km}km"] = hits(lambda g, e, km=km: _within(_distance(g, e), km))
    out["fatalities"] = hits(lambda g, e: (e.fatalities or 0) == (g.fatalities or 0))
    out["event_date"] = hits(lambda g, e: e.event_date == g.event_date)
    dated_rows = [(g, e) for g, e, d in rows if d]
    out["notes_stating_date"] = share(sum(states_date(note.notes) for note in notes), len(notes))
    out["event_date_where_stated"] = share(
        sum(bool(e is not None and e.event_date == g.event_date) for g, e in dated_rows),
        len(dated_rows),
    )
    return out


def _gold_toll(note: AcledNote) -> int | None:
    known = [g.fatalities for g in note.golds if g.fatalities is not None]
    return sum(known) if known else None


def evaluate_acled(
    path: Path,
    *,
    limit: int | None = None,
    workers: int = 1,
    spread: bool = False,
    split: str | None = None,
) -> dict[str, Any]:
    """Run the extractor on ACLED notes and score it against the ACLED rows.

    path (Path): ACLED CSV or CSV.GZ with a `notes` column.
    limit (int | None): use only `limit` distinct notes (the first ones, unless `spread`).
    workers (int): extraction worker processes.
    spread (bool): take the `limit` notes evenly spaced over the file.
    split (str | None): "tune", "held-out" or "all" (`sitrep.eval.splits`; default: tune for
        a known corpus, all for another file).
    RETURNS (dict): the figures of `score_acled`, plus "corpus", "split" and "errors".
    """
    chosen = choose_split("acled", path, split)
    notes = read_acled(path, limit, spread, chosen)
    documents = [
        Document.from_text(
            strip_coder_remarks(note.notes), ref=f"acled:{note.golds[0].event_id}", published=None
        )
        for note in notes
    ]
    predictions, errors = events_per_document(documents, workers)
    figures = score_acled(notes, predictions)
    figures["sanity"] = toll_sanity(
        (f"acled:{note.golds[0].event_id}", events, _gold_toll(note))
        for note, events in zip(notes, predictions, strict=True)
    )
    spread_note = f", {limit} notes spread over the split" if spread else ""
    figures["corpus"] = f"{path}: {chosen.label}{spread_note}"
    figures["split"] = chosen.name
    figures["errors"] = errors
    return figures

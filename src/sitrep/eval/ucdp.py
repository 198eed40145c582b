"""Score sitrep against UCDP GED Syria events, with the source headlines as the input text.

UCDP GED codes each event with the headlines of the articles it was coded from
(`source_headline`, several joined by ";") and their publication dates (`source_date`). Rows
sharing one headline text are one input with several gold events (one per place); predicted
events are paired with them by optimal assignment on distance first, type second.

The publication date given to the extractor is the earliest `source_date`, the date the
articles appeared: a fact a news reader has, not UCDP's coded event date (`date_start`).

Figures: inputs yielding an event; gold events paired; event family agreeing with
type_of_violence (approximate, ucdp_types.yaml); fatalities equal to `best` and within
`low`..`high`; the paired place within 25 km of UCDP's point.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from sitrep.eval.corpus import read_gold_csv
from sitrep.eval.mapping import read_yaml
from sitrep.eval.metrics import assign, haversine_km, share
from sitrep.eval.runner import events_per_document
from sitrep.eval.splits import Split, choose_split
from sitrep.records import Document, Event

__all__ = ["UcdpGold", "UcdpInput", "read_ucdp", "score_ucdp", "evaluate_ucdp"]

REQUIRED_COLUMNS = {"id", "country", "type_of_violence", "date_start", "source_headline", "best"}


@dataclass
class UcdpGold:
    """One UCDP GED event (the gold)."""

    event_id: str
    date_start: date | None
    type_of_violence: int
    best: int
    low: int | None
    high: int | None
    latitude: float | None
    longitude: float | None
    place: str | None


@dataclass
class UcdpInput:
    """One input: the distinct headlines of an event's sources, their first date, the golds."""

    text: str
    published: date | None
    golds: list[UcdpGold]


@lru_cache(maxsize=1)
def families() -> dict[int, frozenset[str]]:
    """The ACLED event types that agree with each UCDP type_of_violence (ucdp_types.yaml)."""
    return {int(k): frozenset(v) for k, v in read_yaml("ucdp_types.yaml").items()}


def _int(value: str | None) -> int | None:
    text = (value or "").strip()
    return int(float(text)) if text else None


def _float(value: str | None) -> float | None:
    text = (value or "").strip()
    return float(text) if text else None


def _day(value: str) -> date | None:
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def _text(headlines: str) -> str:
    """The distinct headlines, one paragraph each, in order."""
    distinct = dict.fromkeys(h.strip() for h in headlines.split(";") if h.strip())
    return "\n\n".join(distinct)


def _published(source_dates: str) -> date | None:
    days = [d for d in (_day(v) for v in source_dates.split(";") if v.strip()) if d]
    return min(days) if days else None


def read_ucdp(
    path: Path, split: Split | None = None, limit: int | None = None, spread: bool = False
) -> list[UcdpInput]:
    """Read the Syria rows with a headline, grouped by headline text.

    path (Path): GED CSV (plain or .gz).
    split (Split | None): keep only the rows whose date_start year is in the split.
    limit (int | None): keep `limit` inputs: the first ones, or evenly spaced with `spread`.
    spread (bool): take the `limit` inputs evenly spaced over the file (it is sorted by date).
    RETURNS (list[UcdpInput]): inputs in order of first appearance.
    """
    inputs: dict[str, UcdpInput] = {}
    for row in read_gold_csv(path, REQUIRED_COLUMNS, "a UCDP GED CSV"):
        start = _day(row["date_start"])
        if row["country"] != "Syria" or not row["source_headline"].strip():
            continue
        if split is not None and not split.keeps(start.year if start else None):
            continue
        text = _text(row["source_headline"])
        if text not in inputs:
            inputs[text] = UcdpInput(text, _published(row.get("source_date") or ""), [])
        inputs[text].golds.append(
            UcdpGold(
                event_id=row["id"],
                date_start=start,
                type_of_violence=int(row["type_of_violence"]),
                best=_int(row["best"]) or 0,
                low=_int(row.get("low")),
                high=_int(row.get("high")),
                latitude=_float(row.get("latitude")),
                longitude=_float(row.get("longitude")),
                place=(row.get("where_coordinates") or "").strip() or None,
            )
        )
    grouped = list(inputs.values())
    if limit is not None and len(grouped) > limit:
        step = len(grouped) / limit if spread else 1
        grouped = [grouped[int(i * step)] for i in range(limit)]
    return grouped


def _distance(gold: UcdpGold, event: Event) -> float | None:
    if None in (gold.latitude, gold.longitude, event.latitude, event.longitude):
        return None
    return haversine_km(gold.latitude, gold.longitude, event.latitude, event.longitude)  # type: ignore[arg-type]


def _family_agrees(gold: UcdpGold, event: Event) -> bool:
    return event.event_type in families().get(gold.type_of_violence, frozenset())


def pair_score(gold: UcdpGold, event: Event) -> float:
    """0.1 (any pair may be made) + up to 3 for distance (0 at 50 km) + 1 for the family."""
    d = _distance(gold, event)
    near = 3 * max(0.0, 1 - d / 50) if d is not None else 0.0
    return 0.1 + near + _family_agrees(gold, event)


def score_ucdp(inputs: list[UcdpInput], predictions: list[list[Event]]) -> dict[str, Any]:
    """Compute the UCDP figures (shares of gold events unless stated).

    inputs (list[UcdpInput]): the inputs with their gold events.
    predictions (list[list[Event]]): sitrep's events per input, same order.
    RETURNS (dict): counts, yield, paired, family, fatalities and distance shares.
    """
    pairs: list[tuple[UcdpGold, Event | None]] = []
    for item, events in zip(inputs, predictions, strict=True):
        paired: list[Event | None] = [None] * len(item.golds)
        for i, j in assign([[pair_score(g, e) for e in events] for g in item.golds]):
            paired[i] = events[j]
        pairs.extend(zip(item.golds, paired, strict=True))
    n = len(pairs)

    def hits(test: Any) -> float | None:
        return share(sum(bool(e is not None and test(g, e)) for g, e in pairs), n)

    def in_range(g: UcdpGold, e: Event) -> bool:
        low, high = g.low if g.low is not None else g.best, g.high if g.high is not None else g.best
        return low <= (e.fatalities or 0) <= high

    d25 = [(g, e) for g, e in pairs if e is not None and _distance(g, e) is not None]
    return {
        "inputs": len(inputs),
        "gold_events": n,
        "predicted_events": sum(len(p) for p in predictions),
        "inputs_with_event": share(sum(bool(p) for p in predictions), len(inputs)),
        "paired": hits(lambda g, e: True),
        "family_approx": hits(_family_agrees),
        "fatalities_best": hits(lambda g, e: (e.fatalities or 0) == g.best),
        "fatalities_low_high": hits(in_range),
        "located": hits(lambda g, e: e.latitude is not None),
        "within_25km": hits(lambda g, e: (_distance(g, e) or 1e9) <= 25),
        "within_25km_of_located": share(
            sum((_distance(g, e) or 1e9) <= 25 for g, e in d25 if e is not None), len(d25)
        ),
    }


def evaluate_ucdp(
    path: Path,
    *,
    split: str | None = None,
    limit: int | None = None,
    spread: bool = False,
    workers: int = 1,
) -> dict[str, Any]:
    """Run the extractor on UCDP GED Syria headlines and score it against the GED rows.

    path (Path): GED CSV or CSV.GZ.
    split (str | None): "tune" (2016-17, the default), "held-out" (2018-19) or "all".
    limit (int | None): use only `limit` inputs (the first ones, unless `spread`).
    spread (bool): take the `limit` inputs evenly spaced over the split.
    workers (int): extraction worker processes.
    RETURNS (dict): the figures of `score_ucdp`, plus "corpus", "split" and "errors".
    """
    chosen = choose_split("ucdp", path, split)
    inputs = read_ucdp(path, chosen, limit, spread)
    documents = [
        Document.from_text(i.text, ref=f"ucdp:{i.golds[0].event_id}", published=i.published)
        for i in inputs
    ]
    predictions, errors = events_per_document(documents, workers)
    figures = score_ucdp(inputs, predictions)
    spread_note = f", {limit} inputs spread over the split" if spread else ""
    figures["corpus"] = f"{path}: {chosen.label}{spread_note}"
    figures["split"] = chosen.name
    figures["errors"] = errors
    return figures

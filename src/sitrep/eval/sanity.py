"""The toll sanity report: what an analyst checks first in a coded corpus.

Sorting events by fatalities shows the worst errors at once: a war-wide total ("the conflict
has killed 170,000") coded as one event's toll, a background figure, a count read twice. This
report gives the sum of predicted fatalities against the gold sum and the largest single-event
tolls with the sentence each was read from, so they can be checked by eye.

Used by `sitrep eval fakes` and `sitrep eval acled` (eval/fakes.py, eval/acled.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from rich.markup import escape
from rich.table import Table

from sitrep.records import Event

__all__ = ["TollRow", "toll_sanity", "sanity_tables"]


@dataclass(frozen=True)
class TollRow:
    """One predicted event's toll and where it was read."""

    fatalities: int
    doc_ref: str
    sub_event_type: str
    evidence: str


def _evidence(event: Event) -> str:
    for field in ("fatalities", "victims", "sub_event_type"):
        for ev in event.evidence:
            if ev.field == field and ev.text:
                return ev.text
    return ""


def toll_sanity(
    articles: Iterable[tuple[str, Sequence[Event], int | None]], k: int = 10
) -> dict[str, Any]:
    """Compare predicted and gold fatality sums and list the k largest predicted tolls.

    articles: (document ref, its predicted events, its gold toll or None when the gold gives
        none) per document.
    k (int): how many of the largest tolls to list.
    RETURNS (dict): {"predicted_sum", "gold_sum", "ratio", "largest_gold", "largest_predicted",
        "over_largest_gold", "largest": [{"fatalities", "doc_ref", "sub_event_type",
        "evidence"}, ...]}; ratio is predicted/gold (None when the gold sum is 0).
    """
    rows: list[TollRow] = []
    gold_sum = 0
    largest_gold = 0
    for ref, events, gold in articles:
        if gold is not None:
            gold_sum += gold
            largest_gold = max(largest_gold, gold)
        for event in events:
            if event.fatalities:
                rows.append(TollRow(event.fatalities, ref, event.sub_event_type, _evidence(event)))
    rows.sort(key=lambda r: -r.fatalities)
    predicted_sum = sum(r.fatalities for r in rows)
    return {
        "predicted_sum": predicted_sum,
        "gold_sum": gold_sum,
        "ratio": predicted_sum / gold_sum if gold_sum else None,
        "largest_gold": largest_gold,
        "largest_predicted": rows[0].fatalities if rows else 0,
        "over_largest_gold": sum(r.fatalities > largest_gold for r in rows),
        "largest": [
            {
                "fatalities": r.fatalities,
                "doc_ref": r.doc_ref,
                "sub_event_type": r.sub_event_type,
                "evidence": r.evidence,
            }
            for r in rows[:k]
        ],
    }


def sanity_tables(sanity: dict[str, Any]) -> list[Table]:
    """Return the sanity report as rich tables (sums, then the largest tolls)."""
    head = Table(title="Toll sanity (all predicted events)", title_justify="left")
    for col in ("figure", "value"):
        head.add_column(col, justify="left" if col == "figure" else "right")
    ratio = sanity["ratio"]
    head.add_row("sum of predicted fatalities", str(sanity["predicted_sum"]))
    head.add_row("sum of gold fatalities", str(sanity["gold_sum"]))
    head.add_row("predicted / gold", f"{ratio:.2f}" if ratio is not None else "-")
    head.add_row("largest gold toll", str(sanity["largest_gold"]))
    head.add_row("largest predicted toll", str(sanity["largest_predicted"]))
    head.add_row("events above the largest gold toll", str(sanity["over_largest_gold"]))
    top = Table(
        title=f"Largest {len(sanity['largest'])} predicted tolls",
        title_justify="left",
        show_lines=True,
    )
    for col in ("toll", "document", "sub-event type", "evidence"):
        top.add_column(col, overflow="fold", justify="right" if col == "toll" else "left")
    for row in sanity["largest"]:
        top.add_row(
            str(row["fatalities"]),
            escape(row["doc_ref"]),
            escape(row["sub_event_type"]),
            escape(row["evidence"][:240]),
        )
    return [head, top]

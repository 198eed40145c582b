"""`sitrep fuse` and `sitrep credibility`: fuse reports across articles; score the articles."""

from __future__ import annotations

import csv
import json
import sys

import typer

from sitrep.cli import app
from sitrep.cli.options import DbOption, FormatOption, OutputFormat, run_cli, stderr

__all__ = ["fuse_cli", "credibility_cli"]


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


@app.command("fuse")
@run_cli
def fuse_cli(db: DbOption = None) -> None:
    """Fuse the reports of each event across articles into the graded fused layer.

    Reads every report-layer event, groups the reports of one event (same sub-event family,
    close dates and places), merges them keeping each source's claim, grades each fused event
    (confirmed / fair / weak / contested) and replaces the fused layer. Example:

        sitrep fuse --db events.db && sitrep events --db events.db --layer fused
    """
    from sitrep.fuse.fusion import fuse_store
    from sitrep.store import open_store

    store = open_store(db)
    try:
        summary = fuse_store(store)
    finally:
        store.close()
    grades = ", ".join(f"{k} {v}" for k, v in sorted(summary.by_grade.items())) or "none"
    typer.echo(
        f"{summary.report_events} report events -> {summary.fused_events} fused events "
        f"({summary.multi_report} from more than one document; {summary.contested} contested). "
        f"Grades: {grades}."
    )


@app.command("credibility")
@run_cli
def credibility_cli(db: DbOption = None, fmt: FormatOption = OutputFormat.table) -> None:
    """List each stored article's credibility against the fused record, with the reasons.

    The score in [0, 1] weighs how many of the article's events other outlets also report, how
    far its date, place, actor and fatalities agree with the fused values, and its outlet's
    type. Example:

        sitrep credibility --db events.db --format csv > scores.csv
    """
    from sitrep.fuse.fusion import score_store
    from sitrep.store import open_store

    store = open_store(db)
    try:
        scores = score_store(store)
    finally:
        store.close()
    stderr.print(f"{len(scores)} documents scored", highlight=False)
    if fmt is OutputFormat.json:
        typer.echo(json.dumps([s.model_dump(mode="json") for s in scores], indent=2))
    elif fmt is OutputFormat.jsonl:
        for score in scores:
            typer.echo(score.model_dump_json())
    elif fmt is OutputFormat.csv:
        columns = ["doc_id", "ref", "outlet", "score", "n_events", "n_corroborated", "agreement"]
        writer = csv.writer(sys.stdout)
        writer.writerow([*columns, "reasons"])
        for score in scores:
            row = score.model_dump()
            writer.writerow([row[c] for c in columns] + ["; ".join(score.reasons)])
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table("doc_id", "outlet", "score", "events", "corrob.", "agree", "why")
        for score in scores:
            agreement = "-" if score.agreement is None else f"{score.agreement:.2f}"
            table.add_row(
                score.doc_id,
                score.outlet or "?",
                f"{score.score:.2f}",
                str(score.n_events),
                str(score.n_corroborated),
                agreement,
                _clip("; ".join(score.reasons[1:]) or score.reasons[0], 60),
            )
        Console().print(table)

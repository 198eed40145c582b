"""`sitrep fuse` and `sitrep credibility`: fuse reports across articles; score the articles."""

from __future__ import annotations

import csv
import json
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from sitrep.cli import app
from sitrep.cli.options import DbOption, FormatOption, OutputFormat, count_noun, run_cli, stderr

if TYPE_CHECKING:
    from collections.abc import Callable

    from sitrep.fuse.fusion import FuseSummary
    from sitrep.store import Store

__all__ = ["fuse_app", "fuse_cli", "split_cli", "join_cli", "credibility_cli"]


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


fuse_app = typer.Typer(invoke_without_command=True)
app.add_typer(fuse_app, name="fuse")


def _summary_line(summary: FuseSummary, what: str) -> str:
    grades = ", ".join(f"{k} {v}" for k, v in sorted(summary.by_grade.items())) or "none"
    return (
        f"{summary.report_events} report events -> {summary.fused_events} fused events {what} "
        f"({summary.multi_report} from more than one document; {summary.contested} contested). "
        f"Grades: {grades}."
    )


def _on_store(db: str | None, action: Callable[[Store], FuseSummary]) -> FuseSummary:
    """Open the store, run one fusion action on it, close it."""
    from sitrep.store import open_store

    store = open_store(db)
    try:
        return action(store)
    finally:
        store.close()


@fuse_app.callback()
@run_cli
def fuse_cli(ctx: typer.Context, db: DbOption = None) -> None:
    """Fuse the reports of each event across articles into the graded fused layer.

    Reads every report-layer event, groups the reports of one event (same sub-event family,
    close dates and places, compatible tolls; an article's background mentions link only on the
    same day and place), merges them keeping each source's claim, grades each fused event
    (confirmed / fair / weak / contested) and replaces the fused layer, obeying every split and
    join made before. Example:

        sitrep fuse --db events.db && sitrep events --db events.db --layer fused
    """
    if ctx.invoked_subcommand is not None:
        return
    from sitrep.fuse.fusion import fuse_store

    typer.echo(_summary_line(_on_store(db, fuse_store), "(layer rebuilt)"))


@fuse_app.command("split")
@run_cli
def split_cli(
    fused_id: Annotated[str, typer.Argument(help="The fused event to split (fu-...).")],
    report: Annotated[
        list[str] | None,
        typer.Option(
            "--report",
            "-r",
            help="A report event to take out (repeat); none puts every report apart.",
        ),
    ] = None,
    db: DbOption = None,
) -> None:
    """Split a wrong merge; every later fusion run keeps those reports apart.

    Example: sitrep fuse split fu-3c2a... --report 863d8e2144709ff6-1
    """
    from sitrep.fuse.corrections import split_fused

    summary = _on_store(db, lambda store: split_fused(store, fused_id, report or []))
    typer.echo(_summary_line(summary, "rewritten"))


@fuse_app.command("join")
@run_cli
def join_cli(
    first: Annotated[str, typer.Argument(help="A fused event (fu-...).")],
    second: Annotated[str, typer.Argument(help="Another fused event of the same event.")],
    db: DbOption = None,
) -> None:
    """Join two fused events the rules kept apart; every later fusion run keeps them together.

    Example: sitrep fuse join fu-3c2a... fu-81f0...
    """
    from sitrep.fuse.corrections import join_fused

    summary = _on_store(db, lambda store: join_fused(store, first, second))
    typer.echo(_summary_line(summary, "rewritten"))


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
    stderr.print(f"{count_noun(len(scores), 'document')} scored", highlight=False)
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

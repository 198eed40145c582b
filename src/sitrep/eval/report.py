"""Rich tables of evaluation figures, printed to stdout by the `sitrep eval` commands."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from sitrep.eval.sanity import sanity_tables

__all__ = [
    "pct",
    "fakes_tables",
    "acled_tables",
    "ucdp_tables",
    "expected_tables",
    "confusion_table",
    "top_confusions",
    "print_tables",
]


def pct(value: float | None) -> str:
    """Format a share as a percentage with one decimal, "-" when undefined."""
    return "-" if value is None else f"{100 * value:.1f}%"


def confusion_table(title: str, labels: list[str], matrix: list[list[int]]) -> Table:
    """Return a confusion matrix as a table: gold labels as rows, predicted as numbered columns.

    Columns are numbered like the rows ("1 aleppo" ... then "1", "2" ...) so wide label sets
    stay readable in an 80-column terminal.
    """
    table = Table(
        title=f"{title} (rows: gold; columns: predicted, numbered as the rows)",
        title_justify="left",
    )
    table.add_column("gold", no_wrap=True, max_width=18)
    for i in range(len(labels)):
        table.add_column(str(i + 1), justify="right")
    for i, (label, row) in enumerate(zip(labels, matrix, strict=True)):
        table.add_row(escape(f"{i + 1} {label[:32]}"), *[str(v) if v else "." for v in row])
    return table


def top_confusions(title: str, labels: list[str], matrix: list[list[int]], k: int = 15) -> Table:
    """Return the k most frequent gold → predicted confusions (for label sets too wide to draw)."""
    pairs = [
        (matrix[i][j], labels[i], labels[j])
        for i in range(len(labels))
        for j in range(len(labels))
        if i != j and matrix[i][j]
    ]
    table = Table(title=f"{title}: the {k} most frequent confusions", title_justify="left")
    for col in ("gold", "predicted", "count"):
        table.add_column(col, justify="right" if col == "count" else "left")
    for count, gold, predicted in sorted(pairs, reverse=True)[:k]:
        table.add_row(escape(gold), escape(predicted), str(count))
    return table


def _confusion(title: str, labels: list[str], matrix: list[list[int]]) -> Table:
    if len(labels) > 10:
        return top_confusions(title, labels, matrix)
    return confusion_table(title, labels, matrix)


def fakes_tables(figures: dict[str, Any], worst: list[Any]) -> list[Table]:
    """Return the FA-KES summary, counts, confusion and worst-miss tables."""
    head = Table(
        title=f"FA-KES: {figures['n']} articles ({figures['corpus']})", title_justify="left"
    )
    for col in ("field", "accuracy", "macro F1", "weighted F1"):
        head.add_column(col, justify="left" if col == "field" else "right")
    for name, s in figures["categorical"].items():
        head.add_row(name, pct(s["accuracy"]), pct(s["macro_f1"]), pct(s["weighted_f1"]))
    date = figures["date"]
    head.add_row("event_date exact", pct(date["exact"]), "", "")
    head.add_row("event_date ±1 day", pct(date["within_1_day"]), "", "")
    head.add_row("event_date given", pct(date["predicted"]), "", "")
    counts = Table(title="Casualty counts (unknown counted as 0)", title_justify="left")
    for col in ("count", "exact", "±20%", "exact where gold > 0", "gold > 0", "MAE"):
        counts.add_column(col, justify="left" if col == "count" else "right")
    for name, s in figures["counts"].items():
        counts.add_row(
            name,
            pct(s["exact"]),
            pct(s["within_20pct"]),
            pct(s["exact_where_gold_nonzero"]),
            str(s["n_gold_nonzero"]),
            f"{s['mean_abs_error']:.2f}" if s["mean_abs_error"] is not None else "-",
        )
    info = Table(show_header=False, box=None)
    info.add_row("articles with no event", str(figures["no_event"]))
    info.add_row("extraction errors", str(figures["errors"]))
    epa = figures["events_per_article"]
    info.add_row("events per article", f"{epa:.2f}" if epa is not None else "-")
    tables = [head, counts, info]
    if "sanity" in figures:
        tables += sanity_tables(figures["sanity"])
    for name, cm in figures["confusion"].items():
        tables.append(_confusion(f"Confusion: {name}", cm["labels"], cm["matrix"]))
    if worst:
        misses = Table(title=f"Worst {len(worst)} misses", title_justify="left", show_lines=True)
        for col in ("article", "field: gold → sitrep", "evidence (main event)"):
            misses.add_column(col, overflow="fold")
        for r in worst:
            lines = []
            for f in r.misses():
                gold = r.gold.counts[f] if f in r.gold.counts else getattr(r.gold, f)
                lines.append(f"{f}: {gold} → {r.predicted[f]}")
            evidence = "\n".join(f"• {t[:200]}" for t in r.evidence[:3]) or (
                r.error or f"({r.n_events} events)"
            )
            misses.add_row(
                escape(f"{r.gold.unit_id}\n{r.gold.title[:80]}"),
                escape("\n".join(lines)),
                escape(evidence),
            )
        tables.append(misses)
    return tables


def acled_tables(figures: dict[str, Any], confusion: bool = False) -> list[Table]:
    """Return the ACLED summary tables (and, if asked, the type confusion matrices)."""
    head = Table(
        title=f"ACLED: {figures['notes']} notes, {figures['gold_events']} gold events "
        f"({figures['corpus']})",
        title_justify="left",
    )
    for col in ("field", "accuracy", "macro F1", "weighted F1"):
        head.add_column(col, justify="left" if col == "field" else "right")
    for name in ("event_type", "sub_event_type"):
        s = figures[name]
        head.add_row(name, pct(s["accuracy"]), pct(s["macro_f1"]), pct(s["weighted_f1"]))
    for name, label in (
        ("actor1", "actor1"),
        ("actor2", "actor2"),
        ("actors_any_order", "actor1+actor2 any order"),
        ("actor1_any_country", "actor1, country ignored"),
        ("actor2_any_country", "actor2, country ignored"),
        ("admin1", "admin1"),
        ("located", "has coordinates"),
        ("within_5km", "within 5 km"),
        ("within_25km", "within 25 km"),
        ("fatalities", "fatalities exact"),
        ("event_date", "event_date exact"),
        ("event_date_where_stated", "event_date exact, note states date"),
    ):
        head.add_row(label, pct(figures[name]), "", "")
    info = Table(show_header=False, box=None)
    for key in (
        "predicted_events",
        "matched",
        "missed",
        "spurious",
        "notes_without_prediction",
        "errors",
    ):
        info.add_row(key.replace("_", " "), str(figures.get(key, "-")))
    info.add_row("notes stating a date", pct(figures["notes_stating_date"]))
    tables = [head, info]
    if "sanity" in figures:
        tables += sanity_tables(figures["sanity"])
    if confusion:
        for name, cm in figures["confusion"].items():
            tables.append(_confusion(f"Confusion: {name}", cm["labels"], cm["matrix"]))
    return tables


def ucdp_tables(figures: dict[str, Any]) -> list[Table]:
    """Return the UCDP GED summary table (shares of gold events unless stated)."""
    head = Table(
        title=f"UCDP GED: {figures['inputs']} headline texts, {figures['gold_events']} gold "
        f"events ({figures['corpus']})",
        title_justify="left",
    )
    head.add_column("measure")
    head.add_column("share", justify="right")
    for key, label in (
        ("inputs_with_event", "texts yielding an event (of texts)"),
        ("paired", "gold events paired with a predicted event"),
        ("family_approx", "event family agrees with type_of_violence (approximate)"),
        ("fatalities_best", "fatalities = best"),
        ("fatalities_low_high", "fatalities within low..high"),
        ("located", "has coordinates"),
        ("within_25km", "within 25 km of UCDP's point"),
        ("within_25km_of_located", "within 25 km, of the paired events with coordinates"),
    ):
        head.add_row(label, pct(figures[key]))
    head.add_row(
        "predicted events / errors", f"{figures['predicted_events']} / {figures['errors']}"
    )
    return [head]


def expected_tables(report: dict[str, Any]) -> list[Table]:
    """Return the expected-events report: events, differences, spurious events and claims."""
    s = report["summary"]
    verdict = "PASS" if s["passed"] else "FAIL"
    events = Table(
        title=f"Expected events: {verdict}: {s['matched']}/{s['expected']} matched "
        f"({s['matched_exactly']} exactly), {s['missing']} missing, "
        f"{s['spurious']} spurious, {s['optional_matched']} optional found",
        title_justify="left",
        show_lines=True,
    )
    for col in ("expected", "found", "differences"):
        events.add_column(col, overflow="fold")
    for m in report["matched"]:
        f = m["found"]
        diffs = (
            "\n".join(f"{k}: {v['expected']} → {v['found']}" for k, v in m["differences"].items())
            or "none"
        )
        events.add_row(
            escape(m["expected"]),
            escape(f"{f['sub_type']} | {f['actor1']} | {f['location']} | {f['date']}"),
            escape(diffs),
        )
    for exp_id in report["missing"]:
        events.add_row(escape(exp_id), "[red]missing[/red]", "")
    for f in report["spurious"]:
        events.add_row(
            "[yellow]spurious[/yellow]",
            escape(f"{f['sub_type']} | {f['actor1']} | {f['location']} | {f['date']}"),
            escape((f["evidence"] or "")[:160]),
        )
    claims = Table(title=f"Claims: {s['claims_ok']}/{s['claims']} ok", title_justify="left")
    for col in ("by", "supports", "contradicts", "status"):
        claims.add_column(col, overflow="fold")
    for c in report["claims"]:
        claims.add_row(
            escape(c["by"]),
            escape(", ".join(c["supports"])),
            escape(", ".join(c["contradicts"])),
            escape(c["status"]),
        )
    return [events, claims]


def print_tables(tables: list[Table], console: Console | None = None) -> None:
    """Print tables to stdout (or the given console), one blank line apart."""
    console = console or Console()
    for table in tables:
        console.print(table)
        console.print()

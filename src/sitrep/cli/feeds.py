"""`sitrep feeds add|list|remove`: the sources `sitrep watch` follows, kept in the store."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from sitrep.cli import app
from sitrep.cli.options import DbOption, FormatOption, OutputFormat, run_cli, stderr

__all__ = ["feeds_app", "feed_rows", "IntervalOpt"]

feeds_app = typer.Typer(help="Feeds and folders followed by `sitrep watch`.", no_args_is_help=True)
app.add_typer(feeds_app, name="feeds")

IntervalOpt = Annotated[
    float | None,
    typer.Option("--interval", min=1.0, help="Seconds between polls (default: watch.yaml, 300)."),
]
COLUMNS = (
    "id",
    "source",
    "kind",
    "interval",
    "last_polled",
    "last_ok",
    "next_poll",
    "failures",
    "last_error",
    "items",
)


def feed_rows(store: Any) -> list[dict[str, Any]]:
    """Every saved feed as a dict of COLUMNS (times as ISO strings)."""
    from sitrep.store.feeds import list_feeds

    rows = []
    for feed in list_feeds(store):
        row = {name: getattr(feed, name) for name in COLUMNS}
        for name in ("last_polled", "last_ok", "next_poll"):
            row[name] = row[name].isoformat(timespec="seconds") if row[name] else None
        rows.append(row)
    return rows


@feeds_app.command("add")
@run_cli
def add_cli(
    sources: Annotated[list[str], typer.Argument(help="Feed URLs, feed files or folders.")],
    interval: IntervalOpt = None,
    db: DbOption = None,
) -> None:
    """Save feeds or folders to watch (an existing one gets the new --interval).

    Example: sitrep feeds add https://www.enabbaladi.net/feed --interval 600
    """
    from sitrep.store import open_store
    from sitrep.watch import WatchSettings, add_sources

    every = interval or WatchSettings.default().interval
    with open_store(db) as store:
        for feed in add_sources(store, [(s, every) for s in sources]):
            stderr.print(
                f"watching {feed.source} ({feed.kind}, every {feed.interval:g} s)",
                highlight=False,
                soft_wrap=True,
            )


@feeds_app.command("list")
@run_cli
def list_cli(db: DbOption = None, fmt: FormatOption = OutputFormat.table) -> None:
    """Show the saved feeds with their state: last poll, failures, last error, next poll.

    Example: sitrep feeds list --format json
    """
    from sitrep.store import open_store
    from sitrep.store.feeds import pending_count

    with open_store(db) as store:
        rows = feed_rows(store)
        queued = pending_count(store)
    if fmt in (OutputFormat.json, OutputFormat.jsonl):
        if fmt is OutputFormat.json:
            typer.echo(json.dumps(rows, indent=2))
        for row in rows if fmt is OutputFormat.jsonl else []:
            typer.echo(json.dumps(row))
        return
    if fmt is OutputFormat.csv:
        import csv
        import sys

        writer = csv.DictWriter(sys.stdout, fieldnames=list(COLUMNS))
        writer.writeheader()
        writer.writerows(rows)
        return
    table = Table(
        "id",
        "source",
        "kind",
        "every",
        "last polled",
        "failures",
        "next poll",
        "items",
        "last error",
    )
    for row in rows:
        table.add_row(
            str(row["id"]),
            row["source"],
            row["kind"],
            f"{row['interval']:g} s",
            row["last_polled"] or "never",
            str(row["failures"]),
            row["next_poll"] or "now",
            str(row["items"]),
            row["last_error"] or "",
        )
    Console().print(table)
    stderr.print(f"{len(rows)} sources; {queued} items queued.", highlight=False)


@feeds_app.command("remove")
@run_cli
def remove_cli(
    sources: Annotated[list[str], typer.Argument(help="Sources (as listed) or their ids.")],
    db: DbOption = None,
) -> None:
    """Stop watching sources (the items already seen stay seen).

    Example: sitrep feeds remove 3
    """
    from sitrep.errors import ConfigError
    from sitrep.store import open_store
    from sitrep.store.feeds import remove_feed

    with open_store(db) as store:
        missing = [s for s in sources if not remove_feed(store, s)]
    if missing:
        raise ConfigError(
            f"Not watched: {', '.join(missing)} (see sitrep feeds list).", code="E242"
        )
    stderr.print(f"removed {len(sources)} sources.", highlight=False)

"""`sitrep export`: write stored events as ACLED CSV, GeoJSON, JSON Lines or Parquet."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from sitrep.cli import app
from sitrep.cli.options import DbOption, count_noun, run_cli, stderr
from sitrep.errors import ConfigError

__all__ = ["export_cli", "ExportFormatChoice", "parse_numbers", "event_query_from_options"]

PAGE = 5000


class ExportFormatChoice(StrEnum):
    """Export formats."""

    acled_csv = "acled-csv"
    geojson = "geojson"
    jsonl = "jsonl"
    parquet = "parquet"


def parse_numbers(text: str, count: int, name: str) -> tuple[float, ...]:
    """Parse `count` comma-separated numbers for option `name`, ConfigError when malformed."""
    try:
        values = tuple(float(part) for part in text.split(","))
    except ValueError:
        values = ()
    if len(values) != count:
        raise ConfigError(
            f"{name} needs {count} comma-separated numbers, got {text!r}", code="E220"
        )
    return values


def event_query_from_options(**options: Any) -> Any:
    """Build an EventQuery from command-line filter values (None = no filter).

    options: since, until, event_type, sub_event_type, actor, admin1, bbox ("min_lon,min_lat,
        max_lon,max_lat"), near ("lat,lon,km"), grade, contested, doc_id, layer, order_by.
    RETURNS (EventQuery): the query (limit/offset unset).
    """
    from sitrep.store import EventQuery

    values = dict(options)
    if values.get("bbox"):
        values["bbox"] = parse_numbers(values["bbox"], 4, "--bbox")
    if values.get("near"):
        values["near"] = parse_numbers(values["near"], 3, "--near")
    return EventQuery(**{k: v for k, v in values.items() if v is not None})


def _paged(store: Any, query: Any, limit: int | None) -> Any:
    """Yield the query's events page by page, so a large export is not held in memory."""
    import dataclasses

    offset, sent = 0, 0
    while limit is None or sent < limit:
        size = PAGE if limit is None else min(PAGE, limit - sent)
        page = store.query_events(dataclasses.replace(query, limit=size, offset=offset))
        yield from page
        sent += len(page)
        offset += len(page)
        if len(page) < size:
            return


@app.command("export")
@run_cli
def export_cli(
    out: Annotated[Path, typer.Argument(help="Output file.", dir_okay=False)],
    fmt: Annotated[
        ExportFormatChoice, typer.Option("--format", "-f", help="Output format.")
    ] = ExportFormatChoice.acled_csv,
    db: DbOption = None,
    since: Annotated[str | None, typer.Option(help="Events on or after YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Events on or before YYYY-MM-DD.")] = None,
    event_type: Annotated[str | None, typer.Option("--type", help="ACLED event type.")] = None,
    sub_event_type: Annotated[
        str | None, typer.Option("--sub-type", help="ACLED sub-event type.")
    ] = None,
    actor: Annotated[str | None, typer.Option(help="Actor name contains this.")] = None,
    admin1: Annotated[str | None, typer.Option(help="Governorate.")] = None,
    bbox: Annotated[str | None, typer.Option(help="min_lon,min_lat,max_lon,max_lat")] = None,
    near: Annotated[str | None, typer.Option(help="lat,lon,km")] = None,
    grade: Annotated[str | None, typer.Option(help="Grade, e.g. A.")] = None,
    contested: Annotated[
        bool | None, typer.Option("--contested/--uncontested", help="Only (un)contested.")
    ] = None,
    doc_id: Annotated[str | None, typer.Option("--doc", help="Events of one document.")] = None,
    layer: Annotated[str, typer.Option(help="report or fused.")] = "report",
    order_by: Annotated[str, typer.Option("--order-by", help="e.g. event_date, -fatalities.")] = (
        "event_date"
    ),
    limit: Annotated[int | None, typer.Option(help="At most this many events.", min=1)] = None,
    date_style: Annotated[
        str, typer.Option(help="acled-csv event_date: 'acled' (06 January 2017) or 'iso'.")
    ] = "acled",
) -> None:
    """Export stored events to OUT for R, QGIS, pandas or ACLED-based pipelines.

    Example: sitrep export --format geojson --admin1 Aleppo --since 2016-08-01 aleppo.geojson
    """
    from sitrep.export import write_acled_csv, write_geojson, write_jsonl, write_parquet
    from sitrep.store import open_store

    if date_style not in ("acled", "iso"):
        raise ConfigError("--date-style must be 'acled' or 'iso'", code="E221")
    try:
        days = [date.fromisoformat(d) if d else None for d in (since, until)]
    except ValueError as exc:
        raise ConfigError(f"dates must be YYYY-MM-DD: {exc}", code="E222") from None
    query = event_query_from_options(
        since=days[0],
        until=days[1],
        event_type=event_type,
        sub_event_type=sub_event_type,
        actor=actor,
        admin1=admin1,
        bbox=bbox,
        near=near,
        grade=grade,
        contested=contested,
        doc_id=doc_id,
        layer=layer,
        order_by=order_by,
    )
    with open_store(db) as store:
        events = _paged(store, query, limit)
        if fmt is ExportFormatChoice.parquet:
            count = write_parquet(events, out)
        else:
            with out.open("w", encoding="utf-8", newline="") as stream:
                if fmt is ExportFormatChoice.acled_csv:
                    count = write_acled_csv(events, stream, date_style=date_style)  # type: ignore[arg-type]
                elif fmt is ExportFormatChoice.geojson:
                    count = write_geojson(events, stream)
                else:
                    count = write_jsonl(events, stream)
    stderr.print(f"wrote {count_noun(count, 'event')} to {out} ({fmt.value})")

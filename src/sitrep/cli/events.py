"""`sitrep events` (query stored events) and `sitrep show EVENT_ID`; the event writers they share
with `sitrep extract` (table, json, jsonl, csv on stdout)."""

from __future__ import annotations

import csv
import json
import sys
from typing import IO, Annotated, Any

import typer

from sitrep.cli import app
from sitrep.cli.options import DbOption, FormatOption, OutputFormat, run_cli, stderr
from sitrep.errors import ConfigError
from sitrep.export.acled import safe_cell
from sitrep.records import Event, Victims

__all__ = ["EventWriter", "csv_columns", "event_row", "events_cli", "show_cli", "parse_near"]


def csv_columns() -> list[str]:
    """Return the flat columns of an event in CSV (ACLED's names; lists joined by ";")."""
    columns: list[str] = []
    for name in Event.model_fields:
        if name == "victims":
            columns.extend(f"victims_{v}" for v in Victims.model_fields)
        elif name not in ("claims", "evidence", "contradictions"):
            columns.append(name)
    return columns


def event_row(event: Event) -> dict[str, Any]:
    """Return an event as one flat CSV row (claims and evidence left out; see `sitrep show`)."""
    data = event.model_dump(mode="json")
    row: dict[str, Any] = {}
    for name in csv_columns():
        if name.startswith("victims_"):
            row[name] = data["victims"][name.removeprefix("victims_")]
            continue
        value = data.get(name)
        if isinstance(value, list):
            value = ";".join(str(v) for v in value if not isinstance(v, dict))
        elif isinstance(value, dict):
            value = json.dumps(value, ensure_ascii=False)
        # Text from articles may start like a spreadsheet formula: neutralised as in ACLED CSV.
        row[name] = safe_cell(value) if isinstance(value, str) else value
    return row


class EventWriter:
    """Writes events to stdout in one format: jsonl and csv stream, table and json at close().

    fmt (OutputFormat): the format.
    out (IO[str]): where to write (stdout).
    """

    def __init__(self, fmt: OutputFormat, out: IO[str] | None = None) -> None:
        self.fmt = fmt
        self.out = out or sys.stdout
        self.held: list[Event] = []
        self._csv: csv.DictWriter[str] | None = None

    def write(self, events: list[Event]) -> None:
        """Write (or hold, for table and json) a batch of events."""
        if self.fmt is OutputFormat.jsonl:
            for event in events:
                self.out.write(event.model_dump_json() + "\n")
            self.out.flush()
        elif self.fmt is OutputFormat.csv:
            if self._csv is None:
                self._csv = csv.DictWriter(self.out, fieldnames=csv_columns())
                self._csv.writeheader()
            self._csv.writerows(event_row(e) for e in events)
            self.out.flush()
        else:
            self.held.extend(events)

    def close(self) -> None:
        """Write what was held; a CSV gets its header even without rows."""
        if self.fmt is OutputFormat.csv and self._csv is None:
            self.write([])
        if self.fmt is OutputFormat.json:
            data = [e.model_dump(mode="json") for e in self.held]
            self.out.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        elif self.fmt is OutputFormat.table:
            self._table()

    def _table(self) -> None:
        from rich.console import Console
        from rich.table import Table

        table = Table(
            "event_id",
            "date",
            "sub_event_type",
            "actor1",
            "actor2",
            "location",
            "admin1",
            "fatalities",
            "grade",
        )
        for e in self.held:
            table.add_row(
                e.event_id,
                e.event_date.isoformat() if e.event_date else "",
                e.sub_event_type,
                e.actor1 or "",
                e.actor2 or "",
                e.location or "",
                e.admin1 or "",
                "" if e.fatalities is None else str(e.fatalities),
                e.grade or "",
            )
        # Piped or redirected, a table keeps its full width instead of wrapping at 80 columns.
        width = None if self.out.isatty() else 240
        Console(file=self.out, width=width).print(table)


def parse_near(value: str) -> tuple[float, float, float]:
    """Read --near "LAT,LON,KM"."""
    try:
        lat, lon, km = (float(part) for part in value.split(","))
    except ValueError:
        raise ConfigError(
            f"--near {value!r}: expected LAT,LON,KM such as 36.2,37.15,10", code="E205"
        ) from None
    return lat, lon, km


def _date(value: str | None, option: str) -> Any:
    from sitrep.ingest import parse_date

    if value is None:
        return None
    day = parse_date(value)
    if day is None:
        raise ConfigError(f"{option} {value!r} is not a date (use YYYY-MM-DD).", code="E202")
    return day


@app.command("events")
@run_cli
def events_cli(
    since: Annotated[
        str | None, typer.Option("--since", help="Events on or after (YYYY-MM-DD).")
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", help="Events on or before (YYYY-MM-DD).")
    ] = None,
    event_type: Annotated[
        str | None, typer.Option("--type", help="ACLED event type, e.g. Battles.")
    ] = None,
    sub_event_type: Annotated[
        str | None, typer.Option("--sub-type", help="ACLED sub-event type.")
    ] = None,
    actor: Annotated[
        str | None, typer.Option("--actor", help="Substring of actor1 or actor2.")
    ] = None,
    admin1: Annotated[
        str | None, typer.Option("--admin1", help="Governorate, e.g. Aleppo.")
    ] = None,
    near: Annotated[
        str | None, typer.Option("--near", help="LAT,LON,KM: within KM of a point.")
    ] = None,
    doc: Annotated[
        str | None, typer.Option("--doc", help="Only events of this document id.")
    ] = None,
    layer: Annotated[
        str, typer.Option("--layer", help="report (per document) or fused.")
    ] = "report",
    order_by: Annotated[
        str,
        typer.Option("--order-by", help="event_date, -event_date, fatalities, -fatalities, ..."),
    ] = "event_date",
    limit: Annotated[int | None, typer.Option("--limit", help="At most this many events.")] = None,
    db: DbOption = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """List stored events, filtered.

    Example: sitrep events --admin1 Aleppo --since 2016-08-01 --near 36.2,37.15,10 --format jsonl
    """
    from sitrep.store import EventQuery, open_store

    query = EventQuery(
        since=_date(since, "--since"),
        until=_date(until, "--until"),
        event_type=event_type,
        sub_event_type=sub_event_type,
        actor=actor,
        admin1=admin1,
        near=parse_near(near) if near else None,
        doc_id=doc,
        layer=layer,
        order_by=order_by,
        limit=limit,
    )
    with open_store(db) as store:
        found = store.query_events(query)
        total = store.count_events(query)
    writer = EventWriter(fmt)
    writer.write(found)
    writer.close()
    stderr.print(f"{len(found)} of {total} matching events.", highlight=False)


@app.command("show")
@run_cli
def show_cli(
    event_id: Annotated[str, typer.Argument(help="The event's id (see `sitrep events`).")],
    layer: Annotated[
        str | None, typer.Option("--layer", help="report or fused (default: either).")
    ] = None,
    db: DbOption = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Show one event: its fields, the evidence sentence behind each, and the claims about it.

    Example: sitrep show 4646a12c37a114e7-e1 --format json
    """
    from sitrep.errors import StoreError
    from sitrep.store import open_store

    with open_store(db) as store:
        event = store.get_event(event_id, layer)
        if event is None:
            raise StoreError(f"No event {event_id!r} in {store.url}.", code="E311")
        docs = {d: store.get_document(d) for d in event.doc_ids}
    if fmt in (OutputFormat.json, OutputFormat.jsonl):
        indent = 2 if fmt is OutputFormat.json else None
        sys.stdout.write(
            json.dumps(event.model_dump(mode="json"), indent=indent, ensure_ascii=False) + "\n"
        )
        return
    if fmt is OutputFormat.csv:
        writer = EventWriter(fmt)
        writer.write([event])
        return
    _show_table(event, docs)


def _show_table(event: Event, docs: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console()
    fields = Table("field", "value", title=f"event {event.event_id}", show_header=False)
    for name, value in event_row(event).items():
        if value not in (None, "", False) or name == "contested":
            fields.add_row(name, str(value))
    console.print(fields)
    for doc_id, doc in docs.items():
        if doc is not None:
            console.print(
                f"document {doc_id}: {doc.title or ''} ({doc.outlet or 'outlet unknown'}, "
                f"{doc.published or 'date unknown'}) ref={doc.ref}",
                highlight=False,
                markup=False,
            )
    evidence = Table("field", "sentence", "doc:start-end", title="evidence")
    for ev in event.evidence:
        sentence = Text(ev.text + (f"\n({ev.note})" if ev.note else ""))  # no rich markup
        evidence.add_row(Text(ev.field), sentence, f"{ev.doc_id}:{ev.start}-{ev.end}")
    console.print(evidence if event.evidence else "no evidence recorded")
    claims = Table("by", "type", "stance", "says", title="claims")
    for claim in event.claims:
        claims.add_row(claim.by, claim.by_type, claim.stance, claim.says)
    console.print(claims if event.claims else "no claims recorded")

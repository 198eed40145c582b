"""Exports that analysts load in their own tools: ACLED CSV, GeoJSON, JSON Lines, Parquet.

from sitrep.export import export_events
export_events(events, "acled-csv", "events.csv")
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any, BinaryIO, Literal

from sitrep.errors import ConfigError
from sitrep.export.acled import ACLED_COLUMNS, write_acled_csv
from sitrep.export.geojson import event_feature, write_geojson
from sitrep.export.jsonl import write_jsonl
from sitrep.extras import require
from sitrep.records import Event

__all__ = [
    "FORMATS",
    "ExportFormat",
    "export_events",
    "ACLED_COLUMNS",
    "EVENT_SCHEMA",
    "event_feature",
    "write_acled_csv",
    "write_geojson",
    "write_jsonl",
    "write_parquet",
]


def write_parquet(events: Iterable[Event], out: str | Path | BinaryIO, **options: Any) -> int:
    """Write events as Parquet (`sitrep.export.parquet.write_parquet`; needs sitrep[parquet])."""
    require("pyarrow", "parquet", "Parquet export")
    from sitrep.export.parquet import write_parquet as write

    return write(events, out, **options)


def __getattr__(name: str) -> Any:
    """EVENT_SCHEMA is an Arrow schema: pyarrow (sitrep[parquet]) is imported on first use."""
    if name == "EVENT_SCHEMA":
        require("pyarrow", "parquet", "The Parquet schema")
        from sitrep.export.parquet import EVENT_SCHEMA

        return EVENT_SCHEMA
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


ExportFormat = Literal["acled-csv", "geojson", "jsonl", "parquet"]
FORMATS: tuple[str, ...] = ("acled-csv", "geojson", "jsonl", "parquet")


def export_events(events: Iterable[Event], fmt: str, out: str | Path) -> int:
    """Write events to the file `out` in format `fmt`.

    events (Iterable[Event]): the events (a generator is fine: written as they come).
    fmt (str): one of FORMATS.
    out (str | Path): the output file's path ("-" is not accepted here; the CLI handles stdout).
    RETURNS (int): the number of events written.
    """
    path = Path(out)
    if fmt == "parquet":
        return write_parquet(events, path)
    if fmt not in FORMATS:
        raise ConfigError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    with path.open("w", encoding="utf-8", newline="") as stream:
        if fmt == "acled-csv":
            return write_acled_csv(events, stream)
        if fmt == "geojson":
            return write_geojson(events, stream)
        return write_jsonl(events, stream)

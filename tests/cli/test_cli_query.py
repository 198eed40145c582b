"""`sitrep events`, `sitrep show`, `sitrep ingest`, `sitrep db`, `sitrep schema`."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from click.testing import Result

from sitrep.records import Claim, Document, Event, Evidence, Extraction
from sitrep.store import open_store

Run = Callable[..., Result]

TEXT = (
    "Rebels broke the siege of eastern Aleppo on Saturday. "
    "Russian jets struck Ramousah on Sunday, killing four civilians, the Observatory said."
)


@pytest.fixture
def stored(db_path: Path) -> tuple[str, Document, list[Event]]:
    """A SQLite file holding one document and three events."""
    doc = Document.from_text(TEXT, ref="t1", outlet="Orient News", published=date(2016, 8, 7))
    strike = TEXT.index("Russian")
    events = [
        Event(
            event_id="E1",
            event_date=date(2016, 8, 6),
            event_type="Battles",
            sub_event_type="Non-state actor overtakes territory",
            actor1="Opposition Rebels (Syria)",
            actor2="Military Forces of Syria (2000-)",
            admin1="Aleppo",
            location="Ramousah",
            latitude=36.16,
            longitude=37.13,
            contested=True,
        ),
        Event(
            event_id="E2",
            event_date=date(2016, 8, 7),
            event_type="Explosions/Remote violence",
            sub_event_type="Air/drone strike",
            actor1="Military Forces of Russia (2000-)",
            actor2="Civilians (Syria)",
            admin1="Aleppo",
            location="Ramousah",
            latitude=36.16,
            longitude=37.13,
            fatalities=4,
            evidence=[
                Evidence(
                    field="fatalities",
                    text=TEXT[strike:],
                    doc_id=doc.id,
                    start=strike,
                    end=len(TEXT),
                )
            ],
            claims=[Claim(by="the Observatory", by_type="monitor", says="killing four civilians")],
        ),
        Event(
            event_id="E3",
            event_date=date(2016, 7, 1),
            event_type="Battles",
            sub_event_type="Armed clash",
            actor1="Islamic State",
            admin1="Ar-Raqqa",
            latitude=35.95,
            longitude=39.01,
        ),
    ]
    events = [e.model_copy(update={"doc_ids": [doc.id], "doc_refs": ["t1"]}) for e in events]
    with open_store(str(db_path)) as store:
        store.save_extraction(doc, Extraction(doc_id=doc.id, events=events))
    return str(db_path), doc, events


def ids(result: Result) -> list[str]:
    return [json.loads(line)["event_id"] for line in result.stdout.splitlines()]


@pytest.mark.parametrize(
    "args,expected",
    [
        ([], ["E3", "E1", "E2"]),
        (["--since", "2016-08-01"], ["E1", "E2"]),
        (["--until", "2016-08-06"], ["E3", "E1"]),
        (["--type", "Explosions/Remote violence"], ["E2"]),
        (["--actor", "rebels"], ["E1"]),
        (["--admin1", "Ar-Raqqa"], ["E3"]),
        (["--near", "36.2,37.15,10"], ["E1", "E2"]),
        (["--near", "35.95,39.0,5"], ["E3"]),
        (["--order-by", "-event_date", "--limit", "2"], ["E2", "E1"]),
        (["--layer", "fused"], []),
    ],
)
def test_events_filters(run: Run, stored, args: list[str], expected: list[str]) -> None:
    db, _, _ = stored
    result = run("events", "--db", db, "--format", "jsonl", *args)
    assert result.exit_code == 0, result.stderr
    assert ids(result) == expected


def test_events_formats(run: Run, stored) -> None:
    db, _, events = stored
    as_json = run("events", "--db", db, "--format", "json")
    assert [Event.model_validate(e) for e in json.loads(as_json.stdout)] == [
        events[2],
        events[0],
        events[1],
    ]
    as_csv = run("events", "--db", db, "--format", "csv", "--type", "Battles")
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert [r["event_id"] for r in rows] == ["E3", "E1"] and rows[1]["contested"] == "True"
    table = run("events", "--db", db)
    assert "E1" in table.stdout and "Ramousah" in table.stdout
    assert "3 of 3 matching events" in table.stderr


def test_events_bad_near_is_one_line(run: Run, stored) -> None:
    db, _, _ = stored
    result = run("events", "--db", db, "--near", "Aleppo")
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        "error: [E205] --near 'Aleppo': expected LAT,LON,KM such as 36.2,37.15,10"
    ]


def test_show_event_evidence_and_claims(run: Run, stored) -> None:
    db, doc, events = stored
    result = run("show", "E2", "--db", db)
    assert result.exit_code == 0
    out = result.stdout
    assert "Air/drone strike" in out and "Military Forces of Russia" in out
    assert "killing four civilians" in out and "the Observatory" in out and "monitor" in out
    assert f"{doc.id}:{TEXT.index('Russian')}-{len(TEXT)}" in out
    assert "Orient News" in out and "ref=t1" in out
    as_json = run("show", "E2", "--db", db, "--format", "json")
    assert Event.model_validate_json(as_json.stdout) == events[1]


def test_show_unknown_event(run: Run, stored) -> None:
    db, _, _ = stored
    result = run("show", "nope", "--db", db)
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [f"error: [E311] No event 'nope' in {db}."]


def test_ingest_is_idempotent(run: Run, tmp_path: Path, db_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT, "utf-8")
    (tmp_path / "b.jsonl").write_text(
        json.dumps({"id": "j1", "text": TEXT + " More later."}) + "\n"
    )
    first = run("ingest", str(tmp_path), "--db", str(db_path), "--format", "jsonl")
    assert first.exit_code == 0
    assert [json.loads(line)["new"] for line in first.stdout.splitlines()] == [True, True]
    again = run("ingest", str(tmp_path), "--db", str(db_path), "--format", "jsonl")
    assert [json.loads(line)["new"] for line in again.stdout.splitlines()] == [False, False]
    assert "2 documents: 0 new, 2 already stored" in again.stderr
    with open_store(str(db_path)) as store:
        assert store.stats() == {
            "documents": 2,
            "extracted": 0,
            "report_events": 0,
            "fused_events": 0,
        }


def test_ingest_failed_input_exit_2(run: Run, tmp_path: Path, db_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT, "utf-8")
    result = run(
        "ingest", str(tmp_path / "a.txt"), str(tmp_path / "missing.txt"), "--db", str(db_path)
    )
    assert result.exit_code == 2
    assert f"skipped: [E100] {tmp_path / 'missing.txt'}: no such file" in result.stderr


def test_ingest_max_bytes_from_option_and_config(
    run: Run, tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.txt").write_text(TEXT, "utf-8")
    small = run("ingest", str(tmp_path / "a.txt"), "--db", str(db_path), "--max-bytes", "50")
    assert small.exit_code == 2 and "over the limit of 50 (ingest.max_bytes" in small.stderr
    monkeypatch.setenv("SITREP_INGEST_MAX_BYTES", "60")
    configured = run("ingest", str(tmp_path / "a.txt"), "--db", str(db_path))
    assert configured.exit_code == 2 and "over the limit of 60" in configured.stderr
    allowed = run("ingest", str(tmp_path / "a.txt"), "--db", str(db_path), "--max-bytes", "1000")
    assert allowed.exit_code == 0


def test_db_upgrade_and_status(run: Run, db_path: Path) -> None:
    first = run("db", "upgrade", "--db", str(db_path))
    assert first.exit_code == 0 and "upgraded from empty to schema version" in first.stdout
    again = run("db", "upgrade", "--db", str(db_path))
    assert "already at schema version" in again.stdout
    status = run("db", "status", "--db", str(db_path))
    assert "documents: 0" in status.stdout


def test_schema_writes_json_schema(run: Run, tmp_path: Path) -> None:
    result = run("schema", "--out", str(tmp_path / "schema"))
    assert result.exit_code == 0
    event = json.loads((tmp_path / "schema" / "event.schema.json").read_text())
    acled = [
        "event_date",
        "time_precision",
        "event_type",
        "sub_event_type",
        "actor1",
        "assoc_actor_1",
        "actor2",
        "assoc_actor_2",
        "inter1",
        "inter2",
        "interaction",
        "country",
        "admin1",
        "admin2",
        "admin3",
        "location",
        "latitude",
        "longitude",
        "geo_precision",
        "fatalities",
        "source",
        "source_scale",
        "notes",
    ]
    assert set(acled) <= set(event["properties"])
    assert {"Claim", "Evidence", "Victims"} <= set(event["$defs"])
    document = json.loads((tmp_path / "schema" / "document.schema.json").read_text())
    assert document["required"] == ["id", "text"]


def test_schema_docs_are_current(tmp_path: Path) -> None:
    """docs/schema/ holds what `sitrep schema` writes now (regenerate it after changing records)."""
    from sitrep.cli.db import write_schemas

    docs = Path(__file__).resolve().parents[2] / "docs" / "schema"
    for path in write_schemas(tmp_path):
        committed = docs / path.name
        assert committed.exists(), f"{committed} missing: run `sitrep schema`"
        assert json.loads(committed.read_text()) == json.loads(path.read_text()), (
            f"{committed} is out of date: run `sitrep schema`"
        )


def test_cli_query_csv_cells_cannot_run_as_formulas():
    # Article text is untrusted: a cell a spreadsheet would run as a formula is neutralised.
    from sitrep.cli.events import event_row
    from sitrep.records import Event

    event = Event(
        event_id="ev1",
        event_type="Battles",
        sub_event_type="Armed clash",
        actor1="=HYPERLINK(\"http://x\")",
        location="@SUM(A1)",
        latitude=-12.5,
    )
    row = event_row(event)
    assert row["actor1"] == "'=HYPERLINK(\"http://x\")"
    assert row["location"] == "'@SUM(A1)"
    assert row["latitude"] == -12.5

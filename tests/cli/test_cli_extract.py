"""`sitrep extract`: end to end with the real extractor, stored in SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from sitrep.cli.events import csv_columns
from sitrep.data import example_document
from sitrep.records import Event
from sitrep.store import EventQuery, open_store

Run = Callable[..., Result]
SEED_ARGS = ("--published", "2016-08-07", "--source", "Orient News", "--format", "jsonl")


def check_events_against_text(events: list[Event], doc_id: str, text: str) -> None:
    """Every event rests on the document, and every evidence span is the document's own text."""
    assert events
    for event in events:
        assert event.doc_ids == [doc_id]
        assert event.evidence, f"{event.event_id} has no evidence"
        for evidence in event.evidence:
            assert evidence.doc_id == doc_id
            assert text[evidence.start : evidence.end] == evidence.text


def test_extract_seed_end_to_end(run: Run, seed_text_path: Path, any_store_url: str) -> None:
    result = run("extract", str(seed_text_path), *SEED_ARGS, "--db", any_store_url)
    assert result.exit_code == 0, result.stderr
    events = [Event.model_validate_json(line) for line in result.stdout.splitlines()]
    doc = example_document()
    check_events_against_text(events, doc.id, doc.text)
    assert all(e.doc_refs == [str(seed_text_path)] for e in events)
    assert {e.admin1 for e in events if e.admin1} <= {"Aleppo"}
    assert "1 document: 1 extracted" in result.stderr
    with open_store(any_store_url) as store:
        stored = store.get_document(doc.id)
        assert stored is not None
        assert (stored.outlet, str(stored.published)) == ("Orient News", "2016-08-07")
        assert sorted(store.query_events(EventQuery(doc_id=doc.id)), key=lambda e: e.event_id) == (
            sorted(events, key=lambda e: e.event_id)
        )


def test_extract_second_run_skips_and_force_redoes(
    run: Run, seed_text_path: Path, db_path: Path
) -> None:
    first = run("extract", str(seed_text_path), *SEED_ARGS, "--db", str(db_path))
    again = run("extract", str(seed_text_path), *SEED_ARGS, "--db", str(db_path))
    assert again.exit_code == 0
    assert "0 extracted, 1 already extracted" in again.stderr
    assert sorted(again.stdout.splitlines()) == sorted(first.stdout.splitlines())
    forced = run("extract", str(seed_text_path), *SEED_ARGS, "--db", str(db_path), "--force")
    assert "1 extracted, 0 already extracted" in forced.stderr
    with open_store(str(db_path)) as store:
        assert store.stats()["documents"] == 1
        assert store.count_events() == len(first.stdout.splitlines())


def test_extract_changed_metadata_is_extracted_again(
    run: Run, seed_text_path: Path, db_path: Path
) -> None:
    run("extract", str(seed_text_path), "--db", str(db_path), "--format", "jsonl")
    dated = run("extract", str(seed_text_path), *SEED_ARGS, "--db", str(db_path))
    assert "1 extracted, 0 already extracted" in dated.stderr
    events = [Event.model_validate_json(line) for line in dated.stdout.splitlines()]
    assert any(e.event_date is not None for e in events)


def test_extract_without_date_leaves_weekday_dates_unresolved(
    run: Run, seed_text_path: Path
) -> None:
    result = run("extract", str(seed_text_path), "--no-store", "--format", "jsonl")
    assert result.exit_code == 0
    events = [Event.model_validate_json(line) for line in result.stdout.splitlines()]
    assert events and all(e.event_date is None for e in events)


def test_extract_example_formats(run: Run) -> None:
    as_json = run("extract", "--example", "--no-store", "--format", "json")
    assert as_json.exit_code == 0, as_json.stderr
    events = [Event.model_validate(e) for e in json.loads(as_json.stdout)]
    doc = example_document()
    check_events_against_text(events, doc.id, doc.text)
    assert all(e.doc_refs == ["example:aleppo-siege-broken"] for e in events)
    as_csv = run("extract", "--example", "--no-store", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert list(rows[0]) == csv_columns()
    assert [r["event_id"] for r in rows] == [e.event_id for e in events]
    table = run("extract", "--example", "--no-store")
    assert all(e.event_id in table.stdout for e in events)
    assert "not stored" in table.stderr


def test_extract_bad_inputs_are_named_and_exit_2(run: Run, tmp_path: Path, db_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    (tmp_path / "in" / "binary.txt").write_bytes(b"\x00\x01\x02PK\x03\x04" * 100)
    (tmp_path / "in" / "corpus.csv").write_text(
        'id,text\nok1,"Government forces shelled the town of Busra al-Harir in Daraa '
        "on 5 June 2016, "
        'killing two civilians, activists said."\nbad,"x",1,2\n',
        "utf-8",
    )
    result = run("extract", str(tmp_path / "in"), "--db", str(db_path), "--format", "jsonl")
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr + result.stdout
    lines = [line for line in result.stderr.splitlines() if line.startswith("skipped:")]
    assert len(lines) == 3
    assert any("empty.txt: the file is empty" in line for line in lines)
    assert any("binary.txt: binary data" in line for line in lines)
    assert any("corpus.csv row 2 (line 3): 4 fields" in line for line in lines)
    assert "1 document: 1 extracted" in result.stderr and "3 inputs failed" in result.stderr
    for line in result.stdout.splitlines():
        assert Event.model_validate_json(line).doc_refs == ["ok1"]


def test_extract_user_errors_are_one_line(run: Run, seed_text_path: Path, tmp_path: Path) -> None:
    bad_date = run("extract", str(seed_text_path), "--published", "last week", "--no-store")
    assert bad_date.exit_code == 1
    assert bad_date.stderr.strip().splitlines() == [
        "error: [E202] --published 'last week' is not a date (use YYYY-MM-DD)."
    ]
    nothing = run("extract")
    assert nothing.exit_code == 1 and "[E204]" in nothing.stderr
    bad_db = run("extract", str(seed_text_path), "--db", str(tmp_path / "no" / "dir.db"))
    assert bad_db.exit_code == 1
    assert len(bad_db.stderr.strip().splitlines()) == 1 and "[E304]" in bad_db.stderr


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_extract_output_pipes_cleanly(run: Run, fmt: str) -> None:
    """Progress and summaries go to stderr; stdout is data only."""
    result = run("extract", "--example", "--no-store", "--format", fmt)
    assert "documents" not in result.stdout and "document:" not in result.stdout
    if fmt == "jsonl":
        for line in result.stdout.splitlines():
            json.loads(line)


def test_extract_fuse_updates_the_fused_layer(
    run: Run, seed_text_path: Path, tmp_path: Path
) -> None:
    db = str(tmp_path / "fused.db")
    result = run("extract", str(seed_text_path), *SEED_ARGS, "--db", db, "--fuse")
    assert result.exit_code == 0, result.stderr
    assert "fused layer updated:" in result.stderr
    with open_store(db) as store:
        reports = store.query_events(EventQuery(layer="report"))
        fused = store.query_events(EventQuery(layer="fused"))
    assert reports and fused and len(fused) <= len(reports)
    assert {d for e in fused for d in e.doc_ids} == {reports[0].doc_ids[0]}
    refused = run("extract", str(seed_text_path), "--no-store", "--fuse")
    assert refused.exit_code == 1 and "[E207]" in refused.stderr

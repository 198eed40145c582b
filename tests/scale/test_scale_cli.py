"""`sitrep extract --workers 2`: a process pool stores each document once, and a second run
skips them all."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from typer.testing import CliRunner

import sitrep.cli.extract  # noqa: F401  (registers `sitrep extract`)
from sitrep.cli import app
from sitrep.records import Event
from sitrep.store import open_store

Run = Callable[..., Result]


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch) -> Run:
    monkeypatch.delenv("SITREP_DB", raising=False)
    runner = CliRunner()

    def invoke(*args: str) -> Result:
        return runner.invoke(app, list(args), catch_exceptions=False)

    return invoke


@pytest.mark.slow
def test_scale_cli_workers_store_each_document_once(
    run: Run, tmp_path: Path, own_reports: tuple[str, ...]
) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    for n, text in enumerate(own_reports):
        (folder / f"report-{n}.txt").write_text(text, encoding="utf-8")
    db = str(tmp_path / "scale.db")
    args = ("extract", str(folder), "--published", "2016-08-07", "--db", db, "--format", "jsonl")
    first = run(*args, "--workers", "2")
    assert first.exit_code == 0, first.stderr
    events = [Event.model_validate_json(line) for line in first.stdout.splitlines()]
    assert len({e.event_id for e in events}) == len(events) >= 3
    assert "3 extracted" in first.stderr
    store = open_store(db)
    try:
        assert store.stats()["documents"] == 3 and store.stats()["extracted"] == 3
        assert store.count_events() == len(events)
    finally:
        store.close()
    again = run(*args, "--workers", "2")
    assert again.exit_code == 0, again.stderr
    assert "0 extracted, 3 already extracted" in again.stderr
    assert sorted(
        Event.model_validate_json(x).event_id for x in again.stdout.splitlines()
    ) == sorted(e.event_id for e in events)


def test_scale_cli_refuses_a_scheduler_with_the_pool(
    run: Run, tmp_path: Path, own_reports: tuple[str, ...]
) -> None:
    text = tmp_path / "a.txt"
    text.write_text(own_reports[0], encoding="utf-8")
    result = run(
        "extract",
        str(text),
        "--engine",
        "process",
        "--scheduler",
        "tcp://127.0.0.1:1",
        "--no-store",
    )
    assert result.exit_code == 1 and "[E232]" in result.stderr

"""`sitrep extract --db X` with no paths extracts what `sitrep ingest` stored; counts read
"1 document", not "1 documents"."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from sitrep.store import open_store

Run = Callable[..., Result]

REPORTS = (
    "Syrian government warplanes struck the town of Saraqib in Idlib on Monday, killing four "
    "civilians, the Syrian Observatory for Human Rights said.",
    "Clashes between rebels and government forces in the Hama countryside on Sunday killed "
    "seven fighters, according to a local activist.",
)


def test_cli_extract_stored_documents_without_paths(run: Run, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(
        "\n".join(json.dumps({"id": f"s{n}", "text": t}) for n, t in enumerate(REPORTS)) + "\n",
        "utf-8",
    )
    db = str(tmp_path / "stored.db")
    ingested = run("ingest", str(corpus), "--db", db, "--format", "jsonl")
    assert ingested.exit_code == 0 and "2 documents: 2 new" in ingested.stderr
    first = run("extract", "--db", db, "--format", "jsonl", "--published", "2016-08-07")
    assert first.exit_code == 0, first.stderr
    assert "2 documents: 2 extracted" in first.stderr
    with open_store(db) as store:
        stats = store.stats()
    assert stats["extracted"] == 2 and stats["report_events"] == len(first.stdout.splitlines())
    again = run("extract", "--db", db)
    assert again.exit_code == 0 and "no stored document is waiting" in again.stderr
    redo = run("extract", "--db", db, "--all", "--format", "jsonl")
    assert redo.exit_code == 0 and "2 documents: 2 extracted" in redo.stderr


def test_cli_extract_without_paths_or_db_says_what_to_give(run: Run, tmp_path: Path) -> None:
    result = run("extract")
    assert result.exit_code == 1
    assert "[E204]" in result.stderr and "--db" in result.stderr
    both = run("extract", str(tmp_path), "--all", "--db", str(tmp_path / "x.db"))
    assert both.exit_code == 1 and "[E208]" in both.stderr


def test_cli_ingest_counts_one_document(run: Run, tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text(REPORTS[0], "utf-8")
    result = run("ingest", str(tmp_path / "one.txt"), "--db", str(tmp_path / "one.db"))
    assert result.exit_code == 0
    assert "1 document: 1 new, 0 already stored; 0 inputs failed." in result.stderr

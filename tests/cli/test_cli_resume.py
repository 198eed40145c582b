"""A batch killed midway (SIGKILL) loses nothing committed; the next run does only the rest."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sitrep.data import example_document
from sitrep.store import EventQuery, open_store

DOCS = 12
CLI = [sys.executable, "-c", "from sitrep.cli import main; main()"]


def extracted(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(db, timeout=30) as conn:
            row = conn.execute(
                "SELECT count(*) FROM documents WHERE extracted_at IS NOT NULL"
            ).fetchone()
    except sqlite3.OperationalError:  # tables not created yet
        return 0
    return int(row[0])


@pytest.mark.slow
def test_resume_after_kill_does_each_document_once(tmp_path: Path) -> None:
    text = example_document().text
    folder = tmp_path / "articles"
    folder.mkdir()
    for n in range(DOCS):
        (folder / f"report-{n:02d}.txt").write_text(f"Report {n}.\n\n{text}", "utf-8")
    db = tmp_path / "resume.db"
    args = [
        *CLI,
        "extract",
        str(folder),
        "--published",
        "2016-08-07",
        "--db",
        str(db),
        "--format",
        "jsonl",
    ]

    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 300
    while extracted(db) < 3:
        assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
        assert time.monotonic() < deadline, "no document extracted in 300 s"
        time.sleep(0.05)
    proc.kill()
    proc.wait()
    done = extracted(db)
    assert 3 <= done < DOCS, "the batch finished before it could be killed"

    resumed = subprocess.run(args, capture_output=True, text=True, timeout=600)
    assert resumed.returncode == 0, resumed.stderr
    summary = re.search(r"(\d+) extracted, (\d+) already extracted", resumed.stderr)
    assert summary is not None, resumed.stderr
    assert (int(summary.group(1)), int(summary.group(2))) == (DOCS - done, done)
    assert re.search(rf"extracting .* {DOCS}/{DOCS}", resumed.stderr), "no progress bar on stderr"

    with open_store(str(db)) as store:
        assert store.stats()["documents"] == DOCS
        assert store.stats()["extracted"] == DOCS
        per_doc = [store.count_events(EventQuery(doc_id=d.id)) for d in store.iter_documents()]
        assert all(n > 0 for n in per_doc)
        assert sum(per_doc) == store.count_events()
    # The second run printed every document's events: the stored ones and the new ones.
    assert len(resumed.stdout.splitlines()) == sum(per_doc)

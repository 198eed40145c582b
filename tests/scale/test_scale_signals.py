"""Pool workers die with `sitrep extract`: SIGKILL of the parent leaves no worker behind, and
SIGTERM/SIGINT stop the workers and report what was stored and what was not."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sitrep.store import open_store


def _children(pid: int) -> set[int]:
    """Live (not zombie) processes whose parent is `pid`, from /proc."""
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[1]) == pid and fields[0] != "Z":
            found.add(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _start(tmp_path: Path, own_reports: tuple[str, ...]) -> tuple[subprocess.Popen[str], Path]:
    """`sitrep extract --workers 2` on 60 reports, in its own process group."""
    corpus = tmp_path / "corpus.jsonl"
    import json

    lines = [
        json.dumps({"id": f"r{n}", "text": f"{own_reports[n % 3]} (Report {n}.)"})
        for n in range(60)
    ]
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = tmp_path / "kill.db"
    code = "from sitrep.cli import main; main()"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    process = subprocess.Popen(
        [sys.executable, "-c", code, "extract", str(corpus), "--db", str(db), "--workers", "2",
         "--format", "jsonl", "--published", "2016-08-07"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=True,
    )
    return process, db


def _wait_for_workers(pid: int, count: int, seconds: float = 120) -> set[int]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        workers = {c for c in _children(pid) if "spawn_main" in _cmdline(c)}
        if len(workers) >= count:
            return workers
        time.sleep(0.2)
    pytest.fail(f"no {count} workers appeared under {pid}")


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def _gone(pids: set[int], seconds: float = 15) -> set[int]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and any(_alive(p) for p in pids):
        time.sleep(0.2)
    return {p for p in pids if _alive(p)}


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_scale_workers_die_when_the_parent_is_killed(
    tmp_path: Path, own_reports: tuple[str, ...]
) -> None:
    process, _ = _start(tmp_path, own_reports)
    everything: set[int] = set()
    try:
        workers = _wait_for_workers(process.pid, 2)
        everything = _children(process.pid)
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
        survivors = _gone(everything)
    finally:
        for pid in everything | _children(process.pid) | {process.pid}:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
    assert workers <= everything
    assert survivors == set(), f"processes outlived their killed parent: {survivors}"


@pytest.mark.slow
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_scale_signal_stops_workers_and_reports(
    tmp_path: Path, own_reports: tuple[str, ...], signum: int
) -> None:
    process, db = _start(tmp_path, own_reports)
    try:
        workers = _wait_for_workers(process.pid, 2)
        deadline = time.monotonic() + 120  # let some documents finish first
        while time.monotonic() < deadline and not _some_stored(db):
            time.sleep(0.5)
        os.kill(process.pid, signum)
        _, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    name = signal.Signals(signum).name
    assert process.returncode == (130 if signum == signal.SIGINT else 143), err
    assert f"interrupted by {name}: stored " in err and "not processed" in err, err
    assert _gone(workers) == set()
    with open_store(str(db)) as store:
        stored = store.stats()["extracted"]
    assert f"stored {stored} document" in err


def _some_stored(db: Path) -> bool:
    if not db.exists():
        return False
    import sqlite3

    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            query = "SELECT COUNT(*) FROM documents WHERE extracted_at IS NOT NULL"
            return bool(conn.execute(query).fetchone()[0])
    except sqlite3.Error:
        return False

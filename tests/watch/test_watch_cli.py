"""`sitrep feeds add|list|remove` and `sitrep watch`, in-process and as real processes
(SIGTERM stops cleanly; SIGKILL mid-run loses nothing: the next run picks the queue up)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner
from watch_helpers import FeedServer, item

import sitrep.cli.feeds
import sitrep.cli.watch  # noqa: F401  (registers the commands)
from sitrep.cli import app
from sitrep.store import feeds as feedstore
from sitrep.store import open_store

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_cli_feeds_add_list_remove(db_path: Path, tmp_path: Path) -> None:
    db = str(db_path)
    code, _, err = run(
        "feeds", "add", "http://127.0.0.1:9/a.xml", str(tmp_path), "--db", db, "--interval", "120"
    )
    assert code == 0 and "folder" in err
    code, out, _ = run("feeds", "list", "--db", db, "--format", "json")
    rows = json.loads(out)
    assert [(r["kind"], r["interval"], r["failures"]) for r in rows] == [
        ("feed", 120.0, 0),
        ("folder", 120.0, 0),
    ]
    assert run("feeds", "remove", "http://127.0.0.1:9/a.xml", "--db", db)[0] == 0
    assert run("feeds", "remove", str(rows[1]["id"]), "--db", db)[0] == 0
    code, _, err = run("feeds", "remove", "nothing", "--db", db)
    assert code == 1 and "E242" in err
    assert json.loads(run("feeds", "list", "--db", db, "--format", "json")[1]) == []


def test_cli_feeds_add_unknown_path_is_one_error(db_path: Path) -> None:
    code, _, err = run("feeds", "add", "/no/such/folder", "--db", str(db_path))
    assert code == 1 and "E100" in err


def test_cli_watch_with_nothing_to_watch(db_path: Path) -> None:
    code, _, err = run("watch", "--db", str(db_path), "--once")
    assert code == 1 and "E244" in err


def test_cli_watch_feed_list_records_state(
    db_path: Path, tmp_path: Path, feed_server: FeedServer
) -> None:
    feed_server.items = [item(1)]
    listing = tmp_path / "feeds.txt"
    listing.write_text(
        f"# test feeds\n{feed_server.url('/feed.xml')} 30\n\n{feed_server.url('/broken')}\n"
    )
    code, _, err = run(
        "watch",
        "--feeds",
        str(listing),
        "--db",
        str(db_path),
        "--until-idle",
        "--allow-private-urls",
        "--quiet",
    )
    assert code == 0 and "1 extracted" in err and "1 failed" in err
    with open_store(str(db_path)) as store:
        feeds = {f.source.rsplit("/", 1)[1]: f for f in feedstore.list_feeds(store)}
        assert feeds["feed.xml"].interval == 30 and feeds["feed.xml"].items == 1
        assert feeds["broken"].failures == 1 and "500" in (feeds["broken"].last_error or "")
        assert store.stats()["report_events"] >= 1 and store.stats()["fused_events"] >= 1
    code, out, _ = run("feeds", "list", "--db", str(db_path))
    assert code == 0 and "500" in out


def test_cli_watch_bad_feed_list_line(db_path: Path, tmp_path: Path) -> None:
    listing = tmp_path / "feeds.txt"
    listing.write_text("http://127.0.0.1:9/a.xml every-minute\n")
    code, _, err = run("watch", "--feeds", str(listing), "--db", str(db_path), "--once")
    assert code == 1 and "E243" in err


def _watch_process(db: Path, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    env.pop("SITREP_DB", None)
    command = [
        sys.executable,
        "-c",
        "from sitrep.cli import main; main()",
        "watch",
        "--db",
        str(db),
        "--allow-private-urls",
        *args,
    ]
    return subprocess.Popen(
        command, env=env, stderr=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )


def _wait_for(check, timeout: float = 120.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


@pytest.mark.slow
def test_cli_watch_sigkill_mid_run_loses_nothing(db_path: Path, feed_server: FeedServer) -> None:
    feed_server.items = [item(n) for n in range(40)]
    with open_store(str(db_path)) as store:
        pass
    process = _watch_process(db_path, feed_server.url("/feed.xml"), "--interval", "3600")
    with open_store(str(db_path)) as store:
        _wait_for(lambda: store.stats()["extracted"] >= 1)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        queued = {p.document.id for p in feedstore.pending(store, limit=100)}
        done = {d.id for d in store.iter_documents() if store.has_extraction(d.id)}
    # killed mid-queue: every item is either stored or waiting (one may be both, if the kill
    # came between storing its events and taking it off the queue)
    assert queued and len(done | queued) == 40 and len(done & queued) <= 1
    assert feed_server.hits["/feed.xml"] == 1
    rerun = _watch_process(db_path, "--until-idle")
    _, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err
    with open_store(str(db_path)) as store:
        assert store.stats()["documents"] == 40 and store.stats()["extracted"] == 40
        assert feedstore.pending_count(store) == 0
    assert feed_server.hits["/feed.xml"] == 1  # not due yet: the queue came from the database


@pytest.mark.slow
def test_cli_watch_sigterm_stops_cleanly(db_path: Path, feed_server: FeedServer) -> None:
    feed_server.items = [item(1)]
    process = _watch_process(db_path, feed_server.url("/feed.xml"), "--interval", "1")
    with open_store(str(db_path)) as store:
        _wait_for(lambda: store.stats()["extracted"] >= 1)
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 0
    assert "SIGTERM" in err and "1 extracted" in err

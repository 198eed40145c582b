"""Load and faults: the API under 50 concurrent clients, a PostgreSQL restart, a full disk.

All events are synthetic (`tests/api_fixtures.py` `synthetic_extraction`: made-up actors,
random dates 2012-2023, places near governorate capitals), 100 per synthetic document. The
server is `sitrep serve` in a subprocess on 127.0.0.1; clients only ever talk to 127.0.0.1.

    # 100k events, 50 clients for 60 s of mixed filters, GeoJSON exports and event pages
    python bench/load.py load --db /tmp/load.db [--events 100000] [--clients 50] [--seconds 60]
    python bench/load.py load --db postgresql://postgres@127.0.0.1:5439/sitrep_load
    # the same with PostgreSQL stopped for --outage seconds a third of the way in (needs root
    # and a cluster of its own: pg_ctlcluster VERSION NAME stop/start); a writer client
    # ingests articles throughout, and every 201 is checked in the store afterwards
    python bench/load.py load --db postgresql://... --restart-cluster "15 sitrepd" [--outage 5]
    # a SQLite batch on a 2 MB tmpfs (needs root): a clear error, the store intact
    python bench/load.py disk-full [--size 2m]

Prints one JSON object per run (throughput, p50/p95/p99 latency in ms, errors by status).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import httpx

from sitrep.store import EventQuery, open_store

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from api_fixtures import free_port, synthetic_extraction  # noqa: E402 - test helpers

PER_DOC = 100
SITREP = [sys.executable, "-c", "from sitrep.cli import main; main()"]
# The mix one analyst's session makes: filtered lists, map exports, event pages (weights).
MIX: tuple[tuple[int, str], ...] = (
    (4, "/api/events?event_type=Battles&admin1=Aleppo&limit=100"),
    (4, "/api/events?since=2016-01-01&until=2016-12-31&limit=100"),
    (2, "/api/events?actor=Synthetic%20Actor%207&order_by=-fatalities&limit=100"),
    (2, "/api/events?bbox=36.5,35.5,37.5,36.5&since=2015-01-01&limit=100"),
    (1, "/api/events?near=33.51,36.28,25&limit=100"),
    (2, "/api/events.geojson?since=2019-06-01&until=2019-12-31&limit=1000"),
    (2, "/events?since=2018-01-01&until=2018-03-31&limit=50"),
    (6, "EVENT_PAGE"),
    (6, "EVENT_API"),
)


def seed(url: str, n_events: int, rng_seed: int = 1) -> float:
    """Fill the store at `url` with `n_events` synthetic events unless it holds them already."""
    with open_store(url) as store:
        if store.count_events(EventQuery()) >= n_events:
            return 0.0
        started = time.perf_counter()
        rng = random.Random(rng_seed)
        for index in range(n_events // PER_DOC):
            store.save_extraction(*synthetic_extraction(index, PER_DOC, rng))
        return time.perf_counter() - started


def start_server(url: str, port: int) -> subprocess.Popen[bytes]:
    """`sitrep serve` on 127.0.0.1:port (writable: loopback, no token); waits until it answers."""
    server = subprocess.Popen(
        [*SITREP, "serve", "--db", url, "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=5).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.5)
    server.kill()
    raise SystemExit("the server did not start")


def _path(rng: random.Random, n_docs: int) -> str:
    weights = [w for w, _ in MIX]
    path = rng.choices([p for _, p in MIX], weights)[0]
    if path.startswith("EVENT_"):
        event = f"syn-{rng.randrange(n_docs)}-{rng.randrange(PER_DOC)}"
        return f"/events/{event}" if path == "EVENT_PAGE" else f"/api/events/{event}"
    return path


async def reader(
    client: httpx.AsyncClient, stop: float, rng: random.Random, n_docs: int, log: list[Any]
) -> None:
    """One client: requests from MIX until `stop`; logs (start, seconds, status, path)."""
    while time.monotonic() < stop:
        path = _path(rng, n_docs)
        started = time.monotonic()
        try:
            response = await client.get(path)
            status = response.status_code
        except httpx.HTTPError as exc:
            status = type(exc).__name__
        kind = re.sub(r"syn-\d+-\d+", "{id}", path.split("?")[0])
        log.append((started, time.monotonic() - started, status, kind))


async def writer(
    client: httpx.AsyncClient, stop: float, written: list[str], log: list[Any]
) -> None:
    """Ingest a new short article every second until `stop`; keep the ids answered with 201."""
    n = 0
    while time.monotonic() < stop:
        n += 1
        text = (
            f"Load test article {n} at {time.time():.3f}. Shelling hit the town of Douma on "
            "Monday, killing three civilians, a local monitor said."
        )
        started = time.monotonic()
        try:
            response = await client.post("/api/ingest", json={"text": text})
            status: Any = response.status_code
            if status == 201:
                written.append(response.json()["document"]["id"])
        except httpx.HTTPError as exc:
            status = type(exc).__name__
        log.append((started, time.monotonic() - started, status, "POST /api/ingest"))
        await asyncio.sleep(1.0)


def _restart(cluster: str, at: float, outage: float, marks: dict[str, float]) -> None:
    """Stop the PostgreSQL cluster at `at` (monotonic), start it `outage` seconds later."""
    version, name = cluster.split()
    time.sleep(max(0.0, at - time.monotonic()))
    marks["stop"] = time.monotonic()
    subprocess.run(["pg_ctlcluster", version, name, "stop", "-m", "fast"], check=True)
    time.sleep(outage)
    marks["start"] = time.monotonic()
    subprocess.run(["pg_ctlcluster", version, name, "start"], check=True)
    marks["up"] = time.monotonic()


async def drive(base: str, args: argparse.Namespace, n_docs: int) -> dict[str, Any]:
    """Run the clients (and the fault) for args.seconds; return the raw logs."""
    log: list[Any] = []
    written: list[str] = []
    marks: dict[str, float] = {}
    # keep-alive shorter than uvicorn's 5 s, so a pooled connection is never reused just as
    # the server closes it (a ReadError that would be the client's doing, not the server's)
    limits = httpx.Limits(max_connections=args.clients + 2, keepalive_expiry=2.0)
    async with httpx.AsyncClient(base_url=base, timeout=120, limits=limits) as client:
        begin = time.monotonic()
        stop = begin + args.seconds
        tasks = [reader(client, stop, random.Random(n), n_docs, log) for n in range(args.clients)]
        if args.restart_cluster:
            tasks.append(writer(client, stop, written, log))
            at = begin + args.seconds / 3
            tasks.append(asyncio.to_thread(_restart, args.restart_cluster, at, args.outage, marks))
        await asyncio.gather(*tasks)
        lost = []
        for doc_id in written:  # everything answered 201 must be stored
            if (await client.get(f"/api/documents/{doc_id}")).status_code != 200:
                lost.append(doc_id)
    return {"log": log, "begin": begin, "marks": marks, "written": written, "lost": lost}


def _percentile(values: list[float], q: float) -> float:
    return round(values[min(len(values) - 1, int(q * len(values)))] * 1000, 1)


def summarise(run: dict[str, Any], seconds: float) -> dict[str, Any]:
    """Throughput, latency percentiles and errors of a run (and the outage, if any)."""
    log = run["log"]
    ok = sorted(d for _, d, s, _ in log if s == 200 or s == 201)
    statuses = Counter(str(s) for _, _, s, _ in log)
    result: dict[str, Any] = {
        "requests": len(log),
        "throughput_rps": round(len(log) / seconds, 1),
        "p50_ms": _percentile(ok, 0.50) if ok else None,
        "p95_ms": _percentile(ok, 0.95) if ok else None,
        "p99_ms": _percentile(ok, 0.99) if ok else None,
        "statuses": dict(statuses),
        "errors": sum(n for s, n in statuses.items() if s not in ("200", "201")),
        "by_kind_p50_ms": {
            kind: _percentile(sorted(d for _, d, s, k in log if k == kind and s == 200), 0.5)
            for kind in sorted({k for *_, k in log})
            if any(k == kind and s == 200 for _, _, s, k in log)
        },
    }
    marks = run["marks"]
    if marks:
        result["fault"] = _fault(log, marks, run)
    return result


def _fault(log: list[Any], marks: dict[str, float], run: dict[str, Any]) -> dict[str, Any]:
    """The outage: 503s and when they stopped, other errors, what was written and kept."""
    stop, up = marks["stop"], marks["up"]
    unavailable = [(t, t + d) for t, d, s, _ in log if s == 503]
    overlapping = [1 for t, end in unavailable if t <= up and end >= stop]
    after = sorted((t + d, s) for t, d, s, _ in log if t >= up)
    first_ok = next((end for end, s in after if s == 200), None)
    others = Counter(str(s) for _, _, s, _ in log if s not in (200, 201, 503))
    return {
        "outage_s": round(up - stop, 1),
        "503_total": len(unavailable),
        "503_in_flight_or_started_during_outage": len(overlapping),
        "last_503_answered_after_restart_s": (
            round(max(end for _, end in unavailable) - up, 2) if unavailable else None
        ),
        "first_200_after_restart_s": round(first_ok - up, 2) if first_ok else None,
        "other_errors": dict(others),
        "ingested_201": len(run["written"]),
        "lost_after_201": len(run["lost"]),
    }


def load(args: argparse.Namespace) -> None:
    """Seed, serve, drive the clients, print the figures."""
    filled = seed(args.db, args.events)
    print(f"seeded {args.events} events in {filled:.0f} s (0 = reused)", file=sys.stderr)
    port = free_port()
    server = start_server(args.db, port)
    try:
        base = f"http://127.0.0.1:{port}"
        for path in ("/api/events?limit=1", "/events?limit=1", "/api/events/syn-0-0"):
            httpx.get(base + path, timeout=300)  # warm-up
        run = asyncio.run(drive(base, args, args.events // PER_DOC))
    finally:
        server.terminate()
        server.wait(timeout=30)
    figures = summarise(run, args.seconds)
    figures.update(
        store="postgresql" if args.db.startswith("postgresql") else "sqlite",
        events=args.events,
        clients=args.clients,
        seconds=args.seconds,
        cores=os.cpu_count(),
        load_average_before=[round(x, 1) for x in os.getloadavg()],
    )
    print(json.dumps(figures, indent=1))


def disk_full(args: argparse.Namespace) -> None:
    """`sitrep ingest` a corpus larger than a small tmpfs: a clear error, the store intact."""
    mount = Path(tempfile.mkdtemp(prefix="sitrep-diskfull-"))
    subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={args.size}", "tmpfs", str(mount)], check=True
    )
    try:
        db = mount / "full.db"
        corpus = Path(tempfile.mkdtemp(prefix="sitrep-corpus-")) / "corpus.jsonl"
        rng = random.Random(3)
        with corpus.open("w", encoding="utf-8") as out:
            for n in range(args.documents):
                words = " ".join(
                    rng.choice(
                        ("shelling", "Douma", "monitor", "civilians", "reported", "Monday", "town")
                    )
                    for _ in range(150)
                )
                out.write(json.dumps({"id": f"d{n}", "text": f"Synthetic article {n}. {words}"}))
                out.write("\n")
        done = subprocess.run(
            [*SITREP, "ingest", str(corpus), "--db", str(db), "--format", "jsonl"],
            capture_output=True,
            text=True,
            check=False,
        )
        conn = sqlite3.connect(db)
        try:
            integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
            in_store = conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        finally:
            conn.close()
        print(
            json.dumps(
                {
                    "tmpfs": args.size,
                    "documents_in_batch": args.documents,
                    "exit_code": done.returncode,
                    "stderr_last_line": done.stderr.strip().splitlines()[-1] if done.stderr else "",
                    "documents_in_store": in_store,
                    "integrity_check": integrity,
                },
                indent=1,
            )
        )
    finally:
        subprocess.run(["umount", str(mount)], check=False)
        mount.rmdir()


def main() -> None:
    """Parse the options and run one mode."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    modes = parser.add_subparsers(dest="mode", required=True)
    run = modes.add_parser("load", help="50 clients of mixed requests, optionally a PG restart")
    run.add_argument("--db", required=True, help="SQLite path or postgresql:// URL")
    run.add_argument("--events", type=int, default=100_000)
    run.add_argument("--clients", type=int, default=50)
    run.add_argument("--seconds", type=float, default=60.0)
    run.add_argument("--restart-cluster", default="", help='e.g. "15 sitrepd" (pg_ctlcluster)')
    run.add_argument("--outage", type=float, default=5.0, help="seconds PostgreSQL stays down")
    full = modes.add_parser("disk-full", help="a SQLite batch on a small tmpfs")
    full.add_argument("--size", default="2m")
    full.add_argument("--documents", type=int, default=3000)
    args = parser.parse_args()
    if args.mode == "load":
        load(args)
    else:
        disk_full(args)


if __name__ == "__main__":
    main()

"""Benchmark the API and the web page on synthetic events.

1. API: p50/p95 latency of filtered `GET /api/events` queries (real HTTP, uvicorn on localhost,
   one client) over N stored events, on SQLite and (if reachable) PostgreSQL.
2. Page: load time of `/events` in headless Debian chromium with M events on the map (navigation
   until every marker is drawn; the page sets data-ready when done).

All events are synthetic (`tests/api_fixtures.py` `synthetic_extraction`: made-up actors, random
dates 2012-2023, places near governorate capitals), 100 per synthetic document.

    python bench/api_latency.py [--events 100000] [--page-events 10000] [--rounds 30]
        [--pg postgresql://postgres@127.0.0.1:5432/sitrep_bench] [--no-pg] [--no-page]
        [--workdir DIR]   # keep the SQLite files there and reuse them when already filled
        [--reuse-pg]      # keep the PostgreSQL database and reuse it when already filled
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from contextlib import nullcontext
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx

from sitrep.api import create_app
from sitrep.store import open_store

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from api_fixtures import serve_in_thread, synthetic_extraction  # noqa: E402 - test helpers

PER_DOC = 100
# Filtered queries an analyst would make (all paged to 100 rows, with the total count).
QUERIES: tuple[dict[str, str], ...] = (
    {"event_type": "Battles", "admin1": "Aleppo", "limit": "100"},
    {"since": "2016-01-01", "until": "2016-12-31", "limit": "100"},
    {"actor": "Synthetic Actor 7", "order_by": "-fatalities", "limit": "100"},
    {"bbox": "36.5,35.5,37.5,36.5", "since": "2015-01-01", "limit": "100"},
    {"near": "33.51,36.28,25", "limit": "100"},
    {"grade": "A", "contested": "true", "limit": "100"},
    {"sub_event_type": "Air/drone strike", "admin1": "Idleb", "order_by": "event_date"},
)


def fill(url: str, n_events: int, seed: int = 1) -> float:
    """Store `n_events` synthetic events in a fresh database at `url`; return seconds taken."""
    rng = random.Random(seed)
    started = time.perf_counter()
    with open_store(url) as store:
        for index in range(n_events // PER_DOC):
            store.save_extraction(*synthetic_extraction(index, PER_DOC, rng))
    return time.perf_counter() - started


def _figures(times: list[float]) -> dict[str, float]:
    times = sorted(times)
    return {
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[round(0.95 * (len(times) - 1))], 1),
        "max_ms": round(times[-1], 1),
        "n": len(times),
    }


def latency(base: str, rounds: int) -> dict[str, Any]:
    """Run every query of QUERIES `rounds` times; latency figures overall and per query (ms)."""
    per_query: dict[str, list[float]] = {}
    with httpx.Client(base_url=base, timeout=300) as client:
        for query in QUERIES:  # warm-up
            client.get("/api/events", params=query).raise_for_status()
        for _ in range(rounds):
            for query in QUERIES:
                started = time.perf_counter()
                response = client.get("/api/events", params=query)
                elapsed = (time.perf_counter() - started) * 1000
                response.raise_for_status()
                per_query.setdefault(urlencode(query), []).append(elapsed)
    every = [t for times in per_query.values() for t in times]
    return {
        "all": _figures(every),
        "per_query": {name: _figures(times) for name, times in per_query.items()},
    }


def measure_api(url: str, rounds: int) -> dict[str, Any]:
    """Serve the store at `url` with uvicorn and measure the filtered queries."""
    app = create_app(url, read_only=True)
    try:
        with serve_in_thread(app) as base:
            return latency(base, rounds)
    finally:
        app.state.store.close()


def _filled(url: str, n_events: int, seed: int) -> float:
    """Fill the store at `url` unless it already holds `n_events` report events."""
    from sitrep.store import EventQuery

    with open_store(url) as store:
        if store.count_events(EventQuery()) == n_events:
            print(f"reusing {url} ({n_events} events)", flush=True)
            return 0.0
    return fill(url, n_events, seed)


def page_load(url: str, runs: int = 3) -> dict[str, float]:
    """Load /events in headless chromium `runs` times; return the median and worst times in ms."""
    from playwright.sync_api import sync_playwright

    app = create_app(url, read_only=True)
    totals, scripted = [], []
    try:
        with serve_in_thread(app) as base, sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium",
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            for _ in range(runs):
                page = browser.new_page(viewport={"width": 1400, "height": 900})
                started = time.perf_counter()
                page.goto(f"{base}/events")
                page.wait_for_selector("body[data-ready='1']", timeout=180_000)
                totals.append((time.perf_counter() - started) * 1000)
                scripted.append(float(page.locator("body").get_attribute("data-loaded-ms") or 0))
                page.close()
            browser.close()
    finally:
        app.state.store.close()
    return {
        "median_ms": statistics.median(totals),
        "worst_ms": max(totals),
        "fetch_and_draw_median_ms": statistics.median(scripted),
    }


def _create_pg_database(url: str) -> bool:
    """Drop and create the database named in a postgresql:// URL; False if unreachable."""
    import psycopg

    admin, _, name = url.rpartition("/")
    try:
        with psycopg.connect(
            f"{admin}/postgres".replace("postgresql+psycopg", "postgresql"),
            autocommit=True,
            connect_timeout=5,
        ) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as exc:
        print(f"PostgreSQL not reachable ({exc}); skipped")
        return False
    return True


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--page-events", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=30, help="times each query is run")
    parser.add_argument("--pg", default="postgresql://postgres@127.0.0.1:5432/sitrep_bench")
    parser.add_argument("--no-pg", action="store_true")
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument("--no-page", action="store_true")
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument(
        "--reuse-pg",
        action="store_true",
        help="don't recreate the --pg database; fill it only if it lacks --events events",
    )
    args = parser.parse_args()
    results: dict[str, Any] = {"events": args.events, "page_events": args.page_events}
    holder = (
        nullcontext(str(args.workdir))
        if args.workdir
        else tempfile.TemporaryDirectory(prefix="sitrep-bench-")
    )
    with holder as tmp:
        Path(tmp).mkdir(parents=True, exist_ok=True)
        if not args.no_sqlite:
            sqlite_url = str(Path(tmp) / f"bench-{args.events}.db")
            print(f"SQLite: {args.events} synthetic events ...", flush=True)
            results["sqlite_fill_s"] = round(_filled(sqlite_url, args.events, 1), 1)
            results["sqlite"] = measure_api(sqlite_url, args.rounds)
            print("SQLite", json.dumps(results["sqlite"], indent=1), flush=True)
        if not args.no_pg and (args.reuse_pg or _create_pg_database(args.pg)):
            print(f"PostgreSQL: {args.events} synthetic events ...", flush=True)
            results["pg_fill_s"] = round(_filled(args.pg, args.events, 1), 1)
            results["postgresql"] = measure_api(args.pg, args.rounds)
            print("PostgreSQL", json.dumps(results["postgresql"], indent=1), flush=True)
        if not args.no_page:
            page_url = str(Path(tmp) / f"page-{args.page_events}.db")
            _filled(page_url, args.page_events, seed=2)
            results["page"] = page_load(page_url)
            print(f"Page with {args.page_events} events:", results["page"], flush=True)
    print(json.dumps(results))


if __name__ == "__main__":
    main()

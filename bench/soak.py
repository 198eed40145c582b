"""Soak run of `sitrep serve --watch`: feed items arriving over time, until they are on the map.

A local feed server (127.0.0.1, in this process) publishes `--items` synthetic war reports at
`--rate` items/s on two RSS feeds: feed A carries every item (the newest `--window` of them,
links with utm_ tracking), feed B re-publishes every 4th item with other tracking parameters
(the same text: it must not be stored twice). `sitrep serve --watch` runs as a real process on
a fresh database, following both feeds every `--interval` seconds (watch.yaml's politeness of
2 s between requests to one host applies). The bench polls `/api/live` (what the map polls) and
records when each item's first event appears, samples the server's RSS, then checks the
database: every item stored once, none lost.

Figures: items/s (items on the map / time from the first publish to the last appearance),
latency from publish to map (median, 95th percentile, max), RSS (peak over the first and the
last tenth of the run, and overall), lost and duplicated items. Items are synthetic (made-up
reports from templates, one event each); no corpus data is used.

    python bench/soak.py [--items 1000] [--rate 3] [--window 50] [--interval 1]
        [--store sqlite|postgres|both] [--pg postgresql://postgres@127.0.0.1:5432/test]
        [--json results.json]

PostgreSQL: a new database is created on the server named by --pg and dropped afterwards.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

import httpx
import psutil

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = (
    "Syrian government helicopters dropped barrel bombs on {place} on {day}, killing {k} "
    "civilians, according to the Syrian Observatory for Human Rights. Report number {n}.",
    "Russian warplanes carried out airstrikes on {place} on {day}, killing {k} people including "
    "{c} children, local activists said. Report number {n}.",
    "Clashes broke out between regime forces and opposition fighters near {place} on {day}; {k} "
    "fighters were killed, the Syrian Observatory for Human Rights said. Report number {n}.",
)
PLACES = (
    "Kafr Zita",
    "Douma",
    "Saraqib",
    "Maarat al-Numan",
    "Jisr al-Shughur",
    "Darayya",
    "Khan Shaykhun",
    "al-Bab",
    "Ariha",
    "Talbiseh",
    "Kafranbel",
    "Atarib",
)
DAYS = ("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")
WARM_UP = 0  # item 0 is published first and waited for (loads the spaCy model); not timed


def article(n: int) -> str:
    """The synthetic report number n."""
    return TEMPLATES[n % 3].format(
        place=PLACES[n % len(PLACES)], day=DAYS[n % 7], k=2 + n % 9, c=1 + n % 3, n=n
    )


@dataclass
class Publisher:
    """Items published so far (n -> time.time() of publication) and the feeds they make."""

    window: int
    port: int = 0
    published: dict[int, float] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def publish(self, n: int) -> None:
        with self.lock:
            self.published[n] = time.time()

    def feed(self, which: str) -> bytes:
        with self.lock:
            newest = sorted(self.published)[-self.window :]
        if which == "b":
            newest = [n for n in newest if n % 4 == 0]
        entries = []
        for n in reversed(newest):
            track = "utm_source=feedA" if which == "a" else f"utm_source=feedB&fbclid=x{n}"
            link = f"http://127.0.0.1:{self.port}/story/{n}?{track}"
            entries.append(
                f"<item><title>Report {n}</title><link>{escape(link)}</link>"
                f"<pubDate>Sun, 07 Aug 2016 10:00:00 GMT</pubDate>"
                f"<description>{escape(article(n))}</description></item>"
            )
        return (
            '<?xml version="1.0"?><rss version="2.0"><channel><title>Soak wire '
            f"{which}</title><link>http://127.0.0.1/</link><description>d</description>"
            + "".join(entries)
            + "</channel></rss>"
        ).encode()


def start_feeds(publisher: Publisher) -> ThreadingHTTPServer:
    """Serve /a.xml and /b.xml from the publisher (with ETags, 304 on If-None-Match)."""
    import hashlib

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802
            which = self.path.strip("/").split(".")[0]
            if which not in ("a", "b"):
                self.send_response(404)
                self.end_headers()
                return
            body = publisher.feed(which)
            etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("ETag", etag)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    publisher.port = server.server_address[1]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def sitrep(*args: str, **kwargs: Any) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    env.pop("SITREP_DB", None)
    command = [sys.executable, "-c", "from sitrep.cli import main; main()", *args]
    return subprocess.Popen(command, env=env, **kwargs)


@dataclass
class Watch:
    """What the bench saw: first appearance of each item on the map, RSS samples."""

    seen: dict[int, float] = field(default_factory=dict)
    doc_item: dict[str, int] = field(default_factory=dict)
    rss: list[tuple[float, int]] = field(default_factory=list)


def follow_live(client: httpx.Client, watch: Watch, stop: threading.Event) -> None:
    """Poll /api/live as the page does (every 0.25 s here) and note when each item appears.

    A dropped connection (a keep-alive closed by the server as the request went out, on a
    loaded machine) is retried, as the page's next poll would be."""
    cursor = client.get("/api/live").json()["cursor"]
    while not stop.is_set():
        try:
            body = client.get("/api/live", params={"after": cursor}).json()
            now = time.time()
            for feature in body["features"]:
                for doc_id in feature["properties"]["doc_ids"].split("; "):
                    if doc_id not in watch.doc_item:
                        url = client.get(f"/api/documents/{doc_id}").json()["document"]["url"]
                        watch.doc_item[doc_id] = int(urlsplit(url).path.rsplit("/", 1)[1])
                    watch.seen.setdefault(watch.doc_item[doc_id], now)
        except httpx.TransportError:
            stop.wait(0.25)
            continue
        cursor = body["cursor"]
        if not body.get("more"):
            stop.wait(0.25)


def sample_rss(pid: int, watch: Watch, stop: threading.Event) -> None:
    process = psutil.Process(pid)
    while not stop.wait(1.0):
        try:
            watch.rss.append((time.time(), process.memory_info().rss))
        except psutil.Error:
            return


def count_documents(db: str) -> dict[int, int]:
    """Documents stored per item number (from each document's URL)."""
    sys.path.insert(0, str(ROOT / "src"))
    from sitrep.store import open_store

    counts: dict[int, int] = {}
    with open_store(db) as store:
        for doc in store.iter_documents():
            n = int(urlsplit(doc.url or "").path.rsplit("/", 1)[1])
            counts[n] = counts.get(n, 0) + 1
    return counts


def add_feeds(db: str, port: int, interval: float) -> None:
    feeds = [f"http://127.0.0.1:{port}/a.xml", f"http://127.0.0.1:{port}/b.xml"]
    done = sitrep("feeds", "add", *feeds, "--interval", str(interval), "--db", db)
    if done.wait() != 0:
        raise SystemExit("sitrep feeds add failed")


def wait_for(check: Any, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise SystemExit(f"timed out waiting for {what}")
        time.sleep(0.2)


def _healthy(client: httpx.Client) -> bool:
    try:
        return client.get("/api/health").status_code == 200
    except httpx.HTTPError:
        return False


def soak(db: str, args: argparse.Namespace, log: Path) -> dict[str, Any]:
    """One soak run on one database; returns its figures."""
    publisher = Publisher(window=args.window)
    feeds = start_feeds(publisher)
    add_feeds(db, publisher.port, args.interval)
    port = free_port()
    with log.open("wb") as err:
        server = sitrep(
            "serve",
            "--watch",
            "--db",
            db,
            "--port",
            str(port),
            "--allow-private-urls",
            stderr=err,
            stdout=err,
        )
    watch = Watch()
    stop = threading.Event()
    client = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30)
    try:
        wait_for(lambda: _healthy(client), 60, "the server")
        threads = [
            threading.Thread(target=follow_live, args=(client, watch, stop), daemon=True),
            threading.Thread(target=sample_rss, args=(server.pid, watch, stop), daemon=True),
        ]
        for thread in threads:
            thread.start()
        publisher.publish(WARM_UP)
        wait_for(lambda: WARM_UP in watch.seen, 180, "the warm-up item")
        start = time.time()
        for n in range(1, args.items + 1):
            time.sleep(max(0.0, start + (n - 1) / args.rate - time.time()))
            publisher.publish(n)
        wanted = set(range(1, args.items + 1))
        deadline = time.time() + args.drain
        while not wanted <= set(watch.seen) and time.time() < deadline:
            time.sleep(0.5)
        end = time.time()
        stop.set()
        for thread in threads:
            thread.join(timeout=10)
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=120)
        client.close()
        feeds.shutdown()
    return figures(watch, publisher, db, args, start, end, server.returncode)


def figures(
    watch: Watch,
    publisher: Publisher,
    db: str,
    args: argparse.Namespace,
    start: float,
    end: float,
    code: int,
) -> dict[str, Any]:
    timed = [n for n in range(1, args.items + 1) if n in watch.seen]
    latency = sorted(watch.seen[n] - publisher.published[n] for n in timed)
    last = max((watch.seen[n] for n in timed), default=end)
    counts = count_documents(db)
    span = end - start
    early = [r for t, r in watch.rss if t <= start + span / 10]
    late = [r for t, r in watch.rss if t >= end - span / 10]
    mib = 1024 * 1024
    return {
        "items": args.items,
        "arrival_rate": args.rate,
        "on_map": len(timed),
        "items_per_s": round(len(timed) / (last - start), 2) if timed else 0.0,
        "latency_median_s": round(statistics.median(latency), 2) if latency else None,
        "latency_p95_s": round(latency[int(0.95 * (len(latency) - 1))], 2) if latency else None,
        "latency_max_s": round(latency[-1], 2) if latency else None,
        "rss_peak_first_tenth_mib": round(max(early) / mib, 1) if early else None,
        "rss_peak_last_tenth_mib": round(max(late) / mib, 1) if late else None,
        "rss_peak_mib": round(max(r for _, r in watch.rss) / mib, 1) if watch.rss else None,
        "rss_peak_by_tenth_mib": [
            round(max((r for t, r in watch.rss if a <= t < a + span / 10), default=0) / mib, 1)
            for a in (start + i * span / 10 for i in range(10))
        ],
        "lost": sum(1 for n in range(args.items + 1) if n not in counts),
        "duplicated": sum(c - 1 for c in counts.values() if c > 1),
        "documents": sum(counts.values()),
        "server_exit_code": code,
    }


def pg_database(base: str) -> tuple[str, Any]:
    """Create a fresh database on the server of `base`; return its URL and a dropper."""
    import sqlalchemy as sa

    name = f"sitrep_soak_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(
        base.replace("postgresql://", "postgresql+psycopg://", 1), isolation_level="AUTOCOMMIT"
    )
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))

    def drop() -> None:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return base.rsplit("/", 1)[0] + "/" + name, drop


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=1000)
    parser.add_argument("--rate", type=float, default=3.0, help="items published per second")
    parser.add_argument("--window", type=int, default=50, help="items a feed lists")
    parser.add_argument("--interval", type=float, default=1.0, help="seconds between polls")
    parser.add_argument("--drain", type=float, default=300.0, help="seconds to wait at the end")
    parser.add_argument("--store", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--pg", default="postgresql://postgres@127.0.0.1:5432/test")
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--logs", type=Path, default=None, help="keep the server logs here")
    args = parser.parse_args()
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="sitrep-soak-") as tmp:
        if args.store in ("sqlite", "both"):
            results["sqlite"] = soak(
                str(Path(tmp) / "soak.db"), args, Path(args.logs or tmp) / "sqlite.log"
            )
            print(json.dumps({"sqlite": results["sqlite"]}), flush=True)
        if args.store in ("postgres", "both"):
            url, drop = pg_database(args.pg)
            try:
                results["postgres"] = soak(url, args, Path(args.logs or tmp) / "postgres.log")
            finally:
                drop()
            print(json.dumps({"postgres": results["postgres"]}), flush=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()

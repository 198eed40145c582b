"""Scale benchmark: articles/s and peak memory of `sitrep.scale.run_extraction` per engine.

Each engine runs in a fresh Python process over the same corpus (default: FA-KES dev,
../shared/data/fakes/dev.csv): serial, a process pool and a local Dask cluster. "wall" counts
everything a user waits for (worker start, model loads, extraction); "steady" is the rate
between the first and last result, after start-up; "digest" hashes every extraction, so equal
digests mean identical events from every engine. Peak RSS is the largest sum, sampled every
0.2 s, over the run's process and all its descendants (pool or Dask workers, Dask nannies).
`sitrep bench` (bench/throughput.py) times 1 vs N bare worker processes without an engine.

Usage: python bench/scale.py [CORPUS] [--workers 2] [--limit N] [--engines serial,process,dask]
       [--json OUT]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any


def _rss_tree_mb() -> float:
    import psutil

    me = psutil.Process(os.getpid())
    total = 0
    for proc in [me, *me.children(recursive=True)]:
        try:
            total += proc.memory_info().rss
        except psutil.Error:
            continue
    return total / 2**20


def measure(corpus: Path, engine: str, workers: int, limit: int | None) -> dict[str, Any]:
    """Run one engine over the corpus in this process; return its figures."""
    from sitrep.eval.bench import load_texts
    from sitrep.records import Document, Extraction
    from sitrep.scale import run_extraction

    docs = [
        Document.from_text(t, ref=f"{corpus.name}:{n}")
        for n, t in enumerate(load_texts(corpus, limit))
    ]
    peak = 0.0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, _rss_tree_mb())
            stop.wait(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    events = errors = 0
    stamps: list[float] = []
    outputs: list[str] = []
    start = time.perf_counter()
    for _doc, result in run_extraction(docs, engine=engine, workers=workers):
        stamps.append(time.perf_counter())
        if isinstance(result, Extraction):
            events += len(result.events)
            outputs.append(_doc.id + result.model_dump_json())
        else:
            errors += 1
    wall = time.perf_counter() - start
    stop.set()
    sampler.join()
    steady = (len(stamps) - 1) / (stamps[-1] - stamps[0]) if len(stamps) > 1 else 0.0
    return {
        "engine": engine,
        "workers": 1 if engine == "serial" else workers,
        "articles": len(docs),
        "events": events,
        "errors": errors,
        "wall_s": round(wall, 1),
        "first_result_s": round(stamps[0] - start, 1) if stamps else None,
        "articles_per_s_wall": round(len(docs) / wall, 2),
        "articles_per_s_steady": round(steady, 2),
        "peak_rss_mb": round(peak),
        "digest": hashlib.sha256("\n".join(sorted(outputs)).encode()).hexdigest()[:12],
    }


def main() -> None:
    """Run each engine in its own process and print a table (and JSON if asked)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=None)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--engines", default="serial,process,dask")
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--one", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    from sitrep.eval.bench import default_corpus

    corpus = args.corpus or default_corpus()
    if args.one:
        print(json.dumps(measure(corpus, args.one, args.workers, args.limit)))
        return
    rows = []
    for engine in args.engines.split(","):
        command = [sys.executable, __file__, str(corpus), "--one", engine]
        command += ["--workers", str(args.workers)]
        if args.limit:
            command += ["--limit", str(args.limit)]
        out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
        rows.append(json.loads(out.strip().splitlines()[-1]))
        print(json.dumps(rows[-1]), file=sys.stderr)
    header = (
        "engine", "workers", "articles", "events", "errors", "wall_s", "first_result_s",
        "articles_per_s_wall", "articles_per_s_steady", "peak_rss_mb", "digest",
    )  # fmt: skip
    print(f"corpus {corpus}; {os.cpu_count()} cores; Python {platform.python_version()}")
    print(" | ".join(header))
    for row in rows:
        print(" | ".join(str(row[h]) for h in header))
    if args.json:
        result = {"corpus": str(corpus), "cores": os.cpu_count(), "runs": rows}
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

"""Throughput benchmark as a script: the same figures as `sitrep bench`.

Usage: python bench/throughput.py [CORPUS] [--workers N] [--limit N] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from rich.console import Console

from sitrep.cli.bench import bench_tables
from sitrep.eval.bench import default_corpus, run_benchmark


def main() -> None:
    """Parse arguments, run the benchmark, print its tables (and write JSON if asked)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=None)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--no-spacy", action="store_true")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    result = run_benchmark(
        args.corpus or default_corpus(),
        workers=args.workers,
        limit=args.limit,
        spacy=not args.no_spacy,
    )
    console = Console(width=max(Console().width, 120))  # the runs table is 11 columns wide
    for table in bench_tables(result):
        console.print(table)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

"""Geocoder speed: place mentions resolved per second on one core, and gazetteer load time.

Texts: the `notes` of ACLED Syria battle rows, or the FA-KES articles (`--fakes`), read from
the shared data folder (not shipped), or any text file given with --file (one text per line).
Times are CPU time of this process (time.process_time), so other work on a shared machine
counts less; the best of --repeat passes is reported with the median, since even CPU time
varies with the machine's load.

- one-time: the lazy indexes (the neighbours' villages, which the first text about another
  country loads; skeletons; the one-edit thirds; the grid) are built first, so every pass runs
  in the same state;
- warm: the same texts again after a first pass (name keys and lookups memoised);
- unseen: as many further texts, read once after the warm passes (new words, new names).

    python bench/geocode.py [--texts 2000] [--repeat 5] [--fakes | --file FILE]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import statistics
import time
from pathlib import Path

ACLED = Path("/work/shared/data/acled-syria-battles/acled_syria_battles_2017_2023.csv.gz")
FAKES = Path("/work/shared/data/fakes/dev.csv")


def _texts(args: argparse.Namespace, n: int) -> list[str]:
    if args.file:
        return [t for t in args.file.read_text("utf-8").splitlines() if t.strip()][:n]
    if args.fakes:
        with open(FAKES, encoding="utf-8", newline="") as handle:
            return [row["article_content"] for row in csv.DictReader(handle)][:n]
    with gzip.open(ACLED, "rt", encoding="utf-8") as handle:
        return [row["notes"] for _, row in zip(range(n), csv.DictReader(handle), strict=False)]


def main(argv: list[str] | None = None) -> int:
    """Print load time and mentions/s (warm and unseen texts) and names/s."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--file", type=Path, default=None)
    parser.add_argument("--fakes", action="store_true", help="FA-KES articles (300)")
    args = parser.parse_args(argv)
    pool = _texts(args, 2 * args.texts)
    texts, unseen = pool[: args.texts], pool[args.texts :]
    from sitrep.geo import geocode, load_gazetteer, resolve

    started = time.perf_counter()
    gazetteer = load_gazetteer()
    load = time.perf_counter() - started
    print(f"gazetteer load: {load:.3f} s ({len(gazetteer)} entries, {len(gazetteer.index)} keys)")

    def one_pass(batch: list[str]) -> tuple[int, float]:
        """Geocode every text once: (place mentions found, CPU seconds)."""
        cpu = time.process_time()
        found = sum(len(geocode(text, gazetteer=gazetteer)) for text in batch)
        return found, time.process_time() - cpu

    resolve("Aleppo")  # warm the lexicon and rules
    cpu = time.process_time()
    gazetteer.with_more("IQ")  # what the first text about Iraq would trigger (a separate copy)
    gazetteer.skeleton_keys("")
    gazetteer.index_one_edits()
    gazetteer.near(36.2, 37.15, 1.0)
    print(
        f"one-time lazy indexes (Iraq's villages, skeletons, one-edit thirds, grid): "
        f"{time.process_time() - cpu:.2f} s CPU"
    )
    mentions, cold = one_pass(texts)
    print(
        f"first pass: {len(texts)} texts, {mentions} place mentions, {cold:.2f} s CPU "
        f"({mentions / cold:,.0f} mentions/s; builds the lazy indexes and memos)"
    )
    rates = []
    for _ in range(max(1, args.repeat)):
        mentions, cpu = one_pass(texts)
        rates.append(mentions / cpu)
    print(
        f"geocode warm: {len(texts)} texts, {mentions} place mentions: best "
        f"{max(rates):,.0f} mentions/s CPU, median {statistics.median(rates):,.0f} "
        f"({len(rates)} passes; {max(rates) * len(texts) / mentions:,.0f} texts/s at best)"
    )
    if unseen:
        fresh, cpu = one_pass(unseen)
        print(
            f"geocode unseen: {len(unseen)} further texts, {fresh} place mentions in {cpu:.2f} s "
            f"CPU: {fresh / cpu:,.0f} mentions/s (one pass)"
        )
    names = ["Ramouseh", "Dayr az Zawr", "Idlib province", "Kafr Nubl", "Saraqib", "Manbij"] * 500
    cpu = time.process_time()
    for name in names:
        resolve(name, gazetteer=gazetteer)
    cpu = time.process_time() - cpu
    print(f"resolve: {len(names)} names in {cpu:.2f} s CPU: {len(names) / cpu:,.0f} names/s")
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this process: {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Geocoder speed: place mentions resolved per second on one core, and gazetteer load time.

Texts: the `notes` of ACLED Syria battle rows (read from the shared data folder, not shipped),
or any text file given with --file (one text per line).

    python bench/geocode.py [--texts 2000] [--file FILE]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import time
from pathlib import Path

ACLED = Path("/work/shared/data/acled-syria-battles/acled_syria_battles_2017_2023.csv.gz")


def main(argv: list[str] | None = None) -> int:
    """Print load time, texts/s and mentions/s."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=2000)
    parser.add_argument("--file", type=Path, default=None)
    args = parser.parse_args(argv)
    if args.file:
        texts = [t for t in args.file.read_text("utf-8").splitlines() if t.strip()][: args.texts]
    else:
        with gzip.open(ACLED, "rt", encoding="utf-8") as handle:
            texts = [
                row["notes"]
                for _, row in zip(range(args.texts), csv.DictReader(handle), strict=False)
            ]
    from sitrep.geo import geocode, load_gazetteer, resolve

    started = time.perf_counter()
    gazetteer = load_gazetteer()
    load = time.perf_counter() - started
    resolve("Aleppo")  # warm the lexicon and rules
    cpu = time.process_time()
    for text in texts:
        geocode(text, gazetteer=gazetteer)
    cold = time.process_time() - cpu
    print(
        f"first pass (builds the lazy indexes: skeletons, grid, maybe the neighbours' villages): "
        f"{cold:.2f} s CPU"
    )
    started, cpu = time.perf_counter(), time.process_time()
    mentions = sum(len(geocode(text, gazetteer=gazetteer)) for text in texts)
    seconds = time.perf_counter() - started
    cpu = time.process_time() - cpu
    print(f"gazetteer load: {load:.3f} s ({len(gazetteer)} entries, {len(gazetteer.index)} keys)")
    print(
        f"geocode: {len(texts)} texts, {mentions} place mentions in {seconds:.2f} s: "
        f"{mentions / seconds:,.0f} mentions/s, {len(texts) / seconds:,.0f} texts/s (wall clock); "
        f"CPU time {cpu:.2f} s: {mentions / cpu:,.0f} mentions/s, {len(texts) / cpu:,.0f} texts/s"
    )
    names = ["Ramouseh", "Dayr az Zawr", "Idlib province", "Kafr Nubl", "Saraqib", "Manbij"] * 500
    cpu = time.process_time()
    for name in names:
        resolve(name, gazetteer=gazetteer)
    cpu = time.process_time() - cpu
    print(f"resolve: {len(names)} names in {cpu:.2f} s CPU: {len(names) / cpu:,.0f} names/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

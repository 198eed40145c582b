"""Write a canonical snapshot of what extraction returns on a fixed set of tuning texts, one
JSON line per document (the whole `Extraction`: events with all fields, claims, evidence;
sorted keys), so that a refactor can be checked to change no output (`cmp` two snapshots).

Texts, in this order (tuning data only, never a held-out split):
- FA-KES dev (all rows; `published` is the article's own dateline, never the crowd's `date`);
- the seed article (published 2016-08-07, outlet "Orient News");
- ACLED Syria battles notes of 2017-2019 (distinct notes, a fixed seeded sample);
- ACLED global dev notes (distinct notes, a fixed seeded sample).
ACLED notes are read as `sitrep evaluate acled` reads them: `published=None`.

Usage: python tools/snapshot_extraction.py OUT.jsonl [--shared ../shared/data] [--limit 600]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import random
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from sitrep.eval.fakes import read_fakes, to_document
from sitrep.extract import extract_document
from sitrep.records import Document

SEED = 20161207
TUNING_YEARS = ("2017", "2018", "2019")


def _rows(path: Path) -> Iterator[dict[str, str]]:
    raw = path.read_bytes()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    yield from csv.DictReader(io.StringIO(raw.decode("utf-8", errors="replace"), newline=""))


def acled_notes(path: Path, limit: int, years: tuple[str, ...] | None = None) -> list[str]:
    """Distinct `notes` of an ACLED CSV (optionally of some years), a seeded sample of `limit`
    kept in file order."""
    seen: dict[str, None] = {}
    for row in _rows(path):
        text = (row.get("notes") or "").strip()
        if text and (years is None or (row.get("year") or "") in years):
            seen.setdefault(text, None)
    notes = list(seen)
    if len(notes) <= limit:
        return notes
    keep = sorted(random.Random(SEED).sample(range(len(notes)), limit))
    return [notes[i] for i in keep]


def documents(shared: Path, limit: int) -> Iterator[tuple[str, Document]]:
    """The snapshot's documents, each with a label naming its corpus."""
    for gold in read_fakes(shared / "fakes/dev.csv"):
        yield "fakes-dev", to_document(gold)
    seed = (shared / "seed/aleppo-siege-broken.txt").read_text(encoding="utf-8")
    yield "seed", Document.from_text(seed, outlet="Orient News", published=date(2016, 8, 7))
    syria = shared / "acled-syria-battles/acled_syria_battles_2017_2023.csv.gz"
    for text in acled_notes(syria, limit, TUNING_YEARS):
        yield "acled-syria-2017-19", Document.from_text(text, ref="acled-syria")
    glob = shared / "acled-global-dev/acled_2020-04-28_2020-05-09_not_middle_east.csv"
    for text in acled_notes(glob, limit):
        yield "acled-global-dev", Document.from_text(text, ref="acled-global")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument(
        "--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared/data"
    )
    parser.add_argument("--limit", type=int, default=600, help="ACLED notes per corpus")
    args = parser.parse_args()
    with args.out.open("w", encoding="utf-8") as out:
        for corpus, document in documents(args.shared, args.limit):
            extraction = extract_document(document).model_dump(mode="json")
            line = {"corpus": corpus, "ref": document.ref, "extraction": extraction}
            out.write(json.dumps(line, sort_keys=True, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()

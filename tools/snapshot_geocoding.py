"""Write what `sitrep.geo.geocode` returns for a fixed set of tuning texts, as canonical JSON
lines, so that a refactor of the geocoder can be checked to change no output (`cmp` two runs).

Texts (tuning splits only; read from the shared data folder, not shipped):
- 2,000 ACLED Syria battles `notes` of 2017-19 (distinct notes, a fixed sample: seed 11);
- 1,000 ACLED global dev `notes` (distinct notes, a fixed sample: seed 11);
- every FA-KES dev article (`article_content`);
- the seed article.

One line per text: {"corpus", "n", "places": [every Place field, sorted keys]}, keys sorted.
The geocoder reads each text alone (no spaCy Doc), in the order above.

    python tools/snapshot_geocoding.py OUT.jsonl [--shared DIR] [--limit N]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import os
import random
from collections.abc import Iterator
from pathlib import Path

SEED = 11
SYRIA_N = 2000
GLOBAL_N = 1000
TUNING_YEARS = {"2017", "2018", "2019"}


def _shared(arg: Path | None) -> Path:
    if arg is not None:
        return arg
    env = os.environ.get("SITREP_SHARED")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[2] / "shared" / "data"


def _sample(notes: list[str], n: int) -> list[str]:
    distinct = sorted(set(n for n in notes if n.strip()))
    return random.Random(SEED).sample(distinct, min(n, len(distinct)))


def _syria(shared: Path) -> list[str]:
    path = shared / "acled-syria-battles" / "acled_syria_battles_2017_2023.csv.gz"
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        notes = [r["notes"] for r in csv.DictReader(handle) if r["year"] in TUNING_YEARS]
    return _sample(notes, SYRIA_N)


def _global(shared: Path) -> list[str]:
    path = shared / "acled-global-dev" / "acled_2020-04-28_2020-05-09_not_middle_east.csv"
    with open(path, encoding="utf-8", newline="") as handle:
        notes = [r["notes"] for r in csv.DictReader(handle)]
    return _sample(notes, GLOBAL_N)


def _fakes(shared: Path) -> list[str]:
    with open(shared / "fakes" / "dev.csv", encoding="utf-8", newline="") as handle:
        return [r["article_content"] for r in csv.DictReader(handle)]


def corpora(shared: Path) -> Iterator[tuple[str, list[str]]]:
    """Yield (corpus name, texts) in the fixed order."""
    yield "acled-syria-2017-19", _syria(shared)
    yield "acled-global-dev", _global(shared)
    yield "fakes-dev", _fakes(shared)
    yield "seed", [(shared / "seed" / "aleppo-siege-broken.txt").read_text("utf-8")]


def main(argv: list[str] | None = None) -> int:
    """Geocode every text and write one canonical JSON line per text."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--shared", type=Path, default=None)
    parser.add_argument("--limit", type=int, default=None, help="texts per corpus")
    args = parser.parse_args(argv)
    from sitrep.geo import geocode

    shared = _shared(args.shared)
    with open(args.out, "w", encoding="utf-8") as out:
        for name, texts in corpora(shared):
            for n, text in enumerate(texts[: args.limit]):
                places = [p.model_dump(mode="json") for p in geocode(text)]
                line = {"corpus": name, "n": n, "places": places}
                out.write(json.dumps(line, sort_keys=True, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

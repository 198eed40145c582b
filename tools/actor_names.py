"""List the most frequent ACLED actor names (with inter codes) in the shared ACLED files.

Used to keep `src/sitrep/extract/lexicons/actors.yaml` spelled as ACLED spells actors. Prints
facts (name, inter code, count), never rows.

Usage: python tools/actor_names.py [--top 80] [--grep WORD] [PATH ...]
"""

from __future__ import annotations

import argparse
import csv
import gzip
from collections import Counter
from pathlib import Path

DEFAULT_PATHS = (
    Path("/work/shared/data/acled-syria-battles/acled_syria_battles_2017_2023.csv.gz"),
    Path("/work/shared/data/acled-global-dev/acled_2020-04-28_2020-05-09_not_middle_east.csv"),
)
COLUMNS = (
    ("actor1", "inter1"),
    ("actor2", "inter2"),
    ("assoc_actor_1", "inter1"),
    ("assoc_actor_2", "inter2"),
)


def count_actors(path: Path) -> Counter[tuple[str, str, str]]:
    """Count (column kind, actor name, inter code) in one ACLED CSV (optionally gzipped).

    path (Path): the ACLED export.
    RETURNS (Counter): counts keyed by ("main" | "assoc", name, inter).
    """
    opener = gzip.open if path.suffix == ".gz" else open
    counts: Counter[tuple[str, str, str]] = Counter()
    with opener(path, "rt", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            for name_col, inter_col in COLUMNS:
                value = (row.get(name_col) or "").strip()
                if not value or value == "NA":
                    continue
                kind = "assoc" if name_col.startswith("assoc") else "main"
                inter = row.get(inter_col, "") if kind == "main" else "-"
                for name in value.split(";"):
                    counts[(kind, name.strip(), inter)] += 1
    return counts


def main() -> None:
    """Print the top actor names per file."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("paths", nargs="*", type=Path, default=list(DEFAULT_PATHS))
    parser.add_argument("--top", type=int, default=80)
    parser.add_argument("--grep", default="")
    args = parser.parse_args()
    for path in args.paths:
        if not path.exists():
            continue
        print(f"# {path.name}")
        counts = count_actors(path)
        shown = 0
        for (kind, name, inter), n in counts.most_common():
            if args.grep and args.grep.lower() not in name.lower():
                continue
            print(f"{n:6d}  {kind:5s}  inter={inter:2s}  {name}")
            shown += 1
            if shown >= args.top:
                break


if __name__ == "__main__":
    main()

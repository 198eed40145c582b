"""Fixed tuning and held-out splits of the evaluation corpora (issue 11).

The splits are data (`splits.yaml` beside this module): for each `sitrep eval` command, the
corpora it knows by file name and the years of each split. Asking for a split a corpus does
not have (the held-out part of a corpus tuned on whole) is a user error, not an empty figure.
"""

from __future__ import annotations

from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path
from typing import Any

from sitrep.errors import ConfigError
from sitrep.eval.mapping import read_yaml

__all__ = ["SPLITS", "Split", "choose_split"]

SPLITS = ("tune", "held-out", "all")


@dataclass(frozen=True)
class Split:
    """The rows an evaluation takes.

    corpus (str): the corpus's name ("ACLED Syria battles"), or the file name if unknown.
    name (str): "tune", "held-out" or "all".
    years (tuple[int, int] | None): first and last year kept (inclusive); None keeps every row.
    """

    corpus: str
    name: str
    years: tuple[int, int] | None

    def keeps(self, year: int | None) -> bool:
        """Return whether a row of this year belongs to the split."""
        if self.years is None:
            return True
        return year is not None and self.years[0] <= year <= self.years[1]

    @property
    def label(self) -> str:
        """How figures name it: "ACLED Syria battles, tune (2017-2019)"."""
        span = f" ({self.years[0]}-{self.years[1]})" if self.years else ""
        kind = {"tune": "tuning data", "held-out": "held out", "all": "all rows"}[self.name]
        return f"{self.corpus}, {kind}{span}"


def _corpus(kind: str, path: Path) -> dict[str, Any] | None:
    for entry in read_yaml("splits.yaml")[kind]:
        if any(fnmatch(path.name, pattern) for pattern in entry["files"]):
            return dict(entry)
    return None


def _years(value: Any) -> tuple[int, int] | None:
    return None if value == "all" else (int(value[0]), int(value[1]))


def choose_split(kind: str, path: Path, split: str | None) -> Split:
    """Return the rows to evaluate.

    kind (str): the eval command ("acled", "fakes", "ucdp").
    path (Path): the corpus file (its name tells which corpus it is).
    split (str | None): "tune", "held-out", "all", or None: "tune" for a known corpus, "all"
        for another file.
    RETURNS (Split): the corpus name and the years kept.
    """
    if split is not None and split not in SPLITS:
        raise ConfigError(f"--split {split!r}: use one of {', '.join(SPLITS)}", code="E240")
    entry = _corpus(kind, path)
    if entry is None:
        if split not in (None, "all"):
            raise ConfigError(
                f"No {split} split is defined for {path.name} (splits: sitrep/eval/splits.yaml);"
                " use --split all",
                code="E241",
            )
        return Split(path.name, "all", None)
    name = split or "tune"
    if name == "all":
        return Split(entry["corpus"], "all", None)
    if entry.get(name) is None:
        raise ConfigError(
            f"{entry['corpus']} has no {name} split: it is tuning data, tuned on whole",
            code="E242",
        )
    return Split(entry["corpus"], name, _years(entry[name]))

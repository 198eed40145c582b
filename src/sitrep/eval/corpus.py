"""Read a gold CSV (plain or gzip) and check its columns, for the eval commands."""

from __future__ import annotations

import csv
import gzip
import io
from collections.abc import Set
from pathlib import Path

from sitrep.errors import InputError

__all__ = ["read_gold_csv"]


def read_gold_csv(path: Path, required: Set[str], what: str) -> csv.DictReader[str]:
    """Open a CSV or CSV.GZ of gold rows.

    path (Path): the file.
    required (Set[str]): columns it must have.
    what (str): the format's name for the error ("an ACLED CSV").
    RETURNS (csv.DictReader): its rows (undecodable bytes replaced).
    """
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"Cannot read {path}: {exc.strerror}", code="E101") from exc
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    reader = csv.DictReader(io.StringIO(raw.decode("utf-8", errors="replace"), newline=""))
    missing = set(required) - set(reader.fieldnames or [])
    if missing:
        raise InputError(
            f"{path} is not {what}: missing columns {', '.join(sorted(missing))}", code="E102"
        )
    return reader

"""Importing GeoNames dumps and Who's On First TSVs into the user's gazetteer extension.

`import_file(path)` sniffs the format (GeoNames: 19 tab-separated columns, no header, as in
allCountries.txt or XX.txt; WOF: a TSV whose header starts with `wof_id`, as in the shared
`wof_places_XX.tsv`), turns each row into an Entry with its name keys, and merges them into
the extension file (same ids replaced). `load_gazetteer()` merges that file on its next load.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterator
from enum import StrEnum
from functools import lru_cache
from importlib import resources
from pathlib import Path

from sitrep.errors import GazetteerError
from sitrep.geo.gazetteer import Entry, read_entries, user_gazetteer_path, write_entries
from sitrep.geo.normalise import is_arabic, name_key
from sitrep.geo.polygons import admin1_at

__all__ = ["GazetteerFormat", "sniff_format", "rows_from_file", "import_file"]

GEONAMES_COLUMNS = 19
# GeoNames feature codes -> sitrep placetypes; feature classes not listed are skipped.
FEATURE_PLACETYPES = {
    "ADM1": "region",
    "ADM2": "county",
    "ADM3": "localadmin",
    "PPLX": "neighbourhood",
}
CLASS_PLACETYPES = {"P": "locality", "A": "county", "L": "area", "S": "landmark", "T": "area"}


class GazetteerFormat(StrEnum):
    """Formats `sitrep gazetteer import` reads."""

    geonames = "geonames"
    wof = "wof"


def sniff_format(first_line: str) -> GazetteerFormat:
    """Return the format of a gazetteer file from its first line.

    first_line (str): the file's first line.
    RETURNS (GazetteerFormat): geonames or wof.
    RAISES GazetteerError: neither format.
    """
    fields = first_line.rstrip("\r\n").split("\t")
    if fields[0] == "wof_id":
        return GazetteerFormat.wof
    if len(fields) == GEONAMES_COLUMNS and fields[0].isdigit():
        return GazetteerFormat.geonames
    raise GazetteerError(
        "Not a GeoNames dump (19 tab-separated columns) nor a Who's On First TSV (header "
        f"starting with wof_id): first line has {len(fields)} column(s).",
        code="E403",
    )


@lru_cache(maxsize=1)
def _admin_codes() -> dict[str, str]:
    text = (
        resources.files("sitrep.geo").joinpath("data/geonames_admin_codes.tsv").read_text("utf-8")
    )
    rows = [line.split("\t") for line in text.splitlines()[1:] if line]
    return {code: name for code, name in rows}


def _keys(names: list[str]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for name in names:
        key = name_key(name.strip())
        if not key:
            continue
        latin = all(ch.isascii() for ch in key)
        if (latin and len(key.replace(" ", "")) >= 3) or is_arabic(name):
            seen[key] = None
    return tuple(seen)


def _admin1(country: str, lat: float, lon: float, fallback: str | None) -> str | None:
    if country == "SY":
        return admin1_at(lat, lon) or fallback
    return fallback


def _geonames_rows(handle: io.TextIOBase, path: Path) -> Iterator[Entry]:
    codes = _admin_codes()
    for number, line in enumerate(handle, start=1):
        fields = line.rstrip("\r\n").split("\t")
        if len(fields) != GEONAMES_COLUMNS:
            raise GazetteerError(
                f"{path}:{number}: expected {GEONAMES_COLUMNS} columns, got {len(fields)}",
                code="E404",
            )
        gn_id, name, ascii_name, alternates = fields[0], fields[1], fields[2], fields[3]
        feature_class, feature_code, country = fields[6], fields[7], fields[8]
        placetype = FEATURE_PLACETYPES.get(feature_code) or CLASS_PLACETYPES.get(feature_class)
        if placetype is None:
            continue
        try:
            lat, lon = float(fields[4]), float(fields[5])
            population = int(fields[14] or 0)
        except ValueError as exc:
            raise GazetteerError(f"{path}:{number}: {exc}", code="E404") from exc
        admin1_name = codes.get(f"{country}.{fields[10]}") if fields[10] else None
        admin2_name = codes.get(f"{country}.{fields[10]}.{fields[11]}") if fields[11] else None
        names = [name, ascii_name, *alternates.split(",")]
        yield Entry(
            id=f"gn:{gn_id}",
            name=ascii_name or name,
            placetype=placetype,
            country=country,
            admin1=_admin1(country, lat, lon, admin1_name),
            admin2=admin2_name,
            latitude=round(lat, 5),
            longitude=round(lon, 5),
            geonames_id=gn_id,
            prominence=len(names) + int(10 * math.log10(population + 1)),
            source="geonames",
            keys=_keys(names),
        )


def _wof_rows(handle: io.TextIOBase, path: Path) -> Iterator[Entry]:
    csv.field_size_limit(10**8)
    for number, row in enumerate(csv.DictReader(handle, delimiter="\t"), start=2):
        try:
            if row.get("is_current") == "0" or not row.get("latitude"):
                continue
            lat, lon = float(row["latitude"]), float(row["longitude"])
            all_names = [n for n in (row.get("all_names") or "").split("|") if n]
            names = [row["name"], row.get("name_eng") or "", row.get("name_ara") or "", *all_names]
            country = row["country"]
            display = next(
                (n for n in (row.get("name_eng"), row["name"]) if n and not is_arabic(n)),
                row["name"],
            )
            yield Entry(
                id=f"wof:{row['wof_id']}",
                name=display,
                placetype=row["placetype"],
                country=country,
                admin1=_admin1(country, lat, lon, row.get("region_name") or None),
                admin2=row.get("county_name") or None,
                latitude=round(lat, 5),
                longitude=round(lon, 5),
                geonames_id=row.get("geonames_id") or None,
                prominence=len(all_names) + (5 if row.get("wikidata_id") else 0),
                source="wof",
                keys=_keys(names),
            )
        except (KeyError, ValueError) as exc:
            raise GazetteerError(f"{path}:{number}: unusable WOF row ({exc})", code="E404") from exc


def rows_from_file(path: Path | str) -> tuple[GazetteerFormat, list[Entry]]:
    """Read a GeoNames dump or WOF TSV into entries.

    path (Path | str): the file.
    RETURNS (tuple[GazetteerFormat, list[Entry]]): the sniffed format and the entries (rows of
        GeoNames feature classes other than P/A/L/S/T are skipped).
    RAISES GazetteerError: unreadable, empty, or neither format.
    """
    path = Path(path)
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            first = handle.readline()
            if not first.strip():
                raise GazetteerError(f"{path} is empty.", code="E403")
            fmt = sniff_format(first)
            handle.seek(0)
            reader = _geonames_rows if fmt is GazetteerFormat.geonames else _wof_rows
            entries = [e for e in reader(handle, path) if e.keys]
    except (OSError, UnicodeDecodeError) as exc:
        raise GazetteerError(f"Cannot read {path}: {exc}", code="E401") from exc
    return fmt, entries


def import_file(
    path: Path | str, *, target: Path | str | None = None
) -> tuple[GazetteerFormat, int, Path]:
    """Import a gazetteer file into the user extension (entries with the same id replaced).

    path (Path | str): a GeoNames dump or WOF TSV.
    target (Path | str | None): the extension file; user_gazetteer_path() when None.
    RETURNS (tuple): (format, number of entries imported, the extension file written).
    """
    fmt, entries = rows_from_file(path)
    out = Path(target) if target is not None else user_gazetteer_path()
    existing = list(read_entries(out)) if out.is_file() else []
    new_ids = {e.id for e in entries}
    merged = [e for e in existing if e.id not in new_ids] + entries
    write_entries(out, merged)
    from sitrep.geo.gazetteer import load_gazetteer

    load_gazetteer.cache_clear()
    return fmt, len(entries), out

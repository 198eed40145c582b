"""Write two tables from ISO 3166 (Debian's iso-codes JSON):

`src/sitrep/geo/data/world_countries.tsv`: every ISO 3166-1 country's names (short, common,
official, and the short forms the press uses, `PRESS_NAMES`), for the countries that
data/countries.yaml does not list: the gazetteer build makes them country entries, so "Nis,
Serbia" names Serbia.

`src/sitrep/geo/data/admin1_parts.tsv`: the second-level units (provinces,
districts) that ISO 3166-2 lists under an admin-1 unit, keyed by that unit's GeoNames admin-1
code, for the countries whose notes name places as "town, province" (the Philippines, Burkina
Faso, Morocco, Bangladesh, Malawi, Sri Lanka). The gazetteer build adds each part's name to its
admin-1 region entry, so "Cabanatuan, Nueva Ecija" reads Nueva Ecija as Central Luzon.

ISO 3166-2 from Debian's iso-codes (/usr/share/iso-codes/json/iso_3166-2.json, LGPL-2.1+;
facts: codes and names). An ISO parent is matched to a GeoNames code through the ISO code in
the `basis` column of data/admin1_codes.tsv, else by the same name key as GeoNames' name of
the code (data/geonames_admin1_world.tsv).

    python tools/iso_tables.py [--iso-dir /usr/share/iso-codes/json]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sitrep.geo.normalise import name_key  # noqa: E402

DATA = ROOT / "src/sitrep/geo/data"
COUNTRIES = ("PH", "BF", "MA", "BD", "MW", "LK")
ISO_DIR = Path("/usr/share/iso-codes/json")
# Short forms of country names in English-language news, beside ISO's (facts of usage).
PRESS_NAMES = {
    "CD": ["Democratic Republic of Congo", "Democratic Republic of the Congo", "DR Congo", "DRC"],
    "CG": ["Republic of Congo", "Republic of the Congo", "Congo-Brazzaville"],
    "CI": ["Ivory Coast", "Cote d'Ivoire"],
    "CV": ["Cape Verde"],
    "CZ": ["Czech Republic"],
    "GM": ["The Gambia"],
    "KP": ["North Korea"],
    "KR": ["South Korea"],
    "LA": ["Laos"],
    "MK": ["Macedonia"],
    "MM": ["Burma"],
    "SZ": ["Swaziland"],
    "TL": ["East Timor"],
    "VN": ["Vietnam"],
}
ISO_CODE = re.compile(r"^([A-Z]{2}-[A-Z0-9]+)\b")


def ascii_name(name: str) -> str:
    """The name without diacritics ("Kénitra" -> "Kenitra")."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")


def iso_to_geonames(units: list[dict]) -> dict[str, str]:
    """Return {ISO parent code: GeoNames admin-1 code} for the countries wanted."""
    out: dict[str, str] = {}
    for line in (DATA / "admin1_codes.tsv").read_text("utf-8").splitlines():
        fields = line.split("\t")
        if line.startswith("#") or len(fields) < 4 or fields[0] == "code":
            continue
        found = ISO_CODE.match(fields[3])
        if found and fields[0].count(".") == 1:
            out[found.group(1)] = fields[0]
    world = {}
    for line in (DATA / "geonames_admin1_world.tsv").read_text("utf-8").splitlines()[1:]:
        code, _, name = line.partition("\t")
        world[(code[:2], name_key(name))] = code
    for unit in units:
        code = unit["code"]
        if code[:2] in COUNTRIES and "parent" not in unit and code not in out:
            match = world.get((code[:2], name_key(ascii_name(unit["name"]))))
            if match:
                out[code] = match
    return out


def country_rows(countries: list[dict]) -> list[str]:
    """Return "iso2<TAB>name|name..." for each country data/countries.yaml lacks."""
    listed = set(yaml.safe_load((DATA / "countries.yaml").read_text("utf-8")))
    rows = []
    for country in countries:
        iso = country["alpha_2"]
        if iso in listed:
            continue
        names = [country.get("common_name", ""), country["name"], country.get("official_name", "")]
        names = [ascii_name(n) for n in names if n and "," not in n] + PRESS_NAMES.get(iso, [])
        kept = list(dict.fromkeys(n for n in names if n))
        if kept:
            rows.append(f"{iso}\t{'|'.join(kept)}")
    return rows


def part_rows(units: list[dict]) -> tuple[list[str], set[str]]:
    """Return the admin1_parts.tsv rows and the ISO parents not matched to a GeoNames code."""
    parents = iso_to_geonames(units)
    rows, missing = [], set()
    for unit in units:
        parent = unit.get("parent")
        if unit["code"][:2] not in COUNTRIES or not parent:
            continue
        iso_parent = f"{unit['code'][:2]}-{parent}"
        if iso_parent not in parents:
            missing.add(iso_parent)
            continue
        name = re.sub(r"\s*\(.*\)$", "", ascii_name(unit["name"])).strip()
        rows.append(f"{parents[iso_parent]}\t{name}\t{unit['code']}")
    return rows, missing


def main(argv: list[str] | None = None) -> int:
    """Write both tables; print their sizes and the ISO parents left unmatched."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iso-dir", type=Path, default=ISO_DIR)
    args = parser.parse_args(argv)
    units = json.loads((args.iso_dir / "iso_3166-2.json").read_text("utf-8"))["3166-2"]
    rows, missing = part_rows(units)
    header = "code\tpart\tiso"
    (DATA / "admin1_parts.tsv").write_text("\n".join([header, *sorted(rows)]) + "\n", "utf-8")
    countries = json.loads((args.iso_dir / "iso_3166-1.json").read_text("utf-8"))["3166-1"]
    names = country_rows(countries)
    text = "\n".join(["iso2\tnames", *names]) + "\n"
    (DATA / "world_countries.tsv").write_text(text, "utf-8")
    print(f"{len(rows)} parts (unmatched parents: {sorted(missing)}); {len(names)} countries")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

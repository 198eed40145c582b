"""Build sitrep's packaged gazetteer from the shared gazetteer folder.

Reads Who's On First places (SY, IQ, TR, LB, JO), GeoNames admin1/admin2 codes, the Syrian
Archive location list, OCHA's governorate shapes and the curated table
(src/sitrep/geo/data/curated.tsv), and writes

- src/sitrep/geo/data/gazetteer.tsv.gz: one entry per line with its precomputed name keys;
- src/sitrep/geo/data/admin1.geojson: OCHA governorates, simplified, with ACLED's names.

    python tools/build_gazetteer.py [--source /work/shared/data/gazetteer] [--tolerance 0.001]

Attribution: Who's On First (CC0 structure; GeoNames CC BY and others), GeoNames (CC BY 4.0),
Syrian Archive (GPL-2.0), OCHA COD-AB (CC BY-IGO).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sitrep.geo.gazetteer import Entry, haversine_km, write_entries  # noqa: E402
from sitrep.geo.normalise import is_arabic, name_key  # noqa: E402
from sitrep.geo.polygons import admin1_at, shapes_from_geojson  # noqa: E402

DATA = ROOT / "src/sitrep/geo/data"
SOURCE = Path("/work/shared/data/gazetteer")
COUNTRIES = ("SY", "IQ", "TR", "LB", "JO")
LANDMARK_WORDS = (
    "roundabout", "street", "hospital", "school", "mosque", "bridge", "square", "church",
    "barracks", "airport", "base", "prison", "factory", "university", "checkpoint", "road",
    "station", "market", "stadium", "building", "dam", "college", "academy", "camp", "crossing",
)  # fmt: skip
csv.field_size_limit(10**8)


def usable_key(name: str) -> str:
    """Return the key of a name worth indexing (Latin or Arabic script, 3+ letters), else ""."""
    key = name_key(name)
    if not key:
        return ""
    if is_arabic(name):
        return key if len(key.replace(" ", "")) >= 2 else ""
    if not all(ch.isascii() and (ch.isalnum() or ch == " ") for ch in key):
        return ""
    return key if len(key.replace(" ", "")) >= 3 else ""


def keys_of(names: list[str]) -> tuple[str, ...]:
    """Return the distinct usable keys of names, in first-seen order."""
    seen: dict[str, None] = {}
    for name in names:
        key = usable_key(name.strip())
        if key:
            seen[key] = None
    return tuple(seen)


def display_name(row: dict[str, str]) -> str:
    """Return an English-looking display name for a WOF row."""
    for candidate in (row["name_eng"], row["name"]):
        if candidate and not is_arabic(candidate):
            return candidate
    for candidate in row["all_names"].split("|"):
        if candidate and candidate.isascii():
            return candidate
    return row["name"] or row["name_ara"]


def simplify(points: list[list[float]], tolerance: float) -> list[list[float]]:
    """Douglas-Peucker simplification of a ring (iterative)."""
    if len(points) < 5:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        norm = (dx * dx + dy * dy) ** 0.5
        best, index = 0.0, -1
        for i in range(first + 1, last):
            x, y = points[i]
            if norm == 0:
                d = ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
            else:
                d = abs(dy * x - dx * y + x2 * y1 - y2 * x1) / norm
            if d > best:
                best, index = d, i
        if index >= 0 and best > tolerance:
            keep[index] = True
            stack.extend([(first, index), (index, last)])
    out = [[round(p[0], 5), round(p[1], 5)] for p, k in zip(points, keep, strict=True) if k]
    return out if len(out) >= 4 else points


def build_shapes(source: Path, admin1: list[dict], tolerance: float) -> dict:
    """Return OCHA governorates as simplified GeoJSON with `acled` and `pcode` properties."""
    by_pcode = {g["pcode"]: g for g in admin1}
    raw = json.loads((source / "ocha_syr_admin1.geojson").read_text("utf-8"))
    features = []
    for feature in raw["features"]:
        props = feature["properties"]
        geometry = feature["geometry"]
        polys = (
            [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        )
        simplified = [[simplify(ring, tolerance) for ring in poly] for poly in polys]
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "acled": by_pcode[props["PCODE"]]["acled"],
                    "pcode": props["PCODE"],
                    "ocha": props["NAME_EN"],
                    "name_ar": props["NAME_AR"],
                },
                "geometry": {"type": "MultiPolygon", "coordinates": simplified},
            }
        )
    return {
        "type": "FeatureCollection",
        "attribution": "OCHA COD-AB Syria admin-1 (HDX cod-ab-syr, 2016-09-05), CC BY-IGO; "
        "simplified",
        "features": features,
    }


def read_wof(source: Path, shapes: list, gn_admin1: dict[str, str]) -> list[Entry]:
    """Return WOF entries for the five countries (superseded records dropped)."""
    entries = []
    for country in COUNTRIES:
        with open(source / f"wof_places_{country}.tsv", encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle, delimiter="\t"))
        region_gn = {r["wof_id"]: r["geonames_id"] for r in rows if r["placetype"] == "region"}
        for row in rows:
            if row["is_current"] == "0" or not row["latitude"]:
                continue
            lat, lon = float(row["latitude"]), float(row["longitude"])
            all_names = [n for n in row["all_names"].split("|") if n]
            names = [row["name"], row["name_eng"], row["name_ara"], *all_names]
            if country == "SY":
                admin1 = admin1_at(lat, lon, shapes)
            else:
                admin1 = gn_admin1.get(region_gn.get(row["region_id"], ""), row["region_name"])
            entries.append(
                Entry(
                    id=f"wof:{row['wof_id']}",
                    name=display_name(row),
                    placetype=row["placetype"],
                    country=country,
                    admin1=admin1 or (row["region_name"] or None),
                    admin2=row["county_name"] or None,
                    latitude=round(lat, 5),
                    longitude=round(lon, 5),
                    geonames_id=row["geonames_id"] or None,
                    prominence=len(all_names) + (5 if row["wikidata_id"] else 0),
                    source="wof",
                    keys=keys_of(names),
                )
            )
    return entries


def admin1_entries(admin1: list[dict], wof: list[Entry], shapes: list) -> list[Entry]:
    """Return one region entry per Syrian governorate, at its capital, with ACLED's name."""
    out = []
    regions = [e for e in wof if e.country == "SY" and e.placetype == "region"]
    for gov in admin1:
        capital_key = name_key(gov["capital"])
        capitals = [
            e for e in wof
            if e.country == "SY" and e.placetype == "locality" and capital_key in e.keys
        ]  # fmt: skip
        capital = max(capitals, key=lambda e: e.prominence)
        names = [gov["acled"], gov["ocha"], *gov["aliases"]]
        for region in regions:
            if region.latitude is not None and region.longitude is not None:
                if admin1_at(region.latitude, region.longitude, shapes) == gov["acled"]:
                    names.extend(region.keys)
        out.append(
            Entry(
                id=f"adm1:SY:{gov['pcode']}",
                name=gov["acled"],
                placetype="region",
                country="SY",
                admin1=gov["acled"],
                admin2=None,
                latitude=capital.latitude,
                longitude=capital.longitude,
                prominence=1000,
                source="admin1",
                keys=keys_of(names),
            )
        )
    return out


def country_entries(wof: list[Entry]) -> list[Entry]:
    """Return one country entry per country of countries.yaml (WOF point where there is one)."""
    raw = yaml.safe_load((DATA / "countries.yaml").read_text("utf-8"))
    points = {e.country: e for e in wof if e.placetype == "country"}
    out = []
    for iso, (display, names, _demonyms) in raw.items():
        point = points.get(iso)
        extra = list(point.keys) if point else []
        out.append(
            Entry(
                id=f"country:{iso}",
                name=display,
                placetype="country",
                country=iso,
                admin1=None,
                admin2=None,
                latitude=point.latitude if point else None,
                longitude=point.longitude if point else None,
                prominence=2000,
                source="countries",
                keys=keys_of(names) + tuple(k for k in extra if k not in keys_of(names)),
            )
        )
    return out


# A village the Syrian Archive documented violence in is more reported than its namesakes:
# its prominence (number of names) gains ARCHIVE_PROMINENCE, up to ARCHIVE_CAP.
ARCHIVE_PROMINENCE = 10
ARCHIVE_CAP = 30


def syrian_archive(
    source: Path, wof: list[Entry], shapes: list, cities: list[Entry]
) -> list[Entry]:
    """Merge the Syrian Archive list: aliases of a WOF place within 5 km, else new entries."""
    by_key: dict[str, list[Entry]] = defaultdict(list)
    for entry in wof:
        if entry.country == "SY":
            for key in entry.keys:
                by_key[key].append(entry)
    out = []
    with open(source / "syrianarchive_locations_SY.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            lat, lon = float(row["latitude"]), float(row["longitude"])
            keys = keys_of([row["name_en"], row["name_ar"]])
            twins = [
                e for k in keys for e in by_key.get(k, [])
                if e.latitude is not None and e.longitude is not None
                and haversine_km(lat, lon, e.latitude, e.longitude) <= 5
            ]  # fmt: skip
            placetype = _archive_placetype(row["name_en"], lat, lon, cities)
            for twin in {id(e): e for e in twins}.values():
                if twin.placetype != "county" and twin.prominence < ARCHIVE_CAP:
                    # towns and villages only: a city's weight feeds other rules (>= 40)
                    twin.prominence = min(ARCHIVE_CAP, twin.prominence + ARCHIVE_PROMINENCE)
            if not twins and placetype == "locality":
                # a village the WOF has too, hand-placed a few km off: trust the WOF point
                twins = [
                    e for k in keys for e in by_key.get(k, [])
                    if e.latitude is not None and e.longitude is not None
                    and haversine_km(lat, lon, e.latitude, e.longitude) <= 40
                ]  # fmt: skip
            if twins:
                twin = twins[0]
                twin.keys = twin.keys + tuple(k for k in keys if k not in twin.keys)
                continue
            out.append(
                Entry(
                    id=f"sa:{row['sa_pk']}",
                    name=row["name_en"],
                    placetype=placetype,
                    country="SY",
                    admin1=admin1_at(lat, lon, shapes),
                    admin2=None,
                    latitude=round(lat, 5),
                    longitude=round(lon, 5),
                    prominence=3,
                    source="syrianarchive",
                    keys=keys,
                )
            )
    return out


def _archive_placetype(name: str, lat: float, lon: float, cities: list[Entry]) -> str:
    lowered = name.lower()
    if any(word in lowered for word in LANDMARK_WORDS):
        return "landmark"
    if any(
        c.latitude is not None and c.longitude is not None
        and haversine_km(lat, lon, c.latitude, c.longitude) <= 7
        for c in cities
    ):  # fmt: skip
        return "neighbourhood"
    return "locality"


def place_counties_at_seats(entries: list[Entry]) -> int:
    """Move each Syrian district (county) to its seat town, the town of the same name in it
    ("Abu-Kamal" -> the town of Abu Kamal, "Markaz Idlib" -> Idlib), as governorates sit at
    their capitals: ACLED places an event known only by its district at the district's main
    town, and a map should too. WOF's point for a district is its centroid, often in the
    desert (Abu Kamal's lies 35 km from the town). Returns how many districts moved."""
    towns: dict[tuple[str | None, str], list[Entry]] = defaultdict(list)
    for e in entries:
        if e.country == "SY" and e.placetype == "locality":
            for key in e.keys:
                towns[(e.admin1, key)].append(e)
    moved = 0
    for county in entries:
        if county.country != "SY" or county.placetype != "county":
            continue
        key = name_key(county.name.removeprefix("Markaz "))
        seats = towns.get((county.admin1, key), [])
        if not seats:
            continue
        seat = max(seats, key=lambda e: (e.admin2 == county.admin2, e.prominence))
        if seat.latitude is None or seat.longitude is None:
            continue
        county.latitude, county.longitude = seat.latitude, seat.longitude
        moved += 1
    return moved


def curated(shapes: list) -> list[Entry]:
    """Return the curated entries of data/curated.tsv (admin1 by point in polygon)."""
    out = []
    with open(DATA / "curated.tsv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            lat, lon = float(row["latitude"]), float(row["longitude"])
            if not row["source"].strip():
                raise SystemExit(f"curated row {row['id']} has no source/reasoning")
            names = [row["name"], *row["aliases"].split("|")]
            case_names = [n for n in row["any_case_aliases"].split("|") if n]
            out.append(
                Entry(
                    id=f"cur:{row['id']}",
                    name=row["name"],
                    placetype=row["placetype"],
                    country="SY",
                    admin1=admin1_at(lat, lon, shapes),
                    admin2=None,
                    latitude=lat,
                    longitude=lon,
                    prominence=20,
                    source="curated",
                    keys=keys_of(names + case_names),
                    case_keys=keys_of(case_names),
                )
            )
    return out


def write_admin_codes(source: Path) -> None:
    """Copy GeoNames admin1/admin2 codes (SY, IQ, TR, LB, JO) to data/geonames_admin_codes.tsv."""
    lines = ["code\tname"]
    for name in (
        "geonames_admin1CodesASCII_SY_IQ_TR_LB_JO.txt",
        "geonames_admin2Codes_SY_IQ_TR_LB_JO.txt",
    ):
        with open(source / name, encoding="utf-8") as handle:
            for line in handle:
                code, _name, ascii_name, _gn = line.rstrip("\n").split("\t")
                lines.append(f"{code}\t{ascii_name}")
    (DATA / "geonames_admin_codes.tsv").write_text("\n".join(lines) + "\n", "utf-8")


def derive_aliases(path: Path, years: tuple[int, int], wof: list[Entry]) -> list[list[str]]:
    """Return [wof id, alias] pairs: ACLED's spelling of a place that WOF has within 2 km.

    Only distinct (location, point) facts of ACLED rows of the given years are used, and only
    when a Syrian WOF locality lies within 2 km of the point; no ACLED row is kept.
    """
    import gzip

    from sitrep.geo.lexicon import load_lexicon

    blocked = load_lexicon().blocked_keys
    grid: dict[tuple[int, int], list[Entry]] = defaultdict(list)
    for entry in wof:
        if entry.country == "SY" and entry.placetype == "locality" and entry.latitude is not None:
            assert entry.longitude is not None
            grid[(int(entry.latitude * 20), int(entry.longitude * 20))].append(entry)
    facts: set[tuple[str, float, float]] = set()
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if not years[0] <= int(row["year"]) <= years[1] or row["geo_precision"] == "3":
                continue
            if " - " in row["location"]:
                continue
            facts.add((row["location"], float(row["latitude"]), float(row["longitude"])))
    pairs: dict[tuple[str, str], None] = {}
    for name, lat, lon in sorted(facts):
        key = usable_key(name)
        if not key or key in blocked:
            continue
        cell = (int(lat * 20), int(lon * 20))
        near = [
            (haversine_km(lat, lon, e.latitude, e.longitude), e.id, e)
            for dr in (-1, 0, 1) for dc in (-1, 0, 1)
            for e in grid.get((cell[0] + dr, cell[1] + dc), [])
            if e.latitude is not None and e.longitude is not None
        ]  # fmt: skip
        near = [n for n in near if n[0] <= 2.0]
        if not near:
            continue
        _, entry_id, entry = min(near)
        if key not in entry.keys:
            pairs[(entry_id, name)] = None
    return [[entry_id, name] for entry_id, name in pairs]


def _eager(entry: Entry) -> bool:
    return (
        entry.country == "SY"
        or entry.source != "wof"
        or entry.placetype in ("region", "county", "country")
        or entry.prominence >= 15
    )


def main(argv: list[str] | None = None) -> int:
    """Build the gazetteer files; print counts and sizes."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=SOURCE)
    parser.add_argument("--tolerance", type=float, default=0.001)
    parser.add_argument(
        "--aliases-from",
        type=Path,
        default=None,
        help="ACLED Syria CSV(.gz): rewrite data/aliases.tsv with its spellings of WOF places",
    )
    parser.add_argument(
        "--alias-years", default="2017-2019", help="ACLED years to take spellings from"
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    admin1 = yaml.safe_load((DATA / "admin1.yaml").read_text("utf-8"))["SY"]
    geojson = build_shapes(args.source, admin1, args.tolerance)
    (DATA / "admin1.geojson").write_text(json.dumps(geojson, ensure_ascii=False), "utf-8")
    shapes = shapes_from_geojson(geojson)
    gn_admin1 = {}
    with open(args.source / "geonames_admin1CodesASCII_SY_IQ_TR_LB_JO.txt", encoding="utf-8") as f:
        for line in f:
            code, name, ascii_name, gn_id = line.rstrip("\n").split("\t")
            gn_admin1[gn_id] = ascii_name
    write_admin_codes(args.source)
    wof = read_wof(args.source, shapes, gn_admin1)
    aliases_path = DATA / "aliases.tsv"
    if args.aliases_from is not None:
        first, last = (int(y) for y in args.alias_years.split("-"))
        pairs = derive_aliases(args.aliases_from, (first, last), wof)
        with open(aliases_path, "w", encoding="utf-8", newline="") as handle:
            handle.write(
                "# Spellings of Who's On First places (wof_id) as ACLED Syria notes of "
                f"{first}-{last} name a point within 2 km of them (distinct facts, no ACLED row).\n"
            )
            writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
            writer.writerow(["wof_id", "alias"])
            writer.writerows(pairs)
    if aliases_path.is_file():
        by_id = {e.id: e for e in wof}
        with open(aliases_path, encoding="utf-8", newline="") as handle:
            lines = [line for line in handle if not line.startswith("#")]
        for row in csv.DictReader(lines, delimiter="\t"):
            entry = by_id.get(row["wof_id"])
            key = usable_key(row["alias"])
            if entry is not None and key and key not in entry.keys:
                entry.keys = entry.keys + (key,)
    moved = place_counties_at_seats(wof)
    print(f"{moved} Syrian districts placed at their seat town", file=sys.stderr)
    regions = admin1_entries(admin1, wof, shapes)
    countries = country_entries(wof)
    cities = [
        e for e in wof if e.country == "SY" and e.placetype == "locality" and e.prominence > 60
    ]
    archive = syrian_archive(args.source, wof, shapes, cities)
    kept = [e for e in wof if not (e.country == "SY" and e.placetype == "region")]
    kept = [e for e in kept if e.placetype != "country" and e.keys]
    entries = kept + regions + countries + archive + curated(shapes)
    # Syria, the neighbours' regions/districts/larger places and every curated row load at once;
    # the neighbours' small villages (most of the rows) load only for texts about them.
    main_part = [e for e in entries if _eager(e)]
    more_part = [e for e in entries if not _eager(e)]
    for name, part in (("gazetteer.tsv.gz", main_part), ("gazetteer_more.tsv.gz", more_part)):
        target = DATA / name
        count = write_entries(target, part)
        print(
            f"wrote {count} entries to {target} ({target.stat().st_size / 1e6:.1f} MB), "
            f"{sum(len(e.keys) for e in part)} keys",
            file=sys.stderr,
        )
    print(f"built in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

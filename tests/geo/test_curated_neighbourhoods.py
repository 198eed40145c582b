"""Curated city neighbourhoods of Damascus, Dar'a, Ar-Raqqa, Deir ez-Zor, Homs, Hama and Aleppo.

Each sentence is written the way war reports name these districts; the reading must be the
curated neighbourhood (within a few km of its row) in the city's governorate, not a same-named
village elsewhere (Jubaylah north of Deir ez-Zor, Battanah in Hasakeh, "Malik" in Hasakeh...).
"""

from __future__ import annotations

from importlib import resources

import pytest

from sitrep.geo import geocode
from sitrep.geo.gazetteer import haversine_km

CASES = [
    ("Clashes in the al-Mansheyyi neighborhood of Dar'a city.", "manshiya-daraa", "Dara"),
    ("Regime shelling hit Daraa al-Balad and the Sijneh quarter.", "daraa-balad", "Dara"),
    ("Fighting in Tariq al-Sad neighborhood of Dar'a city.", "tariq-sad-daraa", "Dara"),
    ("Clashes in al-Midan neighbourhood of Damascus.", "midan-damascus", "Damascus"),
    (
        "Rebels clashed with regime forces in Tishreen neighborhood of Damascus.",
        "tishreen-damascus",
        "Damascus",
    ),
    ("Mortar shells fell on Bab Touma in Damascus.", "bab-touma", "Damascus"),
    ("A shell hit Abbasiyyin square in Damascus.", "abbasiyyin", "Damascus"),
    ("Clashes in al-Asali neighbourhood of southern Damascus.", "asali", "Damascus"),
    (
        "Clashes in Hisham bin Abdul Malik neighborhood of Ar-Raqqa city.",
        "hisham-raqqa",
        "Ar Raqqa",
    ),
    ("The SDF entered the al-Mishlab neighbourhood east of Raqqa.", "mishlab-raqqa", "Ar Raqqa"),
    ("Clashes in the Al-Batani neighborhood of Ar-Raqqa city.", "batani-raqqa", "Ar Raqqa"),
    (
        "SDF fought the Islamic State around the Nazleh Shihadeh area of Ar-Raqqa.",
        "nazlat-shehada",
        "Ar Raqqa",
    ),
    ("Clashes in Hutteen neighbourhood in Ar-Raqqa city.", "hutteen-raqqa", "Ar Raqqa"),
    ("Clashes in the Tishrine neighborhood of Ar-Raqqa city.", "rumaila-raqqa", "Ar Raqqa"),
    ("Clashes in the Hamidiya neighborhood of Deir-ez-Zor city.", "hamidiya-deir", "Deir ez Zor"),
    ("Clashes in al-Jubaila neighborhood of Deir ez-Zor.", "jubaila-deir", "Deir ez Zor"),
    (
        "Clashes in the Al-Rashidia neighborhood of Deir-ez-Zor city.",
        "rashdiya-deir",
        "Deir ez Zor",
    ),
    (
        "Regime forces advanced on the Harabash district of Deir ez-Zor.",
        "harabesh-deir",
        "Deir ez Zor",
    ),
    ("Clashes in Al-Joura neighborhood in Deir-ez-Zor city.", "joura-deir", "Deir ez Zor"),
    (
        "Clashes in Al-Mowazafin area in the Shuhuda neighborhood of Deir-ez-Zor city.",
        "shuhada-deir",
        "Deir ez Zor",
    ),
    (
        "IS attacked army posts at the Panorama roundabout of Deir ez-Zor.",
        "panorama-deir",
        "Deir ez Zor",
    ),
    (
        "The SDF advanced in the Nazalat Shada neighborhood of Ar-Raqqa city.",
        "nazlat-shehada",
        "Ar Raqqa",
    ),
    ("A car bomb exploded in Akrama neighbourhood of Homs.", "akrama", "Homs"),
    ("Shelling on Jouret al-Shayah in Homs.", "jouret-shayah", "Homs"),
    ("Clashes in Al-Khaldiya neighborhood of Aleppo.", "khaldiya-aleppo", "Aleppo"),
]


def _curated() -> dict[str, tuple[float, float]]:
    text = resources.files("sitrep.geo").joinpath("data/curated.tsv").read_text("utf-8")
    rows = [line.split("\t") for line in text.splitlines()[1:] if line.strip()]
    return {row[0]: (float(row[4]), float(row[5])) for row in rows}


@pytest.mark.parametrize(("text", "row_id", "admin1"), CASES)
def test_curated_neighbourhood_is_read(text: str, row_id: str, admin1: str) -> None:
    lat, lon = _curated()[row_id]
    places = [p for p in geocode(text) if (p.geo_precision or 3) <= 2]
    assert places, text
    first = places[0]
    assert first.admin1 == admin1
    assert haversine_km(lat, lon, first.latitude, first.longitude) <= 1.0, first.name


def test_bare_neighbourhood_unique_to_its_city() -> None:
    """With no city named, a name only Raqqa has still falls to the Raqqa district."""
    (place,) = geocode("Coalition airstrikes hit the Hisham bin Abdul Malik neighbourhood.")
    assert place.admin1 == "Ar Raqqa"

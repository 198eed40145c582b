"""The packaged gazetteer: contents, load time, file round trip, polygons."""

from __future__ import annotations

import csv
from importlib import resources
from pathlib import Path

import pytest

from sitrep.geo.gazetteer import Entry, Gazetteer, haversine_km, read_entries, write_entries
from sitrep.geo.gazetteer import load_gazetteer as loader
from sitrep.geo.normalise import name_key
from sitrep.geo.polygons import admin1_at, km_outside

ACLED_ADMIN1 = {
    "Aleppo", "Idleb", "Hama", "Homs", "Damascus", "Rural Damascus", "Dara", "Quneitra",
    "As Sweida", "Lattakia", "Tartous", "Ar Raqqa", "Deir ez Zor", "Al Hasakeh",
}  # fmt: skip


def test_gazetteer_loads_every_entry() -> None:
    # Its load time is a figure of bench/geocode.py, not a test: no timing assertions here.
    loader.cache_clear()
    gazetteer = loader(user=False)
    assert len(gazetteer) > 10_000


def test_gazetteer_has_darat_izzah_with_geonames_id(gazetteer: Gazetteer) -> None:
    found = [e for e in gazetteer.lookup(name_key("Darat Izzah")) if e.geonames_id == "170857"]
    assert found and abs(found[0].latitude - 36.28) < 0.02  # type: ignore[operator]


def test_gazetteer_loads_neighbours_on_demand(gazetteer: Gazetteer) -> None:
    before = len(gazetteer)
    full = gazetteer.with_more("IQ")
    assert len(full) > before + 15_000
    assert {e.country for e in full.entries[before:]} == {"IQ"}
    assert len(gazetteer) == before  # the core gazetteer is never extended in place
    assert gazetteer.with_more("IQ") is full


def test_geocode_syria_text_does_not_depend_on_texts_read_before() -> None:
    # Bug: once a text about Iraq loaded the neighbours' villages into the shared gazetteer,
    # later Syria texts saw them as candidates and could resolve differently.
    from sitrep.geo import geocode

    syria = (
        "Regime warplanes struck Salqin and Harem in Idlib countryside, and shells hit "
        "Tafas and Dael in Daraa."
    )
    iraq = "Clashes near Tal Afar and Sinjar in Nineveh province, west of Mosul in Iraq."
    before = [p.model_dump() for p in geocode(syria)]
    geocode(iraq)
    assert [p.model_dump() for p in geocode(syria)] == before


def test_gazetteer_syrian_admin1_use_acled_spellings(gazetteer: Gazetteer) -> None:
    regions = {e.admin1 for e in gazetteer.entries if e.id.startswith("adm1:SY:")}
    assert regions == ACLED_ADMIN1
    syrian = {e.admin1 for e in gazetteer.entries if e.country == "SY" and e.admin1}
    assert syrian <= ACLED_ADMIN1


def test_gazetteer_curated_rows_have_a_source() -> None:
    text = resources.files("sitrep.geo").joinpath("data/curated.tsv").read_text("utf-8")
    rows = list(csv.DictReader(text.splitlines(), delimiter="\t"))
    assert len(rows) >= 50
    for row in rows:
        assert len(row["source"]) > 20, row["id"]
        assert 32 < float(row["latitude"]) < 38 and 35 < float(row["longitude"]) < 43


def test_gazetteer_file_round_trip(tmp_path: Path) -> None:
    entry = Entry(
        id="test:1", name="Testville", placetype="locality", country="SY", admin1="Hama",
        admin2=None, latitude=35.1, longitude=36.7, prominence=3, source="test",
        keys=(name_key("Testville"),), case_keys=(),
    )  # fmt: skip
    path = tmp_path / "g.tsv.gz"
    assert write_entries(path, [entry]) == 1
    assert list(read_entries(path)) == [entry]
    assert Gazetteer.from_entries([entry]).lookup(name_key("Testville")) == [entry]


@pytest.mark.parametrize(
    "lat,lon,admin1",
    [
        (36.2037, 37.1726, "Aleppo"),  # Aleppo city
        (33.5710, 36.4050, "Rural Damascus"),  # Douma
        (35.4392, 36.6440, "Idleb"),  # Khan Shaykhun
        (35.9500, 39.0100, "Ar Raqqa"),  # Raqqa
        (33.5100, 36.2900, "Damascus"),  # Damascus old city
        (32.6200, 36.1000, "Dara"),  # Daraa
    ],
)
def test_polygons_admin1_at(lat: float, lon: float, admin1: str) -> None:
    assert admin1_at(lat, lon) == admin1


def test_polygons_outside_syria_is_none() -> None:
    assert admin1_at(41.0, 29.0) is None  # Istanbul


def test_districts_sit_at_their_seat_town() -> None:
    # like governorates at their capitals: "Abu Kamal district" is placed at the town
    from sitrep.geo import geocode

    place = next(p for p in geocode("Clashes in Abu Kamal district of Deir-ez-Zor province."))
    assert place.placetype == "county" and place.geo_precision == 3
    assert haversine_km(place.latitude, place.longitude, 34.45, 40.92) < 3


def test_archive_documented_village_outweighs_its_namesake() -> None:
    # `Atshan (Hama) is on the Syrian Archive's list of documented places; `Atshan in Hasakeh
    # is not: with nothing else in the text, the documented one wins
    from sitrep.geo import geocode

    (place,) = geocode("Regime forces shelled the town of Atshan.")
    assert place.admin1 == "Hama"


def test_km_outside_a_governorate() -> None:
    assert km_outside(35.93, 36.63, "Idleb") == 0.0  # Idlib city
    zabadi = km_outside(35.41, 36.86, "Idleb")  # a Hama village at the Idleb border
    assert zabadi is not None and 0 < zabadi < 5
    aleppo = km_outside(36.20, 37.16, "Idleb")  # Aleppo city, a county away
    assert aleppo is not None and 15 < aleppo < 45
    assert km_outside(36.2, 37.1, "Narnia") is None


def test_gazetteer_city_name_is_no_spelling_of_its_quarter() -> None:
    # UCDP's "Homs town" point lies by al-Hamidiya: the city's name stays the city's alone
    gazetteer = loader(user=False)
    homs = {e.id for e in gazetteer.lookup("hums") if e.country == "SY"}
    assert "cur:hamidiya-homs" not in homs and "wof:421168647" in homs


def test_gazetteer_extended_copy_leaves_the_core_index_unchanged(gazetteer: Gazetteer) -> None:
    # with_more shares the core's index lists and skeleton table (a copy of each took ~1 s
    # per country); a key both have must get a new list in the copy, never the core's
    # extended in place.
    gazetteer.skeleton_keys("")  # the skeleton table exists, so the copy shares it
    key = name_key("Mosul")
    core_positions = list(gazetteer.index[key])
    core_skeletons = {k: list(v) for k, v in gazetteer._skeletons.items()}  # type: ignore[union-attr]
    full = gazetteer.with_more("IQ")
    assert len(full.index[key]) >= len(core_positions)
    assert gazetteer.index[key] == core_positions
    assert gazetteer._skeletons == core_skeletons
    assert any(e.country == "IQ" for e in full.lookup(name_key("Tall Kayf")))
    new_keys = [k for k in full.index if k not in gazetteer.index]
    assert new_keys and all(k in full.skeleton_keys(_skeleton(k)) for k in new_keys[:200])


def _skeleton(key: str) -> str:
    from sitrep.geo.normalise import skeleton_key

    return skeleton_key(key)

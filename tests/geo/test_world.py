"""The world gazetteer (issue 13): OCHA communities and neighbourhoods with p-codes, analysts'
admin-1 names per country, country discipline, and no table derived from ACLED rows."""

from __future__ import annotations

import csv
import os
from importlib import resources
from pathlib import Path

import pytest
import yaml

from sitrep.geo import geocode, resolve
from sitrep.geo.gazetteer import Gazetteer, haversine_km
from sitrep.geo.gazetteer import load_gazetteer as loader

SHARED = Path(os.environ.get("SITREP_SHARED") or Path(__file__).resolve().parents[3] / "shared")
SEED = SHARED / "data" / "seed"


def _ocha_neighbourhood(pcode: str) -> tuple[float, float]:
    """OCHA's point of a neighbourhood, read from the shipped gazetteer's OCHA-cited rows."""
    gazetteer = loader(user=False)
    for entry in gazetteer.entries:
        if entry.pcode == pcode and entry.latitude is not None and entry.longitude is not None:
            return entry.latitude, entry.longitude
    text = resources.files("sitrep.geo").joinpath("data/curated.tsv").read_text("utf-8")
    for row in csv.DictReader(text.splitlines(), delimiter="\t"):
        if f"city_neighbourhoods {pcode} " in row["source"]:
            return float(row["latitude"]), float(row["longitude"])
    raise AssertionError(f"no shipped row carries OCHA's {pcode}")


def test_gazetteer_start_up_loads_the_whole_world_index() -> None:
    loader.cache_clear()
    gazetteer = loader(user=False)
    assert len(gazetteer) > 30_000
    assert {"SY", "YE", "MX", "IN"} <= {e.country for e in gazetteer.entries}


@pytest.mark.parametrize(
    ("name", "pcode"),
    [("Ramousah", "N0226"), ("Hamdaniya", "N0216"), ("al-Sakhour", "N0139")],
)
def test_geocode_aleppo_neighbourhoods_sit_at_ochas_points(name: str, pcode: str) -> None:
    place = resolve(name, context="Aleppo")
    assert place is not None and place.latitude is not None and place.longitude is not None
    lat, lon = _ocha_neighbourhood(pcode)
    assert haversine_km(lat, lon, place.latitude, place.longitude) < 0.5


def test_geocode_seed_places_within_their_max_km(seed_text: str) -> None:
    expected = yaml.safe_load((SEED / "aleppo-siege-broken.expected.yaml").read_text("utf-8"))
    places = [p for p in geocode(seed_text) if p.latitude is not None]
    for event in expected["events"]:
        lat, lon = event["near"]
        assert any(
            haversine_km(lat, lon, p.latitude, p.longitude) <= event["max_km"]  # type: ignore[arg-type]
            for p in places
        ), event["id"]


def test_resolve_syrian_village_carries_ocha_pcode_and_admin_names() -> None:
    place = resolve("Hbit", context="Idlib")
    assert place is not None
    assert place.pcode == "C3989"
    assert place.admin1 == "Idleb" and place.admin3 == "Khan Shaykun"


@pytest.mark.parametrize(
    ("text", "country", "admin1"),
    [
        ("Israeli shelling hit the outskirts of Tyre in southern Lebanon.", "Lebanon", "South"),
        ("Airstrikes hit Taiz city in Yemen.", "Yemen", "Taizz"),
        ("A car bomb exploded in Mosul, Iraq.", "Iraq", "Ninewa"),
        ("Clashes in Baalbek, Lebanon.", "Lebanon", "Baalbek-Hermel"),
    ],
)
def test_geocode_gives_the_analysts_admin1(text: str, country: str, admin1: str) -> None:
    places = [p for p in geocode(text) if p.placetype != "country"]
    assert places and places[0].country == country and places[0].admin1 == admin1


def test_geocode_syrian_text_never_takes_a_namesake_abroad() -> None:
    # "Tal Abyad" and "Manbij" are Syrian; Qamishli has a namesake district in Turkey (Nusaybin
    # faces it) and many names recur in Iraq: nothing in a Syrian note is read abroad.
    text = "SDF forces clashed with Turkish-backed factions near Tal Abyad, Manbij and Qamishli."
    places = [p for p in geocode(text) if p.placetype != "country"]
    assert places and all(p.country == "Syria" for p in places)


def test_geocode_reads_a_mexican_note_in_mexico() -> None:
    text = "In Cuauhtemoc municipality, Chihuahua, a man was found dead on a road."
    places = [p for p in geocode(text) if p.placetype != "country"]
    assert places and {p.admin1 for p in places} == {"Chihuahua"}


def test_gazetteer_loads_one_countrys_villages_only(gazetteer: Gazetteer) -> None:
    yemen = gazetteer.with_more("YE")
    assert len(yemen) > len(gazetteer) + 20_000
    added = {e.country for e in yemen.entries[len(gazetteer) :]}
    assert added == {"YE"}


def test_gazetteer_data_has_no_table_derived_from_acled_rows() -> None:
    data = resources.files("sitrep.geo").joinpath("data")
    assert not data.joinpath("aliases.tsv").is_file()
    for path in Path(str(data)).rglob("*"):
        if path.suffix in (".tsv", ".yaml", ".txt") and path.is_file():
            text = path.read_text("utf-8").lower()
            for phrase in ("acled syria notes", "acled rows of", "acled's location name"):
                assert phrase not in text, (path.name, phrase)


def test_gazetteer_notice_lists_every_source() -> None:
    notice = resources.files("sitrep.geo").joinpath("data/NOTICE.txt").read_text("utf-8")
    for source in ("OCHA", "Who's On First", "GeoNames", "Syrian Archive", "CC BY-IGO"):
        assert source in notice


def test_geocode_a_syrian_forces_area_points_the_text_to_syria() -> None:
    # Bug: with no governorate named, "Jellin" (Jallayn, Dar'a) was read as China's Jilin and
    # China's villages were loaded; the army named settles the country and the governorate.
    text = (
        "Rebels clashed with Islamic State affiliates 'Khalid ibn al Walid Army' on the "
        "outskirts of Jellin village. No reported fatalities."
    )
    places = geocode(text)
    assert [(p.name, p.country, p.admin1) for p in places] == [("Jallayn", "Syria", "Dara")]
    arabic = "Rebels clashed with Jaysh Khalid Ibn Al-Walid in Jellin. No fatalities."
    assert [p.admin1 for p in geocode(arabic)] == ["Dara"]


def test_geocode_a_capitalised_word_opening_a_sentence_takes_no_twin_at_home() -> None:
    # "Amid" is Diyarbakir's old name; at a sentence's start it is the English word, and no
    # spelling twin inside the governorate the text names replaces the reading abroad.
    text = (
        "Amid Islamic State's shelling, clashes took place between the Manbij Military Council "
        "and the Islamic State in Tal Khozan in the Menbij countryside."
    )
    assert all(p.mention != "Amid" for p in geocode(text))


def test_geocode_an_osce_note_stays_in_ukraine() -> None:
    # the operations' areas vote for their own country: the OSCE SMM's are Ukrainian
    places = geocode("The OSCE SMM recorded explosions near Zaitseve.")
    assert places and places[0].country == "Ukraine"


def test_geocode_a_foreign_demonym_and_a_shared_name_point_abroad() -> None:
    # Bug: "Herat" has a Syrian namesake (Al Hayrat, Hama) and the Afghan demonym gave no
    # vote, so a note about Herat stayed in Syria. A demonym of another country now counts 1
    # (when the text does not name that country), and a name read both at home and abroad
    # counts for the one other country with votes when nothing points home.
    text = (
        "Dozens of civil society activists protested against the interference of neighbouring "
        "countries in the Afghan conflict, in Herat city."
    )
    places = [p for p in geocode(text) if p.placetype != "country"]
    assert places and places[0].country == "Afghanistan" and places[0].admin1 == "Herat"


def test_resolve_a_town_cue_prefers_a_town_to_a_city_quarter() -> None:
    # "Zahraa town" is Nubl's twin town north of Aleppo, not Aleppo's al-Zahraa quarter
    place = resolve("Zahraa town")
    assert place is not None and place.placetype == "locality" and place.admin1 == "Aleppo"
    quarter = resolve("al-Zahraa neighbourhood")
    assert quarter is not None and quarter.placetype == "neighbourhood"


def test_geocode_a_far_country_named_beats_one_small_name_at_home() -> None:
    # Bug: "Marasia" is also a Homs village, so Greece (named, 2 votes) did not beat Syria
    # (1 vote): a far country named now wins against one small name at home ...
    text = (
        "Hellenic Police officers reported shots fired by Turkish guards on the Evros river "
        "border with Greece near the village of Marasia."
    )
    assert all(p.country != "Syria" for p in geocode(text))
    # ... but not a neighbour, which Syrian notes often name beside one village
    near = (
        "The body of a fighter was found near the town of Maar Dibsi on the border with Turkey."
    )
    assert [p.country for p in geocode(near) if p.placetype != "country"] == ["Syria"]


def test_geocode_weapons_courts_and_forces_are_no_villages() -> None:
    # "Grad missiles" voted for Slovenia's Grad; "Supreme Court" was Al Qurt (Aleppo); "Boko
    # Haram" a village of As Sweida (data/blocked.yaml)
    text = "Opposition forces targeted regime positions in Eastern Qalamoun with Grad missiles."
    assert [(p.name, p.country) for p in geocode(text)] == [("Eastern Qalamoun", "Syria")]
    assert geocode("Protesters rallied outside the Supreme Court.") == []
    assert geocode("Boko Haram militants attacked the market.") == []


@pytest.mark.parametrize(
    "text",
    [
        # "Added" opening a sentence voted 2 for India (a region's name there)
        "The Islamic State achieved partial control over Baza'a village, following clashes. "
        "Added one for the suicide attacker.",
        # "Syrian Democratic Force": "Force" voted for Ukraine
        "Clashes took place between the Syrian Democratic Force and IS in Hutten Farm near "
        "Ar-Raqqa city.",
        # the army's name without "al": it still points to Dar'a, not to China's Jilin
        "Violent clashes between Jaysh Khalid bin Walid and several other factions in the "
        "western countryside of Daraa City. Clashes concentrated in Jellin area.",
    ],
)
def test_geocode_syrian_notes_stay_in_syria(text: str) -> None:
    places = [p for p in geocode(text) if p.placetype != "country"]
    assert places and all(p.country == "Syria" for p in places)


def test_geocode_a_text_with_no_name_at_home_takes_its_largest_reading_abroad() -> None:
    # Bug: "Belgrade" is also Alba Iulia's old name (Romania) and a Montana town, so no country
    # had a vote and the text stayed in Syria, where it has no reading: nothing was returned.
    places = geocode("Several hundred protesters marched through Belgrade against the government.")
    assert [(p.name, p.admin1) for p in places] == [("Belgrade", "Belgrade")]


def test_geocode_short_codes_and_sentence_openers_pick_no_country() -> None:
    # an airport code among a city's names ("FaR": Fargo) or "Amid" opening a sentence is no
    # evidence that a Syrian note is about another country
    assert geocode("FaR assassinated a commander of Jaysh al Islam near the FaR positions.") == []
    assert geocode("Amid an exchange of shelling, regime forces battled IS near the hill.") == []

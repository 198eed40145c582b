"""Admin-1 names as analysts use them outside the WOF countries (issue 13): GeoNames admin-1
codes mapped to today's units (data/admin1_codes.tsv, data/admin1_parts.tsv), names with inner
lower-case words ("Rio de Janeiro"), and the focus country of notes that name no country."""

from __future__ import annotations

import pytest

from sitrep.geo import geocode, resolve
from sitrep.geo.deferred import deferred_country, key_hash
from sitrep.geo.features import find_mentions
from sitrep.geo.gazetteer import load_gazetteer
from sitrep.geo.hints import focus_country
from sitrep.geo.normalise import name_key
from sitrep.geo.tokens import tokenize


@pytest.mark.parametrize(
    ("name", "country", "admin1"),
    [
        ("Goma", "CD", "Nord-Kivu"),  # GeoNames' rg names said "Nord Kivu"; its code is CD.11
        ("Bunia", "CD", "Ituri"),  # was "Eastern Province", split in 2015
        ("Kolwezi", "CD", "Lualaba"),  # was "Katanga"
        ("Zemun", "RS", "Belgrade"),  # the City of Belgrade, an admin-2 of Central Serbia
        ("Nis", "RS", "Central Serbia"),
        ("Novi Sad", "RS", "Vojvodina"),
        ("Al Khums", "LY", "Almargeb"),
        ("Ghat", "LY", "Ghat"),  # no GeoNames name for its code at all
        ("Srinagar", "IN", "Jammu and Kashmir"),
        ("Terter", "AZ", "Tartar"),
        ("Cabanatuan", "PH", "Central Luzon"),
        ("Sousse", "TN", "Sousse"),
        ("Arish", "EG", "North Sinai"),
    ],
)
def test_resolve_world_town_has_the_analysts_admin1(name: str, country: str, admin1: str) -> None:
    place = resolve(name, country=country)
    assert place is not None and place.admin1 == admin1


def test_resolve_an_old_province_name_no_longer_names_the_new_ones() -> None:
    # "Katanga" was split in four in 2015: no region entry keeps the stale name
    gazetteer = load_gazetteer(user=False)
    regions = [e for e in gazetteer.lookup(name_key("Katanga")) if e.placetype == "region"]
    assert regions == []


def test_geocode_reads_a_province_name_as_its_region() -> None:
    # ISO 3166-2 provinces (data/admin1_parts.tsv) name their region: the note is Philippine
    text = "On 8 May 2020, a drug suspect was killed in a police raid in Cabanatuan, Nueva Ecija."
    places = [p for p in geocode(text) if p.placetype != "country"]
    assert places and places[0].mention == "Cabanatuan" and places[0].admin1 == "Central Luzon"


@pytest.mark.parametrize(
    ("text", "mention", "admin1"),
    [
        ("On 4 May 2020, in Itaborai, Rio de Janeiro, police clashed with suspects.", "Itaborai",
         "Rio de Janeiro"),
        ("In Playa del Carmen, Quintana Roo, two armed men attacked two men.", "Playa del Carmen",
         "Quintana Roo"),
    ],
)  # fmt: skip
def test_geocode_names_with_inner_lower_case_words(text: str, mention: str, admin1: str) -> None:
    places = [p for p in geocode(text) if p.placetype != "country"]
    assert places and places[0].mention == mention and places[0].admin1 == admin1


def test_geocode_inner_word_never_ends_a_name() -> None:
    # "de" joins a run only before a capitalised word: "Aleppo de" is no name
    places = geocode("Shelling hit Aleppo de facto front lines.")
    assert [p.mention for p in places] == ["Aleppo"]


def _focus(text: str) -> str:
    gazetteer = load_gazetteer()
    tokens = tokenize(text)
    return focus_country(find_mentions(text, gazetteer, tokens), gazetteer, tokens=tokens)


def test_focus_the_only_country_a_note_points_to() -> None:
    # Ludhiana is Indian only; Punjab is Indian and Pakistani; nothing points to Syria
    assert _focus("Workers protested in Ludhiana city (Punjab) demanding their wages.") == "IN"


def test_focus_acronyms_give_no_vote() -> None:
    # "GNA" is also a village in Belarus: a force's acronym must not outvote Misrata
    assert _focus("GNA forces targeted LNA vehicles in Tininai (Misrata).") == "LY"


def test_focus_a_village_only_one_country_has_among_its_small_places() -> None:
    assert deferred_country(name_key("Zaporozhets")) == "UA"
    text = "On 4 May 2020, the OSCE SMM observed 3 explosions near Zaporozhets."
    assert _focus(text) == "UA"
    places = [p for p in geocode(text) if p.placetype != "country"]
    assert places and places[0].country == "Ukraine"


def test_focus_syrian_note_stays_in_syria() -> None:
    assert _focus("Regime forces shelled Kafr Nabl and Hass in southern Idlib.") == "SY"


def test_deferred_country_unknown_and_shared_keys_give_none() -> None:
    assert deferred_country("zzzz qqqq xxxx") is None
    assert key_hash("abc") == key_hash("abc") and key_hash("abc") != key_hash("abd")


def test_geocode_names_every_country_as_written() -> None:
    # Serbia is no country of countries.yaml: data/world_countries.tsv names it
    text = "On 30 April 2020, textile workers protested in Nis, Serbia, demanding a bail-out."
    places = [p for p in geocode(text) if p.placetype != "country"]
    assert places and places[0].mention == "Nis" and places[0].admin1 == "Central Serbia"


def test_geocode_syrian_place_sharing_a_countrys_key_is_no_country() -> None:
    # "Mali" and "al-Mallah" share the key "mala": another country is matched only as written
    text = "Regime forces and rebels clashed in Al-Mallah in the suburbs of Aleppo."
    places = geocode(text)
    assert places and places[0].mention == "Al-Mallah" and places[0].placetype != "country"
    assert places[0].admin1 == "Aleppo"


def test_focus_a_force_of_one_country_points_to_it() -> None:
    # Tripoli is Lebanese and Libyan; the Libyan National Army (country_cues) settles it
    text = "LNA forces shelled the Abu Salim district of Tripoli."
    assert _focus(text) == "LY"
    places = [p for p in geocode(text) if p.placetype != "country"]
    assert places and all(p.country == "Libya" for p in places)


def test_focus_a_large_city_abroad_alone_points_to_its_country() -> None:
    text = "Unidentified arsonists set fire to a vehicle. The incident occurred in Thessaloniki."
    assert _focus(text) == "GR"


def test_focus_a_sentence_opening_word_with_a_city_reading_is_no_strong_vote() -> None:
    # "Amid" is Diyarbakir's old name and a Nigerian village: no 2 votes for Turkey
    text = (
        "Faction fighters of Operation Peace Spring clashed with QSD forces in the Mahmudiyeh "
        "area. Amid an exchange of shelling, casualties were reported on both sides."
    )
    assert _focus(text) == "SY"

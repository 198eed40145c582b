"""Mention finding and name matching rules (spellings, ayn marks, glued articles, pairs)."""

from __future__ import annotations

import pytest

from sitrep.geo import geocode, load_gazetteer
from sitrep.geo.features import find_mentions
from sitrep.geo.gazetteer import haversine_km
from sitrep.geo.tokens import has_article


def _near(place, lat: float, lon: float, km: float) -> bool:
    return haversine_km(lat, lon, place.latitude, place.longitude) <= km


def test_matching_ayn_apostrophe_after_the_article_keeps_the_name_whole() -> None:
    assert has_article("al-'Anz") and has_article("al-`Ais") and not has_article("al-'anz")
    places = geocode("Regime forces captured Rasm al-'Anz town in northern Hama.")
    assert places[0].mention == "Rasm al-'Anz" and places[0].admin1 == "Hama"
    assert _near(places[0], 35.40, 37.29, 3)


def test_matching_glued_article_in_a_longer_name_beats_its_head() -> None:
    places = geocode("HTS fighters clashed in the town of Qabtan Eljabal with casualties.")
    assert [p.mention for p in places] == ["Qabtan Eljabal"]
    assert places[0].name == "Qabtan al Jabal" and _near(places[0], 36.26, 36.95, 3)


def test_matching_hyphen_joined_pair_reads_both_names() -> None:
    places = geocode("Regime forces advanced on the Tadmor-Sokhna road.")
    assert [(p.mention, p.admin1) for p in places] == [("Tadmor", "Homs"), ("Sokhna", "Homs")]
    assert places[0].score >= 0.35  # the first of a pair is not "the head of a longer name"
    places = geocode("IS attacked the Jeb Shair-Jeb Ej-Jarrah-Shomriyeh triangle in eastern Homs.")
    assert "Jeb Ej-Jarrah" in [p.mention for p in places]
    assert "Shomriyeh" in [p.mention for p in places]
    # a hyphen after an article or inside a name the gazetteer has stays
    assert [p.mention for p in geocode("Clashes in Beit-Jinn and Deir-ez-Zor.")] == [
        "Beit-Jinn",
        "Deir-ez-Zor",
    ]


def test_matching_no_container_across_a_comma_clause() -> None:
    text = (
        "Clashes took place in areas of southwest Rural Damascus, likely concentrated in the "
        "Sa'sa sub-district."
    )
    places = geocode(text)
    assert "Sa'sa" in [p.mention for p in places]
    assert "Rural Damascus" in [p.mention for p in places]


def test_matching_generic_head_with_an_unknown_rest_is_not_read_alone() -> None:
    # "Jeb" alone is Jayb in Idleb; "Jeb Makhron" is an unknown village near Manbij
    text = "clashes took place in Jeb Makhron and Tal Khozan in the Menbij countryside."
    assert "Jeb" not in [p.mention for p in geocode(text)]
    places = geocode("Rasm Qanbar village of Hama governorate is liberated from IS.")
    assert [p.mention for p in places] == ["Hama"]


def test_matching_unknown_name_drops_a_glued_article() -> None:
    places = geocode("Jaysh al Islam clashed with pro-government forces in Hosh Eldawahreh.")
    assert [p.name for p in places] == ["Hawsh ad Dawahirah"]


def test_matching_pair_split_keeps_an_article_like_head() -> None:
    text = "IS attacked the Jeb Shair-Jeb Ej-Jarrah-Shomriyeh triangle in eastern Homs."
    assert [p.mention for p in geocode(text)][0] == "Jeb Ej-Jarrah"


def test_matching_descriptor_before_a_known_name_is_not_part_of_it() -> None:
    text = "Syrian army, Hezbollah control strategic hill in Joroud al-Jarajeer in West Qalamoun."
    mentions = find_mentions(text, load_gazetteer(user=False))
    assert [m.text for m in mentions] == ["al-Jarajeer", "Qalamoun"]
    mentions = find_mentions("clashes in Hersh Kirkat area", load_gazetteer(user=False))
    assert [m.text for m in mentions] == ["Kirkat"]
    places = geocode(text)  # Qalamoun, the container, is absorbed
    assert [(p.mention, p.admin1) for p in places] == [("al-Jarajeer", "Rural Damascus")]


def test_matching_descriptors_chain_before_a_governorate() -> None:
    text = "regime forces took complete control of Eastern Rural Hama and the remaining villages."
    places = geocode(text)
    assert [(p.mention, p.admin1, p.geo_precision) for p in places] == [("Hama", "Hama", 3)]


def test_matching_stop_word_key_blocks_only_the_stop_word() -> None:
    # "Saida" shares its key "sida" with the stop word "side"
    places = geocode("An armed group targeted the town of Saida in Dar'a governorate.")
    assert ("Saida", "Sayda", "Dara") in [(p.mention, p.name, p.admin1) for p in places]
    assert [p.mention for p in geocode("Clashes For Control Of Hama")] == ["Hama"]
    text = "HTS clashed with Nour al din al Zenki fighters near the town of Daret Azza."
    assert [p.mention for p in geocode(text)] == ["Daret Azza"]


def test_matching_misspelt_name_inside_its_container_governorate() -> None:
    text = "IS fighters carried out attacks on HTS positions in the Ithriyah area of Hama."
    places = geocode(text)
    assert [(p.mention, p.name, p.admin1) for p in places][0] == ("Ithriyah", "Athriya", "Hama")


def test_matching_qualifier_tail_is_part_of_the_name_before_it() -> None:
    text = "Clashes in Zafar al-Kabir and Zafar al-Saghir in southern Idleb."
    places = geocode(text)
    assert [(p.mention, p.name) for p in places] == [
        ("Zafar al-Kabir", "Zifr Kabir"),
        ("Zafar al-Saghir", "Zifr Saghir"),
    ]
    # a faction named "Lions of the East" is no village "Ash Sharqiyah"
    text = "Usud Al-Sharqiyah shot down a warplane in Dakweh area in Rural Damascus."
    assert "Al-Sharqiyah" not in [p.mention for p in geocode(text)]


def test_matching_person_and_faction_names_are_no_places() -> None:
    text = "An HTS commander, Abu Ubaidah al-Jazrawi, was stabbed to death in southern Aleppo."
    assert [p.mention for p in geocode(text)] == ["Aleppo"]
    text = "the body of a former Mutaaz Billah fighter was found near Mzeireb."
    assert [p.mention for p in geocode(text)] == ["Mzeireb"]


def test_matching_given_names_open_a_person_and_station_is_no_place() -> None:
    text = "HTS raided the home of a commander, Ahmad al-Nahar, in the city of Kafr Nobol."
    assert [p.mention for p in geocode(text)] == ["Kafr Nobol"]
    text = "QSD commander Mohammad al-Madhi al-Hamadi was killed."
    assert geocode(text) == []
    # "Station" starts no village name; "Third Station" is the curated T3 pumping station
    (place,) = geocode("Clashes took place in the Third Station area.")
    assert place.gazetteer_id == "cur:t3-station"


def test_matching_faction_words_around_a_name() -> None:
    text = "Pro-Government militia Qalamoun Shield clashed near Tiba Elemam town."
    assert [p.mention for p in geocode(text)] == ["Tiba Elemam"]
    text = "IS clashed with regime forces and Quwat Al-Nemr in the western areas of Al-Bab."
    assert [p.mention for p in geocode(text)] == ["Al-Bab"]


def test_matching_faction_prefix_before_a_village_name() -> None:
    assert [p.mention for p in geocode("Fawj al-Hamra attacked Idlib.")] == ["Idlib"]


@pytest.mark.parametrize(
    "text,name",
    [
        ("Clashes in Deir-Ezzor city.", "Deir ez-Zor"),
        ("Clashes in Jisr-Alshughour.", "Jisr al-Shughur"),
        ("Clashes in Tel-Abyad.", "Tall Abyad"),
        ("Clashes in Khan-Sheikhoun.", "Khan Shaykhun"),
        ("Clashes in Ma'arat-Al-Numan.", "Ma`arrat an Nu`man"),
        ("Clashes in Kafr-Nabl.", "Kafr Nabl"),
    ],
)
def test_matching_hyphenated_whole_names_stay_whole(text: str, name: str) -> None:
    places = geocode(text)
    assert len(places) == 1 and places[0].name == name

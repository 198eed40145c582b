"""detect_country and ACLED state-force names from lexicons/countries.yaml."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.extract.countries import (
    country_of_force,
    demonym_country,
    detect_country,
    fold,
    load_countries,
    state_actor_name,
    text_date,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("On 2 May 2020, Houthi forces shelled Al Hali district (Al Hali, Al Hudaydah).", "Yemen"),
        ("Iraqi protesters gathered in Tahrir Square in Baghdad.", "Iraq"),
        ("Israeli forces arrested two Palestinians in Hebron (Hebron, West Bank).", "Palestine"),
        ("Turkish warplanes struck PKK positions near Amadiya, Duhok.", "Iraq"),
        ("Protesters rallied in Sitra against the arrest of a cleric.", "Bahrain"),
        ("Villagers rallied in Diyarbakır province.", "Turkey"),
        ("Russian and regime airstrikes hit Maarat al-Numan in Idlib.", "Syria"),
        ("The army clashed with gunmen near Veracruz.", "Mexico"),
        ("Armed men attacked a bus.", None),
    ],
)
def test_countries_detect_country_from_places_and_demonyms(text, expected):
    assert detect_country(text) == expected


def test_countries_detect_country_needs_capitals():
    # "van" and "bay" are common words; place names count only as proper names.
    assert detect_country("they loaded the van by the bay") is None


@pytest.mark.parametrize(
    ("country", "when", "expected"),
    [
        ("Iraq", date(2020, 5, 1), "Military Forces of Iraq (2018-2020)"),
        ("Iraq", date(2020, 5, 9), "Military Forces of Iraq (2020-2022)"),
        ("Iraq", None, "Military Forces of Iraq (2022-)"),
        ("Israel", date(2020, 5, 1), "Military Forces of Israel (2009-2021)"),
        ("Philippines", None, "Military Forces of the Philippines (2022-)"),
        ("Philippines", date(2020, 5, 1), "Military Forces of the Philippines (2016-2022)"),
        ("Nigeria", date(2020, 5, 1), "Military Forces of Nigeria (2015-2023)"),
        ("Nigeria", date(2023, 5, 29), "Military Forces of Nigeria (2023-)"),
        ("Tonga", None, "Military Forces of Tonga"),
    ],
)
def test_countries_state_actor_name_by_regime(country, when, expected):
    assert state_actor_name(country, "Military", when) == expected


def test_countries_police_name_and_force_country():
    name = state_actor_name("Turkey", "Police", date(2020, 5, 1))
    assert name == "Police Forces of Turkey (2016-)"
    assert country_of_force(name) == "Turkey"
    assert country_of_force("Military Forces of the Philippines (2016-) Navy") == "Philippines"
    assert country_of_force("Civilians (Iraq)") is None


def test_countries_demonym_and_date_helpers():
    assert demonym_country("South Sudanese troops") == "South Sudan"
    assert demonym_country("Sudanese troops") == "Sudan"
    assert text_date("On 9 May 2020, police fired") == date(2020, 5, 9)
    assert text_date("Reported on May 3, 2020.") == date(2020, 5, 3)
    assert text_date("no date here") is None
    assert fold("Şalāḩ ad-Dīn") == "salah ad din"


def test_countries_regimes_are_ordered():
    for country in load_countries().values():
        starts = [r.start for r in country.regimes if r.start is not None]
        assert starts == sorted(starts), country.name
        if country.regimes:
            assert country.regimes[-1].until is None, country.name


def test_countries_quarter_named_like_a_foreign_city_does_not_vote() -> None:
    # Bug: "al-Mashhad neighborhood in Aleppo" made the text Iranian (Mashhad, Iran), so the
    # Syrian place was dropped and the actors came out as "(Iran)".
    text = (
        "Terrorist groups fired rocket shells on al-Mashhad neighborhood in Aleppo city on "
        "Sunday, killing 3 civilians and injuring 10 others, a source told SANA."
    )
    assert detect_country(text) == "Syria"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a name in two countries splits its weight; the city decides
        ("Workers protested in Ludhiana district (Punjab) against the fuel price hike.", "India"),
        ("Demonstrators pelted stones at police in Pulwama city (J&K).", "India"),
        # a tie goes to the country of the province named (Zamora is also a Spanish province)
        ("In Zamora, Michoacan, a man was found dead.", "Mexico"),
        # a city named in countries.yaml beats a namesake province ("Nelson", New Zealand)
        ("Nurses demonstrated in New Brighton (Nelson Mandela Bay, Eastern Cape).", "South Africa"),
        # a lower ISO 3166-2 subdivision (a province of Burkina Faso)
        (
            "Militants vandalized the residence of the prefect in Diguel (Diguel, Soum).",
            "Burkina Faso",
        ),
        # an abbreviation of countries.yaml counts only in capitals
        ("Two mobs clashed in Kotwali Nagar, Pratapgarh (UP) over a property dispute.", "India"),
        ("Up to 20 people were wounded.", None),
        # Azerbaijani schwa folds to "a" (ACLED's "Gadabay" for Gədəbəy)
        (
            "Forces of Armenia fired on the positions of Azerbaijan at Zamanly, Gadabay.",
            "Azerbaijan",
        ),
    ],
)
def test_countries_subdivisions_ambiguous_names_and_abbreviations(text, expected):
    assert detect_country(text) == expected


def test_countries_unidentified_actor_by_convention():
    from sitrep.extract.countries import unidentified_actor

    assert unidentified_actor("Mexico", "Attack") == "Unidentified Gang (Mexico)"
    assert unidentified_actor("Mexico", "Armed clash") == "Unidentified Armed Group (Mexico)"
    assert unidentified_actor("Libya", "Shelling/artillery/missile attack") == (
        "Unidentified Armed Group (Libya)"
    )
    assert unidentified_actor("Mexico", "Peaceful protest") is None
    assert unidentified_actor(None, "Attack") is None  # an unknown country stays unknown


def test_countries_possessive_is_not_part_of_the_name():
    # "Hama's" folded whole was "hamas", a name that points to Palestine
    text = "Rebels fought regime forces in Harbanifse town in Hama's southern countryside."
    assert detect_country(text) == "Syria"
    assert detect_country("Hamas's armed wing fired rockets from Gaza.") == "Palestine"


def test_countries_syrian_group_outweighs_a_lone_foreign_province():
    # "Jabat" (a misspelt Jabhat) is an atoll of the Marshall Islands; "Fateh al-Sham" is Syria
    text = "Jaish al-Mujahideen clashed with Jabat Fateh al-Sham in Urum Al-Kubra."
    assert detect_country(text) == "Syria"


def test_countries_a_sponsor_counts_as_a_demonym():
    text = (
        "Rebel factions backed by Turkey clashed with the Menbij Military Council in Menbij "
        "area in the north-western countryside of Aleppo."
    )
    assert detect_country(text) == "Syria"
    assert detect_country("Turkish forces shelled villages in Turkey's Hatay province.") == "Turkey"

"""Actor roles from the parse, and ACLED's per-country names (issue 12, item 3): my own
example sentences."""

from datetime import date

import pytest

from sitrep.extract import extract_document
from sitrep.extract.actors import find_actors_in_text
from sitrep.extract.countries import acled_country, detect_country, places_country
from sitrep.records import Document, Place


def sides(text: str, published: date = date(2024, 6, 10)) -> tuple[str | None, str | None]:
    events = extract_document(Document.from_text(text, published=published)).events
    assert events, text
    return events[0].actor1, events[0].actor2


@pytest.mark.parametrize(
    "text,actor1,actor2",
    [
        # the speaker of a reporting verb is a source, not a side
        ("Haitian police said gang members set fire to 30 houses in Port-au-Prince, Haiti.",
         "Unidentified Gang (Haiti)", None),
        # "X said its forces ...": the object of the verb is acted upon, wherever it stands
        ("The Israeli military said its forces killed a Hamas commander in an airstrike in "
         "Gaza City.", "Military Forces of Israel (2022-)", "Hamas Movement"),
        # the victims of "died when ..." are acted upon; the clause's subject acts
        ("Three policemen died when gunmen opened fire on their checkpoint in Zamfara, Nigeria.",
         "Unidentified Armed Group (Nigeria)", "Police Forces of Nigeria (2023-)"),
        ("The Houthis said they shot down a US drone over Marib, Yemen.",
         "Military Forces of Yemen (2017-) Houthi", "Military Forces of the United States (2021-)"),
        # words that name an actor only in some countries
        ("Armed herders killed 12 villagers in Bokkos, Plateau State, Nigeria.",
         "Fulani Ethnic Militia (Nigeria)", "Civilians (Nigeria)"),
        ("Insurgents beheaded three villagers in Macomia district, Cabo Delgado, Mozambique.",
         "Islamist Militia (Mozambique)", "Civilians (Mozambique)"),
        ("Separatist fighters abducted a school principal in Bamenda, Cameroon, on Saturday.",
         "Ambazonian Separatists (Cameroon)", "Civilians (Cameroon)"),
        # a claim of the attack names its author
        ("A roadside bomb killed four Pakistani soldiers in North Waziristan on Monday; the "
         "Pakistani Taliban claimed the attack.",
         "TTP: Tehreek-i-Taliban Pakistan", "Military Forces of Pakistan (2022-)"),
        ("A suicide bomber killed nine worshippers at a mosque in Pul-e-Khumri, Afghanistan, on "
         "Friday. Islamic State Khorasan Province claimed responsibility.",
         "Islamic State (Afghanistan)", "Civilians (Afghanistan)"),
    ],
)  # fmt: skip
def test_roles_and_country_names(text, actor1, actor2):
    got1, got2 = sides(text)
    assert got1 == actor1
    if actor2 is not None:
        assert got2 == actor2


@pytest.mark.parametrize(
    "country,when,name",
    [
        ("Niger", date(2024, 1, 1), "Islamic State (Sahel)"),
        ("Mali", date(2020, 1, 1), "Islamic State (Greater Sahara)"),
        ("Nigeria", date(2024, 1, 1), "Islamic State (West Africa)"),
        ("Iraq", date(2024, 1, 1), "Islamic State (Iraq)"),
    ],
)
def test_islamic_state_affiliate_by_country(country, when, name):
    found = find_actors_in_text("Islamic State militants attacked", when=when, country=country)
    assert found[0].value == name


def test_taliban_are_the_state_forces_after_the_fall_of_kabul():
    before = find_actors_in_text("Taliban fighters", when=date(2020, 5, 1), country="Afghanistan")
    after = find_actors_in_text("Taliban fighters", when=date(2023, 5, 1), country="Afghanistan")
    assert (before[0].value, before[0].inter) == ("Taliban", 2)
    assert (after[0].value, after[0].inter) == ("Military Forces of Afghanistan (2021-)", 1)


def test_only_in_words_count_only_in_their_countries():
    assert find_actors_in_text("herders", country="Nigeria")[0].value == (
        "Fulani Ethnic Militia (Nigeria)"
    )
    assert not any("Fulani" in m.value for m in find_actors_in_text("herders", country="Kenya"))


def test_country_from_iso_code_and_places():
    assert acled_country("NG") == "Nigeria"
    assert acled_country("CD") == "Democratic Republic of Congo"
    assert acled_country("Syria") == "Syria"
    places = [Place(name="Maiduguri", country="NG"), Place(name="Jos", country="NG"),
              Place(name="Niamey", country="Niger")]  # fmt: skip
    assert places_country(places) == "Nigeria"
    assert places_country([]) is None


def test_detect_country_reads_al_prefixed_names():
    assert detect_country("Security forces killed 12 al-Shabaab militants near Jowhar.") == (
        "Somalia"
    )

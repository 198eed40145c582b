"""ACLED's actor conventions by event type and the groups of issue 12's conflicts (session 7):
my own invented sentences, no ACLED rows."""

from datetime import date

import pytest

from sitrep.extract import extract_document
from sitrep.extract.actors import find_actors_in_text
from sitrep.records import Document


def first(text: str, published: date = date(2023, 6, 10)):
    events = extract_document(Document.from_text(text, published=published)).events
    assert events, text
    return events[0]


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        ("Security forces arrested 15 people in night raids on houses in Sanandaj, Iran, on "
         "Tuesday, a rights group said.", "Police Forces of Iran (1989-)"),
        ("Security units arrested a former minister in Tunis, Tunisia, on Monday.",
         "Police Forces of Tunisia (2019-)"),
        # soldiers who arrest stay the army
        ("Soldiers arrested 12 people in a village near Maiduguri, Nigeria, on Monday, the "
         "army said.", "Military Forces of Nigeria (2023-)"),
    ],
)  # fmt: skip
def test_arrests_by_security_forces_are_the_police(text, actor1):
    event = first(text)
    assert event.sub_event_type == "Arrests"
    assert event.actor1 == actor1


def test_security_forces_that_fight_stay_the_army():
    event = first("Security forces clashed with Boko Haram fighters near Bama, Nigeria, on Monday.")
    assert event.actor1 == "Military Forces of Nigeria (2023-)"


@pytest.mark.parametrize(
    ("text", "country", "when", "name"),
    [
        ("Gran Grif gang members stormed Pont-Sonde", "Haiti", date(2024, 10, 3),
         "Gran Grif Gang"),
        ("a Turkish-backed faction abducted two men", "Syria", date(2021, 3, 1),
         "JWS: Syrian National Army"),
        ("armed men of a Meitei group burned houses", "India", date(2023, 6, 1),
         "Meitei Ethnic Militia (India)"),
        ("CRPF personnel were ambushed", "India", date(2023, 6, 1),
         "Police Forces of India (2014-) Central Reserve Police Force"),
        ("AMISOM troops repelled the attack", "Somalia", date(2021, 6, 1),
         "AMISOM: African Union Mission in Somalia (2007-2022)"),
        ("AU troops repelled the attack", "Somalia", date(2023, 6, 1),
         "ATMIS: African Union Transition Mission in Somalia (2022-)"),
        ("private security guards of a mine beat the villagers", "Guatemala", date(2023, 6, 1),
         "Private Security Forces (Guatemala)"),
        # "SNA" in Somalia is the Somali National Army, not Syria's JWS
        ("SNA troops recaptured the town from al-Shabaab", "Somalia", date(2023, 6, 1),
         "Military Forces of Somalia (2022-)"),
        ("SNA factions captured the village", "Syria", date(2023, 6, 1),
         "JWS: Syrian National Army"),
        ("TPLF fighters shelled the town", "Ethiopia", date(2021, 8, 1),
         "TPLF: Tigray People's Liberation Front"),
    ],
)  # fmt: skip
def test_groups_of_the_issue_conflicts_have_acled_names(text, country, when, name):
    found = [m.value for m in find_actors_in_text(text, country=country, when=when)]
    assert name in found


def test_a_group_named_only_in_its_country_is_no_actor_elsewhere():
    # "UPC" is a Central African rebel group, not Uganda's party
    assert not find_actors_in_text("UPC members met in Kampala", country="Uganda")
    assert find_actors_in_text("UPC rebels attacked Bambari", country="Central African Republic")


def test_haiti_places_give_the_country():
    from sitrep.extract.countries import detect_country

    assert detect_country("Armed men attacked Pont-Sondé on Thursday.") == "Haiti"

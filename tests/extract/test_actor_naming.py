"""Actors in ACLED's naming (issue 12): state forces with the period of the event's date,
two sides told as one coordinated subject. My own invented sentences and dates."""

from datetime import date

import pytest

from sitrep.extract import extract_document
from sitrep.extract.countries import state_actor_name
from sitrep.records import Document


def first(text: str, published: date):
    events = extract_document(Document.from_text(text, published=published)).events
    assert events, text
    return events[0]


@pytest.mark.parametrize(
    ("country", "force", "when", "expected"),
    [
        ("Nigeria", "Police", date(2020, 5, 1), "Police Forces of Nigeria (2015-2023)"),
        ("Nigeria", "Police", date(2023, 6, 1), "Police Forces of Nigeria (2023-)"),
        ("Kenya", "Military", date(2021, 1, 1), "Military Forces of Kenya (2013-2022)"),
        ("Kenya", "Police", date(2024, 1, 1), "Police Forces of Kenya (2022-)"),
        ("Mali", "Military", date(2020, 10, 1), "Military Forces of Mali (2020-2021)"),
        ("Mali", "Military", date(2022, 1, 1), "Military Forces of Mali (2021-)"),
        ("Brazil", "Military", date(2022, 12, 31), "Military Forces of Brazil (2019-2022)"),
        ("Brazil", "Military", date(2023, 1, 1), "Military Forces of Brazil (2023-)"),
        ("Tanzania", "Police", date(2020, 1, 1), "Police Forces of Tanzania (2015-2021)"),
    ],
)
def test_actor_naming_state_forces_take_the_period_of_the_date(country, force, when, expected):
    assert state_actor_name(country, force, when) == expected


def test_actor_naming_police_of_an_event_take_the_period_of_its_date():
    text = "Police fired tear gas at protesters in Lagos, Nigeria on Monday."
    before = first(text, date(2020, 10, 20))
    after = first(text, date(2024, 8, 5))
    assert "Police Forces of Nigeria (2015-2023)" in (before.actor1, before.actor2)
    assert "Police Forces of Nigeria (2023-)" in (after.actor1, after.actor2)


@pytest.mark.parametrize(
    ("text", "actor1", "actor2"),
    [
        # a coordinated subject of a reciprocal verb names the two sides
        ("The Nigerian army and Boko Haram fighters clashed in Borno on Monday.",
         "Military Forces of Nigeria (2023-)", "Boko Haram"),
        ("The Nigerian army and Boko Haram fighters signed a ceasefire agreement in Borno on "
         "Monday.", "Military Forces of Nigeria (2023-)", "Boko Haram"),
    ],
)  # fmt: skip
def test_actor_naming_x_and_y_clashed_are_two_sides(text, actor1, actor2):
    event = first(text, date(2024, 6, 10))
    assert event.actor1 == actor1
    assert event.actor2 is not None and actor2 in event.actor2
    assert not event.assoc_actor_1


def test_actor_naming_two_forces_of_one_state_stay_one_side():
    event = first("The army and police clashed in Kaduna, Nigeria on Monday.", date(2024, 6, 10))
    assert event.actor1 == "Military Forces of Nigeria (2023-)"
    assert event.assoc_actor_1 == "Police Forces of Nigeria (2023-)"
    assert event.actor2 == "Unidentified Armed Group (Nigeria)"


def test_actor_naming_the_opponent_after_with_is_kept():
    event = first(
        "Nigerian soldiers and police clashed with Boko Haram in Borno on Monday.",
        date(2024, 6, 10),
    )
    assert event.actor1 == "Military Forces of Nigeria (2023-)"
    assert event.actor2 is not None and "Boko Haram" in event.actor2


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        ("Hundreds of people protested in Paris, France on Saturday against the pension reform.",
         "Protesters (France)"),
        ("Rioters burned tyres and threw stones at police in Kisumu, Kenya on Tuesday.",
         "Rioters (Kenya)"),
        ("Unidentified gunmen shot dead a farmer in Zamfara, Nigeria on Sunday.",
         "Unidentified Armed Group (Nigeria)"),
    ],
)  # fmt: skip
def test_actor_naming_generic_actors_take_the_country(text, actor1):
    assert first(text, date(2024, 6, 10)).actor1 == actor1

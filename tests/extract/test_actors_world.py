"""Actors outside Syria by ACLED's naming (issue 12, item 3): my own example sentences."""

from datetime import date

import pytest

from sitrep.extract import extract_document
from sitrep.records import Document


def sides(text: str, published: date = date(2022, 6, 10)) -> tuple[str | None, str | None]:
    events = extract_document(Document.from_text(text, published=published)).events
    assert events, text
    return events[0].actor1, events[0].actor2


@pytest.mark.parametrize(
    "text,actor1,actor2",
    [
        ("Houthi fighters attacked government forces in Marib on Sunday.",
         "Military Forces of Yemen (2017-) Houthi", "Military Forces of Yemen (2022-)"),
        ("AQAP militants attacked a checkpoint of the Southern Transitional Council in Abyan "
         "on Sunday.",
         "AQAP: Al Qaeda in the Arabian Peninsula", "STC: Southern Transitional Council"),
        ("PMF fighters clashed with ISIS militants in Diyala on Sunday.",
         "Military Forces of Iraq (2020-2022) Popular Mobilization Forces", "Islamic State (Iraq)"),
        ("PKK militants attacked a Turkish army outpost in Hakkari on Sunday.",
         "PKK: Kurdistan Workers Party", "Military Forces of Turkey (2016-)"),
        ("Al-Shabaab fighters attacked Somali army positions in Lower Shabelle on Sunday.",
         "Al Shabaab", "Military Forces of Somalia (2022-)"),
        ("ISKP claimed a suicide bombing at a mosque in Kunduz on Sunday.",
         "Islamic State (Afghanistan)", "Civilians (Afghanistan)"),
        ("The Myanmar military clashed with the Kachin Independence Army in Kachin on Sunday.",
         "Military Forces of Myanmar (2021-)",
         "KIO/KIA: Kachin Independence Organization/Kachin Independence Army"),
        ("People's Defence Force fighters ambushed junta troops in Sagaing on Sunday.",
         "PDF: People's Defense Force", "Military Forces of Myanmar (2021-)"),
        ("The Arakan Army clashed with the Tatmadaw in Rakhine on Sunday.",
         "ULA/AA: United League of Arakan/Arakan Army", "Military Forces of Myanmar (2021-)"),
        ("Members of the Sinaloa Cartel clashed with the CJNG in Zacatecas on Sunday.",
         "Sinaloa Cartel", "CJNG: Jalisco New Generation Cartel"),
        ("ISWAP fighters killed 10 farmers in Borno on Sunday.",
         "Islamic State (West Africa)", "Civilians (Nigeria)"),
        ("M23 rebels clashed with Congolese army troops in North Kivu on Sunday.",
         "M23: March 23 Movement",
         "Military Forces of the Democratic Republic of Congo (2019-)"),
        ("CODECO militiamen killed 12 civilians in Ituri on Sunday.",
         "CODECO: Cooperative for Development of Congo",
         "Civilians (Democratic Republic of Congo)"),
        ("Ukrainian forces shelled Russian positions near Bakhmut on Sunday.",
         "Military Forces of Ukraine (2019-)", "Military Forces of Russia (2000-)"),
    ],
)  # fmt: skip
def test_actors_world_acled_names(text, actor1, actor2):
    assert sides(text) == (actor1, actor2)


def test_actors_world_rsf_renamed_when_the_war_began():
    text = "The Rapid Support Forces clashed with the Sudanese army in Khartoum on Sunday."
    assert sides(text, date(2022, 6, 10))[0] == (
        "Military Forces of Sudan (2019-) Rapid Support Forces"
    )
    assert sides(text, date(2023, 6, 10))[0] == "RSF: Rapid Support Forces"


def test_actors_world_myanmar_forces_before_the_coup():
    text = "The Arakan Army clashed with the Tatmadaw in Rakhine on Sunday."
    assert sides(text, date(2020, 5, 3))[1] == "Military Forces of Myanmar (2016-)"


def test_actors_world_between_names_both_sides():
    text = (
        "Fighting between Houthi rebels and government troops near the city of Marib killed 30 "
        "fighters on Sunday."
    )
    assert sides(text, date(2021, 5, 10)) == (
        "Military Forces of Yemen (2017-) Houthi",
        "Military Forces of Yemen (2012-2022)",
    )


def test_actors_world_passive_killing_takes_the_attack_that_follows():
    text = "At least 12 people were killed when gunmen attacked a village in Mali on Sunday."
    events = extract_document(Document.from_text(text, published=date(2021, 5, 10))).events
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in events] == [
        ("Attack", "Unidentified Armed Group (Mali)", "Civilians (Mali)")
    ]

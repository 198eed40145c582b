"""Rarer ACLED sub-event types by the codebook's definitions (issue 12): my own invented
example sentences, no corpus rows."""

from datetime import date

import pytest

from sitrep.extract import extract_document
from sitrep.extract.events import Trigger, load_lexicon
from sitrep.extract.events import _supersede as supersede
from sitrep.records import Document

PUBLISHED = date(2024, 6, 10)


def types(text: str) -> list[str]:
    events = extract_document(Document.from_text(text, published=PUBLISHED)).events
    return [e.sub_event_type for e in events]


def test_codebook_more_capture_without_a_fight_is_one_non_violent_transfer():
    text = (
        "Houthi fighters seized the town of Harib in Marib on Monday after government forces "
        "withdrew without a fight."
    )
    assert types(text) == ["Non-violent transfer of territory"]


def test_codebook_more_capture_after_fighting_stays_a_battle():
    text = "Houthi fighters seized the town of Harib in Marib on Monday after heavy fighting."
    assert "Non-violent transfer of territory" not in types(text)


def test_codebook_more_supersede_retypes_only_the_listed_types():
    lex = load_lexicon()
    typed = [
        Trigger("Non-state actor overtakes territory", 0, 6, "seized", 65),
        Trigger("Non-violent transfer of territory", 20, 40, "withdrew without a fight", 59),
        Trigger("Arrests", 50, 58, "arrested", 45),
    ]
    out = supersede(typed, lex)
    assert [t.sub_event_type for t in out] == [
        "Non-violent transfer of territory",
        "Non-violent transfer of territory",
        "Arrests",
    ]
    # with no superseding type in the sentence, nothing changes
    assert supersede(typed[:1], lex) == typed[:1]


OTHER = "Other"
PROPERTY = "Looting/property destruction"


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        ("A mass grave containing 20 bodies was discovered in Tigray, Ethiopia on Monday.", OTHER),
        ("The army seized power in Niamey, Niger on Wednesday.", OTHER),
        ("Soldiers staged a coup in Conakry, Guinea on Sunday.", OTHER),
        ("Mutinous officers toppled the president in Ouagadougou, Burkina Faso on Friday.", OTHER),
        # property destruction by what is destroyed
        ("Al Shabaab militants destroyed a telecommunications mast in Gedo, Somalia on Sunday.",
         PROPERTY),
        ("Fulani herders destroyed crops in Benue, Nigeria on Monday.", PROPERTY),
        ("Militants torched a school in Tillaberi, Niger on Sunday.", PROPERTY),
    ],
)  # fmt: skip
def test_codebook_more_other_developments_and_property_destruction(text, sub):
    assert types(text) == [sub]


def test_codebook_more_a_past_coup_named_as_background_is_no_event():
    text = "The junta that came to power in a coup in 2021 held a rally in Bamako, Mali on Sunday."
    assert "Other" not in types(text)


def test_codebook_more_bodies_found_without_a_grave_stay_an_attack():
    assert types("The bodies of three men were found in Guerrero, Mexico on Sunday.") == ["Attack"]


def test_codebook_more_wanting_power_is_no_event():
    assert "Other" not in types("The opposition wants to take power in Kinshasa, Congo.")


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        # codebook: lethal weapons against the crowd are excessive force
        ("Police used live ammunition to disperse demonstrators in Conakry, Guinea on Monday, "
         "killing three.", "Excessive force against protesters"),
        # the crowd beaten by the forces is the protest's suppression, not its violence
        ("Soldiers beat protesters with batons in Harare, Zimbabwe on Tuesday.",
         "Protest with intervention"),
        # the crowd's own violence stays a riot
        ("Protesters threw stones at police in Nairobi, Kenya on Monday.",
         "Violent demonstration"),
        ("Police clashed with protesters in Nairobi, Kenya on Monday.", "Violent demonstration"),
    ],
)  # fmt: skip
def test_codebook_more_force_against_protesters(text, sub):
    assert types(text) == [sub]


def test_codebook_more_destroyed_military_vehicles_are_no_property_destruction():
    text = "Troops destroyed two military vehicles of the rebels in Ituri, Congo on Monday."
    assert PROPERTY not in types(text)

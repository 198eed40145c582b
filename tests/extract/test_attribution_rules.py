"""Perpetrators the text gives outside the event's own clause: claims of responsibility and
blame (sitrep.extract.blame), the other side of "killed in clashes with X", sources that are not
sides, and the FA-KES spellings of Syrian actors."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.extract import extract_document
from sitrep.extract.actors import find_actors_in_text
from sitrep.records import Document

SYRIA = "Military Forces of Syria (2000-)"
IS = "Islamic State (Syria)"
# ACLED's code for a perpetrator the text leaves unnamed (not a guess at one)
UNNAMED = "Unidentified Armed Group (Syria)"


def events(text: str):
    return extract_document(Document.from_text(text, published=date(2016, 7, 6))).events


def test_claim_of_responsibility_names_the_bomber() -> None:
    found = events(
        "A suicide bomber on a motorcycle blew himself up in the Salihiyah neighbourhood of "
        "Hasakah city on Tuesday, killing 16 people. The Islamic State group claimed "
        "responsibility for the attack."
    )
    assert found[0].sub_event_type == "Suicide bomb"
    assert found[0].actor1 == IS
    evidence = [e for e in found[0].evidence if e.field == "actor1"]
    assert "claimed responsibility" in evidence[0].text


def test_blame_names_the_perpetrator_of_a_gas_attack() -> None:
    found = events(
        "A gas attack killed 58 people in the town of Khan Shaykhun in Idlib province on "
        "Tuesday. Washington and Paris say forces loyal to President Bashar al-Assad were "
        "behind the attack."
    )
    assert found[0].sub_event_type == "Chemical weapon"
    assert found[0].actor1 == SYRIA


def test_blame_without_an_attack_word_is_ignored() -> None:
    found = events(
        "A gas attack killed 58 people in the town of Khan Shaykhun in Idlib province on "
        "Tuesday. Doctors treated dozens of patients. The town has been besieged for months. "
        "Officials in Damascus blamed rebel groups for the failure of the truce talks."
    )
    assert found[0].actor1 is None


def test_no_claim_no_perpetrator() -> None:
    found = events(
        "A car bomb killed 20 people at a checkpoint in Azaz in Aleppo province on Thursday. "
        "No group has claimed responsibility for the attack."
    )
    assert found[0].actor1 == UNNAMED


@pytest.mark.parametrize(
    "text",
    [
        "At least 10 Syrian soldiers were killed on Tuesday in clashes with Islamic State group "
        "jihadists in the eastern province of Deir Ezzor, a monitor said.",
        "21 Syrian opposition fighters have been killed in clashes with the Islamic State group "
        "near Akhtarin in Aleppo province on Monday.",
    ],
)
def test_killed_in_clashes_with_x_makes_x_actor1(text: str) -> None:
    found = events(text)
    assert found[0].sub_event_type == "Armed clash"
    assert found[0].actor1 == IS


def test_active_clash_keeps_its_subject() -> None:
    found = events("Syrian troops clashed with rebels near Hama on Sunday.")
    assert found[0].actor1 == SYRIA


def test_source_of_a_report_is_no_side() -> None:
    found = events(
        "One civilian was killed in terrorist rocket attacks on Aleppo city on Wednesday. "
        "A source at Aleppo Police Command said that one person was killed and 16 others were "
        "injured in rocket shells hitting al-Aziziyeh neighborhood in Aleppo city."
    )
    assert all("Police" not in (e.actor1 or "") for e in found)


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("forces loyal to President Bashar al-Assad", SYRIA),
        ("the government of Bashar al-Assad", SYRIA),
        ("the Assad government", SYRIA),
        ("clashes with Kurdish militants", "YPG: Peoples Protection Units"),
        ("the Syria army", SYRIA),
    ],
)
def test_syrian_actor_aliases(text: str, actor: str) -> None:
    assert [m.value for m in find_actors_in_text(text)] == [actor]


def test_barrel_bomb_attack_is_an_air_strike() -> None:
    found = events(
        "At least 15 civilians were killed in a barrel bomb attack on a rebel-held district of "
        "Aleppo city on Saturday, the Syrian Observatory for Human Rights said."
    )
    assert found[0].sub_event_type == "Air/drone strike"
    assert found[0].actor1 == SYRIA


def test_headline_verb_is_no_place() -> None:
    found = events(
        "Twin Bomb Attacks Kill 50 Injure Dozens in Syrias Homs Province. At least 50 people "
        "were killed in twin bomb attacks in the city of Homs on Sunday."
    )
    assert found[0].admin1 == "Homs"


def test_casualty_words_are_no_places() -> None:
    from sitrep.extract.casualties import is_casualty_word
    from sitrep.geo.postfilter import screen_places
    from sitrep.records import Place

    assert is_casualty_word("Kill") and is_casualty_word("Wounded")
    assert not is_casualty_word("Homs")
    places = [Place(name="Jalik", mention="Kill"), Place(name="Homs", mention="Homs")]
    assert [p.name for p in screen_places("", places, [])] == ["Homs"]


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        # The armed actors of a bombing's sentence are its targets unless marked as the bomber.
        (
            "At least 17 people were killed in a car bomb blast near a checkpoint manned by "
            "a group of Free Syrian Army fighters near Azaz on Thursday.",
            UNNAMED,
        ),
        (
            "An IS suicide bomber blew himself up at a checkpoint in Azaz on Thursday, killing "
            "20 people.",
            IS,
        ),
        (
            "At least 23 people were killed by a Nusra suicide bomber in Aleppo city on Monday.",
            "JFS: Al Nusra Front",
        ),
        (
            "Islamic State militants detonated a car bomb in Azaz on Thursday, killing 20 people.",
            IS,
        ),
    ],
)
def test_bomber_must_be_marked(text: str, actor1: str) -> None:
    found = events(text)
    assert found[0].sub_event_type in ("Suicide bomb", "Remote explosive/landmine/IED")
    assert found[0].actor1 == actor1


def test_counter_accusation_is_no_attribution() -> None:
    found = events(
        "A gas attack killed 58 people in the town of Khan Shaykhun in Idlib province on "
        "Tuesday. Doctors treated dozens of patients. The town has been besieged for months. "
        "The government denies the use of chemical weapons and has in turn accused rebels of "
        "using banned weapons in the attack."
    )
    assert found[0].actor1 is None


def test_event_placed_at_a_country_takes_the_town_of_the_next_sentence() -> None:
    found = events(
        "Kurdish-led Syrian Democratic Forces (SDF) killed 35 Daesh (outlawed in Russia) "
        "militants in northern Syria in the last 24 hours, media reported Sunday. According to "
        "the Kurdish Firat News Agency 10 IS militants were killed during fights in the Syrian "
        "northern town of Al Tabqah on Saturday night."
    )
    assert found[0].sub_event_type == "Armed clash"
    assert found[0].admin1 == "Ar Raqqa"
    assert any(e.field == "admin1" and "Al Tabqah" in e.text for e in found[0].evidence)


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        # a bare claim ending its sentence
        ("A car bomb exploded at the gate of a military camp in Kati on Friday, killing a "
         "soldier. JNIM claimed.", "JNIM: Group for Support of Islam and Muslims"),
        # "X said it had fired them"
        ("Mortar shells landed near the airport in Mogadishu on Thursday, wounding three "
         "people, police said; Al Shabaab later said it had fired them.", "Al Shabaab"),
    ],
)  # fmt: skip
def test_bare_claims_name_the_perpetrator(text: str, actor1: str) -> None:
    assert events(text)[0].actor1 == actor1


def test_a_bare_blame_names_the_perpetrator() -> None:
    found = events(
        "Gunmen attacked residents of Gimbi in West Wollega, Ethiopia, on Saturday, killing "
        "dozens. The government blamed the OLA."
    )
    assert found[0].actor1 == "OLA: Oromo Liberation Army"

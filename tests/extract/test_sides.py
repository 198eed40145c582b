"""Which side acts (segment.split_actors): attackers that are repelled, and the owners of a
target named after the trigger."""

from __future__ import annotations

from datetime import date

from sitrep.extract import extract_document
from sitrep.records import Document


def sides(text: str) -> list[tuple[str | None, str | None]]:
    doc = Document.from_text(text, published=date(2020, 5, 10))
    return [(e.actor1, e.actor2) for e in extract_document(doc).events]


def test_the_repelled_attacker_is_actor1() -> None:
    # the attackers are those killed, "their attack" is what the army repulsed
    text = (
        "On 3 May 2020, 7 Taliban militants were killed when Afghan forces repulsed their "
        "attack on a checkpoint in Nad Ali district, Helmand."
    )
    ((actor1, actor2),) = sides(text)
    assert actor1 == "Taliban"
    assert actor2 is not None and actor2.startswith("Military Forces of Afghanistan")


def test_repelling_an_attack_by_a_named_agent_keeps_the_agent() -> None:
    ((actor1, _),) = sides("Syrian troops repelled an attack by IS fighters near Palmyra.")
    assert actor1 == "Islamic State (Syria)"


def test_owner_of_the_target_is_acted_upon() -> None:
    ((actor1, actor2),) = sides(
        "On 3 May 2020, LNA forces shot down a drone operated by GNA near Tripoli (Tripoli)."
    )
    assert actor1 is not None and "Haftar" in actor1
    assert actor2 is not None and "Government of National Accord" in actor2


def test_battle_with_unnamed_victim_names_the_side_after_with_first() -> None:
    ((actor1, _),) = sides(
        "On 3 May 2020, in Juina, Mato Grosso, a suspect was killed after exchanging fire with "
        "military police forces during a patrol."
    )
    assert actor1 is not None and actor1.startswith("Military Forces of Brazil")


def test_battle_with_named_subject_keeps_the_subject_first() -> None:
    # no one was killed: the rule for unnamed victims does not apply
    ((actor1, _),) = sides(
        "On 3 May 2020, in Tegucigalpa, MS-13 members clashed with police agents."
    )
    assert actor1 is None or "Police" not in actor1


def test_actors_go_to_the_trigger_that_makes_the_event() -> None:
    # "IED ... detonated": one event (the IED); the planter named next to "detonated" is its
    # agent, not lost with the merged "detonated"
    text = (
        "On 2 May 2020, an IED planted by Al Shabaab detonated against a Somali army vehicle "
        "near Afgooye, killing two soldiers."
    )
    ((actor1, actor2),) = sides(text)
    assert actor1 == "Al Shabaab"
    assert actor2 is not None and actor2.startswith("Military Forces of Somalia")

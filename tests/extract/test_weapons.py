"""find_weapons and actor_for_weapon: canonical weapon names and what they imply."""

from __future__ import annotations

import pytest

from sitrep.errors import ConfigError
from sitrep.extract.weapons import (
    CAUSES,
    actor_for_weapon,
    build_weapon_table,
    find_weapons,
    load_weapon_table,
    lookup_weapon,
)
from sitrep.nlp import load_pipeline
from sitrep.records import SUB_EVENT_TYPES

SYRIA = "Military Forces of Syria (2000-)"


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def names(nlp, text: str) -> list[str]:
    return [m.value for m in find_weapons(nlp(text))]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # seed article sentences
        (
            "Russian jet fighters carried out on Sunday airstrikes with phosphorus on al-Mashhad.",
            ["warplanes", "white phosphorus"],
        ),
        (
            "The regime is using cluster and vacuum bombs,” said Abu al Hasanien.",
            ["cluster munitions", "thermobaric (vacuum) bombs"],
        ),
        (
            "Jabhat Fatah al-Sham posted pictures of armoured vehicles, munitions, howitzers, "
            "rockets and trucks.",
            ["artillery", "rockets"],
        ),
        # written for these tests
        ("Helicopters dropped barrel bombs on Daraya.", ["helicopters", "barrel bombs"]),
        (
            "Regime helicopters dropped chlorine barrel bombs.",
            ["helicopters", "chlorine", "barrel bombs"],
        ),
        ("Witnesses described the smell of sarin and toxic gas.", ["sarin", "toxic gas"]),
        (
            "White phosphorous bombs and incendiary munitions fell.",
            ["white phosphorus", "incendiary"],
        ),
        ("A car bomb exploded near the checkpoint.", ["car bomb"]),
        ("A VBIED struck the base; an IED killed two.", ["car bomb", "IED"]),
        (
            "A suicide bomber blew himself up with an explosive belt.",
            ["suicide vest", "suicide vest", "suicide vest"],
        ),
        ("A suicide car bomb hit the market.", ["suicide car bomb"]),
        ("Gunmen threw a hand grenade at the house.", ["grenade"]),
        ("Mortar shells and Grad rockets landed in Damascus.", ["mortars", "rockets"]),
        ("A landmine left by IS killed a shepherd.", ["landmine"]),
        (
            "A drone struck a car; thermobaric rockets were fired.",
            ["drones", "thermobaric (vacuum) bombs"],
        ),
        (
            "Cluster, incendiary and phosphorus munitions were used.",
            ["cluster munitions", "incendiary", "white phosphorus"],
        ),
    ],
)
def test_weapons_find_canonical_names(nlp, sentence, expected):
    assert names(nlp, sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Heavy airstrikes pounded the city.",  # an event, not a weapon
        "A cluster of villages lies north of the city.",
        "The vacuum left by the withdrawal was filled quickly.",
    ],
)
def test_weapons_no_false_mentions(nlp, sentence):
    assert names(nlp, sentence) == []


def test_weapons_attrs_carry_hints(nlp):
    found = {m.value: m for m in find_weapons(nlp("Helicopters dropped chlorine; a grenade hit."))}
    assert found["helicopters"].kind == "platform"
    assert found["helicopters"].attrs == {
        "cause": "shelling",
        "sub_event_hint": "Air/drone strike",
        "implies_actor": SYRIA,
    }
    assert found["chlorine"].attrs["sub_event_hint"] == "Chemical weapon"
    assert found["chlorine"].attrs["cause"] == "chemical and toxic gases"
    assert found["grenade"].attrs["sub_event_hint"] == "Grenade"
    assert found["grenade"].attrs["cause"] == "explosion"


@pytest.mark.parametrize(
    ("weapon", "actor"),
    [
        ("barrel bombs", SYRIA),
        ("barrel bomb", SYRIA),
        ("regime helicopters", SYRIA),
        ("helicopters", SYRIA),
        ("rockets", None),
        ("warplanes", None),
        ("a bicycle", None),
    ],
)
def test_weapons_actor_for_weapon(weapon, actor):
    assert actor_for_weapon(weapon) == actor


def test_weapons_table_values_are_valid():
    subs = {s for group in SUB_EVENT_TYPES.values() for s in group}
    for entry in load_weapon_table().entries:
        assert entry.cause in CAUSES
        assert entry.sub_event_hint is None or entry.sub_event_hint in subs
    assert lookup_weapon("Barrel Bombs") is not None


def test_weapons_bad_sub_event_is_config_error():
    bad = {"weapons": [{"name": "x", "kind": "k", "cause": "shelling", "sub_event_hint": "Nope"}]}
    with pytest.raises(ConfigError):
        build_weapon_table(bad)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("A chemical attack killed 58 people in Khan Sheikhun.", ["chemical weapons"]),
        # An earlier attack or the weapons as such: no weapon of this sentence's event.
        ("19 were killed near Damascus hours after a suspected chemical attack.", []),
        ("An air strike hit Khan Sheikhun, site of a chemical weapons attack.", []),
        ("The coalition captured a head of the group's chemical weapons program.", []),
    ],
)
def test_weapons_references_to_other_attacks_are_skipped(text: str, names: list[str]) -> None:
    from sitrep.extract.weapons import find_weapons_in_text

    assert [m.value for m in find_weapons_in_text(text)] == names

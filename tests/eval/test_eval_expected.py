from datetime import date

import pytest

from sitrep.errors import InputError
from sitrep.eval.expected import compare, load_expected, same_speaker
from sitrep.records import Claim, Extraction

RUSSIA = "Military Forces of Russia (2000-)"
SYRIA = "Military Forces of Syria (2000-)"
AIR = "Explosions/Remote violence"


@pytest.fixture
def expected(data_dir):
    return load_expected(data_dir / "expected_small.yaml")


@pytest.fixture
def events(new_event):
    aug6, aug7 = date(2016, 8, 6), date(2016, 8, 7)
    return [
        new_event(
            sub_event_type="Non-state actor overtakes territory",
            event_date=aug6,
            actor1="Opposition Rebels (Syria)",
            actor2=SYRIA,
            location="Ramousah",
            latitude=36.165,
            longitude=37.125,
            contested=True,
            claims=[
                Claim(by="Syrian Observatory for Human Rights", says="..."),
                Claim(by="pro-regime news channels", says="...", stance="contradicts"),
            ],
        ),
        new_event(
            event_type=AIR,
            sub_event_type="Air/drone strike",
            event_date=aug7,
            actor1=RUSSIA,
            assoc_actor_1=SYRIA,
            actor2="Civilians (Syria)",
            location="al-Sakhour",
            latitude=36.21,
            longitude=37.17,
            weapons=["white phosphorus"],
        ),
        new_event(
            event_type=AIR,
            sub_event_type="Air/drone strike",
            event_date=aug7,
            actor1=SYRIA,
            actor2="Civilians (Syria)",
            location="Marjeh",
            latitude=36.19,
            longitude=37.15,
            fatalities=3,
        ),
        new_event(event_date=aug7, location="Hamdaniya", latitude=36.18, longitude=37.11),
        new_event(
            event_type=AIR,
            sub_event_type="Shelling/artillery/missile attack",
            location="Idlib",
            latitude=35.93,
            longitude=36.63,
        ),
    ]


def test_expected_load_expands_places(expected):
    assert [e.id for e in expected.events] == ["A", "B[al-Marjeh]", "B[al-Sakhour]"]
    assert expected.published == date(2016, 8, 7) and expected.source == "Test Wire"
    assert expected.events[1].fatalities == "unknown"
    assert [e.id for e in expected.optional] == ["O"]
    assert expected.claims[1].contradicts == ["A"]


def test_expected_load_seed_file(seed_dir):
    seed = load_expected(seed_dir / "aleppo-siege-broken.expected.yaml")
    assert len(seed.events) == 8  # E4's three places count as three events
    assert len(seed.optional) == 1 and len(seed.claims) == 4 and len(seed.not_events) == 3


def test_expected_compare_by_hand(expected, events):
    report = compare(expected, Extraction(doc_id="d", events=events))
    s = report["summary"]
    assert (s["matched"], s["matched_exactly"], s["missing"], s["spurious"]) == (3, 2, 0, 1)
    assert s["optional_matched"] == 1 and s["claims_ok"] == 2 and s["passed"] is False
    by_exp = {m["expected"]: m for m in report["matched"]}
    assert by_exp["B[al-Sakhour]"]["found"]["location"] == "al-Sakhour"
    assert by_exp["A"]["differences"] == {}
    diffs = by_exp["B[al-Marjeh]"]["differences"]
    assert set(diffs) == {"actor1", "weapons", "fatalities"}
    assert diffs["fatalities"] == {"expected": "unknown", "found": 3}
    assert report["spurious"][0]["location"] == "Idlib"


def test_expected_missing_event_and_its_claims(expected, events):
    # without the takeover and the Hamdaniya clash (which, 3 km away, would stand in for it)
    report = compare(expected, Extraction(doc_id="d", events=events[1:3]))
    assert report["missing"] == ["A"]
    assert report["claims"][0]["status"].startswith("event missing")


def test_expected_type_must_agree(expected, events, new_event):
    wrong_type = events[0].model_copy(
        update={"event_type": AIR, "sub_event_type": "Air/drone strike"}
    )
    report = compare(expected, Extraction(doc_id="d", events=[wrong_type]))
    assert "A" in report["missing"]


def test_expected_same_speaker():
    assert same_speaker(
        "Rami Abdel Rahman, Syrian Observatory for Human Rights",
        "Syrian Observatory for Human Rights",
    )
    assert same_speaker("activists", "activist")
    assert not same_speaker("Fateh Halab commander", "Syrian Observatory for Human Rights")


def test_expected_bad_file(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("events:\n  - type: Battles\n")
    with pytest.raises(InputError):
        load_expected(bad)

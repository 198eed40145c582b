"""How extracted battles map onto FA-KES's cause of death (src/sitrep/eval/fakes_mapping.yaml)."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.eval.mapping import load_fakes_mapping
from sitrep.extract import extract_document
from sitrep.extract.classifier import load_model
from sitrep.extract.subevent_model import using
from sitrep.records import Document


@pytest.mark.parametrize(
    ("text", "cause"),
    [
        # Combat told: shooting.
        (
            "Clashes between the army and rebels near Hama killed 12 fighters on Saturday, "
            "the Syrian Observatory said.",
            "shooting",
        ),
        # Only "the army killed N terrorists": FA-KES's crowd codes no means, "unknown".
        (
            "The Syrian army killed 40 terrorists in an ambush near Hama on Saturday, SANA said.",
            "unknown",
        ),
    ],
)
def test_fakes_cause_battle_needs_combat_words(text: str, cause: str) -> None:
    doc = Document.from_text(text, outlet="Reuters", published=date(2016, 8, 7))
    events = extract_document(doc).events
    assert [e.sub_event_type for e in events] == ["Armed clash"]
    assert load_fakes_mapping().cause(events[0]) == cause


def test_fakes_cause_ignores_the_classifier_note() -> None:
    # the classifier's note ("classifier: Armed clash 0.40; rules: Armed clash") names a type,
    # not what the article says: no combat words for the cause (it was the evidence text once)
    text = "The Syrian army killed 40 terrorists in an ambush near Hama on Saturday, SANA said."
    doc = Document.from_text(text, outlet="Reuters", published=date(2016, 8, 7))
    with using(load_model()):
        events = extract_document(doc).events
    assert any(ev.field == "classifier" and ev.note for ev in events[0].evidence)
    assert load_fakes_mapping().cause(events[0]) == "unknown"


def test_fakes_cause_strikes_executed_are_no_execution() -> None:
    text = (
        "Six civilians were among at least 22 people killed in U.S. air strikes on Raqqa on "
        "Sunday, a monitor said. The significant air strikes were executed to deny Daesh the "
        "ability to move, a spokesman said."
    )
    doc = Document.from_text(text, outlet="Reuters", published=date(2015, 5, 17))
    events = extract_document(doc).events
    assert events[0].sub_event_type == "Air/drone strike"
    assert load_fakes_mapping().cause(events[0]) == "shelling"


@pytest.mark.parametrize(
    ("text", "sub", "cause"),
    [
        # Several blasts at once are bombs set off on the ground, not air raids.
        (
            "At least 17 people were killed in a triple bombing in central Damascus, the "
            "Syrian Observatory said on Monday.",
            "Remote explosive/landmine/IED",
            "explosion",
        ),
        # "a coalition fighting Daesh" names the striker; it tells no clash.
        (
            "An air strike on Tuesday by a U.S.-led coalition fighting Daesh mistakenly killed "
            "18 members of the Syrian Democratic Forces south of Tabqa, the Pentagon said.",
            "Air/drone strike",
            "shelling",
        ),
        # The killing the lead tells is not the earlier chemical attack it is dated by.
        (
            "One woman was killed in an air strike on Saturday on the town of Khan Sheikhun, "
            "site of a suspected chemical weapons attack earlier this week, a monitor said.",
            "Air/drone strike",
            "shelling",
        ),
        (
            "The opposition accused government forces of gassing hundreds of people in "
            "Jobar on Wednesday.",
            "Chemical weapon",
            "chemical and toxic gases",
        ),
    ],
)
def test_fakes_cause_event_typing(text: str, sub: str, cause: str) -> None:
    doc = Document.from_text(text, outlet="Reuters", published=date(2017, 4, 13))
    events = extract_document(doc).events
    assert events[0].sub_event_type == sub
    assert load_fakes_mapping().cause(events[0]) == cause

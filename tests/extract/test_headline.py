"""The headline's perpetrator for the lead event whose text names none (sitrep.extract.headline)."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.extract import extract_document
from sitrep.extract.actors import find_actors_in_text
from sitrep.extract.headline import title_in_text
from sitrep.records import Document

BODY = (
    "A war monitor said on Tuesday that airstrikes on a market in the town of Atareb in "
    "Aleppo province killed 21 civilians on Monday."
)


def test_headline_names_the_perpetrator_the_body_leaves_out() -> None:
    doc = Document.from_text(
        BODY, title="Regime airstrikes kill 21 civilians in Atareb", published=date(2017, 11, 14)
    )
    events = extract_document(doc).events
    assert events[0].sub_event_type == "Air/drone strike"
    assert events[0].actor1 == "Military Forces of Syria (2000-)"
    evidence = [e for e in events[0].evidence if e.field == "actor1"]
    assert evidence and evidence[0].start == evidence[0].end == 0
    assert evidence[0].text.startswith("Regime airstrikes")


def test_no_headline_no_perpetrator() -> None:
    events = extract_document(Document.from_text(BODY, published=date(2017, 11, 14))).events
    assert events[0].actor1 is None


def test_headline_repeated_in_text_is_not_read_twice() -> None:
    title = "Airstrikes kill 21 civilians in Atareb"
    assert title_in_text(title, "14 November 2017 Airstrikes kill 21 civilians in Atareb. " + BODY)
    assert not title_in_text(title, BODY)


def test_headline_without_a_perpetrator_changes_nothing() -> None:
    doc = Document.from_text(
        BODY, title="Airstrikes kill 21 in Atareb market", published=date(2017, 11, 14)
    )
    assert extract_document(doc).events[0].actor1 is None


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        # FA-KES texts lose the apostrophe of possessives.
        ("President Bashar al-Assads forces launched", "Military Forces of Syria (2000-)"),
        ("the regimes warplanes", "Military Forces of Syria (2000-)"),
        ("Russias warplanes", "Military Forces of Russia (2000-)"),
        ("The US-led coalitions airstrikes killed 10", "Global Coalition Against Daesh"),
        # Strikes named after the coalition's leader.
        ("killed by US-led air strikes", "Global Coalition Against Daesh"),
    ],
)
def test_actor_aliases_fakes_spelling(text: str, actor: str) -> None:
    assert [m.value for m in find_actors_in_text(text)] == [actor]

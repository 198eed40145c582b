"""Articles that lead with a reaction to an incident (sitrep.extract.reaction)."""

from __future__ import annotations

from datetime import date

from sitrep.extract import extract_document
from sitrep.extract.reaction import is_reaction_mention
from sitrep.records import Document

PUBLISHED = date(2017, 11, 14)
INCIDENT = (
    " Initial reports said over 40 civilians were killed when Russian jets struck a market in "
    "the town of Atareb in Aleppo province on Monday."
)


def _events(text: str, title: str | None = None):
    return extract_document(Document.from_text(text, title=title, published=PUBLISHED)).events


def test_condemnation_lead_marks_the_incident_as_a_mention() -> None:
    events = _events(
        "The opposition coalition strongly condemned the massacre committed by Russian jets in "
        "the town of Atareb on Monday." + INCIDENT,
        title="Opposition condemns massacre in Atareb",
    )
    assert events and all(is_reaction_mention(e) for e in events)
    marks = [x for e in events for x in e.evidence if x.field == "reaction"]
    assert marks[0].text.startswith("The opposition coalition strongly condemned")


def test_incident_that_draws_condemnation_is_a_reaction() -> None:
    events = _events(
        "An air strike that killed 40 civilians in the town of Atareb on Monday has drawn "
        "international condemnation." + INCIDENT
    )
    assert events and all(is_reaction_mention(e) for e in events)


def test_a_finding_carried_by_a_statement_is_a_reaction() -> None:
    events = _events(
        "Initial results of tests on victims of an attack which killed 40 people in Atareb "
        "point to possible exposure to sarin gas, the health ministry said on Tuesday." + INCIDENT,
        title="Tests on Atareb attack victims point to sarin exposure",
    )
    assert events and all(is_reaction_mention(e) for e in events)


def test_attributed_report_is_a_report_not_a_reaction() -> None:
    events = _events(
        "A war monitor said on Tuesday that air strikes on a market in the town of Atareb in "
        "Aleppo province killed 21 civilians on Monday.",
        title="Syrian Observatory condemned for its count",
    )
    assert events and not any(is_reaction_mention(e) for e in events)


def test_reaction_body_under_a_report_headline_is_a_report() -> None:
    # both the headline and the first sentence must react: a report headline keeps the lead
    events = _events(
        "The opposition coalition condemned the massacre in the town of Atareb on Monday."
        + INCIDENT,
        title="Russian air strikes kill 40 in Atareb market",
    )
    assert events and not any(is_reaction_mention(e) for e in events)

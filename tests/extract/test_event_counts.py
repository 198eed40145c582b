"""An event's counts are the figures it is first told with (build.build_event)."""

from __future__ import annotations

from datetime import date

from sitrep.extract import extract_document
from sitrep.records import Document


def first_event(text: str):
    events = extract_document(Document.from_text(text, published=date(2015, 7, 16))).events
    return events[0]


def test_background_toll_does_not_replace_the_lede() -> None:
    e = first_event(
        "At least 11 civilians were killed on Thursday in regime barrel bomb attacks on the town "
        "of al-Bab in Aleppo province, a monitoring group said. Since Saturday at least 68 "
        "civilians have been killed in barrel bomb attacks on the town of al-Bab."
    )
    assert (e.fatalities, e.victims.civilians) == (11, 11)


def test_updated_toll_replaces_the_first_figure() -> None:
    e = first_event(
        "Five civilians were killed on Thursday in air strikes on the town of al-Bab in Aleppo "
        "province. The death toll from the air strikes on al-Bab rose to 9 on Thursday evening."
    )
    assert e.fatalities == 9


def test_exact_figure_replaces_a_vague_one() -> None:
    e = first_event(
        "Dozens of civilians were killed on Thursday in air strikes on the town of al-Bab in "
        "Aleppo province. At least 73 civilians were killed in the air strikes on al-Bab, the "
        "Syrian Observatory said."
    )
    assert e.victims.civilians == 73


def test_victims_of_a_passive_with_including() -> None:
    events = extract_document(
        Document.from_text(
            "Seven Al-Nusra members including commanders were killed in US-led air strikes "
            "near Idlib on Wednesday.",
            published=date(2015, 7, 9),
        )
    ).events
    assert events[0].actor1 == "Global Coalition Against Daesh"
    assert events[0].actor2 == "JFS: Al Nusra Front"


def test_war_monitor_is_no_war_wide_total() -> None:
    e = first_event(
        "A Syrian war monitoring group on Tuesday raised the death toll from airstrikes on a "
        "market in the town of Atareb in Aleppo province to 61."
    )
    assert e.fatalities == 61

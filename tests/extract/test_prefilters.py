"""The speed-only prefilters of casualties, blame and dates change no result: each function
gives the same answer with its prefilters switched off (a prefilter that matches everything)."""

from __future__ import annotations

import re
from datetime import date

import pytest

from sitrep.extract import blame, casualties, dates
from sitrep.records import Document

_ALL = re.compile("")  # matches every text: the prefilter switched off

SENTENCES = [
    "17 civilians, including 8 children, were killed in air strikes on Aleppo on 5 August 2016.",
    "Two soldiers and a woman died, and three people were wounded.",
    "The body of a man was found near Idlib.",
    "A severed head was found in the square.",
    "Jets struck the town without any casualties on Sunday.",
    "The death toll rose to 45 after dozens of KILLED bodies were recovered.",
    "Rebels took over the village last week.",
    "The raid left 12 dead.",
    "Islamic State claimed responsibility for the bombing that killed 30 people.",
    "The opposition said government forces were behind the chemical attack.",
    "Activists blamed the attack on the regime.",
    "Residents fled in early March 2017 and again in mid-April.",
    "No date here and no count either.",
]


def _casualties_unfiltered(monkeypatch: pytest.MonkeyPatch, text: str) -> object:
    with monkeypatch.context() as m:
        m.setattr(casualties, "_FORWARD_VERB", _ALL)
        m.setattr(casualties, "_BODY_CUE", _ALL)
        return casualties.find_casualties(text)


@pytest.mark.parametrize("text", SENTENCES)
def test_casualty_prefilters_change_nothing(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    assert casualties.find_casualties(text) == _casualties_unfiltered(monkeypatch, text)


@pytest.mark.parametrize("text", SENTENCES)
def test_date_prefilter_changes_nothing(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    published = date(2017, 4, 10)
    filtered = dates.find_dates(text, published)
    monkeypatch.setattr(dates, "_NEEDS", {})
    assert filtered == dates.find_dates(text, published)


def test_blame_prefilters_change_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    document = Document.from_text(" ".join(SENTENCES))
    filtered = blame.find_attributions(document)
    assert filtered  # the text holds a claim and attributions
    monkeypatch.setattr(blame, "_NEEDS", {p: _ALL for p in blame._NEEDS})
    assert filtered == blame.find_attributions(document)

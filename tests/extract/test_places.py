"""Screening the geocoder's places before extraction: surnames, foreign homonyms."""

from __future__ import annotations

from datetime import date

from sitrep.extract import extract_document
from sitrep.geo import geocode
from sitrep.geo.postfilter import in_focus, not_surnames
from sitrep.nlp import load_pipeline
from sitrep.records import Document, Place

PERSONS = (
    "Kerry met his Qatari counterpart Khaled al-Attiya in Paris on Sunday. "
    "Additional reporting by Natalie Huet."
)


def test_not_surnames_drops_place_after_given_name() -> None:
    places = geocode(PERSONS)
    # The geocoder reads both surnames as Syrian villages; the test needs that reading.
    assert {"al-Attiya", "Huet"} <= {p.mention for p in places}
    kept = {p.mention for p in not_surnames(PERSONS, places)}
    assert "al-Attiya" not in kept
    assert "Huet" not in kept


def test_not_surnames_keeps_place_after_other_word() -> None:
    text = "Regime helicopters dropped barrel bombs on Douma and Aleppo on Sunday."
    places = geocode(text)
    assert [p.mention for p in not_surnames(text, places)] == [p.mention for p in places]


def test_extract_document_surname_gives_no_event_place() -> None:
    text = (
        "Regime airstrikes killed 12 civilians in Douma on Sunday, the Syrian Observatory said. "
        + PERSONS
    )
    doc = Document.from_text(text, outlet="Reuters", published=date(2016, 8, 7))
    admin1s = {e.admin1 for e in extract_document(doc).events}
    assert "Al Hasakeh" not in admin1s
    assert "Deir ez Zor" not in admin1s


def _turkish_homonym(text: str, mention: str) -> Place:
    start = text.index(mention)
    return Place(
        name=mention,
        mention=mention,
        country="Turkey",
        admin1="Diyarbakir",
        placetype="locality",
        start=start,
        end=start + len(mention),
    )


def test_in_focus_foreign_town_needs_its_country_in_its_sentence() -> None:
    text = (
        "Syrian rebels in Idlib and Aleppo receive arms via Turkey, Syria's government said. "
        "Regime helicopters bombed Kayan in the Syrian countryside on Sunday."
    )
    sentences = [(s.start_char, s.end_char) for s in load_pipeline()(text).sents]
    kayan = _turkish_homonym(text, "Kayan")
    kept = in_focus(text, [kayan], sentences)
    assert kept == []
    # Without sentence spans, naming Turkey anywhere keeps it (the older, looser rule).
    assert in_focus(text, [kayan]) == [kayan]


def test_in_focus_foreign_town_kept_when_sentence_names_country() -> None:
    text = (
        "Syrian rebels in Idlib and Aleppo receive arms via Turkey, Syria's government said. "
        "A rocket from Syria hit Kayan in Turkey on Sunday."
    )
    sentences = [(s.start_char, s.end_char) for s in load_pipeline()(text).sents]
    kayan = _turkish_homonym(text, "Kayan")
    assert in_focus(text, [kayan], sentences) == [kayan]

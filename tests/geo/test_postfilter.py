"""The place filters extraction applies to the geocoder's places (sitrep.geo.postfilter)."""

from __future__ import annotations

from sitrep.geo import geocode
from sitrep.geo.postfilter import common_words, finer_places, outside_spans
from sitrep.records import Event, Evidence, Place


def test_postfilter_outside_spans_drops_places_inside_actor_names() -> None:
    # "Free Idlib Army fighters shelled Kafr Nabl": Idlib is part of the group's name.
    idlib = Place(name="Idlib", mention="Idlib", start=5, end=10)
    kafr_nabl = Place(name="Kafr Nabl", mention="Kafr Nabl", start=33, end=42)
    unplaced = Place(name="Syria")
    kept = outside_spans([idlib, kafr_nabl, unplaced], [(0, 15)])
    assert kept == [kafr_nabl, unplaced]
    assert outside_spans([idlib], []) == [idlib]


def test_postfilter_finer_places_moves_country_event_to_named_town() -> None:
    text = "Air strikes hit Syria on Monday.\nThe raids hit the town of Al-Quriyah in Deir Ezzor."
    first = (0, 32)
    second = (33, len(text))
    town = Place(
        name="Al-Quriyah",
        mention="Al-Quriyah",
        start=text.index("Al-Quriyah"),
        end=text.index("Al-Quriyah") + 10,
        country="Syria",
        admin1="Deir ez Zor",
        latitude=35.0,
        longitude=40.5,
        geo_precision=1,
        placetype="locality",
    )
    event = Event(
        event_id="e",
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        country="Syria",
        evidence=[Evidence(field="event_type", text=text[:32], doc_id="d", start=0, end=32)],
    )
    # The next sentence is in another paragraph: the event stays at the country.
    finer_places(text, [event], [town], [first, second])
    assert event.admin1 is None
    same_paragraph = text.replace("\n", " ")
    finer_places(same_paragraph, [event], [town], [first, second])
    assert (event.location, event.admin1, event.geo_precision) == ("Al-Quriyah", "Deir ez Zor", 1)
    assert {e.field for e in event.evidence} >= {"location", "admin1", "latitude"}


def test_postfilter_common_words_drops_capitalised_common_noun_read_as_village() -> None:
    # FA-KES 1914947530: "Sarin" opening a sentence was the village Sirrin (Aleppo), which put
    # the Khan Shaykhun attack in the wrong governorate; the text writes "sarin" in lower case.
    text = (
        "The deaths were caused by sarin nerve gas dropped on Khan Shaykhun. "
        "Sarin is an organophosporus compound and a nerve agent."
    )
    found = geocode(text)
    assert any(p.mention == "Sarin" for p in found)  # the geocoder alone reads a village
    kept = common_words(text, found)
    assert [p.mention for p in kept] == [p.mention for p in found if p.mention != "Sarin"]
    assert any(p.mention == "Khan Shaykhun" for p in kept)
    # a name the text never writes in lower case stays
    alone = "Sarin was shelled on Monday."
    assert common_words(alone, geocode(alone)) == geocode(alone)

"""Screening the geocoder's places with what extraction knows of the article: the country it
is about, the people and actors it names, the events it tells.

    from sitrep.geo.postfilter import screen_places
    places = screen_places(text, geocode(text), sentence_spans)

`screen_places` drops the towns of a country the article is not about, persons' surnames,
common words capitalised only by their place in a sentence and casualty words of a headline;
`outside_spans` drops the places inside an actor's name; `finer_places` places an event told
only at a country at a town its sentences name.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sitrep.records import Event, Place

__all__ = [
    "common_words",
    "finer_places",
    "in_focus",
    "not_surnames",
    "outside_spans",
    "screen_places",
]

Span = tuple[int, int]

# The event types an event placed only at a country may be placed more finely for.
_VIOLENT = ("Battles", "Explosions/Remote violence", "Violence against civilians")
_PLACE_FIELDS = ("country", "admin1", "admin2", "admin3", "location", "latitude", "longitude")
# A country's rank (sitrep.extract.events.place_rank): the places below it are "inside".
_COUNTRY_RANK = 4
# Sentences after an event's own that may name its town, in the same paragraph.
_NEXT_SENTENCES = 2
_WORD_BEFORE = re.compile(r"([A-Za-z]+)[ \t]+$")
_WORD = re.compile(r"[^\W\d_]+")


def screen_places(text: str, places: list[Place], sentences: list[Span]) -> list[Place]:
    """The places an article's events may be at: `in_focus`, then `not_surnames`, then not a
    `common_words` ("Sarin is a nerve agent"), then not a casualty word of a title-case headline
    ("Twin Bomb Attacks Kill 50": "Kill" is a village).

    text (str): the article text.
    places (list[Place]): the geocoder's places, in text order.
    sentences (list[Span]): sentence spans.
    RETURNS (list[Place]): the places kept, in text order.
    """
    from sitrep.extract.casualties import is_casualty_word

    kept = common_words(text, not_surnames(text, in_focus(text, places, sentences)))
    return [p for p in kept if not (p.mention and is_casualty_word(p.mention))]


def in_focus(text: str, places: list[Place], sentences: list[Span] | None = None) -> list[Place]:
    """Drop the towns of a country the text is not about, unless their sentence names that
    country (a Syrian village "Tirmah" read in a report from Tanzania; "Atmeh" read as a Turkish
    village in a Syria report that names Turkey elsewhere); countries themselves stay.

    text (str): the article text.
    places (list[Place]): the geocoder's places, in text order.
    sentences (list[Span] | None): sentence spans; without them, the whole text is the
        context in which a foreign town's country must be named.
    RETURNS (list[Place]): the places kept.
    """
    from sitrep.extract.countries import detect_country
    from sitrep.extract.events import place_rank

    focus = detect_country(text)
    if focus is None:
        return places

    def context(p: Place) -> str:
        if p.start is None or not sentences:
            return text
        for start, end in sentences:
            if start <= p.start < end:
                return text[start:end]
        return text

    return [
        p
        for p in places
        if not p.country
        or p.country == focus
        or place_rank(p) >= _COUNTRY_RANK
        or p.country in context(p)
    ]


@lru_cache(maxsize=1)
def _given_names() -> frozenset[str]:
    from sitrep.extract.lexicon import read_lexicon

    return frozenset(n.casefold() for n in read_lexicon("given_names.yaml")["given_names"])


def not_surnames(text: str, places: list[Place]) -> list[Place]:
    """Drop the places that are a person's surname: a place mention written just after a given
    name ("Khaled al-Attiya", "reporting by Natalie Huet"; extract/lexicons/given_names.yaml).

    text (str): the article text.
    places (list[Place]): the places, in text order.
    RETURNS (list[Place]): the places kept.
    """
    names = _given_names()
    out = []
    for p in places:
        if p.start is not None:
            before = _WORD_BEFORE.search(text, max(0, p.start - 30), p.start)
            if before and before.group(1).casefold() in names:
                continue
        out.append(p)
    return out


def common_words(text: str, places: list[Place]) -> list[Place]:
    """Drop the places whose one-word mention the same text also writes in lower case: a
    common word capitalised by its place at the start of a sentence or in a headline, not a
    name ("Sarin is a nerve agent ... sarin gas dropped by aircraft": the village Sirrin;
    "Chlorine ..."). Names of places are never written in lower case by a text that
    capitalises them.

    text (str): the article text.
    places (list[Place]): the places, in text order.
    RETURNS (list[Place]): the places kept.
    """
    lower = {w for w in _WORD.findall(text) if w.islower()}
    return [
        p
        for p in places
        if not (
            p.mention
            and p.mention[:1].isupper()
            and _WORD.fullmatch(p.mention)
            and p.mention.lower() in lower
        )
    ]


def outside_spans(places: list[Place], spans: list[Span]) -> list[Place]:
    """Drop the places named inside one of `spans` (an actor's name: "NAF", "Free Idlib Army").

    places (list[Place]): the places; spans (list[Span]): the actors' spans.
    RETURNS (list[Place]): the places kept (those without offsets stay).
    """
    if not spans:
        return places
    return [
        p
        for p in places
        if p.start is None
        or p.end is None
        or not any(a <= p.start and p.end <= b for a, b in spans)
    ]


def finer_places(
    text: str, events: list[Event], places: list[Place], sentences: list[Span]
) -> None:
    """An event placed only at a country ("in Syria", or a foreign one read from "Russian and
    regime air strikes") takes the first place inside the article's country that its own
    sentences name, else the next two sentences of its paragraph ("the raids hit the town of
    Al-Quriyah in Deir Ezzor province"); its evidence for the place fields is that sentence.

    text (str): the article text; events (list[Event]): changed in place.
    places (list[Place]): the screened places, in text order.
    sentences (list[Span]): sentence spans.
    """
    from sitrep.extract.countries import detect_country
    from sitrep.extract.events import place_rank

    focus = detect_country(text) or "Syria"
    inner = [
        p
        for p in places
        if p.start is not None and p.country == focus and place_rank(p) < _COUNTRY_RANK
    ]
    if not inner:
        return
    for event in events:
        if event.admin1 is not None or event.event_type not in _VIOLENT:
            continue
        spans = _told_in(text, event, sentences)
        found = next(
            ((p, span) for span in spans for p in inner if span[0] <= (p.start or 0) < span[1]),
            None,
        )
        if found is not None:
            _place_at(text, event, *found)


def _told_in(text: str, event: Event, sentences: list[Span]) -> list[Span]:
    """The sentences that tell an event (its type's evidence), then the next two sentences of
    the first one's paragraph."""
    own = sorted({(e.start, e.end) for e in event.evidence if e.field == "event_type"})
    if not own:
        return []
    first = next((i for i, s in enumerate(sentences) if s[0] <= own[0][0] < s[1]), None)
    spans = list(own)
    if first is not None:
        para = text.rfind("\n", 0, own[0][0])
        following = sentences[first + 1 : first + 1 + _NEXT_SENTENCES]
        spans += [s for s in following if text.rfind("\n", 0, s[0]) == para]
    return spans


def _place_at(text: str, event: Event, place: Place, span: Span) -> None:
    """Set an event's place fields to `place`, with sentence `span` as their evidence."""
    from sitrep.records import Evidence

    fields = _PLACE_FIELDS
    event.evidence = [e for e in event.evidence if e.field not in (*fields, "geo_precision")]
    for name in fields:
        setattr(event, name, getattr(place, name if name != "location" else "name"))
        if getattr(event, name) is not None:
            event.evidence.append(
                Evidence(
                    field=name,
                    text=text[span[0] : span[1]].strip(),
                    doc_id=event.evidence[0].doc_id if event.evidence else "",
                    start=span[0],
                    end=span[1],
                )
            )
    event.geo_precision = place.geo_precision or 2

"""Event extraction: an article in, the ACLED-style events a careful coder would record out,
with the claims and the evidence (sentence and offsets) behind every field.

    from sitrep.extract import extract_document
    extraction = extract_document(Document.from_text(text, outlet="Orient News",
                                                     published=date(2016, 8, 7)))

How the rules work: docs/extraction.md. Lexicons: `sitrep/extract/lexicons/*.yaml`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

from sitrep.extract.lexicon import read_lexicon
from sitrep.records import Document, Event, Extraction

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from sitrep.extract.mentions import Mention
    from sitrep.extract.segment import SentenceInfo
    from sitrep.records import Place

__all__ = [
    "UNUSED_PIPES",
    "BATCH_SIZE",
    "extract_document",
    "extract_documents",
    "extract_parsed",
    "parse_documents",
    "parse_text",
    "reference_date",
]

# Pipeline components extraction does without: the named-entity recogniser is over half of
# the parse time and its labels are not needed (numbers and dates are read by rule; the
# geocoder's PERSON/ORG filter then has nothing to drop). Pass the same to `nlp.pipe(...,
# disable=...)` when batching for `extract_parsed`.
UNUSED_PIPES: tuple[str, ...] = ("ner",)

# Documents parsed together by `parse_documents`: spaCy's batched `nlp.pipe` costs about a
# quarter less CPU than one call per document, with the same annotations (tests/extract/
# test_batch.py); small batches keep memory flat on long articles.
BATCH_SIZE = 16


def reference_date(document: Document) -> date | None:
    """The date relative expressions resolve against: the publication date, else the date the
    article's own dateline states ("21 August 2016 Ten civilians ..."), else None.

    document (Document): the article.
    RETURNS (date | None): the reference date.
    """
    if document.published is not None:
        return document.published
    from sitrep.extract.dates import dateline

    return dateline(document.text)


def parse_text(document: Document) -> str:
    """The text spaCy parses: the document's text with a web page's keyword list ("Tags Syria
    Aleppo Rebels Car Bomb") blanked (same offsets), since it is not prose and states nothing.

    document (Document): the article.
    RETURNS (str): a text of the same length as `document.text`.
    """
    from sitrep.extract.tags import mask_tags

    return mask_tags(document.text)


def extract_document(document: Document) -> Extraction:
    """Extract the events of one document.

    A pure function: the spaCy pipeline and lexicons are loaded once per process and cached.
    document (Document): the article (its `published` date resolves "on Sunday"; without it,
        relative dates stay None).
    RETURNS (Extraction): the events (ACLED fields, claims, evidence, notes) and all claims.
    """
    from sitrep.nlp import load_pipeline

    doc = load_pipeline()(parse_text(document), disable=list(UNUSED_PIPES))
    return extract_parsed(document, doc)


def parse_documents(
    documents: Iterable[Document], batch_size: int = BATCH_SIZE
) -> Iterator[tuple[Document, Doc]]:
    """Parse documents in batches (`nlp.pipe`), in input order.

    documents (Iterable[Document]): the articles.
    batch_size (int): documents per spaCy batch.
    RETURNS (Iterator[tuple[Document, Doc]]): each document with its parse, for `extract_parsed`.
    """
    from sitrep.nlp import load_pipeline

    nlp = load_pipeline()
    pairs = ((parse_text(d), d) for d in documents)
    for doc, document in nlp.pipe(
        pairs, as_tuples=True, batch_size=batch_size, disable=list(UNUSED_PIPES)
    ):
        yield document, doc


def extract_documents(
    documents: Iterable[Document], batch_size: int = BATCH_SIZE
) -> Iterator[Extraction]:
    """`extract_document` over many documents, parsed in batches: the same extractions, in
    input order, for less CPU.

    documents (Iterable[Document]): the articles.
    batch_size (int): documents per spaCy batch.
    RETURNS (Iterator[Extraction]): one extraction per document.
    """
    for document, doc in parse_documents(documents, batch_size):
        yield extract_parsed(document, doc)


def extract_parsed(document: Document, doc: Doc, places: list[Place] | None = None) -> Extraction:
    """`extract_document` on an already parsed text (for `nlp.pipe` batches).

    document (Document): the article; doc (Doc): `parse_text(document)` parsed by
        `load_pipeline()`.
    places (list[Place] | None): the geocoder's places, if already computed.
    RETURNS (Extraction): as `extract_document`.
    """
    from sitrep.extract.actors import fill_unidentified_opponents, find_actors
    from sitrep.extract.aggregates import screen_events
    from sitrep.extract.assemble import fill_opponents, group_mentions
    from sitrep.extract.attribution import ClaimContext
    from sitrep.extract.between import split_between
    from sitrep.extract.blame import attributed_actors
    from sitrep.extract.build import build_event
    from sitrep.extract.claims import find_claims
    from sitrep.extract.headline import headline_actor
    from sitrep.extract.political import not_political
    from sitrep.extract.segment import paragraph_starts, segment
    from sitrep.extract.weapons import find_weapons
    from sitrep.nlp import sentences as sentence_spans

    # spaCy rebuilds `doc.text` on every read (aliases.cached_text): read it once. It is the
    # parsed text (keyword lists blanked), which code reading the Doc must see, not the original.
    parsed_text = doc.user_data.setdefault("sitrep.text", doc.text)
    reference = reference_date(document)
    if places is None:
        from sitrep.geo import geocode

        places = geocode(parsed_text, doc=doc)

    def actors_of(d: Doc, start: int, end: int) -> list[Mention]:
        return find_actors(d, start, end, when=reference)

    bounds = [(x.start_char, x.end_char) for x in sentence_spans(doc)]
    places = _in_focus(document.text, places, bounds)
    places = _not_surnames(document.text, places)
    places = _not_casualty_words(places)
    places = not_political(document.text, places)  # "Russia is unwilling ..." (political.py)
    sentences = segment(doc, places, reference, actors_of, find_weapons)
    places = _outside_actors(places, sentences)
    claims = find_claims(doc, document.id, document.outlet)
    groups = group_mentions(document.text, sentences, reference, places)
    siblings = {(s.start, s.end): s.mentions for s in sentences}
    context = ClaimContext(
        claims=claims,
        places=places,
        paragraph_starts=paragraph_starts(document.text),
        event_spans={
            (s.start, s.end): {m.place.gazetteer_id or m.place.name for m in s.mentions if m.place}
            for s in sentences
            if s.mentions
        },
        reference=reference,
    )
    events: list[Event] = [
        build_event(g, i, document, siblings, context) for i, g in enumerate(groups)
    ]
    _finer_places(document.text, events, places, bounds)
    headline_actor(document, events, extract_document)
    attributed_actors(document, events)
    fill_opponents(events)
    fill_unidentified_opponents(events)
    split_between(events)  # "clashes between X and Y": Y is the opponent (between.py)
    events = screen_events(events, reference)  # totals, timeline background (aggregates.py)
    return Extraction(doc_id=document.id, events=events, claims=claims)


def _finer_places(
    text: str, events: list[Event], places: list[Place], sentences: list[tuple[int, int]]
) -> None:
    """An event placed only at a country ("in Syria", or a foreign one read from "Russian and
    regime air strikes") takes the first place inside the article's country that its own
    sentences name, else the next two sentences of its paragraph ("the raids hit the town of
    Al-Quriyah in Deir Ezzor province"); its evidence for the place fields is that sentence.

    text (str): the article text; events (list[Event]): changed in place.
    places (list[Place]): the screened places, in text order.
    sentences (list[tuple[int, int]]): sentence spans.
    """
    from sitrep.extract.countries import detect_country
    from sitrep.extract.events import place_rank
    from sitrep.records import Evidence

    focus = detect_country(text) or "Syria"
    inner = [p for p in places if p.start is not None and p.country == focus and place_rank(p) < 4]
    if not inner:
        return
    fields = ("country", "admin1", "admin2", "admin3", "location", "latitude", "longitude")
    for event in events:
        if event.admin1 is not None or event.event_type not in (
            "Battles",
            "Explosions/Remote violence",
            "Violence against civilians",
        ):
            continue
        own = sorted({(e.start, e.end) for e in event.evidence if e.field == "event_type"})
        if not own:
            continue
        first = next((i for i, s in enumerate(sentences) if s[0] <= own[0][0] < s[1]), None)
        spans = list(own)
        if first is not None:
            para = text.rfind("\n", 0, own[0][0])
            spans += [
                s for s in sentences[first + 1 : first + 3] if text.rfind("\n", 0, s[0]) == para
            ]
        found = next(
            ((p, span) for span in spans for p in inner if span[0] <= (p.start or 0) < span[1]),
            None,
        )
        if found is None:
            continue
        place, span = found
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


def _in_focus(
    text: str, places: list[Place], sentences: list[tuple[int, int]] | None = None
) -> list[Place]:
    """Drop the towns of a country the text is not about, unless their sentence names that
    country (a Syrian village "Tirmah" read in a report from Tanzania; "Atmeh" read as a Turkish
    village in a Syria report that names Turkey elsewhere); countries themselves stay.

    text (str): the article text.
    places (list[Place]): the geocoder's places, in text order.
    sentences (list[tuple[int, int]] | None): sentence spans; without them, the whole text is
        the context in which a foreign town's country must be named.
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
        if not p.country or p.country == focus or place_rank(p) >= 4 or p.country in context(p)
    ]


@lru_cache(maxsize=1)
def _given_names() -> frozenset[str]:
    return frozenset(n.casefold() for n in read_lexicon("given_names.yaml")["given_names"])


_WORD_BEFORE = re.compile(r"([A-Za-z]+)[ \t]+$")


def _not_surnames(text: str, places: list[Place]) -> list[Place]:
    """Drop the places that are a person's surname: a place mention written just after a given
    name ("Khaled al-Attiya", "reporting by Natalie Huet"; lexicons/given_names.yaml).

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


def _not_casualty_words(places: list[Place]) -> list[Place]:
    """Drop the places the geocoder read in a casualty word of a title-case headline ("Twin
    Bomb Attacks Kill 50 in Homs": "Kill" is a village's name too).

    places (list[Place]): the places, in text order.
    RETURNS (list[Place]): the places kept.
    """
    from sitrep.extract.casualties import is_casualty_word

    return [p for p in places if not (p.mention and is_casualty_word(p.mention))]


def _outside_actors(places: list[Place], sentences: list[SentenceInfo]) -> list[Place]:
    """Drop the places named inside an actor's name ("NAF", "Free Idlib Army")."""
    spans = [(a.start, a.end) for s in sentences for a in s.actors]
    if not spans:
        return places
    return [
        p
        for p in places
        if p.start is None
        or p.end is None
        or not any(a <= p.start and p.end <= b for a, b in spans)
    ]


"""Event extraction: an article in, the ACLED-style events a careful coder would record out,
with the claims and the evidence (sentence and offsets) behind every field.

    from sitrep.extract import extract_document
    extraction = extract_document(Document.from_text(text, outlet="Orient News",
                                                     published=date(2016, 8, 7)))

How the rules work: docs/extraction.md. Lexicons: `sitrep/extract/lexicons/*.yaml`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from typing import TYPE_CHECKING

from sitrep.records import Document, Event, Extraction

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from sitrep.extract.mentions import Mention
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

# Characters at the top of an article searched for the date it states (its dateline).
DATELINE_WINDOW = 160


def reference_date(document: Document) -> date | None:
    """The date relative expressions resolve against: the publication date, else the date the
    article's own dateline states ("21 August 2016 Ten civilians ..."), else None.

    document (Document): the article.
    RETURNS (date | None): the reference date.
    """
    if document.published is not None:
        return document.published
    from sitrep.ingest.dates import find_dateline

    return find_dateline(document.text, window=DATELINE_WINDOW)


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

    text = parse_text(document)
    doc = load_pipeline()(text, disable=list(UNUSED_PIPES))
    doc.user_data["sitrep.text"] = text  # spaCy keeps the text verbatim: doc.text == text
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
    texts = ((parse_text(d), d) for d in documents)
    pairs = ((text, (d, text)) for text, d in texts)
    for doc, (document, text) in nlp.pipe(
        pairs, as_tuples=True, batch_size=batch_size, disable=list(UNUSED_PIPES)
    ):
        doc.user_data["sitrep.text"] = text  # what doc.text rebuilds token by token
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


def _parse_headline(text: str) -> Doc:
    from sitrep.nlp import load_pipeline

    return load_pipeline()(text, disable=list(UNUSED_PIPES))


def extract_parsed(document: Document, doc: Doc, places: list[Place] | None = None) -> Extraction:
    """`extract_document` on an already parsed text (for `nlp.pipe` batches).

    document (Document): the article; doc (Doc): `parse_text(document)` parsed by
        `load_pipeline()`.
    places (list[Place] | None): the geocoder's places, if already computed.
    RETURNS (Extraction): as `extract_document`.
    """
    from sitrep.extract.actors import (
        fill_unidentified_opponents,
        find_actors,
        security_forces_as_police,
    )
    from sitrep.extract.aggregates import screen_events
    from sitrep.extract.aliases import cached_text
    from sitrep.extract.assemble import borrow_sides, fill_opponents, group_mentions
    from sitrep.extract.attribution import claim_context
    from sitrep.extract.between import split_between
    from sitrep.extract.blame import attributed_actors
    from sitrep.extract.build import build_event
    from sitrep.extract.claims import find_claims
    from sitrep.extract.countries import detect_country, places_country
    from sitrep.extract.headline import headline_actor
    from sitrep.extract.political import not_political
    from sitrep.extract.reaction import mark_reaction
    from sitrep.extract.segment import segment
    from sitrep.extract.weapons import find_weapons
    from sitrep.geo.postfilter import finer_places, outside_spans, screen_places
    from sitrep.nlp import sentences as sentence_spans

    # spaCy rebuilds `doc.text` on every read (aliases.cached_text): read it once. It is the
    # parsed text (keyword lists blanked), which code reading the Doc must see, not the original.
    parsed_text = cached_text(doc)
    reference = reference_date(document)
    if places is None:
        from sitrep.geo import geocode

        places = geocode(parsed_text, doc=doc)

    bounds = [(x.start_char, x.end_char) for x in sentence_spans(doc)]
    places = screen_places(document.text, places, bounds)
    places = not_political(document.text, places)  # "Russia is unwilling ..." (political.py)
    # Generic actors are named after the country the text is about, else its places' country
    # ("Civilians (Nigeria)" for a text naming only Maiduguri), never Syria's by default.
    country = detect_country(parsed_text) or places_country(places)

    def actors_of(d: Doc, start: int, end: int) -> list[Mention]:
        return find_actors(d, start, end, when=reference, country=country)

    sentences = segment(doc, places, reference, actors_of, find_weapons)
    places = outside_spans(places, [(a.start, a.end) for s in sentences for a in s.actors])
    claims = find_claims(doc, document.id, document.outlet)
    groups = group_mentions(document.text, sentences, reference, places)
    siblings = {(s.start, s.end): s.mentions for s in sentences}
    context = claim_context(document.text, claims, places, sentences, reference)
    events: list[Event] = [
        build_event(g, i, document, siblings, context) for i, g in enumerate(groups)
    ]
    finer_places(document.text, events, places, bounds)
    headline_actor(document, events, extract_document)
    mark_reaction(document, doc, events, _parse_headline)  # a condemnation's incident: a mention
    attributed_actors(document, events, country)
    borrow_sides(events)  # "fierce fighting in Ramousah": the sides of the battle there
    fill_opponents(events)
    fill_unidentified_opponents(events)
    security_forces_as_police(events)  # "security forces arrested": the police (ACLED)
    split_between(events)  # "clashes between X and Y": Y is the opponent (between.py)
    events = screen_events(events, reference)  # totals, timeline background (aggregates.py)
    return Extraction(doc_id=document.id, events=events, claims=claims)

"""Batched parsing (`extract_documents`, `parse_documents`) gives what one call per document
gives."""

from __future__ import annotations

from datetime import date

from sitrep.extract import extract_document, extract_documents, parse_documents
from sitrep.records import Document

TEXTS = [
    "Syrian government air strikes killed 3 civilians in Idlib on Monday, activists said.",
    "Islamic State militants attacked an army checkpoint near Palmyra, killing five soldiers. "
    "The Syrian Observatory for Human Rights said clashes continued overnight.",
    "Rebels shelled the government-held district of Aleppo on Sunday.\n\n"
    "Two children were among the dead, the state news agency SANA reported.",
]


def test_batches_keep_order_and_results() -> None:
    documents = [Document.from_text(t, outlet="Reuters", published=date(2016, 8, 7)) for t in TEXTS]
    one_by_one = [extract_document(d).model_dump() for d in documents]
    batched = [x.model_dump() for x in extract_documents(documents, batch_size=2)]
    assert batched == one_by_one
    assert any(x["events"] for x in batched)
    assert [d.id for d, _ in parse_documents(documents, batch_size=2)] == [d.id for d in documents]


def test_batches_blank_keyword_lists_as_one_call_does() -> None:
    """A web page's "Tags ..." list is blanked before parsing in both paths (a merge once left
    the batched path parsing the raw text, so the tags' actors and places came back)."""
    text = (
        "Tags Syria Aleppo Islamic State Car Bomb At least 11 civilians were killed in regime "
        "barrel bomb attacks on al-Bab on Sunday, a monitoring group said."
    )
    document = Document.from_text(text, published=date(2016, 8, 7))
    one = extract_document(document)
    (batched,) = list(extract_documents([document]))
    assert batched.model_dump() == one.model_dump()
    actors = {a for e in one.events for a in (e.actor1, e.actor2, e.assoc_actor_1) if a}
    assert not any("Islamic State" in a for a in actors)


def test_parsed_docs_carry_their_text() -> None:
    """Both paths keep the parsed text in the Doc (read once: spaCy rebuilds `doc.text` token by
    token at each read), and it is exactly what spaCy would rebuild."""
    documents = [Document.from_text(t) for t in TEXTS]
    for _, doc in parse_documents(documents, batch_size=2):
        assert doc.user_data["sitrep.text"] == doc.text

"""`sentences(doc)` is `list(doc.sents)`, computed once."""

from __future__ import annotations

from sitrep.nlp import load_pipeline, sentences


def test_sentences_are_spacy_sentences() -> None:
    doc = load_pipeline()("Rebels shelled Aleppo. Two died.\n\nSANA said so on Sunday.")
    assert [(s.start, s.end) for s in sentences(doc)] == [(s.start, s.end) for s in doc.sents]
    assert len(sentences(doc)) >= 3
    first = sentences(doc)
    first.clear()  # a copy: the cache is not the caller's to change
    assert sentences(doc)

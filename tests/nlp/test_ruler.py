"""The indexed attribute-ruler matcher and the lemma memo must give the annotations spaCy gives."""

from __future__ import annotations

import pytest

from sitrep.nlp import load_model, load_pipeline
from sitrep.nlp.ruler import IndexedMatcher, Unsupported

TEXT = (
    "Syrian government air strikes killed 3 civilians in Idlib on Monday, activists said.\n"
    "They're not sure it's over: \"we ain't gonna leave,\" one said; nothin' is left, y'all. "
    "Let's see whether the rebels, who had shelled the town, will do so again. "
    "It was hit twice and is being shelled now; that's what I'd have told him."
)


@pytest.fixture(scope="module")
def pipelines() -> tuple[object, object]:
    return load_model(), load_pipeline()


def test_same_annotations_as_spacy(pipelines: tuple[object, object]) -> None:
    stock, fast = pipelines
    a, b = stock(TEXT), fast(TEXT)  # type: ignore[operator]
    assert [(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in a] == [
        (t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in b
    ]


def test_same_matches_as_spacy(pipelines: tuple[object, object]) -> None:
    stock, fast = pipelines
    doc = stock(TEXT, disable=["attribute_ruler", "lemmatizer", "ner"])  # type: ignore[operator]
    expected = stock.get_pipe("attribute_ruler").match(doc)  # type: ignore[attr-defined]
    assert expected  # the text exercises the ruler
    assert fast.get_pipe("attribute_ruler").match(doc) == expected  # type: ignore[attr-defined]


def test_unsupported_pattern_refused(pipelines: tuple[object, object]) -> None:
    stock, _ = pipelines
    with pytest.raises(Unsupported):
        IndexedMatcher(stock.vocab, [[[{"LOWER": "a", "OP": "+"}]]])  # type: ignore[attr-defined]


def test_memoised_lemmas_same_when_warm(pipelines: tuple[object, object]) -> None:
    stock, fast = pipelines
    assert type(fast.get_pipe("lemmatizer")).__name__.startswith("Memo")  # type: ignore[attr-defined]
    fast(TEXT)  # type: ignore[operator]
    again = fast(TEXT)  # type: ignore[operator]  # every lemma now from the memo
    assert [t.lemma_ for t in again] == [t.lemma_ for t in stock(TEXT)]  # type: ignore[operator]


def test_lemma_index_as_sets_gives_spacys_lemmas_cold(pipelines: tuple[object, object]) -> None:
    """The lemmatizer's word lists are looked up as sets (issue 12: speed); with an empty memo
    and cache every lemma is derived anew, as spaCy derives it from the lists."""
    stock, fast = pipelines
    lemmatizer = fast.get_pipe("lemmatizer")  # type: ignore[attr-defined]
    index = lemmatizer.lookups.get_table("lemma_index")
    assert all(isinstance(words, frozenset) for words in index.values())
    lemmatizer._sitrep_memo.clear()
    lemmatizer.cache.clear()
    text = (
        "The besieged fighters were shelling villages; children fled the bombed houses, "
        "wolves howled, and the dying soldiers' wives cried as geese flew over burnt fields."
    )
    assert [t.lemma_ for t in fast(text)] == [t.lemma_ for t in stock(text)]  # type: ignore[operator]

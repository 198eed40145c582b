"""The training corpus (src/sitrep/extract/training): our own invented, labelled news items that
rules are tuned on and the sub-event model is trained on. It must load and cover every type."""

from collections import Counter
from pathlib import Path

import sitrep.extract
from sitrep.eval.codebook import load_codebook
from sitrep.records import SUB_EVENT_TYPES

TRAINING = Path(sitrep.extract.__file__).parent / "training"


def test_training_corpus_loads_with_unique_ids() -> None:
    items = load_codebook(TRAINING)
    assert len(items) >= 500
    assert len({item.id for item in items}) == len(items)


def test_training_corpus_covers_its_sub_event_types() -> None:
    counts = Counter(e.sub_event_type for item in load_codebook(TRAINING) for e in item.events)
    known = {sub for subs in SUB_EVENT_TYPES.values() for sub in subs}
    assert set(counts) <= known
    present = {sub: n for sub, n in counts.items() if n}
    assert all(n >= 25 for n in present.values()), present

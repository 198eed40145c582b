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


def test_training_corpus_covers_every_sub_event_type_and_nonevents() -> None:
    items = load_codebook(TRAINING)
    counts = Counter(e.sub_event_type for item in items for e in item.events)
    known = {sub for subs in SUB_EVENT_TYPES.values() for sub in subs}
    assert set(counts) == known
    assert min(counts.values()) >= 25, counts
    assert sum(not item.events for item in items) >= 200


def test_training_corpus_protests_have_the_protesters_as_actor1() -> None:
    # ACLED's convention for every Protests event, excessive force included: its codebook and
    # its rows put the protesters first and the force second
    items = load_codebook(TRAINING)
    protests = [e for item in items for e in item.events if e.event_type == "Protests"]
    assert len(protests) >= 100
    wrong = [e for e in protests if e.actor1 and not e.actor1.startswith("Protesters (")]
    assert not wrong, wrong[:3]

"""Training data and training of the sub-event classifier (`classifier.py`).

Data we may ship only: the invented items of `training/*.yaml` (the codebook corpus schema,
`sitrep.eval.codebook.load_codebook`; written for sitrep, never the held-out corpus), and
optionally UCDP GED headlines of the tuning years (CC BY 4.0) whose type of violence is
one-sided, as weak Attack examples. No ACLED text. `tools/train_subevents.py` runs it.
"""

from __future__ import annotations

import csv
import gzip
from collections.abc import Sequence
from pathlib import Path

from sitrep.eval.codebook import CodebookItem, load_codebook
from sitrep.extract.classifier import NONE, SubeventModel, features, train
from sitrep.extract.events import find_triggers

__all__ = ["TRAINING_DIR", "Example", "item_examples", "ucdp_examples", "build_model"]

TRAINING_DIR = Path(__file__).parent / "training"
Example = tuple[list[str], str, float]


def text_features(text: str) -> list[str]:
    """The features of a text as the model sees a sentence: its words and the trigger table's
    matches in it."""
    found = find_triggers(text, 0, len(text))
    return features(text, [t.sub_event_type for t in found], [t.text for t in found])


def item_examples(items: Sequence[CodebookItem]) -> list[Example]:
    """One example per item and distinct gold sub-event type (weight 1/n), "(none)" for a
    non-event."""
    out: list[Example] = []
    for item in items:
        feats = text_features(item.text)
        labels = sorted({e.sub_event_type for e in item.events}) or [NONE]
        out.extend((feats, label, 1.0 / len(labels)) for label in labels)
    return out


def ucdp_examples(
    path: Path, years: tuple[str, ...] = ("2016", "2017"), cap: int = 200
) -> list[Example]:
    """Weak Attack examples: UCDP GED headlines of one-sided violence (type 3) of the tuning
    years, deduplicated, in file order, at most `cap`, weight 0.5."""
    seen: set[str] = set()
    out: list[Example] = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            head = (row.get("source_headline") or "").strip()
            if row.get("year") not in years or row.get("type_of_violence") != "3":
                continue
            if not head or head in seen or len(head) > 300 or ";" in head:
                continue
            seen.add(head)
            out.append((text_features(head), "Attack", 0.5))
            if len(out) >= cap:
                break
    return out


def build_model(folder: Path = TRAINING_DIR, ucdp: Path | None = None) -> SubeventModel:
    """Train the model on the training folder (and the UCDP headlines, if given); the same
    data give the same model."""
    examples = item_examples(load_codebook(folder))
    if ucdp is not None:
        examples += ucdp_examples(ucdp)
    return train(examples)

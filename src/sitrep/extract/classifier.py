"""A small trained sub-event classifier beside the rules: multinomial logistic regression over
hashed word uni- and bigrams of a sentence plus the rules' trigger types and words.

The model file (`models/subevents.npz`, written by `tools/train_subevents.py`) holds only the
rows of the hashed weight matrix that training touched, in float16. Scoring one sentence is a
few dozen dictionary look-ups and one small numpy sum: no parse, no new dependency.
How the rules use it: `sitrep.extract.subevent_model` and docs/extraction.md.
"""

from __future__ import annotations

import math
import re
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from sitrep.records import SUB_EVENT_TYPES

__all__ = [
    "NONE",
    "LABELS",
    "MODEL_PATH",
    "SubeventModel",
    "features",
    "hashed",
    "train",
    "load_model",
]

NONE = "(none)"
LABELS: tuple[str, ...] = (*(s for subs in SUB_EVENT_TYPES.values() for s in subs), NONE)
MODEL_PATH = Path(__file__).parent / "models" / "subevents.npz"
DIM = 1 << 20
_MASK = DIM - 1

_TOKEN = re.compile(r"[a-z]+(?:['’][a-z]+)?|\d+")
# feature string -> its bucket (speed only: words and bigrams recur from sentence to sentence)
_BUCKETS: dict[str, int] = {}
_BUCKETS_KEPT = 200_000


def features(
    text: str, trigger_types: Iterable[str] = (), trigger_words: Iterable[str] = ()
) -> list[str]:
    """The feature strings of a sentence: lower-cased words (numbers as "0"), the first five
    letters of longer words, word bigrams, and the rules' trigger types ("T=Attack") and
    trigger words ("W=opened fire") found in it.

    text (str): the sentence (or a short item).
    trigger_types, trigger_words (Iterable[str]): what the trigger table matched in it.
    RETURNS (list[str]): the features, with repeats.
    """
    words = ["0" if w.isdigit() else w for w in _TOKEN.findall(text.lower())]
    out = ["B", *words]
    out += [f"P={w[:5]}" for w in words if len(w) > 5]  # "withdrew", "withdrawal": one stem
    out += [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]
    out += [f"T={t}" for t in trigger_types]
    out += [f"W={w.lower()}" for w in trigger_words]
    return out


def hashed(feats: Sequence[str]) -> dict[int, float]:
    """Hash features into DIM buckets (crc32: the same in every process) with L2-normalised
    counts.

    RETURNS (dict[int, float]): bucket id -> weight.
    """
    counts: dict[int, int] = {}
    buckets = _BUCKETS
    for f in feats:
        h = buckets.get(f)
        if h is None:
            if len(buckets) >= _BUCKETS_KEPT:
                buckets.clear()
            h = buckets[f] = zlib.crc32(f.encode("utf-8")) & _MASK
        counts[h] = counts.get(h, 0) + 1
    norm = math.sqrt(sum(c * c for c in counts.values())) or 1.0
    return {h: c / norm for h, c in counts.items()}


@dataclass(frozen=True)
class SubeventModel:
    """The trained weights: `rows` (sorted bucket ids) → `weights[i]` over `labels`."""

    labels: tuple[str, ...]
    rows: np.ndarray
    weights: np.ndarray
    bias: np.ndarray
    index: dict[int, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # bucket id -> row of `weights`, for scoring a sentence with dictionary look-ups
        object.__setattr__(self, "index", {h: i for i, h in enumerate(self.rows.tolist())})

    def probabilities(self, feats: Sequence[str]) -> dict[str, float]:
        """The model's probability of each label for one sentence's features."""
        index = self.index
        rows: list[int] = []
        vals: list[float] = []
        for h, v in hashed(feats).items():
            r = index.get(h)
            if r is not None:
                rows.append(r)
                vals.append(v)
        logits = self.bias + np.asarray(vals) @ self.weights[rows] if rows else self.bias.copy()
        p = _softmax(np.asarray(logits, dtype=np.float64))
        return dict(zip(self.labels, p.tolist(), strict=True))

    def save(self, path: Path) -> None:
        """Write the model (numpy's compressed archive; deterministic bytes)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as fh:
            np.savez_compressed(
                fh,
                labels=np.array(self.labels),
                rows=self.rows,
                weights=self.weights,
                bias=self.bias,
            )


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max()
    e = np.exp(z)
    return np.asarray(e / e.sum())


def train(
    examples: Sequence[tuple[Sequence[str], str, float]],
    *,
    epochs: int = 30,
    rate: float = 2.0,
    l2: float = 1e-5,
    seed: int = 13,
) -> SubeventModel:
    """Fit the model by stochastic gradient descent (fixed seed: the same model every run).

    examples: (features, label, weight) triples; labels from `LABELS`.
    RETURNS (SubeventModel): the weights of the buckets the examples touch, as float16.
    """
    index = {label: i for i, label in enumerate(LABELS)}
    data = [(hashed(f), index[label], w) for f, label, w in examples]
    used = np.array(sorted({h for feats, *_ in data for h in feats}), dtype=np.int64)
    row = {int(h): i for i, h in enumerate(used.tolist())}
    local = [
        (np.array([row[h] for h in feats]), np.array(list(feats.values())), y, w)
        for feats, y, w in data
    ]
    weights = np.zeros((len(used), len(LABELS)))
    bias = np.zeros(len(LABELS))
    rng = np.random.RandomState(seed)
    for epoch in range(epochs):
        step = rate / (1.0 + epoch * 0.2)
        for k in rng.permutation(len(local)):
            pos, vals, y, w = local[k]
            p = _softmax(bias + vals @ weights[pos])
            p[y] -= 1.0
            weights[pos] *= 1.0 - step * l2
            weights[pos] -= step * w * np.outer(vals, p)
            bias -= step * w * p * 0.1
    return SubeventModel(LABELS, used, weights.astype(np.float16), bias.astype(np.float16))


@lru_cache(maxsize=1)
def load_model(path: Path = MODEL_PATH) -> SubeventModel | None:
    """The shipped model (once per process), or None when the package has none."""
    if not path.exists():
        return None
    with np.load(path, allow_pickle=False) as data:
        return SubeventModel(
            tuple(str(x) for x in data["labels"]),
            data["rows"],
            data["weights"].astype(np.float32),
            data["bias"].astype(np.float64),
        )

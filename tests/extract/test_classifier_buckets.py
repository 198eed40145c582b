"""The classifier's feature buckets are memoised (issue 12: speed): the same buckets and weights
as hashing each feature anew, also once the memo has been emptied."""

from __future__ import annotations

import math
import zlib

from sitrep.extract import classifier
from sitrep.extract.classifier import DIM, features, hashed


def _plain(feats: list[str]) -> dict[int, float]:
    counts: dict[int, int] = {}
    for f in feats:
        h = zlib.crc32(f.encode("utf-8")) % DIM
        counts[h] = counts.get(h, 0) + 1
    norm = math.sqrt(sum(c * c for c in counts.values()))
    return {h: c / norm for h, c in counts.items()}


def test_memoised_buckets_equal_fresh_hashing(monkeypatch) -> None:
    feats = features("Gunmen killed 3 villagers; gunmen fled.", ["Attack"], ["killed"])
    assert hashed(feats) == _plain(feats)
    assert hashed(feats) == _plain(feats)  # now from the memo
    monkeypatch.setattr(classifier, "_BUCKETS_KEPT", 3)  # emptied again and again
    assert hashed(feats) == _plain(feats)

"""Fit the weights of fusion's scored link decision (matching.yaml `link_score`) on the TUNING
half of the FA-KES fusion set only, and report cross-validated figures.

Candidate pairs: two lead reports of articles of different outlets in the tuning half that the
hard rules leave possible (`sitrep.fuse.match.score_gates`); label: the set says the two
articles report one incident. A logistic regression (L2, numpy, `sitrep.eval.credibility._fit`)
on the features of `sitrep.fuse.score.pair_features`, standardised inside each fold; folds are
grouped by the first report's governorate and month (the split's own key), so a pair is never
scored by a model fitted on pairs of its own incident. Prints out-of-fold pairwise precision and
recall at the decision threshold, and the weights fitted on all tuning pairs in the raw units
matching.yaml takes (paste them there by hand).

    python tools/fit_link_score.py --dev ../shared/data/fakes/dev.csv
        --extractions /tmp/fusion-cache.jsonl [--folds 5] [--l2 1.0] [--threshold 0.5]
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
from pathlib import Path

import numpy as np

from sitrep.eval.credibility import _fit
from sitrep.eval.fusion import extract_articles, in_split, load_fusion_set
from sitrep.fuse.fusion import doc_texts, lead_events
from sitrep.fuse.match import MatchRules, score_gates
from sitrep.fuse.score import FEATURES, pair_features

ROOT = Path(__file__).resolve().parents[1]
SET = ROOT / "tests" / "data" / "fusion" / "fakes_dev_incidents.tsv"


def candidate_pairs(dev: Path, cache: Path | None) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Return features, labels and fold keys of the tuning half's candidate lead pairs."""
    cases = load_fusion_set(SET)
    tune = {c.unit_id: c for c in cases if in_split(c, "tune")}
    documents, events = extract_articles(dev, cache=cache, refs=None if cache else set(tune))
    docs = {d.id: d for d in documents if d.ref in tune}
    events = [e for e in events if e.doc_ids and e.doc_ids[0] in docs]
    leads = lead_events(events)
    texts = doc_texts(docs)
    rules = MatchRules.default()
    lead = [e for e in events if e.event_id in leads]
    rows, labels, keys = [], [], []
    for a, b in itertools.combinations(lead, 2):
        case_a, case_b = tune[docs[a.doc_ids[0]].ref or ""], tune[docs[b.doc_ids[0]].ref or ""]
        if case_a.source == case_b.source or score_gates(a, b, rules):
            continue
        features = pair_features(a, b, texts[a.doc_ids[0]], texts[b.doc_ids[0]], rules)
        rows.append([features[f] for f in FEATURES])
        labels.append(int(bool(case_a.incident) and case_a.incident == case_b.incident))
        keys.append(f"{a.admin1}|{a.event_date:%Y-%m}" if a.event_date else "")
    return np.asarray(rows, dtype=float), np.asarray(labels, dtype=float), keys


def grouped_folds(keys: list[str], k: int) -> list[np.ndarray]:
    """Return k folds of indices, each key (governorate|month) wholly in one fold."""
    fold_of = {key: int(hashlib.sha256(key.encode()).hexdigest(), 16) % k for key in set(keys)}
    return [np.flatnonzero([fold_of[key] == i for key in keys]) for i in range(k)]


def fit_raw(x: np.ndarray, y: np.ndarray, l2: float) -> tuple[np.ndarray, float]:
    """Fit on standardised features; RETURNS weights and bias in the raw features' units."""
    mean, std = x.mean(axis=0), x.std(axis=0)
    std[std == 0] = 1.0
    w = _fit((x - mean) / std, y, l2=l2, steps=3000)
    raw = w[:-1] / std
    return raw, float(w[-1] - (raw * mean).sum())


def cross_validate(x: np.ndarray, y: np.ndarray, keys: list[str], k: int, l2: float) -> np.ndarray:
    """Return the out-of-fold probabilities."""
    out = np.zeros(len(y))
    for test in grouped_folds(keys, k):
        train = np.setdiff1d(np.arange(len(y)), test)
        if len(test) == 0 or y[train].sum() == 0:
            continue
        weights, bias = fit_raw(x[train], y[train], l2)
        out[test] = 1 / (1 + np.exp(-(x[test] @ weights + bias)))
    return out


def _pr(y: np.ndarray, probs: np.ndarray, threshold: float) -> str:
    linked = probs >= threshold
    right = int((linked & (y == 1)).sum())
    precision = right / linked.sum() if linked.sum() else float("nan")
    recall = right / y.sum()
    return (
        f"P {precision:.2f} ({right}/{int(linked.sum())}), R {recall:.2f} ({right}/{int(y.sum())})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", type=Path, required=True)
    parser.add_argument("--extractions", type=Path, default=None)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--l2", type=float, default=1.0)
    parser.add_argument("--threshold", type=float, default=0.5)
    args = parser.parse_args()
    x, y, keys = candidate_pairs(args.dev, args.extractions)
    print(f"tuning half: {len(y)} candidate lead pairs of different outlets, ", end="")
    print(f"{int(y.sum())} of one incident")
    probs = cross_validate(x, y, keys, args.folds, args.l2)
    print(
        f"{args.folds}-fold CV grouped by governorate|month, pairs at p >= {args.threshold}: "
        + _pr(y, probs, args.threshold)
    )
    shipped = MatchRules.default().link_score
    if shipped is not None:
        ws = np.asarray([shipped.weights.get(f, 0.0) for f in FEATURES])
        probs = 1 / (1 + np.exp(-(x @ ws + shipped.bias)))
        print("matching.yaml's link_score on the same pairs (in sample): ", end="")
        print(_pr(y, probs, shipped.threshold))
    weights, bias = fit_raw(x, y, args.l2)
    print("fitted on every tuning pair (matching.yaml link_score):")
    print(f"  bias: {bias:.3f}")
    for name, weight in zip(FEATURES, weights, strict=True):
        print(f"  {name}: {weight:.3f}")


if __name__ == "__main__":
    main()

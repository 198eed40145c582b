"""How well does sitrep tell FA-KES's credible articles from its fake ones?

FA-KES labels each article credible (1) or fake (0) by matching its casualty details against
the Violations Documentation Center's records. We score each article three ways:

- the fuse stage's credibility score (`score_documents`: corroboration by other outlets,
  agreement with the fused record, outlet-type prior), with nothing fitted: its ROC AUC;
- a logistic regression (hand-written, L2, numpy) on per-article features, under stratified
  k-fold cross-validation: out-of-fold AUC and accuracy, per feature set (fusion, text, what
  extraction read of the article's lead event, the outlet's identity one-hot, and all
  together), and on the article's words (a bag of the `WORDS` words most frequent in the
  training folds, chosen inside each fold);
- each feature alone (AUC), and the regression's standardised weights averaged over the folds.

Features use the article's text and the fused record only, never the crowd's coding.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from sitrep.fuse.credibility import DocumentScore
from sitrep.records import Document, Event

__all__ = [
    "CredibilityFigures",
    "roc_auc",
    "article_features",
    "extraction_features",
    "evaluate_credibility",
]

FEATURE_SETS: dict[str, tuple[str, ...]] = {
    "fusion": ("corroboration", "agreement", "n_corroborated", "n_events", "prior"),
    "text": ("log_length", "numbers", "attributed", "monitor_cited", "state_cited", "hedged"),
    "extraction": (
        "lead_log_toll",
        "lead_toll_known",
        "lead_toll_range",
        "lead_air_strike",
        "lead_shelling",
        "lead_chemical",
        "lead_battle",
        "lead_by_government",
        "lead_exact_day",
        "lead_named_place",
    ),
}
# Words in the bag-of-words model: the most frequent (by document frequency) in each training
# fold, lower-cased letters only, seen in at least 3 of its articles.
WORDS = 300
_GOVERNMENT = ("Military Forces of Syria", "Military Forces of Russia", "Allied Syrian")


@dataclass
class CredibilityFigures:
    """Figures of the credibility evaluation (all on the same articles)."""

    articles: int
    credible: int
    folds: int
    rule_auc: float | None
    rule_accuracy: float | None
    majority_accuracy: float
    by_feature_set: dict[str, dict[str, float | None]] = field(default_factory=dict)
    single_feature_auc: dict[str, float | None] = field(default_factory=dict)
    weights: dict[str, float] = field(default_factory=dict)
    word_weights: list[str] = field(default_factory=list)


def roc_auc(
    labels: Sequence[int] | np.ndarray, scores: Sequence[float] | np.ndarray
) -> float | None:
    """Return the ROC AUC (probability a credible article outscores a fake one; ties count 1/2)."""
    y = np.asarray(labels)
    s = np.asarray(scores, dtype=float)
    pos, neg = s[y == 1], s[y == 0]
    if not len(pos) or not len(neg):
        return None
    greater = (pos[:, None] > neg[None, :]).sum()
    ties = (pos[:, None] == neg[None, :]).sum()
    return round(float((greater + 0.5 * ties) / (len(pos) * len(neg))), 4)


_NUMBER = re.compile(r"\b\d{1,5}\b")
_ATTRIBUTION = re.compile(r"\b(?:said|says|according to|told|reported)\b", re.I)
_MONITOR = re.compile(r"observatory|monitor|sohr|white helmets|civil defen[cs]e|\bun\b", re.I)
_STATE = re.compile(r"\bsana\b|state (?:tv|television|media|news)|ministry", re.I)
_HEDGE = re.compile(r"\b(?:reportedly|alleged(?:ly)?|suspected|unconfirmed|claimed)\b", re.I)


def article_features(document: Document, score: DocumentScore) -> dict[str, float]:
    """Return one article's features: from the fused record (`score`) and from its text."""
    text = document.text
    words = max(1, len(text.split()))
    return {
        "corroboration": score.corroboration or 0.0,
        "agreement": score.agreement if score.agreement is not None else 0.5,
        "n_corroborated": float(score.n_corroborated),
        "n_events": float(score.n_events),
        "prior": score.prior,
        "log_length": float(np.log(words)),
        "numbers": len(_NUMBER.findall(text)) / words * 100,
        "attributed": len(_ATTRIBUTION.findall(text)) / words * 100,
        "monitor_cited": float(bool(_MONITOR.search(text))),
        "state_cited": float(bool(_STATE.search(text))),
        "hedged": float(bool(_HEDGE.search(text))),
    }


def extraction_features(events: Sequence[Event], leads: set[str]) -> dict[str, float]:
    """Return what extraction read of an article's lead event: its toll (log, known, a range),
    its kind (air strike, shelling, chemical, battle), whether the government side did it,
    and how exactly it is dated and placed. All 0 for an article without events."""
    lead = next((e for e in events if e.event_id in leads), events[0] if events else None)
    if lead is None:
        return dict.fromkeys(FEATURE_SETS["extraction"], 0.0)
    toll = lead.fatalities or 0
    low, high = lead.fatalities_min, lead.fatalities_max
    return {
        "lead_log_toll": float(np.log1p(toll)),
        "lead_toll_known": float(lead.fatalities is not None),
        "lead_toll_range": float(low is not None and high is not None and high > low),
        "lead_air_strike": float(lead.sub_event_type == "Air/drone strike"),
        "lead_shelling": float(lead.sub_event_type == "Shelling/artillery/missile attack"),
        "lead_chemical": float(lead.sub_event_type == "Chemical weapon"),
        "lead_battle": float(lead.event_type == "Battles"),
        "lead_by_government": float((lead.actor1 or "").startswith(_GOVERNMENT)),
        "lead_exact_day": float((lead.time_precision or 0) == 1),
        "lead_named_place": float((lead.geo_precision or 3) == 1),
    }


_WORD = re.compile(r"[a-z]{3,}")


def _bags(texts: Sequence[str]) -> list[set[str]]:
    return [set(_WORD.findall(t.lower())) for t in texts]


def _cross_validate_words(
    bags: Sequence[set[str]], y: np.ndarray, k: int
) -> tuple[np.ndarray, list[str]]:
    """Return out-of-fold probabilities of a logistic regression on word presence, the
    vocabulary chosen in each training fold only; and the words of the last fold's largest
    weights (what the model leans on)."""
    out = np.zeros(len(y))
    top: list[str] = []
    for test in _folds(y, k):
        train = np.setdiff1d(np.arange(len(y)), test)
        df: dict[str, int] = {}
        for i in train:
            for word in bags[i]:
                df[word] = df.get(word, 0) + 1
        vocab = [w for w, n in sorted(df.items(), key=lambda kv: (-kv[1], kv[0])) if n >= 3]
        vocab = vocab[:WORDS]
        x = np.asarray([[float(w in bag) for w in vocab] for bag in bags])
        mean, std = x[train].mean(axis=0), x[train].std(axis=0) + 1e-9
        w = _fit((x[train] - mean) / std, y[train], l2=float(len(vocab)))
        xt = np.hstack([(x[test] - mean) / std, np.ones((len(test), 1))])
        out[test] = 1 / (1 + np.exp(-xt @ w))
        order = np.argsort(-np.abs(w[:-1]))[:8]
        top = [f"{vocab[i]} {w[i]:+.2f}" for i in order]
    return out, top


def _fit(x: np.ndarray, y: np.ndarray, l2: float = 1.0, steps: int = 500) -> np.ndarray:
    """Fit an L2 logistic regression by gradient descent; RETURNS weights (bias last)."""
    xb = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(xb.shape[1])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-xb @ w))
        grad = xb.T @ (p - y) / len(y) + l2 * np.r_[w[:-1], 0.0] / len(y)
        w -= 0.5 * grad
    return w


def _folds(y: np.ndarray, k: int, seed: int = 0) -> list[np.ndarray]:
    """Return k stratified folds of indices (a fixed seed: the same folds every run)."""
    rng = np.random.default_rng(seed)
    folds: list[list[int]] = [[] for _ in range(k)]
    for label in (0, 1):
        idx = np.flatnonzero(y == label)
        rng.shuffle(idx)
        for i, j in enumerate(idx):
            folds[i % k].append(int(j))
    return [np.asarray(sorted(f)) for f in folds]


def _cross_validate(x: np.ndarray, y: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Return out-of-fold probabilities and the mean standardised weights over the folds."""
    out = np.zeros(len(y))
    weights = []
    for test in _folds(y, k):
        train = np.setdiff1d(np.arange(len(y)), test)
        mean, std = x[train].mean(axis=0), x[train].std(axis=0) + 1e-9
        w = _fit((x[train] - mean) / std, y[train])
        xt = np.hstack([(x[test] - mean) / std, np.ones((len(test), 1))])
        out[test] = 1 / (1 + np.exp(-xt @ w))
        weights.append(w[:-1])
    return out, np.mean(weights, axis=0)


def _labels(csv_path: Path) -> dict[str, int]:
    with csv_path.open(encoding="utf-8", newline="") as handle:
        return {row["unit_id"]: int(row["label"]) for row in csv.DictReader(handle)}


def evaluate_credibility(
    csv_path: Path, *, folds: int = 5, cache: Path | None = None
) -> CredibilityFigures:
    """Score every article of a FA-KES-format CSV and measure how far the scores track labels.

    csv_path (Path): FA-KES CSV (unit_id, article_content, source, label, ...).
    folds (int): k of the stratified cross-validation.
    cache (Path | None): extraction cache (see `extract_articles`).
    RETURNS (CredibilityFigures): AUCs and accuracies, per feature set and per feature.
    """
    from sitrep.eval.fusion import extract_articles
    from sitrep.fuse import score_documents

    documents, events = extract_articles(csv_path, cache=cache)
    labels = _labels(csv_path)
    documents = [d for d in documents if (d.ref or "") in labels]
    scores = score_documents(events, documents={d.id: d for d in documents})
    by_doc = {s.doc_id: s for s in scores}
    y = np.asarray([labels[d.ref or ""] for d in documents])
    rule = [by_doc[d.id].score for d in documents]
    figures = CredibilityFigures(
        articles=len(documents),
        credible=int(y.sum()),
        folds=folds,
        rule_auc=roc_auc(y, rule),
        rule_accuracy=_accuracy_at_half(y, np.asarray(rule)),
        majority_accuracy=round(float(max(y.mean(), 1 - y.mean())), 4),
    )
    feats, sets = _features(documents, events, by_doc)
    names = [n for key in ("fusion", "text", "extraction") for n in FEATURE_SETS[key]]
    figures.single_feature_auc = {n: roc_auc(y, [f[n] for f in feats]) for n in names}
    for set_name, columns in sets.items():
        x = np.asarray([[f[c] for c in columns] for f in feats])
        probs, weights = _cross_validate(x, y, folds)
        figures.by_feature_set[set_name] = _result(y, probs)
        if set_name == "all":
            figures.weights = {c: round(float(w), 3) for c, w in zip(columns, weights, strict=True)}
    probs, figures.word_weights = _cross_validate_words(
        _bags([d.text for d in documents]), y, folds
    )
    figures.by_feature_set["words"] = _result(y, probs)
    return figures


def _features(
    documents: Sequence[Document], events: Sequence[Event], by_doc: dict[str, DocumentScore]
) -> tuple[list[dict[str, float]], dict[str, tuple[str, ...]]]:
    """Return each article's features (fusion, text, extraction, outlet one-hot) and the
    feature sets to fit."""
    from sitrep.fuse.fusion import lead_events

    leads = lead_events(events)
    of_doc: dict[str, list[Event]] = {}
    for event in events:
        for doc_id in event.doc_ids[:1]:
            of_doc.setdefault(doc_id, []).append(event)
    outlets = sorted({f"outlet={d.outlet}" for d in documents})
    feats = []
    for document in documents:
        f = article_features(document, by_doc[document.id])
        f.update(extraction_features(of_doc.get(document.id, []), leads))
        f.update({o: float(o == f"outlet={document.outlet}") for o in outlets})
        feats.append(f)
    names = (*FEATURE_SETS["fusion"], *FEATURE_SETS["text"])
    sets = {
        **FEATURE_SETS,
        "fusion+text": names,
        "outlet": tuple(outlets),
        "all": (*names, *FEATURE_SETS["extraction"], *outlets),
    }
    return feats, sets


def _result(y: np.ndarray, probs: np.ndarray) -> dict[str, float | None]:
    return {
        "auc": roc_auc(y, probs),
        "accuracy": round(float(((probs >= 0.5) == y).mean()), 4),
    }


def _accuracy_at_half(y: np.ndarray, scores: np.ndarray) -> float | None:
    """Accuracy of the unfitted score at 0.5 (its natural midpoint; nothing is tuned)."""
    if not len(y):
        return None
    return round(float(((scores >= 0.5) == y).mean()), 4)

"""k-fold cross-validation of the sub-event classifier combined with the rules, on the training
corpus only (src/sitrep/extract/training/*.yaml; tuning data, never the held-out codebook).

    PYTHONPATH=src python tools/cv_subevents.py [--folds 5] [--ucdp GED.csv.gz] [--json OUT]

Each item is parsed once; each fold's items are extracted with the rules alone and with a model
trained on the other folds, and scored as `sitrep eval codebook` scores (per item, per label).
"""

from __future__ import annotations

import argparse
import json
import sys
import zlib
from dataclasses import replace
from pathlib import Path
from typing import Any

from sitrep.eval.codebook import CodebookItem, ItemResult, load_codebook, score_codebook
from sitrep.extract import extract_parsed, parse_documents
from sitrep.extract.classifier import train
from sitrep.extract.subevent_model import load_settings, using
from sitrep.extract.subevent_training import TRAINING_DIR, item_examples, ucdp_examples
from sitrep.records import Document


def _fold(item: CodebookItem, k: int) -> int:
    return zlib.crc32(item.id.encode("utf-8")) % k


def _summary(figures: dict[str, Any]) -> dict[str, Any]:
    per = figures["sub_event_type"]["per_label"]
    return {
        "weighted_f1": round(figures["sub_event_type"]["weighted_f1"] or 0.0, 3),
        "events_with_any_event": figures["events_with_any_event"],
        "nonevents_without_violent_event": figures["nonevents_without_violent_event"],
        "per_type_f1": {s: round(v["f1"], 2) for s, v in per.items() if v["support"]},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=TRAINING_DIR)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--ucdp", type=Path, default=None)
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument(
        "--no-rules", action="store_true", help="skip the rules-alone baseline (a threshold grid)"
    )
    parser.add_argument(
        "--try",
        dest="variants",
        action="append",
        default=[],
        help="settings to try besides classifier.yaml's, e.g. new_p=0.7,damp_p=0.9",
    )
    args = parser.parse_args()
    base = load_settings()
    variants = {"rules+model": base}
    for spec in args.variants:
        pairs = dict(kv.split("=") for kv in spec.split(","))
        variants[spec] = replace(base, **{k: float(v) for k, v in pairs.items()})
    items = load_codebook(args.data)
    docs = [Document.from_text(i.text, ref=i.id, published=i.published) for i in items]
    parsed = list(parse_documents(docs))
    weak = ucdp_examples(args.ucdp) if args.ucdp else []
    rules: list[ItemResult] = []
    combined: dict[str, list[ItemResult]] = {name: [] for name in variants}
    for k in range(args.folds):
        train_items = [i for i in items if _fold(i, args.folds) != k]
        model = train(item_examples(train_items) + weak)
        print(f"fold {k + 1}/{args.folds}: trained", file=sys.stderr, flush=True)
        for item, (document, doc) in zip(items, parsed, strict=True):
            if _fold(item, args.folds) != k:
                continue
            if not args.no_rules:
                with using(None):
                    rules.append(ItemResult(item, extract_parsed(document, doc).events))
            for name, settings in variants.items():
                with using(model, settings):
                    events = extract_parsed(document, doc).events
                combined[name].append(ItemResult(item, events))
    out: dict[str, Any] = {
        "split": f"tuning ({args.folds}-fold CV on {args.data}, {len(items)} items)",
    }
    if rules:
        out["rules"] = _summary(score_codebook(rules))
    for name, results in combined.items():
        out[name] = _summary(score_codebook(results))
    text = json.dumps(out, indent=1)
    print(text)
    if args.json:
        args.json.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()

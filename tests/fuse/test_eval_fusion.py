"""Scoring fusion against a set of incidents, the FA-KES fusion set, and credibility metrics."""

from __future__ import annotations

import csv
import hashlib
from collections import defaultdict
from pathlib import Path

import pytest

from sitrep.eval.credibility import roc_auc
from sitrep.eval.fusion import FusionCase, load_fusion_set, score_fusion
from sitrep.records import Event
from testdata import SHARED_DATA

SET = Path(__file__).resolve().parents[1] / "data" / "fusion" / "fakes_dev_incidents.tsv"
DEV = SHARED_DATA / "fakes" / "dev.csv"


def _fused(event_id: str, docs: list[str]) -> Event:
    return Event(
        event_id=event_id,
        doc_ids=docs,
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
    )


def test_fusion_score_counts_pairs_of_different_outlets():
    cases = [
        FusionCase("a", "reuters", "x", "tuning"),
        FusionCase("b", "sana", "x", "tuning"),
        FusionCase("c", "trt", "x", "tuning"),
        FusionCase("d", "sana", None, "tuning"),
        FusionCase("e", "trt", None, "tuning"),
        FusionCase("f", "ahram", "y", "held-out"),
    ]
    ref_of = {f"doc-{c.unit_id}": c.unit_id for c in cases}
    fused = [
        _fused("fu-1", ["doc-a", "doc-b"]),  # right
        _fused("fu-2", ["doc-c", "doc-d"]),  # wrong
        _fused("fu-3", ["doc-d", "doc-b"]),  # same outlet: not scored
        _fused("fu-4", ["doc-e", "doc-f"]),  # f is held out: ignored
    ]
    figures = score_fusion(fused, ref_of, cases, "tune")
    assert (figures.gold_pairs, figures.linked_pairs, figures.correct_pairs) == (3, 2, 1)
    assert (figures.precision, figures.recall) == (0.5, 0.3333)
    assert figures.incidents_recovered == 0 and figures.fused_pure == 1
    assert figures.missed_links == ["a (reuters) + c (trt)", "b (sana) + c (trt)"]


def test_fusion_set_incidents_never_straddle_the_split():
    cases = load_fusion_set(SET)
    assert len(cases) == 300 and len({c.unit_id for c in cases}) == 300
    splits: dict[str, set[str]] = defaultdict(set)
    for case in cases:
        if case.incident:
            splits[case.incident].add(case.split)
    assert splits and all(len(s) == 1 for s in splits.values())
    assert {next(iter(s)) for s in splits.values()} == {"tuning", "held-out"}


@pytest.mark.skipif(not DEV.exists(), reason="shared FA-KES dev split not found")
def test_fusion_set_split_follows_its_written_rule():
    rows = {r["unit_id"]: r for r in csv.DictReader(DEV.open(encoding="utf-8"))}
    cases = load_fusion_set(SET)
    first_of: dict[str, str] = {}
    for case in sorted(cases, key=lambda c: c.unit_id):
        if case.incident:
            first_of.setdefault(case.incident, case.unit_id)
    for case in cases:
        row = rows[first_of[case.incident] if case.incident else case.unit_id]
        month, _day, year = row["date"].split("/")
        key = f"{row['location']}|20{int(year):02d}-{int(month):02d}"
        digit = int(hashlib.sha256(key.encode()).hexdigest()[0], 16)
        assert case.split == ("held-out" if digit >= 8 else "tuning"), case


def test_credibility_roc_auc_counts_ties_as_half():
    assert roc_auc([1, 0, 1, 0], [0.9, 0.1, 0.8, 0.2]) == 1.0
    assert roc_auc([1, 0], [0.5, 0.5]) == 0.5
    assert roc_auc([1, 1], [0.2, 0.3]) is None


def test_fusion_eval_split_names_match_the_other_eval_commands(tmp_path, make_report):
    import json

    from typer.testing import CliRunner

    from sitrep.cli import _register, app
    from sitrep.eval.fusion import split_name

    _register()
    # two outlets' reports of one strike (tuning half) and a distractor (held-out half), as
    # an extraction cache: the command reads it instead of extracting
    rows, lines = [], ["unit_id\tsource\tincident\tsplit"]
    for outlet, incident, split in (("Reuters", "x", "tuning"), ("SANA", "x", "tuning")) + (
        ("TRT", "", "held-out"),
    ):
        event, document = make_report(outlet, outlet, fatalities=5)
        document = document.model_copy(update={"ref": outlet.lower()})
        lines.append(f"{outlet.lower()}\t{outlet.lower()}\t{incident}\t{split}")
        rows.append(
            json.dumps(
                {
                    "document": document.model_dump(mode="json"),
                    "events": [event.model_dump(mode="json")],
                }
            )
        )
    cache, fusion_set = tmp_path / "cache.jsonl", tmp_path / "set.tsv"
    cache.write_text("\n".join(rows) + "\n", encoding="utf-8")
    fusion_set.write_text("\n".join(lines) + "\n", encoding="utf-8")
    runner = CliRunner()
    base = ["eval", "fusion", str(tmp_path / "unused.csv"), "--set", str(fusion_set)]
    base += ["--extractions", str(cache)]
    outputs = {}
    for split in ("tune", "tuning", "held-out"):
        result = runner.invoke(app, [*base, "--split", split])
        assert result.exit_code == 0, result.output
        outputs[split] = result.output
    assert outputs["tune"] == outputs["tuning"]  # an alias, with no warning
    assert outputs["tune"].startswith("tune: 2 articles, 1 incidents, 1 article pairs")
    assert "precision 1.0" in outputs["tune"] and "recall 1.0" in outputs["tune"]
    assert outputs["held-out"].startswith("held-out: 1 articles, 0 incidents")
    wrong = runner.invoke(app, [*base, "--split", "test"])
    assert wrong.exit_code != 0 and "E204" in wrong.output
    assert split_name("tuning") == split_name("tune") == "tune"
    with pytest.raises(ValueError):
        split_name("train")


def test_credibility_extraction_features_read_the_lead_event(make_report):
    from sitrep.eval.credibility import FEATURE_SETS, extraction_features

    lead, _ = make_report(
        "SANA",
        "a",
        fatalities=9,
        fatalities_min=9,
        fatalities_max=12,
        actor1="Military Forces of Syria (2000-)",
    )
    aside = lead.model_copy(update={"event_id": "aside", "sub_event_type": "Chemical weapon"})
    f = extraction_features([aside, lead], {lead.event_id})
    assert f["lead_air_strike"] == 1.0 and f["lead_chemical"] == 0.0  # the lead, not the aside
    assert f["lead_toll_known"] == f["lead_toll_range"] == f["lead_by_government"] == 1.0
    assert abs(f["lead_log_toll"] - 2.3026) < 1e-3 and f["lead_named_place"] == 1.0
    assert extraction_features([], set()) == dict.fromkeys(FEATURE_SETS["extraction"], 0.0)


def test_credibility_words_model_is_cross_validated():
    import numpy as np

    from sitrep.eval.credibility import _bags, _cross_validate_words

    # a word that marks the label (seen only in credible articles) is learnt from the other
    # folds; articles with nothing but noise words stay at chance
    rng = np.random.default_rng(1)
    noise = [f"word{chr(97 + i)}{chr(97 + j)}" for i in range(6) for j in range(6)]
    y = np.asarray([i % 2 for i in range(60)])
    texts = [" ".join([*rng.choice(noise, 8), "verified" if label else ""]) for label in y]
    probs, top = _cross_validate_words(_bags(texts), y, 5)
    assert (roc_auc(y, probs) or 0) > 0.95 and top[0].startswith("verified")
    plain = [" ".join(rng.choice(noise, 8)) for _ in y]
    probs, _ = _cross_validate_words(_bags(plain), y, 5)
    assert 0.2 < (roc_auc(y, probs) or 0) < 0.8

"""`sitrep eval fusion` and `sitrep eval credibility`: fusion and article credibility on FA-KES."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer

from sitrep.cli.eval import JsonOption, _write_json, eval_app
from sitrep.cli.options import run_cli, stderr

__all__ = ["fusion_eval_cli", "credibility_eval_cli"]

CacheOption = Annotated[
    Path | None,
    typer.Option(
        "--extractions",
        help="JSON Lines cache of the articles' extractions: read if it exists, else written.",
    ),
]


@eval_app.command("fusion")
@run_cli
def fusion_eval_cli(
    csv_path: Annotated[Path, typer.Argument(metavar="CSV", help="FA-KES-format CSV.")],
    fusion_set: Annotated[
        Path,
        typer.Option("--set", help="Fusion set TSV (unit_id, source, incident, split)."),
    ],
    split: Annotated[
        str,
        typer.Option(
            "--split",
            help="Which half: tune (alias: tuning) or held-out. Measure held-out at most once, "
            "at the end.",
        ),
    ] = "tune",
    cache: CacheOption = None,
    json_out: JsonOption = None,
) -> None:
    """Fuse one half of a fusion set and score it: do two articles share a fused event?

    Prints pairwise precision and recall over articles of different outlets, incidents
    recovered whole, and how many multi-article fused events hold one incident only.

    Example: sitrep eval fusion ../shared/data/fakes/dev.csv
        --set tests/data/fusion/fakes_dev_incidents.tsv --split tune
    """
    from sitrep.errors import ConfigError
    from sitrep.eval.fusion import (
        SPLIT_NAMES,
        evaluate_fusion,
        extract_articles,
        in_split,
        load_fusion_set,
    )

    if split not in SPLIT_NAMES:
        raise ConfigError("--split is tune (or tuning) or held-out.", code="E204")
    cases = load_fusion_set(fusion_set)
    refs = {c.unit_id for c in cases if in_split(c, split)}
    documents, events = extract_articles(csv_path, cache=cache, refs=None if cache else refs)
    figures = evaluate_fusion(documents, events, cases, split)
    if _write_json(asdict(figures), json_out):
        return
    typer.echo(
        f"{figures.split}: {figures.articles} articles, {figures.incidents} incidents, "
        f"{figures.gold_pairs} article pairs of one incident\n"
        f"pairwise precision {figures.precision} ({figures.correct_pairs}/{figures.linked_pairs}"
        f" linked pairs right), recall {figures.recall} ({figures.correct_pairs}/"
        f"{figures.gold_pairs})\n"
        f"incidents recovered whole: {figures.incidents_recovered}/{figures.incidents}; "
        f"multi-article fused events holding one incident only: {figures.fused_pure}/"
        f"{figures.fused_multi_article}"
    )
    for line in figures.wrong_links[:20]:
        stderr.print(f"wrong link: {line}", highlight=False)
    for line in figures.missed_links[:20]:
        stderr.print(f"missed link: {line}", highlight=False)


@eval_app.command("credibility")
@run_cli
def credibility_eval_cli(
    csv_path: Annotated[Path, typer.Argument(metavar="CSV", help="FA-KES-format CSV.")],
    folds: Annotated[int, typer.Option("--folds", min=2, help="Cross-validation folds.")] = 5,
    cache: CacheOption = None,
    json_out: JsonOption = None,
) -> None:
    """Score FA-KES articles' credibility against their credible/fake labels.

    Reports the ROC AUC and accuracy of the fuse stage's unfitted score, of a logistic
    regression under stratified k-fold cross-validation per feature set, each feature's own
    AUC and the regression's standardised weights.

    Example: sitrep eval credibility ../shared/data/fakes/dev.csv --folds 5
    """
    from sitrep.eval.credibility import evaluate_credibility

    figures = evaluate_credibility(csv_path, folds=folds, cache=cache)
    if _write_json(asdict(figures), json_out):
        return
    typer.echo(
        f"{figures.articles} articles ({figures.credible} credible); majority-class accuracy "
        f"{figures.majority_accuracy}\n"
        f"fuse credibility score (nothing fitted): AUC {figures.rule_auc}, accuracy at 0.5 "
        f"{figures.rule_accuracy}"
    )
    for name, result in figures.by_feature_set.items():
        typer.echo(
            f"logistic regression, {figures.folds}-fold CV, {name} features: "
            f"AUC {result['auc']}, accuracy {result['accuracy']}"
        )
    single = ", ".join(f"{k} {v}" for k, v in figures.single_feature_auc.items())
    typer.echo(f"each feature alone (AUC): {single}")
    top = sorted(figures.weights.items(), key=lambda kv: -abs(kv[1]))[:8]
    typer.echo("largest standardised weights: " + ", ".join(f"{k} {v:+.2f}" for k, v in top))
    typer.echo("words model, largest weights (last fold): " + ", ".join(figures.word_weights))

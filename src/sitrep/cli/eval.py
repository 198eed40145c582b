"""`sitrep eval`: score sitrep against human coders (FA-KES, ACLED, expected-events files)."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from sitrep.cli import app
from sitrep.cli.options import run_cli, stderr

__all__ = ["eval_app"]

eval_app = typer.Typer(
    help="Score sitrep against human coding (FA-KES, ACLED, UCDP GED, expected-events files).",
    no_args_is_help=True,
)
app.add_typer(eval_app, name="eval")


@eval_app.callback()
@run_cli
def eval_callback() -> None:
    """Check, before any extraction, that the extra `sitrep eval` needs is installed."""
    from sitrep.extras import require

    require("scipy.optimize", "eval", "sitrep eval")


JsonOption = Annotated[
    Path | None,
    typer.Option("--json", help="Also write the figures as JSON to this file ('-': stdout only)."),
]
LimitOption = Annotated[
    int | None, typer.Option("--limit", "-n", min=1, help="Score only the first N inputs.")
]
WorkersOption = Annotated[
    int, typer.Option("--workers", "-w", min=1, help="Extraction worker processes.")
]
SplitOption = Annotated[
    str | None,
    typer.Option(
        "--split",
        help="tune, held-out or all (docs/evaluation.md; default: tune for a known corpus, all "
        "for another file). Measure held-out at most once, at the end.",
    ),
]
SpreadOption = Annotated[
    bool,
    typer.Option(
        "--spread", "--sample", help="With --limit: take inputs evenly spaced over the split."
    ),
]


def _write_json(figures: Any, target: Path | None) -> bool:
    """Write figures as JSON; return True when they went to stdout (so tables should not)."""
    if target is None:
        return False
    text = json.dumps(figures, indent=2, default=str, ensure_ascii=False)
    if str(target) == "-":
        sys.stdout.write(text + "\n")
        return True
    target.write_text(text + "\n", encoding="utf-8")
    stderr.print(f"figures written to {target}")
    return False


@eval_app.command("fakes")
@run_cli
def fakes_cli(
    csv_path: Annotated[Path, typer.Argument(metavar="CSV", help="FA-KES-format CSV.")],
    json_out: JsonOption = None,
    limit: LimitOption = None,
    worst_k: Annotated[int, typer.Option("--worst", min=0, help="List the K worst misses.")] = 10,
    workers: WorkersOption = 1,
    split: SplitOption = None,
) -> None:
    """Score sitrep against FA-KES's crowd coding, article by article.

    Example: sitrep eval fakes ../shared/data/fakes/dev.csv --limit 50 --json fakes.json
    """
    from sitrep.eval.fakes import evaluate_fakes, worst
    from sitrep.eval.report import fakes_tables, print_tables

    figures, results = evaluate_fakes(csv_path, limit=limit, workers=workers, split=split)
    misses = worst(results, worst_k)
    figures["worst"] = [
        {
            "unit_id": r.gold.unit_id,
            "title": r.gold.title,
            "misses": r.misses(),
            "gold": {
                **{k: v for k, v in asdict(r.gold).items() if k not in {"text", "counts"}},
                **r.gold.counts,
            },
            "predicted": r.predicted,
            "evidence": r.evidence,
            "error": r.error,
        }
        for r in misses
    ]
    if not _write_json(figures, json_out):
        print_tables(fakes_tables(figures, misses))


@eval_app.command("acled")
@run_cli
def acled_cli(
    csv_path: Annotated[
        Path, typer.Argument(metavar="CSV_OR_CSV_GZ", help="ACLED export with a notes column.")
    ],
    json_out: JsonOption = None,
    limit: LimitOption = None,
    workers: WorkersOption = 1,
    confusion: Annotated[
        bool, typer.Option("--confusion", help="Print the type confusion matrices.")
    ] = False,
    spread: SpreadOption = False,
    split: SplitOption = None,
) -> None:
    """Score sitrep on ACLED notes against ACLED's coding of them.

    Example: sitrep eval acled acled_syria_battles_2017_2023.csv.gz --split tune --limit 200
    """
    from sitrep.eval.acled import evaluate_acled
    from sitrep.eval.report import acled_tables, print_tables

    figures = evaluate_acled(csv_path, limit=limit, workers=workers, spread=spread, split=split)
    if not _write_json(figures, json_out):
        print_tables(acled_tables(figures, confusion))


@eval_app.command("ucdp")
@run_cli
def ucdp_cli(
    csv_path: Annotated[
        Path, typer.Argument(metavar="GED_CSV_OR_CSV_GZ", help="UCDP GED export (Syria rows).")
    ],
    json_out: JsonOption = None,
    limit: LimitOption = None,
    workers: WorkersOption = 1,
    spread: SpreadOption = False,
    split: SplitOption = None,
) -> None:
    """Score sitrep on UCDP GED Syria source headlines against UCDP's coding of them.

    Example: sitrep eval ucdp ../shared/data/ucdp-ged/ged.csv.gz --split tune --limit 200 --spread
    """
    from sitrep.eval.report import print_tables, ucdp_tables
    from sitrep.eval.ucdp import evaluate_ucdp

    figures = evaluate_ucdp(csv_path, split=split, limit=limit, spread=spread, workers=workers)
    if not _write_json(figures, json_out):
        print_tables(ucdp_tables(figures))


@eval_app.command("expected")
@run_cli
def expected_cli(
    expected_path: Annotated[Path, typer.Argument(metavar="EXPECTED.yaml")],
    article: Annotated[Path, typer.Argument(metavar="ARTICLE", help="The article's text file.")],
    published: Annotated[
        str | None,
        typer.Option("--published", help="Publication date YYYY-MM-DD (default: the file's)."),
    ] = None,
    source: Annotated[
        str | None, typer.Option("--source", help="Outlet (default: the file's document.source).")
    ] = None,
    json_out: JsonOption = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit with code 2 unless everything matches.")
    ] = False,
) -> None:
    """Check sitrep's events for one article against an expected-events file.

    Example: sitrep eval expected aleppo-siege-broken.expected.yaml aleppo-siege-broken.txt
    """
    from sitrep.errors import ConfigError
    from sitrep.eval.expected import check_expected
    from sitrep.eval.report import expected_tables, print_tables

    try:
        when = date.fromisoformat(published) if published else None
    except ValueError as exc:
        raise ConfigError(f"--published {published!r} is not YYYY-MM-DD", code="E202") from exc
    report = check_expected(expected_path, article, published=when, source=source)
    if not _write_json(report, json_out):
        print_tables(expected_tables(report))
    if strict and not report["summary"]["passed"]:
        raise typer.Exit(code=2)


@eval_app.command("codebook")
@run_cli
def codebook_cli(
    corpus: Annotated[
        Path, typer.Argument(metavar="DIR", help="The codebook corpus folder (or one YAML file).")
    ] = Path("tests/data/codebook"),
    json_out: JsonOption = None,
    limit: LimitOption = None,
    worst_k: Annotated[int, typer.Option("--worst", min=0, help="List the N worst misses.")] = 10,
    workers: WorkersOption = 1,
) -> None:
    """Score sitrep on the held-out codebook corpus (ACLED's 25 sub-event types, non-events).

    Example: sitrep eval codebook tests/data/codebook --worst 20 --json codebook.json
    """
    from sitrep.eval.codebook import codebook_tables, evaluate_codebook, worst
    from sitrep.eval.report import print_tables

    figures, results = evaluate_codebook(corpus, limit=limit, workers=workers)
    misses = worst(results, worst_k)
    figures["worst"] = [
        {
            "id": r.item.id,
            "country": r.item.country,
            "misses": r.misses,
            "text": r.item.text,
            "gold": sorted({e.sub_event_type for e in r.item.events}),
            "predicted": [e.sub_event_type for e in r.events],
        }
        for r in misses
    ]
    if not _write_json(figures, json_out):
        print_tables(codebook_tables(figures, misses))


# `eval fusion` and `eval credibility` live in their own module (the fuse stage's).
from sitrep.cli import eval_fusion as _eval_fusion  # noqa: E402,F401

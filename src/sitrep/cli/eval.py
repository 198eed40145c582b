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
    help="Score sitrep against human coding (FA-KES, ACLED, expected-events files).",
    no_args_is_help=True,
)
app.add_typer(eval_app, name="eval")

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
) -> None:
    """Score sitrep against FA-KES's crowd coding, article by article.

    Example: sitrep eval fakes ../shared/data/fakes/dev.csv --limit 50 --json fakes.json
    """
    from sitrep.eval.fakes import evaluate_fakes, worst
    from sitrep.eval.report import fakes_tables, print_tables

    figures, results = evaluate_fakes(csv_path, limit=limit, workers=workers)
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
    spread: Annotated[
        bool,
        typer.Option("--spread", help="With --limit: take notes evenly spaced over the file."),
    ] = False,
) -> None:
    """Score sitrep on ACLED notes against ACLED's coding of them.

    Example: sitrep eval acled acled_export.csv.gz --limit 200 --json acled.json
    """
    from sitrep.eval.acled import evaluate_acled
    from sitrep.eval.report import acled_tables, print_tables

    figures = evaluate_acled(csv_path, limit=limit, workers=workers, spread=spread)
    if not _write_json(figures, json_out):
        print_tables(acled_tables(figures, confusion))


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


# `eval fusion` and `eval credibility` live in their own module (the fuse stage's).
from sitrep.cli import eval_fusion as _eval_fusion  # noqa: E402,F401

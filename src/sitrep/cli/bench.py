"""`sitrep bench`: articles/s and words/s end to end, against the bare spaCy pipeline."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from sitrep.cli import app
from sitrep.cli.options import run_cli, stderr

__all__ = ["bench_cli", "bench_tables"]


def bench_tables(result: dict[str, Any]) -> list[Table]:
    """Return the benchmark as rich tables: runs, then the sitrep/spaCy ratios."""
    m, c = result["machine"], result["corpus"]
    runs = Table(
        title=f"Throughput on {c['path']} ({c['articles']} articles, {c['words']:,} words); "
        f"{m['usable_cores']} usable of {m['cores']} cores, load {m['load_average'][0]:.2f}; "
        f"Python {m['python']}, {m['model']}, nlp.pipe batch {m.get('spacy_batch_size')}. "
        "w: workers; CPU s: workers' CPU time (art/CPU s: articles per CPU second); "
        "load: s to load + warm up; RSS/w: peak of the largest worker, RSS sum: "
        "over workers (MB)",
        title_justify="left",
    )
    # Short headers: w = workers, CPU s = the workers' summed CPU time, load = seconds to load
    # and warm up, RSS/w = peak RSS of the largest worker, RSS sum = summed over workers (MB).
    cols = ("pipeline", "w", "seconds", "art/s", "words/s", "CPU s", "art/CPU s", "load", "RSS/w")
    for col in (*cols, "RSS sum", "err"):
        runs.add_column(col, justify="left" if col == "pipeline" else "right")
    for r in result["runs"]:
        runs.add_row(
            r["pipeline"],
            str(r["workers"]),
            f"{r['seconds']:.2f}",
            f"{r['articles_per_s']:.2f}",
            f"{r['words_per_s']:,.0f}",
            f"{r.get('cpu_seconds', 0.0):.2f}",
            f"{r.get('articles_per_cpu_s', 0.0):.2f}",
            f"{r['load_s']:.1f}",
            f"{r['peak_rss_mb_worker']:.0f}",
            f"{r['peak_rss_mb_total']:.0f}",
            str(r["errors"]),
        )
    ratios = Table(
        title="sitrep throughput ÷ bare spaCy's (per CPU second; per wall second)",
        title_justify="left",
    )
    ratios.add_column("workers", justify="right")
    ratios.add_column("per CPU s", justify="right")
    ratios.add_column("per wall s", justify="right")
    wall = result.get("wall_ratios", {})
    for n, ratio in result["ratios"].items():
        ratios.add_row(str(n), f"{ratio:.2f}×", f"{wall[n]:.2f}×" if n in wall else "-")
    return [runs, ratios] if result["ratios"] else [runs]


@app.command("bench")
@run_cli
def bench_cli(
    corpus: Annotated[
        Path | None,
        typer.Argument(
            help="CSV(.gz) with article_content/text/notes, JSONL, .txt or a folder "
            "of .txt (default: ../shared/data/fakes/dev.csv)."
        ),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers", "-w", min=1, help="Worker processes of the second run [bench.workers: 2]."
        ),
    ] = None,
    limit: Annotated[
        int | None, typer.Option("--limit", "-n", min=1, help="Use the first N texts.")
    ] = None,
    no_spacy: Annotated[bool, typer.Option("--no-spacy", help="Skip the bare spaCy runs.")] = False,
    json_out: Annotated[
        Path | None, typer.Option("--json", help="Write the figures as JSON.")
    ] = None,
) -> None:
    """Measure throughput (articles/s, words/s, peak RSS) with 1 and N workers, against spaCy.

    Example: sitrep bench ../shared/data/fakes/dev.csv --workers 2 --limit 100
    """
    from sitrep.config import load_config
    from sitrep.eval.bench import default_corpus, run_benchmark

    settings = load_config().get("bench", {})
    path = corpus or (Path(settings["corpus"]) if settings.get("corpus") else default_corpus())
    n_workers = workers or int(settings.get("workers", 2))
    stderr.print(f"benchmarking {path} with 1 and {n_workers} workers ...")
    result = run_benchmark(path, workers=n_workers, limit=limit, spacy=not no_spacy)
    console = Console(width=max(Console().width, 120))  # the runs table is 11 columns wide
    for table in bench_tables(result):
        console.print(table)
    if json_out is not None:
        json_out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
        stderr.print(f"figures written to {json_out}")

"""Evaluation: sitrep against human coders (FA-KES, ACLED, expected-events files), and its speed.

    from sitrep.eval import evaluate_fakes, evaluate_acled, check_expected, run_benchmark
    figures, results = evaluate_fakes(Path("../shared/data/fakes/dev.csv"), limit=50)

How each score is defined (the FA-KES mapping, the expected-events format): docs/evaluation.md.
"""

from __future__ import annotations

from sitrep.eval.acled import evaluate_acled, score_acled
from sitrep.eval.bench import run_benchmark
from sitrep.eval.expected import check_expected, compare, load_expected
from sitrep.eval.fakes import evaluate_fakes, score_fakes

__all__ = [
    "evaluate_fakes",
    "score_fakes",
    "evaluate_acled",
    "score_acled",
    "check_expected",
    "compare",
    "load_expected",
    "run_benchmark",
]

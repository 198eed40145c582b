"""Under CI=true the suite cannot be green by accident: a skip fails, naming what is missing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED_TESTS = "tests/extract/test_seed.py"


def _pytest(tmp_path: Path, ci: str) -> subprocess.CompletedProcess[str]:
    """Run the seed tests in a fresh pytest with no shared data and CI set to `ci`."""
    environ = {**os.environ, "SITREP_SHARED": str(tmp_path / "no-shared"), "CI": ci}
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-x",
            "-p",
            "no:randomly",
            "-p",
            "no:cacheprovider",
            SEED_TESTS,
        ],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        check=False,
    )


def test_ci_missing_shared_data_fails_under_ci(tmp_path: Path) -> None:
    result = _pytest(tmp_path, "true")
    assert result.returncode == 1, result.stdout
    assert "CI=true: a skip is a failure here: shared seed data not found" in result.stdout


def test_ci_missing_shared_data_skips_outside_ci(tmp_path: Path) -> None:
    result = _pytest(tmp_path, "false")
    assert result.returncode == 0, result.stdout
    assert "skipped" in result.stdout and "failed" not in result.stdout

"""CLI test helpers: run `sitrep` in-process (typer's CliRunner) with stdout and stderr apart."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from click.testing import Result
from typer.testing import CliRunner

import sitrep.cli.db
import sitrep.cli.events
import sitrep.cli.extract
import sitrep.cli.ingest  # noqa: F401  (each import registers its commands on the app)
from sitrep.cli import app

Run = Callable[..., Result]


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch) -> Run:
    """Invoke `sitrep ARGS...`; returns click's Result (exit_code, stdout, stderr)."""
    monkeypatch.delenv("SITREP_DB", raising=False)
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None) -> Result:
        return runner.invoke(app, list(args), input=input, catch_exceptions=False)

    return invoke

"""Each optional part, used without its extra, says in one line which extra to install.

The missing package is simulated in a fresh interpreter with `sys.modules[name] = None`, which
makes its import fail as if it were not installed.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

OPTIONAL = ("fastapi", "uvicorn", "jinja2", "pyarrow", "dask", "distributed", "psycopg", "scipy")


def _run(blocked: tuple[str, ...], code: str) -> subprocess.CompletedProcess[str]:
    """Run `code` in a new interpreter where the `blocked` modules cannot be imported."""
    script = f"import sys\nfor name in {blocked!r}:\n    sys.modules[name] = None\n"
    script += textwrap.dedent(code)
    return subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )


def _cli(blocked: tuple[str, ...], *args: str) -> subprocess.CompletedProcess[str]:
    return _run(
        blocked, f"sys.argv = ['sitrep', *{list(args)!r}]\nfrom sitrep.cli import main\nmain()"
    )


def test_extras_core_cli_without_any_extra() -> None:
    result = _cli(OPTIONAL, "--help")
    assert result.returncode == 0, result.stderr
    for command in ("extract", "ingest", "export", "serve", "eval"):
        assert command in result.stdout
    core = _run(OPTIONAL, "import sitrep.extract, sitrep.export, sitrep.store, sitrep.ingest")
    assert core.returncode == 0, core.stderr


@pytest.mark.parametrize(
    ("blocked", "args", "message"),
    [
        (
            "fastapi",
            ("serve", "--db", ":memory:", "--get", "/api/health"),
            "sitrep serve needs fastapi, which is not installed: pip install 'sitrep[serve]'",
        ),
        (  # before any extraction, not after it
            "scipy",
            ("eval", "acled", "no-such-file.csv"),
            "sitrep eval needs scipy, which is not installed: pip install 'sitrep[eval]'",
        ),
    ],
)
def test_extras_cli_names_the_extra(blocked: str, args: tuple[str, ...], message: str) -> None:
    result = _cli((blocked,), *args)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [f"error: [E250] {message}"]


@pytest.mark.parametrize(
    ("blocked", "code", "extra"),
    [
        (
            "pyarrow",
            "from sitrep.export import export_events\nexport_events([], 'parquet', 'x.parquet')",
            "parquet",
        ),
        (
            "distributed",
            "from sitrep.scale.dask_engine import dask_client\ndask_client(1, None)",
            "scale",
        ),
        (
            "psycopg",
            "from sitrep.store import open_store\nopen_store('postgresql://u@h/db')",
            "postgres",
        ),
        ("scipy", "from sitrep.eval.metrics import assign\nassign([[1.0]])", "eval"),
    ],
)
def test_extras_missing_module_names_its_extra(blocked: str, code: str, extra: str) -> None:
    result = _run((blocked,), code)
    assert result.returncode == 1
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("sitrep.extras.MissingExtraError: [E250] ")
    assert last.endswith(f"pip install 'sitrep[{extra}]'")

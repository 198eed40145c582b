"""Fixtures shared by every stage's tests.

- `fresh_store`: an empty in-memory SQLite store.
- `db_path`: a path for a SQLite file in the test's tmp folder.
- `pg_url`: a PostgreSQL URL with a fresh, empty schema of its own; skips (with the reason)
  unless SITREP_TEST_PG_URL is set. `.ci/run` sets it to a database made for the run.
- `any_store_url`: parametrized over SQLite and PostgreSQL, for tests that must pass on both.
- `seed_text_path`: the canonical article in the shared data (skips if absent).
- `chromium`: Debian's chromium for the browser tests (skips if absent).

The shared data is found in one place, tests/testdata.py: $SITREP_SHARED/data, else
../shared/data beside the repository. Tests marked `postgres` are skipped unless
SITREP_TEST_PG_URL is set.

Under `CI=true` every skip is a failure naming what is missing (a dataset, chromium, the
PostgreSQL URL, an optional package): a suite missing its parts must not pass.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from sitrep.store import Store, open_store
from testdata import CHROMIUM, CI, shared_file

PG_ENV = "SITREP_TEST_PG_URL"
PG_SKIP_REASON = f"PostgreSQL tests need {PG_ENV}=postgresql://user@host:5432/db (.ci/run sets it)"


def _skip_reason(longrepr: object) -> str:
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        return str(longrepr[2]).removeprefix("Skipped: ")
    return str(longrepr)


def _fail_skip(report: pytest.TestReport | pytest.CollectReport) -> None:
    """Under CI=true, turn a skip into a failure that says what is missing."""
    if CI and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"CI=true: a skip is a failure here: {_skip_reason(report.longrepr)}"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """Under CI=true a skipped test fails (missing data, chromium, PostgreSQL, a package)."""
    outcome = yield
    _fail_skip(outcome.get_result())


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(collector: pytest.Collector) -> Iterator[None]:
    """Under CI=true a module skipped at import (importorskip) fails too."""
    outcome = yield
    _fail_skip(outcome.get_result())


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip tests marked `postgres` when no PostgreSQL URL is given."""
    if os.environ.get(PG_ENV):
        return
    skip = pytest.mark.skip(reason=PG_SKIP_REASON)
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def fresh_store() -> Iterator[Store]:
    """An empty event store in memory (SQLite)."""
    store = open_store(":memory:")
    yield store
    store.close()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A SQLite database file path (not created yet)."""
    return tmp_path / "sitrep.db"


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A PostgreSQL URL whose search_path is a new empty schema, dropped after the test."""
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(PG_SKIP_REASON)
    import sqlalchemy as sa

    from sitrep.store import normalise_url

    schema = f"sitrep_test_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(normalise_url(base), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in base else "?"
    try:
        yield f"{base}{separator}options=-csearch_path%3D{schema}"
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def any_store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A new database URL: a SQLite file, then (when available) a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'any.db'}"
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture
def any_store(any_store_url: str) -> Iterator[Store]:
    """An empty store on SQLite, then on PostgreSQL."""
    store = open_store(any_store_url)
    yield store
    store.close()


@pytest.fixture
def seed_text_path() -> Path:
    """The canonical seed article (seed/aleppo-siege-broken.txt in the shared data)."""
    return shared_file("seed/aleppo-siege-broken.txt")


@pytest.fixture(scope="session")
def chromium() -> Path:
    """Debian's chromium ($SITREP_CHROMIUM, else /usr/bin/chromium); skips when absent."""
    if not CHROMIUM.exists():
        pytest.skip(f"the browser tests need Debian's chromium at {CHROMIUM} (set SITREP_CHROMIUM)")
    return CHROMIUM

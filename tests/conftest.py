"""Fixtures shared by every stage's tests.

- `fresh_store`: an empty in-memory SQLite store.
- `db_path`: a path for a SQLite file in the test's tmp folder.
- `pg_url`: a PostgreSQL URL with a fresh, empty schema of its own; skips (with the reason)
  unless SITREP_TEST_PG_URL is set. `.ci/run` sets it to a database made for the run.
- `any_store_url`: parametrized over SQLite and PostgreSQL, for tests that must pass on both.
- `seed_text_path`: the canonical article in ../shared/data/seed (skips if absent).

Tests marked `postgres` are skipped unless SITREP_TEST_PG_URL is set.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from sitrep.store import Store, open_store

PG_ENV = "SITREP_TEST_PG_URL"
PG_SKIP_REASON = f"PostgreSQL tests need {PG_ENV}=postgresql://user@host:5432/db (.ci/run sets it)"
SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


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
    """The canonical seed article (../shared/data/seed/aleppo-siege-broken.txt)."""
    path = SHARED_DATA / "seed" / "aleppo-siege-broken.txt"
    if not path.exists():
        pytest.skip(f"shared seed data not found at {path}")
    return path

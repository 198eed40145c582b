"""Schema versions: new databases start at head, old ones are refused until `sitrep db upgrade`."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from sitrep.errors import StoreError
from sitrep.store import create_engine, head_revision, normalise_url, open_store, upgrade
from sitrep.store.migrate import alembic_config, current_revision
from sitrep.store.schema import metadata


def test_migrations_match_the_schema(any_store_url: str) -> None:
    """Running the migrations gives exactly the tables of schema.py (no forgotten revision)."""
    engine = create_engine(normalise_url(any_store_url))
    before, after = upgrade(engine)
    assert (before, after) == (None, head_revision())
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    engine.dispose()
    assert diff == []


def test_migrations_new_database_is_created_at_head(any_store_url: str) -> None:
    open_store(any_store_url).close()
    engine = create_engine(normalise_url(any_store_url))
    with engine.connect() as conn:
        assert current_revision(conn) == head_revision()
        assert {"documents", "events", "event_documents"} <= set(sa.inspect(conn).get_table_names())
    assert upgrade(engine) == (head_revision(), head_revision())
    engine.dispose()


def test_migrations_old_database_is_refused_until_upgraded(any_store_url: str) -> None:
    open_store(any_store_url).close()
    engine = create_engine(normalise_url(any_store_url))
    with engine.begin() as conn:
        command.downgrade(alembic_config(connection=conn), "base")
    with pytest.raises(StoreError, match="sitrep db upgrade"):
        open_store(any_store_url)
    upgrade(engine)
    engine.dispose()
    with open_store(any_store_url) as store:
        assert store.stats()["documents"] == 0


def test_migrations_foreign_tables_are_not_upgraded(db_path) -> None:
    engine = create_engine(normalise_url(str(db_path)))
    with engine.begin() as conn:
        conn.execute(sa.text("CREATE TABLE documents (id TEXT PRIMARY KEY)"))
    with pytest.raises(StoreError, match="not made by sitrep"):
        upgrade(engine)
    with pytest.raises(StoreError, match="sitrep db upgrade"):
        open_store(str(db_path))
    engine.dispose()

"""Schema versions: new databases start at head, old ones are refused until `sitrep db upgrade`."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from typer.testing import CliRunner

import sitrep.cli.db  # noqa: F401  (registers `sitrep db`)
from sitrep.cli import app
from sitrep.errors import StoreError
from sitrep.records import Event, Evidence
from sitrep.store import (
    EventQuery,
    create_engine,
    head_revision,
    normalise_url,
    open_store,
    upgrade,
)
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


def _database_at_0001(url: str) -> None:
    """Make a database at revision 0001 holding one document and two events, as 0001 wrote them."""
    from datetime import UTC, datetime

    engine = create_engine(normalise_url(url))
    with engine.begin() as conn:
        command.upgrade(alembic_config(connection=conn), "0001")
        conn.execute(
            sa.text("INSERT INTO documents (id, text, ingested_at) VALUES ('d1', 'text', :at)"),
            {"at": datetime(2026, 1, 1, tzinfo=UTC)},
        )
        for n, (actor, admin1) in enumerate([("ÉTAT Islamique", "Aleppo"), ("Rebels", "IDLEB")]):
            event = Event(
                event_id=f"e{n}",
                doc_ids=["d1"],
                event_type="Battles",
                sub_event_type="Armed clash",
                actor1=actor,
                admin1=admin1,
                latitude=36.0 + n,
                longitude=37.0,
                evidence=[Evidence(field="actor1", text=actor, doc_id="d1", start=0, end=4)],
            )
            conn.execute(
                sa.text(
                    "INSERT INTO events (layer, event_id, doc_id, event_type, sub_event_type, "
                    "actor1, admin1, latitude, longitude, contested, data) VALUES ('report', "
                    ":id, 'd1', 'Battles', 'Armed clash', :actor, :admin1, :lat, 37.0, :no, :data)"
                ),
                {
                    "id": event.event_id,
                    "actor": actor,
                    "admin1": admin1,
                    "lat": event.latitude,
                    "no": False,
                    "data": json.dumps(event.model_dump(mode="json")),
                },
            )
            conn.execute(
                sa.text(
                    "INSERT INTO event_documents (layer, event_id, doc_id) "
                    "VALUES ('report', :id, 'd1')"
                ),
                {"id": event.event_id},
            )
    engine.dispose()


def test_migrations_0001_database_upgrades_with_the_cli(any_store_url: str) -> None:
    """A 0001 database with events: refused, then `sitrep db upgrade` keeps every event and
    fills the lower-case filter columns (Unicode-aware, unlike SQLite's lower())."""
    _database_at_0001(any_store_url)
    with pytest.raises(StoreError, match="sitrep db upgrade"):
        open_store(any_store_url)
    result = CliRunner().invoke(app, ["db", "upgrade", "--db", any_store_url])
    assert result.exit_code == 0, result.output
    assert f"upgraded from 0001 to schema version {head_revision()}" in result.output
    with open_store(any_store_url) as store:
        assert store.count_events() == 2
        found = store.query_events(EventQuery(actor="état"))
        assert [e.event_id for e in found] == ["e0"]
        assert found[0].evidence[0].text == "ÉTAT Islamique" and found[0].doc_ids == ["d1"]
        assert [e.event_id for e in store.query_events(EventQuery(admin1="idleb"))] == ["e1"]
        assert store.count_events(EventQuery(near=(37.0, 37.0, 5))) == 1
    engine = create_engine(normalise_url(any_store_url))
    with engine.connect() as conn:
        indexes = {ix["name"] for ix in sa.inspect(conn).get_indexes("events")}
        assert compare_metadata(MigrationContext.configure(conn), metadata) == []
    engine.dispose()
    assert {"ix_events_admin1", "ix_events_lat_lon", "ix_events_actors"} <= indexes


def test_migrations_downgrade_to_0001_keeps_events(any_store_url: str) -> None:
    _database_at_0001(any_store_url)
    engine = create_engine(normalise_url(any_store_url))
    upgrade(engine)
    with engine.begin() as conn:
        command.downgrade(alembic_config(connection=conn), "0001")
        assert current_revision(conn) == "0001"
        data = conn.execute(sa.text("SELECT data FROM events ORDER BY event_id")).scalars().all()
        assert "event_data" not in sa.inspect(conn).get_table_names()
    engine.dispose()
    parsed = [json.loads(d) if isinstance(d, str) else d for d in data]
    assert [d["actor1"] for d in parsed] == ["ÉTAT Islamique", "Rebels"]

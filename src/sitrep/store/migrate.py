"""Schema versions: create a new database at head, refuse an old one, upgrade on request.

A new (empty) database is created from `schema.metadata` and stamped with Alembic's head, so
`sitrep db upgrade` has nothing to do on it. A database at an older revision is refused with a
StoreError that says to run `sitrep db upgrade`.
"""

from __future__ import annotations

from functools import lru_cache

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from sitrep.errors import StoreError
from sitrep.store.schema import metadata

__all__ = ["alembic_config", "head_revision", "current_revision", "ensure_schema", "upgrade"]


def alembic_config(connection: sa.Connection | None = None, url: str | None = None) -> Config:
    """Return an Alembic Config for sitrep's migrations (no alembic.ini needed).

    connection (Connection | None): run on this open connection.
    url (str | None): or on a new engine for this URL.
    RETURNS (Config): the configuration.
    """
    config = Config()
    config.set_main_option("script_location", "sitrep.store:migrations")
    if url is not None:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@lru_cache(maxsize=1)
def head_revision() -> str:
    """Return the newest migration's revision id.

    RETURNS (str): e.g. "0001".
    """
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:  # pragma: no cover - the package ships its revisions
        raise StoreError("sitrep's migrations are missing from the package.", code="E301")
    return head


def current_revision(connection: sa.Connection) -> str | None:
    """Return the revision a database is at, None when it has no version table."""
    return MigrationContext.configure(connection).get_current_revision()


def ensure_schema(engine: sa.Engine, url_for_messages: str) -> None:
    """Create a new database at head, or check that an existing one is at head.

    engine (Engine): the store's engine.
    url_for_messages (str): the database as the user named it, for error messages.
    """
    with engine.begin() as conn:
        tables = set(sa.inspect(conn).get_table_names())
        if "alembic_version" not in tables and "documents" not in tables:
            metadata.create_all(conn)
            command.stamp(alembic_config(connection=conn), "head")
            return
        current = current_revision(conn)
    head = head_revision()
    if current != head:
        raise StoreError(
            f"The database {url_for_messages} is at schema version {current or 'unknown'}, "
            f"this sitrep needs {head}. Run `sitrep db upgrade --db {url_for_messages}` "
            "(back the database up first).",
            code="E302",
        )


def upgrade(engine: sa.Engine) -> tuple[str | None, str]:
    """Run the migrations of a database up to head (a new database is created at head).

    engine (Engine): the database.
    RETURNS (tuple): (revision before, revision after).
    """
    with engine.begin() as conn:
        before = current_revision(conn)
        tables = set(sa.inspect(conn).get_table_names())
        if before is None and "documents" in tables:
            raise StoreError(
                "This database has sitrep tables but no schema version; it was not made by "
                "sitrep's migrations and cannot be upgraded.",
                code="E303",
            )
        command.upgrade(alembic_config(connection=conn), "head")
        after = current_revision(conn)
    return before, after or head_revision()

"""Alembic environment for sitrep's store.

`sitrep.store.migrate` passes either an open connection (config.attributes["connection"]) or a
URL (the `sqlalchemy.url` option); nothing else is read from an alembic.ini.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from sitrep.store.schema import metadata

config = context.config


def run_migrations() -> None:
    """Run the migrations on the connection given by sitrep, or on a new engine."""
    connection = config.attributes.get("connection")
    if connection is not None:
        context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = create_engine(config.get_main_option("sqlalchemy.url") or "")
    with engine.connect() as conn:
        context.configure(connection=conn, target_metadata=metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


run_migrations()

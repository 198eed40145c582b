"""Alembic migrations of the event store (`sitrep db upgrade` runs them to head)."""

"""Fast filtered queries: event JSON in its own table, lower-case filter columns, indexes.

- `event_data` (layer, event_id, data) takes the whole-Event JSON out of `events`, so filters and
  counts scan narrow rows and only the rows returned are read in full.
- `event_type_lc`, `sub_event_type_lc`, `admin1_lc`, `actor1_lc`, `actor2_lc`: lower-case
  copies (Python's str.lower, the same as the query side) for the case-insensitive filters.
- Indexes for every filter of `EventQuery` (see schema.py).

`events` is rebuilt (copied into a new table) on both SQLite and PostgreSQL, so the JSON bytes
leave it; expect about 10-20 s per 100k events.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

LC_COLUMNS = ("event_type", "sub_event_type", "admin1", "actor1", "actor2")
INDEXES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ix_events_type", ("layer", "event_type_lc", "sub_event_type_lc")),
    ("ix_events_sub_type", ("layer", "sub_event_type_lc")),
    ("ix_events_admin1", ("layer", "admin1_lc", "event_type_lc")),
    ("ix_events_actors", ("layer", "actor1_lc", "actor2_lc")),
    ("ix_events_actor2", ("layer", "actor2_lc")),
    ("ix_events_lat_lon", ("layer", "latitude", "longitude", "event_date", "event_id")),
    ("ix_events_grade", ("layer", "grade", "contested")),
    ("ix_events_contested", ("layer", "contested")),
    ("ix_events_fatalities", ("layer", "fatalities")),
)
BATCH = 5000


def _fix_lower_case(bind: sa.Connection) -> None:
    """Make the *_lc copies equal Python's str.lower (SQLite's lower() is ASCII-only)."""
    events = sa.table(
        "events",
        sa.column("layer"),
        sa.column("event_id"),
        *(sa.column(name) for name in LC_COLUMNS),
        *(sa.column(f"{name}_lc") for name in LC_COLUMNS),
    )
    rows = bind.execute(sa.select(events)).mappings()
    fixes: list[dict[str, object]] = []
    for row in rows:
        wanted = {
            f"{name}_lc": None if row[name] is None else str(row[name]).lower()
            for name in LC_COLUMNS
        }
        if any(row[key] != value for key, value in wanted.items()):
            fixes.append({"b_layer": row["layer"], "b_event_id": row["event_id"], **wanted})
    update = (
        events.update()
        .where(
            events.c.layer == sa.bindparam("b_layer"),
            events.c.event_id == sa.bindparam("b_event_id"),
        )
        .values({f"{name}_lc": sa.bindparam(f"{name}_lc") for name in LC_COLUMNS})
    )
    for start in range(0, len(fixes), BATCH):
        bind.execute(update, fixes[start : start + BATCH])


def upgrade() -> None:
    op.create_table(
        "event_data",
        sa.Column("layer", sa.String(16), primary_key=True),
        sa.Column("event_id", sa.String(128), primary_key=True),
        sa.Column("data", sa.JSON, nullable=False),
    )
    op.execute(
        "INSERT INTO event_data (layer, event_id, data) SELECT layer, event_id, data FROM events"
    )
    # recreate="always": a new, narrow table on PostgreSQL too (DROP COLUMN alone would keep the
    # JSON bytes in every row until the table is rewritten, and scans would stay slow).
    with op.batch_alter_table("events", recreate="always") as batch:
        batch.drop_column("data")
        for name in LC_COLUMNS:
            batch.add_column(sa.Column(f"{name}_lc", sa.Text, nullable=True))
    op.execute(
        "UPDATE events SET " + ", ".join(f"{name}_lc = lower({name})" for name in LC_COLUMNS)
    )
    _fix_lower_case(op.get_bind())
    for name, columns in INDEXES:
        op.create_index(name, "events", list(columns))
    op.execute("ANALYZE")  # statistics for the planner to choose among the new indexes


def downgrade() -> None:
    for name, _columns in INDEXES:
        op.drop_index(name, table_name="events")
    with op.batch_alter_table("events") as batch:
        for name in LC_COLUMNS:
            batch.drop_column(f"{name}_lc")
        batch.add_column(sa.Column("data", sa.JSON, nullable=True))
    op.execute(
        "UPDATE events SET data = (SELECT d.data FROM event_data d "
        "WHERE d.layer = events.layer AND d.event_id = events.event_id)"
    )
    with op.batch_alter_table("events") as batch:
        batch.alter_column("data", existing_type=sa.JSON, nullable=False)
    op.drop_table("event_data")

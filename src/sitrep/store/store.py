"""`Store`: documents and events in SQLite or PostgreSQL through one SQLAlchemy schema."""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.pool import StaticPool

from sitrep.errors import StoreError
from sitrep.records import Claim, Document, Event, Extraction
from sitrep.store.migrate import ensure_schema
from sitrep.store.query import EventQuery
from sitrep.store.schema import LC_COLUMNS, documents, event_data, event_documents, events
from sitrep.store.sql import order_clauses, where_clauses

__all__ = ["Store", "open_store", "normalise_url", "display_url"]

_DOC_META = ("ref", "title", "outlet", "url", "published", "language")


def normalise_url(url: str) -> str:
    """Turn what a user passes as --db into a SQLAlchemy URL.

    url (str): a path ("events.db"), ":memory:", "sqlite:///path" or "postgresql://...".
    RETURNS (str): the SQLAlchemy URL (PostgreSQL through psycopg 3).
    """
    if url in (":memory:", "sqlite://", "sqlite:///:memory:"):
        return "sqlite://"
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    if "://" in url:
        return url
    path = Path(url).expanduser().resolve()
    if not path.parent.is_dir():
        raise StoreError(
            f"Cannot create the database {url}: {path.parent} is not a folder.", code="E304"
        )
    return f"sqlite:///{path}"


def display_url(url: str) -> str:
    """Return a database URL with any password hidden, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - a URL we cannot parse is shown as the user typed it
        return url


def _utc(value: datetime | None) -> datetime | None:
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=UTC)


def _event_row(event: Event, layer: str, doc_id: str | None) -> dict[str, Any]:
    return {
        "layer": layer,
        "event_id": event.event_id,
        "doc_id": doc_id,
        "event_date": event.event_date,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "actor1": event.actor1,
        "actor2": event.actor2,
        "admin1": event.admin1,
        "location": event.location,
        "latitude": event.latitude,
        "longitude": event.longitude,
        "fatalities": event.fatalities,
        "grade": event.grade,
        "contested": bool(event.contested),
        **{f"{name}_lc": _lower(getattr(event, name)) for name in LC_COLUMNS},
    }


def _data_row(event: Event, layer: str) -> dict[str, Any]:
    return {"layer": layer, "event_id": event.event_id, "data": event.model_dump(mode="json")}


def _lower(value: str | None) -> str | None:
    return None if value is None else value.lower()


def _doc_row(doc: Document) -> dict[str, Any]:
    return {
        "id": doc.id,
        "ref": doc.ref,
        "title": doc.title,
        "text": doc.text,
        "outlet": doc.outlet,
        "url": doc.url,
        "published": doc.published,
        "language": doc.language,
        "ingested_at": _utc(doc.ingested_at),
    }


class Store:
    """Documents and their events in one database.

    engine (Engine): the SQLAlchemy engine (see `open_store`).
    url (str): the database as the user named it, for messages.
    """

    def __init__(self, engine: sa.Engine, url: str) -> None:
        self.engine = engine
        self.url = url

    # -- documents ---------------------------------------------------------------------------

    def save_document(self, doc: Document) -> bool:
        """Store a document unless one with the same id (same normalised text) is stored.

        doc (Document): the document.
        RETURNS (bool): True if it was new.
        """
        try:
            with self.engine.begin() as conn:
                found = conn.execute(sa.select(documents.c.id).where(documents.c.id == doc.id))
                if found.first() is not None:
                    return False
                conn.execute(documents.insert().values(**_doc_row(doc)))
                return True
        except IntegrityError:  # stored by another process between the check and the insert
            return False
        except SQLAlchemyError as exc:
            raise self._error("store the document", exc) from exc

    def get_document(self, doc_id: str) -> Document | None:
        """Return the stored document with this id, or None."""
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(documents).where(documents.c.id == doc_id)).first()
        return None if row is None else self._document(row._mapping)

    def iter_documents(self, *, unextracted: bool = False, batch: int = 500) -> Iterator[Document]:
        """Yield stored documents in id order, reading `batch` rows at a time.

        unextracted (bool): only documents not extracted yet.
        """
        last = ""
        while True:
            stmt = sa.select(documents).where(documents.c.id > last)
            if unextracted:
                stmt = stmt.where(documents.c.extracted_at.is_(None))
            with self.engine.connect() as conn:
                rows = conn.execute(stmt.order_by(documents.c.id).limit(batch)).all()
            if not rows:
                return
            for row in rows:
                yield self._document(row._mapping)
            last = rows[-1]._mapping["id"]

    def has_extraction(self, doc_id: str) -> bool:
        """Return True if the document is stored and extracted (its extracted_at is set)."""
        with self.engine.connect() as conn:
            value = conn.execute(
                sa.select(documents.c.extracted_at).where(documents.c.id == doc_id)
            ).scalar()
        return value is not None

    def same_metadata(self, doc: Document) -> bool:
        """Return True if the stored copy of `doc` has the same title, outlet, url, date, language.

        The ref is not compared: the same text read from another file needs no new extraction.
        """
        stored = self.get_document(doc.id)
        if stored is None:
            return False
        return all(
            getattr(stored, name) == getattr(doc, name) for name in _DOC_META if name != "ref"
        )

    # -- extraction --------------------------------------------------------------------------

    def save_extraction(self, doc: Document, extraction: Extraction) -> None:
        """Store a document's extraction in one transaction.

        The document is inserted (or its metadata updated), its report-layer events are replaced
        by `extraction.events` and its extracted_at is set. A crash leaves either the old state
        or the new one, never half.

        doc (Document): the document extracted.
        extraction (Extraction): what extraction returned for it.
        """
        if extraction.doc_id != doc.id:
            raise StoreError(
                f"Extraction is for document {extraction.doc_id}, not {doc.id}.", code="E305"
            )
        ids = [event.event_id for event in extraction.events]
        if len(set(ids)) != len(ids):
            raise StoreError(f"Document {doc.id}: two events share an event_id.", code="E306")
        rows: list[dict[str, Any]] = []
        datas: list[dict[str, Any]] = []
        links: list[dict[str, str]] = []
        for event in extraction.events:
            if not event.doc_ids:
                event = event.model_copy(
                    update={"doc_ids": [doc.id], "doc_refs": [doc.ref] if doc.ref else []}
                )
            rows.append(_event_row(event, "report", doc.id))
            datas.append(_data_row(event, "report"))
            links.extend(
                {"layer": "report", "event_id": event.event_id, "doc_id": d}
                for d in dict.fromkeys(event.doc_ids)
            )
        now = datetime.now(UTC)
        claims = [claim.model_dump(mode="json") for claim in extraction.claims]
        try:
            with self.engine.begin() as conn:
                exists = conn.execute(
                    sa.select(documents.c.id).where(documents.c.id == doc.id)
                ).first()
                if exists is None:
                    conn.execute(
                        documents.insert().values(**_doc_row(doc), extracted_at=now, claims=claims)
                    )
                else:
                    meta = {name: getattr(doc, name) for name in _DOC_META}
                    conn.execute(
                        documents.update()
                        .where(documents.c.id == doc.id)
                        .values(**meta, extracted_at=now, claims=claims)
                    )
                # The old ids first (ix_events_doc_id), then deletes by primary key: plans that
                # stay fast without planner statistics (a fresh PostgreSQL, autovacuum off).
                stored = conn.execute(
                    sa.select(events.c.layer, events.c.event_id).where(events.c.doc_id == doc.id)
                )
                old = [row.event_id for row in stored if row.layer == "report"]
                for start in range(0, len(old), 500):
                    chunk = old[start : start + 500]
                    for table in (event_documents, event_data, events):
                        conn.execute(
                            table.delete().where(
                                table.c.layer == "report", table.c.event_id.in_(chunk)
                            )
                        )
                if rows:
                    conn.execute(events.insert(), rows)
                    conn.execute(event_data.insert(), datas)
                if links:
                    conn.execute(event_documents.insert(), links)
        except IntegrityError as exc:
            raise StoreError(
                f"Document {doc.id} ({doc.ref}): an event id it produced is already stored for "
                f"another document: {exc.orig}",
                code="E307",
            ) from exc
        except SQLAlchemyError as exc:
            raise self._error("store the extraction", exc) from exc

    def get_extraction(self, doc_id: str) -> Extraction | None:
        """Return a stored document's extraction (report events, claims); None if not extracted."""
        with self.engine.connect() as conn:
            row = conn.execute(
                sa.select(documents.c.extracted_at, documents.c.claims).where(
                    documents.c.id == doc_id
                )
            ).first()
        if row is None or row.extracted_at is None:
            return None
        stored = self.query_events(EventQuery(doc_id=doc_id, order_by="event_id"))
        claims = [Claim.model_validate(c) for c in row.claims or []]
        return Extraction(doc_id=doc_id, events=stored, claims=claims)

    def replace_fused(self, fused: Iterable[Event]) -> int:
        """Replace every fused-layer event by `fused`, in one transaction.

        fused (Iterable[Event]): events merged across documents; their doc_ids link them.
        RETURNS (int): how many were stored.
        """
        rows: list[dict[str, Any]] = []
        datas: list[dict[str, Any]] = []
        links: list[dict[str, str]] = []
        for event in fused:
            rows.append(_event_row(event, "fused", None))
            datas.append(_data_row(event, "fused"))
            links.extend(
                {"layer": "fused", "event_id": event.event_id, "doc_id": d}
                for d in dict.fromkeys(event.doc_ids)
            )
        try:
            with self.engine.begin() as conn:
                conn.execute(event_documents.delete().where(event_documents.c.layer == "fused"))
                conn.execute(event_data.delete().where(event_data.c.layer == "fused"))
                conn.execute(events.delete().where(events.c.layer == "fused"))
                if rows:
                    conn.execute(events.insert(), rows)
                    conn.execute(event_data.insert(), datas)
                if links:
                    conn.execute(event_documents.insert(), links)
        except IntegrityError as exc:
            raise StoreError(
                f"Two fused events share an event_id: {exc.orig}", code="E308"
            ) from exc
        except SQLAlchemyError as exc:
            raise self._error("store the fused events", exc) from exc
        return len(rows)

    # -- events ------------------------------------------------------------------------------

    def query_events(self, query: EventQuery | None = None) -> list[Event]:
        """Return the events matching a query.

        Two steps: the filters, order and paging run on the narrow, indexed `events` rows
        (`near` included: a box on the latitude/longitude index, then the exact great-circle
        test in SQL), then the full Events are read from `event_data` for the page only.

        query (EventQuery | None): filters; None returns every report-layer event.
        RETURNS (list[Event]): in query.order_by order.
        """
        query = query or EventQuery()
        stmt = sa.select(events.c.event_id).where(*where_clauses(query, self.engine.dialect.name))
        stmt = stmt.order_by(*order_clauses(query))
        if query.offset:
            stmt = stmt.offset(query.offset)
        if query.limit is not None:
            stmt = stmt.limit(query.limit)
        try:
            with self.engine.connect() as conn:
                ids = list(conn.execute(stmt).scalars())
                return self._events(conn, query.layer, ids)
        except SQLAlchemyError as exc:
            raise self._error("read events", exc) from exc

    @staticmethod
    def _events(conn: sa.Connection, layer: str, ids: list[str]) -> list[Event]:
        """Read the full Events for ids (one layer), returned in the order of ids."""
        found: dict[str, Event] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            rows = conn.execute(
                sa.select(event_data.c.event_id, event_data.c.data).where(
                    event_data.c.layer == layer, event_data.c.event_id.in_(chunk)
                )
            )
            found.update((row.event_id, Event.model_validate(row.data)) for row in rows)
        return [found[event_id] for event_id in ids if event_id in found]

    def count_events(self, query: EventQuery | None = None) -> int:
        """Return how many events match a query (limit and offset ignored)."""
        query = query or EventQuery()
        stmt = (
            sa.select(sa.func.count())
            .select_from(events)
            .where(*where_clauses(query, self.engine.dialect.name))
        )
        try:
            with self.engine.connect() as conn:
                return int(conn.execute(stmt).scalar() or 0)
        except SQLAlchemyError as exc:
            raise self._error("count events", exc) from exc

    def get_event(self, event_id: str, layer: str | None = None) -> Event | None:
        """Return an event by id, from `layer` or else the report layer first, then fused."""
        layers = [layer] if layer else ["report", "fused"]
        with self.engine.connect() as conn:
            for name in layers:
                data = conn.execute(
                    sa.select(event_data.c.data).where(
                        event_data.c.layer == name, event_data.c.event_id == event_id
                    )
                ).scalar()
                if data is not None:
                    return Event.model_validate(data)
        return None

    def stats(self) -> dict[str, int]:
        """Return counts: documents, extracted documents, report events, fused events."""
        with self.engine.connect() as conn:
            docs = conn.execute(sa.select(sa.func.count()).select_from(documents)).scalar()
            done = conn.execute(
                sa.select(sa.func.count())
                .select_from(documents)
                .where(documents.c.extracted_at.is_not(None))
            ).scalar()
            rows = conn.execute(sa.select(events.c.layer, sa.func.count()).group_by(events.c.layer))
            per_layer = {layer: count for layer, count in rows}
        return {
            "documents": int(docs or 0),
            "extracted": int(done or 0),
            "report_events": int(per_layer.get("report", 0)),
            "fused_events": int(per_layer.get("fused", 0)),
        }

    def optimize(self) -> None:
        """Refresh the query planner's statistics where they are missing or stale.

        SQLite: `PRAGMA optimize` (ANALYZE on the tables this connection used, when needed).
        PostgreSQL: ANALYZE on the store's tables changed by more than 10% (and 1000 rows) since
        their last analysis, for servers where autovacuum is off. Errors (a read-only
        database) leave the old statistics.
        """
        try:
            with self.engine.begin() as conn:
                if self.engine.dialect.name == "sqlite":
                    conn.exec_driver_sql("PRAGMA optimize")
                elif self.engine.dialect.name == "postgresql":
                    stale = conn.execute(
                        sa.text(
                            "SELECT relname FROM pg_stat_user_tables WHERE schemaname = "
                            "current_schema() AND relname IN ('events', 'event_data', "
                            "'event_documents', 'documents') AND n_mod_since_analyze > "
                            "greatest(1000, n_live_tup / 10)"
                        )
                    ).scalars()
                    for name in list(stale):
                        conn.exec_driver_sql(f'ANALYZE "{name}"')
        except SQLAlchemyError:
            pass

    def close(self) -> None:
        """Refresh the planner's statistics if needed (`optimize`), release the connections."""
        self.optimize()
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- helpers -----------------------------------------------------------------------------

    @staticmethod
    def _document(row: Any) -> Document:
        return Document(
            id=row["id"],
            ref=row["ref"],
            title=row["title"],
            text=row["text"],
            outlet=row["outlet"],
            url=row["url"],
            published=row["published"],
            language=row["language"],
            ingested_at=_utc(row["ingested_at"]) or datetime.now(UTC),
        )

    def _error(self, action: str, exc: Exception) -> StoreError:
        detail = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        return StoreError(f"Cannot {action} in {self.url}: {detail}", code="E309")


def _ensure_math_functions(dbapi_conn: Any, cursor: Any) -> None:
    """Give SQLite sin() and cos() (the `near` filter) when its build lacks math functions."""
    try:
        cursor.execute("SELECT sin(0.0), cos(0.0)")
    except sqlite3.OperationalError:
        dbapi_conn.create_function("sin", 1, math.sin, deterministic=True)
        dbapi_conn.create_function("cos", 1, math.cos, deterministic=True)


def create_engine(url: str) -> sa.Engine:
    """Return an engine for a normalised URL (SQLite: foreign keys on, WAL, 30 s busy timeout)."""
    if url == "sqlite://":
        engine = sa.create_engine(
            url, poolclass=StaticPool, connect_args={"check_same_thread": False}
        )
    elif url.startswith("sqlite"):
        engine = sa.create_engine(url, connect_args={"timeout": 30})
    else:
        engine = sa.create_engine(url, pool_pre_ping=True)
    if url.startswith("sqlite"):

        @sa.event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn: Any, _record: Any) -> None:
            cursor = dbapi_conn.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            _ensure_math_functions(dbapi_conn, cursor)
            if url != "sqlite://":
                cursor.execute("PRAGMA journal_mode=WAL")
            cursor.close()

    return engine


def open_store(url: str | None = None) -> Store:
    """Open (creating if new) the event store.

    url (str | None): SQLite path or URL, ":memory:", or postgresql://...; None: SITREP_DB or
        store.url from the configuration, else sitrep.db in the user data directory.
    RETURNS (Store): the store, its schema at the current version.
    """
    if url is None:
        from sitrep.config import default_db_url

        url = default_db_url()
    shown = display_url(url)
    sa_url = normalise_url(url)
    if sa_url.startswith("postgresql+psycopg://"):
        from sitrep.extras import require

        require("psycopg", "postgres", "A PostgreSQL store")
    engine = create_engine(sa_url)
    try:
        ensure_schema(engine, shown)
    except StoreError:
        engine.dispose()
        raise
    except SQLAlchemyError as exc:
        engine.dispose()
        detail = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        raise StoreError(f"Cannot open the database {shown}: {detail}", code="E310") from exc
    return Store(engine, shown)

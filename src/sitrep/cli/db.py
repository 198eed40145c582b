"""`sitrep db upgrade`, `sitrep db status` and `sitrep schema`."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, TypeVar

import typer

from sitrep.cli import app
from sitrep.cli.options import DbOption, run_cli, stderr

__all__ = ["db_app", "upgrade_cli", "status_cli", "schema_cli", "write_schemas", "SCHEMA_RECORDS"]

T = TypeVar("T")

db_app = typer.Typer(help="Manage the event store's database.", no_args_is_help=True)
app.add_typer(db_app, name="db")

# Records whose JSON Schema `sitrep schema` writes, one file each.
SCHEMA_RECORDS: tuple[str, ...] = ("Document", "Event", "Extraction", "Place")


@db_app.command("upgrade")
@run_cli
def upgrade_cli(db: DbOption = None) -> None:
    """Migrate the database to the current schema version (a new database is created at it).

    Example: sitrep db upgrade --db postgresql://postgres@127.0.0.1:5432/sitrep
    """
    from sitrep.config import default_db_url
    from sitrep.store import create_engine, display_url, normalise_url, upgrade

    url = db or default_db_url()
    engine = create_engine(normalise_url(url))
    try:
        before, after = _run(lambda: upgrade(engine), url)
    finally:
        engine.dispose()
    status = "already at" if before == after else f"upgraded from {before or 'empty'} to"
    typer.echo(f"{display_url(url)}: {status} schema version {after}")


@db_app.command("status")
@run_cli
def status_cli(db: DbOption = None) -> None:
    """Print the database's schema version and how many documents and events it holds.

    Example: sitrep db status --db events.db
    """
    from sitrep.store import head_revision, open_store

    with open_store(db) as store:
        counts = store.stats()
        typer.echo(f"database: {store.url}")
    typer.echo(f"schema version: {head_revision()}")
    for name, value in counts.items():
        typer.echo(f"{name}: {value}")


def _run(action: Callable[[], T], url: str) -> T:
    from alembic.util import CommandError
    from sqlalchemy.exc import SQLAlchemyError

    from sitrep.errors import StoreError
    from sitrep.store import display_url

    try:
        return action()
    except CommandError as exc:
        raise StoreError(f"Cannot upgrade {display_url(url)}: {exc}", code="E312") from exc
    except SQLAlchemyError as exc:
        detail = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        raise StoreError(f"Cannot upgrade {display_url(url)}: {detail}", code="E312") from exc


def write_schemas(folder: Path) -> list[Path]:
    """Write the JSON Schema of each record in SCHEMA_RECORDS into `folder`.

    folder (Path): where to write (created if missing).
    RETURNS (list[Path]): the files written, `<record>.schema.json`.
    """
    import sitrep.records as records

    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in SCHEMA_RECORDS:
        model = getattr(records, name)
        schema = model.model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        path = folder / f"{name.lower()}.schema.json"
        path.write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n", "utf-8")
        written.append(path)
    return written


@app.command("schema")
@run_cli
def schema_cli(
    out: Annotated[Path, typer.Option("--out", help="Folder to write into.")] = Path("docs/schema"),
) -> None:
    """Write the JSON Schema of sitrep's records (Document, Event, Extraction, Place).

    Example: sitrep schema --out docs/schema
    """
    for path in write_schemas(out):
        stderr.print(f"wrote {path}", highlight=False)

"""`sitrep ingest PATH...`: store documents without extracting them.

Also defines the input options `sitrep extract` shares (metadata overrides, corpus columns).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from typing import Annotated, Any

import typer
from rich.markup import escape

from sitrep.cli import app
from sitrep.cli.options import DbOption, FormatOption, OutputFormat, count_noun, run_cli, stderr
from sitrep.errors import ConfigError, InputError, StoreError
from sitrep.ingest import IngestOptions
from sitrep.records import Document

__all__ = [
    "ingest_cli",
    "ingest",
    "ingest_options",
    "report_errors",
    "EXIT_INPUT_FAILED",
]

# Exit code when some inputs (files, URLs, rows) could not be read; the others were processed.
EXIT_INPUT_FAILED = 2

PathsArg = Annotated[
    list[str] | None,
    typer.Argument(
        help="Files, folders (recursive), http(s) URLs of pages or feeds, or - for stdin."
    ),
]
PublishedOpt = Annotated[
    str | None, typer.Option("--published", help="Publication date (YYYY-MM-DD) of the input.")
]
SourceOpt = Annotated[str | None, typer.Option("--source", help="Outlet that published the input.")]
UrlOpt = Annotated[str | None, typer.Option("--url", help="URL the input was published at.")]
MaxBytesOpt = Annotated[
    int | None,
    typer.Option("--max-bytes", help="Refuse files larger than this (default: ingest.max_bytes)."),
]
TextColOpt = Annotated[str | None, typer.Option("--text-col", help="Corpus column with the text.")]
TitleColOpt = Annotated[
    str | None, typer.Option("--title-col", help="Corpus column with the title.")
]
DateColOpt = Annotated[
    str | None, typer.Option("--date-col", help="Corpus column with the publication date.")
]
SourceColOpt = Annotated[
    str | None, typer.Option("--source-col", help="Corpus column with the outlet.")
]
IdColOpt = Annotated[
    str | None, typer.Option("--id-col", help="Corpus column with the row id (becomes the ref).")
]


def ingest_options(
    *,
    published: str | None = None,
    source: str | None = None,
    url: str | None = None,
    max_bytes: int | None = None,
    text_col: str | None = None,
    title_col: str | None = None,
    date_col: str | None = None,
    source_col: str | None = None,
    id_col: str | None = None,
) -> IngestOptions:
    """Build IngestOptions from the configuration and command-line values."""
    from sitrep.ingest import parse_date

    day = None
    if published:
        day = parse_date(published)
        if day is None:
            raise ConfigError(
                f"--published {published!r} is not a date (use YYYY-MM-DD).", code="E202"
            )
    if max_bytes is not None and max_bytes <= 0:
        raise ConfigError("--max-bytes must be positive.", code="E203")
    return IngestOptions.from_config(
        published=day,
        source=source,
        url=url,
        max_bytes=max_bytes,
        text_col=text_col,
        title_col=title_col,
        date_col=date_col,
        source_col=source_col,
        id_col=id_col,
        allow_private_urls=True,  # the operator's own command line may reach their network
    )


def report_errors(
    items: Iterable[Document | InputError], failures: list[str]
) -> Iterator[Document]:
    """Yield the documents of `items`; print each InputError as one line on stderr and record it."""
    for item in items:
        if isinstance(item, InputError):
            failures.append(str(item))
            stderr.print(
                f"[yellow]skipped:[/yellow] {escape(str(item))}",
                highlight=False,
                markup=True,
                soft_wrap=True,
            )
        else:
            yield item


def ingest(
    paths: list[str], options: IngestOptions, db: str | None
) -> tuple[list[tuple[Document, bool]], list[str]]:
    """Read inputs and store their documents.

    paths (list[str]): files, folders, URLs.
    options (IngestOptions): how to read them.
    db (str | None): database URL or path (None: the default store).
    RETURNS (tuple): ([(document, stored as new?)], [error messages of inputs that failed]).
    """
    from sitrep.ingest import read_inputs
    from sitrep.store import open_store

    failures: list[str] = []
    stored: list[tuple[Document, bool]] = []
    with open_store(db) as store:
        try:
            for doc in report_errors(read_inputs(paths, options), failures):
                stored.append((doc, store.save_document(doc)))
        except StoreError as exc:  # e.g. the disk is full: say what is safe in the store
            message = str(exc).split("] ", 1)[-1]
            raise StoreError(
                f"{message}. {count_noun(len(stored), 'document')} of this batch stored before "
                "it (each committed; a re-run skips them).",
                code=exc.code,
            ) from None
    return stored, failures


@app.command("ingest")
@run_cli
def ingest_cli(
    paths: PathsArg = None,
    published: PublishedOpt = None,
    source: SourceOpt = None,
    url: UrlOpt = None,
    db: DbOption = None,
    fmt: FormatOption = OutputFormat.table,
    max_bytes: MaxBytesOpt = None,
    text_col: TextColOpt = None,
    title_col: TitleColOpt = None,
    date_col: DateColOpt = None,
    source_col: SourceColOpt = None,
    id_col: IdColOpt = None,
) -> None:
    """Store documents without extracting them (run `sitrep extract` on them later).

    Example: sitrep ingest articles/ corpus.csv --text-col body

    Exit code 2 when some inputs could not be read (each is named on stderr).
    """
    if not paths:
        raise ConfigError("Give at least one file, folder or URL.", code="E204")
    options = ingest_options(
        published=published,
        source=source,
        url=url,
        max_bytes=max_bytes,
        text_col=text_col,
        title_col=title_col,
        date_col=date_col,
        source_col=source_col,
        id_col=id_col,
    )
    stored, failures = ingest(paths, options, db)
    rows = [
        {
            "id": doc.id,
            "ref": doc.ref,
            "title": doc.title,
            "outlet": doc.outlet,
            "published": doc.published.isoformat() if doc.published else None,
            "new": new,
        }
        for doc, new in stored
    ]
    _print_rows(rows, fmt)
    new_count = sum(1 for _, new in stored if new)
    stderr.print(
        f"{count_noun(len(stored), 'document')}: {new_count} new, "
        f"{len(stored) - new_count} already stored; {count_noun(len(failures), 'input')} failed.",
        highlight=False,
        soft_wrap=True,
    )
    if failures:
        raise typer.Exit(code=EXIT_INPUT_FAILED)


def _print_rows(rows: list[dict[str, Any]], fmt: OutputFormat) -> None:
    if fmt is OutputFormat.json:
        sys.stdout.write(json.dumps(rows, indent=2, ensure_ascii=False) + "\n")
    elif fmt is OutputFormat.jsonl:
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
    elif fmt is OutputFormat.csv:
        import csv

        writer = csv.DictWriter(
            sys.stdout, fieldnames=["id", "ref", "title", "outlet", "published", "new"]
        )
        writer.writeheader()
        writer.writerows(rows)
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table("id", "ref", "title", "outlet", "published", "new")
        for row in rows:
            table.add_row(*("" if v is None else str(v) for v in row.values()))
        Console().print(table)

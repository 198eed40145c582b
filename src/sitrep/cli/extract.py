"""`sitrep extract PATH...`: read inputs, extract their events, store them, print them.

`extract_cli()` parses options and calls `extract()`, which the Python API and tests call too.
Each document is committed as soon as it is extracted, so a crash loses nothing finished, and
the next run skips documents already extracted (unless --force or their metadata changed).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape

from sitrep.cli import app
from sitrep.cli.events import EventWriter
from sitrep.cli.ingest import (
    EXIT_INPUT_FAILED,
    DateColOpt,
    IdColOpt,
    MaxBytesOpt,
    PathsArg,
    PublishedOpt,
    SourceColOpt,
    SourceOpt,
    TextColOpt,
    TitleColOpt,
    UrlOpt,
    ingest_options,
    report_errors,
)
from sitrep.cli.options import DbOption, FormatOption, OutputFormat, run_cli, stderr
from sitrep.errors import ConfigError, ModelError, SitrepError, StoreError
from sitrep.records import Document, Event, Extraction

if TYPE_CHECKING:
    from sitrep.store import Store

__all__ = ["extract", "extract_cli", "ExtractSummary", "Extractor", "PROGRESS_MIN_DOCS"]

Extractor = Callable[[Document], Extraction]

# A progress bar is shown on stderr above this many documents (extract.progress_min_docs).
PROGRESS_MIN_DOCS = 3


@dataclass
class ExtractSummary:
    """What one `extract()` run did."""

    documents: int = 0
    extracted: int = 0
    skipped: int = 0
    events: int = 0
    failures: list[str] = field(default_factory=list)


def _with_refs(doc: Document, extraction: Extraction) -> list[Event]:
    events = []
    for event in extraction.events:
        if not event.doc_ids:
            event = event.model_copy(
                update={"doc_ids": [doc.id], "doc_refs": [doc.ref] if doc.ref else []}
            )
        events.append(event)
    return events


def extract(
    documents: Sequence[Document],
    store: Store | None,
    *,
    force: bool = False,
    extractor: Extractor | None = None,
    on_events: Callable[[list[Event]], None] | None = None,
    progress: bool = False,
    workers: int = 1,
    engine: str | None = None,
    scheduler_address: str | None = None,
) -> ExtractSummary:
    """Extract events from documents, committing each document's events as soon as they exist.

    documents (Sequence[Document]): what to extract.
    store (Store | None): where to store (None: nothing is stored).
    force (bool): re-extract documents the store has already extracted.
    extractor (Extractor | None): Document -> Extraction; None: `sitrep.extract.extract_document`.
    on_events (Callable | None): called with each document's events (stored ones when skipped).
    progress (bool): show a progress bar on stderr.
    workers (int): extraction worker processes (see `sitrep.scale.run_extraction`).
    engine (str | None): "serial", "process" or "dask"; None: serial for one worker, a process
        pool for more, Dask with a scheduler address. Pool and Dask results arrive (and are
        stored and passed to `on_events`) in completion order, not input order.
    scheduler_address (str | None): a Dask scheduler, e.g. "tcp://10.0.0.5:8786".
    RETURNS (ExtractSummary): counts, and one message per document that failed.
    """
    from sitrep.scale import ExtractionError, resolve_engine, run_extraction

    chosen = resolve_engine(engine, workers, scheduler_address)
    summary = ExtractSummary(documents=len(documents))
    bar = None
    if progress:
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
        )

        bar = Progress(
            TextColumn("extracting"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=stderr,
            transient=False,
        )
        bar.start()
        task = bar.add_task("extract", total=len(documents))

    def to_extract() -> Iterator[Document]:
        # Consumed lazily by the engine, in this thread: finished documents never leave it.
        for doc in documents:
            if (
                store is not None
                and not force
                and store.has_extraction(doc.id)
                and store.same_metadata(doc)
            ):
                stored = store.get_extraction(doc.id)
                summary.skipped += 1
                if on_events is not None and stored is not None:
                    on_events(stored.events)
                if bar is not None:
                    bar.advance(task)
            else:
                yield doc

    results = run_extraction(
        to_extract(),
        workers=workers,
        engine=chosen,
        scheduler_address=scheduler_address,
        extractor=extractor,
    )
    try:
        with closing(results):
            for doc, result in results:
                if isinstance(result, (ModelError, StoreError)):
                    raise result
                if isinstance(result, SitrepError):
                    what = (
                        result.message
                        if isinstance(result, ExtractionError)
                        else f"extraction failed ({type(result).__name__}: {result})"
                    )
                    message = f"{doc.ref or doc.id}: {what}"
                    summary.failures.append(message)
                    stderr.print(
                        f"[red]failed:[/red] {escape(message)}",
                        highlight=False,
                        markup=True,
                        soft_wrap=True,
                    )
                else:
                    if store is not None:
                        store.save_extraction(doc, result)
                    events = _with_refs(doc, result)
                    summary.extracted += 1
                    summary.events += len(events)
                    if on_events is not None:
                        on_events(events)
                if bar is not None:
                    bar.advance(task)
    finally:
        if bar is not None:
            bar.stop()
    return summary


def _fuse(store: Store, documents: list[Document]) -> str:
    """Bring the fused layer up to date with these documents (incrementally); one-line summary."""
    from sitrep.fuse.fusion import update_fused

    summary = update_fused(store, [doc.id for doc in documents])
    return (
        f"fused layer updated: {summary.report_events} report events re-fused -> "
        f"{summary.fused_events} fused events ({summary.contested} contested)."
    )


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _progress_min_docs() -> int:
    from sitrep.config import load_config

    return int(load_config().get("extract", {}).get("progress_min_docs", PROGRESS_MIN_DOCS))


def _scale_settings(
    workers: int | None, engine: str | None, scheduler: str | None
) -> tuple[int, str | None, str | None]:
    """The options, else `[extract] workers/engine/scheduler` from the config."""
    from sitrep.config import load_config

    section = load_config().get("extract", {})
    if workers is None:
        try:
            workers = int(section.get("workers", 1) or 1)
        except (TypeError, ValueError) as exc:
            raise ConfigError(f"[extract] workers must be a number: {exc}", code="E230") from exc
    if engine is None and scheduler is None:
        engine = str(section.get("engine", "") or "") or None
    if scheduler is None and engine in (None, "dask"):
        scheduler = str(section.get("scheduler", "") or "") or None
    return workers, engine, scheduler


WorkersOpt = Annotated[
    int | None,
    typer.Option(
        "--workers",
        "-w",
        min=1,
        help="Extraction worker processes (default: config extract.workers, 1). More than 1 runs a "
        "process pool unless --engine says otherwise.",
    ),
]


class EngineChoice(StrEnum):
    """Where `sitrep extract` runs the extractor (see sitrep.scale)."""

    serial = "serial"
    process = "process"
    dask = "dask"


EngineOpt = Annotated[
    EngineChoice | None,
    typer.Option(
        "--engine",
        help="serial; process: a pool of --workers processes; dask: a local cluster of "
        "--workers processes, or --scheduler. Default: serial for 1 worker, else process.",
    ),
]
SchedulerOpt = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        help="Run on this Dask scheduler (e.g. tcp://10.0.0.5:8786); its workers need sitrep "
        "installed. Implies --engine dask.",
    ),
]


@app.command("extract")
@run_cli
def extract_cli(
    paths: PathsArg = None,
    published: PublishedOpt = None,
    source: SourceOpt = None,
    url: UrlOpt = None,
    fmt: FormatOption = OutputFormat.table,
    db: DbOption = None,
    no_store: Annotated[
        bool, typer.Option("--no-store", help="Print events without storing them.")
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Re-extract documents already extracted in the store.")
    ] = False,
    example: Annotated[
        bool, typer.Option("--example", help="Run the bundled example (Orient News, 7 Aug 2016).")
    ] = False,
    max_bytes: MaxBytesOpt = None,
    text_col: TextColOpt = None,
    title_col: TitleColOpt = None,
    date_col: DateColOpt = None,
    source_col: SourceColOpt = None,
    id_col: IdColOpt = None,
    workers: WorkersOpt = None,
    engine: EngineOpt = None,
    scheduler: SchedulerOpt = None,
    fuse: Annotated[
        bool,
        typer.Option(
            "--fuse",
            help="Then fuse these documents' reports into the fused layer (incrementally).",
        ),
    ] = False,
) -> None:
    """Extract ACLED-style events from articles, store them and print them.

    Example: sitrep extract article.txt --published 2016-08-07 --source "Orient News" --format jsonl

    Parallel: sitrep extract corpus.csv --workers 2 (a process pool; --engine dask for Dask).

    Exit code 2 when some inputs or documents failed (each is named on stderr); the rest are done.
    """
    if not paths and not example:
        raise ConfigError("Give at least one file, folder or URL, or --example.", code="E204")
    if fuse and no_store:
        raise ConfigError("--fuse needs the store: drop --no-store.", code="E207")
    workers, chosen, scheduler = _scale_settings(
        workers, engine.value if engine is not None else None, scheduler
    )
    from sitrep.scale import resolve_engine

    chosen = resolve_engine(chosen, workers, scheduler)
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
    failures: list[str] = []
    documents: list[Document] = []
    if example:
        from sitrep.data import example_document

        documents.append(example_document())
    if paths:
        from sitrep.ingest import read_inputs

        documents.extend(report_errors(read_inputs(paths, options), failures))
    writer = EventWriter(fmt)
    store = None
    if not no_store:
        from sitrep.store import open_store

        store = open_store(db)
    try:
        summary = extract(
            documents,
            store,
            force=force,
            on_events=writer.write,
            progress=len(documents) > _progress_min_docs(),
            workers=workers,
            engine=chosen,
            scheduler_address=scheduler,
        )
        fused = (
            _fuse(store, documents) if fuse and store is not None and summary.extracted else None
        )
    finally:
        writer.close()
        if store is not None:
            store.close()
    failures.extend(summary.failures)
    where = f"stored in {store.url}" if store is not None else "not stored"
    stderr.print(
        f"{_count(summary.documents, 'document')}: {summary.extracted} extracted, "
        f"{summary.skipped} already extracted (--force redoes them); "
        f"{_count(len(failures), 'input')} failed; {_count(summary.events, 'new event')}, {where}.",
        highlight=False,
        soft_wrap=True,
    )
    if fused:
        stderr.print(fused, highlight=False, soft_wrap=True)
    if failures:
        raise typer.Exit(code=EXIT_INPUT_FAILED)
    if not documents:
        raise SitrepError("No documents to extract.", code="E206")

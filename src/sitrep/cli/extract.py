"""`sitrep extract PATH...`: read inputs, extract their events, store them, print them.

`extract_cli()` parses options and calls `extract()`, which the Python API and tests call too.
Each document is committed as soon as it is extracted, so a crash loses nothing finished, and
the next run skips documents already extracted (unless --force or their metadata changed).
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

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
from sitrep.cli.options import (
    DbOption,
    FormatOption,
    OutputFormat,
    count_noun,
    run_cli,
    stderr,
)
from sitrep.errors import ConfigError, ModelError, SitrepError, StoreError
from sitrep.records import Document, Event, Extraction

if TYPE_CHECKING:
    from sitrep.ingest import IngestOptions
    from sitrep.store import Store

__all__ = [
    "extract",
    "extract_cli",
    "stored_documents",
    "ExtractSummary",
    "Extractor",
    "Interrupted",
    "PROGRESS_MIN_DOCS",
]

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
    interrupted: str | None = None  # "SIGINT" or "SIGTERM" when the run was stopped

    @property
    def not_processed(self) -> int:
        """Documents neither stored, skipped nor failed (left when the run was interrupted)."""
        return self.documents - self.extracted - self.skipped - len(self.failures)


class Interrupted(KeyboardInterrupt):
    """SIGTERM, raised in the main thread as Ctrl-C raises KeyboardInterrupt."""


@contextmanager
def signals_held() -> Iterator[None]:
    """Hold SIGINT and SIGTERM back while inside (they arrive on leaving), in the main thread."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    held = {signal.SIGINT, signal.SIGTERM}
    signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, held)


@contextmanager
def stop_on_sigterm() -> Iterator[None]:
    """While inside, SIGTERM raises Interrupted in the main thread (so workers are stopped and
    the run reports what it stored); the previous handler comes back after."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def raise_interrupted(signum: int, frame: object) -> None:
        raise Interrupted(signum)

    previous = signal.signal(signal.SIGTERM, raise_interrupted)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _with_refs(doc: Document, extraction: Extraction) -> list[Event]:
    events = []
    for event in extraction.events:
        if not event.doc_ids:
            event = event.model_copy(
                update={"doc_ids": [doc.id], "doc_refs": [doc.ref] if doc.ref else []}
            )
        events.append(event)
    return events


def _progress_bar(total: int) -> tuple[Any, Any]:
    """A started rich progress bar on stderr for `total` documents, and its task id."""
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
    return bar, bar.add_task("extract", total=total)


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
    from sitrep.scale import resolve_engine, run_extraction

    chosen = resolve_engine(engine, workers, scheduler_address)
    summary = ExtractSummary(documents=len(documents))
    bar, task = _progress_bar(len(documents)) if progress else (None, None)

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
                _take(doc, result, store, summary, on_events)
                if bar is not None:
                    bar.advance(task)
    except KeyboardInterrupt as exc:  # Ctrl-C, or SIGTERM under stop_on_sigterm()
        summary.interrupted = "SIGTERM" if isinstance(exc, Interrupted) else "SIGINT"
    finally:
        if bar is not None:
            bar.stop()
    return summary


def _take(
    doc: Document,
    result: Extraction | SitrepError,
    store: Store | None,
    summary: ExtractSummary,
    on_events: Callable[[list[Event]], None] | None,
) -> None:
    """Store one document's extraction (or record its failure) and count it."""
    from sitrep.scale import ExtractionError

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
            f"[red]failed:[/red] {escape(message)}", highlight=False, markup=True, soft_wrap=True
        )
        return
    events = _with_refs(doc, result)
    with signals_held():  # stored and counted together, so the summary matches the store
        if store is not None:
            store.save_extraction(doc, result)
        summary.extracted += 1
        summary.events += len(events)
    if on_events is not None:
        on_events(events)


def stored_documents(store: Store, *, redo_all: bool = False) -> list[Document]:
    """The stored documents to extract: those without an extraction, or all with `redo_all`.

    store (Store): the store.
    redo_all (bool): every stored document (the caller passes force=True to `extract`).
    RETURNS (list[Document]): the documents, in the store's order.
    """
    return list(store.iter_documents(unextracted=not redo_all))


def _fuse(store: Store, documents: list[Document]) -> str:
    """Bring the fused layer up to date with these documents (incrementally); one-line summary."""
    from sitrep.fuse.fusion import update_fused

    summary = update_fused(store, [doc.id for doc in documents])
    return (
        f"fused layer updated: {summary.report_events} report events re-fused -> "
        f"{summary.fused_events} fused events ({summary.contested} contested)."
    )


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


NoStoreOpt = Annotated[bool, typer.Option("--no-store", help="Print events without storing them.")]
ForceOpt = Annotated[
    bool, typer.Option("--force", help="Re-extract documents already extracted in the store.")
]
ExampleOpt = Annotated[
    bool, typer.Option("--example", help="Run the bundled example (Orient News, 7 Aug 2016).")
]
FuseOpt = Annotated[
    bool,
    typer.Option(
        "--fuse", help="Then fuse these documents' reports into the fused layer (incrementally)."
    ),
]
RedoAllOpt = Annotated[
    bool,
    typer.Option(
        "--all",
        help="With no paths: re-extract every stored document, not only those not yet extracted.",
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
    no_store: NoStoreOpt = False,
    force: ForceOpt = False,
    example: ExampleOpt = False,
    max_bytes: MaxBytesOpt = None,
    text_col: TextColOpt = None,
    title_col: TitleColOpt = None,
    date_col: DateColOpt = None,
    source_col: SourceColOpt = None,
    id_col: IdColOpt = None,
    workers: WorkersOpt = None,
    engine: EngineOpt = None,
    scheduler: SchedulerOpt = None,
    fuse: FuseOpt = False,
    redo_all: RedoAllOpt = False,
) -> None:
    """Extract ACLED-style events from articles, store them and print them.

    Example: sitrep extract article.txt --published 2016-08-07 --source "Orient News" --format jsonl

    Parallel: sitrep extract corpus.csv --workers 2 (a process pool; --engine dask for Dask).

    Stored documents: sitrep extract --db events.db (no paths) extracts the documents stored by
    `sitrep ingest` and not yet extracted; --all redoes every stored document.

    Ctrl-C or SIGTERM stops the workers and prints what was stored; run again to finish.

    Exit code 2 when some inputs or documents failed (each is named on stderr); the rest are done.
    """
    from_store = not paths and not example
    _check_extract_options(from_store, no_store=no_store, db=db, redo_all=redo_all, fuse=fuse)
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
    documents = _input_documents(paths, options, example=example, failures=failures)
    writer = EventWriter(fmt)
    store = None
    if not no_store:
        from sitrep.store import open_store

        store = open_store(db)
    if from_store and store is not None:
        documents = stored_documents(store, redo_all=redo_all)
    try:
        with stop_on_sigterm():
            summary = extract(
                documents,
                store,
                force=force or redo_all,
                on_events=writer.write,
                progress=len(documents) > _progress_min_docs(),
                workers=workers,
                engine=chosen,
                scheduler_address=scheduler,
            )
        fused = (
            _fuse(store, documents)
            if fuse and store is not None and summary.extracted and not summary.interrupted
            else None
        )
    finally:
        writer.close()
        if store is not None:
            store.close()
    failures.extend(summary.failures)
    _finish_extract(summary, store, failures, fused, documents=documents, from_store=from_store)


def _check_extract_options(
    from_store: bool, *, no_store: bool, db: object, redo_all: bool, fuse: bool
) -> None:
    """Refuse option combinations `sitrep extract` cannot honour (E204, E208, E207)."""
    if from_store and (no_store or db is None):
        raise ConfigError(
            "Give at least one file, folder or URL, --example, or --db to extract the documents "
            "stored there.",
            code="E204",
        )
    if redo_all and not from_store:
        raise ConfigError("--all re-extracts stored documents: give no paths.", code="E208")
    if fuse and no_store:
        raise ConfigError("--fuse needs the store: drop --no-store.", code="E207")


def _input_documents(
    paths: Sequence[str] | None,
    options: IngestOptions,
    *,
    example: bool,
    failures: list[str],
) -> list[Document]:
    """The bundled example (with --example) and the documents read from the paths; each input
    that fails is named on stderr and added to `failures`."""
    documents: list[Document] = []
    if example:
        from sitrep.data import example_document

        documents.append(example_document())
    if paths:
        from sitrep.ingest import read_inputs

        documents.extend(report_errors(read_inputs(paths, options), failures))
    return documents


def _finish_extract(
    summary: ExtractSummary,
    store: Store | None,
    failures: list[str],
    fused: str | None,
    *,
    documents: list[Document],
    from_store: bool,
) -> None:
    """Print the run's summary on stderr and exit as its outcome says."""
    if summary.interrupted:
        _report_interrupted(summary, store is not None)
    where = f"stored in {store.url}" if store is not None else "not stored"
    stderr.print(
        f"{count_noun(summary.documents, 'document')}: {summary.extracted} extracted, "
        f"{summary.skipped} already extracted (--force redoes them); "
        f"{count_noun(len(failures), 'input')} failed; "
        f"{count_noun(summary.events, 'new event')}, {where}.",
        highlight=False,
        soft_wrap=True,
    )
    if fused:
        stderr.print(fused, highlight=False, soft_wrap=True)
    if failures:
        raise typer.Exit(code=EXIT_INPUT_FAILED)
    if not documents and from_store:
        stderr.print("no stored document is waiting for extraction (--all redoes them all).")
    elif not documents:
        raise SitrepError("No documents to extract.", code="E206")


def _report_interrupted(summary: ExtractSummary, stored: bool) -> None:
    """Say what an interrupted run stored and what it did not; exit 130 (SIGINT) or 143."""
    verb = "stored" if stored else "extracted"
    stderr.print(
        f"interrupted by {summary.interrupted}: {verb} {count_noun(summary.extracted, 'document')} "
        f"({count_noun(summary.events, 'event')}); {summary.not_processed} not processed, "
        f"{len(summary.failures)} failed. Run the same command again to finish.",
        highlight=False,
        soft_wrap=True,
    )
    raise typer.Exit(code=130 if summary.interrupted == "SIGINT" else 143)

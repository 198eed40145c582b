"""Run the pure extraction function over many documents: in this process, in a process pool, or
on Dask.

Every engine calls the same worker-side function, `extract_one(document, extractor)`, which
never raises: a document whose extraction fails comes back as that document's `SitrepError`, so
one bad article never ends a batch. Results are yielded as they complete (pool and Dask engines
do not keep input order), so the caller can commit each one to the store as it arrives; at most
`window` documents are in flight at once, so a 100k-document corpus is never held by the pool
or the scheduler.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Generator, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from typing import Literal

from sitrep.errors import ConfigError, ModelError, SitrepError, StoreError
from sitrep.records import Document, Extraction

__all__ = [
    "ENGINES",
    "Engine",
    "ExtractionError",
    "Extractor",
    "Result",
    "Results",
    "extract_one",
    "resolve_engine",
    "run_extraction",
    "window_size",
]

Engine = Literal["serial", "process", "dask"]
ENGINES: tuple[str, ...] = ("serial", "process", "dask")
Extractor = Callable[[Document], Extraction]
Result = tuple[Document, Extraction | SitrepError]
Results = Generator[Result, None, None]

# Documents in flight per worker: enough to keep every worker busy, few enough to bound memory.
WINDOW_PER_WORKER = 4


class ExtractionError(SitrepError):
    """Extracting one document failed; the rest of the batch goes on.

    message (str): "extraction failed (TypeName: what it said)".
    detail (str): the worker-side traceback, for logs.
    """

    code = "E510"

    def __init__(self, message: str, *, detail: str = "") -> None:
        super().__init__(message)
        self.detail = detail

    @property
    def message(self) -> str:
        """The message without its code."""
        return str(self.args[0])


def _failure(exc: BaseException) -> ExtractionError:
    return ExtractionError(
        f"extraction failed ({type(exc).__name__}: {exc})",
        detail="".join(traceback.format_exception(exc)),
    )


def _default_extractor(document: Document) -> Extraction:
    try:
        from sitrep.extract import extract_document
    except ImportError as exc:
        raise ModelError(f"The extraction stage cannot be loaded: {exc}", code="E502") from exc
    return extract_document(document)


def extract_one(document: Document, extractor: Extractor | None = None) -> Extraction | SitrepError:
    """Extract one document and return its result or its error; never raises.

    This is the function every engine runs on its workers (it and `extractor` must be
    importable there, so pass a module-level function, not a lambda, to the pool and Dask).
    document (Document): the article.
    extractor (Extractor | None): Document -> Extraction; None: `sitrep.extract.extract_document`.
    RETURNS (Extraction | SitrepError): the extraction; ModelError/StoreError as raised (the
        caller decides whether they end the run); any other failure as an ExtractionError.
    """
    try:
        return (extractor or _default_extractor)(document)
    except (ModelError, StoreError) as exc:
        return exc
    except Exception as exc:  # noqa: BLE001 - one document's failure must not end the batch
        return _failure(exc)


WARM_UP = "Syrian government air strikes killed 3 civilians in Idlib on Monday, activists said."


def warm_worker(extractor: Extractor | None = None) -> None:
    """Load the spaCy pipeline in this (worker) process once, before the first document, and
    run the default extractor on one sentence so its lexicons and gazetteer load too.

    extractor (Extractor | None): the run's extractor; an injected one is not warmed (it loads
        what it needs on its first document).
    A missing model is not raised here: each document then returns the ModelError itself.
    """
    if extractor is not None:
        return
    try:
        from sitrep.nlp import load_pipeline

        load_pipeline()
        _default_extractor(Document.from_text(WARM_UP))
    except Exception:  # noqa: BLE001 - the first real document reports any failure itself
        pass


PR_SET_PDEATHSIG = 1  # linux/prctl.h


def die_with_parent(parent_pid: int, poll: float = 1.0) -> None:
    """Make this (worker) process end when its parent does, however the parent ends.

    On Linux the kernel sends SIGKILL when the parent dies (prctl PR_SET_PDEATHSIG); everywhere
    a daemon thread also checks every `poll` seconds that the parent is still `parent_pid`.
    Ctrl-C goes to the whole terminal group: workers ignore SIGINT and let the parent decide.
    parent_pid (int): the parent's pid, read in the parent.
    poll (float): seconds between the watchdog's checks.
    """
    import ctypes
    import os
    import signal
    import sys
    import threading
    import time

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass  # the watchdog below still ends the worker
    if os.getppid() != parent_pid:  # the parent died before prctl took effect
        os._exit(1)

    def watchdog() -> None:
        while os.getppid() == parent_pid:
            time.sleep(poll)
        os._exit(1)

    threading.Thread(target=watchdog, name="sitrep-parent-watchdog", daemon=True).start()


def init_worker(parent_pid: int, extractor: Extractor | None = None) -> None:
    """The pool's initializer: tie the worker to its parent, then load the pipeline once."""
    die_with_parent(parent_pid)
    warm_worker(extractor)


def window_size(workers: int) -> int:
    """Return how many documents an engine keeps in flight with `workers` workers."""
    return max(1, workers) * WINDOW_PER_WORKER


def resolve_engine(engine: str | None, workers: int, scheduler_address: str | None) -> Engine:
    """Pick the engine from the options: explicit, else Dask with a scheduler address, else a
    process pool with more than one worker, else serial.

    engine (str | None): "serial", "process", "dask", or None/"" for automatic.
    workers (int): worker count (>= 1).
    scheduler_address (str | None): a Dask scheduler such as "tcp://10.0.0.5:8786".
    RETURNS (Engine): the engine to use.
    """
    if workers < 1:
        raise ConfigError(f"--workers must be at least 1, not {workers}.", code="E230")
    if engine and engine not in ENGINES:
        raise ConfigError(
            f"Unknown engine {engine!r}; use one of {', '.join(ENGINES)}.", code="E231"
        )
    if scheduler_address and engine and engine != "dask":
        raise ConfigError(
            f"--scheduler is a Dask scheduler address; it cannot be used with --engine {engine}.",
            code="E232",
        )
    if engine:
        return engine  # type: ignore[return-value]
    if scheduler_address:
        return "dask"
    return "process" if workers > 1 else "serial"


def run_serial(documents: Iterable[Document], extractor: Extractor | None) -> Results:
    """Extract documents one after another in this process, in input order."""
    for doc in documents:
        yield doc, extract_one(doc, extractor)


def run_process_pool(
    documents: Iterable[Document],
    extractor: Extractor | None,
    *,
    workers: int,
    start_method: str = "spawn",
) -> Results:
    """Extract documents in a pool of `workers` processes, yielding results as they complete.

    Each worker loads the spaCy pipeline once (pool initializer). If a worker process dies
    (killed, out of memory), the documents it had in flight come back as ExtractionErrors and a
    new pool takes over the rest.
    """
    import multiprocessing
    import os

    context = multiprocessing.get_context(start_method)
    source = iter(documents)
    window = window_size(workers)

    def new_pool() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=workers,
            mp_context=context,
            initializer=init_worker,
            initargs=(os.getpid(), extractor),
        )

    pool = new_pool()
    pending: dict[Future[Extraction | SitrepError], Document] = {}
    finished = False
    try:
        while True:
            for doc in islice(source, window - len(pending)):
                pending[pool.submit(extract_one, doc, extractor)] = doc
            if not pending:
                finished = True
                return
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            broken = False
            for future in done:
                doc = pending.pop(future)
                try:
                    result = future.result()
                except BrokenProcessPool as exc:
                    broken = True
                    result = ExtractionError(
                        f"extraction failed (worker process died: {exc})", detail=""
                    )
                yield doc, result
            if broken:
                for future, doc in list(pending.items()):
                    future.cancel()
                    yield (
                        doc,
                        ExtractionError(
                            "extraction failed (worker process died while it was running)"
                        ),
                    )
                pending.clear()
                pool.shutdown(wait=False, cancel_futures=True)
                pool = new_pool()
    finally:
        if not finished:  # interrupted or closed early: end the workers now, not after their work
            stop_workers(pool)
        pool.shutdown(wait=True, cancel_futures=True)


def stop_workers(pool: ProcessPoolExecutor) -> None:
    """Terminate a pool's worker processes (documents in flight are abandoned, not stored)."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(timeout=5)
        if process.is_alive():
            process.kill()


def run_extraction(
    documents: Iterable[Document],
    *,
    workers: int = 1,
    engine: Engine | str | None = None,
    scheduler_address: str | None = None,
    extractor: Extractor | None = None,
) -> Results:
    """Extract events from many documents with the chosen engine, one result per document.

    `serial` runs in this process, in input order; `process` runs a pool of `workers` processes
    (spawned; each loads the spaCy pipeline once); `dask` runs on a `dask.distributed` cluster:
    a local one of `workers` single-threaded worker processes, or the scheduler at
    `scheduler_address`. Pool and Dask results come as they complete, at most 4×workers
    documents in flight, so the caller can store each one at once and memory stays bounded.
    documents (Iterable[Document]): what to extract (consumed lazily, in this thread).
    workers (int): worker processes (pool, local Dask cluster).
    engine (Engine | str | None): "serial", "process", "dask"; None: see `resolve_engine`.
    scheduler_address (str | None): a Dask scheduler, e.g. "tcp://10.0.0.5:8786".
    extractor (Extractor | None): Document -> Extraction (module-level, for pool and Dask);
        None: `sitrep.extract.extract_document`.
    RETURNS (Generator[tuple[Document, Extraction | SitrepError]]): each document with its
        extraction or its error (ExtractionError; ModelError/StoreError as raised). Close it to
        stop early: the pool or cluster shuts down.
    """
    chosen = resolve_engine(engine, workers, scheduler_address)
    if chosen == "serial":
        return run_serial(documents, extractor)
    if chosen == "process":
        return run_process_pool(documents, extractor, workers=workers)
    from sitrep.scale.dask_engine import run_dask

    return run_dask(documents, extractor, workers=workers, scheduler_address=scheduler_address)

"""The Dask engine: the same `extract_one` on a `dask.distributed` cluster.

Without an address, a `LocalCluster` of `workers` worker processes with one thread each is
started for the run and closed after it; with one (`tcp://host:8786`), the run connects to that
scheduler, whose workers must have sitrep and its spaCy model installed. Each worker process
loads the pipeline once (`load_pipeline` is cached per process). Documents are submitted in a
sliding window (4×workers in flight), so the scheduler never holds the whole corpus.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from itertools import islice
from typing import Any

from sitrep.errors import ConfigError, SitrepError
from sitrep.records import Document, Extraction
from sitrep.scale.engines import (
    ExtractionError,
    Extractor,
    Results,
    extract_one,
    warm_worker,
    window_size,
)

__all__ = ["run_dask", "dask_client"]


def dask_client(workers: int, scheduler_address: str | None) -> tuple[Any, Any]:
    """Return a connected `distributed.Client`: to `scheduler_address`, else to a new local
    cluster of `workers` single-threaded worker processes (closed with the client).

    workers (int): local worker processes (ignored with an address).
    scheduler_address (str | None): e.g. "tcp://10.0.0.5:8786".
    RETURNS (tuple[Client, LocalCluster | None]): the client, and the cluster it started (the
        caller closes both).
    """
    from sitrep.extras import require

    require("distributed", "scale", "The Dask engine (--engine dask)")
    from distributed import Client, LocalCluster

    if scheduler_address:
        try:
            return Client(scheduler_address, timeout="10s"), None
        except (OSError, TimeoutError) as exc:
            raise ConfigError(
                f"Cannot reach the Dask scheduler at {scheduler_address}: {exc}", code="E234"
            ) from exc
    cluster = LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        silence_logs=logging.ERROR,
    )
    return Client(cluster), cluster


def run_dask(
    documents: Iterable[Document],
    extractor: Extractor | None,
    *,
    workers: int,
    scheduler_address: str | None = None,
) -> Results:
    """Extract documents on Dask, yielding (document, extraction or error) as they complete.

    documents (Iterable[Document]): consumed lazily, in this thread.
    extractor (Extractor | None): a module-level Document -> Extraction; None: the default.
    workers (int): local cluster size; with an address, the window is sized on the cluster's
        thread count.
    scheduler_address (str | None): an existing scheduler; None: a local cluster.
    RETURNS (Results): one result per document.
    """
    from distributed import as_completed

    source = iter(documents)
    first = list(islice(source, window_size(workers)))
    if not first:  # nothing to do (e.g. every document already extracted): start no cluster
        return
    client, cluster = dask_client(workers, scheduler_address)
    try:
        try:
            client.run(warm_worker, extractor)
        except Exception:  # noqa: BLE001 - a worker that cannot warm up fails each task instead
            pass
        window = max(window_size(sum(client.nthreads().values())), len(first))
        pending: dict[str, Document] = {}

        def submit(batch: list[Document]) -> list[Any]:
            futures = client.map(extract_one, batch, extractor=extractor, pure=False)
            for future, doc in zip(futures, batch, strict=True):
                pending[future.key] = doc
            return list(futures)

        completed = as_completed(submit(first))
        for future in completed:
            doc = pending.pop(future.key)
            result: Extraction | SitrepError
            try:
                result = future.result()
            except Exception as exc:  # noqa: BLE001 - a lost worker fails this document only
                result = ExtractionError(
                    f"extraction failed ({type(exc).__name__}: {exc})", detail=""
                )
            future.release()
            yield doc, result
            more = list(islice(source, window - len(pending)))
            if more:
                for new in submit(more):
                    completed.add(new)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()

"""The watcher in a thread beside the web server (`sitrep serve --watch`)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from sitrep.ingest.fetch import FetchPolicy
from sitrep.store import open_store
from sitrep.watch.watcher import Watcher, WatchSettings, WatchSummary

__all__ = ["watch_in_background"]

log = logging.getLogger("sitrep.watch")


@contextmanager
def watch_in_background(
    db: str | None, *, allow_private: bool = False, settings: WatchSettings | None = None
) -> Iterator[threading.Event]:
    """Run a Watcher on its own store connection in a thread for the duration of the block.

    db (str | None): the database (as `open_store`).
    allow_private (bool): fetch feeds on loopback/private addresses.
    settings (WatchSettings | None): None: watch.yaml.
    RETURNS (Iterator[Event]): the stop event; leaving the block sets it and waits for the
        watcher to finish its current item.
    """
    settings = settings or WatchSettings.default()
    stop = threading.Event()
    summary: list[WatchSummary] = []

    def work() -> None:
        store = open_store(db)
        try:
            policy = FetchPolicy(
                allow_private=allow_private, timeout=settings.timeout, max_bytes=settings.max_bytes
            )
            summary.append(Watcher(store, settings, policy=policy, stop=stop).run())
        except Exception:  # noqa: BLE001 - the server goes on; the failure is in the log
            log.exception("the watcher stopped on an error")
        finally:
            store.close()

    thread = threading.Thread(target=work, name="sitrep-watch", daemon=True)
    thread.start()
    try:
        yield stop
    finally:
        stop.set()
        thread.join(timeout=60)
        if summary:
            log.warning("watcher stopped: %d items extracted", summary[0].extracted)

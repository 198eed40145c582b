"""The watch loop: poll due sources, queue new items, extract them, keep the fused layer current.

One `Watcher` per database. Each cycle: extract what is queued (left by a crash too), poll the
sources whose time has come (politely: one host at most every `min_host_interval` seconds), queue
their new items in the same transaction as the feed's new state, extract the queue, update the
fused layer. A failing source is logged and retried with exponential backoff and jitter while
the others go on. `stop` (a threading.Event, set by SIGINT/SIGTERM or the server's shutdown)
ends the loop after the current item.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields, replace
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

import yaml

from sitrep.errors import InputError, ModelError, StoreError
from sitrep.ingest import IngestOptions
from sitrep.ingest.fetch import FetchPolicy
from sitrep.records import Document, Extraction
from sitrep.store import Store
from sitrep.store import feeds as feedstore
from sitrep.store.feeds import Feed, NewItem, PollState
from sitrep.watch.sources import FeedPoll, poll_feed, poll_folder

__all__ = [
    "WatchSettings",
    "WatchSummary",
    "Watcher",
    "add_sources",
    "backoff_seconds",
    "update_fused",
]

log = logging.getLogger("sitrep.watch")
Extractor = Callable[[Document], Extraction]
KEEP_ERRORS = 50  # the summary keeps the last errors only: a watcher runs for weeks


@dataclass(frozen=True)
class WatchSettings:
    """The watcher's settings (defaults in watch.yaml; see there for each one's meaning)."""

    interval: float = 300.0
    min_host_interval: float = 2.0
    backoff_base: float = 30.0
    backoff_cap: float = 3600.0
    jitter: float = 0.25
    max_attempts: int = 3
    timeout: float = 20.0
    max_bytes: int = 20_000_000
    batch: int = 20
    fuse_min_interval: float = 10.0
    fuse_batch: int = 10
    min_interval: float = 30.0
    tick: float = 1.0

    @classmethod
    def default(cls, **overrides: Any) -> WatchSettings:
        """The packaged watch.yaml, with `overrides` (None values ignored)."""
        given = {k: v for k, v in overrides.items() if v is not None}
        return replace(_packaged(), **given)


@lru_cache(maxsize=1)
def _packaged() -> WatchSettings:
    text = resources.files("sitrep.watch").joinpath("watch.yaml").read_text("utf-8")
    data = yaml.safe_load(text) or {}
    types = {f.name: f.type for f in fields(WatchSettings)}
    values: dict[str, Any] = {
        k: (int(v) if types[k] == "int" else float(v)) for k, v in data.items()
    }
    return WatchSettings(**values)


@dataclass
class WatchSummary:
    """What a watch run did (printed at exit)."""

    cycles: int = 0
    polls: int = 0
    failures: int = 0
    queued: int = 0
    already_seen: int = 0
    extracted: int = 0
    events: int = 0
    failed_items: int = 0
    fused: int = 0
    errors: list[str] = field(default_factory=list)  # the last KEEP_ERRORS poll errors


def backoff_seconds(failures: int, settings: WatchSettings, rng: random.Random) -> float:
    """Seconds before retrying a source that failed `failures` times in a row.

    base * 2^(failures - 1), capped, times a random factor in [1, 1 + jitter).
    """
    exponent = min(max(failures - 1, 0), 30)
    wait = min(settings.backoff_cap, settings.backoff_base * 2**exponent)
    return wait * (1 + settings.jitter * rng.random())


def update_fused(store: Store, doc_ids: list[str]) -> None:
    """Bring the fused layer up to date after these documents' events were stored: the fuse
    stage's incremental `update_fused`, which re-fuses only what the new reports touch."""
    from sitrep.fuse import update_fused as incremental

    incremental(store, doc_ids)


def _shareable(store: Store) -> bool:
    """True if two threads can each use the store (not an in-memory SQLite database)."""
    url = store.engine.url
    return not (url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:"))


class HostGate:
    """Politeness: at most one request to a host every `gap` seconds."""

    def __init__(self, gap: float) -> None:
        self.gap = gap
        self.last: dict[str, float] = {}

    def wait_for(self, source: str) -> float:
        """Seconds before this source's host may be asked again (0: now; files: always 0)."""
        host = urlsplit(source).hostname
        if host is None:
            return 0.0
        return max(0.0, self.last.get(host, -1e9) + self.gap - time.monotonic())

    def mark(self, source: str) -> None:
        """Note a request to this source's host now."""
        host = urlsplit(source).hostname
        if host is not None:
            self.last[host] = time.monotonic()


class Watcher:
    """Follows the store's saved feeds and folders.

    store (Store): where feeds, items, documents and events are.
    settings (WatchSettings): intervals, backoff, limits.
    policy (FetchPolicy | None): fetch limits; None: from settings (loopback refused by the
        safe fetcher unless allow_private).
    extractor (Extractor | None): Document -> Extraction; None: `sitrep.extract.extract_document`.
    stop (threading.Event | None): set it to end the loop after the current item.
    seed (int | None): seed of the backoff jitter (tests).
    """

    def __init__(
        self,
        store: Store,
        settings: WatchSettings | None = None,
        *,
        policy: FetchPolicy | None = None,
        extractor: Extractor | None = None,
        stop: threading.Event | None = None,
        seed: int | None = None,
    ) -> None:
        self.store = store
        self.settings = settings or WatchSettings.default()
        self.policy = policy or FetchPolicy(
            timeout=self.settings.timeout, max_bytes=self.settings.max_bytes
        )
        self.options = IngestOptions(max_bytes=self.policy.max_bytes)
        self.extractor = extractor
        self.stop = stop or threading.Event()
        self.rng = random.Random(seed)
        self.gate = HostGate(self.settings.min_host_interval)
        self.summary = WatchSummary()
        self._unfused: list[str] = []
        self._last_fuse = 0.0
        self._intervals: dict[int, float] = {}  # adapted poll intervals, by feed id
        self._soonest = self.settings.tick

    # -- the loop ----------------------------------------------------------------------------

    def run(self, *, max_cycles: int | None = None, until_idle: bool = False) -> WatchSummary:
        """Run until stopped, `max_cycles` done, or (until_idle) nothing is due or queued.

        An open-ended run on a database file or server polls in a thread of its own, so feeds
        are polled on time however long an item's extraction or a fusion step takes; bounded
        runs (and in-memory stores, whose one connection cannot be shared) poll between items.
        RETURNS (WatchSummary): counts of the whole run.
        """
        if max_cycles is None and not until_idle and _shareable(self.store):
            self._run_threaded()
        else:
            while not self.stop.is_set():
                self.cycle()
                if max_cycles is not None and self.summary.cycles >= max_cycles:
                    break
                if until_idle and self._idle():
                    break
                self.stop.wait(self._sleep())
        self._fuse(force=True)
        return self.summary

    def _run_threaded(self) -> None:
        """Extract and fuse here while a thread polls the sources; both end on `stop`."""
        halt = threading.Event()
        failed: list[BaseException] = []

        def polling() -> None:
            try:
                while not (self.stop.is_set() or halt.is_set()):
                    self._soonest = self.poll_due()
                    self.stop.wait(self._sleep())
            except BaseException as exc:  # noqa: BLE001 - re-raised by the extracting thread
                failed.append(exc)
                halt.set()

        poller = threading.Thread(target=polling, name="sitrep-poll", daemon=True)
        poller.start()
        log.info("polling sources in their own thread")
        try:
            while not (self.stop.is_set() or halt.is_set()):
                done = self.drain(budget=self.settings.tick)
                self._fuse(force=False)
                self.summary.cycles += 1
                if not done:
                    self.stop.wait(self.settings.tick)
        finally:
            halt.set()
            poller.join(timeout=self.settings.timeout + 5)
        if failed:
            raise failed[0]

    def cycle(self) -> None:
        """One pass: poll every due source whose host may be asked, then extract the queue
        until the next poll is due (so a long queue never keeps a feed from being polled),
        then update the fused layer (one bounded step)."""
        self._soonest = self.poll_due()
        self.drain(budget=self._soonest)
        self._fuse(force=False)
        self.summary.cycles += 1

    def poll_due(self) -> float:
        """Poll every due source whose host may be asked now.

        RETURNS (float): seconds until the next source is due (at most `tick`).
        """
        now = datetime.now(UTC)
        soonest = self.settings.tick
        for feed in feedstore.list_feeds(self.store):
            if self.stop.is_set():
                break
            due_in = 0.0 if feed.next_poll is None else (feed.next_poll - now).total_seconds()
            gated = self.gate.wait_for(feed.source)
            if due_in <= 0 and gated <= 0:
                self.poll(feed)
                due_in = feed.interval
            soonest = min(soonest, max(due_in, gated))
        return soonest

    def _idle(self) -> bool:
        now = datetime.now(UTC)
        feeds = feedstore.list_feeds(self.store)
        due = any(f.next_poll is None or f.next_poll <= now for f in feeds)
        queued = feedstore.pending(self.store, limit=1, max_attempts=self.settings.max_attempts)
        return not due and not queued

    def _sleep(self) -> float:
        return max(0.05, min(self.settings.tick, self._soonest))

    # -- polling -----------------------------------------------------------------------------

    def poll(self, feed: Feed) -> int:
        """Poll one source and queue its new items; a failure is recorded with its backoff.

        RETURNS (int): items queued.
        """
        self.gate.mark(feed.source)
        started = datetime.now(UTC)
        self.summary.polls += 1
        try:
            if feed.kind == "folder":
                known = feedstore.fingerprints(self.store, feed.id)
                result = poll_folder(feed.source, known, self.options)
            else:
                result = poll_feed(
                    feed.source,
                    self.policy,
                    self.options,
                    etag=feed.etag,
                    last_modified=feed.last_modified,
                )
        except StoreError:
            raise
        except (InputError, OSError, ValueError) as exc:
            self._failed(feed, str(exc), started)
            return 0
        except Exception as exc:  # noqa: BLE001 - a feed that breaks a parser must not stop the rest
            self._failed(
                feed, f"{feed.source}: cannot be read ({type(exc).__name__}: {exc})", started
            )
            return 0
        for problem in result.problems:
            log.info("skipped: %s", problem)
        items = self._new_items(result)
        interval = self._adapt(feed, listed=len(result.items), new=len(items))
        state = PollState(
            etag=result.etag,
            last_modified=result.last_modified,
            polled=started,
            next_poll=datetime.now(UTC) + timedelta(seconds=interval),
        )
        queued = feedstore.queue_items(self.store, feed.id, items, state)
        self.summary.queued += queued
        if queued or not result.not_modified:
            log.info("%s: %d new items queued", feed.source, queued)
        return queued

    def _adapt(self, feed: Feed, *, listed: int, new: int) -> float:
        """Return the seconds until this feed's next poll, adapted to how fast it moves.

        A feed whose every listed item is new (after a first successful poll) may have dropped
        items off its list since the last poll: it is polled twice as often, down to
        `min_interval` (or its own interval if shorter). Once a poll finds items seen before, the
        interval grows back (doubling) to the feed's own.
        """
        current = self._intervals.get(feed.id, feed.interval)
        if feed.kind == "feed" and feed.last_ok is not None and listed >= 2 and new == listed:
            floor = min(self.settings.min_interval, feed.interval)
            faster = max(floor, current / 2)
            if faster < current:
                log.warning(
                    "%s: all %d listed items are new (some may have been missed): polling "
                    "every %.1f s instead of %.1f s",
                    feed.source,
                    listed,
                    faster,
                    current,
                )
            current = faster
        elif new < listed and current < feed.interval:
            current = min(feed.interval, current * 2)
            log.info("%s: polling every %.1f s", feed.source, current)
        self._intervals[feed.id] = current
        return current

    def _failed(self, feed: Feed, error: str, started: datetime) -> None:
        wait = backoff_seconds(feed.failures + 1, self.settings, self.rng)
        retry = datetime.now(UTC) + timedelta(seconds=wait)
        feedstore.record_failure(self.store, feed.id, error, started, retry)
        self.summary.failures += 1
        self.summary.errors = [*self.summary.errors[-(KEEP_ERRORS - 1) :], error]
        log.warning("%s (failure %d; next try in %.0f s)", error, feed.failures + 1, wait)

    def _new_items(self, result: FeedPoll) -> list[NewItem]:
        """Drop items seen before; an item whose text was seen (another feed, another URL) is
        recorded as seen without a document."""
        candidates = [i for i in result.items if i.fingerprint or i.document is not None]
        old = feedstore.seen_keys(self.store, [i.item for i in candidates if i.fingerprint is None])
        fresh = [i for i in candidates if i.item not in old]
        docs = feedstore.seen_docs(self.store, [i.document.id for i in fresh if i.document])
        items: list[NewItem] = []
        queued: set[str] = set()
        for item in fresh:
            doc = item.document
            if doc is not None and (doc.id in docs or doc.id in queued):
                self.summary.already_seen += 1
                item = NewItem(item.item, None, item.fingerprint)
            elif doc is not None:
                queued.add(doc.id)
            items.append(item)
        self.summary.already_seen += len(candidates) - len(fresh)
        return items

    # -- extraction --------------------------------------------------------------------------

    def drain(self, budget: float | None = None) -> int:
        """Extract and store queued items, oldest first, until the queue is empty, the budget
        is spent (at least one item is done) or the loop is stopped.

        budget (float | None): seconds to spend at most; None: until the queue is empty.
        RETURNS (int): items extracted.
        """
        deadline = None if budget is None else time.monotonic() + budget
        done = 0
        tried = 0
        while not self.stop.is_set():
            batch = feedstore.pending(
                self.store, limit=self.settings.batch, max_attempts=self.settings.max_attempts
            )
            if not batch:
                break
            for entry in batch:
                out_of_time = deadline is not None and time.monotonic() > deadline
                if self.stop.is_set() or (out_of_time and tried):
                    self._fuse(force=False)
                    return done
                done += self._extract(entry)
                tried += 1
            self._fuse(force=False)
        return done

    def _extract(self, entry: feedstore.PendingItem) -> int:
        doc = entry.document
        if self.store.has_extraction(doc.id):  # extracted before a crash took it off the queue
            feedstore.finish_pending(self.store, entry.id)
            return 0
        try:
            extraction = self._extractor()(doc)
            self.store.save_extraction(doc, extraction)
        except (ModelError, StoreError):
            raise
        except Exception as exc:  # noqa: BLE001 - one bad item must not stop the watcher
            feedstore.fail_pending(self.store, entry.id, f"{type(exc).__name__}: {exc}")
            self.summary.failed_items += 1
            log.warning("%s: extraction failed (%s)", entry.item, exc)
            return 0
        feedstore.finish_pending(self.store, entry.id)
        self.summary.extracted += 1
        self.summary.events += len(extraction.events)
        self._unfused.append(doc.id)
        log.info("%s: %d events", entry.item, len(extraction.events))
        return 1

    def _extractor(self) -> Extractor:
        if self.extractor is None:
            from sitrep.extract import extract_document

            self.extractor = extract_document
        return self.extractor

    def _fuse(self, *, force: bool) -> None:
        """Fuse the extracted documents into the fused layer, in bounded steps.

        Unforced, one step of at most `fuse_batch` documents, taken when that many are waiting
        or `fuse_min_interval` has passed, so the loop is back to polling soon after; forced
        (at exit), every step.
        """
        size = max(self.settings.fuse_batch, 1)
        waited = time.monotonic() - self._last_fuse >= self.settings.fuse_min_interval
        if not force and len(self._unfused) < size and not waited:
            return
        while self._unfused:
            step, self._unfused = self._unfused[:size], self._unfused[size:]
            update_fused(self.store, step)
            self.summary.fused += 1
            self._last_fuse = time.monotonic()
            if not force:
                return


def add_sources(store: Store, sources: Iterable[tuple[str, float]]) -> list[Feed]:
    """Save sources (feed URL, feed file or folder; interval in seconds) to watch."""
    from sitrep.watch.sources import source_kind

    return [feedstore.add_feed(store, s, source_kind(s), interval) for s, interval in sources]

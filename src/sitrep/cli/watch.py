"""`sitrep watch`: follow feeds and folders, extract, store and fuse new items as they arrive."""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Annotated

import typer

from sitrep.cli import app
from sitrep.cli.feeds import IntervalOpt
from sitrep.cli.options import DbOption, run_cli, stderr
from sitrep.errors import ConfigError

if TYPE_CHECKING:
    from sitrep.watch import WatchSummary

__all__ = ["watch_cli", "read_feed_list", "setup_logging", "stop_on_signals", "summary_line"]

AllowPrivateOpt = Annotated[
    bool,
    typer.Option(
        "--allow-private-urls",
        help="Let feeds on loopback or private addresses be fetched (refused by default).",
    ),
]


def read_feed_list(path: Path, interval: float) -> list[tuple[str, float]]:
    """Read a feed list: one source (URL, feed file or folder) a line, optionally followed by
    its interval in seconds; blank lines and lines starting with # are skipped."""
    try:
        lines = path.read_text("utf-8").splitlines()
    except (OSError, UnicodeError) as exc:
        raise ConfigError(f"{path}: cannot read the feed list ({exc}).", code="E243") from None
    sources = []
    for number, line in enumerate(lines, start=1):
        parts = line.split()
        if not parts or parts[0].startswith("#"):
            continue
        try:
            every = float(parts[1]) if len(parts) > 1 else interval
        except ValueError:
            raise ConfigError(
                f"{path}:{number}: the interval must be seconds, not {parts[1]!r}.", code="E243"
            ) from None
        sources.append((parts[0], every))
    return sources


def setup_logging(verbose: bool = False) -> None:
    """Send the watcher's log (sitrep.watch) to stderr with times."""
    logger = logging.getLogger("sitrep.watch")
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
        logger.addHandler(handler)
    logger.setLevel(logging.INFO if verbose else logging.WARNING)


@contextmanager
def stop_on_signals(stop: threading.Event) -> Iterator[None]:
    """Set `stop` on SIGINT or SIGTERM (the loop finishes its item and exits); restore after."""

    def handler(signum: int, _frame: FrameType | None) -> None:
        stderr.print(f"{signal.Signals(signum).name}: stopping after the current item.")
        stop.set()

    old = {sig: signal.signal(sig, handler) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, previous in old.items():
            signal.signal(sig, previous)


def summary_line(summary: WatchSummary) -> str:
    """One line: what the run did."""
    return (
        f"{summary.cycles} cycles, {summary.polls} polls ({summary.failures} failed); "
        f"{summary.queued} new items, {summary.already_seen} seen before; {summary.extracted} "
        f"extracted ({summary.failed_items} failed), {summary.events} events; "
        f"fused layer updated {summary.fused} times."
    )


def _check_sources(store: object) -> None:
    from sitrep.store.feeds import list_feeds

    if not list_feeds(store):  # type: ignore[arg-type]
        raise ConfigError(
            "Nothing to watch: give feed URLs, files or folders, --feeds FILE, or save some "
            "with `sitrep feeds add`.",
            code="E244",
        )


@app.command("watch")
@run_cli
def watch_cli(
    sources: Annotated[
        list[str] | None, typer.Argument(help="Feed URLs, feed files or folders to add.")
    ] = None,
    feeds: Annotated[
        Path | None,
        typer.Option("--feeds", help="A feed list: one source a line, optionally its interval."),
    ] = None,
    interval: IntervalOpt = None,
    db: DbOption = None,
    once: Annotated[bool, typer.Option("--once", help="One cycle, then exit.")] = False,
    max_cycles: Annotated[
        int | None, typer.Option("--max-cycles", min=1, help="Exit after N cycles.")
    ] = None,
    until_idle: Annotated[
        bool, typer.Option("--until-idle", help="Exit when nothing is due or queued.")
    ] = False,
    allow_private_urls: AllowPrivateOpt = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Log only problems.")] = False,
) -> None:
    """Follow feeds and folders: new items are extracted, stored and fused as they arrive.

    Sources given here (or in --feeds) are saved in the database (see `sitrep feeds`); the
    watcher follows every saved source, each on its own interval, until Ctrl-C or SIGTERM.

    Example: sitrep watch --feeds feeds.txt --db events.db
    """
    from sitrep.ingest.fetch import FetchPolicy
    from sitrep.store import open_store
    from sitrep.watch import Watcher, WatchSettings, add_sources

    settings = WatchSettings.default(interval=interval)
    wanted = [(s, settings.interval) for s in sources or []]
    if feeds is not None:
        wanted.extend(read_feed_list(feeds, settings.interval))
    setup_logging(verbose=not quiet)
    stop = threading.Event()
    with open_store(db) as store:
        add_sources(store, wanted)
        _check_sources(store)
        policy = FetchPolicy(
            allow_private=allow_private_urls,
            timeout=settings.timeout,
            max_bytes=settings.max_bytes,
        )
        watcher = Watcher(store, settings, policy=policy, stop=stop)
        with stop_on_signals(stop):
            summary = watcher.run(max_cycles=1 if once else max_cycles, until_idle=until_idle)
    stderr.print(summary_line(summary), highlight=False, soft_wrap=True)

"""The watch loop against real feed servers on 127.0.0.1: new items, faults, dedup, folders."""

from __future__ import annotations

import random
import threading
import time
from pathlib import Path

import pytest
from watch_helpers import ARTICLE, FeedServer, item, no_events

from sitrep.ingest.fetch import FetchPolicy
from sitrep.records import Document, Extraction
from sitrep.store import Store, open_store
from sitrep.store import feeds as feedstore
from sitrep.store.feeds import NewItem, PollState
from sitrep.watch import Watcher, WatchSettings, add_sources, backoff_seconds

SETTINGS = WatchSettings.default(min_host_interval=0.0, backoff_base=60.0, timeout=1.0)
POLICY = FetchPolicy(allow_private=True, timeout=1.0, max_bytes=100_000)


def watcher(store: Store, **kwargs: object) -> Watcher:
    settings = kwargs.pop("settings", SETTINGS)
    return Watcher(store, settings, policy=POLICY, extractor=no_events, seed=1, **kwargs)  # type: ignore[arg-type]


def poll_now(store: Store) -> None:
    """Make every feed due (as if its interval had passed)."""

    from sitrep.store.schema import feeds

    with store.engine.begin() as conn:
        conn.execute(feeds.update().values(next_poll=None))


def test_watcher_feed_that_changes_gets_only_new_items(
    fresh_store: Store, feed_server: FeedServer
) -> None:
    feed_server.items = [item(1), item(2)]
    add_sources(fresh_store, [(feed_server.url("/feed.xml"), 60.0)])
    first = watcher(fresh_store).run(until_idle=True)
    assert (first.queued, first.extracted) == (2, 2)
    poll_now(fresh_store)
    unchanged = watcher(fresh_store).run(max_cycles=1)
    assert unchanged.queued == 0 and feed_server.conditional == ["/feed.xml"]  # a 304
    feed_server.items = [item(3), item(1), item(2)]
    poll_now(fresh_store)
    changed = watcher(fresh_store).run(max_cycles=1)
    assert (changed.queued, changed.already_seen) == (1, 2)
    assert fresh_store.stats()["documents"] == 3


def test_watcher_failing_feeds_back_off_while_others_go_on(
    fresh_store: Store, feed_server: FeedServer
) -> None:
    feed_server.items = [item(1)]
    bad = ["/broken", "/hang", "/garbage", "/html", "/loop-a", "/big"]
    add_sources(fresh_store, [(feed_server.url(p), 60.0) for p in bad])
    add_sources(fresh_store, [(feed_server.url("/feed.xml"), 60.0)])
    summary = watcher(fresh_store).run(until_idle=True)
    assert summary.failures == len(bad) and summary.extracted == 1
    state = {f.source.rsplit("/", 1)[1]: f for f in feedstore.list_feeds(fresh_store)}
    for path in bad:
        feed = state[path.lstrip("/")]
        assert feed.failures == 1 and feed.last_error and feed.last_ok is None
        assert feed.next_poll is not None and feed.last_polled is not None
        assert 59 <= (feed.next_poll - feed.last_polled).total_seconds() <= 60 * 1.25 + 5
    assert state["feed.xml"].failures == 0 and state["feed.xml"].items == 1


def test_watcher_failures_grow_the_backoff_to_its_cap(fresh_store: Store) -> None:
    settings = WatchSettings.default(backoff_base=10.0, backoff_cap=100.0, jitter=0.25)
    rng = random.Random(3)
    waits = [backoff_seconds(n, settings, rng) for n in range(1, 9)]
    assert 10 <= waits[0] < 12.5 and 20 <= waits[1] < 25 and 40 <= waits[2] < 50
    assert all(100 <= w < 125 for w in waits[4:])


def test_watcher_success_resets_failures(fresh_store: Store, feed_server: FeedServer) -> None:
    add_sources(fresh_store, [(feed_server.url("/flaky"), 60.0)])
    feed_server.flaky = True  # answers 500 until it is fixed
    watcher(fresh_store).run(max_cycles=1)
    assert feedstore.list_feeds(fresh_store)[0].failures == 1
    feed_server.items = [item(1)]
    feed_server.flaky = False
    poll_now(fresh_store)
    watcher(fresh_store).run(max_cycles=1)
    feed = feedstore.list_feeds(fresh_store)[0]
    assert feed.failures == 0 and feed.last_error is None and feed.items == 1


def test_watcher_tracking_parameters_do_not_make_a_new_item(
    fresh_store: Store, feed_server: FeedServer
) -> None:
    feed_server.items = [item(1, "http://news.example.org/story/1?utm_source=rss")]
    add_sources(fresh_store, [(feed_server.url("/feed.xml"), 60.0)])
    watcher(fresh_store).run(max_cycles=1)
    # the same story, new tracking, slightly edited summary: still the same item
    edited = item(1, "http://news.example.org/story/1?utm_source=twitter&fbclid=abc")
    edited["text"] += " Updated."
    feed_server.items = [edited]
    poll_now(fresh_store)
    summary = watcher(fresh_store).run(max_cycles=1)
    assert (summary.queued, summary.already_seen) == (0, 1)
    assert fresh_store.stats()["documents"] == 1


def test_watcher_same_text_from_two_feeds_is_stored_once(
    fresh_store: Store, feed_server: FeedServer
) -> None:
    feed_server.items = [item(1), item(2)]
    feed_server.second = [item(1, "http://other.example.net/copy-of-1"), item(5)]
    add_sources(
        fresh_store,
        [(feed_server.url("/feed.xml"), 60.0), (feed_server.url("/second.xml"), 60.0)],
    )
    summary = watcher(fresh_store).run(until_idle=True)
    assert summary.queued == 3 and summary.already_seen == 1
    assert fresh_store.stats()["documents"] == 3


def test_watcher_politeness_spaces_requests_to_one_host(
    fresh_store: Store, feed_server: FeedServer
) -> None:
    feed_server.items = [item(1)]
    feed_server.second = [item(2)]
    add_sources(
        fresh_store,
        [(feed_server.url("/feed.xml"), 60.0), (feed_server.url("/second.xml"), 60.0)],
    )
    settings = WatchSettings.default(min_host_interval=0.5, timeout=1.0)
    summary = watcher(fresh_store, settings=settings).run(until_idle=True)
    assert len(feed_server.times) == 2 and summary.extracted == 2
    assert feed_server.times[1] - feed_server.times[0] >= 0.45


def test_watcher_folder_new_and_changed_files(fresh_store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE.format(n=1))
    add_sources(fresh_store, [(str(folder), 60.0)])
    assert watcher(fresh_store).run(max_cycles=1).queued == 1
    (folder / "b.txt").write_text(ARTICLE.format(n=2))
    (folder / ".hidden.txt").write_text(ARTICLE.format(n=9))
    poll_now(fresh_store)
    assert watcher(fresh_store).run(max_cycles=1).queued == 1
    poll_now(fresh_store)
    assert watcher(fresh_store).run(max_cycles=1).queued == 0  # nothing changed
    (folder / "a.txt").write_text(ARTICLE.format(n=3))  # changed content
    poll_now(fresh_store)
    assert watcher(fresh_store).run(max_cycles=1).queued == 1
    assert fresh_store.stats()["documents"] == 3


def test_watcher_queue_left_by_a_crash_is_extracted_first(fresh_store: Store) -> None:
    feed = add_sources(fresh_store, [("http://127.0.0.1:9/feed.xml", 60.0)])[0]
    docs = [Document.from_text(ARTICLE.format(n=n), ref=f"r{n}") for n in range(3)]
    state = PollState(None, None, polled=feed.added, next_poll=feed.added)
    items = [NewItem(f"http://x.org/{n}", d) for n, d in enumerate(docs)]
    assert feedstore.queue_items(fresh_store, feed.id, items, state) == 3
    # the document of item 0 was stored before the "crash" took it off the queue
    fresh_store.save_extraction(docs[0], no_events(docs[0]))
    w = watcher(fresh_store)
    assert w.drain() == 2
    assert feedstore.pending(fresh_store) == [] and fresh_store.stats()["extracted"] == 3


def test_watcher_failing_extraction_is_retried_then_left(fresh_store: Store) -> None:
    feed = add_sources(fresh_store, [("http://127.0.0.1:9/feed.xml", 60.0)])[0]
    doc = Document.from_text(ARTICLE.format(n=1))
    state = PollState(None, None, polled=feed.added, next_poll=feed.added)
    feedstore.queue_items(fresh_store, feed.id, [NewItem("http://x.org/1", doc)], state)

    def broken(document: Document) -> Extraction:
        raise ValueError("extractor bug")

    w = Watcher(fresh_store, SETTINGS, policy=POLICY, extractor=broken)
    w.drain()
    assert w.summary.failed_items == SETTINGS.max_attempts
    assert feedstore.pending(fresh_store) == [] and feedstore.pending_count(fresh_store) == 1


def test_watcher_stop_event_ends_a_long_run(fresh_store: Store, feed_server: FeedServer) -> None:
    feed_server.items = [item(1)]
    add_sources(fresh_store, [(feed_server.url("/feed.xml"), 0.2)])
    stop = threading.Event()
    w = watcher(fresh_store, stop=stop)
    thread = threading.Thread(target=w.run)
    thread.start()
    time.sleep(1.0)
    stop.set()
    thread.join(timeout=10)
    assert not thread.is_alive() and w.summary.cycles >= 2 and w.summary.extracted == 1


@pytest.mark.postgres
def test_watcher_on_postgresql(pg_url: str, feed_server: FeedServer) -> None:
    feed_server.items = [item(1), item(2, "http://news.example.org/story/2?utm_medium=x")]
    feed_server.second = [item(2, "http://news.example.org/story/2"), item(3)]
    with open_store(pg_url) as store:
        add_sources(
            store, [(feed_server.url("/feed.xml"), 60.0), (feed_server.url("/second.xml"), 60.0)]
        )
        summary = watcher(store).run(until_idle=True)
        assert summary.extracted == 3 and store.stats()["documents"] == 3
        assert [f.failures for f in feedstore.list_feeds(store)] == [0, 0]


def test_watcher_empty_feed_is_not_a_failure(fresh_store: Store, feed_server: FeedServer) -> None:
    add_sources(fresh_store, [(feed_server.url("/feed.xml"), 60.0)])  # a feed with no items yet
    summary = watcher(fresh_store).run(max_cycles=1)
    assert summary.failures == 0 and feedstore.list_feeds(fresh_store)[0].failures == 0


def test_watcher_unexpected_extractor_exception_does_not_stop_it(fresh_store: Store) -> None:
    feed = add_sources(fresh_store, [("http://127.0.0.1:9/feed.xml", 60.0)])[0]
    docs = [Document.from_text(ARTICLE.format(n=n)) for n in range(2)]
    state = PollState(None, None, polled=feed.added, next_poll=feed.added)
    items = [NewItem(f"http://x.org/{n}", d) for n, d in enumerate(docs)]
    feedstore.queue_items(fresh_store, feed.id, items, state)

    def picky(document: Document) -> Extraction:
        if document.id == docs[0].id:
            raise KeyError("a bug in one rule")
        return no_events(document)

    w = Watcher(fresh_store, SETTINGS, policy=POLICY, extractor=picky)
    w.drain()
    assert w.summary.extracted == 1 and fresh_store.has_extraction(docs[1].id)


def test_watcher_long_queue_does_not_starve_polling(
    fresh_store: Store, feed_server: FeedServer
) -> None:
    feed_server.items = [item(n) for n in range(30)]
    add_sources(fresh_store, [(feed_server.url("/feed.xml"), 0.2)])

    def slow(document: Document) -> Extraction:
        time.sleep(0.05)  # 30 items: 1.5 s of extraction, while the feed is due every 0.2 s
        return no_events(document)

    w = Watcher(fresh_store, SETTINGS, policy=POLICY, extractor=slow)
    summary = w.run(until_idle=True)
    assert summary.extracted == 30
    assert feed_server.hits["/feed.xml"] >= 4  # polled again while the queue was worked off


def one_event(document: Document) -> Extraction:
    """One air strike per document, each on its own day (so no two are fused)."""
    from datetime import date, timedelta

    from sitrep.records import Event

    day = date(2016, 1, 1) + timedelta(days=10 * (int(document.id[:6], 16) % 1000))
    event = Event(
        event_id=f"{document.id}-1",
        doc_ids=[document.id],
        event_date=day,
        time_precision=1,
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        country="Syria",
        admin1="Hama",
        location="Kafr Zita",
        latitude=35.37,
        longitude=36.6,
        geo_precision=1,
    )
    return Extraction(doc_id=document.id, events=[event], claims=[])


def test_watcher_fuses_in_bounded_steps(fresh_store: Store, feed_server: FeedServer) -> None:
    feed_server.items = [item(n) for n in range(25)]
    add_sources(fresh_store, [(feed_server.url("/feed.xml"), 60.0)])
    settings = WatchSettings.default(
        min_host_interval=0.0, timeout=1.0, fuse_batch=10, fuse_min_interval=1000.0
    )
    w = Watcher(fresh_store, settings, policy=POLICY, extractor=one_event)
    summary = w.run(until_idle=True)
    assert summary.extracted == 25
    assert summary.fused == 3  # 10 + 10 + 5 documents: the loop polls again between steps
    assert fresh_store.stats()["fused_events"] == len(
        {one_event(d).events[0].event_date for d in fresh_store.iter_documents()}
    )


def test_watcher_polls_sooner_a_feed_whose_every_item_is_new(
    fresh_store: Store, feed_server: FeedServer, caplog: pytest.LogCaptureFixture
) -> None:
    feed_server.items = [item(1), item(2)]
    add_sources(fresh_store, [(feed_server.url("/feed.xml"), 60.0)])
    settings = WatchSettings.default(min_host_interval=0.0, timeout=1.0, min_interval=20.0)
    w = Watcher(fresh_store, settings, policy=POLICY, extractor=no_events)
    w.run(max_cycles=1)  # a first poll: every item is new, nothing to compare with

    def wait() -> float:
        [feed] = feedstore.list_feeds(fresh_store)
        assert feed.next_poll is not None and feed.last_polled is not None
        return (feed.next_poll - feed.last_polled).total_seconds()

    assert wait() == pytest.approx(60.0, abs=2.0)
    for first, rounds in ((3, 1), (5, 2)):  # two new items each time, none seen before
        feed_server.items = [item(first), item(first + 1)]
        poll_now(fresh_store)
        w.run(max_cycles=1)
        assert wait() == pytest.approx(max(20.0, 60.0 / 2**rounds), abs=2.0)
    assert "all 2 listed items are new" in caplog.text
    feed_server.items = [item(7), item(5), item(6)]  # seen items again: the interval grows back
    poll_now(fresh_store)
    w.run(max_cycles=1)
    assert wait() == pytest.approx(40.0, abs=2.0)


def test_watcher_polls_on_time_while_an_item_takes_long(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    """An open-ended run on a database file polls in its own thread: a slow extraction (or
    fusion step) does not keep the feeds from being polled."""
    store = open_store(f"sqlite:///{tmp_path / 'watch.db'}")
    feed_server.items = [item(n) for n in range(3)]
    add_sources(store, [(feed_server.url("/feed.xml"), 0.2)])

    def slow(document: Document) -> Extraction:
        time.sleep(1.5)  # 3 items: 4.5 s in which the feed is due every 0.2 s
        return no_events(document)

    stop = threading.Event()
    w = Watcher(store, SETTINGS, policy=POLICY, extractor=slow, stop=stop)
    runner = threading.Thread(target=w.run)
    runner.start()
    time.sleep(3.5)
    during = feed_server.hits["/feed.xml"]
    stop.set()
    runner.join(timeout=10)
    store.close()
    assert not runner.is_alive()
    assert during >= 8  # polled all along (between items only, it would be 2 or 3 times)
    assert w.summary.extracted >= 2

"""Fixtures of the watcher's tests: `feed_server`, a real feed server on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from watch_helpers import FeedServer, serve_feeds


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    """A feed server on 127.0.0.1 (a free port; see watch_helpers), stopped after the test."""
    with serve_feeds() as state:
        yield state

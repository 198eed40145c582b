"""`sitrep.ingest.fetch.fetch` against real servers on 127.0.0.1: validators, limits, faults."""

from __future__ import annotations

import pytest
from watch_helpers import FeedServer, item

from sitrep.ingest.fetch import FetchError, FetchPolicy, fetch

POLICY = FetchPolicy(allow_private=True, timeout=1.0, max_bytes=100_000)


def test_fetch_conditional_request_gets_304(feed_server: FeedServer) -> None:
    feed_server.items = [item(1)]
    first = fetch(feed_server.url("/feed.xml"), POLICY)
    assert first.status == 200 and first.etag and b"Kafr Zita" in first.body
    second = fetch(feed_server.url("/feed.xml"), POLICY, etag=first.etag)
    assert second.not_modified and second.status == 304 and second.body == b""
    assert feed_server.conditional == ["/feed.xml"]


def test_fetch_names_sitrep_in_user_agent(feed_server: FeedServer) -> None:
    fetch(feed_server.url("/feed.xml"), POLICY)
    assert feed_server.agents[-1].startswith("sitrep/")


@pytest.mark.parametrize(
    ("path", "code"),
    [
        ("/broken", "E106"),  # 500
        ("/nowhere", "E106"),  # 404
        ("/hang", "E106"),  # no answer within the timeout
        ("/trickle", "E106"),  # headers at once, then a body too slow to finish
        ("/loop-a", "E112"),  # a redirect loop
        ("/big", "E103"),  # Content-Length over max_bytes
        ("/big-chunked", "E103"),  # no Content-Length, body over max_bytes
    ],
)
def test_fetch_faults_raise_coded_errors(feed_server: FeedServer, path: str, code: str) -> None:
    with pytest.raises(FetchError) as caught:
        fetch(feed_server.url(path), POLICY)
    assert caught.value.code == code


def test_fetch_refuses_non_http_scheme() -> None:
    with pytest.raises(FetchError) as caught:
        fetch("file:///etc/passwd", POLICY)
    assert caught.value.code == "E112"


def test_fetch_unreachable_port_is_e106() -> None:
    with pytest.raises(FetchError) as caught:
        fetch("http://127.0.0.1:9/feed.xml", POLICY)
    assert caught.value.code == "E106"

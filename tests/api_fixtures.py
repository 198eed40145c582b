"""Test fixtures (not part of the sitrep package): a real server in a thread, and synthetic
events, for the API, web and export tests and the bench/ scripts.

Everything built here is synthetic and says so: the demo article is written for sitrep (not a
news report), and `synthetic_extraction` makes events with made-up actors (`Synthetic Actor 3`).
"""

from __future__ import annotations

import random
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from typing import Any

from sitrep.fuse.grade import GRADES
from sitrep.records import (
    SUB_EVENT_TYPES,
    Claim,
    Document,
    Event,
    Evidence,
    Extraction,
)

__all__ = ["TOKEN", "free_port", "serve_in_thread", "demo_extraction", "synthetic_extraction"]

TOKEN = "s3cret-token-for-tests-0123456789"  # a write token for tests (at least 16 characters)

# Place names with coordinates (Syria's governorate capitals), for synthetic events.
_PLACES: tuple[tuple[str, str, float, float], ...] = (
    ("Aleppo", "Aleppo", 36.2021, 37.1343),
    ("Idleb", "Idleb", 35.9306, 36.6339),
    ("Hama", "Hama", 35.1318, 36.7578),
    ("Homs", "Homs", 34.7324, 36.7137),
    ("Damascus", "Damascus", 33.5138, 36.2765),
    ("Douma", "Rural Damascus", 33.5711, 36.4011),
    ("Dar'a", "Dara", 32.6189, 36.1021),
    ("Deir ez Zor", "Deir ez Zor", 35.3359, 40.1408),
    ("Ar Raqqa", "Ar Raqqa", 35.9594, 39.0079),
    ("Al Hasakeh", "Al Hasakeh", 36.5024, 40.7477),
    ("Lattakia", "Lattakia", 35.5317, 35.7901),
    ("Tartous", "Tartous", 34.8890, 35.8866),
    ("As Sweida", "As-Sweida", 32.7090, 36.5695),
    ("Quneitra", "Quneitra", 33.1256, 35.8244),
)


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that is free now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serve_in_thread(app: Any, port: int | None = None) -> Iterator[str]:
    """Run `app` with uvicorn on 127.0.0.1 in a daemon thread; yield its base URL.

    app (ASGI app): the application.
    port (int | None): the port; None = a free one.
    RETURNS (Iterator[str]): "http://127.0.0.1:PORT"; the server stops when the block ends.
    """
    import uvicorn

    chosen = port or free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=chosen, log_level="warning", lifespan="off")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError(f"uvicorn did not start on port {chosen}")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{chosen}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def _evidence(text: str, doc_id: str, field: str, sentence: str) -> Evidence:
    start = text.index(sentence)
    return Evidence(
        field=field, text=sentence, doc_id=doc_id, start=start, end=start + len(sentence)
    )


def demo_extraction(text_suffix: str = "") -> tuple[Document, Extraction]:
    """A short synthetic article (written for sitrep) and two hand-coded events with evidence.

    text_suffix (str): appended to the article (tests put hostile markup here).
    RETURNS (tuple): the Document and its Extraction.
    """
    s1 = "Synthetic report: shelling hit the Bustan al-Qasr neighbourhood of Aleppo on Friday."
    s2 = "A local monitor said four civilians were killed, while state media denied any deaths."
    s3 = "Later, armed clashes broke out near Douma between two synthetic factions."
    text = " ".join([s1, s2, s3]) + text_suffix
    doc = Document.from_text(
        text, title="Synthetic demo report", outlet="sitrep demo", published=date(2016, 8, 5)
    )
    shelling = _demo_event(
        doc,
        1,
        s1,
        ("Aleppo - Bustan al-Qasr", "Aleppo", 36.1955, 37.1402, 1),
        time_precision=1,
        event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack",
        actor1="Synthetic Actor A",
        actor2="Civilians (Syria)",
        admin2="Jebel Saman",
        fatalities=4,
        fatalities_min=0,
        fatalities_max=4,
        claims=[
            Claim(by="a local monitor", by_type="monitor", says="four civilians were killed"),
            Claim(
                by="state media",
                by_type="state media",
                says="denied any deaths",
                stance="contradicts",
            ),
        ],
        evidence=[
            _evidence(text, doc.id, "event_type", s1),
            _evidence(text, doc.id, "location", "Bustan al-Qasr neighbourhood of Aleppo"),
            _evidence(text, doc.id, "fatalities", "four civilians were killed"),
        ],
        grade="contested",
        contested=True,
    )
    clash = _demo_event(
        doc,
        2,
        s3,
        ("Douma", "Rural Damascus", 33.5711, 36.4011, 2),
        time_precision=2,
        event_type="Battles",
        sub_event_type="Armed clash",
        actor1="Synthetic Actor B",
        actor2="Synthetic Actor C",
        fatalities=None,
        evidence=[_evidence(text, doc.id, "event_type", s3)],
        grade="weak",
    )
    return doc, Extraction(doc_id=doc.id, events=[shelling, clash])


def _demo_event(
    doc: Document,
    number: int,
    sentence: str,
    place: tuple[str, str, float, float, int],
    **fields: Any,
) -> Event:
    """One event of the demo article: its number, the sentence it notes, its place
    (location, admin1, latitude, longitude, geo_precision) and the fields that differ."""
    location, admin1, latitude, longitude, geo_precision = place
    return Event(
        event_id=f"{doc.id}-{number}",
        doc_ids=[doc.id],
        event_date=date(2016, 8, 5),
        country="Syria",
        admin1=admin1,
        location=location,
        latitude=latitude,
        longitude=longitude,
        geo_precision=geo_precision,
        source="sitrep demo",
        notes=sentence,
        **fields,
    )


def synthetic_extraction(
    index: int, n_events: int, rng: random.Random
) -> tuple[Document, Extraction]:
    """A synthetic document and `n_events` random (clearly synthetic) events, for benchmarks.

    index (int): the document's number (makes its text and ids unique).
    n_events (int): events to make.
    rng (random.Random): the random source.
    RETURNS (tuple): the Document and its Extraction.
    """
    text = f"Synthetic benchmark document {index}. It reports {n_events} made-up events."
    doc = Document.from_text(text, ref=f"synthetic-{index}", title=f"Synthetic {index}")
    events = []
    start = date(2012, 1, 1)
    types = list(SUB_EVENT_TYPES)
    for k in range(n_events):
        event_type = rng.choice(types)
        location, admin1, lat, lon = rng.choice(_PLACES)
        fatalities = rng.choice([None, 0, 0, 1, 2, 3, 5, 8, 13, 40])
        events.append(
            Event(
                event_id=f"syn-{index}-{k}",
                doc_ids=[doc.id],
                event_date=start + timedelta(days=rng.randrange(0, 12 * 365)),
                time_precision=1,
                event_type=event_type,
                sub_event_type=rng.choice(SUB_EVENT_TYPES[event_type]),
                actor1=f"Synthetic Actor {rng.randrange(40)}",
                actor2=f"Synthetic Actor {rng.randrange(40)}",
                country="Syria",
                admin1=admin1,
                location=location,
                latitude=round(lat + rng.uniform(-0.3, 0.3), 4),
                longitude=round(lon + rng.uniform(-0.3, 0.3), 4),
                geo_precision=rng.choice([1, 2, 3]),
                fatalities=fatalities,
                source="synthetic",
                notes=f"Synthetic event {k} of document {index}.",
                evidence=[
                    Evidence(field="event_type", text=text[:30], doc_id=doc.id, start=0, end=30)
                ],
                grade=rng.choice(GRADES),
                contested=rng.random() < 0.1,
            )
        )
    return doc, Extraction(doc_id=doc.id, events=events)

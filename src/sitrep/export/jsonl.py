"""Write events as JSON Lines: one full `Event` (claims, evidence, victims) per line."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from sitrep.records import Event

__all__ = ["write_jsonl"]


def write_jsonl(events: Iterable[Event], out: TextIO) -> int:
    """Write each event as one JSON object per line (the `Event` model's JSON).

    events (Iterable[Event]): the events.
    out (TextIO): a text stream.
    RETURNS (int): the number of lines written.
    """
    count = 0
    for event in events:
        out.write(event.model_dump_json())
        out.write("\n")
        count += 1
    return count

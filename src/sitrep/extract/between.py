"""Sides told with "between": "clashes between the Sudanese army and the RSF".

In a battle, "between X and Y" names the two sides, not one side of two allies. The sentence
splitter coordinates X and Y as side 1 (`actor1` X, `assoc_actor_1` Y); `split_between` moves
Y to `actor2` when the battle has no named opponent (none, or only ACLED's unidentified group).
"""

from __future__ import annotations

import re

from sitrep.extract.actors import lookup_actor
from sitrep.records import Event, Evidence

__all__ = ["split_between"]

_BETWEEN = re.compile(r"\bbetween\b", re.I)


def _told_between(event: Event) -> Evidence | None:
    for ev in event.evidence:
        if ev.field in ("sub_event_type", "assoc_actor_1") and _BETWEEN.search(ev.text):
            return ev
    return None


def split_between(events: list[Event]) -> None:
    """Give each battle told with "between X and Y" Y as its opponent (in place)."""
    for event in events:
        if event.event_type != "Battles" or not event.assoc_actor_1:
            continue
        if event.actor2 and not event.actor2.startswith("Unidentified"):
            continue
        told = _told_between(event)
        if told is None:
            continue
        assoc = event.assoc_actor_1.split("; ")
        opponent, rest = assoc[0], assoc[1:]
        info = lookup_actor(opponent)
        event.actor2 = opponent
        event.inter2 = info.inter if info is not None else None
        event.assoc_actor_1 = "; ".join(rest) or None
        if isinstance(event.inter1, int) and isinstance(event.inter2, int):
            event.interaction = int(
                f"{min(event.inter1, event.inter2)}{max(event.inter1, event.inter2)}"
            )
        event.evidence = [
            ev for ev in event.evidence if ev.field not in ("actor2", "inter2", "assoc_actor_1")
        ]
        event.evidence += [
            Evidence(field=f, text=told.text, doc_id=told.doc_id, start=told.start, end=told.end)
            for f in ("actor2", "inter2")
        ]

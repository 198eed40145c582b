"""Two sides told as one coordinated phrase: "clashes between the Sudanese army and the RSF",
"the army and Boko Haram clashed", "X and Y signed a ceasefire agreement".

In a battle or an agreement, "between X and Y" and "X and Y" before a reciprocal verb
(`reciprocal_cues` of triggers.yaml: clashed, fought, signed, agreed ...) name the two sides,
not one side of two allies. The sentence splitter coordinates X and Y as side 1 (`actor1` X,
`assoc_actor_1` Y); `split_between` moves Y to `actor2` when the event has no named opponent
(none, or only ACLED's unidentified group) and Y is not X's own state's forces ("the army and
police clashed" are one side).
"""

from __future__ import annotations

import re

from sitrep.extract.actors import lookup_actor
from sitrep.extract.countries import country_of_force
from sitrep.extract.events import load_lexicon
from sitrep.records import Event, Evidence

__all__ = ["split_between"]

_BETWEEN = re.compile(r"\bbetween\b", re.I)
_TWO_SIDED = ("Battles",)
_TWO_SIDED_SUB = ("Agreement",)


def _told_between(event: Event) -> Evidence | None:
    reciprocal = load_lexicon().reciprocal
    for ev in event.evidence:
        if ev.field not in ("sub_event_type", "assoc_actor_1"):
            continue
        if _BETWEEN.search(ev.text) or (reciprocal is not None and reciprocal.search(ev.text)):
            return ev
    return None


_PERIOD = re.compile(r"\s*\(\d{4}-(?:\d{4})?\)")


def _allies(a: str, b: str) -> bool:
    """Two forces of one state ("Military Forces of X" and "Police Forces of X"); not a
    faction ACLED names as a unit of them ("Military Forces of Yemen (2017-) Houthi")."""
    if country_of_force(a) is None or country_of_force(b) is None:
        return False
    state = [_PERIOD.sub("", n).split(" Forces of ", 1)[1] for n in (a, b)]
    return state[0] == state[1]


def split_between(events: list[Event]) -> None:
    """Give each battle or agreement told with "between X and Y" or "X and Y clashed" Y as
    its opponent (in place)."""
    for event in events:
        if not event.assoc_actor_1 or not (
            event.event_type in _TWO_SIDED or event.sub_event_type in _TWO_SIDED_SUB
        ):
            continue
        if event.actor2 and not event.actor2.startswith("Unidentified"):
            continue
        told = _told_between(event)
        if told is None:
            continue
        assoc = event.assoc_actor_1.split("; ")
        opponent, rest = assoc[0], assoc[1:]
        if event.actor1 and _allies(event.actor1, opponent):
            continue
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

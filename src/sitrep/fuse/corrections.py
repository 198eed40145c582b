"""A user corrects the fused layer: split a wrong merge, join a missed one.

Each correction is recorded (in report-event ids, so it outlives fused ids) and the affected
part of the fused layer is fused again at once; every later `sitrep fuse` or incremental update
obeys it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from sitrep.errors import InputError
from sitrep.fuse.fusion import FuseSummary, update_fused

if TYPE_CHECKING:
    from sitrep.store import Store

__all__ = ["split_fused", "join_fused"]


def _members(store: Store, fused_id: str) -> list[str]:
    from sitrep.store.fused import fused_member_reasons

    members = sorted(fused_member_reasons(store, fused_id))
    if not members:
        raise InputError(
            f"No fused event {fused_id!r} (list them: sitrep events --layer fused).", code="E120"
        )
    return members


def _docs(store: Store, event_ids: Sequence[str]) -> list[str]:
    docs: list[str] = []
    for event_id in event_ids:
        event = store.get_event(event_id, layer="report")
        docs.extend(event.doc_ids if event else [])
    return list(dict.fromkeys(docs))


def split_fused(store: Store, fused_id: str, reports: Sequence[str] = ()) -> FuseSummary:
    """Split a fused event: take `reports` out of it (or, with none, every report apart).

    store (Store): an open store.
    fused_id (str): the fused event ("fu-...").
    reports (Sequence[str]): report-event ids to take out; empty splits every report apart.
    RETURNS (FuseSummary): counts over the fused events rewritten.
    """
    from sitrep.store.fused import add_decision

    members = _members(store, fused_id)
    unknown = sorted(set(reports) - set(members))
    if unknown:
        raise InputError(
            f"{', '.join(unknown)} not in fused event {fused_id} (its reports: "
            f"{', '.join(members)}).",
            code="E121",
        )
    if reports:
        add_decision(store, "split", list(reports), [m for m in members if m not in reports])
    else:
        add_decision(store, "split", members, [])
    return update_fused(store, _docs(store, members))


def join_fused(store: Store, first: str, second: str) -> FuseSummary:
    """Join two fused events that report one event (a link the rules missed).

    store (Store): an open store.
    first, second (str): fused event ids.
    RETURNS (FuseSummary): counts over the fused events rewritten.
    """
    from sitrep.store.fused import add_decision

    if first == second:
        raise InputError("Give two different fused events to join.", code="E122")
    one, two = _members(store, first), _members(store, second)
    add_decision(store, "join", one, two)
    return update_fused(store, _docs(store, [*one, *two]))

"""The fused layer's API: one fused event with why each report was linked; split and join.

    GET  /api/fused/{id}          the fused event, its member reports and the reason of each link
    POST /api/fused/{id}/split    {"reports": [...]} takes reports out (none: every report apart)
    POST /api/fused/join          {"ids": [a, b]} joins two fused events

Splits and joins are recorded and obeyed by every later fusion run (`sitrep.fuse.corrections`).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from pydantic import BaseModel, Field

from sitrep.api.routes import NOT_FOUND, IdPath, get_store
from sitrep.api.security import WRITE_401, require_writer
from sitrep.errors import InputError
from sitrep.records import Event

__all__ = ["fusion_router", "FusedDetail", "FusedMember", "FusionChange", "fused_members"]

fusion_router = APIRouter(prefix="/api/fused", tags=["fusion"])
WRITE_RESPONSES: dict[int | str, dict[str, Any]] = {
    **NOT_FOUND,
    400: {"description": "The body is not valid JSON."},
    403: {"description": "The server is read-only."},
}


class FusedMember(BaseModel):
    """One report of a fused event and why it was linked."""

    event_id: str
    doc_ids: list[str] = Field(default_factory=list)
    outlet: str | None = None
    reason: str


class FusedDetail(BaseModel):
    """A fused event with every report it rests on and the reason each one was linked."""

    event: Event
    members: list[FusedMember]


class SplitRequest(BaseModel):
    """Which reports to take out of a fused event (empty: every report apart)."""

    reports: list[str] = Field(default_factory=list, max_length=1000)


class JoinRequest(BaseModel):
    """Two fused events that report one event."""

    ids: list[str] = Field(min_length=2, max_length=2)


class FusionChange(BaseModel):
    """What a split or join rewrote."""

    report_events: int
    fused_events: int
    fused_ids: list[str]


def _member(store: Any, event_id: str, reason: str) -> FusedMember:
    report = store.get_event(event_id, layer="report")
    doc_ids = report.doc_ids if report else []
    document = store.get_document(doc_ids[0]) if doc_ids else None
    return FusedMember(
        event_id=event_id,
        doc_ids=doc_ids,
        outlet=document.outlet if document else None,
        reason=reason,
    )


def fused_members(store: Any, fused_id: str) -> list[FusedMember]:
    """Return each report a fused event rests on, its outlet and why it was linked.

    store (Store): the store; fused_id (str): the fused event's id.
    RETURNS (list[FusedMember]): in the order they were linked (empty for an unknown id).
    """
    from sitrep.store.fused import fused_member_reasons

    reasons = fused_member_reasons(store, fused_id)
    return [_member(store, e, r) for e, r in reasons.items()]


@fusion_router.get(
    "/{fused_id}", response_model=FusedDetail, summary="A fused event", responses=NOT_FOUND
)
def api_fused(fused_id: IdPath, store: Annotated[Any, Depends(get_store)]) -> FusedDetail:
    """The fused event, each report it rests on, and why each report was linked."""
    event = store.get_event(fused_id, layer="fused")
    if event is None:
        raise HTTPException(status_code=404, detail=f"no fused event {fused_id}")
    return FusedDetail(event=event, members=fused_members(store, fused_id))


def _writable(request: Request) -> None:
    if request.app.state.read_only:
        raise HTTPException(status_code=403, detail="this server is read-only")


def _change(store: Any, summary: Any, doc_ids: list[str]) -> FusionChange:
    from sitrep.store import EventQuery

    ids = sorted(
        {
            e.event_id
            for d in doc_ids
            for e in store.query_events(EventQuery(layer="fused", doc_id=d))
        }
    )
    return FusionChange(
        report_events=summary.report_events, fused_events=summary.fused_events, fused_ids=ids
    )


@fusion_router.post(
    "/{fused_id}/split",
    response_model=FusionChange,
    summary="Split a fused event",
    responses={**WRITE_RESPONSES, **WRITE_401},
    dependencies=[Depends(require_writer)],
)
def api_split(
    fused_id: IdPath,
    body: SplitRequest,
    request: Request,
    store: Annotated[Any, Depends(get_store)],
) -> FusionChange:
    """Take reports out of a fused event (none named: every report apart); later runs obey it."""
    from sitrep.fuse.corrections import split_fused

    _writable(request)
    event = store.get_event(fused_id, layer="fused")
    if event is None:
        raise HTTPException(status_code=404, detail=f"no fused event {fused_id}")
    try:
        summary = split_fused(store, fused_id, body.reports)
    except InputError as exc:
        raise HTTPException(status_code=422, detail=str(exc)) from exc
    return _change(store, summary, event.doc_ids)


@fusion_router.post(
    "/join",
    response_model=FusionChange,
    summary="Join two fused events",
    responses={**WRITE_RESPONSES, **WRITE_401},
    dependencies=[Depends(require_writer)],
)
def api_join(
    body: JoinRequest, request: Request, store: Annotated[Any, Depends(get_store)]
) -> FusionChange:
    """Join two fused events that report one event; later runs keep them together."""
    from sitrep.fuse.corrections import join_fused

    _writable(request)
    events = [store.get_event(i, layer="fused") for i in body.ids]
    missing = [i for i, e in zip(body.ids, events, strict=True) if e is None]
    if missing:
        raise HTTPException(status_code=404, detail=f"no fused event {', '.join(missing)}")
    try:
        summary = join_fused(store, body.ids[0], body.ids[1])
    except InputError as exc:
        raise HTTPException(status_code=422, detail=str(exc)) from exc
    docs = [d for e in events if e for d in e.doc_ids]
    return _change(store, summary, docs)

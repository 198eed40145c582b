"""The JSON API: events, one event with its evidence, documents, ingest, health.

`list_events` is the one function behind both `/api/events` and the `/events` page.
"""

from __future__ import annotations

import re
from itertools import islice
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import StreamingResponse

from sitrep import __version__
from sitrep.api.filters import EventFilters, Layer
from sitrep.api.models import (
    DocumentDetail,
    DocumentPage,
    EventDetail,
    EventPage,
    ExtractRequest,
    ExtractResult,
    Health,
    IngestRequest,
    IngestResult,
    summarise,
)
from sitrep.api.security import WRITE_401, require_writer
from sitrep.errors import InputError, ModelError, SitrepError, StoreError
from sitrep.records import Document, Event

__all__ = ["router", "list_events", "event_detail", "get_store"]

router = APIRouter(prefix="/api")
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"description": "No such id."}}
IdPath = Annotated[str, Path(min_length=1, max_length=128, pattern=r"^[A-Za-z0-9_.:\-]+$")]


def get_store(request: Request) -> Any:
    """The app's Store (a FastAPI dependency)."""
    return request.app.state.store


def list_events(store: Any, filters: EventFilters, path: str) -> EventPage:
    """One page of events matching `filters`, the total count and the next page's link.

    store (Store): the store.
    filters (EventFilters): validated filters.
    path (str): the URL path the next link points at ("/api/events" or "/events").
    RETURNS (EventPage): the page.
    """
    query = filters.to_query()
    events = store.query_events(query)
    total = store.count_events(filters.to_query(limit=None, offset=None))
    next_offset = filters.offset + filters.limit
    next_url = f"{path}?{filters.query_string(offset=next_offset)}" if next_offset < total else None
    return EventPage(
        total=total, limit=filters.limit, offset=filters.offset, next=next_url, events=events
    )


def _find_event(store: Any, event_id: str, layer: Layer | None) -> tuple[Event, str]:
    layers = [layer.value] if layer else ["report", "fused"]
    for name in layers:
        event = store.get_event(event_id, layer=name)
        if event is not None:
            return event, name
    raise HTTPException(status_code=404, detail=f"no event {event_id!r}")


def event_detail(store: Any, event_id: str, layer: Layer | None = None) -> EventDetail:
    """One event with its documents (text included) and related report-layer events.

    store (Store): the store.
    event_id (str): the event's id.
    layer (Layer | None): where to look; None = report layer, then fused.
    RETURNS (EventDetail): the event and its context; HTTPException 404 if unknown.
    """
    from sitrep.store import EventQuery

    event, found_in = _find_event(store, event_id, layer)
    documents: list[Document] = []
    reports: list[Event] = []
    for doc_id in event.doc_ids:
        document = store.get_document(doc_id)
        if document is not None:
            documents.append(document)
        for other in store.query_events(EventQuery(doc_id=doc_id, layer="report", limit=200)):
            same_kind = other.event_type == event.event_type or found_in == "report"
            if other.event_id != event.event_id and same_kind:
                reports.append(other)
    return EventDetail(event=event, layer=found_in, documents=documents, reports=reports)


@router.get("/events", response_model=EventPage, summary="Events matching filters")
def api_events(
    request: Request,
    filters: Annotated[EventFilters, Depends(EventFilters.dependency)],
    store: Annotated[Any, Depends(get_store)],
) -> EventPage:
    """Events matching the filters, one page at a time, with the total and the next page."""
    return list_events(store, filters, request.url.path)


@router.get(
    "/events.geojson",
    summary="Events as a GeoJSON FeatureCollection (RFC 7946)",
    response_class=StreamingResponse,
    responses={200: {"content": {"application/geo+json": {}}}},
)
def api_events_geojson(
    filters: Annotated[EventFilters, Depends(EventFilters.dependency)],
    store: Annotated[Any, Depends(get_store)],
) -> StreamingResponse:
    """The events matching the filters as GeoJSON (what the map draws; QGIS loads it by URL)."""
    import json

    from sitrep.export.geojson import event_feature

    events = store.query_events(filters.to_query())

    def body() -> Any:
        # Chunks of 500 features: Starlette runs each step of a sync iterator in a worker
        # thread, so one chunk per feature would cost a thread hop per event.
        yield '{"type":"FeatureCollection","features":['
        for start in range(0, len(events), 500):
            chunk = ",".join(
                json.dumps(event_feature(e), ensure_ascii=False)
                for e in events[start : start + 500]
            )
            yield ("," if start else "") + chunk
        yield "]}"

    return StreamingResponse(body(), media_type="application/geo+json")


@router.get(
    "/events/{event_id}",
    response_model=EventDetail,
    summary="One event and its evidence",
    responses=NOT_FOUND,
)
def api_event(
    event_id: IdPath,
    store: Annotated[Any, Depends(get_store)],
    layer: Annotated[Layer | None, Query(description="Layer to look in; default both.")] = None,
) -> EventDetail:
    """One event with its claims, evidence, the documents it rests on and related reports."""
    return event_detail(store, event_id, layer)


@router.get("/documents", response_model=DocumentPage, summary="Stored documents")
def api_documents(
    store: Annotated[Any, Depends(get_store)],
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> DocumentPage:
    """Stored documents (without their text), in the store's order."""
    page = islice(store.iter_documents(), offset, offset + limit)
    return DocumentPage(limit=limit, offset=offset, documents=[summarise(d) for d in page])


@router.get(
    "/documents/{doc_id}",
    response_model=DocumentDetail,
    summary="One document",
    responses=NOT_FOUND,
)
def api_document(doc_id: IdPath, store: Annotated[Any, Depends(get_store)]) -> DocumentDetail:
    """One document with its text and its report-layer events."""
    from sitrep.store import EventQuery

    document = store.get_document(doc_id)
    if document is None:
        raise HTTPException(status_code=404, detail=f"no document {doc_id!r}")
    events = store.query_events(EventQuery(doc_id=doc_id, layer="report"))
    return DocumentDetail(document=document, events=events)


def _fetch(body: IngestRequest, allow_private: bool) -> Document:
    """Fetch an article from the request's URL with the ingest stage's safe fetcher (no
    loopback or private address unless the operator allowed them)."""
    from sitrep.ingest import IngestOptions, read_inputs

    options = IngestOptions.from_config(
        title=body.title,
        source=body.source,
        published=body.published,
        allow_private_urls=allow_private,
    )
    for item in read_inputs([str(body.url)], options):
        if isinstance(item, Exception):
            raise item
        return item
    raise InputError(f"nothing could be read from {body.url}")


@router.post(
    "/ingest",
    response_model=IngestResult,
    status_code=201,
    summary="Ingest an article",
    responses={
        400: {"description": "The body is not valid JSON."},
        403: {"description": "The server is read-only (or ingest by URL is disabled)."},
        **WRITE_401,
    },
    dependencies=[Depends(require_writer)],
)
def api_ingest(
    body: IngestRequest, request: Request, store: Annotated[Any, Depends(get_store)]
) -> IngestResult:
    """Store an article (text, or a URL to fetch), extract its events and return them.

    A URL is fetched only if it resolves to public addresses (not loopback, private,
    link-local or reserved) unless the server runs with --allow-private-urls.
    """
    from sitrep.extract import extract_document
    from sitrep.fuse.fusion import update_fused

    if body.text is not None:
        if len(re.sub(r"\s", "", body.text)) < 20:
            raise HTTPException(status_code=422, detail="text has fewer than 20 characters")
        document = Document.from_text(
            body.text, title=body.title, outlet=body.source, published=body.published
        )
    elif not request.app.state.fetch_urls:
        raise HTTPException(status_code=403, detail="ingest by URL is disabled on this server")
    else:
        document = _fetch(body, bool(getattr(request.app.state, "allow_private_urls", False)))
    new = store.get_document(document.id) is None
    extraction = extract_document(document)
    store.save_extraction(document, extraction)
    update_fused(store, [document.id])  # keep the fused layer current
    return IngestResult(document=summarise(document), new=new, events=extraction.events)


@router.post(
    "/extract",
    response_model=ExtractResult,
    summary="Extract stored documents",
    responses={
        400: {"description": "The body is not valid JSON."},
        403: {"description": "The server is read-only."},
        **WRITE_401,
    },
    dependencies=[Depends(require_writer)],
)
def api_extract(store: Annotated[Any, Depends(get_store)], body: ExtractRequest) -> ExtractResult:
    """Extract up to `limit` stored documents that have no extraction yet (or, with all=true,
    re-extract stored documents from `offset`), synchronously; each is committed as it is done.
    Call again while `remaining` is above 0."""
    from sitrep.scale import extract_one

    offset = body.offset if body.all else 0
    waiting = store.iter_documents(unextracted=not body.all)
    batch = list(islice(waiting, offset, offset + body.limit))
    extracted = events = 0
    failed: list[str] = []
    for document in batch:
        result = extract_one(document)
        if isinstance(result, (ModelError, StoreError)):
            raise result
        if isinstance(result, SitrepError):
            failed.append(f"{document.ref or document.id}: {result}")
            continue
        store.save_extraction(document, result)
        extracted += 1
        events += len(result.events)
    if body.all:
        remaining = max(0, sum(1 for _ in store.iter_documents()) - offset - len(batch))
    else:
        remaining = max(0, sum(1 for _ in store.iter_documents(unextracted=True)) - len(failed))
    return ExtractResult(extracted=extracted, events=events, failed=failed, remaining=remaining)


@router.get("/health", response_model=Health, summary="Service health")
def api_health(request: Request, store: Annotated[Any, Depends(get_store)]) -> Health:
    """Whether the store answers, how many events it holds, and whether writes are allowed."""
    from sitrep.store import EventQuery

    return Health(
        status="ok",
        version=__version__,
        read_only=request.app.state.read_only,
        database=request.app.state.database,
        events=store.count_events(EventQuery(layer="report")),
        fused_events=store.count_events(EventQuery(layer="fused")),
    )

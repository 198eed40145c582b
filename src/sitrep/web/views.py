"""The web pages: the map/timeline page and one event's evidence page.

Each page has a JSON twin from the same function (datasette's pattern): `/events` renders
`events.html` from `list_events`, which also answers `/api/events`; `?_format=json` on a page
returns that JSON.
"""

from __future__ import annotations

from importlib import resources
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape

from sitrep.api.filters import EventFilters, Layer
from sitrep.api.fusion_routes import fused_members
from sitrep.api.routes import IdPath, event_detail, get_store, list_events
from sitrep.fuse.grade import GRADES
from sitrep.records import EVENT_TYPES
from sitrep.web.highlight import segments

__all__ = ["router", "TYPE_COLOURS"]

router = APIRouter(include_in_schema=False)

# One colour per ACLED event type (also in static/app.js, which reads them from the page).
TYPE_COLOURS: dict[str, str] = {
    "Battles": "#d7301f",
    "Explosions/Remote violence": "#f28e2b",
    "Violence against civilians": "#7b3294",
    "Protests": "#1f78b4",
    "Riots": "#33a02c",
    "Strategic developments": "#666666",
}

_env = Environment(
    loader=FileSystemLoader(str(resources.files("sitrep.web").joinpath("templates"))),
    autoescape=select_autoescape(default=True, default_for_string=True),
)
_env.globals["grades"] = GRADES  # the fuse stage's grades: confirmed, fair, weak, contested
templates = Jinja2Templates(env=_env)
FormatQuery = Annotated[str | None, Query(alias="_format", pattern="^(json|html)$")]


def _tiles(request: Request) -> str:
    return str(getattr(request.app.state, "tiles_url", "") or "")


@router.get("/")
def index() -> Response:
    """The home page is the events map."""
    return RedirectResponse("/events", status_code=307)


@router.get("/events")
def events_page(
    request: Request,
    filters: Annotated[EventFilters, Depends(EventFilters.dependency)],
    store: Annotated[Any, Depends(get_store)],
    fmt: FormatQuery = None,
) -> Response:
    """The map, timeline and table of events (or, with ?_format=json, the /api/events JSON)."""
    page = list_events(store, filters, request.url.path)
    if fmt == "json":
        return JSONResponse(page.model_dump(mode="json"))
    query = filters.query_string(limit=None, offset=None, order_by=None)
    return templates.TemplateResponse(
        request,
        "events.html",
        {
            "page": page,
            "filters": filters,
            "query": query,
            "event_types": EVENT_TYPES,
            "colours": TYPE_COLOURS,
            "tiles_url": _tiles(request),
            "read_only": request.app.state.read_only,
        },
    )


@router.get("/events/{event_id}")
def event_page(
    request: Request,
    event_id: IdPath,
    store: Annotated[Any, Depends(get_store)],
    layer: Layer | None = None,
    fmt: FormatQuery = None,
) -> Response:
    """One event: its claims side by side, grade, contradictions, highlighted evidence."""
    detail = event_detail(store, event_id, layer)
    if fmt == "json":
        return JSONResponse(detail.model_dump(mode="json"))
    texts = {doc.id: segments(doc.text, detail.event.evidence, doc.id) for doc in detail.documents}
    members = fused_members(store, event_id) if detail.layer == "fused" else []
    return templates.TemplateResponse(
        request,
        "event.html",
        {
            "detail": detail,
            "event": detail.event,
            "segments": texts,
            "colours": TYPE_COLOURS,
            "members": members,
        },
    )


@router.get("/basemap/admin1.geojson")
def basemap() -> Response:
    """The offline basemap: Syria's governorate outlines shipped with the geocoder.

    OCHA COD-AB admin-1 (CC BY-IGO), simplified, from `sitrep/geo/data/admin1.geojson`.
    """
    data = resources.files("sitrep.geo").joinpath("data", "admin1.geojson").read_bytes()
    return Response(
        data,
        media_type="application/geo+json",
        headers={"Cache-Control": "public, max-age=86400"},
    )


@router.get("/health", response_class=HTMLResponse)
def health_page() -> Response:
    """Plain liveness answer for load balancers."""
    return HTMLResponse("ok")

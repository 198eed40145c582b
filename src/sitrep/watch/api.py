"""Live updates for the map and the feed-status view: `/api/live` and `/api/feeds`.

`/api/live?after=CURSOR` returns the report-layer events of documents extracted since the cursor
as GeoJSON features, with the next cursor; the page polls it (static/live.js) and adds the
markers without a reload. Without `after` it returns no events and the current cursor.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query

from sitrep.api.routes import get_store
from sitrep.store import EventQuery
from sitrep.store import feeds as feedstore

__all__ = ["router", "encode_cursor", "decode_cursor"]

router = APIRouter(prefix="/api")
MAX_DOCS = 200


def encode_cursor(cursor: tuple[datetime, str] | None) -> str:
    """Return the cursor string "ISO-time|doc-id" ("" before any document)."""
    return "" if cursor is None else f"{cursor[0].isoformat()}|{cursor[1]}"


def decode_cursor(text: str) -> tuple[datetime, str] | None:
    """Read a cursor string; HTTP 422 if it is not one."""
    if not text:
        return None
    when, _, doc_id = text.partition("|")
    try:
        return datetime.fromisoformat(when), doc_id
    except ValueError:
        raise HTTPException(status_code=422, detail=f"not a cursor: {text!r}") from None


@router.get("/live", summary="Events of documents extracted since a cursor (the live map)")
def api_live(
    store: Annotated[Any, Depends(get_store)],
    after: Annotated[
        str | None, Query(max_length=200, description="The cursor of the previous answer.")
    ] = None,
) -> dict[str, Any]:
    """New report-layer events as GeoJSON features, and the cursor to ask with next time."""
    from sitrep.export.geojson import event_feature

    if after is None:
        return {"cursor": encode_cursor(feedstore.last_extracted(store)), "features": []}
    cursor = decode_cursor(after)
    found = feedstore.extracted_since(store, cursor, limit=MAX_DOCS)
    features: list[dict[str, Any]] = []
    for _when, doc_id in found:
        for event in store.query_events(EventQuery(doc_id=doc_id, layer="report")):
            features.append(event_feature(event))
    next_cursor = found[-1] if found else cursor
    more = len(found) == MAX_DOCS
    return {"cursor": encode_cursor(next_cursor), "features": features, "more": more}


@router.get("/feeds", summary="Watched feeds and folders, with their state")
def api_feeds(store: Annotated[Any, Depends(get_store)]) -> dict[str, Any]:
    """Each watched source: interval, last poll, last success, next poll, failures, last error."""
    rows = []
    for feed in feedstore.list_feeds(store):
        rows.append(
            {
                "id": feed.id,
                "source": feed.source,
                "kind": feed.kind,
                "interval": feed.interval,
                "last_polled": feed.last_polled,
                "last_ok": feed.last_ok,
                "next_poll": feed.next_poll,
                "failures": feed.failures,
                "last_error": feed.last_error,
                "new_items": feed.items,
            }
        )
    return {"feeds": rows, "pending": feedstore.pending_count(store)}

"""Query-string filters for events, parsed and validated once for the API and the web page.

`EventFilters` is a FastAPI dependency: `/api/events` and `/events` take the same parameters,
and a bad value (an unknown event type, a malformed bbox) is a 422 with a message saying why.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from enum import Enum, StrEnum
from typing import Annotated, Any

from fastapi import HTTPException, Query
from pydantic import BeforeValidator

from sitrep.records import EVENT_TYPES, SUB_EVENT_TYPES

__all__ = ["EventFilters", "OrderBy", "Layer", "MAX_LIMIT", "parse_bbox", "parse_near"]

MAX_LIMIT = 10_000
_SUB_TYPES = {sub for subs in SUB_EVENT_TYPES.values() for sub in subs}


class OrderBy(StrEnum):
    """Sort orders: a field name, "-" in front for descending."""

    event_date = "event_date"
    event_date_desc = "-event_date"
    fatalities = "fatalities"
    fatalities_desc = "-fatalities"
    event_id = "event_id"
    event_id_desc = "-event_id"
    admin1 = "admin1"
    admin1_desc = "-admin1"


class Layer(StrEnum):
    """Which events: as each document reports them, or fused across documents."""

    report = "report"
    fused = "fused"


def _iso_date(value: object) -> object:
    """Accept only YYYY-MM-DD strings (pydantic would also take a number as a Unix time)."""
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        return value
    if isinstance(value, date):
        return value
    raise ValueError("dates must be YYYY-MM-DD")


IsoDate = Annotated[date, BeforeValidator(_iso_date)]


def _bad(param: str, message: str) -> HTTPException:
    return HTTPException(
        status_code=422,
        detail=[{"loc": ["query", param], "msg": message, "type": "value_error"}],
    )


def parse_bbox(text: str) -> tuple[float, float, float, float]:
    """Parse "min_lon,min_lat,max_lon,max_lat"; min_lon > max_lon crosses the antimeridian.

    text (str): the parameter's value.
    RETURNS (tuple): the four floats; HTTPException 422 when malformed or out of range.
    """
    parts = text.split(",")
    try:
        values = tuple(float(p) for p in parts)
    except ValueError:
        raise _bad("bbox", "bbox must be four numbers: min_lon,min_lat,max_lon,max_lat") from None
    if len(values) != 4 or any(v != v for v in values):
        raise _bad("bbox", "bbox must be four numbers: min_lon,min_lat,max_lon,max_lat")
    min_lon, min_lat, max_lon, max_lat = values
    if not (-180 <= min_lon <= 180 and -180 <= max_lon <= 180):
        raise _bad("bbox", "bbox longitudes must be within -180..180")
    if not (-90 <= min_lat <= max_lat <= 90):
        raise _bad("bbox", "bbox latitudes must be within -90..90 with min_lat <= max_lat")
    # min_lon > max_lon is a box crossing the antimeridian (RFC 7946 section 5.2), as in the store
    return min_lon, min_lat, max_lon, max_lat


def parse_near(text: str) -> tuple[float, float, float]:
    """Parse "lat,lon,km" (a point and a radius in kilometres).

    text (str): the parameter's value.
    RETURNS (tuple): (lat, lon, km); HTTPException 422 when malformed or out of range.
    """
    try:
        lat, lon, km = (float(p) for p in text.split(","))
    except ValueError:
        raise _bad("near", "near must be three numbers: lat,lon,km") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise _bad("near", "near lat must be within -90..90 and lon within -180..180")
    if not (0 < km <= 20_000):
        raise _bad("near", "near radius must be more than 0 and at most 20000 km")
    return lat, lon, km


@dataclasses.dataclass
class EventFilters:
    """The event filters of `/api/events` and `/events` (a FastAPI dependency)."""

    since: date | None = None
    until: date | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor: str | None = None
    admin1: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    near: tuple[float, float, float] | None = None
    grade: str | None = None
    contested: bool | None = None
    doc_id: str | None = None
    layer: Layer = Layer.report
    limit: int = 100
    offset: int = 0
    order_by: OrderBy = OrderBy.event_date_desc

    @classmethod
    def dependency(
        cls,
        since: Annotated[
            IsoDate | None, Query(description="Events on or after this day (YYYY-MM-DD).")
        ] = None,
        until: Annotated[
            IsoDate | None, Query(description="Events on or before this day (YYYY-MM-DD).")
        ] = None,
        event_type: Annotated[
            str | None, Query(description="ACLED event type, e.g. 'Battles'.")
        ] = None,
        sub_event_type: Annotated[
            str | None, Query(description="ACLED sub-event type, e.g. 'Armed clash'.")
        ] = None,
        actor: Annotated[
            str | None, Query(max_length=200, description="Actor name (actor1/actor2/assoc).")
        ] = None,
        admin1: Annotated[str | None, Query(max_length=200, description="Governorate.")] = None,
        bbox: Annotated[
            str | None, Query(
                description="min_lon,min_lat,max_lon,max_lat (WGS 84); a min_lon greater than"
                " max_lon is a box crossing the antimeridian (RFC 7946)."
            )
        ] = None,
        near: Annotated[
            str | None, Query(description="lat,lon,km: events within km of the point.")
        ] = None,
        grade: Annotated[
            str | None,
            Query(
                pattern="^(confirmed|fair|weak|contested)$",
                description="Grade of a fused event: confirmed, fair, weak or contested.",
            ),
        ] = None,
        contested: Annotated[
            bool | None, Query(description="Only contested (true) or uncontested (false).")
        ] = None,
        doc_id: Annotated[
            str | None, Query(max_length=64, description="Events of one document.")
        ] = None,
        layer: Annotated[Layer, Query(description="'report' or 'fused' events.")] = Layer.report,
        limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Page size.")] = 100,
        offset: Annotated[int, Query(ge=0, le=10_000_000, description="Rows to skip.")] = 0,
        order_by: Annotated[OrderBy, Query(description="Sort order.")] = OrderBy.event_date_desc,
    ) -> EventFilters:
        """Build filters from query parameters, 422 on a value that cannot be used."""
        if event_type is not None and event_type not in EVENT_TYPES:
            raise _bad("event_type", f"unknown event type; use one of: {', '.join(EVENT_TYPES)}")
        if sub_event_type is not None and sub_event_type not in _SUB_TYPES:
            raise _bad("sub_event_type", "unknown ACLED sub-event type")
        if since and until and since > until:
            raise _bad("until", "until must not be before since")
        return cls(
            since=since,
            until=until,
            event_type=event_type,
            sub_event_type=sub_event_type,
            actor=actor or None,
            admin1=admin1 or None,
            bbox=parse_bbox(bbox) if bbox else None,
            near=parse_near(near) if near else None,
            grade=grade or None,
            contested=contested,
            doc_id=doc_id or None,
            layer=layer,
            limit=limit,
            offset=offset,
            order_by=order_by,
        )

    def to_query(self, *, limit: int | None = None, offset: int | None = None) -> Any:
        """The store's EventQuery for these filters (fields the store lacks are left out).

        limit, offset (int | None): override the page.
        RETURNS (EventQuery): the query.
        """
        from sitrep.store import EventQuery

        values: dict[str, Any] = {
            "since": self.since,
            "until": self.until,
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "actor": self.actor,
            "admin1": self.admin1,
            "bbox": self.bbox,
            "near": self.near,
            "grade": self.grade,
            "contested": self.contested,
            "doc_id": self.doc_id,
            "layer": self.layer.value,
            "limit": self.limit if limit is None else limit,
            "offset": self.offset if offset is None else offset,
            "order_by": self.order_by.value,
        }
        known = {f.name for f in dataclasses.fields(EventQuery)}
        return EventQuery(**{k: v for k, v in values.items() if k in known})

    def query_string(self, **changes: Any) -> str:
        """These filters as a query string (for next/previous links), with `changes` applied."""
        from urllib.parse import urlencode

        values = dataclasses.asdict(self) | changes
        pairs: list[tuple[str, str]] = []
        for key, value in values.items():
            if value is None:
                continue
            if isinstance(value, tuple):
                value = ",".join(f"{v:g}" for v in value)
            elif isinstance(value, Enum):
                value = value.value
            elif isinstance(value, bool):
                value = "true" if value else "false"
            pairs.append((key, str(value)))
        return urlencode(pairs)

"""`EventQuery`: the filters `Store.query_events` and `Store.count_events` accept."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from sitrep.errors import ConfigError
from sitrep.geo.distance import EARTH_RADIUS_KM, haversine_km

__all__ = ["EventQuery", "ORDERS", "haversine_km", "lon_ranges", "near_bbox"]

# order_by values: a column name, "-" in front for descending.
ORDERS: tuple[str, ...] = (
    "event_date",
    "-event_date",
    "fatalities",
    "-fatalities",
    "event_id",
    "-event_id",
    "admin1",
    "-admin1",
)


@dataclass
class EventQuery:
    """Which events to return.

    since, until (date | None): event_date bounds, inclusive.
    event_type, sub_event_type (str | None): exact ACLED type (case-insensitive).
    actor (str | None): a case-insensitive substring of actor1 or actor2 ("russia" finds
        "Military Forces of Russia (2000-)"); % and _ are matched literally.
    admin1 (str | None): governorate, case-insensitive.
    near (tuple | None): (lat, lon, km): events within km of the point (great-circle).
    bbox (tuple | None): (min_lon, min_lat, max_lon, max_lat); min_lon > max_lon crosses the
        antimeridian.
    grade (str | None), contested (bool | None): exact match.
    doc_id (str | None): events resting on this document.
    layer (str): "report" (one document's events) or "fused" (merged across documents).
    limit, offset (int | None): paging, applied after every filter.
    order_by (str): one of ORDERS.
    """

    since: date | None = None
    until: date | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor: str | None = None
    admin1: str | None = None
    near: tuple[float, float, float] | None = None
    bbox: tuple[float, float, float, float] | None = None
    grade: str | None = None
    contested: bool | None = None
    doc_id: str | None = None
    layer: str = "report"
    limit: int | None = None
    offset: int | None = None
    order_by: str = "event_date"

    def __post_init__(self) -> None:
        if self.layer not in ("report", "fused"):
            raise ConfigError(f"layer must be 'report' or 'fused', not {self.layer!r}", code="E210")
        if self.order_by not in ORDERS:
            raise ConfigError(
                f"order_by must be one of {', '.join(ORDERS)}, not {self.order_by!r}", code="E211"
            )
        if self.near is not None:
            lat, lon, km = self.near
            if not (-90 <= lat <= 90 and -180 <= lon <= 180 and km > 0):
                raise ConfigError(
                    f"near must be LAT,LON,KM with a valid point and KM > 0, not {self.near}",
                    code="E212",
                )
        for name in ("limit", "offset"):
            value = getattr(self, name)
            if value is not None and value < 0:
                raise ConfigError(f"{name} cannot be negative", code="E213")


def near_bbox(lat: float, lon: float, km: float) -> tuple[float, float, float, float]:
    """Return a (min_lon, min_lat, max_lon, max_lat) box containing the circle of km around a point.

    Used as the SQL prefilter before the exact distance test. The longitude half-width is the
    circle's widest point, asin(sin(r) / cos(lat)) for an angular radius r, not r / cos(lat)
    (which is too narrow away from the equator). The box may reach past ±180 (min_lon < -180 or
    max_lon > 180): `lon_ranges` wraps it. When the circle holds a pole or is wider than a
    hemisphere the box spans every longitude (-180, 180).
    """
    radius = km / EARTH_RADIUS_KM
    min_lat = lat - math.degrees(radius)
    max_lat = lat + math.degrees(radius)
    if min_lat <= -90 or max_lat >= 90:
        return (-180.0, max(-90.0, min_lat), 180.0, min(90.0, max_lat))
    ratio = math.sin(radius) / math.cos(math.radians(lat))
    if radius >= math.pi / 2 or ratio >= 1:
        return (-180.0, min_lat, 180.0, max_lat)
    # A hair wider than exact so that floating-point rounding never drops an edge point.
    dlon = math.degrees(math.asin(ratio)) * (1 + 1e-9) + 1e-9
    return (lon - dlon, min_lat, lon + dlon, max_lat)


def lon_ranges(min_lon: float, max_lon: float) -> list[tuple[float, float]] | None:
    """Return the longitude intervals a box covers, wrapping at ±180; None for every longitude.

    min_lon, max_lon (float): the box's west and east edges; min_lon > max_lon, or an edge past
        ±180, means the box crosses the antimeridian.
    RETURNS (list | None): one or two (low, high) intervals within [-180, 180].
    """
    if max_lon - min_lon >= 360:
        return None
    if min_lon < -180:
        return [(min_lon + 360, 180.0), (-180.0, max_lon)]
    if max_lon > 180:
        return [(min_lon, 180.0), (-180.0, max_lon - 360)]
    if min_lon > max_lon:
        return [(min_lon, 180.0), (-180.0, max_lon)]
    return [(min_lon, max_lon)]

"""Distances on the Earth's surface: the one great-circle distance the whole package uses
(geocoding, merging mentions, fusing reports, store queries, scoring), and a planar
approximation for the geocoder's inner loops.

    from sitrep.geo.distance import haversine_km
    haversine_km(36.2, 37.16, 33.51, 36.29)  # Aleppo to Damascus, about 310 km
"""

from __future__ import annotations

import math

__all__ = ["EARTH_RADIUS_KM", "approx_km", "haversine_km"]

# The mean Earth radius (IUGG), in kilometres.
EARTH_RADIUS_KM = 6371.0088


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Return the great-circle distance between two points.

    lat1, lon1, lat2, lon2 (float): coordinates in decimal degrees.
    RETURNS (float): distance in kilometres (mean Earth radius `EARTH_RADIUS_KM`).
    """
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def approx_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Return a fast planar approximation of the distance in km (good to ~1% below 200 km).

    lat1, lon1, lat2, lon2 (float): coordinates in decimal degrees.
    RETURNS (float): distance in kilometres.
    """
    dlat = lat2 - lat1
    dlon = (lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    return 111.2 * math.sqrt(dlat * dlat + dlon * dlon)

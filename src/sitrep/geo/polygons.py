"""Point-in-polygon lookup of Syria's governorates (OCHA COD-AB shapes, simplified).

`admin1_at(lat, lon)` answers with ACLED's spelling of the governorate, from
`data/admin1.geojson` (written by tools/build_gazetteer.py). Pure Python: a bounding-box test,
then ray casting over the rings of the few shapes whose box holds the point.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = ["Shape", "load_shapes", "admin1_at", "km_outside", "point_in_rings"]

Ring = list[tuple[float, float]]


@dataclass(frozen=True)
class Shape:
    """One governorate: its ACLED name, p-code, polygons (outer ring then holes) and box."""

    name: str
    pcode: str
    polygons: tuple[tuple[Ring, ...], ...]
    bbox: tuple[float, float, float, float]  # min_lon, min_lat, max_lon, max_lat


def point_in_rings(lon: float, lat: float, rings: tuple[Ring, ...]) -> bool:
    """Return True when (lon, lat) is inside the outer ring and outside every hole (even-odd).

    lon (float): longitude. lat (float): latitude.
    rings (tuple[Ring, ...]): outer ring first, then holes; each a list of (lon, lat).
    RETURNS (bool): whether the point is inside.
    """
    inside = False
    for ring in rings:
        n = len(ring)
        j = n - 1
        for i in range(n):
            xi, yi = ring[i]
            xj, yj = ring[j]
            if (yi > lat) != (yj > lat) and lon < (xj - xi) * (lat - yi) / (yj - yi) + xi:
                inside = not inside
            j = i
    return inside


def shapes_from_geojson(data: dict) -> list[Shape]:
    """Build Shapes from a GeoJSON FeatureCollection with `acled` and `pcode` properties.

    data (dict): the parsed GeoJSON.
    RETURNS (list[Shape]): one per feature.
    """
    shapes = []
    for feature in data["features"]:
        geometry = feature["geometry"]
        raw = geometry["coordinates"]
        polys = [raw] if geometry["type"] == "Polygon" else raw
        polygons = tuple(
            tuple([(float(x), float(y)) for x, y in ring] for ring in p) for p in polys
        )
        xs = [x for p in polygons for x, _ in p[0]]
        ys = [y for p in polygons for _, y in p[0]]
        props = feature["properties"]
        shapes.append(
            Shape(
                name=props["acled"],
                pcode=props["pcode"],
                polygons=polygons,
                bbox=(min(xs), min(ys), max(xs), max(ys)),
            )
        )
    return shapes


@lru_cache(maxsize=1)
def load_shapes() -> tuple[Shape, ...]:
    """Read the packaged `data/admin1.geojson` once per process.

    RETURNS (tuple[Shape, ...]): Syria's governorates.
    """
    text = resources.files("sitrep.geo").joinpath("data/admin1.geojson").read_text("utf-8")
    return tuple(shapes_from_geojson(json.loads(text)))


def admin1_at(
    lat: float, lon: float, shapes: tuple[Shape, ...] | list[Shape] | None = None
) -> str | None:
    """Return the governorate (ACLED spelling) holding a point, or None outside Syria.

    A point just outside every shape (a border village, a simplified coast) gets the shape whose
    box, widened by 0.05 degrees, holds it and whose outline is nearest.

    lat (float): latitude. lon (float): longitude.
    shapes (sequence | None): shapes to test; the packaged ones when None.
    RETURNS (str | None): e.g. "Aleppo", "Idleb", "Deir ez Zor".
    """
    shapes = load_shapes() if shapes is None else shapes
    near: list[tuple[float, str]] = []
    for shape in shapes:
        min_lon, min_lat, max_lon, max_lat = shape.bbox
        if min_lon <= lon <= max_lon and min_lat <= lat <= max_lat:
            if any(point_in_rings(lon, lat, rings) for rings in shape.polygons):
                return shape.name
        pad = 0.05
        if min_lon - pad <= lon <= max_lon + pad and min_lat - pad <= lat <= max_lat + pad:
            best = min(
                (x - lon) ** 2 + (y - lat) ** 2 for rings in shape.polygons for x, y in rings[0]
            )
            near.append((best, shape.name))
    if near:
        distance, name = min(near)
        if distance <= 0.05**2:
            return name
    return None


@lru_cache(maxsize=50_000)
def km_outside(lat: float, lon: float, name: str) -> float | None:
    """Return how far a point lies outside a governorate: 0 inside, else the distance in km to
    the nearest point of its (simplified) outline, to within the outline's vertex spacing.

    lat (float): latitude. lon (float): longitude. name (str): the governorate (ACLED spelling).
    RETURNS (float | None): km; None for a name with no shape (memoised: the same readings
    recur across texts).
    """
    shape = next((s for s in load_shapes() if s.name == name), None)
    if shape is None:
        return None
    if any(point_in_rings(lon, lat, rings) for rings in shape.polygons):
        return 0.0
    scale = math.cos(math.radians(lat))
    nearest = min(
        ((y - lat) ** 2 + ((x - lon) * scale) ** 2)
        for rings in shape.polygons
        for ring in rings  # holes too: Damascus is a hole in Rural Damascus
        for x, y in ring
    )
    return 111.2 * math.sqrt(nearest)

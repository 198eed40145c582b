"""Write events as GeoJSON (RFC 7946): a FeatureCollection of Points, WGS 84, [lon, lat].

Properties are flat scalars so QGIS and GDAL read every one as a column: ACLED's fields,
`fatalities_min/max`, `grade`, `contested`; `doc_ids`, `weapons` and `contradictions` joined
with "; "; and the numbers of claims and evidence sentences. An event without coordinates gets
`"geometry": null` (allowed by RFC 7946 section 3.2). No `crs` member (removed by RFC 7946).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from sitrep.records import Event

__all__ = ["event_feature", "write_geojson"]

_SCALARS = (
    "event_id",
    "event_date",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "actor2",
    "assoc_actor_2",
    "inter1",
    "inter2",
    "interaction",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "geo_precision",
    "fatalities",
    "fatalities_min",
    "fatalities_max",
    "injuries",
    "source",
    "source_scale",
    "notes",
    "grade",
    "contested",
)

_INCLUDE = set(_SCALARS)


def event_feature(event: Event) -> dict[str, Any]:
    """One event as a GeoJSON Feature.

    event (Event): the event.
    RETURNS (dict): the Feature, ready for json.dumps.
    """
    data = event.model_dump(mode="json", include=_INCLUDE)
    properties = {key: data[key] for key in _SCALARS}
    properties["doc_ids"] = "; ".join(event.doc_ids)
    properties["weapons"] = "; ".join(event.weapons)
    properties["contradictions"] = "; ".join(getattr(event, "contradictions", None) or [])
    properties["n_claims"] = len(event.claims)
    properties["n_evidence"] = len(event.evidence)
    geometry: dict[str, Any] | None = None
    if event.latitude is not None and event.longitude is not None:
        geometry = {
            "type": "Point",
            "coordinates": [round(event.longitude, 6), round(event.latitude, 6)],
        }
    return {"type": "Feature", "id": event.event_id, "geometry": geometry, "properties": properties}


def write_geojson(events: Iterable[Event], out: TextIO) -> int:
    """Write events as one GeoJSON FeatureCollection, streaming feature by feature.

    events (Iterable[Event]): the events.
    out (TextIO): a text stream.
    RETURNS (int): the number of features written.
    """
    out.write('{"type":"FeatureCollection","features":[\n')
    count = 0
    for event in events:
        if count:
            out.write(",\n")
        out.write(json.dumps(event_feature(event), ensure_ascii=False))
        count += 1
    out.write("\n]}\n")
    return count

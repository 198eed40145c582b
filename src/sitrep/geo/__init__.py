"""Geocoding: place mentions in war reporting -> ACLED-style locations, down to neighbourhoods.

    from sitrep.geo import geocode, resolve
    geocode("Russian jets struck al-Mashhad neighborhood in Aleppo")  # [Place(al-Mashhad ...)]
    resolve("Dayr az Zawr")                                            # Place(Deir ez-Zor ...)

See docs/geo.md.
"""

from __future__ import annotations

from sitrep.geo.gazetteer import Gazetteer, load_gazetteer
from sitrep.geo.geocoder import geocode, resolve

__all__ = ["geocode", "Gazetteer", "load_gazetteer", "resolve"]

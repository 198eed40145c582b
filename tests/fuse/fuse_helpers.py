"""Places and builders shared by the fusion tests (imported as a plain module)."""

from __future__ import annotations

from typing import Any

from sitrep.records import Claim

# al-Mashhad and al-Marjeh, neighbourhoods of Aleppo city; Daret Ezza, a town west of it.
MASHHAD = {"location": "al-Mashhad", "latitude": 36.188, "longitude": 37.150}
MARJEH = {"location": "al-Marjeh", "latitude": 36.180, "longitude": 37.175}
DARET_EZZA = {"location": "Daret Ezza", "latitude": 36.283, "longitude": 36.850}


def claim(by: str, by_type: str, says: str = "it happened", **fields: Any) -> Claim:
    """Return a quoted claim (with offsets, as extraction gives them)."""
    return Claim(by=by, by_type=by_type, says=says, start=0, end=len(says), **fields)

"""Countries and capitals named as political actors, not as places.

"Russia is unwilling to change its stance", "Damascus denied responsibility", "Turkey's foreign
minister": the name stands for a government. It is no event's place (`not_political` screens
the geocoder's places) and no sign of the country an article is about
(`countries.detect_country` weighs it as a demonym). What may follow such a name is data
(`political_after` in lexicons/nonevents.yaml).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from sitrep.extract.lexicon import read_lexicon
from sitrep.records import Place

__all__ = ["political_mention", "not_political"]


@lru_cache(maxsize=1)
def _after() -> re.Pattern[str]:
    data: dict[str, Any] = read_lexicon("nonevents.yaml")
    return re.compile(r"\s*(?:" + "|".join(data["political_after"]) + r")\b", re.I)


def political_mention(text: str, end: int) -> bool:
    """True when the name ending at `end` in `text` is followed by a government's act or
    stance ("... is unwilling", "... said", "...'s foreign minister")."""
    if text[end - 2 : end] in ("'s", "’s"):
        end -= 2  # the name was read with its possessive
    return _after().match(text, end) is not None


_COARSE = frozenset({"country", "region", "governorate", "admin1", "province", "macroregion"})


def not_political(text: str, places: list[Place]) -> list[Place]:
    """Drop the country- and region-level places named as political actors.

    Towns are kept: "Aleppo said" is rare, and a capital's name as a government ("Damascus
    denied") still leaves the country's other places to the event.
    """
    return [
        p
        for p in places
        if p.end is None
        or (p.placetype or "").lower() not in _COARSE
        or not political_mention(text, p.end)
    ]

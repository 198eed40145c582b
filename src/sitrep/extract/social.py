"""Social groups named with protesters or rioters ("journalists protested"), with ACLED's names
for them ("Journalists (Kenya)"); data in `lexicons/social_groups.yaml`."""

from __future__ import annotations

import re
from functools import lru_cache

from sitrep.errors import ConfigError
from sitrep.extract.lexicon import read_lexicon

__all__ = ["find_social_groups"]


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    data = read_lexicon("social_groups.yaml")
    groups = data.get("groups") if isinstance(data, dict) else None
    if not isinstance(groups, dict):
        raise ConfigError("social_groups.yaml: missing the 'groups' mapping")
    out = []
    for name, aliases in groups.items():
        words = sorted((str(a) for a in aliases), key=len, reverse=True)
        out.append(
            (str(name), re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b", re.I))
        )
    return out


def find_social_groups(text: str, country: str | None) -> list[str]:
    """Return ACLED's names of the social groups a text names, in lexicon order.

    text (str): the sentences of a protest or riot.
    country (str | None): the country, for the suffix ("Journalists (Kenya)"); None: Syria.
    RETURNS (list[str]): e.g. ["Journalists (Kenya)"].
    """
    suffix = country or "Syria"
    hits = [(h.start(), h.end(), name) for name, regex in _patterns() for h in regex.finditer(text)]
    # "media workers" are journalists, not a labour group: a hit inside a longer one goes.
    kept = {
        name
        for a, b, name in hits
        if not any(x <= a and b <= y and (y - x) > (b - a) for x, y, _ in hits)
    }
    return [f"{name} ({suffix})" for name, _ in _patterns() if name in kept]

"""What a text implies about where its places lie, beyond the places themselves: the country
it is about (named countries, names found in one country only, the default's demonyms), and
the governorates and districts of the operations and forces it names (data/cues.yaml
operation_areas, operation_districts, force_areas).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from sitrep.geo.deferred import deferred_country
from sitrep.geo.features import Mention
from sitrep.geo.gazetteer import Gazetteer
from sitrep.geo.lexicon import load_lexicon
from sitrep.geo.tokens import Token

__all__ = ["FOCUS_COUNTRIES", "AreaHints", "area_hints", "focus_country"]

FOCUS_COUNTRIES = ("SY", "IQ", "TR", "LB", "JO")


def _major_countries(key: str, gazetteer: Gazetteer) -> frozenset[str]:
    """Return the countries of a name's major readings (a governorate, or a city with many
    names): "Dar'a" is Syria's Daraa whatever villages share its key abroad."""
    memo = gazetteer.memo_for("major_countries")
    found = memo.get(key)
    if found is None:
        found = memo[key] = frozenset(
            e.country
            for e in gazetteer.lookup(key)
            if e.placetype == "region" or (e.placetype == "locality" and e.prominence >= 40)
        )
    return found


def _is_region(key: str, gazetteer: Gazetteer) -> bool:
    """Whether a name is an admin-1 region's (a province, a governorate, a state)."""
    memo = gazetteer.memo_for("is_region")
    found = memo.get(key)
    if found is None:
        found = memo[key] = any(e.placetype == "region" for e in gazetteer.lookup(key))
    return found


def focus_country(
    mentions: list[Mention],
    gazetteer: Gazetteer,
    default: str = "SY",
    tokens: list[Token] | None = None,
) -> str:
    """Return the country the text is about, `default` unless the text clearly says otherwise.

    A named country counts 2, a name whose readings all lie in one country counts 1 (so does a
    name the loaded gazetteer lacks that only one country's deferred small places have, so does
    a name whose major readings, a governorate or a large city, all lie in the default
    country: "Dar'a"), each name once; the
    default's demonym ("Syrian rebels", "the northern Syrian province") counts 1, at most
    twice; another country wins with at least 2 more votes than the default, or, when nothing
    points to the default, as the only country with votes ("Ludhiana (Punjab)": Ludhiana is
    Indian only, Punjab Indian and Pakistani) or with the most votes (2 or more: "Cuauhtemoc
    municipality, Chihuahua" is in Mexico). (Only the
    default's demonyms count: "Turkish forces" in a note about Syria is no vote for Turkey.)
    """
    votes: Counter[str] = Counter()
    if tokens:
        own = load_lexicon().demonyms.get(default, frozenset())
        votes[default] += min(2, sum(1 for t in tokens if t.cap and t.lower in own))
    seen: set[str] = set()
    deferred = gazetteer.defers()
    for mention in mentions:
        if mention.country is not None:
            votes[mention.country] += 2
        elif mention.fuzzy:
            if deferred and mention.key not in seen and not _acronym(mention.text):
                seen.add(mention.key)  # a name only one country's small places have
                found = deferred_country(mention.key)
                votes[found or ""] += found is not None
        elif not mention.fuzzy and mention.key not in seen and not _acronym(mention.text):
            seen.add(mention.key)  # a name said twice is one piece of evidence
            countries = gazetteer.countries_of(mention.key)
            major = _major_countries(mention.key, gazetteer)
            if major == {default} or (len(major) == 1 and default not in countries):
                countries = major  # "Donetsk": a region and a city in Ukraine, villages abroad
            elif len(major) == 1:
                # a region or city abroad that is only a small place at home ("Misrata")
                votes[next(iter(major))] += 1
                continue
            if len(countries) == 1:
                # an admin-1 name ("Chihuahua", "Lower Juba") counts as much as a country's
                votes[next(iter(countries))] += 2 if _is_region(mention.key, gazetteer) else 1
    votes.pop("", None)
    votes = +votes  # countries with votes only
    if not votes:
        return default
    ranked = votes.most_common(2)
    best, n = ranked[0]
    if not votes.get(default) and (len(ranked) == 1 or (n >= 2 and ranked[1][1] < n)):
        return best  # nothing points to the default country: the one country named, or two
        # names more for one country than for any other
    return best if n >= votes.get(default, 0) + 2 else default


def _acronym(text: str) -> bool:
    """An all-capital word of up to five letters ("GNA", "LNA", "NPA") names a force or a party
    far more often than a place, and gives no vote for a country."""
    return text.isupper() and text.isalpha() and len(text) <= 5


@dataclass(frozen=True)
class AreaHints:
    """Where a text's named operations and forces put its places (data/cues.yaml).

    governorates: those of the operations and local forces it names (operation_areas), read as
    named while the text names none; districts: those of operations fought in a few districts
    (operation_districts); held: those its forces held for years (force_areas).
    """

    governorates: frozenset[str] = frozenset()
    districts: frozenset[str] = frozenset()
    held: frozenset[str] = frozenset()


def area_hints(text: str) -> AreaHints:
    """Return the areas the operations and forces a text names imply ("Operation Peace Spring"
    -> Al Hasakeh, Ar Raqqa and the Ras al-Ain and Tell Abiad districts; "Khalid ibn al-Walid
    Army" -> Dara; "QSD" -> the north-east). Hyphens are read as spaces; operation names match
    in lower case, force names as written and as whole words ("HTS" is not the end of
    "RIGHTS")."""
    spaced = " ".join(text.replace("-", " ").split())
    lowered = spaced.lower()
    lexicon = load_lexicon()
    pattern, forces = _force_pattern()
    return AreaHints(
        governorates=_union(areas for name, areas in lexicon.operation_areas if name in lowered),
        districts=_union(areas for name, areas in lexicon.operation_districts if name in lowered),
        held=_union(forces[m.group()] for m in pattern.finditer(spaced)),
    )


def _union(sets: Iterable[frozenset[str]]) -> frozenset[str]:
    return frozenset().union(*sets)


@lru_cache(maxsize=1)
def _force_pattern() -> tuple[re.Pattern[str], dict[str, frozenset[str]]]:
    """One pattern for every force name, as whole words, longest first (one scan of the text
    instead of one per force; no name holds another), and the areas of each name."""
    forces = dict(load_lexicon().force_areas)
    names = sorted(forces, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(map(re.escape, names)) + r")\b"), forces

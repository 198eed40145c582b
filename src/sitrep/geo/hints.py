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
from sitrep.geo.fuzzy import skeleton_candidates
from sitrep.geo.gazetteer import Entry, Gazetteer
from sitrep.geo.lexicon import load_lexicon
from sitrep.geo.normalise import name_key
from sitrep.geo.tokens import Token, tokenize

__all__ = ["FOCUS_COUNTRIES", "AreaHints", "area_hints", "focus_country"]

FOCUS_COUNTRIES = ("SY", "IQ", "TR", "LB", "JO")
MAJOR = 40  # prominence of a major city (a governorate's capital: Homs 45)


def _major_countries(key: str, gazetteer: Gazetteer) -> frozenset[str]:
    """Return the countries of a name's major readings (a governorate, or a city with many
    names): "Dar'a" is Syria's Daraa whatever villages share its key abroad."""
    memo = gazetteer.memo_for("major_countries")
    found = memo.get(key)
    if found is None:
        found = memo[key] = frozenset(e.country for e in gazetteer.lookup(key) if _is_major(e))
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
    hints: AreaHints | None = None,
) -> str:
    """Return the country the text is about, `default` unless the text clearly says otherwise.

    A named country counts 2, so does a mission that works in one country only (`country_cues`
    of data/cues.yaml: "OSCE SMM" -> Ukraine); a name whose readings all lie in one country
    counts 1 (2 for an admin-1 name), so does a name the loaded gazetteer lacks that only one
    country's deferred small places have, a region or city abroad that is only a small place
    at home ("Misrata"), and a name whose major readings (a governorate, a large city) all lie
    in the default country ("Dar'a"); each name once. A name read in several countries, none
    of them the default, then counts 1 for the only one of them that has votes ("Ludhiana
    (Punjab)": Punjab is Indian and Pakistani, Ludhiana Indian). The default's demonym
    ("Syrian rebels") counts 1, at most twice (only the default's: "Turkish forces" in a note
    about Syria is no vote for Turkey). The operations and forces of `hints` count 2 for the
    country of their areas, as a country cue does ("Khalid ibn al-Walid Army ... Jellin" is
    Syrian, not China's Jilin; "Jabhat Fateh al Sham ... in Benin" is no text about Benin).
    Another country wins with at least 2 more votes than the default, or with the most votes
    (2 or more) when nothing points to the default ("Cuauhtemoc municipality, Chihuahua").
    """
    votes: Counter[str] = Counter()
    foreign: set[str] = set()
    if tokens:
        demonyms = load_lexicon().demonyms
        own = demonyms.get(default, frozenset())
        votes[default] += min(2, sum(1 for t in tokens if t.cap and t.lower in own))
        foreign = _foreign_demonyms(tokens, demonyms, default)
        for country in _cued_countries(tokens):
            votes[country] += 2
    if hints is not None:
        for country in _hint_countries(hints, gazetteer):
            votes[country] += 2
    several = _name_votes(mentions, gazetteer, default, votes, tokens)
    for country in foreign:
        if not votes.get(country):  # a demonym adds nothing to the country's own name
            votes[country] += 1
    said = foreign | {m.country for m in mentions if m.country}  # named or its people
    for countries in several:
        if default in countries and votes.get(default):
            continue  # ("Mahmudiyeh", also Syrian, is no evidence abroad in a Syrian text)
        voted = [c for c in countries if votes.get(c) and c != default]
        if default in countries:  # ... nor when only another name points abroad ("Amid")
            voted = [c for c in voted if c in said]
        if len(voted) == 1:
            votes[voted[0]] += 1
    votes = +votes  # countries with votes only
    found = _by_votes(votes, default)
    if found == default and not votes.get(default):
        if not _home_reading(mentions, gazetteer, default):
            # no name of the text is read at home: its largest reading abroad tells the
            # country ("marched through Belgrade": Serbia's, not Alba Iulia's old name)
            return _largest_country(mentions, gazetteer, tokens) or default
    return found


def _by_votes(votes: Counter[str], default: str) -> str:
    """The country the votes give (see focus_country)."""
    if not votes:
        return default
    ranked = votes.most_common(2)
    best, n = ranked[0]
    if not votes.get(default) and n >= 2 and (len(ranked) == 1 or ranked[1][1] < n):
        return best  # nothing points to the default country, two names to another
    if (
        n >= 2
        and votes.get(default, 0) <= 1
        and best not in FOCUS_COUNTRIES  # a neighbour is often named ("on the border with Turkey")
        and (len(ranked) == 1 or ranked[1][1] < n)
    ):
        return best  # a far country or its region against one small name at home ("Marasia")
    return best if n >= votes.get(default, 0) + 2 else default


def _name_votes(
    mentions: list[Mention],
    gazetteer: Gazetteer,
    default: str,
    votes: Counter[str],
    tokens: list[Token] | None = None,
) -> list[frozenset[str]]:
    """Add each mention's vote (see focus_country); return the country sets of the names read
    in several countries, which vote only after the others. A one-word name opening a
    sentence counts 1 at most: its capital says nothing ("Added one for the attacker" is no
    text about India's Added)."""
    seen: set[str] = set()
    several: list[frozenset[str]] = []
    deferred = gazetteer.defers()
    for mention in mentions:
        if mention.country is not None:
            votes[mention.country] += 2
            continue
        if mention.key in seen or _acronym(mention.text):
            continue
        seen.add(mention.key)  # a name said twice is one piece of evidence
        if mention.fuzzy:
            found = deferred_country(mention.key) if deferred else None
            if found is not None:  # a name only one country's small places have
                votes[found] += 1
            continue
        countries = every = gazetteer.countries_of(mention.key)
        major = _major_countries(mention.key, gazetteer)
        if major == {default} or (len(major) == 1 and default not in countries):
            countries = major  # "Donetsk": a region and a city in Ukraine, villages abroad
        elif len(major) == 1:
            votes[next(iter(major))] += 1  # a region or city abroad, a village at home
            continue
        if len(countries) == 1:
            # an admin-1 name ("Chihuahua", "Lower Juba") counts as much as a country's, so
            # does a large city abroad whose every reading is in its country ("Thessaloniki";
            # not "Amid", Diyarbakir's old name and a Nigerian village)
            strong = _is_region(mention.key, gazetteer) or (major == every != {default})
            strong = strong and not _opens_sentence(mention, tokens)
            votes[next(iter(countries))] += 2 if strong else 1
        elif len(countries) > 1:
            several.append(countries)
    return several


def _is_major(entry: Entry) -> bool:
    """Whether a gazetteer entry is a major reading of its name: a region or a large city."""
    return entry.placetype == "region" or (
        entry.placetype == "locality" and entry.prominence >= MAJOR
    )


def _opens_sentence(mention: Mention, tokens: list[Token] | None) -> bool:
    """Whether the mention is one word opening a sentence (its capital says nothing)."""
    if not tokens or mention.first != mention.last:
        return False
    return tokens[mention.first].sentence_start


def _home_reading(mentions: list[Mention], gazetteer: Gazetteer, default: str) -> bool:
    """Whether some name of the text may be read in the default country (a misspelt name with
    spelling twins there counts: they are looked for later)."""
    return any(
        m.country == default
        or default in gazetteer.countries_of(m.key)
        or (m.fuzzy and bool(skeleton_candidates(m.key, gazetteer, default)))
        for m in mentions
    )


def _largest_country(
    mentions: list[Mention], gazetteer: Gazetteer, tokens: list[Token] | None
) -> str | None:
    """The country of the most prominent major reading (a region, a large city) of the text's
    names, or None. Short capitalised words ("QDW", "FaR": airport codes among a city's
    names) and a one-word name opening a sentence ("Amid") are left out."""
    entries = [
        e
        for m in mentions
        if not _acronym(m.text) and len(m.text) > 3 and not _opens_sentence(m, tokens)
        for e in gazetteer.lookup(m.key)
        if _is_major(e)
    ]
    return max(entries, key=lambda e: e.prominence).country if entries else None


def _foreign_demonyms(
    tokens: list[Token], demonyms: dict[str, frozenset[str]], default: str
) -> set[str]:
    """The other countries whose demonym the text writes ("the Afghan conflict"), once each."""
    words = {t.lower for t in tokens if t.cap}
    return {c for c, names in demonyms.items() if c != default and words & names}


def _hint_countries(hints: AreaHints, gazetteer: Gazetteer) -> set[str]:
    """The countries of the admin-1 areas the text's operations and forces imply."""
    memo = gazetteer.memo_for("area_country")
    found: set[str] = set()
    for area in hints.governorates | hints.held:
        country = memo.get(area)
        if country is None:
            country = memo[area] = next(
                (
                    e.country
                    for e in gazetteer.lookup(name_key(area))
                    if e.placetype == "region" and e.admin1 == area
                ),
                "",
            )
        if country:
            found.add(country)
    return found


def _cued_countries(tokens: list[Token]) -> list[str]:
    """The countries of the `country_cues` phrases the text holds (once each)."""
    words = " " + " ".join(t.text for t in tokens) + " "
    return [c for phrase, c in _cue_phrases() if phrase in words]


@lru_cache(maxsize=1)
def _cue_phrases() -> tuple[tuple[str, str], ...]:
    """The `country_cues` phrases as the tokenizer writes them (" New People Army ")."""
    return tuple(
        (" " + " ".join(t.text for t in tokenize(phrase)) + " ", country)
        for phrase, country in load_lexicon().country_cues
    )


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

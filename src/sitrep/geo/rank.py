"""Choosing the reading of a place mention among its gazetteer candidates.

Each candidate gets additive feature weights (WEIGHTS): same country as the document, the
placetype the cues ask for ("X province" -> a governorate, "X neighbourhood" -> a
neighbourhood), a size prior (how many names the place has), curated entries, distance to the
mention's container ("X in Aleppo") and to the document's other places, and the document's
governorates. The best total wins; its score in [0, 1] grows with the total and with the
margin over the runner-up. When two far-apart readings tie and nothing in the text settles it,
the better-scored one stays, marked ambiguous with a low score.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from sitrep.geo.features import Mention
from sitrep.geo.fuzzy import (
    edit_distance,
    edit_distance_le1,
    edit_distance_within,
    fuzzy_candidates,
    skeleton_candidates,
)
from sitrep.geo.gazetteer import Entry, Gazetteer, approx_km, haversine_km
from sitrep.geo.normalise import inner_articles, name_key
from sitrep.geo.weights import load_weights

__all__ = [
    "WEIGHTS",
    "edit_distance",
    "edit_distance_within",
    "Bearing",
    "Context",
    "Choice",
    "choose",
    "governorate_entry",
    "fuzzy_candidates",
    "skeleton_candidates",
    "edit_distance_le1",
]

# additive feature weights and the thresholds around them: weights.yaml, `rank` and
# `rank_thresholds` (one commented key per number)
WEIGHTS: dict[str, float] = load_weights().rank
_T: dict[str, float] = load_weights().rank_thresholds
_PROMINENT = load_weights().geocoder["prominent"]  # a large town (Homs 45)
_BEARING_MIN = _T["bearing_min_degrees"]
_BEARING_COS = _T["bearing_cos"]


@dataclass(frozen=True)
class Bearing:
    """A direction the text takes from a place: "eastern countryside of Aleppo", "east of X".

    Readings in the same governorate that lie that way from the place gain, the others lose.
    """

    source: int  # the index of the mention that gives the direction
    name: str
    admin1: str
    latitude: float
    longitude: float
    north: int
    east: int

    def fit(self, entry: Entry) -> int:
        """Return 1 when the entry lies in this direction, -1 when opposite, else 0."""
        if entry.admin1 != self.admin1 or entry.latitude is None or entry.longitude is None:
            return 0
        if entry.placetype in ("region", "country"):
            return 0
        dy = entry.latitude - self.latitude
        dx = (entry.longitude - self.longitude) * math.cos(math.radians(self.latitude))
        size = math.hypot(dy, dx)
        if size < _BEARING_MIN:  # within ~3 km: no direction
            return 0
        cos = (dy * self.north + dx * self.east) / (size * math.hypot(self.north, self.east))
        return 1 if cos >= _BEARING_COS else -1 if cos <= -_BEARING_COS else 0


@dataclass
class Context:
    """What the rest of the text says: the focus country, a container, the other places.

    container: the place this mention sits in ("X in Aleppo"); container_admin1: a governorate
    container ("X in Idlib province"). points: confidently placed places of the document.
    """

    country: str | None = "SY"
    container: Entry | None = None
    container_admin1: str | None = None
    admin1_counts: Counter[str] = field(default_factory=Counter)
    points: list[tuple[float, float]] = field(default_factory=list)
    named_admin1: set[str] = field(default_factory=set)
    bearings: list[Bearing] = field(default_factory=list)
    previous: tuple[float, float] | None = None  # the last confident town read before it
    districts: frozenset[str] = frozenset()  # admin2 the text implies (a named operation)
    force_areas: frozenset[str] = frozenset()  # governorates the text's forces held


@dataclass
class Choice:
    """The winning reading of a mention."""

    entry: Entry
    raw: float
    score: float
    precision: int
    reasons: list[str]
    ambiguous: bool = False
    doubtful: bool = False


_BARE = {
    "region": WEIGHTS["bare_region"],
    "county": WEIGHTS["bare_county"],
    "neighbourhood": WEIGHTS["bare_neighbourhood"],
    "landmark": WEIGHTS["bare_landmark"],
}
_ADMIN = {"region": WEIGHTS["admin_region"], "county": WEIGHTS["admin_county"]}
_COUNTRYSIDE = {
    "region": WEIGHTS["admin_region"],
    "county": WEIGHTS["countryside_county"],
    "locality": 0.0,
}
_LOG101 = math.log1p(100)


@lru_cache(maxsize=4096)
def _container_distance_weight(km: float) -> float:
    """The weight of a reading `km` from the place the text puts it in ("X in Y")."""
    if km <= _T["container_near_km"]:
        return WEIGHTS["container_8km"]
    if km <= _T["container_mid_km"]:
        return WEIGHTS["container_25km"]
    if km <= _T["container_wide_km"]:
        return WEIGHTS["container_60km"]
    return WEIGHTS["container_far"]


def _prominence_term(prominence: int) -> float:
    return min(WEIGHTS["prominence_cap"], WEIGHTS["prominence"] * math.log1p(prominence) / _LOG101)


def _feature_score(
    entry: Entry, mention: Mention, ctx: Context, reasons: list[str] | None = None
) -> float:
    """Return the raw score of one reading; with `reasons`, append why (for the winner only)."""
    return _static_score(entry, mention, ctx.country, reasons) + _context_score(
        entry, mention, ctx, reasons
    )


def _static_score(
    entry: Entry, mention: Mention, country: str | None, reasons: list[str] | None = None
) -> float:
    """The part of the score that depends on the entry and the mention's own cues only
    (memoised on the mention, so the second pass reuses it)."""
    if reasons is None:
        found = mention.static_scores.get(entry.id)
        if found is not None and found[0] == country:
            return found[1]
    w = WEIGHTS
    raw = 0.0
    if country:
        if entry.country == country:
            raw += w["same_country"]
        else:
            raw += w["other_country"]
            if reasons is not None:
                reasons.append(f"outside focus country {country}")
    placetype = entry.placetype
    if mention.country:
        raw += w["country_name"] if placetype == "country" else w["not_country_name"]
    elif placetype == "country":
        raw += w["not_country_name"]
    level = mention.level
    if level == "admin":
        # "Tell Abiad countryside", "northern Menbij": the town's point, not its district
        bonus = _COUNTRYSIDE if mention.countryside or mention.direction else _ADMIN
        raw += bonus.get(placetype, w["admin_other"])
        if placetype == "region" and reasons is not None:
            reasons.append("text names the governorate/countryside")
    elif level == "district":
        if placetype == "county":
            raw += w["district_county"]
            if reasons is not None:
                reasons.append("text names the district")
    elif level == "neighbourhood":
        if placetype in ("neighbourhood", "landmark"):
            raw += w["neighbourhood_cue"]
            if reasons is not None:
                reasons.append("text says neighbourhood")
    elif level == "locality":
        if placetype == "locality":
            raw += w["locality_cue"]
        elif placetype in ("region", "county"):
            raw += w["locality_cue_admin"]  # "Idleb city" is the city, not the governorate
        elif placetype == "neighbourhood":
            raw += w["locality_cue_neighbourhood"]  # "Zahraa town" is no quarter of Aleppo
    else:
        raw += _BARE.get(placetype, 0.0)
    raw += _prominence_term(entry.prominence)
    if entry.source == "curated":
        raw += w["curated"]
    if mention.key == name_key(entry.name):
        raw += w["main_name"]
        articles = inner_articles(mention.text)
        if articles and articles == inner_articles(entry.name):
            raw += w["same_articles"]
            if reasons is not None:
                reasons.append("spelt with the same inner article")
    if reasons is None:
        mention.static_scores[entry.id] = (country, raw)
    return raw


def _context_score(
    entry: Entry, mention: Mention, ctx: Context, reasons: list[str] | None = None
) -> float:
    """The part of the score that depends on the rest of the text (container, other places)."""
    w = WEIGHTS
    raw = 0.0
    placetype = entry.placetype
    lat, lon = entry.latitude, entry.longitude
    container = ctx.container
    if container is not None and container.latitude is not None and lat is not None:
        assert container.longitude is not None and lon is not None
        km = approx_km(lat, lon, container.latitude, container.longitude)
        raw += _container_distance_weight(km)
        if reasons is not None:
            reasons.append(f"{km:.0f} km from {container.name}")
    if ctx.container_admin1:
        same = entry.admin1 == ctx.container_admin1
        raw += w["container_admin_same"] if same else w["container_admin_other"]
        if same and reasons is not None:
            reasons.append(f"in {ctx.container_admin1} as the text says")
    if ctx.named_admin1 and placetype != "country" and container is None:
        if entry.admin1 in ctx.named_admin1:
            raw += w["named_admin1_same"]
            if reasons is not None:
                reasons.append(f"in {entry.admin1}, a governorate the text names")
        else:
            raw += w["named_admin1_other"]
    if ctx.admin1_counts and entry.admin1:
        total = sum(ctx.admin1_counts.values())
        if total:
            raw += w["doc_admin1"] * ctx.admin1_counts[entry.admin1] / total
    if ctx.points and lat is not None and lon is not None:
        nearest = _nearest_km(lat, lon, ctx.points)
        if nearest <= _T["doc_near_km"]:
            raw += w["doc_near_15km"]
            if reasons is not None:
                reasons.append("near the text's other places")
        elif nearest <= _T["doc_wide_km"]:
            raw += w["doc_near_50km"]
    if ctx.previous is not None and lat is not None and lon is not None:
        if approx_km(lat, lon, *ctx.previous) <= _T["previous_km"]:
            raw += w["previous_15km"]
            if reasons is not None:
                reasons.append("near the place the text names just before")
    for bearing in ctx.bearings:
        fit = bearing.fit(entry)
        if fit:
            raw += w["bearing_same"] if fit > 0 else w["bearing_other"]
            if fit > 0 and reasons is not None:
                reasons.append(f"lies the way the text says from {bearing.name}")
    return raw


# (mention key, country, cues) -> (the candidate list, their static scores); the lists are
# gazetteer.lookup()'s memoised ones, so `is` tells the same candidates
_STATICS: dict[tuple, tuple[list[Entry], list[float]]] = {}


def _statics(entries: list[Entry], mention: Mention, country: str | None) -> list[float]:
    """Return [_static_score(e, mention, country) for e in entries], memoised across texts on
    what the static score reads of the mention (its key and cues)."""
    slot = (
        mention.key,
        inner_articles(mention.text),
        country,
        bool(mention.country),
        mention.level,
        mention.countryside,
        mention.direction,
    )
    found = _STATICS.get(slot)
    if found is not None and found[0] is entries:
        return found[1]
    memo = mention.static_scores
    values = []
    for entry in entries:
        known = memo.get(entry.id)
        if known is not None and known[0] == country:
            values.append(known[1])
        else:
            values.append(_static_score(entry, mention, country))
    if len(_STATICS) >= 50_000:
        _STATICS.clear()
    _STATICS[slot] = (entries, values)
    return values


def _totals(entries: list[Entry], mention: Mention, ctx: Context) -> list[float]:
    """Return [_feature_score(e, mention, ctx) for e in entries], the context read once
    (the same sums in the same order, so the same floats)."""
    w = WEIGHTS
    country = ctx.country
    container = ctx.container
    c_lat = c_lon = None
    if container is not None and container.latitude is not None:
        c_lat, c_lon = container.latitude, container.longitude
    c_admin1 = ctx.container_admin1
    named = ctx.named_admin1 if ctx.named_admin1 and container is None else None
    counts = ctx.admin1_counts
    counts_total = sum(counts.values()) if counts else 0
    points = ctx.points
    bearings = ctx.bearings
    previous = ctx.previous
    near_km, wide_km, previous_km = _T["doc_near_km"], _T["doc_wide_km"], _T["previous_km"]
    out = []
    for entry, static in zip(entries, _statics(entries, mention, country), strict=True):
        raw = 0.0
        lat, lon = entry.latitude, entry.longitude
        if c_lat is not None and lat is not None:
            assert c_lon is not None and lon is not None
            raw += _container_distance_weight(approx_km(lat, lon, c_lat, c_lon))
        if c_admin1:
            raw += (
                w["container_admin_same"]
                if entry.admin1 == c_admin1
                else w["container_admin_other"]
            )
        if named is not None and entry.placetype != "country":
            raw += w["named_admin1_same"] if entry.admin1 in named else w["named_admin1_other"]
        if counts_total and entry.admin1:
            raw += w["doc_admin1"] * counts[entry.admin1] / counts_total
        if points and lat is not None and lon is not None:
            nearest = _nearest_km(lat, lon, points)
            if nearest <= near_km:
                raw += w["doc_near_15km"]
            elif nearest <= wide_km:
                raw += w["doc_near_50km"]
        if previous is not None and lat is not None and lon is not None:
            if approx_km(lat, lon, *previous) <= previous_km:
                raw += w["previous_15km"]
        for bearing in bearings:
            fit = bearing.fit(entry)
            if fit:
                raw += w["bearing_same"] if fit > 0 else w["bearing_other"]
        out.append(static + raw)
    return out


def _nearest_km(lat: float, lon: float, points: list[tuple[float, float]]) -> float:
    """Return min(approx_km(lat, lon, p, q) for p, q in points), inlined for speed."""
    best = math.inf
    cos, radians = math.cos, math.radians
    for p, q in points:
        dlat = p - lat
        dlon = (q - lon) * cos(radians((lat + p) / 2))
        d2 = dlat * dlat + dlon * dlon
        if d2 < best:
            best = d2
    return 111.2 * math.sqrt(best)


def _precision(entry: Entry, mention: Mention) -> int:
    if entry.placetype in ("region", "county", "country"):
        return 3
    if mention.level == "admin" or mention.near:
        return 2
    return entry.precision


@dataclass(slots=True)
class _Ranked:
    """The winner among a mention's candidates, its raw total, the runner-up (None when there
    is none) and the winner's margin over it."""

    best: Entry
    raw: float
    second: Entry | None
    margin: float


def choose(
    entries: list[Entry],
    mention: Mention,
    ctx: Context,
    *,
    explain: bool = True,
) -> Choice | None:
    """Return the best reading of a mention among its candidate entries, or None if none.

    entries (list[Entry]): the candidates (same name key).
    mention (Mention): the mention with its cues.
    ctx (Context): the rest of the text.
    explain (bool): give the winner's reasons (False for a reading the caller will redo).
    RETURNS (Choice | None): the winner with score, precision and reasons.
    """
    if not entries:
        return None
    reasons: list[str] = []
    why = reasons if explain else None
    if len(entries) == 1:
        raw = _feature_score(entries[0], mention, ctx, why)
        ranked = _Ranked(entries[0], raw, None, _T["single_margin"])
    else:
        ranked = _rank_many(entries, mention, ctx, why)
    best, margin = ranked.best, ranked.margin
    score = (1 / (1 + math.exp(-(ranked.raw - _T["score_midpoint"])))) * (
        1 - _T["margin_floor"] * math.exp(-_T["margin_slope"] * margin)
    )
    precision = _precision(best, mention)
    # "countryside of <town>": the town's point, part of a region.
    if mention.level == "admin" and best.placetype == "locality":
        precision = 2
        reasons.append("part of the area around the town")
    if explain:
        label = f"{best.placetype} '{best.name}' ({best.admin1 or best.country})"
        if len(entries) > 1:
            reasons.insert(0, f"{label} beat {len(entries) - 1} other reading(s) by {margin:.2f}")
        else:
            reasons.insert(0, f"only reading: {label}")
    choice = Choice(best, ranked.raw, round(score, 3), precision, reasons)
    second = ranked.second
    if second is not None and margin < WEIGHTS["tie_margin"] and ctx.container is None:
        _settle_tie(choice, second)
    return choice


def _rank_many(
    entries: list[Entry], mention: Mention, ctx: Context, reasons: list[str] | None
) -> _Ranked:
    """Return the best of several candidates and the runner-up, ties going to the earlier
    entry (as a stable sort); with `reasons`, append why the best won."""
    raw = runner = -math.inf
    best, second = entries[0], None
    seats, towns = _seats(entries)
    hinted = _hinted_villages(entries, ctx.districts)
    held = _held_villages(entries, ctx.force_areas)
    totals = _totals(entries, mention, ctx)
    if seats or towns or hinted or held:
        totals = [
            value
            + (WEIGHTS["district_seat"] if entry.id in seats else 0.0)
            + (WEIGHTS["subdistrict_seat"] if entry.id in towns else 0.0)
            + (WEIGHTS["operation_district"] if entry.id in hinted else 0.0)
            + (WEIGHTS["force_area"] if entry.id in held else 0.0)
            for entry, value in zip(entries, totals, strict=True)
        ]
    for entry, value in zip(entries, totals, strict=True):
        if value > raw:
            runner, second = raw, best if raw > -math.inf else None
            raw, best = value, entry
        elif value > runner:
            runner, second = value, entry
    if reasons is not None:
        _feature_score(best, mention, ctx, reasons)
        if best.id in seats:
            reasons.append(f"the seat of the {best.admin2} district the name also names")
        if best.id in towns:
            reasons.append(f"the town of the {best.admin3} subdistrict")
        if best.id in hinted:
            reasons.append(f"in the {best.admin2} district of the operation the text names")
        if best.id in held:
            reasons.append(f"in {best.admin1}, held by a force the text names")
    return _Ranked(best, raw, second, raw - runner)


def _settle_tie(choice: Choice, second: Entry) -> None:
    """Mark a near-tie between two far-apart readings as ambiguous: a lower score and a reason
    naming the other reading. The better-scored namesake stays the answer (geo_precision 1):
    their common governorate's capital, the old fallback, is rarely near either of them."""
    best = choice.entry
    if (
        best.latitude is None
        or second.latitude is None
        or best.longitude is None
        or second.longitude is None
        or haversine_km(best.latitude, best.longitude, second.latitude, second.longitude)
        <= WEIGHTS["tie_km"]
    ):
        return
    choice.ambiguous = True
    choice.score = round(min(choice.score, _T["ambiguous_score"]), 3)
    choice.reasons.append(f"ambiguous with '{second.name}' ({second.admin1 or second.country})")


# id(candidate list) -> (the list, its district seats, its subdistrict seats); the lists are
# gazetteer.lookup()'s memoised ones, so the same names reuse the answer
_SEAT_MEMO: dict[int, tuple[list[Entry], frozenset[str], frozenset[str]]] = {}


def _seats(entries: list[Entry]) -> tuple[frozenset[str], frozenset[str]]:
    """Return (_district_seats(entries), _subdistrict_seats(entries)), memoised per list."""
    found = _SEAT_MEMO.get(id(entries))
    if found is not None and found[0] is entries:
        return found[1], found[2]
    seats, towns = _district_seats(entries), _subdistrict_seats(entries)
    if len(_SEAT_MEMO) >= 50_000:
        _SEAT_MEMO.clear()
    _SEAT_MEMO[id(entries)] = (entries, seats, towns)
    return seats, towns


def _district_seats(entries: list[Entry]) -> frozenset[str]:
    """Return the ids of the towns among `entries` that are the seat of a district (county)
    of the same name, also among them: "Afrin" the town of the Afrin district, not the hamlet
    `Afrin near Aleppo. A district's seat is far more reported than its namesakes. Not for a
    governorate's capital when the governorate is a candidate too ("Homs")."""
    # a governorate's capital against the governorate ("Homs") is another question
    regions = {e.admin1 for e in entries if e.placetype == "region"}
    counties = {
        (e.admin1, e.admin2)
        for e in entries
        if e.placetype == "county" and e.admin2 and e.admin1 not in regions
    }
    if not counties:
        return frozenset()
    return frozenset(
        e.id for e in entries if e.placetype == "locality" and (e.admin1, e.admin2) in counties
    )


def _subdistrict_seats(entries: list[Entry]) -> frozenset[str]:
    """Return the ids of the towns among `entries` that give their name to their subdistrict
    (OCHA's admin3: "Marea" the town of the Mare' subdistrict, not the village Ma`arriyah in
    Dar'a), when some namesake is not such a town. A subdistrict's seat is its town, far more
    reported than the villages that share its name."""
    towns = frozenset(e.id for e in entries if _is_subdistrict_seat(e))
    return towns if len(towns) < len(entries) else frozenset()


_SEATS: dict[str, bool] = {}


def _is_subdistrict_seat(entry: Entry) -> bool:
    """True for a locality one of whose names is its subdistrict's (memoised per entry)."""
    found = _SEATS.get(entry.id)
    if found is None:
        found = bool(
            entry.admin3 and entry.placetype == "locality" and name_key(entry.admin3) in entry.keys
        )
        _SEATS[entry.id] = found
    return found


def _hinted_villages(entries: list[Entry], districts: frozenset[str]) -> frozenset[str]:
    """Return the ids of the villages among `entries` that lie in a district of the operation
    the text names ("Qatma" and Olive Branch: the Qatma of the Afrin district). Not when the name
    is also a governorate's or a district's ("Al-Hasakeh"), nor for a large town."""
    if not districts or _names_an_area(entries):
        return frozenset()
    return frozenset(
        e.id
        for e in entries
        if e.placetype == "locality" and e.admin2 in districts and e.prominence < _PROMINENT
    )


def _held_villages(entries: list[Entry], areas: frozenset[str]) -> frozenset[str]:
    """Return the ids of the villages and towns among `entries` that lie in the governorates
    the text's forces held for years ("QSD" -> the north-east), when some namesake lies
    outside them; never for a governorate's or district's name."""
    if not areas or _names_an_area(entries):
        return frozenset()
    inside = frozenset(e.id for e in entries if e.placetype == "locality" and e.admin1 in areas)
    return inside if len(inside) < len(entries) else frozenset()


def _names_an_area(entries: list[Entry]) -> bool:
    """Return True when the name is also a governorate's or a district's ("Al-Hasakeh")."""
    return any(e.placetype in ("region", "county") for e in entries)


def governorate_entry(gazetteer: Gazetteer | None, admin1: str | None) -> Entry | None:
    """Return the gazetteer's entry for a governorate (ACLED's admin1 name), or None."""
    if gazetteer is None or not admin1:
        return None
    for candidate in gazetteer.lookup(name_key(admin1)):
        if candidate.placetype == "region" and candidate.admin1 == admin1:
            return candidate
    return None

"""Which report-events are the same event: same sub-event family, close dates, close places.

Rules are data (`matching.yaml`). `cluster_events` groups report-events greedily with complete
linkage (an event joins a group only if it matches every member), so reports never chain into
one blob; events of one document are never grouped together.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from sitrep.fuse.decisions import Decisions
from sitrep.fuse.score import DocText, LinkScore, pair_features
from sitrep.fuse.tables import fold_name, load_table
from sitrep.fuse.text import term_similarity
from sitrep.geo.distance import haversine_km
from sitrep.records import Event

__all__ = [
    "MatchRules",
    "cluster_events",
    "iter_groups",
    "match_cost",
    "explain_match",
    "text_link_cost",
    "haversine_km",
    "is_named_actor",
    "score_gates",
    "scored_cost",
    "score_pair",
]


@dataclass
class MatchRules:
    """Thresholds for deciding that two reports describe one event (see matching.yaml)."""

    families: dict[str, str] = field(default_factory=dict)
    date_tolerance_days: dict[int, int] = field(default_factory=lambda: {1: 1, 2: 7, 3: 31})
    match_undated: bool = False
    distance_km: dict[int, float] = field(default_factory=lambda: {1: 5.0, 2: 15.0, 3: 60.0})
    same_point_km: float = 1.0
    unnamed_actors: tuple[str, ...] = ("Unidentified", "Unknown")
    require_admin1: bool = True
    joint_actors: dict[str, tuple[str, ...]] = field(default_factory=dict)
    toll_ratio: float = 4.0
    toll_slack: int = 3
    background_days: int = 0
    incremental_rounds: int = 3
    incremental_links: int = 20
    incremental_max_reports: int = 200
    background_links: bool = True
    coarse_dates_strict: bool = True
    text_link_similarity: float = 0.25
    text_link_days: int = 3
    text_link_min_shared: int = 4
    containment: bool = True
    merge_shared_docs: int = 2
    background_below_governorate: bool = True
    copy_similarity: float = 0.8
    vague_place_days: int = 0
    compatible_families: dict[str, str] = field(default_factory=dict)
    cross_family_toll_ratio: float = 1.25
    cross_family_cost: float = 1.0
    open_tolls_rise: bool = True
    link_score: LinkScore | None = None
    area_blocking: bool = True

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> MatchRules:
        """Build the rules from the structure of matching.yaml."""
        families = {
            str(sub): str(name) for name, subs in data.get("families", {}).items() for sub in subs
        }
        return cls(
            families=families,
            date_tolerance_days={int(k): int(v) for k, v in data["date_tolerance_days"].items()},
            match_undated=bool(data.get("match_undated", False)),
            distance_km={int(k): float(v) for k, v in data["distance_km"].items()},
            same_point_km=float(data.get("same_point_km", 1.0)),
            unnamed_actors=tuple(data.get("unnamed_actors", ())),
            require_admin1=bool(data.get("require_admin1", True)),
            toll_ratio=float(data.get("toll_ratio", 4.0)),
            toll_slack=int(data.get("toll_slack", 3)),
            background_days=int(data.get("background_days", 0)),
            incremental_rounds=int(data.get("incremental_rounds", 3)),
            incremental_links=int(data.get("incremental_links", 20)),
            incremental_max_reports=int(data.get("incremental_max_reports", 200)),
            background_links=bool(data.get("background_links", True)),
            coarse_dates_strict=bool(data.get("coarse_dates_strict", True)),
            text_link_similarity=float(data.get("text_link_similarity", 0.25)),
            text_link_days=int(data.get("text_link_days", 3)),
            text_link_min_shared=int(data.get("text_link_min_shared", 4)),
            containment=bool(data.get("containment", True)),
            merge_shared_docs=int(data.get("merge_shared_docs", 2)),
            background_below_governorate=bool(data.get("background_below_governorate", True)),
            copy_similarity=float(data.get("copy_similarity", 0.8)),
            vague_place_days=int(data.get("vague_place_days", 0)),
            compatible_families={
                str(family): "+".join(str(f) for f in group)
                for group in data.get("compatible_families") or []
                for family in group
            },
            cross_family_toll_ratio=float(data.get("cross_family_toll_ratio", 1.25)),
            cross_family_cost=float(data.get("cross_family_cost", 1.0)),
            open_tolls_rise=bool(data.get("open_tolls_rise", True)),
            link_score=LinkScore.from_dict(data.get("link_score")),
            area_blocking=bool(data.get("area_blocking", True)),
            joint_actors={
                str(k).lower(): tuple(str(m).lower() for m in v)
                for k, v in (data.get("joint_actors") or {}).items()
            },
        )

    @classmethod
    def default(cls) -> MatchRules:
        """Return the packaged rules (matching.yaml)."""
        return cls.from_dict(load_table("matching.yaml"))

    def actors_agree(self, a: str, b: str) -> bool:
        """Return True if two actor names do not contradict each other (same, or joint/member)."""
        if a == b:
            return True
        low_a, low_b = a.lower(), b.lower()
        for joint, other in ((low_a, low_b), (low_b, low_a)):
            members = self.joint_actors.get(joint, ())
            if any(other.startswith(m) for m in members):
                return True
        return False

    def family(self, sub_event_type: str) -> str:
        """Return the family of a sub-event type (the type itself when it has none)."""
        return self.families.get(sub_event_type, sub_event_type)

    def block(self, sub_event_type: str) -> str:
        """Return the block a sub-event type is clustered in: its family, or the set of
        compatible families it belongs to (reports in two blocks are never compared)."""
        family = self.family(sub_event_type)
        return self.compatible_families.get(family, family)


def is_named_actor(actor: str | None, rules: MatchRules) -> bool:
    """Return True if `actor` names someone (not None, not "Unidentified Armed Group ...")."""
    if not actor:
        return False
    return _is_named(actor, rules.unnamed_actors)


@lru_cache(maxsize=65536)
def _is_named(actor: str, unnamed: tuple[str, ...]) -> bool:
    low = actor.lower()
    return not any(word.lower() in low for word in unnamed)


def _date_gap(a: Event, b: Event, rules: MatchRules) -> float | None:
    if a.event_date is None or b.event_date is None:
        return 0.0 if rules.match_undated else None
    precision = max(a.time_precision or 1, b.time_precision or 1)
    tolerance = rules.date_tolerance_days.get(precision, max(rules.date_tolerance_days.values()))
    gap = abs((a.event_date - b.event_date).days)
    return float(gap) if gap <= tolerance else None


def _contains(outer: Event, inner: Event) -> bool:
    """Return True if `outer` only names an area that holds `inner`'s place: the governorate
    (or its seat: "Idlib" in Idleb), or `inner`'s district or sub-district."""
    if not outer.admin1 or fold_name(outer.admin1) != fold_name(inner.admin1 or ""):
        return False
    if not _named_below_governorate(outer):
        return True
    areas = {fold_name(inner.admin2 or ""), fold_name(inner.admin3 or "")} - {""}
    return fold_name(outer.location or "") in areas


def _place_gap(a: Event, b: Event, rules: MatchRules) -> float | None:
    """Return a distance-like gap (km) between the places of two events, None if too far."""
    same_name = bool(a.location and b.location and fold_name(a.location) == fold_name(b.location))
    if rules.containment and not same_name and (_contains(a, b) or _contains(b, a)):
        return rules.distance_km.get(3, 60.0) / 2
    if None not in (a.latitude, a.longitude, b.latitude, b.longitude):
        km = haversine_km(a.latitude, a.longitude, b.latitude, b.longitude)  # type: ignore[arg-type]
        precision = max(a.geo_precision or 2, b.geo_precision or 2)
        tolerance = rules.distance_km.get(precision, max(rules.distance_km.values()))
        if km > tolerance:
            return None
        both_points = (a.geo_precision or 2) == 1 and (b.geo_precision or 2) == 1
        if both_points and a.location and b.location and not same_name:
            # two named towns or neighbourhoods: one event per place, as ACLED codes them
            return km if km <= rules.same_point_km else None
        return km
    if same_name:
        return 0.0
    if a.admin1 and b.admin1 and fold_name(a.admin1) == fold_name(b.admin1):
        vague = (a.geo_precision == 3 or not a.location) or (b.geo_precision == 3 or not b.location)
        return rules.distance_km.get(3, 60.0) / 2 if vague else None
    return None


def _actors_compatible(a: Event, b: Event, rules: MatchRules) -> bool:
    sides_a = {x for x in (a.actor1, a.actor2) if is_named_actor(x, rules)}
    sides_b = {x for x in (b.actor1, b.actor2) if is_named_actor(x, rules)}
    if len(sides_a) == 2 and len(sides_b) == 2:
        return bool(sides_a & sides_b)
    return True


def _tolls_overlap(a: Event, b: Event, rules: MatchRules) -> bool:
    """Return False when two reports give death tolls too far apart to be one event.

    Each report's toll is a range (fatalities_min..fatalities_max); ranges that overlap agree,
    and so do ranges whose nearer ends are within `toll_ratio` x + `toll_slack` of each other
    (tolls rise as the dead are counted). An unknown toll or "no deaths" rules nothing out.
    """
    range_a, range_b = _toll_range(a), _toll_range(b)
    if range_a is None or range_b is None:
        return True
    (low_a, high_a), (low_b, high_b) = sorted((range_a, range_b))
    if low_b <= high_a:
        return True
    return low_b <= rules.toll_ratio * high_a + rules.toll_slack


def _rises_from(a: Event, b: Event, rules: MatchRules) -> bool:
    """Return True when the lower of two tolls is open ("at least 70": a lowest figure and no
    upper bound) and `open_tolls_rise` is on: a later, higher count of the same dead ("126
    killed") may lie in that range (tolls rise over days as the dead are counted)."""
    if not rules.open_tolls_rise:
        return False
    range_a, range_b = _toll_range(a), _toll_range(b)
    if range_a is None or range_b is None:
        return False
    lower = a if range_a <= range_b else b
    return lower.fatalities_min is not None and lower.fatalities_max is None


def _toll_range(event: Event) -> tuple[int, int] | None:
    figures = [
        x for x in (event.fatalities_min, event.fatalities, event.fatalities_max) if x is not None
    ]
    if not figures or max(figures) == 0:
        return None
    return min(figures), max(figures)


def _gates(a: Event, b: Event, rules: MatchRules) -> str | None:
    """Return why two reports cannot be one event (None: nothing rules them out)."""
    if set(a.doc_ids) & set(b.doc_ids):
        return "same document"
    if rules.require_admin1 and not (a.admin1 and b.admin1):
        return "no governorate"
    if rules.block(a.sub_event_type) != rules.block(b.sub_event_type):
        return "different sub-event families"
    if not _actors_compatible(a, b, rules):
        return "different pairs of actors"
    if not _tolls_overlap(a, b, rules):
        return "death tolls too far apart"
    return None


def score_gates(a: Event, b: Event, rules: MatchRules) -> str | None:
    """Return why two LEAD reports cannot be one incident whatever their texts share (None:
    the scored decision weighs them): the rules' gates, undated, or dates further apart than
    the coarser precision allows (at least `text_link_days`). Governorates may differ: a
    byline's or a background place read as the event's (`other_governorate` counts against)."""
    why = _gates(a, b, rules)
    if why:
        return why
    if a.event_date is None or b.event_date is None:
        return "undated"
    precision = max(a.time_precision or 1, b.time_precision or 1)
    tolerance = rules.date_tolerance_days.get(precision, max(rules.date_tolerance_days.values()))
    if abs((a.event_date - b.event_date).days) > max(tolerance, rules.text_link_days):
        return "dates too far apart"
    return None


_ARTICLES = frozenset({"al", "ar", "as", "ad", "ash", "at", "az", "el", "an"})


@lru_cache(maxsize=65536)
def _stem(name: str) -> str:
    words = [w for w in fold_name(name).replace("-", " ").split() if w not in _ARTICLES]
    return "".join(words)[:3]


def _named_below_governorate(event: Event) -> bool:
    """Return True if the event is placed at a named town or neighbourhood, not just the
    governorate or its seat ("Aleppo" in Aleppo, "Idlib" in Idleb are the whole area)."""
    if not event.location or (event.geo_precision or 3) > 2:
        return False
    return not (event.admin1 and _stem(event.location) == _stem(event.admin1))


def _same_spot(a: Event, b: Event, km: float, rules: MatchRules) -> bool:
    """Return True if both name one place below the governorate (same name, or within
    same_point_km)."""
    if not (_named_below_governorate(a) and _named_below_governorate(b)):
        return False
    same_name = bool(a.location and b.location and fold_name(a.location) == fold_name(b.location))
    return same_name or km <= rules.same_point_km


def _strict_ok(a: Event, b: Event, days: float, km: float, rules: MatchRules) -> bool:
    """A background mention links only on the same day at the same named place."""
    exact_days = (a.time_precision or 1) == 1 and (b.time_precision or 1) == 1
    if not rules.background_below_governorate:
        fine = (a.geo_precision or 3) <= 2 and (b.geo_precision or 3) <= 2
        same = bool(a.location and b.location and fold_name(a.location) == fold_name(b.location))
        return exact_days and days <= rules.background_days and fine and (same or km <= 1.0)
    return exact_days and days <= rules.background_days and _same_spot(a, b, km, rules)


def _coarse_ok(a: Event, b: Event, days: float, km: float, rules: MatchRules) -> bool:
    """A report dated only to the week or month links only at the same named place, unless
    the two dates are as close as two exact days may be (the window comes from the dates'
    own precision: a coarse date that falls on the other's day is not what links them)."""
    coarse = max(a.time_precision or 1, b.time_precision or 1) >= 2
    if not (coarse and rules.coarse_dates_strict):
        return True
    return days <= rules.date_tolerance_days.get(1, 1) or _same_spot(a, b, km, rules)


def _other_governorates(a: Event, b: Event) -> bool:
    """Return True if both reports name a governorate and they differ (never fused by the
    rules; only the scored decision weighs such a pair)."""
    return bool(a.admin1 and b.admin1 and fold_name(a.admin1) != fold_name(b.admin1))


def match_cost(
    a: Event, b: Event, rules: MatchRules | None = None, *, strict: bool = False
) -> float | None:
    """Return how far apart two report-events are, or None if they are not the same event.

    a, b (Event): report-layer events (from different documents).
    rules (MatchRules | None): thresholds; the packaged matching.yaml when None.
    strict (bool): one of them is a background mention (not its article's lead event): it
        links only on the same day at the same named place.
    RETURNS (float | None): days apart + km apart / 10 (+0.5 for a different sub-event type);
        None when family, date, place, actors or tolls rule the match out, or they share a
        document.
    """
    rules = rules or MatchRules.default()
    if _gates(a, b, rules) or _other_governorates(a, b):
        return None
    days = _date_gap(a, b, rules)
    if days is None:
        return None
    km = _place_gap(a, b, rules)
    if km is None:
        return None
    if strict and not (rules.background_links and _strict_ok(a, b, days, km, rules)):
        return None
    if not _coarse_ok(a, b, days, km, rules) or not _vague_ok(a, b, days, rules):
        return None
    if rules.family(a.sub_event_type) != rules.family(b.sub_event_type):
        if strict or not _cross_family_ok(a, b, km, rules):
            return None
        return days + km / 10 + rules.cross_family_cost
    return days + km / 10 + (0.0 if a.sub_event_type == b.sub_event_type else 0.5)


def _vague_ok(a: Event, b: Event, days: float, rules: MatchRules) -> bool:
    """Two reports that both name no place below the governorate (its seat, or the region
    only) link only within `vague_place_days`: one governorate holds many events a day apart."""
    if _named_below_governorate(a) or _named_below_governorate(b):
        return True
    return days <= rules.vague_place_days


def _cross_family_ok(a: Event, b: Event, km: float, rules: MatchRules) -> bool:
    """Two lead reports typed in compatible families (one outlet's ground clash, another's air
    strike) link only at one named place below the governorate with death tolls that both
    give and that nearly agree (the higher at most `cross_family_toll_ratio` x the lower), or
    that rise from an open "at least N" within `toll_ratio` (`open_tolls_rise`)."""
    range_a, range_b = _toll_range(a), _toll_range(b)
    if range_a is None or range_b is None or not _same_spot(a, b, km, rules):
        return False
    (low_a, high_a), (low_b, _high_b) = sorted((range_a, range_b))
    if low_b <= high_a * rules.cross_family_toll_ratio:
        return True
    return _rises_from(a, b, rules) and low_b <= rules.toll_ratio * high_a + rules.toll_slack


def text_link_cost(a: Event, b: Event, similarity: float, rules: MatchRules) -> float | None:
    """Return the cost of linking two lead reports through their articles' shared lead terms.

    When the opening lines of two articles share enough telling terms (places, names,
    numbers: `text_link_similarity`), their lead events link within `text_link_days` in the
    same governorate even if their extracted dates or places disagree (a publication day
    against an event day, a village against its district). Family, actors and tolls still
    have to agree. RETURNS None when they do not link this way.
    """
    if similarity < rules.text_link_similarity or _gates(a, b, rules):
        return None
    if rules.family(a.sub_event_type) != rules.family(b.sub_event_type):
        return None
    if fold_name(a.admin1 or "") != fold_name(b.admin1 or ""):
        return None
    if a.event_date is None or b.event_date is None:
        return None
    gap = abs((a.event_date - b.event_date).days)
    if gap > rules.text_link_days:
        return None
    return gap + 5 * (1 - similarity) + (0.0 if a.sub_event_type == b.sub_event_type else 0.5)


def explain_match(a: Event, b: Event, rules: MatchRules | None = None) -> str:
    """Return, in one line, why report `a` was linked to report `b` (what they share)."""
    rules = rules or MatchRules.default()
    parts = [
        f"{a.sub_event_type} ~ {b.sub_event_type}"
        if a.sub_event_type != b.sub_event_type
        else f"same sub-event type ({a.sub_event_type})"
    ]
    if a.event_date and b.event_date:
        gap = abs((a.event_date - b.event_date).days)
        parts.append(f"{gap} day(s) apart ({a.event_date} / {b.event_date})")
    km = _place_gap(a, b, rules)
    where = f"{a.location or a.admin1} / {b.location or b.admin1}"
    parts.append(f"places {where}" + (f", {km:.1f} km" if km is not None else ""))
    if a.fatalities is not None and b.fatalities is not None:
        parts.append(f"tolls {a.fatalities} / {b.fatalities} compatible")
    cost = match_cost(a, b, rules)
    if cost is not None:
        parts.append(f"cost {cost:.2f}")
    return "; ".join(parts)


@dataclass
class _Group:
    """An open group while clustering, with its first member's date and latitude at hand."""

    members: list[Event]
    day: int | None
    precision: int
    latitude: float | None
    last_day: int | None
    seq: int = 0  # order of opening (candidates are tried in this order)
    keys: tuple[tuple[object, ...], ...] = ()  # a point's index keys (`_point_keys`); () else


def _open(event: Event, seq: int, rules: MatchRules, points: bool) -> _Group:
    day = event.event_date.toordinal() if event.event_date else None
    keys = _point_keys(event, rules) if points else ()
    return _Group([event], day, event.time_precision or 1, event.latitude, day, seq, keys)


def _is_point(event: Event) -> bool:
    """Return True if the report is at a named point below the governorate (precision 1, with
    coordinates, not its own district or sub-district): the rules match it with another point
    only within distance_km[1], or when one's name is the other's district (containment)."""
    if event.latitude is None or event.longitude is None or event.geo_precision != 1:
        return False
    if not _named_below_governorate(event):
        return False
    own = {fold_name(event.admin2 or ""), fold_name(event.admin3 or "")}
    return fold_name(event.location or "") not in own


def _cell(latitude: float, longitude: float, rules: MatchRules) -> tuple[int, int]:
    """Return the grid cell of a point: distance_km[1] high, 4 x as wide in degrees (a degree
    of longitude is at least a quarter of a degree of latitude up to 75 degrees north or south),
    so two points within distance_km[1] lie in neighbouring cells."""
    size = rules.distance_km.get(1, 5.0) / 111.0
    return int(latitude // size), int(longitude // (4 * size))


def _point_keys(event: Event, rules: MatchRules) -> tuple[tuple[object, ...], ...]:
    """Return a point's index keys: its cell, its place's name and its district's and
    sub-district's names (() when it is no point)."""
    if not _is_point(event):
        return ()
    cell = _cell(event.latitude, event.longitude, rules)  # type: ignore[arg-type]
    areas = {fold_name(event.admin2 or ""), fold_name(event.admin3 or "")} - {""}
    return (
        ("cell", *cell),
        ("name", fold_name(event.location or "")),
        *(("area", a) for a in sorted(areas)),
    )


def _probes(event: Event, rules: MatchRules) -> set[tuple[object, ...]] | None:
    """Return the index keys a point report looks up (its cell's neighbours; a point named as
    its district or sub-district; points in a district named as its place); None when the
    report is no point (it looks at every group)."""
    if not _is_point(event):
        return None
    x, y = _cell(event.latitude, event.longitude, rules)  # type: ignore[arg-type]
    found: set[tuple[object, ...]] = {
        ("cell", x + i, y + j) for i in (-1, 0, 1) for j in (-1, 0, 1)
    }
    found |= {("name", fold_name(a)) for a in (event.admin2, event.admin3) if a}
    found.add(("area", fold_name(event.location or "")))
    return found


@dataclass
class _Block:
    """The open groups of one sub-event family and governorate, by (precision, first day).

    A report only looks at the days its date tolerance reaches, given each group's precision
    (a day-dated report looks one day back at day-dated groups, 31 at month-dated ones), and,
    when it is a point (`_is_point`) matched by the rules, only at the groups that are no point
    and the point groups near it (`_probes`): the work per report follows the reports of its
    own days and area, not the whole open window of its governorate.
    """

    days: dict[tuple[int, int | None], list[_Group]] = field(default_factory=dict)
    loose: dict[tuple[int, int | None], list[_Group]] = field(default_factory=dict)
    points: dict[tuple[int, int | None], dict[tuple[object, ...], list[_Group]]] = field(
        default_factory=dict
    )

    def add(self, group: _Group) -> None:
        key = (group.precision, group.day)
        self.days.setdefault(key, []).append(group)
        self._index(key, group)

    def _index(self, key: tuple[int, int | None], group: _Group) -> None:
        if not group.keys:
            self.loose.setdefault(key, []).append(group)
        for index in group.keys:
            self.points.setdefault(key, {}).setdefault(index, []).append(group)

    def candidates(
        self,
        event: Event,
        day: int | None,
        rules: MatchRules,
        reach: int = 0,
        probes: set[tuple[object, ...]] | None = None,
    ) -> list[_Group]:
        """Return the open groups within the date tolerance of this report (at least `reach`
        days: the window of articles sharing lead terms), and near it when `probes` are
        given (a point matched by the rules), in opening order."""
        precision = event.time_precision or 1
        widest = max(rules.date_tolerance_days.values())
        found: list[_Group] = []
        for key, groups in self.days.items():
            group_precision, first = key
            if day is not None and first is not None:
                coarser = max(precision, group_precision)
                if day - first > max(rules.date_tolerance_days.get(coarser, widest), reach):
                    continue
            if probes is None:
                found.extend(groups)
                continue
            found.extend(self.loose.get(key, ()))
            index = self.points.get(key, {})
            near = {id(g): g for p in probes for g in index.get(p, ())}
            found.extend(near.values())
        found.sort(key=lambda g: g.seq)
        return found

    def close(self, day: int, horizon: int) -> Iterator[_Group]:
        """Yield (and drop) the groups whose last report is more than `horizon` days back."""
        for key in [k for k in self.days if k[1] is not None and day - k[1] > horizon]:
            groups = self.days[key]
            keep = [g for g in groups if g.last_day is None or day - g.last_day <= horizon]
            yield from (g for g in groups if g.last_day is not None and day - g.last_day > horizon)
            self.loose.pop(key, None)
            self.points.pop(key, None)
            if keep:
                self.days[key] = keep
                for group in keep:
                    self._index(key, group)
            else:
                del self.days[key]

    def groups(self) -> list[_Group]:
        return sorted((g for groups in self.days.values() for g in groups), key=lambda g: g.seq)


def _far_apart(
    event: Event, day: int | None, group: _Group, rules: MatchRules, reach: int, scored: bool
) -> bool:
    """Return True if a cheap test on the group's first member already rules out a match
    (`reach`: days at least; `scored`: the scored decision weighs places, none too far)."""
    if day is not None and group.day is not None:
        precision = max(event.time_precision or 1, group.precision)
        tolerance = rules.date_tolerance_days.get(precision, 31)
        if day - group.day > max(tolerance, reach):
            return True
    if not scored and event.latitude is not None and group.latitude is not None:
        # a degree of latitude is 111 km: further apart than the widest distance rules it out
        return abs(event.latitude - group.latitude) * 111.0 > max(rules.distance_km.values())
    return False


def _sort_key(event: Event) -> tuple[date, str]:
    return (event.event_date or date.max, event.event_id)


def _best_group(
    event: Event,
    candidates: list[_Group],
    rules: MatchRules,
    strict: bool,
    context: _Context,
) -> tuple[float, _Group] | None:
    """Return the candidate group whose every member `event` matches, at the lowest mean cost."""
    day = event.event_date.toordinal() if event.event_date else None
    best: tuple[float, _Group] | None = None
    reach, scored = context.reach(rules), context.scored(rules) and not strict
    for group in candidates:
        if _far_apart(event, day, group, rules, reach, scored):
            continue
        ids = [m.event_id for m in group.members]
        if context.decisions and context.decisions.kept_apart(event.event_id, ids):
            continue
        mean = _group_cost(event, group.members, rules, strict, context)
        if mean is not None and (best is None or mean < best[0]):
            best = (mean, group)
    return best


def _group_cost(
    event: Event, members: list[Event], rules: MatchRules, strict: bool, context: _Context
) -> float | None:
    """Return the mean cost of `event` joining these members (None: it does not match them).

    A lead report must match every lead member; the background mentions of other articles
    already in the group matched those leads strictly and do not hold it out (a report a day
    later than another article's aside still joins the leads it matches). Pairs of lead
    reports with texts are weighed by the scored decision on average (average linkage: the
    mean p over them must reach the threshold; no pair may be ruled out by a gate).
    """
    leads = [m for m in members if context.is_lead(m)]
    total, counted, scored = 0.0, 0, []
    for member in members:
        aside = leads and not context.is_lead(member) and not strict
        if aside and not set(member.doc_ids) & set(event.doc_ids):
            continue
        cost, by_score = context.pair_cost(event, member, rules, strict)
        if cost is None:
            return None
        if by_score:
            scored.append(cost)
        total, counted = total + cost, counted + 1
    if scored and rules.link_score and sum(scored) / len(scored) > 1 - rules.link_score.threshold:
        return None
    return total / max(counted, 1)


@dataclass
class _Context:
    """What clustering needs besides the rules: the lead events, the user's decisions and the
    articles' texts (for the scored decision, `sitrep.fuse.score`)."""

    leads: frozenset[str] | None
    decisions: Decisions | None
    texts: Mapping[str, DocText] | None = None

    def is_lead(self, event: Event) -> bool:
        return self.leads is None or event.event_id in self.leads

    def text(self, event: Event) -> DocText | None:
        if not self.texts or not event.doc_ids:
            return None
        return self.texts.get(event.doc_ids[0])

    def reach(self, rules: MatchRules) -> int:
        """Return the days at least a report looks back (`text_link_days` with texts)."""
        return rules.text_link_days if self.texts else 0

    def scored(self, rules: MatchRules) -> bool:
        """Return True if lead reports are linked by the scored decision (texts and weights)."""
        return bool(self.texts) and rules.link_score is not None

    def weighed(
        self, event: Event, member: Event, rules: MatchRules, strict: bool
    ) -> tuple[DocText, DocText] | None:
        """Return the two articles' texts when the scored decision weighs this pair (two lead
        reports with texts, `DocText.weighs`); None when the rules do (a background mention,
        no text, one outlet)."""
        if strict or not self.is_lead(member) or not self.scored(rules):
            return None
        text_a, text_b = self.text(event), self.text(member)
        if text_a is None or text_b is None or not text_a.weighs(text_b):
            return None
        return text_a, text_b

    def pair_cost(
        self, event: Event, member: Event, rules: MatchRules, strict: bool
    ) -> tuple[float | None, bool]:
        """Return the cost of `event` joining `member` and whether the scored decision gave it:
        a weighed pair (`weighed`) by `score_pair` (1 - p whatever the threshold, None when a
        gate rules it out), any other by the rules, else by shared text."""
        texts = self.weighed(event, member, rules, strict)
        if texts is not None:
            return score_pair(event, member, *texts, rules), True
        background = strict or not self.is_lead(member)
        cost = match_cost(event, member, rules, strict=background)
        if cost is None and not background and self.texts:
            cost = text_link_cost(event, member, self.similarity(event, member, rules), rules)
        return cost, False

    def similarity(self, a: Event, b: Event, rules: MatchRules) -> float:
        """Return how far the two reports' articles share lead terms (0 without texts, or
        when they share fewer than `text_link_min_shared` terms)."""
        text_a, text_b = self.text(a), self.text(b)
        if text_a is None or text_b is None:
            return 0.0
        if len(text_a.terms & text_b.terms) < rules.text_link_min_shared:
            return 0.0
        return term_similarity(text_a.terms, text_b.terms)


def score_pair(
    a: Event, b: Event, text_a: DocText, text_b: DocText, rules: MatchRules
) -> float | None:
    """Return 1 - p of two lead reports being one incident (`link_score`), whatever the
    threshold; None when a gate rules them out, or when they lie in two governorates and p
    alone is below the threshold (such a pair is never carried by a group's average)."""
    if rules.link_score is None or score_gates(a, b, rules):
        return None
    p = rules.link_score.probability(pair_features(a, b, text_a, text_b, rules))
    if p < rules.link_score.threshold and fold_name(a.admin1 or "") != fold_name(b.admin1 or ""):
        return None
    return 1.0 - p


def scored_cost(
    a: Event, b: Event, text_a: DocText, text_b: DocText, rules: MatchRules
) -> float | None:
    """Return 1 - p of two lead reports being one incident (`link_score`), None when a gate
    rules it out or p is below the threshold."""
    cost = score_pair(a, b, text_a, text_b, rules)
    if cost is None or rules.link_score is None:
        return None
    return cost if cost <= 1 - rules.link_score.threshold else None


def _join_decided(groups: list[list[Event]], decisions: Decisions | None) -> list[list[Event]]:
    """Merge the groups a user joined (unless that would put a split pair together)."""
    if not decisions or not decisions.together:
        return groups
    index = {e.event_id: i for i, g in enumerate(groups) for e in g}
    for pair in sorted(decisions.together, key=sorted):
        a, b = sorted(pair)
        if a not in index or b not in index or index[a] == index[b]:
            continue
        keep, gone = sorted((index[a], index[b]))
        ids_keep = [e.event_id for e in groups[keep]]
        if any(decisions.kept_apart(e.event_id, ids_keep) for e in groups[gone]):
            continue
        groups[keep] = sorted([*groups[keep], *groups[gone]], key=_sort_key)
        for event in groups[gone]:
            index[event.event_id] = keep
        groups[gone] = []
    return [g for g in groups if g]


def _close(blocks: dict[str, dict[str | None, _Block]], day: int, horizon: int) -> Iterator[_Group]:
    """Yield (and drop) the open groups whose last report is more than `horizon` days back."""
    for family_blocks in blocks.values():
        for block in family_blocks.values():
            yield from block.close(day, horizon)


def iter_groups(
    events: Iterable[Event],
    rules: MatchRules | None = None,
    *,
    leads: Iterable[str] | None = None,
    decisions: Decisions | None = None,
    texts: Mapping[str, DocText] | None = None,
) -> Iterator[list[Event]]:
    """Group report-events streaming: yield each group as soon as no later report can join it.

    Blocking by area and day: open groups are kept by sub-event family and governorate, and
    within those by first day and precision; a report is compared only with the groups its
    date tolerance reaches.

    events (Iterable[Event]): report-layer events IN (event_date, event_id) ORDER (undated
        last); memory holds only the groups still open (the widest date tolerance back).
    rules, leads, decisions, texts: as `cluster_events` (a user's joins are not applied here).
    RETURNS (Iterator[list[Event]]): groups, each in date order, in the order they close.
    """
    rules = rules or MatchRules.default()
    context = _Context(frozenset(leads) if leads is not None else None, decisions, texts)
    horizon = max(rules.date_tolerance_days.values())
    blocks: dict[str, dict[str | None, _Block]] = {}
    swept: int | None = None
    for seq, event in enumerate(events):
        day = event.event_date.toordinal() if event.event_date else None
        if day is not None and day != swept:
            yield from (g.members for g in _close(blocks, day, horizon))
            swept = day
        family_blocks = blocks.setdefault(rules.block(event.sub_event_type), {})
        admin1 = fold_name(event.admin1) if event.admin1 else None
        best: tuple[float, _Group] | None = None
        lead = context.is_lead(event)
        everywhere = admin1 is None or (lead and context.scored(rules))
        # the rules alone: a point only meets points near it
        points = rules.area_blocking and not context.texts
        probes = _probes(event, rules) if points else None
        if day is not None or rules.match_undated:
            for key in list(family_blocks) if everywhere else [admin1, None]:
                block = family_blocks.get(key)
                reach = context.reach(rules)
                candidates = block.candidates(event, day, rules, reach, probes) if block else []
                found = _best_group(event, candidates, rules, not context.is_lead(event), context)
                if found and (best is None or found[0] < best[0]):
                    best = found
        if best is None:
            # a group is indexed as a point only when its first report is a lead: every later
            # report must then match it (a background first member may be passed over)
            group = _open(event, seq, rules, points and lead)
            family_blocks.setdefault(admin1, _Block()).add(group)
        else:
            best[1].members.append(event)
            best[1].last_day = day if day is not None else best[1].last_day
    for family_blocks in blocks.values():
        for block in family_blocks.values():
            yield from (g.members for g in block.groups())


def _overlap_ok(
    a: list[Event], b: list[Event], rules: MatchRules, decisions: Decisions | None
) -> bool:
    """Return True if two groups are one incident told at two granularities: they share
    `merge_shared_docs` documents, one family, one governorate, dates within the tolerance,
    and one group's place holds the other's (an area and a town in it, or one place): two
    articles that both report strikes on two towns of a governorate report two incidents."""
    shared = {d for e in a for d in e.doc_ids} & {d for e in b for d in e.doc_ids}
    if len(shared) < rules.merge_shared_docs or not _one_area(a, b):
        return False
    if rules.family(a[0].sub_event_type) != rules.family(b[0].sub_event_type):
        return False
    if fold_name(a[0].admin1 or "") != fold_name(b[0].admin1 or ""):
        return False
    if not all(_date_gap(x, y, rules) is not None for x in a[:1] for y in b[:1]):
        return False
    ids = [e.event_id for e in a]
    return not (decisions and any(decisions.kept_apart(e.event_id, ids) for e in b))


def _one_area(a: list[Event], b: list[Event]) -> bool:
    """Return True if a place of one group holds (or is) a place of the other."""
    for x in a:
        for y in b:
            same = x.location and y.location and fold_name(x.location) == fold_name(y.location)
            if same or _contains(x, y) or _contains(y, x):
                return True
    return False


def _merge_overlapping(
    groups: list[list[Event]], rules: MatchRules, decisions: Decisions | None
) -> list[list[Event]]:
    """Merge groups that several articles report together (an incident and its place's area:
    "Khan Shaykhun" and "Idlib" events of the same articles), in order, until none is left."""
    if rules.merge_shared_docs <= 0:
        return groups
    merged: list[list[Event]] = []
    for group in groups:
        for target in merged:
            if _overlap_ok(target, group, rules, decisions):
                target.extend(group)
                target.sort(key=_sort_key)
                break
        else:
            merged.append(list(group))
    return merged


def _groups_score(
    a: list[Event], b: list[Event], rules: MatchRules, context: _Context
) -> float | None:
    """Return the mean 1 - p over the scored lead pairs across two groups (average linkage),
    None when a pair is ruled out (by a gate, or by the rules for a pair the score does not
    weigh: two articles of one outlet, no text), a user kept them apart, or no pair is scored."""
    leads_a = [e for e in a if context.is_lead(e)]
    leads_b = [e for e in b if context.is_lead(e)]
    costs = []
    for x in leads_a:
        for y in leads_b:
            cost, by_score = context.pair_cost(x, y, rules, False)
            if cost is None:
                return None
            if by_score:
                costs.append(cost)
    if not costs:
        return None
    ids = [e.event_id for e in a]
    if context.decisions and any(context.decisions.kept_apart(e.event_id, ids) for e in b):
        return None
    return sum(costs) / len(costs)


def _merge_scored(
    groups: list[list[Event]], rules: MatchRules, context: _Context
) -> list[list[Event]]:
    """Merge the closest two groups whose lead reports, taken together, the scored decision
    says are one incident (mean p over every lead pair across them at least the threshold),
    closest first, until no such pair is left: the one pass in date order is greedy, and an
    article's background mention can seed a second group of the incident's leads.

    Pairs are blocked by block of families and date (`_near_pairs`) and kept in a heap; a
    pair whose group has grown since is weighed again before it is merged.
    """
    if not context.scored(rules) or rules.link_score is None:
        return groups
    limit = 1 - rules.link_score.threshold
    alive: dict[int, list[Event]] = dict(enumerate(list(g) for g in groups))
    size = {i: len(g) for i, g in alive.items()}
    heap: list[tuple[float, int, int, int, int]] = []
    for i, j in _near_pairs(groups, rules, context):
        cost = _groups_score(alive[i], alive[j], rules, context)
        if cost is not None and cost <= limit:
            heapq.heappush(heap, (cost, i, j, size[i], size[j]))
    while heap:
        cost, i, j, size_i, size_j = heapq.heappop(heap)
        if i not in alive or j not in alive:
            continue
        if (size[i], size[j]) != (size_i, size_j):  # grown since: weigh again
            again = _groups_score(alive[i], alive[j], rules, context)
            if again is not None and again <= limit:
                heapq.heappush(heap, (again, i, j, size[i], size[j]))
            continue
        alive[i] = sorted(alive[i] + alive.pop(j), key=_sort_key)
        size[i] = len(alive[i])
        for k in [k for k in alive if k != i]:  # the merged group's new pairs
            if _near(alive[i], alive[k], rules):
                heapq.heappush(heap, (0.0, min(i, k), max(i, k), -1, -1))
    return [alive[i] for i in sorted(alive)]


def _near(a: list[Event], b: list[Event], rules: MatchRules) -> bool:
    """Return True if two groups are in one block and their first dates within reach."""
    if rules.block(a[0].sub_event_type) != rules.block(b[0].sub_event_type):
        return False
    if a[0].event_date is None or b[0].event_date is None:
        return False
    reach = max(max(rules.date_tolerance_days.values()), rules.text_link_days)
    return abs((a[0].event_date - b[0].event_date).days) <= reach


def _near_pairs(
    groups: list[list[Event]], rules: MatchRules, context: _Context
) -> Iterator[tuple[int, int]]:
    """Yield the index pairs of groups (i < j) with a lead report with text, in one block,
    whose first dates are within the widest date tolerance."""
    reach = max(max(rules.date_tolerance_days.values()), rules.text_link_days)
    by_block: dict[str, list[tuple[int, int]]] = {}
    for i, group in enumerate(groups):
        first = group[0].event_date
        if first is None or not any(context.is_lead(e) and context.text(e) for e in group):
            continue
        block = rules.block(group[0].sub_event_type)
        by_block.setdefault(block, []).append((first.toordinal(), i))
    for entries in by_block.values():
        entries.sort()
        for k, (day, i) in enumerate(entries):
            for other_day, j in entries[k + 1 :]:
                if other_day - day > reach:
                    break
                yield min(i, j), max(i, j)


def cluster_events(
    events: Iterable[Event],
    rules: MatchRules | None = None,
    *,
    leads: Iterable[str] | None = None,
    decisions: Decisions | None = None,
    texts: Mapping[str, DocText] | None = None,
) -> list[list[Event]]:
    """Group report-events that describe the same event.

    Events are taken in date order; each joins the open group whose members it all matches at
    the lowest mean cost, or starts a new group. Groups are kept in blocks by sub-event family
    and governorate (admin1): reports placed in two different governorates are never fused; a
    report with no admin1 is compared with every block of its family. Groups whose last date is
    further back than the widest date tolerance are closed, so the work stays near-linear.
    Then the groups a user joined are merged (`decisions`).

    events (Iterable[Event]): report-layer events (each with its doc_ids).
    rules (MatchRules | None): thresholds; the packaged matching.yaml when None.
    leads (Iterable[str] | None): ids of the events that lead their article; any other event is
        a background mention and links only strictly (same day, same named place). None: every
        event counts as a lead.
    decisions (Decisions | None): a user's splits and joins, obeyed over the rules.
    texts (Mapping | None): what each document's text gives (`sitrep.fuse.score.DocText`:
        lead terms, 8-word runs), by doc id: two lead reports with texts are linked by the
        scored decision (`link_score` in matching.yaml, `scored_cost`; without it, by the rules
        or shared lead terms, `text_link_cost`), in any governorate. None: no text is used.
    RETURNS (list[list[Event]]): groups, each in date order, in the order they were opened;
        every event in exactly one group.
    """
    rules = rules or MatchRules.default()
    ordered = sorted(events, key=_sort_key)
    groups = list(iter_groups(ordered, rules, leads=leads, decisions=decisions, texts=texts))
    groups.sort(key=lambda g: _sort_key(g[0]))
    context = _Context(frozenset(leads) if leads is not None else None, decisions, texts)
    groups = _merge_scored(_merge_overlapping(groups, rules, decisions), rules, context)
    return _join_decided(groups, decisions)

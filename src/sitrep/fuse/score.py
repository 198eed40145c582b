"""A scored decision for two LEAD reports with their articles' texts: are they one incident?

The rules of `match.py` rule out what cannot be one event (one document, incompatible families,
two different pairs of actors, tolls far apart, dates beyond each report's precision). Between
the lead reports they leave, a few interpretable features are weighed (`link_score` in
matching.yaml, a logistic model fitted on the tuning half of the FA-KES fusion set only, under
cross-validation: `tools/fit_link_score.py`):

- `days`: days between the two event dates;
- `same_place`: +1 both at one named place below the governorate (same name, within
  `same_point_km`, or the other's place named in this article's opening lines), -1 two
  different named places, 0 otherwise (only a governorate, a district holding the town);
- `vague_days`: the days apart when neither names a place below the governorate (a
  governorate holds many incidents a day apart);
- `other_governorate`: 1 when the two are placed in different governorates (a byline's or a
  background place read as the event's);
- `type_gap`: 0 the same sub-event type, 1 the same family, 2 compatible families (a clash by
  one outlet, a strike by another);
- `toll_gap`: how far the two death tolls are apart beyond their ranges (log; 0 when they
  overlap or one is unknown), a rising "at least N" counted as open upwards;
- `toll_match`: both give a death toll and they agree (the higher at most 1.25 x the lower
  + 1): log10(1 + the lower), at most 2, times lower / higher (two reports of 44 dead say
  more than two of 2 dead, 6 and 6 more than 6 and 7);
- `shared_terms`: how far the articles' lead terms (place and victim names, numbers,
  `sitrep.fuse.text.lead_terms`) are shared: Jaccard, with 10 more terms in the union (short
  texts sharing a word or two say little);
- `copy`: share of the shorter article's 8-word runs found in the other (near-duplicates).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from sitrep.fuse.tables import fold_name
from sitrep.records import Document, Event

__all__ = ["DocText", "LinkScore", "document_text", "pair_features", "FEATURES"]

FEATURES = (
    "days",
    "same_place",
    "vague_days",
    "other_governorate",
    "type_gap",
    "toll_gap",
    "toll_match",
    "shared_terms",
    "copy",
)


@dataclass(frozen=True)
class DocText:
    """What one article's text gives the score: its lead terms and its 8-word runs."""

    terms: frozenset[str] = frozenset()
    shingles: frozenset[int] = frozenset()
    outlet: str = ""  # folded; two articles of one outlet share its boilerplate, not evidence

    def weighs(self, other: DocText) -> bool:
        """Return True if the score weighs this pair: articles of two outlets (or unknown)."""
        return not (self.outlet and self.outlet == other.outlet)


@dataclass(frozen=True)
class LinkScore:
    """Weights of the scored decision (matching.yaml `link_score`); link when p >= threshold."""

    weights: Mapping[str, float] = field(default_factory=dict)
    bias: float = 0.0
    threshold: float = 0.5

    @classmethod
    def from_dict(cls, data: Mapping[str, object] | None) -> LinkScore | None:
        """Read `link_score` from matching.yaml (None: absent, the rules alone decide)."""
        if not data:
            return None
        weights = {str(k): float(v) for k, v in dict(data.get("weights") or {}).items()}  # type: ignore[call-overload]
        return cls(weights, float(data.get("bias", 0.0)), float(data.get("threshold", 0.5)))  # type: ignore[arg-type]

    def probability(self, features: Mapping[str, float]) -> float:
        """Return the modelled probability that the two reports are one incident."""
        z = self.bias + sum(self.weights.get(k, 0.0) * v for k, v in features.items())
        return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))


def document_text(document: Document) -> DocText:
    """Return what a document gives the score: the lead terms of its title and first 80
    words but its outlet's own name, and the 8-word runs of its opening `LEAD_CHARS`
    characters."""
    from sitrep.fuse.neighbours import LEAD_CHARS
    from sitrep.fuse.text import lead_terms, shingles

    outlet = fold_name(document.outlet or "")
    own = set(outlet.split())  # "SANA", "Sputnik" in its own text: not the incident's
    terms = frozenset(t for t in lead_terms(document) if t not in own)
    return DocText(terms, shingles(document.text[:LEAD_CHARS]), outlet)


def _named_in(event: Event, text: DocText) -> bool:
    """Return True if the event's place (below the governorate) is named in the article's
    opening lines: every word of its folded name of 4+ letters is one of the lead terms."""
    from sitrep.fuse.match import _named_below_governorate

    if not event.location or not _named_below_governorate(event):
        return False
    words = [w for w in fold_name(event.location).replace("-", " ").split() if len(w) >= 4]
    return bool(words) and all(w in text.terms for w in words)


def _place_feature(a: Event, b: Event, text_a: DocText, text_b: DocText, rules: object) -> float:
    """+1 one named place; or the other's place named in this article's opening when this
    report's own place is vague or in another governorate (the article names the place its
    report lost: a governorate-level report, a byline's village); -1 two named places apart
    (an article naming the other's town as background does not undo that); 0 otherwise."""
    from sitrep.fuse.match import MatchRules, _named_below_governorate, _place_gap, _same_spot

    assert isinstance(rules, MatchRules)
    km = _place_gap(a, b, rules)
    if km is not None and _same_spot(a, b, km, rules):
        return 1.0
    other = fold_name(a.admin1 or "") != fold_name(b.admin1 or "")
    for place, mentioner, text in ((a, b, text_b), (b, a, text_a)):
        lost = other or not _named_below_governorate(mentioner)
        if lost and _named_in(place, text):
            return 1.0
    if _named_below_governorate(a) and _named_below_governorate(b):
        return -1.0
    return 0.0


# Two tolls agree when the higher is at most this x the lower + 1 (5 and 7 dead agree).
_NEAR = 1.25


def _tolls(a: Event, b: Event) -> tuple[int, int, bool] | None:
    """Return the nearer ends of two toll ranges (lower's top, higher's bottom) and whether
    the lower is open upwards ("at least N"); None when either is unknown or "no deaths"."""
    from sitrep.fuse.match import _toll_range

    range_a, range_b = _toll_range(a), _toll_range(b)
    if range_a is None or range_b is None:
        return None
    (_low, high), (other_low, _other_high) = sorted((range_a, range_b))
    lower = a if range_a <= range_b else b
    return high, other_low, lower.fatalities_min is not None and lower.fatalities_max is None


def _toll_gap(a: Event, b: Event) -> float:
    """Return log((higher + 1) / (lower + 1)) of the nearer ends of two tolls (0: they agree,
    one is unknown, or the lower is open upwards: "at least N" holds any higher count)."""
    tolls = _tolls(a, b)
    if tolls is None:
        return 0.0
    high, other_low, open_upwards = tolls
    if other_low <= _NEAR * high + 1 or open_upwards:
        return 0.0
    return math.log((other_low + 1) / (high + 1))


def _toll_match(a: Event, b: Event) -> float:
    """Return log10(1 + the lower toll), at most 2, times lower / higher, when both give a
    toll and they agree (6 and 6 dead agree more than 6 and 7)."""
    tolls = _tolls(a, b)
    if tolls is None:
        return 0.0
    high, other_low, _open = tolls
    if other_low > _NEAR * high + 1:
        return 0.0
    low, top = sorted((high, other_low))
    return min(math.log10(1 + low), 2.0) * low / top


# Terms added to the union when sharing is measured: two short texts sharing one word of
# three say little (1 / 13), two articles' openings sharing 20 of 80 terms say much (20 / 90).
_SHARED_PRIOR = 10


def _shared_terms(a: frozenset[str], b: frozenset[str]) -> float:
    """Return |a & b| / (|a | b| + _SHARED_PRIOR): Jaccard, shrunk for short texts."""
    if not a or not b:
        return 0.0
    return len(a & b) / (len(a | b) + _SHARED_PRIOR)


def pair_features(
    a: Event, b: Event, text_a: DocText, text_b: DocText, rules: object
) -> dict[str, float]:
    """Return the features of two lead reports (see the module's docstring)."""
    from sitrep.fuse.match import MatchRules, _named_below_governorate
    from sitrep.fuse.text import copy_similarity

    assert isinstance(rules, MatchRules)
    days = float(abs((a.event_date - b.event_date).days)) if a.event_date and b.event_date else 0.0
    vague = not (_named_below_governorate(a) or _named_below_governorate(b))
    family_a, family_b = rules.family(a.sub_event_type), rules.family(b.sub_event_type)
    type_gap = (
        0.0 if a.sub_event_type == b.sub_event_type else (1.0 if family_a == family_b else 2.0)
    )
    return {
        "days": days,
        "same_place": _place_feature(a, b, text_a, text_b, rules),
        "vague_days": days if vague else 0.0,
        "other_governorate": float(fold_name(a.admin1 or "") != fold_name(b.admin1 or "")),
        "type_gap": type_gap,
        "toll_gap": _toll_gap(a, b),
        "toll_match": _toll_match(a, b),
        "shared_terms": _shared_terms(text_a.terms, text_b.terms),
        "copy": copy_similarity(text_a.shingles, text_b.shingles),
    }

"""Link the document's claims to its events: who says so, and whether anyone says otherwise.

A claim made in one of the event's own sentences is the event's. A claim made in a sentence
that states no event of its own (a quote, a reaction: "the regime forces were not able to hold
on to their positions") is linked to an event when it speaks of the same kind of event
(keyword families below), names no place or a place that is or contains the event's, and is
at most three paragraphs after one of the event's sentences (background claims, dated
more than a month before publication, are not linked). An event is `contested` when
a linked claim contradicts it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from sitrep.extract.notes import source_scale
from sitrep.records import Claim, Document, Event, Evidence, Place

if TYPE_CHECKING:
    from sitrep.extract.segment import SentenceInfo

__all__ = ["ClaimContext", "add_claims", "claim_context"]

# What a claim must speak of to be about an event of each kind.
_FAMILIES: dict[str, re.Pattern[str]] = {
    "territory": re.compile(
        r"\b(?:gain\w*|withdr\w*|advance\w*|retreat\w*|control|positions?|setbacks?|hold|"
        r"captur\w*|seiz\w*|took|taken|siege|fighting|defen[cs]\w*|lines?)\b",
        re.I,
    ),
    "clash": re.compile(r"\b(?:clash\w*|fight\w*|battle\w*|front\w*|push\w*|combat)\b", re.I),
    "air": re.compile(
        r"\b(?:air\w*|strikes?|raids?|bomb\w*|jets?|warplanes?|helicopters?)\b", re.I
    ),
    "shelling": re.compile(r"\b(?:shell\w*|rockets?|mortars?|missiles?|artillery)\b", re.I),
    "explosive": re.compile(r"\b(?:bomb\w*|explo\w*|blast\w*|ied|mines?)\b", re.I),
    "violence": re.compile(r"\b(?:kill\w*|attack\w*|civilians?|execut\w*|massacre\w*)\b", re.I),
}
_FAMILY_OF = {
    "Non-state actor overtakes territory": "territory",
    "Government regains territory": "territory",
    "Non-violent transfer of territory": "territory",
    "Armed clash": "clash",
    "Air/drone strike": "air",
    "Shelling/artillery/missile attack": "shelling",
    "Remote explosive/landmine/IED": "explosive",
    "Suicide bomb": "explosive",
    "Attack": "violence",
}
_SOURCE_TYPES = frozenset(
    {
        "monitor",
        "local media",
        "state media",
        "partisan media",
        "international wire",
        "international media",
        "ngo",
        "activist",
        "belligerent spokesperson",
        "official",
    }
)


def trimmed_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Return (start, end) moved inwards past white space: text[start:end] is the stripped span."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


@dataclass
class ClaimContext:
    """What linking needs to know about the document besides the event.

    claims: every claim found; places: the geocoder's places; paragraph_starts: line offsets;
    event_spans: sentence spans that state some event, with the keys of those events' places.
    reference: the publication (or dateline) date.
    """

    claims: list[Claim]
    places: list[Place] = field(default_factory=list)
    paragraph_starts: list[int] = field(default_factory=lambda: [0])
    event_spans: dict[tuple[int, int], set[str]] = field(default_factory=dict)
    reference: date | None = None

    def paragraph(self, offset: int) -> int:
        """The paragraph number of a character offset."""
        return bisect.bisect_right(self.paragraph_starts, offset) - 1


def claim_context(
    text: str,
    claims: list[Claim],
    places: list[Place],
    sentences: list[SentenceInfo],
    reference: date | None,
) -> ClaimContext:
    """The `ClaimContext` of a segmented document.

    text (str): the article text; claims (list[Claim]): its claims.
    places (list[Place]): the screened places; sentences (list[SentenceInfo]): the segmented
        document; reference (date | None): the publication (or dateline) date.
    RETURNS (ClaimContext): with the spans of the sentences that state events.
    """
    from sitrep.extract.segment import paragraph_starts

    return ClaimContext(
        claims=claims,
        places=places,
        paragraph_starts=paragraph_starts(text),
        event_spans={
            (s.start, s.end): {m.place.gazetteer_id or m.place.name for m in s.mentions if m.place}
            for s in sentences
            if s.mentions
        },
        reference=reference,
    )


def _contains(outer: Place, inner: Place | None) -> bool:
    if inner is None:
        return False
    if (
        outer.gazetteer_id and outer.gazetteer_id == inner.gazetteer_id
    ) or outer.name == inner.name:
        return True
    if outer.placetype in ("country",):
        return outer.country == inner.country
    if outer.placetype in ("region", "governorate", "admin1"):
        return outer.admin1 == inner.admin1
    if outer.placetype == "locality" and inner.placetype in (
        "neighbourhood",
        "military base",
        "poi",
    ):
        return outer.admin1 == inner.admin1
    return False


def _floating(
    claim: Claim, event: Event, place: Place | None, spans: set[tuple[int, int]], ctx: ClaimContext
) -> bool:
    """Whether a claim made outside the event's sentences is about the event."""
    assert claim.start is not None and claim.end is not None
    key = place.gazetteer_id or place.name if place is not None else None
    for (s, e), keys in ctx.event_spans.items():
        # A claim in a sentence stating other events is theirs, unless they share the place.
        if claim.start < e and s < claim.end and (key is None or key not in keys):
            return False
    family = _FAMILY_OF.get(event.sub_event_type)
    if family is None or not _FAMILIES[family].search(claim.says or ""):
        return False
    named = [p for p in ctx.places if p.start is not None and claim.start <= p.start < claim.end]
    if named and not any(_contains(p, place) for p in named):
        return False
    if ctx.reference is not None:
        from sitrep.extract.dates import find_dates

        says = claim.says or ""
        for d in find_dates(says, ctx.reference):
            if says[max(0, d.start - 6) : d.start].strip().lower() == "since":
                continue
            if d.value is not None and (ctx.reference - d.value).days > 31:
                return False  # background ("the siege in early July")
    para = ctx.paragraph(claim.start)
    return any(s < claim.start and 0 <= para - ctx.paragraph(s) <= 3 for s, _ in spans)


def add_claims(
    event: Event, spans: set[tuple[int, int]], document: Document, ctx: ClaimContext
) -> None:
    """Attach the claims about `event`, fill its `source`/`source_scale`, set `contested`.

    event (Event): the event (its place and type are read).
    spans (set): the (start, end) of the event's sentences.
    document (Document): the article (its outlet leads the source list).
    ctx (ClaimContext): the document's claims and places.
    """
    place = _event_place(event, ctx)
    own = [
        c
        for c in ctx.claims
        if c.start is not None
        and c.end is not None
        and (
            any(c.start < e and s < c.end for s, e in spans)
            or _floating(c, event, place, spans, ctx)
        )
    ]
    event.claims = own
    event.contested = any(c.stance == "contradicts" for c in own)
    names = _source_names(document, own)
    if names:
        event.source = "; ".join(names)
        event.source_scale = source_scale(document, own)
    _cite_claims(event, document, own)


def _event_place(event: Event, ctx: ClaimContext) -> Place | None:
    """The event's place: the geocoder's place of that name, else one made of its fields."""
    if event.location is None:
        return None
    for p in ctx.places:
        if p.name == event.location:
            return p
    return Place(
        name=event.location,
        country=event.country,
        admin1=event.admin1,
        admin2=event.admin2,
        placetype=None,
    )


def _source_names(document: Document, own: list[Claim]) -> list[str]:
    """The event's sources: the outlet, then each source whose claim does not contradict."""
    names: list[str] = []
    if document.outlet:
        from sitrep.extract.outlets import lookup_outlet

        info = lookup_outlet(document.outlet)
        names.append(info.name if info is not None else document.outlet)
    for c in own:
        if c.stance != "contradicts" and c.by_type in _SOURCE_TYPES and c.by not in names:
            names.append(c.by)
    return names


def _cite_claims(event: Event, document: Document, own: list[Claim]) -> None:
    """The evidence of the claims, source, contested and source_scale fields."""
    for c in own:
        if c.start is None or c.end is None:
            continue
        start, end = trimmed_span(document.text, c.start, c.end)
        ev = Evidence(
            field="claims",
            text=document.text[start:end],
            doc_id=document.id,
            start=start,
            end=end,
        )
        event.evidence.append(ev)
        if c.stance != "contradicts" and event.source:
            event.evidence.append(ev.model_copy(update={"field": "source"}))
        if c.stance == "contradicts":
            event.evidence.append(ev.model_copy(update={"field": "contested"}))
    if event.source and not any(e.field == "source" for e in event.evidence):
        first = next((e for e in event.evidence if e.field == "sub_event_type"), None)
        if first is not None:
            event.evidence.append(first.model_copy(update={"field": "source"}))
    if event.source_scale:
        src = next(e for e in event.evidence if e.field == "source")
        event.evidence.append(src.model_copy(update={"field": "source_scale"}))

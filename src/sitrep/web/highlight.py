"""Split an article's text into plain and evidence segments, for highlighting without markup.

The text is untrusted: segments are plain strings that the template escapes (Jinja autoescape)
and the page's JS puts in with `textContent`. Nothing here produces HTML.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sitrep.records import Evidence

__all__ = ["Segment", "segments"]


@dataclass
class Segment:
    """A run of the text; `fields` names the Event fields it is evidence for (empty = none)."""

    text: str
    start: int
    fields: list[str] = field(default_factory=list)


def segments(text: str, evidence: list[Evidence], doc_id: str | None = None) -> list[Segment]:
    """Cut `text` at every evidence boundary.

    text (str): the document's text.
    evidence (list[Evidence]): evidence spans; those of other documents (when `doc_id` is given)
        and those with offsets outside the text are ignored.
    doc_id (str | None): the document the text belongs to.
    RETURNS (list[Segment]): consecutive segments covering the whole text.
    """
    spans = [
        e
        for e in evidence
        if (doc_id is None or e.doc_id == doc_id) and 0 <= e.start < e.end <= len(text)
    ]
    cuts = sorted({0, len(text), *(e.start for e in spans), *(e.end for e in spans)})
    out: list[Segment] = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        fields = sorted({e.field for e in spans if e.start <= start and end <= e.end})
        out.append(Segment(text=text[start:end], start=start, fields=fields))
    return out

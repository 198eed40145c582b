"""`Mention`: a span of the document's text with the canonical value it was read as.

Finders (`find_actors`, `find_weapons`, ...) return mentions; the event assembler stores them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Mention"]


@dataclass(frozen=True)
class Mention:
    """A span of text and what it means.

    text (str): the span as written.
    start, end (int): character offsets in the document's text.
    value (str): the canonical value (ACLED actor name, weapon name, ...).
    kind (str): a category within the finder ("state", "rebel", "chemical", ...).
    inter (int | None): ACLED inter code, for actors.
    attrs (dict): anything else a finder wants to pass (implied actor, sub-event hint, ...).
    """

    text: str
    start: int
    end: int
    value: str
    kind: str = ""
    inter: int | None = None
    attrs: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

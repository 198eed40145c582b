"""The perpetrator a headline names, for the lead event whose text names none.

Many outlets print the headline apart from the body, and the headline is then the only place
that says who did it: "Regime airstrikes kill 61 civilians in Atareb" over a body that speaks
only of "airstrikes on a market". When a document's title is not repeated at the start of its
text, the title is read as one more sentence (extracted on its own); the first violent event it
tells with a named perpetrator gives that perpetrator to the document's first event of the same
type (in text order) that has none, or only an unidentified one. The evidence of such a field is
the headline with an empty span (start = end = 0): the headline is not part of the text.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from sitrep.records import Document, Event, Evidence, Extraction

__all__ = ["headline_actor", "norm_words", "title_in_text"]

VIOLENT = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
_WORDS = re.compile(r"[^\w]+")


def norm_words(text: str) -> str:
    """The text's words only, case-folded, one space apart."""
    return _WORDS.sub(" ", text.casefold()).strip()


def title_in_text(title: str, text: str) -> bool:
    """Whether the text repeats its title near its start (then the title was read with it).

    title (str): the headline; text (str): the document's text.
    RETURNS (bool): True when the title's first 40 characters (words only, any case) occur in
        the text's first len(title) + 300 characters.
    """
    head = norm_words(title)[:40]
    return bool(head) and head in norm_words(text[: len(title) + 300])


def _unnamed(name: str | None) -> bool:
    return name is None or name.startswith("Unidentified")


def _named_perpetrator(event: Event) -> bool:
    name = event.actor1
    return (
        name is not None
        and not _unnamed(name)
        and not name.startswith(("Civilians", "Protesters", "Rioters"))
    )


def headline_actor(
    document: Document, events: list[Event], extract: Callable[[Document], Extraction]
) -> None:
    """Give the lead event of the headline's type the perpetrator the headline names.

    document (Document): the article (its `title` is read).
    events (list[Event]): its events, in text order; changed in place.
    extract (callable): the extractor, run on the title alone.
    """
    title = (document.title or "").strip()
    if not title or not events or title_in_text(title, document.text):
        return
    if not any(e.event_type in VIOLENT and _unnamed(e.actor1) for e in events):
        return
    told = extract(Document.from_text(title, published=document.published))
    head = next((e for e in told.events if e.event_type in VIOLENT and _named_perpetrator(e)), None)
    if head is None:
        return
    target = next(
        (e for e in events if e.event_type == head.event_type and _unnamed(e.actor1)), None
    )
    if target is None:
        return
    target.actor1, target.inter1 = head.actor1, head.inter1
    fields = ["actor1", "inter1"]
    if target.assoc_actor_1 is None and head.assoc_actor_1 is not None:
        target.assoc_actor_1 = head.assoc_actor_1
        fields.append("assoc_actor_1")
    if target.inter1 is not None:
        i1, i2 = target.inter1, target.inter2
        target.interaction = int(f"{min(i1, i2)}{max(i1, i2)}") if i2 is not None else i1 * 10
        fields.append("interaction")
    target.evidence = [e for e in target.evidence if e.field not in fields]
    for name in fields:
        target.evidence.append(Evidence(field=name, text=title, doc_id=document.id, start=0, end=0))
    from sitrep.extract.notes import make_notes

    target.notes = make_notes(target)

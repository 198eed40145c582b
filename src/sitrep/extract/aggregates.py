"""Tolls and events that a whole article shows are not this report's events.

`screen_events` runs on an article's built events (`extract_parsed`) and applies what only
the whole article shows:

- **Cumulative totals** are no event's toll: a count of `cumulative_toll_min` (500) or more
  told in the perfect without a day of its own ("An estimated 170,000 people have been
  killed", "more than 20,000 of them had died at Sednaya prison") is a total over many events.
  The event keeps its type; its fatalities become 0 (ACLED's code for an unknown toll).
- **Timeline background**: with no publication date to compare with, an event dated more than
  31 days before the article's latest event is background ("On 15 March 2011 ..." in a 2017
  report) and is dropped, as `events.background_date` drops it when the date is known.
- **A large toll lent from elsewhere**: a toll of `cumulative_toll_min` or more read from a
  sentence that tells no mention of the event (lent by `assemble._attach_extras`: its own
  trigger was dropped as an anaphora or background, "accused Damascus of that attack which it
  estimates killed 1429 people") belongs to another event, and is cleared too.
- **A toll told again is one toll**: when two events of one article have the same toll of
  `repeated_toll_min` (10) or more, the figure is the lede's toll retold (a headline, a
  summary, a monitor's restatement); only the first event told keeps it.

Thresholds are data (`lexicons/nonevents.yaml`).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from sitrep.extract.lexicon import read_lexicon
from sitrep.records import Event, Victims

__all__ = ["screen_events", "cumulative_toll", "BACKGROUND_DAYS"]

BACKGROUND_DAYS = 31

_PERFECT = re.compile(
    # not the perfect infinitive: "the attack in which 1400 are estimated to have been killed"
    r"(?<!\bto )\b(?:has|have|had)\s+(?:\w+\s+){0,2}?(?:been\s+(?:\w+\s+)?"
    r"(?:killed|executed|slaughtered|murdered|massacred)|killed|died|perished|"
    r"lost (?:their|his|her) lives)\b",
    re.I,
)
# A day of its own: a weekday, "yesterday", a day and month ("on 21 August", "August 21").
_DAY = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|"
    r"last night|overnight|\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w* \d{1,2}\b)",
    re.I,
)


@lru_cache(maxsize=1)
def _thresholds() -> tuple[int, int]:
    data: dict[str, Any] = read_lexicon("nonevents.yaml")
    return int(data["cumulative_toll_min"]), int(data["repeated_toll_min"])


def cumulative_toll(sentence: str, toll: int, minimum: int = 500) -> bool:
    """True when a toll read from `sentence` is a total over many events.

    sentence (str): the sentence the toll was read from; toll (int): the number.
    minimum (int): the smallest toll that can be a total by this rule.
    """
    return toll >= minimum and bool(_PERFECT.search(sentence)) and not _DAY.search(sentence)


def _toll_sentence(event: Event) -> str:
    for ev in event.evidence:
        if ev.field == "fatalities":
            return ev.text
    return ""


def _lent(event: Event) -> bool:
    """True when the toll came from a sentence that states no mention of this event."""
    told = {ev.text for ev in event.evidence if ev.field == "sub_event_type"}
    sentence = _toll_sentence(event)
    return bool(sentence) and sentence not in told


def _clear_toll(event: Event) -> None:
    event.fatalities = 0
    event.fatalities_min = None
    event.fatalities_max = None
    event.victims = Victims()
    event.evidence = [ev for ev in event.evidence if ev.field not in ("fatalities", "victims")]


def _background(events: list[Event], reference: date | None) -> list[Event]:
    if reference is not None:
        return events
    dates = [e.event_date for e in events if e.event_date is not None]
    if not dates:
        return events
    horizon = max(dates) - timedelta(days=BACKGROUND_DAYS)
    return [e for e in events if e.event_date is None or e.event_date >= horizon]


def screen_events(events: list[Event], reference: date | None) -> list[Event]:
    """Drop timeline background and clear cumulative or retold tolls (module docstring).

    events (list[Event]): one article's events, in the order they were built (text order).
    reference (date | None): the article's publication date (or dateline), if known.
    RETURNS (list[Event]): the events kept, in order (tolls changed in place).
    """
    cumulative_min, repeated_min = _thresholds()
    kept = _background(events, reference)
    seen: set[int] = set()
    for event in kept:
        toll = event.fatalities or 0
        if toll and (
            cumulative_toll(_toll_sentence(event), toll, cumulative_min)
            or (toll >= cumulative_min and _lent(event))
        ):
            _clear_toll(event)
            continue
        if toll >= repeated_min:
            if toll in seen:
                _clear_toll(event)
            seen.add(toll)
    return kept

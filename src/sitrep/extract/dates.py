"""Event dates: find date expressions in text and resolve them against the publication date.

ACLED's `time_precision`: 1 = the day is known, 2 = only the week (or a few days), 3 = only the
month. A relative expression ("on Sunday", "yesterday") needs a reference date; without one it
resolves to ``None``, never a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from sitrep.ingest.dates import MONTH_NAMES, MONTHS

__all__ = ["DateMention", "find_dates", "resolve_date", "statement_date"]

# fmt: off
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}
# fmt: on

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?P<weekday>" + "|".join(WEEKDAYS) + r")"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"

# (name, regex). Order matters: the first pattern to match a span wins it.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]?\d)-(?P<day>[0-3]?\d)\b")),
    ("dmy", re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?\b", re.I)),
    ("mdy", re.compile(rf"\b{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?\b", re.I)),
    (
        "month",
        re.compile(
            rf"\b(?P<part>early|mid|late|end of|beginning of|the end of)?[\s-]*"
            rf"{_MONTH}\s+{_YEAR}\b",
            re.I,
        ),
    ),
    (
        "month_only",
        re.compile(
            r"\b(?:in|since|during|until|by)\s+(?P<part>early|mid|late|the end of)?[\s-]*"
            r"(?P<month>" + "|".join(n.lower() for n in MONTH_NAMES if n != "May") + r")\b",
            re.I,
        ),
    ),
    (
        "weekday",
        re.compile(
            rf"\b(?P<pre>(?:late |early )?(?:on |in the (?:first |early )?hours of |last |"
            rf"the night of |overnight )?)?{_WEEKDAY}"
            rf"(?P<post>\s+(?:morning|afternoon|evening|night))?\b",
            re.I,
        ),
    ),
    ("yesterday", re.compile(r"\b(?:yesterday|last night|overnight)\b", re.I)),
    ("today", re.compile(r"\b(?:today|this morning|this afternoon|this evening|tonight)\b", re.I)),
    ("days_ago", re.compile(r"\b(?P<n>two|three|four|five|six|\d)\s+days\s+ago\b", re.I)),
    ("last_week", re.compile(r"\blast week\b", re.I)),
    ("this_week", re.compile(r"\b(?:this|earlier this) week\b", re.I)),
    ("weekend", re.compile(r"\b(?:this|last|over the) weekend\b", re.I)),
    ("this_month", re.compile(r"\b(?:this|earlier this) month\b", re.I)),
    ("last_month", re.compile(r"\blast month\b", re.I)),
]
# Prefilters (speed only): what a text must contain for a pattern to match in it (a day or a
# year's digit, a month name's first three letters, a weekday's "day"), same re.I rules.
_DIGIT = re.compile(r"\d")
_MONTHISH = re.compile("|".join(n[:3].lower() for n in MONTH_NAMES), re.I)
_DAYISH = re.compile(r"day", re.I)
_NEEDS: dict[str, tuple[re.Pattern[str], ...]] = {
    "iso": (_DIGIT,),
    "dmy": (_DIGIT, _MONTHISH),
    "mdy": (_DIGIT, _MONTHISH),
    "month": (_DIGIT, _MONTHISH),
    "month_only": (_MONTHISH,),
    "weekday": (_DAYISH,),
}
_SMALL = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


@dataclass(frozen=True)
class DateMention:
    """A date expression found in text.

    start, end (int): offsets of the expression in the text searched.
    text (str): the expression as written.
    value (date | None): the resolved date; None when it needs a reference date nobody gave.
    precision (int): ACLED time_precision (1 day, 2 week, 3 month).
    relative (bool): True when the expression is relative to the publication date.
    """

    start: int
    end: int
    text: str
    value: date | None
    precision: int
    relative: bool


def _year_for(month: int, day: int, published: date | None) -> int | None:
    """The year of a day-month with no year: the publication year, or the year before it when
    the day-month would fall after publication."""
    if published is None:
        return None
    year = published.year
    try:
        if date(year, month, day) > published + timedelta(days=1):
            year -= 1
    except ValueError:
        return None
    return year


def _safe_date(year: int | None, month: int, day: int) -> date | None:
    if year is None:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _weekday_before(published: date | None, weekday: int) -> date | None:
    """The most recent `weekday` on or before `published`."""
    if published is None:
        return None
    return published - timedelta(days=(published.weekday() - weekday) % 7)


def _resolve(kind: str, m: re.Match[str], published: date | None) -> tuple[date | None, int, bool]:
    groups = m.groupdict()
    if kind == "iso":
        return _safe_date(int(groups["year"]), int(groups["month"]), int(groups["day"])), 1, False
    if kind in ("dmy", "mdy"):
        month = MONTHS[groups["month"].lower().rstrip(".")]
        day = int(groups["day"])
        if groups.get("year"):
            return _safe_date(int(groups["year"]), month, day), 1, False
        return _safe_date(_year_for(month, day, published), month, day), 1, True
    if kind == "month":
        month = MONTHS[groups["month"].lower().rstrip(".")]
        return date(int(groups["year"]), month, 1), 3, False
    if kind == "month_only":
        month = MONTHS[groups["month"].lower()]
        return _safe_date(_year_for(month, 1, published), month, 1), 3, True
    if kind == "weekday":
        when = _weekday_before(published, WEEKDAYS[groups["weekday"].lower()])
        pre = (groups.get("pre") or "").lower()
        if when is not None and pre.startswith("last ") and when == published:
            when -= timedelta(days=7)
        return when, 1, True
    if published is None:
        precision = {"last_week": 2, "this_week": 2, "weekend": 2}.get(kind, 3)
        return None, 1 if kind in ("yesterday", "today", "days_ago") else precision, True
    if kind == "yesterday":
        return published - timedelta(days=1), 1, True
    if kind == "today":
        return published, 1, True
    if kind == "days_ago":
        n = groups["n"].lower()
        return published - timedelta(days=_SMALL.get(n) or int(n)), 1, True
    if kind == "last_week":
        return published - timedelta(days=7), 2, True
    if kind == "this_week":
        return published, 2, True
    if kind == "weekend":
        return _weekday_before(published, 5), 2, True
    if kind == "this_month":
        return published.replace(day=1), 3, True
    if kind == "last_month":
        return (published.replace(day=1) - timedelta(days=1)).replace(day=1), 3, True
    return None, 1, True


def find_dates(text: str, published: date | None) -> list[DateMention]:
    """Find every date expression in `text`, in text order, resolved against `published`.

    text (str): the text to search (a sentence or a document).
    published (date | None): the publication date; relative expressions need it.
    RETURNS (list[DateMention]): non-overlapping expressions in text order.
    """
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    has: dict[re.Pattern[str], bool] = {}
    for kind, pattern in _PATTERNS:
        skip = False
        for need in _NEEDS.get(kind, ()):
            if need not in has:
                has[need] = need.search(text) is not None
            skip = skip or not has[need]
        if skip:
            continue  # speed only: the pattern cannot match here
        for m in pattern.finditer(text):
            start, end = m.span()
            if any(start < e and s < end for s, e in taken):
                continue
            if kind == "weekday" and not _weekday_ok(text, m):
                continue
            value, precision, relative = _resolve(kind, m, published)
            found.append(DateMention(start, end, m.group(0), value, precision, relative))
            taken.append((start, end))
    found.sort(key=lambda d: d.start)
    return found


def _weekday_ok(text: str, m: re.Match[str]) -> bool:
    """Reject capitalised-only names ("Friday prayers" stays a date; "Black Friday" rarely
    occurs in war reporting) and lowercase use in the middle of a word."""
    word = m.group("weekday")
    return word[0].isupper() or word.islower()


def resolve_date(text_span: str, published: date | None) -> tuple[date | None, int | None]:
    """Resolve the first date expression in `text_span`.

    text_span (str): a phrase or sentence ("in the first hours of Sunday", "on 5 August").
    published (date | None): the publication date, the reference for relative expressions.
    RETURNS (tuple): (date or None, ACLED time_precision or None when no expression is found).
    """
    found = find_dates(text_span, published)
    if not found:
        return None, None
    return found[0].value, found[0].precision


@lru_cache(maxsize=1)
def _statement_pattern() -> re.Pattern[str]:
    from sitrep.extract.lexicon import read_lexicon

    data = read_lexicon("statement_dates.yaml")
    verbs = "|".join(re.escape(v) for v in data["verbs"])
    channel = "|".join(re.escape(w) for w in data["channel_words"])
    word = rf"(?:(?i:{channel})|[A-Z][\w'-]*)"
    words = int(data.get("max_words", 4))
    return re.compile(rf"\b(?i:{verbs})\b(?:[\s,]+{word}){{0,{words}}}[\s,]*$")


def statement_date(text: str, mention: DateMention, sentence_start: int = 0) -> bool:
    """Whether a date expression tells when someone spoke ("said on Thursday", "said in a
    statement on Thursday", "told reporters on Monday"), not when the event happened: its left
    context in the sentence ends with a reporting verb and at most a few words
    (`lexicons/statement_dates.yaml`).

    text (str): the text `mention` was found in (offsets into it); sentence_start (int): where
        its sentence starts (the context looked at never crosses it).
    RETURNS (bool): True for a statement's day.
    """
    left = text[max(sentence_start, mention.start - 60) : mention.start]
    return _statement_pattern().search(left) is not None

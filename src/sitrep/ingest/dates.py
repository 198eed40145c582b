"""Dates as news corpora write them, and datelines at the top of an article.

`parse_date` reads ISO dates ("2016-08-07", "2016-08-07T10:00:00Z"), FA-KES's month-first
"8/21/16", ACLED's "9-May-20", and written dates ("06 January 2017", "Wed 05 Apr 2017",
"August 7, 2016"). `find_dateline` finds such a date at the very start of a text.
"""

from __future__ import annotations

import re
from datetime import date

__all__ = ["MONTHS", "MONTH_NAMES", "parse_date", "find_dateline"]

# The month table of the whole package: full English names, and every name and abbreviation
# news writes (lower case) with its number.
MONTH_NAMES: tuple[str, ...] = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = "(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday)?\.?,?\s+)?"

_ISO = re.compile(r"^(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})(?:[T ].*)?$")
_SLASH = re.compile(r"^(?P<month>\d{1,2})/(?P<day>\d{1,2})/(?P<year>\d{2}|\d{4})$")
_DASHED = re.compile(r"^(?P<day>\d{1,2})-" + _MONTH + r"-(?P<year>\d{2}|\d{4})$", re.I)
_DAY_MONTH = re.compile(
    r"^" + _WEEKDAY + r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<year>\d{4})\b",
    re.I,
)
_MONTH_DAY = re.compile(
    r"^" + _WEEKDAY + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})\b", re.I
)


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        year += 2000 if year < 70 else 1900
    return year


def _build(match: re.Match[str]) -> date | None:
    month_text = match.group("month")
    month = int(month_text) if month_text.isdigit() else MONTHS[month_text.lower().rstrip(".")]
    try:
        return date(_year(match.group("year")), month, int(match.group("day")))
    except ValueError:
        return None


def parse_date(value: str | None) -> date | None:
    """Read a date written in one of the formats news corpora use.

    value (str | None): "2016-08-07", "8/7/16" (month first, as FA-KES), "9-May-20",
        "06 January 2017", "Wed 05 Apr 2017", "August 7, 2016".
    RETURNS (date | None): the date, None if `value` is empty or not a date sitrep can read.
    """
    if not value:
        return None
    text = value.strip()
    for pattern in (_ISO, _SLASH, _DASHED):
        match = pattern.match(text)
        if match:
            return _build(match)
    for pattern in (_DAY_MONTH, _MONTH_DAY):
        match = pattern.match(text)
        if match and match.end() >= len(text.rstrip(" .")) - 12:
            return _build(match)
    return None


# Full dates a dateline states: day-month, month-day, day.month.year, ISO (named groups).
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DMY = re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b", re.I)
_MDY = re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.I)
_DOTTED = re.compile(r"\b(?P<day>[0-3]\d)[./](?P<month>[01]\d)[./](?P<year>(?:19|20)\d\d)\b")
_ISO_IN_TEXT = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b")
# What may come before a date the text opens with: a place, an agency, a weekday
# ("ALEPPO, (AFP) - Wed 05 Apr 2017").
_OPENING = re.compile(r"^(?:[A-Z][\w .'-]{0,30}?,\s*)?(?:\(\w+\)\s*[-–—]?\s*)?")
_OPENING_WEEKDAY = re.compile(_WEEKDAY, re.I)


def find_dateline(text: str, window: int | None = None) -> date | None:
    """Return the date an article states at its top: the one dateline reader of sitrep.

    text (str): article text, e.g. "Wed 05 Apr 2017 | 10:32 ... " or "21 August 2016 Ten ...".
    window (int | None): None: only a date the text opens with (after a place, an agency or a
        weekday), which ingest takes as the publication date. A number: the earliest-placed
        full date in the first `window` characters ("Reuters Sunday 9 Oct 2016", "Published
        April 6 2017", "09.04.2017"), which extraction resolves relative dates against when a
        document has no publication date.
    RETURNS (date | None): that date, None when there is none.
    """
    if window is not None:
        return _earliest_date(text[:window], (_DMY, _MDY, _DOTTED, _ISO_IN_TEXT), anchored=False)
    head = _OPENING.sub("", text.lstrip()[:60], count=1)
    weekday = _OPENING_WEEKDAY.match(head)
    written = head[weekday.end() :] if weekday else head
    return _earliest_date(written, (_DMY, _MDY), anchored=True) or _earliest_date(
        head, (_ISO_IN_TEXT,), anchored=True
    )


def _earliest_date(head: str, patterns: tuple[re.Pattern[str], ...], anchored: bool) -> date | None:
    """The earliest-placed valid date `patterns` find in `head` (anchored: at its start)."""
    best: tuple[int, date] | None = None
    for pattern in patterns:
        m = pattern.match(head) if anchored else pattern.search(head)
        if not m:
            continue
        value = _build(m)
        if value is not None and (best is None or m.start() < best[0]):
            best = (m.start(), value)
    return best[1] if best else None

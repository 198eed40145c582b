"""Dates as news corpora write them, and datelines at the top of an article.

`parse_date` reads ISO dates ("2016-08-07", "2016-08-07T10:00:00Z"), FA-KES's month-first
"8/21/16", ACLED's "9-May-20", and written dates ("06 January 2017", "Wed 05 Apr 2017",
"August 7, 2016"). `find_dateline` finds such a date at the very start of a text.
"""

from __future__ import annotations

import re
from datetime import date

__all__ = ["parse_date", "find_dateline"]

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


def find_dateline(text: str) -> date | None:
    """Return the date an article's text opens with, if it opens with one.

    text (str): article text, e.g. "Wed 05 Apr 2017 | 10:32 ... " or "21 August 2016 Ten ...".
    RETURNS (date | None): that date, None when the text does not start with a date.
    """
    head = text.lstrip()[:60]
    head = re.sub(r"^(?:[A-Z][\w .'-]{0,30}?,\s*)?(?:\(\w+\)\s*[-–—]?\s*)?", "", head)
    for pattern in (_DAY_MONTH, _MONTH_DAY):
        match = pattern.match(head)
        if match:
            return _build(match)
    match = re.match(r"^(\d{4}-\d{2}-\d{2})\b", head)
    return parse_date(match.group(1)) if match else None

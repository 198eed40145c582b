"""Dates as news corpora write them, and datelines at the top of an article.

`parse_date` reads ISO dates ("2016-08-07", "2016-08-07T10:00:00Z"), FA-KES's month-first
"8/21/16", ACLED's "9-May-20", and written dates ("06 January 2017", "Wed 05 Apr 2017",
"August 7, 2016"). `find_dateline` finds the date a page prints at the top of an
article: after a lead-in ("Published October 26 2016", "Date of publication 6 June 2016",
"Last updated at Jun 142016"), in numbers ("05-02-2015", "09.04.2017": day first, see
datelines.yaml), or in a byline under the title ("... Monitor AFP Monday 23 Jun 2014 ...").
The words around datelines are data (datelines.yaml).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources

import yaml

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


def _build(match: re.Match[str], day_first: bool = True) -> date | None:
    """The date `match` names; a numeric d-m-Y (`_NUMERIC`) is read day first when `day_first`,
    and the other way round only when the preferred reading is impossible ("12-25-2016")."""
    month_text, day, year = (
        match.group("month"),
        int(match.group("day")),
        _year(match.group("year")),
    )
    month = int(month_text) if month_text.isdigit() else MONTHS[month_text.lower().rstrip(".")]
    readings = [(month, day), (day, month)] if match.re is _NUMERIC else [(month, day)]
    if match.re is _NUMERIC and not day_first:
        readings.reverse()
    for m, d in readings:
        try:
            return date(year, m, d)
        except ValueError:
            continue
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


# Full dates a dateline states (named groups). Years 1990-2099 only: a dateline's year is clear.
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>199\d|20\d\d)(?!\d)"
_DMY = re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}", re.I)
_MDY = re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}", re.I)
# "Jun 142016": a day glued to its year, as some sites print "Last updated at".
_MDY_GLUED = re.compile(rf"\b{_MONTH}\s+(?P<day>[0-3]\d){_YEAR}", re.I)
# "05-02-2015", "09.04.2017", "9/4/2017": day first unless that is impossible (see _numeric).
_NUMERIC = re.compile(r"(?<![\d./-])(?P<day>[0-3]?\d)([./-])(?P<month>[0-3]?\d)\2" + _YEAR)
_ISO_IN_TEXT = re.compile(
    r"(?<![\d./-])(?P<year>199\d|20\d\d)([-/])(?P<month>[01]?\d)\2(?P<day>[0-3]?\d)(?!\d)"
)
_WRITTEN = (_DMY, _MDY, _MDY_GLUED)
_ALL = (*_WRITTEN, _NUMERIC, _ISO_IN_TEXT)
# What may come before a date the text opens with: a place, an agency, a weekday
# ("ALEPPO, (AFP) - Wed 05 Apr 2017").
_OPENING = re.compile(r"^(?:[A-Z][\w .'-]{0,30}?,\s*)?(?:\(\w+\)\s*[-–—]?\s*)?")
_OPENING_WEEKDAY = re.compile(_WEEKDAY, re.I)
_WEEKDAY_BEFORE = re.compile(
    r"\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday)?\.?,?\s+$", re.I
)


@dataclass(frozen=True)
class _Datelines:
    """The words around a dateline (datelines.yaml)."""

    lead_in: re.Pattern[str]
    agency_before: re.Pattern[str]
    agency_after: re.Pattern[str]
    not_after: re.Pattern[str]
    day_first: bool
    header_chars: int


def _alternation(words: list[str]) -> str:
    return "|".join(
        re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)
    )


@lru_cache(maxsize=1)
def _datelines() -> _Datelines:
    data = yaml.safe_load(
        resources.files("sitrep.ingest").joinpath("datelines.yaml").read_text("utf-8")
    )
    agencies = _alternation(data["agencies"])
    return _Datelines(
        lead_in=re.compile(rf"^(?:{_alternation(data['lead_ins'])})\b[\s:|-]*", re.I),
        agency_before=re.compile(rf"\b(?:{agencies})\s*[-–—|]?\s*$", re.I),
        agency_after=re.compile(rf"^\s*[-–—|,]?\s*\(?(?:{agencies})\b", re.I),
        not_after=re.compile(rf"\b(?:{_alternation(data['not_after'])})\s+$", re.I),
        day_first=bool(data["day_first"]),
        header_chars=int(data["header_chars"]),
    )


def find_dateline(text: str, window: int | None = None) -> date | None:
    """Return the date an article states at its top: the one dateline reader of sitrep.

    text (str): article text, e.g. "Wed 05 Apr 2017 | 10:32 ... ", "Published October 26 2016
        ...", "05-02-2015 Jaysh al-Islam fires ..." or a title, then a byline "... Monitor AFP
        Monday 23 Jun 2014 At least ...".
    window (int | None): None: only a dateline: a date the text opens with (after a lead-in
        such as "Date of publication", a place, an agency or a weekday), else a byline date in
        the first lines (after an agency or a weekday, before an agency, or written in
        numbers), which ingest takes as the publication date. A number: that dateline within
        the first `window` characters, else the earliest-placed full date there ("On 9 May
        2020, police ..."), which extraction resolves relative dates against when a document
        has no publication date.
    RETURNS (date | None): that date, None when there is none.
    """
    rules = _datelines()
    if window is not None:
        top = text[:window]
        return _opening_date(top, rules) or _byline_date(top, rules) or _earliest_date(top, _ALL)
    return _opening_date(text, rules) or _byline_date(text[: rules.header_chars], rules)


def _opening_date(text: str, rules: _Datelines) -> date | None:
    """A date the text opens with, after a lead-in, a place, an agency or a weekday."""
    head = rules.lead_in.sub("", text.lstrip()[:80], count=1)
    # "July 19, 2016 ..." is a date, not a place before one: try the head as it is first.
    for candidate in (head, _OPENING.sub("", head, count=1)):
        weekday = _OPENING_WEEKDAY.match(candidate)
        written = candidate[weekday.end() :] if weekday else candidate
        for pattern in _ALL:
            m = pattern.match(written)
            value = _build(m, rules.day_first) if m else None
            if value is not None:
                return value
    return None


def _byline_date(head: str, rules: _Datelines) -> date | None:
    """The earliest date in `head` placed as a byline prints it, not as a sentence tells it."""
    found = sorted((m.start(), m) for pattern in _ALL for m in pattern.finditer(head))
    for start, m in found:
        before, after = head[:start], head[m.end() :]
        weekday = _WEEKDAY_BEFORE.search(before)
        lead = before[: weekday.start()] if weekday else before
        # "killed on Monday 23 June", "in Male, Maldives, Thursday, May 6, 2021" (a caption):
        # a date inside a sentence, not a byline.
        if rules.not_after.search(lead) or lead.rstrip().endswith(","):
            continue
        numeric = m.re in (_NUMERIC, _ISO_IN_TEXT)
        if (
            numeric
            or weekday
            or rules.agency_before.search(lead)
            or rules.agency_after.match(after)
        ):
            value = _build(m, rules.day_first)
            if value is not None:
                return value
    return None


def _earliest_date(head: str, patterns: tuple[re.Pattern[str], ...]) -> date | None:
    """The earliest-placed valid date `patterns` find in `head`."""
    best: tuple[int, date] | None = None
    for pattern in patterns:
        for m in pattern.finditer(head):
            value = _build(m, True)
            if value is not None and (best is None or m.start() < best[0]):
                best = (m.start(), value)
                break
    return best[1] if best else None

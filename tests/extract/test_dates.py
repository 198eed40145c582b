"""Dates: relative expressions resolved against the publication date, ACLED time_precision."""

from datetime import date

import pytest

from sitrep.extract import DATELINE_WINDOW
from sitrep.extract.dates import find_dates, resolve_date
from sitrep.ingest.dates import find_dateline

SUNDAY = date(2016, 8, 7)


@pytest.mark.parametrize(
    "phrase,expected,precision",
    [
        ("on Sunday", date(2016, 8, 7), 1),
        ("in the first hours of Sunday", date(2016, 8, 7), 1),
        ("late on Saturday", date(2016, 8, 6), 1),
        ("on Friday", date(2016, 8, 5), 1),
        ("yesterday", date(2016, 8, 6), 1),
        ("last night", date(2016, 8, 6), 1),
        ("two days ago", date(2016, 8, 5), 1),
        ("last week", date(2016, 7, 31), 2),
        ("this weekend", date(2016, 8, 6), 2),
        ("on 5 August", date(2016, 8, 5), 1),
        ("on August 5", date(2016, 8, 5), 1),
        ("On 9 May 2020, police arrested", date(2020, 5, 9), 1),
        ("in March 2011", date(2011, 3, 1), 3),
        ("in early July", date(2016, 7, 1), 3),
        ("2016-08-03", date(2016, 8, 3), 1),
    ],
)
def test_dates_resolve_against_publication(phrase, expected, precision):
    assert resolve_date(phrase, SUNDAY) == (expected, precision)


@pytest.mark.parametrize("phrase", ["on Sunday", "yesterday", "last week", "on 5 August"])
def test_dates_relative_without_publication_stay_unresolved(phrase):
    value, _ = resolve_date(phrase, None)
    assert value is None


def test_dates_day_month_after_publication_is_last_year():
    assert resolve_date("on 20 December", date(2017, 1, 3)) == (date(2016, 12, 20), 1)


def test_dates_no_expression_gives_none():
    assert resolve_date("Rebels took the hill.", SUNDAY) == (None, None)


def test_dates_find_dates_offsets_and_order():
    text = "Rebels broke the siege on Saturday and came under attack on Sunday."
    found = find_dates(text, SUNDAY)
    assert [text[d.start : d.end] for d in found] == ["on Saturday", "on Sunday"]
    assert [d.value for d in found] == [date(2016, 8, 6), date(2016, 8, 7)]


def test_dates_dateline_of_article():
    assert find_dateline(
        "21 August 2016 Ten civilians injured in Daraa", window=DATELINE_WINDOW
    ) == date(2016, 8, 21)
    assert find_dateline(
        "Date of publication 6 June 2016 At least 17 civilians", window=DATELINE_WINDOW
    ) == date(2016, 6, 6)
    assert find_dateline(
        "Reuters Sunday 9 Oct 2016 Thirty one militants", window=DATELINE_WINDOW
    ) == date(2016, 10, 9)
    assert find_dateline("x" * 200 + " 21 August 2016", window=DATELINE_WINDOW) is None


def test_dates_dateline_one_reader_two_reaches():
    note = "On 9 May 2020, police dispersed protesters in Nairobi."
    # Extraction searches the top of the text; ingest only takes a date the text opens with.
    assert find_dateline(note, window=DATELINE_WINDOW) == date(2020, 5, 9)
    assert find_dateline(note) is None
    assert find_dateline("09.04.2017 Rebels shelled Mhardeh", window=DATELINE_WINDOW) == date(
        2017, 4, 9
    )
    assert find_dateline("BEIRUT, (AFP) - Sun 9 Oct 2016 Thirty one militants") == date(2016, 10, 9)


def test_dates_month_table_is_shared():
    from sitrep.extract import dates
    from sitrep.ingest.dates import MONTH_NAMES, MONTHS

    assert dates.MONTHS is MONTHS
    assert [MONTHS[n.lower()] for n in MONTH_NAMES] == list(range(1, 13))
    assert MONTHS["sept"] == 9 and MONTHS["dec"] == 12


def test_dates_dateline_window_prefers_the_byline_to_an_earlier_told_date():
    title = "Rebels recall the 5 May 2016 siege Monitor AFP Monday 13 Nov 2017 Rebels said"
    assert find_dateline(title, window=DATELINE_WINDOW) == date(2017, 11, 13)
    assert find_dateline("Published July 19 2016 Airstrikes", window=DATELINE_WINDOW) == date(
        2016, 7, 19
    )
    assert find_dateline("05-02-2015 Jaysh al-Islam fires", window=DATELINE_WINDOW) == date(
        2015, 2, 5
    )


@pytest.mark.parametrize(
    "text,is_statement",
    [
        ("UNICEF said in a statement on Thursday that 27 children were killed", True),
        ("the Observatory said on Saturday", True),
        ("a commander told Al Jazeera on Monday", True),
        ("An air strike killed 20 on Thursday, activists said", False),
        ("He said rebels attacked on Sunday", False),  # the attack's own day
    ],
)
def test_statement_date_is_the_day_someone_spoke(text, is_statement):
    from sitrep.extract.dates import statement_date

    [mention] = find_dates(text, None)
    assert statement_date(text, mention) is is_statement


def test_statement_day_bounds_the_event_and_its_own_day_wins():
    # Issue 14 (FA-KES tuning): follow-ups dated by the statement's Thursday, not the attack.
    from sitrep.extract import extract_document
    from sitrep.records import Document

    published = date(2017, 4, 6)

    def dated(text: str) -> tuple[date | None, int | None]:
        event = extract_document(Document.from_text(text, published=published)).events[0]
        return event.event_date, event.time_precision

    assert dated(
        "UNICEF said in a statement on Thursday that at least 27 children were killed in the "
        "attack in Khan Shaykhun."
    ) == (date(2017, 4, 6), 2)  # no later than Thursday: the week up to it
    assert dated(
        "The Observatory said on Thursday that an air strike on Tuesday killed 20 civilians in "
        "Khan Shaykhun."
    ) == (date(2017, 4, 4), 1)
    assert dated(
        "An air strike killed 20 civilians in Khan Shaykhun on Thursday, activists said."
    ) == (date(2017, 4, 6), 1)

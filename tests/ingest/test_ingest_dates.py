"""Dates as corpora write them, and datelines at the top of articles."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.ingest import find_dateline, parse_date


@pytest.mark.parametrize(
    "value,expected",
    [
        ("2016-08-07", date(2016, 8, 7)),
        ("2016-08-07T10:32:00+03:00", date(2016, 8, 7)),
        ("8/21/16", date(2016, 8, 21)),  # FA-KES: month first
        ("12/1/2016", date(2016, 12, 1)),
        ("9-May-20", date(2020, 5, 9)),  # ACLED
        ("06 January 2017", date(2017, 1, 6)),
        ("Wed 05 Apr 2017", date(2017, 4, 5)),
        ("August 7, 2016", date(2016, 8, 7)),
        ("7th Aug 2016", date(2016, 8, 7)),
        ("", None),
        ("yesterday", None),
        ("2/30/16", None),
        ("13/13/2016", None),
    ],
)
def test_dates_parse_corpus_formats(value: str, expected: date | None) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "Wed 05 Apr 2017 | 10:32 Syrian government aircraft struck Khan Sheikhoun",
            date(2017, 4, 5),
        ),
        ("21 August 2016 Ten civilians injured in terrorist attacks in Daraa", date(2016, 8, 21)),
        ("  ALEPPO, August 7, 2016 - Rebels said", date(2016, 8, 7)),
        ("Rebels said on 5 May 2016 that they had taken the town", None),
        ("Damascus, SANA - Army units restored security", None),
    ],
)
def test_dates_dateline_only_at_the_top(text: str, expected: date | None) -> None:
    assert find_dateline(text) == expected

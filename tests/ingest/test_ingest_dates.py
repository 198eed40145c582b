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


@pytest.mark.parametrize(
    "text,expected",
    [
        # Lead-ins news sites print before the date.
        ("Date of publication 6 June 2016 At least 17 civilians", date(2016, 6, 6)),
        ("Date of publication: 6 June 2016 At least 17 civilians", date(2016, 6, 6)),
        ("Published October 26 2016 A leading rights group says", date(2016, 10, 26)),
        ("Published July 19, 2016 Airstrikes on villages", date(2016, 7, 19)),
        ("Posted on August 3 2016 by Jordan Dakamseh Toxic gas", date(2016, 8, 3)),
        ("Last updated at Jun 142016 BEIRUT A Daesh counterattack", date(2016, 6, 14)),
        ("Updated: Monday 3 October 2016 A suicide bomber", date(2016, 10, 3)),
        ("Print this page Tuesday 19 July 2016 16:45 Russian airstrikes", date(2016, 7, 19)),
        # Weekday prefixes, month first or day first, with or without commas.
        ("Fri Apr 29 2016 9 injured in mortar attacks on Aleppo", date(2016, 4, 29)),
        ("Wednesday, 22 July 2015 22:33 18 civilians killed", date(2015, 7, 22)),
        # Numbers: day first; ISO year first.
        ("05-02-2015 Jaysh al-Islam fires rocket shells at Damascus", date(2015, 2, 5)),
        ("6-09-2013 Extremists in Syria admit killing 30", date(2013, 9, 6)),
        ("08.04.2017(updated 1456 08.04.2017) Get short URL", date(2017, 4, 8)),
        ("07.07.2015Get short URL Topic Violence", date(2015, 7, 7)),
        ("2016/08/07 Rebels shelled the town", date(2016, 8, 7)),
        ("12-25-2016 Rebels shelled the town", date(2016, 12, 25)),  # day-first impossible
        # A byline under the title: after an agency or a weekday, before an agency, in numbers.
        (
            "Air raids kill 29 civilians in north Syria town Monitor AFP Monday 13 Nov 2017 Air",
            date(2017, 11, 13),
        ),
        ("Syria rebels kill 7 in Aleppo Monitor Reuters 18 Jun 2016 At least", date(2016, 6, 18)),
        (
            "Ten civilians killed in airstrike by US-led coalition in Raqqa 21 November 2016 SANA",
            date(2016, 11, 21),
        ),
        (
            "Syrian Army Kills Dozens Middle East Syria Military 07-08-2013 0147 PM A unit",
            date(2013, 8, 7),
        ),
        (
            "Syrian Army Eliminates 75 Militants Sputnik Middle East 1449 09.04.2017Get short URL",
            date(2017, 4, 9),
        ),
        ("Syrian Jets Pound ISIS in Hama Fri Sep 30 2016 102138 Warplanes", date(2016, 9, 30)),
    ],
)
def test_dates_dateline_forms_news_sites_print(text: str, expected: date) -> None:
    assert find_dateline(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # Dates of past events told in the text are not datelines.
        "Rebels said the town fell on Monday 23 June 2014 after a siege",
        "The siege that began in March 2011 ended on 5 May 2016 says the monitor",
        "Clashes have continued since Friday 20 June 2014 according to activists",
        "Rebels took the town in a battle that began August 3 2016 according to the monitor",
        "Image Police secure the area after a blast in Male, Maldives, Thursday, May 6, 2021.",
        # Impossible or unclear dates.
        "31-02-2016 Rebels shelled the town",
        "13-13-2016 Rebels shelled the town",
        "05-02-15 Rebels shelled the town",  # no clear year
        "05-02-1875 Rebels shelled the town",  # outside 1990-2099
        "Published 2016 figures show 300 dead",
        # A lead-in word that is not followed by a date.
        "Updated 31 in Syria regime strikes in and near Aleppo civil defence",
        # A byline beyond the first lines.
        "x " * 120 + "AFP Monday 13 Nov 2017",
    ],
)
def test_dates_dateline_not_an_event_date_in_the_text(text: str) -> None:
    assert find_dateline(text) is None

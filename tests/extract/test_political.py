"""A country named in politics is no place and no sign of the article's country (issue 12.5)."""

from datetime import date

import pytest

from sitrep.extract import extract_document
from sitrep.extract.countries import detect_country
from sitrep.extract.political import political_mention
from sitrep.records import Document


@pytest.mark.parametrize(
    "text,political",
    [
        ("Russia is unwilling to change its stance.", True),
        ("Damascus denied responsibility.", True),
        ("Turkey's foreign minister said the talks failed.", True),
        ("Iran will not accept the deal.", True),
        ("Aleppo is under siege.", False),
        ("Turkey's southeast saw heavy rain.", False),
        ("Syria on Sunday, killing 4 people.", False),
    ],
)
def test_political_mention_reads_what_follows_the_name(text, political):
    end = text.index(" ") if "'s" not in text.split()[0] else text.index("'s") + 2
    assert political_mention(text, end) is political


def test_political_country_is_not_a_protest_place():
    text = (
        "Protesters gathered on Sunday demanding the release of detainees. Russia is unwilling "
        "to change its stance on the crisis, a diplomat said."
    )
    events = extract_document(Document.from_text(text, published=date(2017, 3, 10))).events
    assert [e.sub_event_type for e in events] == ["Peaceful protest"]
    assert events[0].country != "Russia"
    assert events[0].actor1 != "Protesters (Russia)"


def test_political_country_alone_decides_no_country():
    assert detect_country("Russia is unwilling to change its stance, officials said.") is None
    assert detect_country("Clashes erupted in Russia on Sunday.") == "Russia"

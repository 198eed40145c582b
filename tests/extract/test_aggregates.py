"""Aggregates, background and retold tolls are no event's toll (issue 12, item 5)."""

from datetime import date

from sitrep.extract import extract_document
from sitrep.extract.aggregates import cumulative_toll, screen_events
from sitrep.records import Document, Event, Evidence, Victims


def _event(n: int, fatalities: int, sentence: str, when: date | None) -> Event:
    return Event(
        event_id=str(n),
        event_type="Violence against civilians",
        sub_event_type="Attack",
        event_date=when,
        fatalities=fatalities,
        victims=Victims(civilians=fatalities),
        evidence=[
            Evidence(field="sub_event_type", text=sentence, doc_id="d", start=0, end=1),
            Evidence(field="fatalities", text=sentence, doc_id="d", start=0, end=1),
        ],
    )


def test_aggregates_war_wide_toll_is_no_event_toll():
    text = (
        "Syrian air strikes on Raqqa killed 19 people on Sunday. An estimated 170,000 people have "
        "reportedly been killed and millions displaced due to the violence."
    )
    events = extract_document(Document.from_text(text, published=date(2014, 8, 17))).events
    assert max(e.fatalities or 0 for e in events) == 19


def test_aggregates_cumulative_toll_needs_perfect_and_no_day():
    assert cumulative_toll("More than 20,000 of them had died at Sednaya prison.", 20000)
    assert not cumulative_toll("The strike on Sunday has killed 600 people.", 600)
    assert not cumulative_toll("The blast killed 600 people.", 600)
    assert not cumulative_toll("12 people have been killed.", 12)
    # a perfect infinitive tells one attack's toll
    assert not cumulative_toll("the attack in which 1400 are estimated to have been killed", 1400)


def test_aggregates_timeline_background_dropped_without_publication_date():
    lead = _event(0, 5, "A car bomb killed 5 in Azaz on 3 April 2017.", date(2017, 4, 3))
    old = _event(1, 32, "On 15 March 2011 a suicide bombing killed 32.", date(2011, 3, 15))
    assert [e.event_id for e in screen_events([lead, old], None)] == ["0"]
    # with a publication date, segment's own background filter decides: nothing dropped here
    assert len(screen_events([lead, old], date(2017, 4, 4))) == 2


def test_aggregates_retold_toll_counts_once():
    a = _event(0, 58, "An attack killed 58 people in Idlib on Tuesday.", date(2017, 4, 4))
    b = _event(1, 58, "The attack which killed 58 drew condemnation.", date(2017, 4, 4))
    c = _event(2, 3, "Three were killed in Hama.", date(2017, 4, 4))
    kept = screen_events([a, b, c], date(2017, 4, 4))
    assert [e.fatalities for e in kept] == [58, 0, 3]
    assert kept[1].victims.civilians is None
    assert not [ev for ev in kept[1].evidence if ev.field == "fatalities"]


def test_aggregates_large_toll_lent_from_another_sentence_is_cleared():
    e = _event(0, 1429, "Chemical weapons were used in Ghouta.", date(2016, 8, 5))
    e.evidence[1] = Evidence(
        field="fatalities", text="It estimates killed 1429 people.", doc_id="d", start=2, end=3
    )
    assert screen_events([e], date(2016, 8, 10))[0].fatalities == 0

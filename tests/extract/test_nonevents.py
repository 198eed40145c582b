"""Sentences that state no event of political violence (my own examples, several countries):
disasters and accidents, anniversaries and trials, comment on an event told elsewhere,
war-wide totals, diplomacy, threats. Precision: none of them may yield a violent event."""

from datetime import date

import pytest

from sitrep.extract import extract_document
from sitrep.extract.events import EVENT_TYPE_OF
from sitrep.records import Document

PUB = date(2021, 5, 10)
VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians"}


def events_of(text: str, published: date | None = PUB):
    return extract_document(Document.from_text(text, published=published)).events


@pytest.mark.parametrize(
    "text",
    [
        # natural and man-made disasters, accidents, disease
        "An earthquake struck eastern Turkey on Sunday, killing 20 people.",
        "Floods killed 35 people in Sudan on Saturday.",
        "A fire at a factory in Dhaka killed 12 workers on Sunday.",
        "A gas cylinder explosion killed three people in a restaurant in Karachi on Sunday.",
        "The bus crashed into a ravine in Nepal on Sunday, killing 25 passengers.",
        "A man was killed in a car accident in Nairobi on Sunday.",
        "Hundreds of people have died of cholera in Yemen since January.",
        # anniversaries, trials and sentences
        "Residents marked on Sunday the anniversary of the 2013 chemical attack in Ghouta.",
        "A court in Cairo sentenced 12 men to death on Sunday for a 2015 bombing.",
        "Three men were sentenced to life in prison on Sunday over the 2019 attack on a church "
        "in Colombo.",
        # comment on an event told elsewhere, diplomacy, threats
        "The president condemned the attack in a statement on Sunday.",
        "The UN Security Council discussed the bombing in a closed session on Sunday.",
        "The foreign ministers of Iran and Iraq met in Baghdad on Sunday to discuss border "
        "security.",
        "Russia said on Sunday it is unwilling to change its stance on Syria.",
        "The militant group threatened to attack government buildings in Mogadishu.",
        # war-wide and cumulative totals
        "Analysts say the war in Yemen has killed more than 100,000 people since 2015.",
        "The conflict has killed 170,000 people and displaced millions.",
        "Some 20,000 women have been raped since 2011, the report said.",
    ],
)
def test_nonevents_yield_no_violent_event(text):
    violent = [e for e in events_of(text) if EVENT_TYPE_OF[e.sub_event_type] in VIOLENT]
    assert violent == [], [(e.sub_event_type, e.fatalities) for e in violent]


def test_nonevents_talks_about_a_ceasefire_are_no_agreement():
    text = "Officials discussed a possible ceasefire agreement in Geneva on Sunday."
    assert events_of(text) == []


@pytest.mark.parametrize(
    "text,sub",
    [
        # a disaster word does not cancel an armed attack told with it
        ("Gunmen opened fire on villagers fleeing the floods in Borno on Sunday, killing 4.",
         "Attack"),
        # a condemned attack told with its own toll is still reported
        ("The UN condemned an airstrike that killed 20 civilians in Saada on Sunday.",
         "Air/drone strike"),
        # "that" as a relative pronoun is no anaphora
        ("Police said the bomb that exploded in Kabul on Sunday killed 6 people.",
         "Remote explosive/landmine/IED"),
    ],
)  # fmt: skip
def test_nonevents_keep_real_events_told_beside_cues(text, sub):
    assert [e.sub_event_type for e in events_of(text)][:1] == [sub]

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
        # more kinds: sanctions, elections, aid, refugees, threats, forecasts, ordinary crime,
        # warrants, disasters with soldiers as victims, talks, acquittals, reports
        "The European Union imposed new sanctions on Russia on Monday over the war in Ukraine.",
        "Voters in Nigeria went to the polls on Saturday to elect a new president.",
        "The UN said it had delivered food aid to 200,000 people in Tigray this week.",
        "More than 5,000 refugees crossed into Chad from Sudan on Sunday, the UNHCR said.",
        "The Houthis warned they would target ships in the Red Sea if the strikes continue.",
        "Experts say the fighting in Sudan could spread to neighbouring countries.",
        "The army chief visited troops on the front line in Donetsk on Sunday.",
        "A man stabbed his neighbour during a dispute over a parking space in Johannesburg "
        "on Sunday.",
        "Robbers killed a shopkeeper in Lagos on Sunday and fled with cash.",
        "The government announced a new budget for reconstruction in Mosul on Sunday.",
        "Turkey's parliament approved the deployment of troops to Libya on Thursday.",
        "Iran's foreign minister met his Saudi counterpart in Beijing on Thursday.",
        "The ICC issued an arrest warrant for the president on Friday over war crimes in Darfur.",
        "Ten years after the massacre in Srebrenica, survivors still seek justice.",
        "The report documents 300 attacks on health facilities in 2022.",
        "The minister said the security situation in Kidal had improved.",
        "The tanker caught fire off the coast of Yemen on Sunday after an engine failure.",
        "Lightning killed four herders in Uganda on Sunday.",
        "A boat carrying migrants capsized off Libya on Sunday, killing 61 people.",
        "An avalanche killed 12 soldiers at a base in Kashmir on Sunday.",
        "Israel's prime minister vowed to destroy Hamas in a televised speech on Sunday.",
        "The army said it would launch an offensive against the rebels in the coming days.",
        "The film tells the story of the siege of Sarajevo.",
        "Negotiators met in Doha on Sunday for talks on a prisoner exchange.",
        "The court acquitted the officers accused of killing the protesters in 2019.",
        "The UN envoy condemned the shelling of Kharkiv.",
        "Ukraine says Russia has fired more than 8,000 missiles since the invasion began.",
        "The drought has killed thousands of cattle in Somalia this year.",
    ],
)
def test_nonevents_yield_no_violent_event(text):
    events = events_of(text)
    violent = [e for e in events if EVENT_TYPE_OF[e.sub_event_type] in VIOLENT]
    assert violent == [], [(e.sub_event_type, e.fatalities) for e in violent]
    assert not [e for e in events if e.sub_event_type in ("Arrests", "Agreement")]


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

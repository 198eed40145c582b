"""Event detection: triggers, filters (negation, hypothetical, background, aggregate),
typing and one event per place."""

from datetime import date

import pytest

from sitrep.extract import extract_document
from sitrep.extract.events import EVENT_TYPE_OF, event_places, find_triggers, load_lexicon
from sitrep.records import SUB_EVENT_TYPES, Document, Place

PUB = date(2016, 8, 7)


def events_of(text, published=PUB, outlet=None):
    return extract_document(Document.from_text(text, published=published, outlet=outlet)).events


def test_events_lexicon_names_only_acled_sub_event_types():
    lex = load_lexicon()
    assert {sub for sub, *_ in lex.patterns} <= set(EVENT_TYPE_OF)
    assert set(EVENT_TYPE_OF) == {s for subs in SUB_EVENT_TYPES.values() for s in subs}


def test_events_longest_trigger_wins():
    text = "Regime helicopters dropped barrel bombs on the town."
    subs = [t.sub_event_type for t in find_triggers(text, 0, len(text))]
    assert set(subs) == {"Air/drone strike"}


@pytest.mark.parametrize(
    "text,sub",
    [
        ("On 9 May 2020, police arrested 12 people in Lagos.", "Arrests"),
        (
            "On 9 May 2020, hundreds of workers protested in Lahore against unpaid wages.",
            "Peaceful protest",
        ),
        (
            "On 9 May 2020, students protested in Dhaka and police fired tear gas to disperse "
            "them.",
            "Protest with intervention",
        ),
        (
            "On 9 May 2020, gunmen abducted three farmers near Kaduna.",
            "Abduction/forced disappearance",
        ),
        (
            "On 9 May 2020, an IED struck a military vehicle near Gao, killing two soldiers.",
            "Remote explosive/landmine/IED",
        ),
        ("On 9 May 2020, a suicide bomber blew himself up at a market in Kabul.", "Suicide bomb"),
        ("On 9 May 2020, militants lobbed a grenade at a police post in Srinagar.", "Grenade"),
        (
            "On 9 May 2020, Al Shabaab militants clashed with Somali soldiers near Kismayo.",
            "Armed clash",
        ),
        ("On 9 May 2020, a mob lynched a man accused of theft in Butembo.", "Mob violence"),
        (
            "On 8 May 2020, two groups of villagers clashed over a land dispute in Jalalpur.",
            "Mob violence",
        ),
        ("On 9 May 2020, a scuffle led to firing in Pipri, killing one person.", "Mob violence"),
        (
            "On 2 May 2020, a man was beaten to death by a group of men in Amethi over a land "
            "dispute.",
            "Mob violence",
        ),
        (
            # a count of rounds fired at one place is one event, not an aggregate
            "On 9 May 2020, the OSCE SMM observed a total of 25 explosions involving unknown "
            "weapons near Donetsk.",
            "Shelling/artillery/missile attack",
        ),
        (
            "On 9 May 2020, police defused two IEDs planted on a road near Gaya.",
            "Disrupted weapons use",
        ),
        (
            "On 9 May 2020, Boko Haram looted a refugee camp in Kolofata.",
            "Looting/property destruction",
        ),
        (
            "On 6 May 2020, police seized at least 3 tons of marijuana in a truck near Guaira.",
            "Looting/property destruction",
        ),
        (
            "On 29 April 2020, in Tlacolula, taxi drivers blocked the roads complaining about "
            "restrictions.",
            "Peaceful protest",
        ),
        (
            "On 9 May 2020, in Cienaga, residents blocked a road with burned tires.",
            "Violent demonstration",
        ),
        ("On 5 May 2020, in Morelia, two men were shot dead in a drive-by incident.", "Attack"),
        (
            "On 4 April 2017, a chlorine gas attack killed 58 people in Khan Shaykhun.",
            "Chemical weapon",
        ),
        (
            "On 6 February 2015, regime forces recaptured the village of Rityan from rebels.",
            "Government regains territory",
        ),
    ],
)
def test_events_sub_event_typing(text, sub):
    events = events_of(text, published=None)
    assert [e.sub_event_type for e in events][:1] == [sub]


@pytest.mark.parametrize(
    "text",
    [
        "Russian warplanes did not bomb the town of Saraqib on Sunday.",  # negation
        "Assad wants to take full control of Aleppo.",  # intent
        "The army could launch airstrikes on Idlib if talks fail.",  # hypothetical
        "Despite more than 600 Russian strikes, the regime held on.",  # aggregate
        "The Russian ministry denied that its jets bombed the hospital.",  # denial
    ],
)
def test_events_not_events(text):
    assert events_of(text) == []


def test_events_background_date_is_not_a_new_event():
    assert events_of("Rebels captured the town of Marea in March 2014.", PUB) == []


def _place(name, start, kind="neighbourhood"):
    return Place(
        name=name, mention=name, admin1="Aleppo", placetype=kind, start=start, end=start + len(name)
    )


def test_events_one_event_per_place_in_a_list():
    text = "Heavy airstrikes hit al-Marjeh, al-Meyassar and al-Sakhour in Aleppo on Sunday."
    places = [_place(n, text.index(n)) for n in ("al-Marjeh", "al-Meyassar", "al-Sakhour")]
    places.append(_place("Aleppo", text.index("Aleppo"), "locality"))
    (trigger,) = find_triggers(text, 0, len(text))
    chosen = event_places(text, places, trigger, 0, len(text))
    assert [p.name for p in chosen] == ["al-Marjeh", "al-Meyassar", "al-Sakhour"]


def test_events_origin_place_is_not_the_target():
    text = "Rockets fired from Busr al-Harir hit Izraa town."
    places = [
        _place("Busr al-Harir", text.index("Busr"), "locality"),
        _place("Izraa", text.index("Izraa"), "locality"),
    ]
    trigger = find_triggers(text, 0, len(text))[0]
    assert [p.name for p in event_places(text, places, trigger, 0, len(text))] == ["Izraa"]


def test_events_same_event_across_sentences_merges():
    events = events_of(
        "Russian jets struck Saraqib on Saturday, killing 5 civilians. "
        "The strikes on Saraqib also wounded 12 people."
    )
    assert len(events) == 1
    event = events[0]
    assert event.event_date == date(2016, 8, 6)
    assert event.fatalities == 5 and event.injuries == 12
    assert len({e.start for e in event.evidence if e.field == "sub_event_type"}) == 2


def test_events_two_dates_in_one_sentence_make_two_events():
    events = events_of(
        "Rebels who broke the siege of Ramousah on Saturday came under air attack from "
        "regime forces on Sunday."
    )
    got = sorted((e.sub_event_type, e.event_date) for e in events)
    assert got == [
        ("Air/drone strike", date(2016, 8, 7)),
        ("Non-state actor overtakes territory", date(2016, 8, 6)),
    ]


def test_events_notes_and_evidence_offsets():
    text = (
        "Syrian regime helicopters dropped barrel bombs on Daraya on Friday, killing 4 civilians."
    )
    (event,) = events_of(text)
    assert event.notes and event.notes.startswith("On 5 August 2016, Military Forces of Syria")
    assert event.actor1 == "Military Forces of Syria (2000-)"
    assert event.fatalities == 4 and event.victims.civilians == 4
    for ev in event.evidence:
        assert text[ev.start : ev.end].strip() == ev.text


def test_events_without_casualties_report_is_zero():
    (event,) = events_of(
        "Regime warplanes struck Daraya on Sunday without any reports of casualties."
    )
    assert event.fatalities == 0


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        ("Rebels controlled Balhussein village in Hama.", "Non-state actor overtakes territory"),
        ("SDF fighters controlled al-Matab village after clashes with IS.",
         "Non-state actor overtakes territory"),
        ("Zinki fighters controlled Sadiyah and Fursan areas in western Aleppo.",
         "Non-state actor overtakes territory"),
        ("Regime forces advanced to control 2 new villages in eastern Homs.",
         "Government regains territory"),
        ("Regime forces battled Jaish al-Islam in Eastern Ghouta, taking control of it.",
         "Government regains territory"),
        ("QSD forces controlled Al Hulw and Al Shamas villages after clashes with IS.",
         "Non-state actor overtakes territory"),
        ("Regime forces fought IS in Mahakan of Deir-ez-Zor city, taking it over.",
         "Government regains territory"),
        ("The Syrian army managed to control Umm Sehrej town in Hama countryside.",
         "Government regains territory"),
        ("Syrian Arab Army establishes full control of al-Madiunah village in eastern Aleppo.",
         "Government regains territory"),
        ("QSD forces achieved partial control over the Omar Oil Fields.",
         "Non-state actor overtakes territory"),
        ("The Tiger Forces managed to retake the village of Shrimah south of Dayr Hafir.",
         "Government regains territory"),
        ("A rebel coalition expelled HTS from the village of Selwa.",
         "Non-state actor overtakes territory"),
        ("SDF fighters are clashing with IS in Saraqib.", "Armed clash"),
        ("Regime forces exchanged heavy machine gun fire with rebels in Saraqib.", "Armed clash"),
        ("An exchange of targeting took place between regime forces and rebels in Saraqib.",
         "Armed clash"),
        ("Regime forces advanced against IS in the Arak gas fields.", "Armed clash"),
        ("Regime forces traded shelling with HTS fighters in Saraqib.", "Armed clash"),
    ],
)  # fmt: skip
def test_events_acled_style_territory_and_clash_wording(text, sub_event_type):
    events = events_of(text)
    assert events and {e.sub_event_type for e in events} == {sub_event_type}


@pytest.mark.parametrize(
    "text",
    [
        "When it controlled the ancient Syrian city of Palmyra, IS carried out public beheadings.",
        "Government-controlled areas of Aleppo were calm on Sunday.",
        "The town of Saraqib is controlled by rebels.",
        "A remote controlled IED planted near a police checkpoint detonated in Saraqib.",
    ],
)
def test_events_control_as_a_state_is_no_territory_event(text):
    subs = [e.sub_event_type for e in events_of(text)]
    assert "Non-state actor overtakes territory" not in subs
    assert "Government regains territory" not in subs


def test_events_strikes_told_with_the_clash_are_part_of_it():
    events = events_of(
        "Clashes, accompanied by regime shelling and Russian airstrikes, took place between "
        "regime forces and IS fighters in the town of Oqeirbat."
    )
    assert [e.sub_event_type for e in events] == ["Armed clash"]
    events = events_of(
        "QSD forces supported by Coalition airstrikes clashed with IS fighters in Hajin."
    )
    assert [e.sub_event_type for e in events] == ["Armed clash"]


def test_events_strikes_on_civilians_or_told_apart_stay_events():
    events = events_of(
        "Regime airstrikes killed 10 civilians in Saraqib. Clashes also took place in Saraqib."
    )
    assert sorted(e.sub_event_type for e in events) == ["Air/drone strike", "Armed clash"]


def test_events_fighting_that_changes_territory_is_one_territory_event():
    events = events_of(
        "Regime forces captured Tell Adimah after clashes with IS fighters, amid Russian "
        "airstrikes on the village."
    )
    assert [e.sub_event_type for e in events] == ["Government regains territory"]

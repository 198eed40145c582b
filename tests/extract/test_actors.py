"""find_actors: ACLED actor names, inter codes and kinds from the alias table."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.errors import ConfigError
from sitrep.extract.actors import (
    ACTOR_KINDS,
    build_actor_lexicon,
    find_actors,
    load_actor_lexicon,
    lookup_actor,
    unnamed_sides,
)
from sitrep.extract.mentions import Mention
from sitrep.nlp import load_pipeline

SYRIA = "Military Forces of Syria (2000-)"
RUSSIA = "Military Forces of Russia (2000-)"
REBELS = "Opposition Rebels (Syria)"


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def actors(nlp, text: str, **kwargs) -> list[tuple[str, str]]:
    return [(m.text, m.value) for m in find_actors(nlp(text), **kwargs)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # seed article sentences
        (
            "Syrian rebels who broke the siege came under intense air attack from pro-regime "
            "forces on Sunday.",
            [("Syrian rebels", REBELS), ("pro-regime forces", SYRIA)],
        ),
        (
            "Russian jet fighters carried out on Sunday airstrikes with phosphorus on al-Mashhad.",
            [("Russian jet fighters", RUSSIA)],
        ),
        (
            "Meanwhile, heavy airstrikes were carried out by Assad regime’s helicopters and "
            "Russian jet fighters on residential areas in Aleppo.",
            [
                ("Assad regime’s helicopters", SYRIA),
                ("Russian jet fighters", RUSSIA),
                ("residential areas", "Civilians (Syria)"),
            ],
        ),
        (
            "Assad regime’s warplanes attacked Daret Ezza.",
            [("Assad regime’s warplanes", SYRIA)],
        ),
        (
            "Assad’s government forces are supported by Russian airpower, Iranian militias and "
            "fighters from Lebanon’s Hezbollah group.",
            [
                ("Assad’s government forces", SYRIA),
                ("Russian airpower", RUSSIA),
                ("Iranian militias", "Militia (Pro-Iran)"),
                ("Lebanon’s Hezbollah group", "Hezbollah"),
            ],
        ),
        # sentences written for these tests, in ACLED-notes and wire style
        (
            "Clashes took place between Syrian regime forces and Islamic State (IS) near Palmyra.",
            [("Syrian regime forces", SYRIA), ("Islamic State", "Islamic State (Syria)")],
        ),
        (
            "The Free Syrian Army clashed with the Syrian army near Daraa.",
            [("Free Syrian Army", "JSH: Free Syrian Army"), ("Syrian army", SYRIA)],
        ),
        (
            "US-led coalition warplanes struck ISIS positions; the SDF advanced on Raqqa.",
            [
                ("US-led coalition warplanes", "Global Coalition Against Daesh"),
                ("ISIS positions", "Islamic State (Syria)"),
                ("SDF", "QSD: Syrian Democratic Forces"),
            ],
        ),
        (
            "Turkish troops and Euphrates Shield factions attacked the YPG.",
            [
                ("Turkish troops", "Military Forces of Turkey (2016-)"),
                ("Euphrates Shield factions", "Operation Euphrates Shield"),
                ("YPG", "YPG: Peoples Protection Units"),
            ],
        ),
        (
            "Jaish al-Islam and Faylaq al-Rahman fought Hayat Tahrir al-Sham in Ghouta.",
            [
                ("Jaish al-Islam", "Jaysh al Islam"),
                ("Faylaq al-Rahman", "FaR: Al Rahman Corps"),
                ("Hayat Tahrir al-Sham", "HTS: Hayat Tahrir al Sham"),
            ],
        ),
        (
            "Unidentified gunmen shot a man in Dar'a.",
            [("Unidentified gunmen", "Unidentified Armed Group (Syria)")],
        ),
    ],
)
def test_actors_find_acled_names(nlp, sentence, expected):
    assert actors(nlp, sentence) == expected


def test_actors_inter_codes_and_kinds(nlp):
    doc = nlp("Government forces, rebels, IS fighters, Hezbollah, civilians and Russian jets.")
    found = {m.value: (m.inter, m.kind) for m in find_actors(doc)}
    assert found == {
        SYRIA: (1, "syrian_government_or_russia"),
        REBELS: (2, "opposition"),
        "Islamic State (Syria)": (2, "isis"),
        "Hezbollah": (3, "syrian_government_or_russia"),
        "Civilians (Syria)": (7, "civilians"),
        RUSSIA: (8, "syrian_government_or_russia"),
    }


def test_actors_rebels_carry_display_alias(nlp):
    (rebels,) = find_actors(nlp("The rebels advanced."))
    assert rebels.value == REBELS
    assert rebels.attrs["display"] == "Syrian rebels"


def test_actors_coordinated_modifier_is_its_own_mention(nlp):
    doc = nlp("Continuous Russian and Assad regime’s airstrikes hit the area.")
    assert [(m.text, m.value) for m in find_actors(doc)] == [
        ("Russian", RUSSIA),
        ("Assad regime’s airstrikes", SYRIA),
    ]
    assert find_actors(doc)[0].attrs["coordinated"] == "true"


def test_actors_hyphenated_pair_gives_both(nlp):
    found = actors(nlp, "Aftermath of Assad-Russian airstrikes on Daret Ezza")
    assert found == [("Assad", SYRIA), ("Russian airstrikes", RUSSIA)]


def test_actors_generic_label_joins_named_group(nlp):
    doc = nlp("Jaish al-Islam terrorists fired rocket shells; terrorist groups shelled Izraa.")
    found = find_actors(doc)
    assert [(m.text, m.value) for m in found] == [
        ("Jaish al-Islam terrorists", "Jaysh al Islam"),
        ("terrorist groups", "Unidentified Armed Group (Syria)"),
    ]
    assert found[0].attrs["label"] == "terrorists"
    assert found[1].attrs["generic"] == "true" and found[1].kind == "unknown"


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        (None, "JFS: Al Nusra Front"),
        (date(2015, 5, 1), "JFS: Al Nusra Front"),
        (date(2016, 10, 1), "Jabhat Fateh al Sham"),
        (date(2018, 3, 1), "HTS: Hayat Tahrir al Sham"),
    ],
)
def test_actors_nusra_renames_follow_the_date(nlp, published, expected):
    (nusra,) = find_actors(nlp("The al-Nusra Front attacked the town."), when=published)
    assert nusra.value == expected
    assert nusra.kind == "nusra"


def test_actors_former_name_is_flagged(nlp):
    doc = nlp("Jabhat Fatah al-Sham, formerly the Nusra Front, posted pictures.")
    found = find_actors(doc)
    assert [m.value for m in found] == ["Jabhat Fateh al Sham", "JFS: Al Nusra Front"]
    assert "former" not in found[0].attrs and found[1].attrs["former"] == "true"


@pytest.mark.parametrize(
    "sentence",
    [
        "He said it is a town in rebel-held eastern Aleppo.",
        "The Syrian Observatory for Human Rights and the Syrian National Coalition said so.",
        "Government-held Aleppo’s main supply route was cut.",
        "A cluster of villages is in government-controlled territory.",
    ],
)
def test_actors_no_false_mentions(nlp, sentence):
    assert actors(nlp, sentence) == []


def test_actors_span_limits_search(nlp):
    doc = nlp("Rebels attacked. Russian jets struck.")
    second = list(doc.sents)[1]
    assert [m.value for m in find_actors(doc, second.start_char, second.end_char)] == [RUSSIA]
    assert [m.value for m in find_actors(doc, 0, second.start_char)] == [REBELS]


def test_actors_lookup_by_any_dated_name():
    info = lookup_actor("Military Forces of the United States (2009-2017)")
    assert info is not None and info.kind == "coalition" and info.inter == 8
    assert info.name_on(date(2016, 8, 7)) == "Military Forces of the United States (2009-2017)"
    assert lookup_actor("Nobody (Nowhere)") is None


def test_actors_lexicon_kinds_are_known():
    assert {e.kind for e in load_actor_lexicon().entries} <= set(ACTOR_KINDS)


def test_actors_bad_kind_is_config_error():
    with pytest.raises(ConfigError):
        build_actor_lexicon({"actors": [{"name": "X", "inter": 2, "kind": "??", "aliases": ["x"]}]})


def test_actors_country_suffix_follows_the_events_country(nlp):
    doc = nlp("Unidentified gunmen shot civilians; Russian jets struck.")
    assert [m.value for m in find_actors(doc, country="Iraq")] == [
        "Unidentified Armed Group (Iraq)",
        "Civilians (Iraq)",
        RUSSIA,
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "On 3 May 2020, security forces clashed with IS militants in Tarmiyah, Baghdad.",
            [
                ("security forces", "Military Forces of Iraq (2018-2020)", 1),
                ("IS militants", "Islamic State (Iraq)", 2),
            ],
        ),
        (
            "On 2 May 2020, Houthi forces shelled pro-Hadi forces in Hays, Al Hudaydah, and "
            "Saudi-led coalition airstrikes hit Sirwah, Marib.",
            [
                ("Houthi forces", "Military Forces of Yemen (2017-) Houthi", 1),
                ("pro-Hadi forces", "Military Forces of Yemen (2012-2022)", 1),
                ("Saudi-led coalition airstrikes", "Operation Restoring Hope", 8),
            ],
        ),
        (
            "On 4 May 2020, Israeli forces shot a protester and settlers attacked farmers near "
            "Nablus, West Bank.",
            [
                ("Israeli forces", "Military Forces of Israel (2009-2021)", 8),
                ("protester", "Protesters (Palestine)", 6),
                ("settlers", "Settlers (Israel)", 4),
                ("farmers", "Civilians (Palestine)", 7),
            ],
        ),
        (
            "On 5 May 2020, police detained protesters in Istanbul; soldiers killed two PKK "
            "militants in Hakkari.",
            [
                ("police", "Police Forces of Turkey (2016-)", 1),
                ("protesters", "Protesters (Turkey)", 6),
                ("soldiers", "Military Forces of Turkey (2016-)", 1),
                ("PKK militants", "PKK: Kurdistan Workers Party", 2),
            ],
        ),
        (
            "On 6 May 2020, PMF fighters and Peshmerga forces repelled an attack in Kirkuk.",
            [
                (
                    "PMF fighters",
                    "Military Forces of Iraq (2018-2020) Popular Mobilization Forces",
                    1,
                ),
                ("Peshmerga forces", "Military Forces of Iraq (2018-2020) Peshmerga", 1),
            ],
        ),
    ],
)
def test_actors_middle_east_names_follow_detected_country(nlp, sentence, expected):
    found = find_actors(nlp(sentence))
    assert [(m.text, m.value, m.inter) for m in found] == expected


def test_actors_demonym_forces_abroad_are_external(nlp):
    doc = nlp("On 9 May 2020, Pakistani troops fired at Indian positions in Poonch, Kashmir.")
    assert [(m.value, m.inter) for m in find_actors(doc)] == [
        ("Military Forces of Pakistan (2018-2022)", 8),
        ("Military Forces of India (2014-)", 1),
    ]


def test_actors_unknown_country_keeps_syria_names(nlp):
    doc = nlp("The army shelled the town and police arrested two men.")
    assert [m.value for m in find_actors(doc)] == [SYRIA, "Police Forces of Syria (2000-)"]


def test_actors_capitalised_army_in_a_name_is_not_the_army(nlp):
    doc = nlp("Clashes between the Khalid Ibn Walid Army and rebels near Jamlah, Daraa.")
    assert SYRIA not in [m.value for m in find_actors(doc)]


def _m(value: str, inter: int = 1) -> Mention:
    return Mention(value, 0, 0, value, kind="other", inter=inter)


def test_actors_unnamed_sides_front_line_and_unidentified():
    ukr, naf = "Military Forces of Ukraine (2019-)", "NAF: United Armed Forces of Novorossiya"
    when = date(2020, 5, 9)
    # fire no source attributes: the front's first side (ACLED's default), vs the NAF in a clash
    a1, a2 = unnamed_sides("Shelling/artillery/missile attack", [], [], "Ukraine", when)
    assert a1 is not None and a1.value == ukr and a2 is None
    a1, a2 = unnamed_sides("Armed clash", [], [], "Ukraine", when)
    assert (a1 and a1.value, a2 and a2.value) == (ukr, naf)
    # one side named: the other side of the front is the opponent
    a1, a2 = unnamed_sides("Armed clash", [_m(naf, 2)], [], "Ukraine", when)
    assert a1 is None and a2 is not None and a2.value == ukr
    # elsewhere: an unnamed perpetrator is ACLED's unidentified group, by country convention
    a1, _ = unnamed_sides("Attack", [], [_m("Civilians (Mexico)", 7)], "Mexico", when)
    assert a1 is not None and a1.value == "Unidentified Gang (Mexico)"
    gunmen = _m("Unidentified Armed Group (Brazil)", 3)
    a1, _ = unnamed_sides("Attack", [gunmen], [], "Brazil", when)
    assert a1 is not None and a1.value == "Unidentified Gang and/or Police Militia"
    assert unnamed_sides("Attack", [], [], None, when) == (None, None)
    assert unnamed_sides("Peaceful protest", [], [], "Mexico", when) == (None, None)


def test_actors_artsakh_and_donbass_militia(nlp):
    found = actors(
        nlp,
        "On 8 May 2020, military forces of Artsakh fired on the positions of the Donbass "
        "People's Militia.",
        country="Azerbaijan",
    )
    assert [v for _, v in found] == [
        "Military Forces of Artsakh (2007-)",
        "NAF: United Armed Forces of Novorossiya",
    ]


def test_actors_country_units_of_local_forces(nlp):
    text = "The Military Police raided the area and Federal Police officers arrested two men."
    may2020 = date(2020, 5, 9)
    assert [v for _, v in actors(nlp, text, country="Brazil", when=may2020)] == [
        "Military Forces of Brazil (2019-2022) Military Police",
        "Police Forces of Brazil (2019-2022) Federal Police",
    ]
    civil = actors(nlp, "Civil Police officers arrested him.", country="Brazil", when=may2020)
    assert [v for _, v in civil] == ["Police Forces of Brazil (2019-2022) Civil Police"]
    # without a unit in countries.yaml, the plain forces of the country
    assert [v for _, v in actors(nlp, text, country="Mexico", when=may2020)] == [
        "Military Forces of Mexico (2018-2024)",
        "Police Forces of Mexico (2018-2024)",
    ]


def test_actors_military_forces_of_a_named_country(nlp):
    text = "Military forces of Armenia fired on the positions of the military forces of Azerbaijan."
    assert [v for _, v in actors(nlp, text, country="Azerbaijan")] == [
        "Military Forces of Armenia (2018-)",
        "Military Forces of Azerbaijan (2003-)",
    ]


def test_actors_ethnic_militias_take_the_country(nlp):
    text = "Suspected Fulani militias attacked a village; Tiv militiamen fled."
    assert [v for _, v in actors(nlp, text, country="Nigeria")] == [
        "Fulani Ethnic Militia (Nigeria)",
        "Tiv Ethnic Militia (Nigeria)",
    ]


def test_actors_clash_sides_and_state_first():
    from sitrep.extract.actors import state_first

    when = date(2020, 5, 9)
    a1, a2 = unnamed_sides("Armed clash", [], [], "Brazil", when)
    assert a1 is not None and a1.value == "Unidentified Armed Group (Brazil)" and a2 is None
    police = _m("Police Forces of Mexico (2018-)")
    # Brazil tells its police's shoot-outs with gangs police first (countries.yaml state_first)
    gunmen = _m("Unidentified Armed Group (Brazil)", 3)
    mp = _m("Military Forces of Brazil (2019-) Military Police")
    assert state_first("Armed clash", [gunmen], [mp], "Brazil")
    assert not state_first("Armed clash", [gunmen], [police], "Mexico")


def test_actors_clash_without_opponent_gets_the_unidentified_group(nlp):
    from sitrep.extract import extract_document
    from sitrep.records import Document

    text = (
        "On 9 May 2020, in Niteroi, Rio de Janeiro, Brazil, a shoot-out took place in Morro do "
        "Cavalao neighborhood."
    )
    events = extract_document(Document.from_text(text, ref="t")).events
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in events] == [
        (
            "Armed clash",
            "Unidentified Armed Group (Brazil)",
            "Unidentified Armed Group (Brazil)",
        )
    ]


@pytest.mark.parametrize(
    ("text", "country", "expected"),
    [
        ("SSPDF soldiers attacked the rebels", "South Sudan", "Military Forces of South Sudan"),
        ("South Sudanese soldiers looted goods", "South Sudan", "Military Forces of South Sudan"),
        ("clashed with the FARDC", "Democratic Republic of Congo", "Military Forces of the Demo"),
        ("Congolese soldiers", "Democratic Republic of Congo", "Military Forces of the Demo"),
        ("Congolese police", "Democratic Republic of Congo", "Police Forces of the Democratic"),
    ],
)
def test_armies_known_by_abbreviation(text: str, country: str, expected: str) -> None:
    from sitrep.extract.actors import find_actors_in_text

    found = find_actors_in_text(text, country=country)
    assert found and found[0].value.startswith(expected) and found[0].inter == 1

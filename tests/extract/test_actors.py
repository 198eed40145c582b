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
)
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

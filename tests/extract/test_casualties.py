"""Casualties: killed apart from wounded, vague quantities, ranges, victim categories."""

import pytest

from sitrep.extract.casualties import find_casualties, parse_number, sum_casualties


def counts(text):
    return sum_casualties(find_casualties(text))


@pytest.mark.parametrize(
    "text,value",
    [
        ("17", 17),
        ("1,200", 1200),
        ("seven", 7),
        ("twenty-five", 25),
        ("three hundred", 300),
        ("a", 1),
        ("civilians", None),
    ],
)
def test_casualties_parse_number(text, value):
    assert parse_number(text) == value


def test_casualties_including_children_is_a_subset():
    c = counts("Seventeen civilians including eight children were killed in air raids.")
    assert (c.fatalities, c.civilians, c.children) == (17, 17, 8)


def test_casualties_at_least_is_the_conservative_figure():
    c = counts("At least 17 civilians have been killed by a suspected Russian air raid.")
    assert (c.fatalities, c.fatalities_min, c.fatalities_max) == (17, 17, None)


def test_casualties_more_than_is_the_number_stated():
    assert counts("more than 20 people were killed").fatalities == 20


def test_casualties_range_keeps_both_ends():
    c = counts("between 5 and 8 fighters died in the clashes")
    assert (c.fatalities, c.fatalities_max, c.combatants) == (5, 8, 5)


def test_casualties_killed_apart_from_wounded():
    c = counts("The strike killed 3 soldiers and wounded 12 others.")
    assert (c.fatalities, c.injuries, c.combatants) == (3, 12, 3)


def test_casualties_injured_only_is_no_death():
    c = counts("Three civilians were injured in rocket attacks on Izraa town.")
    assert c.fatalities is None and c.injuries == 3


def test_casualties_without_reports_is_zero_killed():
    c = counts("Aleppo Today Facebook page said without any reports of casualties.")
    assert c.fatalities == 0


def test_casualties_many_casualties_is_unknown():
    c = counts("airstrikes on residential areas where many casualties were reported")
    assert c.fatalities is None and c.injuries is None


@pytest.mark.parametrize(
    "text,value",
    [
        ("dozens of people were killed", 12),
        ("tens of civilians were killed", 10),
        ("the death toll rose to 25", 25),
    ],
)
def test_casualties_vague_and_toll(text, value):
    assert counts(text).fatalities == value


def test_casualties_categories_add_up():
    c = counts("The shelling killed two children and a woman.")
    assert (c.fatalities, c.children, c.women, c.civilians) == (3, 2, 1, 3)


def test_casualties_year_is_not_a_count():
    assert find_casualties("since 2011 killed in the war") == []


@pytest.mark.parametrize(
    "text,killed",
    [
        ("The death toll from the airstrikes on the market rose to 61.", 61),
        ("The monitor raised the death toll from Monday's airstrikes on the town to 61.", 61),
        ("The Observatory reported the airstrikes with a death toll of 47.", 47),
        ("The death toll in the town has risen to 23.", 23),
    ],
)
def test_casualties_death_toll_with_its_cause_phrase(text, killed):
    assert counts(text).fatalities == killed


def test_casualties_death_toll_phrase_needs_to_before_count():
    # "a" inside the phrase is no count: without "to N" the toll states nothing.
    c = counts("The death toll from airstrikes on a market is not known yet.")
    assert c.fatalities in (None, 0)


def test_casualties_count_with_a_sub_count_inside():
    c = counts("Over 130 people including 67 children were killed in a terrorist attack")
    assert (c.fatalities, c.civilians, c.children) == (130, 130, 67)


def test_casualties_people_including_civilians():
    c = counts("At least 20 people including 13 civilians were killed in suicide attacks")
    assert (c.fatalities, c.civilians) == (20, 13)


def test_casualties_sub_count_is_not_added():
    c = counts("The strike killed 15 including 4 children")
    assert (c.fatalities, c.children) == (15, 4)


def test_casualties_death_toll_of_an_attack_is_no_count():
    c = counts("The death toll of a terrorist attack near Aleppo rose sharply")
    assert c.fatalities is None


def test_casualties_rescuers_and_medics_are_civilians():
    c = counts("At least 8 White Helmets rescuers were killed in an airstrike")
    assert (c.fatalities, c.civilians) == (8, 8)
    assert counts("15 medics were killed in the strike").civilians == 15


def test_casualties_coder_remark_alone_is_no_fatality():
    # ACLED coders' remarks ("Unknown fatalities coded as 10") are not news: nothing reads them.
    from sitrep.extract import extract_document
    from sitrep.records import Document

    c = counts("Unknown fatalities coded as 10.")
    assert c.fatalities is None
    doc = Document.from_text(
        "On 3 May 2020, Boko Haram attacked a village in Borno. Unknown fatalities coded as 10."
    )
    assert all(e.fatalities in (None, 0) for e in extract_document(doc).events)

"""Which report-events fuse: families, dates, places, actors, documents."""

from __future__ import annotations

from datetime import date

import pytest
from fuse_helpers import DARET_EZZA, MARJEH

from sitrep.fuse.match import MatchRules, cluster_events, match_cost


def test_match_same_strike_from_two_outlets(make_report):
    a, _ = make_report("Orient News", actor1="Military Forces of Russia (2000-)")
    b, _ = make_report("SANA", actor1="Military Forces of Syria (2000-)", latitude=36.19)
    assert match_cost(a, b) is not None
    assert len(cluster_events([a, b])) == 1


def test_match_keeps_neighbourhoods_apart(make_report):
    a, _ = make_report("Orient News", "a")
    b, _ = make_report("Reuters", "b", **MARJEH)
    assert match_cost(a, b) is None


def test_match_keeps_distant_towns_apart(make_report):
    a, _ = make_report("Orient News", "a")
    b, _ = make_report("Reuters", "b", **DARET_EZZA)
    assert match_cost(a, b) is None


def test_match_never_fuses_events_of_one_document(make_report):
    a, _ = make_report("Orient News", "a")
    b = a.model_copy(update={"event_id": a.event_id + "b"})
    assert match_cost(a, b) is None
    assert len(cluster_events([a, b])) == 2


@pytest.mark.parametrize(
    "other_date,precision,same",
    [
        (date(2016, 8, 8), 1, True),  # a day later: publication lag
        (date(2016, 8, 10), 1, False),
        (date(2016, 8, 10), 2, True),  # "last week"
        (None, 1, False),  # undated reports fuse with nothing
    ],
)
def test_match_date_tolerance_by_precision(make_report, other_date, precision, same):
    a, _ = make_report("Orient News", "a")
    b, _ = make_report("Reuters", "b", event_date=other_date, time_precision=precision)
    assert (match_cost(a, b) is not None) is same


def test_match_sub_event_family(make_report):
    air, _ = make_report("Orient News", "a")
    shelling, _ = make_report("Reuters", "b", sub_event_type="Shelling/artillery/missile attack")
    clash, _ = make_report("SANA", "c", event_type="Battles", sub_event_type="Armed clash")
    assert match_cost(air, shelling) is not None
    assert match_cost(air, clash) is None


def test_match_two_battles_with_different_sides_stay_apart(make_report):
    battle = {"event_type": "Battles", "sub_event_type": "Armed clash"}
    a, _ = make_report(
        "Reuters", "a", actor1="Syrian rebels", actor2="Military Forces of Syria (2000-)", **battle
    )
    b, _ = make_report(
        "SANA",
        "b",
        actor1="Islamic State (Syria)",
        actor2="SDF: Syrian Democratic Forces",
        **battle,
    )
    c, _ = make_report(
        "SOHR", "c", actor1="Military Forces of Syria (2000-)", actor2="Syrian rebels", **battle
    )
    assert match_cost(a, b) is None
    assert match_cost(a, c) is not None  # same battle, sides named in the other order


def test_match_place_names_without_coordinates(make_report):
    a, _ = make_report("Reuters", "a", latitude=None, longitude=None, location="Al Mashhad")
    b, _ = make_report("SANA", "b", latitude=None, longitude=None)
    region, _ = make_report(
        "SOHR", "c", latitude=None, longitude=None, location=None, geo_precision=3
    )
    other, _ = make_report("Orient News", "d", latitude=None, longitude=None, location="Marjeh")
    assert match_cost(a, b) is not None
    assert match_cost(a, region) is not None
    assert match_cost(a, other) is None


def test_cluster_is_complete_linkage(make_report):
    # b matches a (one day apart) and c (one day apart), but a and c are two days apart
    a, _ = make_report("Orient News", "a", event_date=date(2016, 8, 6))
    b, _ = make_report("Reuters", "b", event_date=date(2016, 8, 7))
    c, _ = make_report("SANA", "c", event_date=date(2016, 8, 8))
    groups = cluster_events([a, b, c])
    assert sorted(len(g) for g in groups) == [1, 2]


def test_match_rules_from_yaml_are_complete():
    rules = MatchRules.default()
    assert rules.family("Air/drone strike") == rules.family("Shelling/artillery/missile attack")
    assert rules.family("Armed clash") != rules.family("Air/drone strike")
    assert rules.date_tolerance_days[1] >= 0


def test_match_country_level_reports_fuse_with_nothing(make_report):
    a, _ = make_report(
        "Reuters",
        "a",
        location="Syria",
        admin1=None,
        geo_precision=3,
        latitude=35.0,
        longitude=38.5,
    )
    b, _ = make_report(
        "SANA", "b", location="Syria", admin1=None, geo_precision=3, latitude=35.0, longitude=38.5
    )
    assert match_cost(a, b) is None


def test_match_joint_actor_agrees_with_its_members():
    rules = MatchRules.default()
    joint = "Allied Syrian and/or Russian Forces"
    assert rules.actors_agree(joint, "Military Forces of Russia (2000-)")
    assert rules.actors_agree("Military Forces of Syria (2000-)", joint)
    assert not rules.actors_agree("Military Forces of Syria (2000-)", "Opposition Rebels (Syria)")


def test_match_compatible_families_need_one_named_place_and_agreeing_tolls(make_report):
    # FA-KES tuning: a coalition strike that killed 18 SDF fighters near Tabqa, typed an air
    # strike by one outlet and an armed clash by another.
    clash = {"event_type": "Battles", "sub_event_type": "Armed clash"}
    air, _ = make_report("Daily Sabah", "a", fatalities=18)
    clash_18, _ = make_report("Sputnik", "b", fatalities=18, event_date=date(2016, 8, 8), **clash)
    clash_13, _ = make_report("TASS", "c", fatalities=13, **clash)
    clash_unknown, _ = make_report("SANA", "d", **clash)
    clash_elsewhere, _ = make_report("Reuters", "e", fatalities=18, **MARJEH, **clash)
    cost = match_cost(air, clash_18)
    same_family = match_cost(air, air.model_copy(update={"event_id": "x", "doc_ids": ["y"]}))
    assert cost is not None and same_family is not None and cost > same_family
    assert match_cost(air, clash_18, strict=True) is None  # never for a background mention
    assert match_cost(air, clash_13) is None  # 13 vs 18: too far apart across families
    assert match_cost(air, clash_unknown) is None  # a toll on both is required
    assert match_cost(air, clash_elsewhere) is None  # one named place, not two
    assert [len(g) for g in cluster_events([air, clash_18])] == [2]
    # protests are no compatible family of strikes
    protest, _ = make_report(
        "SANA", "f", fatalities=18, event_type="Protests", sub_event_type="Peaceful protest"
    )
    assert match_cost(air, protest) is None


def test_match_reports_placed_only_at_a_governorate_link_on_one_day(make_report):
    # FA-KES tuning: "a US attack" in Homs (the governorate) and "a bomb kills a woman" in Homs
    # city the next day were linked; one governorate holds many events a day apart.
    homs = {"admin1": "Homs", "location": "Homs", "latitude": 34.73, "longitude": 36.71}
    a, _ = make_report("NNA", "a", fatalities=1, geo_precision=3, **homs)
    b, _ = make_report("Daily Sabah", "b", fatalities=1, event_date=date(2016, 8, 8), **homs)
    c, _ = make_report("Reuters", "c", fatalities=1, **homs)
    assert match_cost(a, b) is None
    assert match_cost(a, c) is not None  # the same day still links
    town, _ = make_report("SANA", "d", fatalities=1, event_date=date(2016, 8, 8))
    named, _ = make_report("SOHR", "e", fatalities=1)
    assert match_cost(town, named) is not None  # a named place keeps the day's tolerance


def test_match_another_articles_aside_does_not_hold_a_lead_out(make_report):
    # FA-KES tuning (Atareb market, 13 Nov 2017): one outlet's lead on the 13th, another
    # article's background mention of it on the 13th, a third outlet's lead dated the 14th.
    # The aside links only on its own day; it must not keep the third lead from the first.
    first, _ = make_report("TRT", "a", fatalities=64)
    aside, _ = make_report("Daily Sabah", "b")
    its_lead, _ = make_report("Daily Sabah", "b", **DARET_EZZA)
    its_lead = its_lead.model_copy(update={"event_id": "b-lead"})
    late, _ = make_report("Etilaf", "c", fatalities=40, event_date=date(2016, 8, 8))
    leads = {first.event_id, its_lead.event_id, late.event_id}
    assert match_cost(late, aside, strict=True) is None  # the aside alone would refuse it
    groups = cluster_events([first, aside, its_lead, late], leads=leads)
    together = next(g for g in groups if first in g)
    assert {e.event_id for e in together} == {first.event_id, aside.event_id, late.event_id}
    # a background mention still has to match every member strictly
    late_aside, _ = make_report("SANA", "d", event_date=date(2016, 8, 8))
    groups = cluster_events([first, aside, its_lead, late_aside], leads=leads)
    assert not any(late_aside in g and first in g for g in groups)

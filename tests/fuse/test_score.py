"""The scored link decision for lead reports with texts (sitrep.fuse.score, link_score)."""

from __future__ import annotations

from datetime import date, timedelta

from fuse_helpers import MARJEH

from sitrep.fuse import fuse_groups
from sitrep.fuse.match import MatchRules, _Context, _merge_scored, cluster_events, score_pair
from sitrep.fuse.score import DocText, document_text, pair_features
from sitrep.fuse.text import lead_terms
from sitrep.records import Document, Event

DAY = date(2016, 8, 7)


def _doc(outlet: str, text: str, title: str = "") -> Document:
    return Document.from_text(text, outlet=outlet, title=title or None)


def _report(make_report, document: Document, **fields) -> Event:
    event, _ = make_report("any", **fields)
    return event.model_copy(update={"event_id": f"{document.id}-1", "doc_ids": [document.id]})


def test_lead_terms_leave_out_years_and_calendar_words():
    doc = _doc("x", "On Tuesday 4 April 2017 the strike on Khan Shaykhun killed 58 people.")
    terms = lead_terms(doc)
    assert {"khan", "shaykhun", "58"} <= terms
    assert not {"2017", "tuesday", "april"} & terms


def test_outlet_name_is_not_a_shared_term_and_one_outlet_is_not_weighed():
    a = document_text(_doc("SANA", "SANA reports shelling of Mashhad. SANA"))
    b = document_text(_doc("SANA", "SANA reports a clash in Jobar. SANA"))
    assert "sana" not in a.terms
    assert not a.weighs(b)  # two articles of one outlet: boilerplate, not evidence
    assert a.weighs(document_text(_doc("Reuters", "Shelling of Mashhad")))


def test_same_governorate_vague_places_a_day_apart_stay_apart(make_report):
    """Two incidents in one governorate a day apart, each placed only at its seat: the texts
    share nothing telling, so the score keeps them apart (the rules' containment did not)."""
    vague = {"location": "Aleppo", "geo_precision": 3, "latitude": 36.2, "longitude": 37.16}
    first = _doc("Reuters", "Barrel bombs hit Tariq al-Bab in Aleppo, killing 12.")
    second = _doc("AFP", "Rebel rockets hit Hamdaniyeh in Aleppo, killing 4.")
    a = _report(make_report, first, fatalities=12, **vague)
    b = _report(make_report, second, event_date=DAY + timedelta(1), fatalities=4, **vague)
    texts = {d.id: document_text(d) for d in (first, second)}
    rules = MatchRules.default()
    assert score_pair(a, b, texts[first.id], texts[second.id], rules) is not None  # weighed
    assert len(cluster_events([a, b], rules, texts=texts)) == 2


def test_byline_place_in_another_governorate_links_when_texts_name_the_place(make_report):
    """One article's event placed at its byline's village in another governorate: the other
    report's town is named in its opening lines, and the texts agree, so they link."""
    story = "A car bomb killed 44 people in Qamishli on Wednesday, the Kurdish Asayish said."
    first = _doc("Reuters", story)
    second = _doc("AFP", "Suleimaniyah, Jul 27. " + story)
    qamishli = {"location": "Qamishli", "latitude": 37.05, "longitude": 41.22}
    a = _report(make_report, first, admin1="Al Hasakeh", fatalities=44, **qamishli)
    byline = {"location": "Suleimaniyah", "latitude": 36.2, "longitude": 37.1}
    b = _report(make_report, second, admin1="Aleppo", fatalities=44, **byline)
    texts = {d.id: document_text(d) for d in (first, second)}
    rules = MatchRules.default()
    features = pair_features(a, b, texts[first.id], texts[second.id], rules)
    assert features["same_place"] == 1.0 and features["other_governorate"] == 1.0
    assert len(cluster_events([a, b], rules, texts=texts)) == 1


def test_open_toll_rising_is_no_toll_gap(make_report):
    """ "At least 58" and a later count of 100: the open toll holds it (no gap); 58 exact and
    100 are apart."""
    text = DocText()
    a = make_report("Reuters", "a", fatalities=58, fatalities_min=58)[0]
    b = make_report("AFP", "b", fatalities=100, fatalities_min=100, fatalities_max=100)[0]
    rules = MatchRules.default()
    assert pair_features(a, b, text, text, rules)["toll_gap"] == 0.0
    exact = a.model_copy(update={"fatalities_max": 58})
    assert pair_features(exact, b, text, text, rules)["toll_gap"] > 0.5


def test_different_named_places_same_day_need_strong_text(make_report):
    first = _doc("Reuters", "Shelling hit al-Mashhad on Sunday.")
    second = _doc("AFP", "An air strike hit al-Marjeh on Sunday.")
    a = _report(make_report, first)
    b = _report(make_report, second, **MARJEH)
    texts = {d.id: document_text(d) for d in (first, second)}
    assert len(cluster_events([a, b], MatchRules.default(), texts=texts)) == 2


def test_groups_split_by_the_greedy_pass_are_merged_on_average(make_report):
    """Two groups of one incident (the one pass in date order can leave them apart) merge
    when the mean p over every lead pair across them reaches the threshold."""
    story = "Gas attack on Khan Shaykhun kills 72, rescuers say sarin was used"
    docs = [_doc(o, f"{story} ({o}).") for o in ("Reuters", "AFP", "AP", "BBC")]
    reports = [_report(make_report, d, fatalities=72) for d in docs]
    texts = {d.id: document_text(d) for d in docs}
    rules = MatchRules.default()
    context = _Context(None, None, texts)
    merged = _merge_scored([reports[:2], reports[2:]], rules, context)
    assert [len(g) for g in merged] == [4]


def test_reasons_give_the_score(make_report):
    story = "Air strikes killed 29 in the market of Atareb, rescuers in Atareb said"
    docs = [_doc("Reuters", story), _doc("AFP", story + " on Monday")]
    reports = [_report(make_report, d, fatalities=29) for d in docs]
    [group] = fuse_groups(reports, documents={d.id: d for d in docs})
    assert any("scored p=" in reason for reason in group.reasons.values())


def test_two_articles_reporting_two_towns_keep_two_incidents(make_report):
    """Two articles that both report strikes on two towns of one governorate on one day share
    two documents in each town's group; that is two incidents, not one told at two
    granularities (only an area and a place in it are merged that way)."""
    from fuse_helpers import DARET_EZZA

    events = []
    for outlet in ("Reuters", "AFP"):
        town, document = make_report(outlet, "roundup")
        other = town.model_copy(
            update={"event_id": f"{document.id}-2", "latitude": None, "longitude": None}
            | DARET_EZZA
        )
        events += [town, other]
    groups = cluster_events(events, MatchRules.default())
    assert sorted(len(g) for g in groups) == [2, 2]


def test_area_blocking_gives_the_groups_of_no_blocking(make_report):
    """Points near each other across a cell's edge, a district named as a place, a town in
    it, a governorate-level report and coarse dates: blocking by area gives the same groups."""
    import dataclasses
    import random

    rng = random.Random(3)
    events = []
    for i in range(300):
        fields = {
            "latitude": 36.2 + rng.choice([0, 0.044, 0.046, 0.3]) + rng.uniform(-0.002, 0.002),
            "longitude": 37.1 + rng.choice([0, 0.179, 0.181]) + rng.uniform(-0.002, 0.002),
            "location": rng.choice(["al-Mashhad", "al-Marjeh", "Al Bab", "Aleppo", "Tadef"]),
            "admin2": rng.choice(["Al Bab", "Jebel Saman", None]),
            "geo_precision": rng.choice([1, 1, 1, 2, 3]),
            "time_precision": rng.choice([1, 1, 1, 2]),
            "event_date": DAY + timedelta(rng.randrange(6)),
            "fatalities": rng.choice([None, 2, 5, 30]),
        }
        events.append(make_report(f"outlet{i % 7}", f"r{i}", **fields)[0])
    # a town named as another report's district, 30 km away (containment, both ways)
    bab = {"location": "Al Bab", "admin2": "Jebel Saman", "latitude": 36.37, "longitude": 37.5}
    in_bab = {"location": "Tadef", "admin2": "Al Bab", "latitude": 36.1, "longitude": 37.3}
    for i, (first, second) in enumerate([(bab, in_bab), (in_bab, bab)]):
        day = {"event_date": DAY + timedelta(10 + 3 * i), "fatalities": 4}
        events.append(make_report("Reuters", f"bab{i}", **first, **day)[0])
        events.append(make_report("AFP", f"tadef{i}", **second, **day)[0])
    rules = MatchRules.default()

    def partition(rules: MatchRules) -> list[list[str]]:
        return sorted(sorted(e.event_id for e in g) for g in cluster_events(events, rules))

    blocked = partition(rules)
    assert blocked == partition(dataclasses.replace(rules, area_blocking=False))
    assert any(len(g) > 2 for g in blocked) and len(blocked) > 20
    joined = [g for g in cluster_events(events[-4:], rules) if len(g) == 2]
    assert len(joined) == 2  # each town joins the report of its district


def test_a_town_named_as_background_does_not_undo_two_named_places(make_report):
    """One article's lead is a strike on al-Marjeh and its opening recalls al-Mashhad; the other
    reports al-Mashhad: two named places, not one (same_place -1)."""
    first = _doc("Reuters", "Shelling hit al-Marjeh, a week after the strike on al-Mashhad.")
    second = _doc("AFP", "An air strike hit al-Mashhad.")
    a = _report(make_report, first, **MARJEH)
    b = _report(make_report, second)
    features = pair_features(
        a, b, document_text(first), document_text(second), MatchRules.default()
    )
    assert features["same_place"] == -1.0

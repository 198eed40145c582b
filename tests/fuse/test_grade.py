"""Airwars-style grades of fused events."""

from __future__ import annotations

from datetime import date

from fuse_helpers import claim

from sitrep.fuse import fuse_events, grade_event
from sitrep.fuse.grade import event_sources
from sitrep.fuse.merge import merge_group

RUSSIA = "Military Forces of Russia (2000-)"
SYRIA = "Military Forces of Syria (2000-)"


def _docs(*pairs):
    return [e for e, _ in pairs], {d.id: d for _, d in pairs}


def test_grade_mashhad_strike_contested_by_actor(make_report):
    # The seed's al-Mashhad strike: Orient News says Russian jets; SANA blames rebel shelling.
    events, docs = _docs(
        make_report("Orient News", "a", actor1=RUSSIA, actor2="Civilians (Syria)"),
        make_report(
            "SANA",
            "b",
            actor1="Syrian rebels",
            actor2="Civilians (Syria)",
            sub_event_type="Shelling/artillery/missile attack",
        ),
    )
    [fused] = fuse_events(events, documents=docs)
    assert fused.grade == "contested" and fused.contested
    assert any(line.startswith("actor1:") for line in fused.contradictions)
    assert len(fused.doc_ids) == 2


def test_grade_confirmed_by_wire_and_monitor(make_report):
    events, docs = _docs(
        make_report("Reuters", "a", actor1=RUSSIA, fatalities=5),
        make_report(
            "Enab Baladi",
            "b",
            actor1=RUSSIA,
            fatalities=6,
            claims=[claim("Syrian Observatory for Human Rights", "monitor")],
        ),
    )
    [fused] = fuse_events(events, documents=docs)
    assert fused.grade == "confirmed" and not fused.contested


def test_grade_minor_contradiction_is_fair_not_confirmed(make_report):
    events, docs = _docs(
        make_report("Reuters", "a", actor1=RUSSIA),
        make_report("Enab Baladi", "b", actor1=RUSSIA, event_date=date(2016, 8, 8)),
    )
    [fused] = fuse_events(events, documents=docs)
    assert fused.grade == "fair"
    assert any(line.startswith("event_date:") for line in fused.contradictions)


def test_grade_single_local_source_is_weak(make_report):
    events, docs = _docs(make_report("Orient News", "a", actor1=RUSSIA))
    [fused] = fuse_events(events, documents=docs)
    assert fused.grade == "weak"


def test_grade_one_credible_source_with_specifics_is_fair(make_report):
    events, docs = _docs(make_report("Reuters", "a", actor1=RUSSIA))
    assert fuse_events(events, documents=docs)[0].grade == "fair"
    vague, vdocs = _docs(make_report("Reuters", "b", geo_precision=3, location="Aleppo"))
    assert fuse_events(vague, documents=vdocs)[0].grade == "weak"


def test_grade_partisan_one_side_only_is_weak(make_report):
    events, docs = _docs(
        make_report("SANA", "a", actor1="Syrian rebels"),
        make_report("Sputnik", "b", actor1="Syrian rebels"),
    )
    [fused] = fuse_events(events, documents=docs)
    assert len(fused.doc_ids) == 2 and fused.grade == "weak"


def test_grade_admission_against_interest_counts_as_credible(make_report):
    events, docs = _docs(
        make_report("SANA", "a", actor1=RUSSIA),
        make_report("Orient News", "b", actor1=RUSSIA),
    )
    [fused] = fuse_events(events, documents=docs)
    # SANA (pro-government) reporting a Russian strike is an admission against interest
    assert fused.grade == "confirmed"


def test_grade_denial_in_one_article_makes_it_contested(make_report):
    # Seed E1: rebels took Ramousah; pro-regime channels say the rebels withdrew.
    overtakes = {"event_type": "Battles", "sub_event_type": "Non-state actor overtakes territory"}
    event, document = make_report(
        "Orient News",
        "a",
        actor1="Syrian rebels",
        actor2=SYRIA,
        **overtakes,
        claims=[
            claim("Syrian Observatory for Human Rights", "monitor"),
            claim("activists", "activist"),
            claim(
                "pro-regime news channels",
                "partisan media",
                "rebels withdrew",
                stance="contradicts",
            ),
        ],
    )
    grading = grade_event(merge_group([event], documents={document.id: document}))
    assert grading.grade == "contested" and grading.contested


def test_grade_sources_count_quoted_speakers_once(make_report):
    sohr = claim("Syrian Observatory for Human Rights", "monitor")
    a, da = make_report("Reuters", "a", claims=[sohr, claim("activists", "activist")])
    b, db = make_report("Orient News", "b", claims=[sohr, claim("activists", "activist")])
    fused = merge_group([a, b], documents={da.id: da, db.id: db})
    keys = [s.key for s in event_sources(fused)]
    # SOHR once; "activists" of each article are different people; outlets relay, not count
    assert len(keys) == 3 and sum(k.startswith("activists@") for k in keys) == 2


def test_grade_seed_front_line_quoting_rebels_and_sohr_is_confirmed(make_report):
    # Seed E6: one Orient News article; the rebels and SOHR both describe the clashes.
    event, document = make_report(
        "Orient News",
        "a",
        event_type="Battles",
        sub_event_type="Armed clash",
        actor1="Syrian rebels",
        actor2=SYRIA,
        location="Hamdaniya",
        claims=[
            claim("rebels", "belligerent spokesperson"),
            claim("Syrian Observatory for Human Rights", "monitor"),
        ],
    )
    [fused] = fuse_events([event], documents={document.id: document})
    assert fused.grade == "confirmed"


def test_grade_single_correspondent_is_weak(make_report):
    # Seed E3: only "Orient News correspondent said"
    event, document = make_report(
        "Orient News",
        "a",
        actor1=RUSSIA,
        claims=[claim("Orient News correspondent", "local media")],
    )
    [fused] = fuse_events([event], documents={document.id: document})
    assert fused.grade == "weak"


def test_grade_leaning_monitor_stays_credible_but_leaning_media_does_not(make_report):
    from sitrep.fuse.grade import GradeRules
    from sitrep.fuse.tables import load_outlets

    event, document = make_report(
        "Reuters",
        "a",
        actor1=RUSSIA,
        claims=[
            claim("Syrian Observatory for Human Rights", "monitor", alignment="pro-opposition"),
            claim("Al Arabiya", "international media", alignment="pro-opposition"),
        ],
    )
    fused = merge_group([event], documents={document.id: document})
    sources = {s.by: s for s in event_sources(fused, GradeRules.default(), load_outlets())}
    assert sources["Syrian Observatory for Human Rights"].credible
    assert not sources["Al Arabiya"].credible and sources["Al Arabiya"].partisan


def test_grade_air_strike_against_ground_attack_is_contested(make_report):
    # SANA codes the al-Mashhad deaths as shelling by an unnamed group: Airwars' "casualties
    # also attributed to ground forces".
    events, docs = _docs(
        make_report("Orient News", "a", actor1=RUSSIA),
        make_report(
            "SANA",
            "b",
            actor1="Unidentified Armed Group (Syria)",
            sub_event_type="Shelling/artillery/missile attack",
        ),
    )
    [fused] = fuse_events(events, documents=docs)
    assert fused.grade == "contested"


def test_grade_suicide_bomb_against_ied_is_minor(make_report):
    ied = {"sub_event_type": "Remote explosive/landmine/IED", "actor1": "Islamic State (Syria)"}
    events, docs = _docs(
        make_report("Reuters", "a", **ied),
        make_report("Enab Baladi", "b", **{**ied, "sub_event_type": "Suicide bomb"}),
    )
    [fused] = fuse_events(events, documents=docs)
    assert fused.grade == "fair" and not fused.contested

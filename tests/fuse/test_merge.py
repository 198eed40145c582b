"""Merging the reports of one event: votes, ACLED fatalities, claims per source, contradictions."""

from __future__ import annotations

from datetime import date

from fuse_helpers import claim

from sitrep.fuse.merge import is_report_claim, merge_group


def test_merge_fatalities_conservative_with_span(make_report):
    shelling = {"sub_event_type": "Shelling/artillery/missile attack"}
    a, da = make_report("Reuters", "a", fatalities=5, **shelling)
    b, db = make_report("SOHR", "b", fatalities=7, **shelling)
    fused = merge_group([b, a], documents={da.id: da, db.id: db})
    assert (fused.fatalities, fused.fatalities_min, fused.fatalities_max) == (5, 5, 7)
    assert fused.contradictions == []  # a range of figures is not a contradiction


def test_merge_fatalities_keeps_reported_range(make_report):
    a, _ = make_report("Reuters", "a", fatalities=10, fatalities_min=10, fatalities_max=12)
    b, _ = make_report("SOHR", "b", fatalities=14)
    fused = merge_group([a, b])
    assert (fused.fatalities, fused.fatalities_min, fused.fatalities_max) == (10, 10, 14)


def test_merge_zero_yields_to_a_reported_toll(make_report):
    a, _ = make_report("Aleppo Today", "a", fatalities=0)
    b, _ = make_report("SOHR", "b", fatalities=3)
    fused = merge_group([a, b])
    assert (fused.fatalities, fused.fatalities_min, fused.fatalities_max) == (3, 0, 3)
    assert any(line.startswith("fatalities:") for line in fused.contradictions)


def test_merge_records_actor_contradiction_and_keeps_each_claim(make_report):
    russia = "Military Forces of Russia (2000-)"
    a, da = make_report(
        "Orient News",
        "a",
        actor1=russia,
        actor2="Civilians (Syria)",
        weapons=["white phosphorus"],
        claims=[claim("Orient News correspondent", "local media", "Russian jets used phosphorus")],
    )
    b, db = make_report(
        "SANA", "b", actor1="Unidentified Armed Group (Syria)", actor2="Civilians (Syria)"
    )
    c, dc = make_report("Reuters", "c", actor1="Syrian rebels", actor2="Civilians (Syria)")
    documents = {d.id: d for d in (da, db, dc)}
    fused = merge_group([a, b, c], documents=documents)
    assert fused.doc_ids == [da.id, db.id, dc.id]
    assert set(fused.doc_refs) == {"Orient News-a", "SANA-b", "Reuters-c"}
    # Reuters (wire) outweighs Orient News (local media); the unnamed actor takes no part
    assert fused.actor1 == "Syrian rebels"
    [line] = [x for x in fused.contradictions if x.startswith("actor1:")]
    assert "Orient News" in line and "Reuters" in line and "SANA" not in line
    reports = [c for c in fused.claims if is_report_claim(c)]
    assert [r.by for r in reports] == ["Orient News", "SANA", "Reuters"]
    assert {r.doc_id for r in reports} == set(fused.doc_ids)
    assert [r.stance for r in reports] == ["contradicts", "supports", "supports"]
    quoted = [c for c in fused.claims if not is_report_claim(c)]
    assert quoted[0].by == "Orient News correspondent" and quoted[0].doc_id == da.id
    assert fused.weapons == ["white phosphorus"]
    assert len(fused.evidence) == 3


def test_merge_prefers_exact_date_and_precise_place(make_report):
    a, _ = make_report(
        "Reuters",
        "a",
        event_date=date(2016, 8, 1),
        time_precision=2,
        geo_precision=3,
        location="Aleppo",
        latitude=36.2,
        longitude=37.16,
    )
    b, _ = make_report("SANA", "b")
    fused = merge_group([a, b])
    assert (fused.event_date, fused.time_precision) == (date(2016, 8, 7), 1)
    # two readings of the place, one vote each: the more precise one wins the tie
    assert fused.location == "al-Mashhad" and fused.geo_precision == 1


def test_merge_id_is_stable_and_order_free(make_report):
    a, _ = make_report("Reuters", "a")
    b, _ = make_report("SANA", "b")
    assert merge_group([a, b]).event_id == merge_group([b, a]).event_id
    assert merge_group([a]).event_id != a.event_id


def test_merge_keeps_a_report_flagged_contested(make_report):
    a, _ = make_report("Orient News", "a", contested=True)
    b, _ = make_report("Reuters", "b")
    fused = merge_group([a, b])
    expected = f"occurrence: document {a.doc_ids[0]} reports it as contested"
    assert fused.contradictions == [expected]


def test_merge_joint_actor_is_no_contradiction(make_report):
    a, _ = make_report("Reuters", "a", actor1="Allied Syrian and/or Russian Forces")
    b, _ = make_report("SOHR", "b", actor1="Military Forces of Russia (2000-)")
    fused = merge_group([a, b])
    assert fused.contradictions == []
    assert all(c.stance == "supports" for c in fused.claims)


def test_merge_fatalities_span_contains_the_figure(make_report):
    a, _ = make_report("Reuters", "a", fatalities=130)
    b, _ = make_report("SOHR", "b", fatalities_max=27)  # a range with no single figure
    fused = merge_group([a, b])
    assert fused.fatalities_min <= fused.fatalities <= fused.fatalities_max
    assert (fused.fatalities, fused.fatalities_min, fused.fatalities_max) == (130, 27, 130)

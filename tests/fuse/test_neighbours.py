"""The neighbourhood incremental fusion re-fuses: each report's own date window, not the store."""

from __future__ import annotations

from datetime import date, timedelta

from sitrep.fuse import MatchRules, fuse_store, update_fused
from sitrep.fuse.neighbours import DocumentCache, date_windows, neighbourhood
from sitrep.records import Extraction
from sitrep.store import EventQuery

DAY = date(2016, 8, 7)


def _save(store, pairs):
    for event, document in pairs:
        store.save_extraction(document, Extraction(doc_id=document.id, events=[event]))


def _groups(store):
    fused = store.query_events(EventQuery(layer="fused", limit=None))
    return sorted(sorted(e.doc_ids) for e in fused)


def test_windows_follow_each_reports_own_precision():
    rules = MatchRules.default()
    day = date_windows(1, rules)
    assert day[1] == max(rules.date_tolerance_days[1], rules.text_link_days)  # not 31 days
    assert day[3] == rules.date_tolerance_days[3]  # only a month-dated report looks that far
    assert date_windows(3, rules)[1] == rules.date_tolerance_days[3]


def test_day_report_reads_only_its_window_and_coarse_reports(make_report, any_store):
    fresh_store = any_store  # SQLite, then PostgreSQL (the window is a SQL query)
    near = [make_report("SOHR", f"near{i}", event_date=DAY + timedelta(1)) for i in range(2)]
    far = [make_report("SANA", f"far{i}", event_date=DAY + timedelta(10 + i)) for i in range(30)]
    elsewhere = make_report("SOHR", "homs", admin1="Homs")
    _save(fresh_store, [*near, *far, elsewhere])
    new, _doc = make_report("Reuters", "new")
    rules = MatchRules.default()
    found = set(neighbourhood(fresh_store, [new], rules, DocumentCache(fresh_store)))
    assert found == {new.event_id} | {e.event_id for e, _ in near}  # not 10+ days off, not Homs
    month = make_report("Enab Baladi", "month", event_date=DAY + timedelta(20), time_precision=3)
    _save(fresh_store, [month])
    rules.incremental_rounds = 1
    found = set(neighbourhood(fresh_store, [new], rules, DocumentCache(fresh_store)))
    assert month[0].event_id in found  # a month-dated report 20 days off can still be this event
    assert not found & {e.event_id for e, _ in far}


def test_incremental_cost_does_not_grow_with_the_store(make_report, fresh_store):
    """A new report on a quiet day is fused with its neighbours only, however full the store."""
    busy = [make_report("SANA", f"old{i}", event_date=DAY - timedelta(5 + i)) for i in range(60)]
    _save(fresh_store, busy)
    fuse_store(fresh_store)
    pair = [make_report(o, f"new-{o}") for o in ("SOHR", "Reuters")]
    _save(fresh_store, pair[:1])
    update_fused(fresh_store, [pair[0][1].id])
    _save(fresh_store, pair[1:])
    summary = update_fused(fresh_store, [pair[1][1].id])
    assert summary.report_events == 2  # the new report and the one it joins, not the 60 others
    assert sorted(d.id for _, d in pair) in _groups(fresh_store)


def test_dense_store_neighbourhood_is_capped(make_report, fresh_store):
    """Many reports of one place and day: each update reads the closest few, not all of them."""
    crowd = [make_report("SANA", f"same{i}") for i in range(60)]
    _save(fresh_store, crowd)
    new, _doc = make_report("Reuters", "new")
    rules = MatchRules.default()
    rules.incremental_links, rules.incremental_max_reports = 5, 12
    found = neighbourhood(fresh_store, [new], rules, DocumentCache(fresh_store))
    assert len(found) == 12
    rules.incremental_rounds = 1
    assert len(neighbourhood(fresh_store, [new], rules, DocumentCache(fresh_store))) == 1 + 5


def test_neighbourhood_reaches_compatible_families(make_report, fresh_store):
    """A strike report's search reads the clash reports of its day too: compatible families
    (matching.yaml) may tell one incident (same named place, close tolls), so incremental fusion
    must see them (bug: the search read the strike's own family only)."""
    clash = make_report(
        "SOHR", "clash", event_type="Battles", sub_event_type="Armed clash", fatalities=18
    )
    protest = make_report("SOHR", "demo", event_type="Protests", sub_event_type="Peaceful protest")
    _save(fresh_store, [clash, protest])
    new, _doc = make_report("Reuters", "strike", fatalities=18)
    found = set(neighbourhood(fresh_store, [new], MatchRules.default(), DocumentCache(fresh_store)))
    assert clash[0].event_id in found
    assert protest[0].event_id not in found

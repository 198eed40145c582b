"""Incremental fusion (update_fused) and a user's corrections (split, join), in a real store."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from fuse_helpers import DARET_EZZA, MARJEH

from sitrep.errors import InputError
from sitrep.fuse import fuse_store, join_fused, split_fused, update_fused
from sitrep.records import Extraction
from sitrep.store import EventQuery, open_store
from sitrep.store.fused import fused_member_reasons

SHELLING = {"sub_event_type": "Shelling/artillery/missile attack"}


def _reports(make_report):
    """Three incidents reported by several outlets, and distractors on nearby days and places."""
    day = date(2016, 8, 7)
    outlets = ["Reuters", "SOHR", "SANA", "Orient News", "Enab Baladi"]
    out = []
    for i, outlet in enumerate(outlets[:3]):  # an air strike on al-Mashhad, 3 outlets
        out.append(make_report(outlet, f"mashhad{i}", fatalities=5 + i))
    for i, outlet in enumerate(outlets[1:4]):  # shelling of al-Marjeh the next day
        out.append(
            make_report(outlet, f"marjeh{i}", event_date=day + timedelta(1), **MARJEH, **SHELLING)
        )
    for i, outlet in enumerate(outlets[3:]):  # Daret Ezza two days later
        out.append(make_report(outlet, f"daret{i}", event_date=day + timedelta(2), **DARET_EZZA))
    for i in range(4):  # distractors: same places, other days
        out.append(make_report("SANA", f"other{i}", event_date=day + timedelta(5 + 3 * i)))
    return out


def _groups(store):
    fused = store.query_events(EventQuery(layer="fused", limit=None))
    return sorted(sorted(e.doc_ids) for e in fused)


def _save(store, pairs):
    for event, document in pairs:
        store.save_extraction(document, Extraction(doc_id=document.id, events=[event]))


def test_update_fused_any_order_gives_full_rebuild_groups(make_report, tmp_path):
    reports = _reports(make_report)
    full = open_store(f"sqlite:///{tmp_path / 'full.db'}")
    _save(full, reports)
    fuse_store(full)
    expected = _groups(full)
    full.close()
    assert sorted(len(g) for g in expected if len(g) > 1) == [2, 3, 3]
    for seed in range(3):
        order = reports[:]
        random.Random(seed).shuffle(order)
        store = open_store(f"sqlite:///{tmp_path / f'inc{seed}.db'}")
        for pair in order:
            _save(store, [pair])
            update_fused(store, [pair[1].id])
        assert _groups(store) == expected
        store.close()


def test_fused_members_record_why_each_report_was_linked(make_report, fresh_store):
    _save(fresh_store, _reports(make_report)[:3])
    fuse_store(fresh_store)
    [fused] = fresh_store.query_events(EventQuery(layer="fused"))
    reasons = fused_member_reasons(fresh_store, fused.event_id)
    assert len(reasons) == 3
    assert sum(r.startswith("lead event; matches") for r in reasons.values()) == 2
    assert any("0 day(s) apart" in r and "tolls" in r for r in reasons.values())


def test_split_survives_a_rerun_and_new_reports(make_report, fresh_store):
    reports = _reports(make_report)
    _save(fresh_store, reports[:3])
    fuse_store(fresh_store)
    [fused] = fresh_store.query_events(EventQuery(layer="fused"))
    taken = reports[2][0].event_id
    split_fused(fresh_store, fused.event_id, [taken])
    after = _groups(fresh_store)
    assert sorted(len(g) for g in after) == [1, 2]
    fuse_store(fresh_store)
    assert _groups(fresh_store) == after
    late, late_doc = make_report("Enab Baladi", "late", fatalities=6)
    _save(fresh_store, [(late, late_doc)])
    update_fused(fresh_store, [late_doc.id])
    groups = _groups(fresh_store)
    assert [reports[2][1].id] in groups  # still on its own
    assert any(len(g) == 3 and late_doc.id in g for g in groups)


def test_split_without_reports_puts_every_report_apart(make_report, fresh_store):
    _save(fresh_store, _reports(make_report)[:3])
    fuse_store(fresh_store)
    [fused] = fresh_store.query_events(EventQuery(layer="fused"))
    split_fused(fresh_store, fused.event_id)
    fuse_store(fresh_store)
    assert [len(g) for g in _groups(fresh_store)] == [1, 1, 1]


def test_join_survives_a_rerun(make_report, fresh_store):
    reports = _reports(make_report)
    picked = [reports[0], reports[-1]]  # al-Mashhad on day 0 and a distractor 14 days later
    _save(fresh_store, picked)
    fuse_store(fresh_store)
    ids = [e.event_id for e in fresh_store.query_events(EventQuery(layer="fused"))]
    assert len(ids) == 2
    join_fused(fresh_store, ids[0], ids[1])
    assert [len(g) for g in _groups(fresh_store)] == [2]
    fuse_store(fresh_store)
    [joined] = fresh_store.query_events(EventQuery(layer="fused"))
    assert len(joined.doc_ids) == 2
    reasons = fused_member_reasons(fresh_store, joined.event_id)
    assert any("user's decision" in r for r in reasons.values())


def test_split_of_unknown_fused_event_is_a_user_error(fresh_store):
    with pytest.raises(InputError):
        split_fused(fresh_store, "fu-0000")

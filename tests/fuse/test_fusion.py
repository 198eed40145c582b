"""Fusing through the store and the CLI (real SQLite)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from sitrep.cli import _register, app
from sitrep.records import Extraction
from sitrep.store import EventQuery, open_store

RUSSIA = "Military Forces of Russia (2000-)"


@pytest.fixture
def filled_store(tmp_path, make_report):
    url = f"sqlite:///{tmp_path / 'events.db'}"
    store = open_store(url)
    shelling = {"sub_event_type": "Shelling/artillery/missile attack", "actor1": RUSSIA}
    reports = [
        make_report("Reuters", "a", fatalities=5, **shelling),
        make_report("Orient News", "b", fatalities=7, **shelling),
        make_report(
            "SANA",
            "c",
            actor1="Syrian rebels",
            location="Daret Ezza",
            latitude=36.28,
            longitude=36.85,
        ),
    ]
    for event, document in reports:
        store.save_extraction(document, Extraction(doc_id=document.id, events=[event]))
    yield url, store, reports
    store.close()


def test_fusion_store_round_trip(filled_store):
    from sitrep.fuse.fusion import fuse_store

    url, store, reports = filled_store
    summary = fuse_store(store)
    assert (summary.report_events, summary.fused_events, summary.multi_report) == (3, 2, 1)
    fused = store.query_events(EventQuery(layer="fused", order_by="-fatalities"))
    assert (fused[0].fatalities, fused[0].fatalities_min, fused[0].fatalities_max) == (5, 5, 7)
    assert fused[0].grade == "confirmed"  # a wire and a second outlet, no contradiction
    by_doc = store.query_events(EventQuery(layer="fused", doc_id=reports[1][1].id))
    assert [e.event_id for e in by_doc] == [fused[0].event_id]
    # running it again replaces the fused layer, it does not add to it
    fuse_store(store)
    assert store.count_events(EventQuery(layer="fused")) == 2


def test_fusion_cli_fuse_and_credibility(filled_store):
    url, _store, reports = filled_store
    _register()
    runner = CliRunner()
    result = runner.invoke(app, ["fuse", "--db", url])
    assert result.exit_code == 0, result.output
    assert "3 report events -> 2 fused events" in result.output
    result = runner.invoke(app, ["credibility", "--db", url, "--format", "json"])
    assert result.exit_code == 0, result.output
    start = result.output.index("[")
    scores = {s["doc_id"]: s for s in json.loads(result.output[start:])}
    reuters, sana = reports[0][1].id, reports[2][1].id
    assert scores[reuters]["n_corroborated"] == 1 and scores[sana]["n_corroborated"] == 0
    assert scores[reuters]["score"] > scores[sana]["score"]


def test_fusion_cli_bad_db_is_one_line(tmp_path):
    _register()
    result = CliRunner().invoke(app, ["fuse", "--db", "postgresql://nobody@127.0.0.1:1/none"])
    assert result.exit_code == 1

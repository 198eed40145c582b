"""`sitrep fuse split|join` on a real SQLite store (CliRunner)."""

from __future__ import annotations

from typer.testing import CliRunner

from sitrep.cli import _register, app
from sitrep.records import Extraction
from sitrep.store import EventQuery, open_store


def _fused_ids(url: str) -> list[str]:
    with open_store(url) as store:
        return [e.event_id for e in store.query_events(EventQuery(layer="fused"))]


def test_fusion_cli_split_then_join_and_rerun(make_report, tmp_path):
    url = f"sqlite:///{tmp_path / 'events.db'}"
    reports = [make_report(o, o, fatalities=4) for o in ("Reuters", "SOHR")]
    with open_store(url) as store:
        for event, document in reports:
            store.save_extraction(document, Extraction(doc_id=document.id, events=[event]))
    _register()
    runner = CliRunner()
    assert "2 report events -> 1 fused events" in runner.invoke(app, ["fuse", "--db", url]).output
    [fused] = _fused_ids(url)
    split = runner.invoke(
        app, ["fuse", "split", fused, "--report", reports[1][0].event_id, "--db", url]
    )
    assert split.exit_code == 0, split.output
    assert len(_fused_ids(url)) == 2
    assert runner.invoke(app, ["fuse", "--db", url]).exit_code == 0
    ids = _fused_ids(url)
    assert len(ids) == 2  # the split holds on a full re-run
    join = runner.invoke(app, ["fuse", "join", *ids, "--db", url])
    assert join.exit_code == 0, join.output
    runner.invoke(app, ["fuse", "--db", url])
    assert len(_fused_ids(url)) == 1  # the later join wins over the earlier split
    unknown = runner.invoke(app, ["fuse", "split", "fu-0000", "--db", url])
    assert unknown.exit_code == 1 and "No fused event" in unknown.output

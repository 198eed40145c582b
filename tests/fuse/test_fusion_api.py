"""The fused layer over HTTP: reasons for each link, split and join (real uvicorn, real store)."""

from __future__ import annotations

from pathlib import Path

import httpx

from sitrep.fuse import fuse_store
from sitrep.records import Extraction
from sitrep.store import EventQuery, open_store


def _fused_store(make_report, path: Path) -> list[str]:
    reports = [make_report(o, o, fatalities=5) for o in ("Reuters", "SOHR", "SANA")]
    with open_store(str(path)) as store:
        for event, document in reports:
            store.save_extraction(document, Extraction(doc_id=document.id, events=[event]))
        fuse_store(store)
    return [event.event_id for event, _ in reports]


def test_fusion_api_reasons_split_and_join(make_report, tmp_path: Path) -> None:
    from api_fixtures import serve_in_thread
    from sitrep.api import create_app

    path = tmp_path / "fused.db"
    reports = _fused_store(make_report, path)
    app = create_app(str(path))
    with serve_in_thread(app) as url, httpx.Client(base_url=url) as client:
        [fused] = client.get("/api/events", params={"layer": "fused"}).json()["events"]
        detail = client.get(f"/api/fused/{fused['event_id']}").json()
        split = client.post(f"/api/fused/{fused['event_id']}/split", json={"reports": [reports[2]]})
        ids = split.json()["fused_ids"]
        join = client.post("/api/fused/join", json={"ids": ids})
        unknown = client.get("/api/fused/fu-0000")
    app.state.store.close()
    assert sorted(m["event_id"] for m in detail["members"]) == sorted(reports)
    assert {m["outlet"] for m in detail["members"]} == {"Reuters", "SOHR", "SANA"}
    assert sum("matches" in m["reason"] for m in detail["members"]) == 2
    assert split.status_code == 200 and len(ids) == 2
    assert join.status_code == 200 and len(join.json()["fused_ids"]) == 1
    assert unknown.status_code == 404
    with open_store(str(path)) as store:  # the join is kept by a full re-run
        fuse_store(store)
        assert len(store.query_events(EventQuery(layer="fused"))) == 1


def test_fusion_api_read_only_refuses_split(make_report, tmp_path: Path) -> None:
    from api_fixtures import serve_in_thread
    from sitrep.api import create_app

    path = tmp_path / "fused.db"
    _fused_store(make_report, path)
    app = create_app(str(path), read_only=True)
    with serve_in_thread(app) as url, httpx.Client(base_url=url) as client:
        [fused] = client.get("/api/events", params={"layer": "fused"}).json()["events"]
        refused = client.post(f"/api/fused/{fused['event_id']}/split", json={})
    app.state.store.close()
    assert refused.status_code == 403

"""The HTTP API through a real HTTP client against uvicorn on localhost."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from sitrep.records import Document, Extraction
from testdata import shared_file


def _ids(response: httpx.Response) -> list[str]:
    assert response.status_code == 200, response.text
    return [e["event_id"] for e in response.json()["events"]]


def test_api_events_lists_all_with_total(live: httpx.Client) -> None:
    body = live.get("/api/events").json()
    assert body["total"] == 2 and len(body["events"]) == 2 and body["next"] is None


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"event_type": "Battles"}, ["-2"]),
        ({"sub_event_type": "Shelling/artillery/missile attack"}, ["-1"]),
        ({"actor": "actor c"}, ["-2"]),
        ({"admin1": "Aleppo"}, ["-1"]),
        ({"bbox": "36,36,38,37"}, ["-1"]),
        ({"bbox": "36,30,-170,37"}, ["-1", "-2"]),  # crosses the antimeridian: 36..180, -180..-170
        ({"bbox": "170,30,36.5,37"}, ["-2"]),  # 170..180, -180..36.5: Damascus, not Aleppo
        ({"near": "33.57,36.40,10"}, ["-2"]),
        ({"grade": "contested"}, ["-1"]),
        ({"contested": "true"}, ["-1"]),
        ({"contested": "false"}, ["-2"]),
        ({"since": "2016-08-06"}, []),
        ({"until": "2016-08-05", "order_by": "-fatalities"}, ["-1", "-2"]),
        ({"order_by": "fatalities"}, ["-1", "-2"]),  # NULL fatalities sort last
        ({"layer": "fused"}, []),
    ],
)
def test_api_events_filters(
    live: httpx.Client, params: dict[str, str], expected: list[str]
) -> None:
    ids = _ids(live.get("/api/events", params=params))
    assert [i[-2:] for i in ids] == expected


def test_api_events_paging_next_link(live: httpx.Client) -> None:
    first = live.get("/api/events", params={"limit": 1, "order_by": "event_id"}).json()
    assert first["total"] == 2 and len(first["events"]) == 1
    second = live.get(first["next"]).json()
    assert second["offset"] == 1 and second["next"] is None
    assert second["events"][0]["event_id"] != first["events"][0]["event_id"]


@pytest.mark.parametrize(
    ("params", "needle"),
    [
        ({"bbox": "1,2,3"}, "bbox"),
        ({"bbox": "40,30,200,37"}, "longitudes"),
        ({"bbox": "36,37,38,36"}, "latitudes"),
        ({"near": "95,36,10"}, "near"),
        ({"near": "36,36,-1"}, "radius"),
        ({"event_type": "Picnic"}, "unknown event type"),
        ({"sub_event_type": "Picnic"}, "sub-event"),
        ({"limit": "0"}, "limit"),
        ({"limit": "100000"}, "limit"),
        ({"offset": "-1"}, "offset"),
        ({"since": "2016-13-01"}, "since"),
        ({"since": "2016-08-06", "until": "2016-08-01"}, "until"),
        ({"order_by": "random()"}, "order_by"),
        ({"layer": "draft"}, "layer"),
        ({"grade": "B"}, "grade"),  # grades are the fuse stage's words, not letters
    ],
)
def test_api_events_bad_input_is_422(
    live: httpx.Client, params: dict[str, str], needle: str
) -> None:
    response = live.get("/api/events", params=params)
    assert response.status_code == 422
    assert needle in response.text


def test_api_event_detail_has_claims_evidence_and_text(
    live: httpx.Client, demo_db: tuple[Path, Document, Extraction]
) -> None:
    _, doc, extraction = demo_db
    event_id = extraction.events[0].event_id
    body = live.get(f"/api/events/{event_id}").json()
    assert body["layer"] == "report"
    assert [c["stance"] for c in body["event"]["claims"]] == ["supports", "contradicts"]
    evidence = body["event"]["evidence"]
    text = body["documents"][0]["text"]
    assert text == doc.text
    assert all(text[e["start"] : e["end"]] == e["text"] for e in evidence)
    assert [r["event_id"] for r in body["reports"]] == [extraction.events[1].event_id]


def test_api_unknown_ids_are_404(live: httpx.Client) -> None:
    assert live.get("/api/events/nope").status_code == 404
    assert live.get("/api/documents/nope").status_code == 404
    assert live.get("/api/events/bad%20id").status_code == 422


def test_api_documents(live: httpx.Client, demo_db: tuple[Path, Document, Extraction]) -> None:
    _, doc, _ = demo_db
    listing = live.get("/api/documents").json()
    assert [d["id"] for d in listing["documents"]] == [doc.id]
    assert "text" not in listing["documents"][0] and listing["documents"][0]["chars"] == len(
        doc.text
    )
    detail = live.get(f"/api/documents/{doc.id}").json()
    assert detail["document"]["text"] == doc.text and len(detail["events"]) == 2


def test_api_geojson(live: httpx.Client) -> None:
    response = live.get("/api/events.geojson", params={"event_type": "Battles"})
    assert response.headers["content-type"].startswith("application/geo+json")
    features = response.json()["features"]
    assert len(features) == 1 and features[0]["geometry"]["coordinates"] == [36.4011, 33.5711]


def test_api_health_and_openapi(live: httpx.Client) -> None:
    health = live.get("/api/health").json()
    assert health == health | {"status": "ok", "events": 2, "fused_events": 0, "read_only": False}
    schema = live.get("/openapi.json").json()
    assert {"/api/events", "/api/events/{event_id}", "/api/ingest", "/api/health"} <= set(
        schema["paths"]
    )
    assert live.get("/docs").status_code == 200


def test_api_pages_share_the_events_function(live: httpx.Client) -> None:
    page_json = live.get("/events", params={"_format": "json", "admin1": "Aleppo"}).json()
    api_json = live.get("/api/events", params={"admin1": "Aleppo"}).json()
    assert page_json["events"] == api_json["events"]
    html = live.get("/events").text
    assert "Synthetic Actor A" in html and "leaflet-1.9.4.js" in html


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"text": "Long enough text about shelling in Aleppo today.", "url": "https://example.org/"},
        {"text": "too short"},
        {"url": "not a url"},
        {"text": "Long enough text about shelling in Aleppo today.", "published": "yesterday"},
        {"text": "Long enough text about shelling in Aleppo today.", "colour": "red"},
    ],
)
def test_api_ingest_bad_input_is_422(live: httpx.Client, body: dict[str, str]) -> None:
    assert live.post("/api/ingest", json=body).status_code == 422


def test_api_read_only_rejects_ingest(read_only: httpx.Client) -> None:
    response = read_only.post("/api/ingest", json={"text": "Shelling hit Aleppo, killing two."})
    assert response.status_code == 403
    assert read_only.get("/api/health").json()["read_only"] is True


@pytest.mark.usefixtures("extractor")
def test_api_ingest_seed_article_returns_and_stores_events(writable: httpx.Client) -> None:
    live = writable
    payload = {
        "text": shared_file("seed/aleppo-siege-broken.txt").read_text(encoding="utf-8"),
        "title": "Aleppo siege broken",
        "published": "2016-08-07",
        "source": "Orient News",
    }
    response = live.post("/api/ingest", json=payload)
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["new"] is True and body["events"]
    doc_id = body["document"]["id"]
    stored = live.get("/api/events", params={"doc_id": doc_id, "limit": 1000}).json()
    assert sorted(e["event_id"] for e in stored["events"]) == sorted(
        e["event_id"] for e in body["events"]
    )
    again = live.post("/api/ingest", json=payload).json()
    assert again["new"] is False


def test_serve_get_answers_without_a_server(demo_db: tuple[Path, Document, Extraction]) -> None:
    sitrep = str(Path(sys.executable).with_name("sitrep"))
    result = subprocess.run(
        [sitrep, "serve", "--db", str(demo_db[0]), "--get", "/api/events?event_type=Battles"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert '"total":1' in result.stdout
    bad = subprocess.run(
        [sitrep, "serve", "--db", str(demo_db[0]), "--get", "/api/events?limit=0"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode == 1 and "422" in bad.stderr


@pytest.mark.usefixtures("extractor")
def test_api_ingest_by_url_fetches_and_extracts(
    writable: httpx.Client, private_urls: httpx.Client, tmp_path: Path
) -> None:
    live = private_urls
    import functools
    import http.server
    import threading

    (tmp_path / "article.txt").write_text(
        "Synthetic test article. Shelling hit the town of Douma on Monday, "
        "killing three civilians, a local monitor said.",
        encoding="utf-8",
    )
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler) as origin:
        threading.Thread(target=origin.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{origin.server_address[1]}/article.txt"
        refused = writable.post("/api/ingest", json={"url": url})
        response = live.post("/api/ingest", json={"url": url, "source": "Test Outlet"})
        missing = live.post("/api/ingest", json={"url": url.replace("article", "missing")})
        origin.shutdown()
    # by default the server never fetches its own loopback for a client
    assert refused.status_code == 422 and refused.json()["code"] == "E111", refused.text
    assert response.status_code == 201, response.text
    assert response.json()["document"]["outlet"] == "Test Outlet"
    assert missing.status_code == 422 and "404" in missing.text


def test_api_fused_event_lists_its_reports(tmp_path: Path) -> None:
    from api_fixtures import demo_extraction, serve_in_thread
    from sitrep.api import create_app
    from sitrep.store import open_store

    doc, extraction = demo_extraction()
    shelling = extraction.events[0]
    fused = shelling.model_copy(
        update={"event_id": "fu-test", "grade": "fair", "contradictions": ["fatalities: 4 vs 0"]}
    )
    path = tmp_path / "fused.db"
    with open_store(str(path)) as store:
        store.save_extraction(doc, extraction)
        store.replace_fused([fused])
    app = create_app(str(path), read_only=True)
    with serve_in_thread(app) as url, httpx.Client(base_url=url) as client:
        listing = client.get("/api/events", params={"layer": "fused"}).json()
        detail = client.get("/api/events/fu-test").json()
        page = client.get("/events/fu-test").text
    app.state.store.close()
    assert [e["event_id"] for e in listing["events"]] == ["fu-test"]
    assert detail["layer"] == "fused"
    assert [r["event_id"] for r in detail["reports"]] == [shelling.event_id]
    assert "fatalities: 4 vs 0" in page and "grade fair" in page


def test_api_body_not_json_is_422_as_documented(live: httpx.Client) -> None:
    response = live.post(
        "/api/ingest", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["type"] == "json_invalid"
    doc = (Path(__file__).resolve().parents[2] / "docs" / "serve.md").read_text("utf-8")
    assert "a body that is not JSON is a 422" in doc.replace("\n", " ")


def test_api_evidence_note_is_served_and_escaped_on_the_page(tmp_path: Path) -> None:
    # the classifier's evidence: the sentence as text (the Evidence contract), its note beside
    from api_fixtures import demo_extraction, serve_in_thread
    from sitrep.api import create_app
    from sitrep.store import open_store

    doc, extraction = demo_extraction()
    shelling = extraction.events[0]
    cited = shelling.evidence[0]
    note = 'classifier: Attack 0.82; rules: <script>window.x = 1</script>"'
    item = cited.model_copy(update={"field": "classifier", "note": note})
    event = shelling.model_copy(update={"evidence": [*shelling.evidence, item]})
    path = tmp_path / "note.db"
    with open_store(str(path)) as store:
        store.save_extraction(doc, extraction.model_copy(update={"events": [event]}))
    app = create_app(str(path), read_only=True)
    with serve_in_thread(app) as url, httpx.Client(base_url=url) as client:
        detail = client.get(f"/api/events/{event.event_id}").json()
        page = client.get(f"/events/{event.event_id}").text
    app.state.store.close()
    served = [e for e in detail["event"]["evidence"] if e["field"] == "classifier"]
    assert served == [item.model_dump(mode="json")]
    assert doc.text[served[0]["start"] : served[0]["end"]] == served[0]["text"]
    assert "&lt;script&gt;window.x = 1&lt;/script&gt;" in page and "<script>window.x" not in page

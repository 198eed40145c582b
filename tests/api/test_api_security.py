"""Who may write (tokens, read-only on shared hosts), security headers, 503 when the database is
down, and `POST /api/extract` on stored documents."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from api_fixtures import TOKEN, demo_extraction, free_port, serve_in_thread
from sitrep.api import create_app
from sitrep.api.security import content_security_policy, is_loopback_host, load_token
from sitrep.errors import ConfigError
from sitrep.records import Document
from sitrep.store import open_store

ARTICLE = (
    "Synthetic test article. Shelling hit the town of Douma on Monday, killing three "
    "civilians, a local monitor said."
)


@pytest.mark.parametrize(
    "header",
    [None, "Bearer wrong-token-of-some-length", f"Basic {TOKEN}", f"Bearer {TOKEN}x", "Bearer"],
)
def test_api_security_writes_need_the_token(guarded: httpx.Client, header: str | None) -> None:
    headers = {"Authorization": header} if header else {}
    for path, body in (("/api/ingest", {"text": ARTICLE}), ("/api/extract", {})):
        response = guarded.post(path, json=body, headers=headers)
        assert response.status_code == 401, response.text
        assert response.headers["www-authenticate"] == "Bearer"
        assert TOKEN not in response.text
    assert guarded.get("/api/events").status_code == 200  # reading needs no token


@pytest.mark.usefixtures("extractor")
def test_api_security_token_lets_writes_through(
    guarded: httpx.Client, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    auth = {"Authorization": f"Bearer {TOKEN}"}
    response = guarded.post("/api/ingest", json={"text": ARTICLE}, headers=auth)
    assert response.status_code == 201, response.text
    assert TOKEN not in caplog.text  # never logged


def test_api_security_read_only_answers_403_to_every_write(tmp_path: Path) -> None:
    app = create_app(str(tmp_path / "ro.db"), read_only=True, token=TOKEN)
    with serve_in_thread(app) as url, httpx.Client(base_url=url) as client:
        auth = {"Authorization": f"Bearer {TOKEN}"}
        codes = [
            client.post(p, json=b, headers=auth).status_code
            for p, b in (("/api/ingest", {"text": ARTICLE}), ("/api/extract", {}))
        ]
    app.state.store.close()
    assert codes == [403, 403]


def test_api_security_headers_on_pages_api_and_docs(live: httpx.Client) -> None:
    for path in ("/events", "/api/events", "/docs", "/static/app.js", "/api/events/nope"):
        headers = live.get(path).headers
        csp = headers["content-security-policy"]
        assert "script-src 'self';" in csp and "'unsafe-inline'" not in csp.split("style-src")[0]
        assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "no-referrer"
    docs = live.get("/docs").text
    assert "<script>" not in docs and "/static/swagger-init.js" in docs
    assert live.get("/static/swagger-init.js").status_code == 200


def test_api_security_csp_allows_the_configured_tile_host() -> None:
    csp = content_security_policy("https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png")
    assert "img-src 'self' data: https://*.tile.openstreetmap.org;" in csp
    assert "img-src 'self' data:;" in content_security_policy(None)


def test_api_security_load_token(tmp_path: Path) -> None:
    path = tmp_path / "token"
    path.write_text(TOKEN + "\n", encoding="utf-8")
    assert load_token(path, {}) == TOKEN
    assert load_token(None, {"SITREP_TOKEN": TOKEN}) == TOKEN
    assert load_token(None, {}) is None
    path.write_text("short\n", encoding="utf-8")
    with pytest.raises(ConfigError):
        load_token(path, {})
    with pytest.raises(ConfigError):
        load_token(tmp_path / "missing", {})


@pytest.mark.parametrize(
    ("host", "loopback"),
    [("127.0.0.1", True), ("localhost", True), ("::1", True), ("[::1]", True),
     ("0.0.0.0", False), ("::", False), ("10.0.0.5", False), ("example.org", False)],
)
def test_api_security_is_loopback_host(host: str, loopback: bool) -> None:
    assert is_loopback_host(host) is loopback


def test_api_security_serve_on_a_shared_host_without_token_is_read_only(tmp_path: Path) -> None:
    """`sitrep serve --host 0.0.0.0` with no token starts read-only and says so."""
    db = tmp_path / "shared.db"
    open_store(str(db)).close()
    port = free_port()
    code = "from sitrep.cli import main; main()"
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": ":".join(sys.path), "HOME": str(tmp_path)}
    server = subprocess.Popen(
        [sys.executable, "-c", code, "serve", "--db", str(db), "--host", "0.0.0.0",
         "--port", str(port)],
        stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=env,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(300):
            try:
                health = httpx.get(f"{base}/api/health", timeout=2).json()
                break
            except httpx.HTTPError:
                if server.poll() is not None:
                    break
                import time

                time.sleep(0.1)
        refused = httpx.post(f"{base}/api/ingest", json={"text": ARTICLE}, timeout=10)
    finally:
        server.terminate()
        _, err = server.communicate(timeout=30)
    assert health["read_only"] is True, err
    assert refused.status_code == 403
    assert "read-only" in err and "no token is set" in err


def test_api_security_database_down_is_503_then_recovers(tmp_path: Path) -> None:
    """A database that cannot be reached answers 503 with Retry-After, then recovers."""
    path = tmp_path / "flaky.db"
    doc, extraction = demo_extraction()
    with open_store(str(path)) as store:
        store.save_extraction(doc, extraction)
    app = create_app(str(path))
    moved = tmp_path / "moved-away.db"
    with serve_in_thread(app) as url, httpx.Client(base_url=url) as client:
        assert client.get("/api/events").status_code == 200
        app.state.store.engine.dispose()
        path.rename(moved)
        path.mkdir()  # SQLite cannot open a folder: "unable to open database file"
        down = client.get("/api/events")
        path.rmdir()
        moved.rename(path)
        back = client.get("/api/events")
    app.state.store.close()
    assert down.status_code == 503, down.text
    assert down.headers["retry-after"] == "5"
    assert down.json()["code"].startswith("E3")  # a StoreError, named by its code
    assert back.status_code == 200


@pytest.mark.usefixtures("extractor")
def test_api_extract_extracts_stored_documents(tmp_path: Path) -> None:
    path = tmp_path / "stored.db"
    with open_store(str(path)) as store:
        for n in range(3):
            store.save_document(Document.from_text(f"{ARTICLE} Report {n}.", ref=f"r{n}"))
    app = create_app(str(path))
    with serve_in_thread(app) as url, httpx.Client(base_url=url, timeout=120) as client:
        first = client.post("/api/extract", json={"limit": 2}).json()
        second = client.post("/api/extract", json={}).json()
        third = client.post("/api/extract", json={}).json()
        redo = client.post("/api/extract", json={"all": True, "limit": 2, "offset": 2}).json()
        events = client.get("/api/events").json()["total"]
        bad = client.post("/api/extract", json={"limit": 0})
    app.state.store.close()
    assert (first["extracted"], first["remaining"]) == (2, 1)
    assert (second["extracted"], second["remaining"]) == (1, 0)
    assert (third["extracted"], third["remaining"]) == (0, 0)
    assert (redo["extracted"], redo["remaining"]) == (1, 0)
    assert first["events"] + second["events"] == events > 0
    assert bad.status_code == 422

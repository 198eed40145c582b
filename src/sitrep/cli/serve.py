"""`sitrep serve`: the HTTP API and web page; `--get PATH` answers one request without a server."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlsplit

import typer

from sitrep.cli import app
from sitrep.cli.options import DbOption, run_cli, stderr

__all__ = ["serve_cli", "call_app"]


def call_app(asgi: Any, path: str, method: str = "GET", body: bytes = b"") -> tuple[int, bytes]:
    """Send one request to an ASGI app in-process (no socket) and return (status, body).

    asgi (ASGI app): the application.
    path (str): path with query string, e.g. "/api/events?limit=1".
    method (str): HTTP method.
    body (bytes): request body.
    RETURNS (tuple): the status code and the response body.
    """
    parts = urlsplit(path)
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": parts.path or "/",
        "raw_path": (parts.path or "/").encode(),
        "query_string": parts.query.encode(),
        "root_path": "",
        "headers": [(b"host", b"localhost"), (b"content-type", b"application/json")],
        "client": ("127.0.0.1", 0),
        "server": ("localhost", 80),
    }
    status = 0
    chunks: list[bytes] = []
    sent = False

    async def receive() -> dict[str, Any]:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        await asyncio.sleep(3600)
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    asyncio.run(asgi(scope, receive, send))
    return status, b"".join(chunks)


@app.command("serve")
@run_cli
def serve_cli(
    db: DbOption = None,
    host: Annotated[str | None, typer.Option(help="Address to listen on.")] = None,
    port: Annotated[int | None, typer.Option(help="Port.", min=1, max=65535)] = None,
    read_only: Annotated[
        bool, typer.Option("--read-only", help="Refuse writes (POST /api/ingest: 403).")
    ] = False,
    tiles_url: Annotated[
        str | None, typer.Option(help="Online tile URL template offered on the map.")
    ] = None,
    fetch_urls: Annotated[
        bool | None,
        typer.Option("--fetch-urls/--no-fetch-urls", help="Allow POST /api/ingest by URL."),
    ] = None,
    get: Annotated[
        str | None, typer.Option("--get", help="Answer one GET for PATH on stdout and exit.")
    ] = None,
    token_file: Annotated[
        Path | None,
        typer.Option(
            "--token-file",
            help="A file holding the write token (else SITREP_TOKEN): writing endpoints then "
            "want 'Authorization: Bearer <token>'.",
        ),
    ] = None,
    allow_private_urls: Annotated[
        bool,
        typer.Option(
            "--allow-private-urls",
            help="Let POST /api/ingest and the watched feeds fetch URLs on loopback, private and "
            "reserved addresses.",
        ),
    ] = False,
    watch: Annotated[
        bool, typer.Option("--watch", help="Also follow the saved feeds (as sitrep watch).")
    ] = False,
) -> None:
    """Serve the API (/api, OpenAPI at /docs) and the map page (/events).

    Example: sitrep serve --db events.db --read-only   (then open http://127.0.0.1:8000/)
    Example: sitrep serve --db events.db --get '/api/events?admin1=Aleppo&limit=5'

    Example: sitrep serve --host 0.0.0.0 --token-file ~/.sitrep-token   (a shared host: writes
    need the token; without one the server starts read-only)
    """
    from sitrep.extras import require

    for module in ("fastapi", "uvicorn"):
        require(module, "serve", "sitrep serve")
    from sitrep.api import create_app
    from sitrep.api.security import is_loopback_host, load_token
    from sitrep.config import load_config

    settings = load_config()["serve"]
    bind_host = host or str(settings.get("host") or "127.0.0.1")
    bind_port = port or int(settings.get("port") or 8000)
    token = load_token(token_file)
    read_only = read_only or bool(settings.get("read_only"))
    if get is None and not token and not read_only and not is_loopback_host(bind_host):
        read_only = True
        stderr.print(
            f"[yellow]read-only:[/yellow] {bind_host} is reachable from other machines and no "
            "token is set (--token-file or SITREP_TOKEN); writing endpoints answer 403.",
            highlight=False,
            soft_wrap=True,
        )
    application = create_app(
        db,
        read_only=read_only,
        tiles_url=tiles_url if tiles_url is not None else (settings.get("tiles_url") or None),
        fetch_urls=bool(settings.get("fetch_urls", True)) if fetch_urls is None else fetch_urls,
        token=token,
        allow_private_urls=allow_private_urls,
    )
    if get is not None:
        status, body = call_app(application, get)
        application.state.store.close()
        sys.stdout.buffer.write(body)
        if not body.endswith(b"\n"):
            sys.stdout.buffer.write(b"\n")
        sys.stdout.flush()
        if status >= 400:
            stderr.print(f"HTTP {status}")
            raise typer.Exit(code=1)
        return
    import uvicorn

    writes = "read-only" if read_only else ("writes need the token" if token else "writable")
    stderr.print(
        f"sitrep serving {application.state.database} on http://{bind_host}:{bind_port}/ "
        f"({writes})",
        highlight=False,
        soft_wrap=True,
    )
    if not watch:
        uvicorn.run(application, host=bind_host, port=bind_port, log_level="info")
        return
    from sitrep.cli.watch import setup_logging
    from sitrep.watch.background import watch_in_background

    setup_logging(verbose=True)
    with watch_in_background(db, allow_private=allow_private_urls):
        uvicorn.run(application, host=bind_host, port=bind_port, log_level="info")

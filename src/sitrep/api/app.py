"""The FastAPI application: JSON API under /api, web pages at /, OpenAPI at /docs."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from sqlalchemy import exc as sa_exc

from sitrep import __version__
from sitrep.api.security import SecurityHeaders
from sitrep.errors import ConfigError, InputError, SitrepError, StoreError

__all__ = ["create_app", "redact_url"]

DOCS_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>sitrep API</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/static/swagger-ui-5.17.14.css"></head>
<body><div id="swagger-ui"></div>
<script src="/static/swagger-ui-bundle-5.17.14.js"></script>
<script src="/static/swagger-init.js"></script>
</body></html>
"""


def redact_url(url: str) -> str:
    """Return a database URL with any password replaced by ***."""
    return re.sub(r"(://[^:/@]+:)[^@]*@", r"\1***@", url)


def _error(status: int, message: str, code: str | None = None) -> JSONResponse:
    return JSONResponse(status_code=status, content={"detail": message, "code": code})


def _unavailable(message: str, code: str) -> JSONResponse:
    response = _error(503, message, code)
    response.headers["Retry-After"] = "5"
    return response


def create_app(
    store_url: str | None = None,
    read_only: bool = False,
    *,
    store: Any = None,
    tiles_url: str | None = None,
    fetch_urls: bool = True,
    token: str | None = None,
    allow_private_urls: bool = False,
) -> FastAPI:
    """Build the sitrep web application.

    store_url (str | None): database URL or SQLite path; None = the configured default.
    read_only (bool): refuse writes (POST /api/ingest answers 403).
    store (Store | None): an already open store to serve instead of opening `store_url`
        (the caller keeps it and closes it).
    tiles_url (str | None): an online tile URL template the page may offer as a layer
        (e.g. "https://tile.openstreetmap.org/{z}/{x}/{y}.png"); None = offline outlines only.
    fetch_urls (bool): let POST /api/ingest fetch a URL (the server then makes outbound
        requests for its clients); False answers such a request with 403.
    token (str | None): writing endpoints want `Authorization: Bearer <token>`; None = no
        token (`sitrep serve` only allows that on a loopback address).
    allow_private_urls (bool): let URLs sent by clients reach loopback, private and reserved
        addresses (off: the server cannot be used to probe its own network).
    RETURNS (FastAPI): the app; the store opens at startup and closes at shutdown.
    """
    from sitrep.store import open_store

    opened = open_store(store_url) if store is None else store
    app = FastAPI(
        title="sitrep",
        version=__version__,
        description="War reporting turned into ACLED-style events, with the evidence for "
        "every field. Read the events, one event with its claims and evidence, the source "
        "documents; POST an article to extract its events.",
        lifespan=_lifespan(opened, own_store=store is None),
        docs_url=None,  # served below from the vendored Swagger UI, not a CDN
        redoc_url=None,
    )
    app.state.store = opened
    app.state.read_only = read_only
    app.state.database = redact_url(str(getattr(opened, "url", "") or store_url or "default"))
    app.state.tiles_url = tiles_url
    app.state.fetch_urls = fetch_urls
    app.state.token = token
    app.state.allow_private_urls = allow_private_urls
    app.add_middleware(SecurityHeaders, tiles_url=tiles_url)
    _add_error_handlers(app)
    _add_docs_and_static(app)
    _include_routers(app)
    return app


def _lifespan(opened: Any, own_store: bool) -> Any:
    """The app's lifespan: nothing at startup; at shutdown, close the store if the app opened it."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        if own_store:
            opened.close()

    return lifespan


def _add_error_handlers(app: FastAPI) -> None:
    """Answer sitrep's errors, an unreachable database and invalid requests as JSON."""

    @app.exception_handler(InputError)
    async def _input_error(request: Request, exc: InputError) -> JSONResponse:
        return _error(422, str(exc), exc.code)

    @app.exception_handler(ConfigError)
    async def _config_error(request: Request, exc: ConfigError) -> JSONResponse:
        return _error(422, str(exc), exc.code)

    @app.exception_handler(StoreError)
    async def _store_error(request: Request, exc: StoreError) -> JSONResponse:
        return _unavailable(str(exc), exc.code)

    @app.exception_handler(sa_exc.OperationalError)
    @app.exception_handler(sa_exc.InterfaceError)
    @app.exception_handler(sa_exc.TimeoutError)
    async def _database_down(request: Request, exc: Exception) -> JSONResponse:
        # The database is unreachable (restarting, network) or every pooled connection is busy:
        # say so, without its details; the pool's pre-ping replaces dead connections, so the
        # next request recovers by itself.
        return _unavailable("the database is unavailable or busy; retry shortly", "E313")

    @app.exception_handler(SitrepError)
    async def _sitrep_error(request: Request, exc: SitrepError) -> JSONResponse:
        return _error(500, str(exc), exc.code)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [
            {"loc": list(e.get("loc", ())), "msg": str(e.get("msg", "")), "type": e.get("type")}
            for e in exc.errors()
        ]
        return JSONResponse(status_code=422, content={"detail": errors})


def _add_docs_and_static(app: FastAPI) -> None:
    """The OpenAPI page at /docs and the vendored static files at /static."""

    @app.get("/docs", include_in_schema=False)
    async def _docs() -> HTMLResponse:
        # Swagger UI from vendored files, started by a static script: no inline script (CSP).
        return HTMLResponse(DOCS_PAGE)

    static = resources.files("sitrep.web").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")


def _include_routers(app: FastAPI) -> None:
    """The JSON API, watch and fusion endpoints, then the web pages."""
    from sitrep.api.fusion_routes import fusion_router
    from sitrep.api.routes import router
    from sitrep.watch.api import router as watch_router
    from sitrep.web.views import router as web_router

    app.include_router(router)
    app.include_router(watch_router)
    app.include_router(fusion_router)
    app.include_router(web_router)

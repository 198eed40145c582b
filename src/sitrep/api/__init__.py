"""sitrep's HTTP API and web app (FastAPI): `create_app(store_url, read_only=False)`.

    from sitrep.api import create_app
    app = create_app("events.db", read_only=True)   # uvicorn.run(app)

OpenAPI at /docs and /openapi.json; JSON under /api; the map page at /events.
"""

from __future__ import annotations

from sitrep.api.app import create_app

__all__ = ["create_app"]

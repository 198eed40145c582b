"""sitrep's web pages: Jinja templates, one app.css, plain JS, vendored Leaflet (no build step).

The routes are in `sitrep.web.views`; `sitrep.api.create_app` mounts them with /static.
"""

from __future__ import annotations

__all__: list[str] = []

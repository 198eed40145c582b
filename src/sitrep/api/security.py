"""Who may write, and the headers that keep the page's content inert.

- `require_writer`: a FastAPI dependency for every writing endpoint. A read-only server answers
  403; a server with a token wants `Authorization: Bearer <token>` (compared in constant time)
  and answers 401 otherwise. A server with neither (loopback only: `sitrep serve` refuses to
  start writable on another address without a token) lets writes through.
- `SecurityHeaders`: an ASGI middleware adding a Content-Security-Policy without inline script,
  `X-Content-Type-Options: nosniff`, `Referrer-Policy` and frame-ancestors to every response.
- `load_token`: the token from `--token-file` or `SITREP_TOKEN`; it is never logged.
"""

from __future__ import annotations

import hmac
import ipaddress
import os
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from fastapi import HTTPException, Request

from sitrep.errors import ConfigError

__all__ = [
    "require_writer",
    "SecurityHeaders",
    "content_security_policy",
    "load_token",
    "is_loopback_host",
    "TOKEN_ENV",
]

TOKEN_ENV = "SITREP_TOKEN"
WRITE_401: dict[int | str, dict[str, Any]] = {
    401: {"description": "A token is required: Authorization: Bearer <token>."}
}


def require_writer(request: Request) -> None:
    """Allow the request to write, or raise 403 (read-only server) / 401 (missing/wrong token).

    request (Request): the request; the app's state holds `read_only` and `token`.
    """
    state = request.app.state
    if getattr(state, "read_only", False):
        raise HTTPException(status_code=403, detail="this server is read-only")
    token: str | None = getattr(state, "token", None)
    if not token:
        return
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        given.strip().encode("utf-8"), token.encode("utf-8")
    ):
        raise HTTPException(
            status_code=401,
            detail="a valid token is required (Authorization: Bearer <token>)",
            headers={"WWW-Authenticate": "Bearer"},
        )


def load_token(token_file: Path | None = None, environ: dict[str, str] | None = None) -> str | None:
    """The write token: the first line of `token_file`, else $SITREP_TOKEN, else None.

    token_file (Path | None): a file holding the token (keep it readable by the server only).
    environ (dict | None): the environment (default os.environ).
    RETURNS (str | None): the token; ConfigError (E240) if the file is unreadable or empty.
    """
    if token_file is not None:
        try:
            text = token_file.read_text(encoding="utf-8")
        except (OSError, UnicodeError) as exc:
            raise ConfigError(
                f"--token-file {token_file}: cannot be read ({exc}).", code="E240"
            ) from None
        token = text.strip().split("\n", 1)[0].strip() if text.strip() else ""
        if len(token) < 16:
            raise ConfigError(
                f"--token-file {token_file}: the token must have at least 16 characters "
                "(e.g. python -c 'import secrets; print(secrets.token_urlsafe(32))').",
                code="E240",
            )
        return token
    value = (os.environ if environ is None else environ).get(TOKEN_ENV, "").strip()
    if value and len(value) < 16:
        raise ConfigError(f"{TOKEN_ENV} must have at least 16 characters.", code="E240")
    return value or None


def is_loopback_host(host: str) -> bool:
    """True if a bind address only reaches this machine ("127.0.0.1", "::1", "localhost")."""
    if host.strip("[]").lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def content_security_policy(tiles_url: str | None = None) -> str:
    """The page's CSP: scripts and styles from this server only (inline style attributes
    allowed for the legend's colours), images also as data: and from the tile server if any."""
    images = "'self' data:"
    parts = urlsplit(tiles_url or "")
    if parts.scheme in ("http", "https") and parts.netloc:
        images += f" {parts.scheme}://{parts.netloc.replace('{s}', '*')}"
    return (
        "default-src 'self'; script-src 'self'; object-src 'none'; frame-ancestors 'none'; "
        f"base-uri 'none'; form-action 'self'; img-src {images}; "
        "style-src 'self' 'unsafe-inline'; connect-src 'self'"
    )


class SecurityHeaders:
    """ASGI middleware: security headers on every HTTP response."""

    def __init__(self, app: Any, tiles_url: str | None = None) -> None:
        self.app = app
        self.headers = [
            (b"content-security-policy", content_security_policy(tiles_url).encode()),
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"no-referrer"),
            (b"x-frame-options", b"DENY"),
            (b"cross-origin-opener-policy", b"same-origin"),
        ]

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in self.headers if k not in present]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, send_with_headers)

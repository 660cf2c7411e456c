"""The gate in front of ``/api/v1``: request log, faults, API key, rate limit, tickers.

A pure ASGI middleware so that fault injection can drop connections and corrupt bodies.
"""

from __future__ import annotations

import hmac

from starlette.types import ASGIApp, Receive, Scope, Send

from pos_app.sandbox.engine import SandboxEngine
from pos_app.sandbox.http import unauthorized

API_PREFIX = "/api/v1"
NO_KEY_PATHS = {f"{API_PREFIX}/status"}


class ApiGate:
    """Checks the key and runs the tickers before every API request."""

    def __init__(self, app: ASGIApp, engine: SandboxEngine) -> None:
        self.app = app
        self.engine = engine

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(API_PREFIX):
            await self.app(scope, receive, send)
            return
        if scope["path"] not in NO_KEY_PATHS:
            key = _header(scope, b"x-api-key")
            if not hmac.compare_digest(key.encode(), self.engine.config.api_key.encode()):
                await unauthorized()(scope, receive, send)
                return
        self.engine.tick()
        await self.app(scope, receive, send)


def _header(scope: Scope, name: bytes) -> str:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return bytes(value).decode("latin-1")
    return ""

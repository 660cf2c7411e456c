"""Sandbox routes: ``GET /status`` (no key needed)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from pos_app.sandbox.clock import iso
from pos_app.sandbox.engine import SandboxEngine
from pos_app.sandbox.http import ok


def install(engine: SandboxEngine) -> list[BaseRoute]:
    """``GET /api/v1/status``: the service is up (2.1 shape: ``status``, UTC ``timestamp``)."""

    async def status(request: Request) -> Response:
        return ok({"status": "ok", "timestamp": iso(engine.clock.now())})

    return [Route("/api/v1/status", status, methods=["GET"])]

"""The sandbox's ASGI application: route modules behind one gate.

Request path: ``/api/v1/...`` goes through the gate (request log → fault injection → API key →
rate limit → tickers) to the route modules; ``/_sandbox/...`` (control API for tests and demos),
``/pay/...`` (the customer's page) and ``/qr/...`` skip the key and the rate limit.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import logging
from collections.abc import AsyncIterator
from typing import Any

from starlette.applications import Starlette
from starlette.routing import BaseRoute

from pos_app.sandbox.config import SandboxConfig
from pos_app.sandbox.engine import SandboxEngine

log = logging.getLogger(__name__)

API_PREFIX = "/api/v1"

#: Route modules in install order; each has ``install(engine) -> list[BaseRoute]``.
MODULES = (
    "status",
    "invoices",
    "refunds",
    "clients",
    "catalog",
    "subscriptions",
    "organizations",
    "webhooks",
    "paypage",
    "control",
    "demo_data",
)

TICK_SECONDS = 0.1


def create_app(config: SandboxConfig) -> tuple[Starlette, SandboxEngine]:
    """Build the sandbox application and its engine."""
    engine = SandboxEngine(config)
    routes: list[BaseRoute] = []
    for name in MODULES:
        module: Any = importlib.import_module(f"pos_app.sandbox.{name}")
        routes.extend(module.install(engine))

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        async def ticking() -> None:
            while True:
                await asyncio.sleep(TICK_SECONDS)
                engine.tick()

        task = asyncio.create_task(ticking())
        try:
            yield
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    app = Starlette(routes=routes, lifespan=lifespan)
    app.state.engine = engine
    from pos_app.sandbox.gate import ApiGate  # the gate wraps the routed app

    app.add_middleware(ApiGate, engine=engine)
    return app, engine

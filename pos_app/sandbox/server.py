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
from starlette.types import Receive, Scope, Send

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
    "xpayment",
    "paypage",
    "control",
    "demo_data",
)

TICK_SECONDS = 0.1


class SandboxApp(Starlette):
    """Starlette plus access to the connection's transport (for the ``drop_*`` faults).

    uvicorn passes each request's ``send`` as a bound method of its request cycle, which
    holds the asyncio transport; the gate closes it to drop the connection.
    """

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        cycle = getattr(send, "__self__", None)
        transport = getattr(cycle, "transport", None)
        if transport is not None:
            scope["sandbox.transport"] = transport
        await super().__call__(scope, receive, send)


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

        engine.loop = asyncio.get_running_loop()
        task = asyncio.create_task(ticking())
        try:
            yield
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    app = SandboxApp(routes=routes, lifespan=lifespan)
    app.state.engine = engine
    from pos_app.sandbox.gate import ApiGate  # the gate wraps the routed app

    app.add_middleware(ApiGate, engine=engine)
    return app, engine

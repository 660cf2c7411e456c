"""Sandbox routes: paypage (not implemented yet)."""

from __future__ import annotations

from starlette.routing import BaseRoute

from pos_app.sandbox.engine import SandboxEngine


def install(engine: SandboxEngine) -> list[BaseRoute]:
    """Create tables, register tickers and return this module's routes."""
    return []

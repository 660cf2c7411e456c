"""The sandbox engine: config, clock, store and the hooks route modules plug into.

Each route module (``invoices``, ``refunds``, ``catalog`` …) exposes
``install(engine) -> list[BaseRoute]``: it creates its tables, registers tickers and event
listeners, and returns its routes. Modules talk to each other only through the engine (shared
tables by documented names, events), never by importing each other's private helpers.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
from collections.abc import Callable
from typing import Any

from pos_app.sandbox.clock import Clock
from pos_app.sandbox.config import SandboxConfig
from pos_app.sandbox.faults import FaultBook, RateLimiter, RequestLog
from pos_app.sandbox.store import Store

log = logging.getLogger(__name__)

Ticker = Callable[[], None]
Listener = Callable[[str, dict[str, Any]], None]


class SandboxEngine:
    """Everything a sandbox instance owns."""

    def __init__(self, config: SandboxConfig) -> None:
        self.config = config
        self.clock = Clock()
        self.store = Store(config.data_dir / "sandbox.sqlite3")
        self.root_url = ""  # set by the server once it listens
        #: The server's event loop (set at start-up): work started from other threads, such as
        #: webhook deliveries, is handed to it with ``call_soon_threadsafe``.
        self.loop: asyncio.AbstractEventLoop | None = None
        self.faults = FaultBook()
        self.request_log = RequestLog()
        self.rate_limiter = RateLimiter()
        self._tickers: list[Ticker] = []
        self._listeners: list[Listener] = []
        self._resetters: list[Callable[[], None]] = []

    @property
    def public_url(self) -> str:
        """Where a customer's phone or browser reaches this sandbox."""
        return (self.config.public_url or self.root_url).rstrip("/")

    def add_ticker(self, ticker: Ticker) -> None:
        """Run ``ticker`` before every API request and on the background tick (every 0.1 s).

        Tickers move time-driven state forward (processing → pending, expiry, refunds
        completing, subscription billing) by comparing stored times with ``clock.now()``, so
        advancing the clock and then making any request gives a consistent view.
        """
        self._tickers.append(ticker)

    def tick(self) -> None:
        """Run every ticker once."""
        for ticker in self._tickers:
            try:
                ticker()
            except Exception:  # a broken ticker must not take the server down
                log.exception("sandbox ticker %r failed", ticker)

    def on_event(self, listener: Listener) -> None:
        """Subscribe to domain events (``invoice.status_changed``, ``invoice.refunded`` …)."""
        self._listeners.append(listener)

    def emit(self, event: str, payload: dict[str, Any]) -> None:
        """Tell listeners (the webhook sender) that something happened."""
        for listener in self._listeners:
            try:
                listener(event, payload)
            except Exception:
                log.exception("sandbox listener failed for %s", event)

    def on_reset(self, resetter: Callable[[], None]) -> None:
        """Register what ``POST /_sandbox/reset`` must clear besides the tables."""
        self._resetters.append(resetter)

    def reset(self) -> None:
        """Back to a fresh state: run every resetter, real time again."""
        self.clock.reset()
        self.faults.clear()
        self.request_log.clear()
        self.rate_limiter.clear()
        for resetter in self._resetters:
            resetter()

    @staticmethod
    def new_token(nbytes: int = 16) -> str:
        """An unguessable URL-safe token (pay page links, QR tokens)."""
        return secrets.token_urlsafe(nbytes)

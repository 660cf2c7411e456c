"""Helpers of the checkout tests: a service wired to the sandbox, waits, the customer's side.

Each test runs its scenario with :func:`run` (one fresh event loop per test, no Qt needed).
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
import time
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

import httpx

from pos_app.domain.cart import Cart
from pos_app.domain.phone import parse_phone
from pos_app.domain.sale import SaleState
from pos_app.journal.db import open_journal
from pos_app.journal.sales import SaleRecord, SalesJournal
from pos_app.payments.apipay import ApiPayProvider, apipay_settings
from pos_app.payments.ratelimit import Clock
from pos_app.payments.transport import RetryPolicy
from pos_app.services.checkout import CheckoutEvent, CheckoutEventKind, CheckoutService
from pos_app.services.watcher import ConnectionState, WatcherSettings
from tests.fixtures.aio import run_coroutine
from tests.fixtures.sandbox import SandboxHandle

T = TypeVar("T")

PHONE = parse_phone("+7 700 123 45 67")
OTHER_PHONE = parse_phone("+7 701 765 43 21")

#: Fast polling for tests; the real defaults are checked in the budget test.
FAST = WatcherSettings(
    interval=0.05,
    slow_interval=0.1,
    slow_after=60.0,
    max_backoff=0.3,
    requests_per_minute=100_000,
    burst=100,
)
#: Read retries without long back-offs.
QUICK_RETRY = RetryPolicy(max_attempts=4, base_delay=0.01, max_delay=0.05)

#: A hang detector, not a timing assertion: the machine is shared.
WAIT_SECONDS = 30.0


def run(coro: Coroutine[Any, Any, T]) -> T:
    """Run one scenario on a fresh event loop (in a worker thread: see tests/fixtures/aio.py)."""
    return run_coroutine(coro)


def free_cart(amount: str = "1500") -> Cart:
    """A cart with one free-amount line (no catalog needed)."""
    cart = Cart()
    cart.add_free_amount(Decimal(amount), "Coffee")
    return cart


def make_provider(
    sandbox: SandboxHandle,
    *,
    clock: Clock | None = None,
    http_transport: httpx.AsyncBaseTransport | None = None,
    rate_limit_per_minute: float = 100_000,
    rate_burst: float | None = None,
    retry: RetryPolicy = QUICK_RETRY,
) -> ApiPayProvider:
    """An ApiPay client for the sandbox (generous limits unless a test sets them)."""
    settings = apipay_settings(
        sandbox.api_key,
        base_url=sandbox.base_url,
        rate_limit_per_minute=rate_limit_per_minute,
        rate_burst=rate_burst,
        retry=retry,
    )
    return ApiPayProvider(settings, clock=clock, http_transport=http_transport)


@dataclass
class Till:
    """A checkout service on a journal file, with every event it emitted."""

    service: CheckoutService
    journal: SalesJournal
    provider: ApiPayProvider
    events: list[CheckoutEvent] = field(default_factory=list)

    def of_kind(self, kind: CheckoutEventKind) -> list[CheckoutEvent]:
        """The events of one kind, in order."""
        return [e for e in self.events if e.kind == kind]

    @property
    def connection_states(self) -> list[ConnectionState]:
        """Every published connection state, in order."""
        return [
            e.connection
            for e in self.of_kind(CheckoutEventKind.CONNECTION_CHANGED)
            if e.connection is not None
        ]

    def sale(self, sale_id: str) -> SaleRecord:
        """The sale as journaled."""
        return self.service.sale(sale_id)

    async def close(self) -> None:
        """Stop the service, close HTTP and the journal (as the app does on exit)."""
        await self.service.aclose()
        await self.provider.aclose()
        self.journal.connection.close()


def open_till(
    sandbox: SandboxHandle,
    data_dir: Path,
    *,
    settings: WatcherSettings = FAST,
    provider: ApiPayProvider | None = None,
    clock: Clock | None = None,
) -> Till:
    """A checkout service on ``data_dir``'s journal against the sandbox (call in a loop)."""
    journal = SalesJournal(open_journal(data_dir))
    provider = provider or make_provider(sandbox)
    service = CheckoutService(
        journal,
        provider,
        register_name="Till 1",
        cashier_name="Aigerim",
        watcher_settings=settings,
        clock=clock,
    )
    till = Till(service, journal, provider)
    service.subscribe(till.events.append)
    return till


async def until(predicate: Callable[[], bool], what: str = "condition") -> None:
    """Wait (yielding to the loop) until ``predicate()`` holds; fail after ``WAIT_SECONDS``."""
    deadline = time.monotonic() + WAIT_SECONDS
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.01)


async def until_state(till: Till, sale_id: str, state: SaleState) -> SaleRecord:
    """Wait until the sale reaches ``state``."""
    await until(lambda: till.sale(sale_id).state == state, f"sale in {state.value}")
    return till.sale(sale_id)


async def in_thread(func: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run a blocking call (the fixture's control client) without blocking the loop."""
    return await asyncio.to_thread(func, *args, **kwargs)


def server_invoices(sandbox: SandboxHandle, order_id: str | None = None) -> list[dict[str, Any]]:
    """The invoices the app created on the server (``GET /invoices``; the sandbox's demo
    invoices have no order id and are left out), optionally for one order id."""
    with sandbox.api() as api:
        params: dict[str, Any] = {"per_page": 100}
        if order_id:
            params["search"] = order_id
        answer = api.get("/invoices", params=params)
        answer.raise_for_status()
        data: list[dict[str, Any]] = answer.json()["data"]
    return [
        i
        for i in data
        if i.get("external_order_id") and (order_id is None or i["external_order_id"] == order_id)
    ]


def creates(sandbox: SandboxHandle, path: str = "/invoices") -> list[dict[str, Any]]:
    """The create requests the server received on ``path``."""
    return sandbox.requests(method="POST", path=path)


# --- a virtual clock for tests that reason about minutes without waiting them ----------------


class VirtualClock:
    """A discrete-event clock: ``sleep`` waits for virtual time, which jumps ahead when idle.

    Time advances only when no HTTP request is in flight (``busy`` counts them, kept by
    :class:`ObservingTransport`) and the loop has nothing else to run; then it jumps to the
    earliest sleeper. So a minute of polling takes a fraction of a second, and concurrent
    sleepers wake in the right order.
    """

    def __init__(self) -> None:
        self.now = 0.0
        self.busy = 0
        self._sleepers: list[tuple[float, int, asyncio.Future[None]]] = []
        self._order = itertools.count()

    def monotonic(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        heapq.heappush(self._sleepers, (self.now + max(0.0, seconds), next(self._order), future))
        await future

    async def drive(self, until_time: float) -> None:
        """Advance virtual time up to ``until_time``, waking sleepers in order."""
        while self.now < until_time:
            # Let everything that can run, run (real time: HTTP answers arrive). Time moves
            # only after two looks in a row found no request in flight, so a task that has
            # just got its answer reaches its next sleep first.
            await self._settle()
            if self.busy:
                continue
            await self._settle()
            if self.busy:
                continue
            while self._sleepers and self._sleepers[0][2].done():
                heapq.heappop(self._sleepers)  # a cancelled sleep
            if not self._sleepers:
                self.now = until_time
                break
            wake_at, _, future = heapq.heappop(self._sleepers)
            self.now = max(self.now, min(wake_at, until_time))
            if wake_at <= until_time:
                future.set_result(None)
            else:
                heapq.heappush(self._sleepers, (wake_at, next(self._order), future))

    async def _settle(self) -> None:
        for _ in range(10):
            await asyncio.sleep(0)
        await asyncio.sleep(0.001)


class ObservingTransport(httpx.AsyncBaseTransport):
    """The real HTTP transport, noting (virtual time, method, path, status) of each request."""

    def __init__(self, clock: VirtualClock) -> None:
        self._inner = httpx.AsyncHTTPTransport()
        self._clock = clock
        self.log: list[tuple[float, str, str, int | None]] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self._clock.busy += 1
        sent_at = self._clock.now
        status: int | None = None
        try:
            response = await self._inner.handle_async_request(request)
            await response.aread()
            status = response.status_code
            return response
        finally:
            self._clock.busy -= 1
            self.log.append((sent_at, request.method, request.url.path, status))

    async def aclose(self) -> None:
        await self._inner.aclose()


def max_in_window(times: list[float], window: float = 60.0) -> int:
    """The most requests in any ``window`` seconds."""
    times = sorted(times)
    best = 0
    start = 0
    for end, t in enumerate(times):
        while t - times[start] >= window:
            start += 1
        best = max(best, end - start + 1)
    return best


async def gather_all(*aws: Awaitable[T]) -> list[T]:
    """``asyncio.gather`` with a list result."""
    return list(await asyncio.gather(*aws))

"""An async token-bucket rate limiter shared by every request of one API key.

ApiPay counts requests per key per minute (the seeds: 60/min; 2.1: 200/min plus per-endpoint
caps). Going over costs a 429 and, on abuse, the key. So the client spends its own tokens
before the server has to refuse: every request first :meth:`RateLimiter.acquire` s a token from
the global bucket, plus one from an endpoint bucket when a rule matches (``POST /invoices/qr``
60/min …). A rule may *replace* the global bucket instead; none of ApiPay's does by default:
2.1 gives ``GET /invoices/{id}`` 1000/min "instead of" the general limit, but the seeds'
60/min counts every request, so with the default setting a status poll spends a global token.

A 429 pauses the buckets the request went through until its ``Retry-After`` has passed
(:meth:`RateLimiter.pause`): no request of the key leaves before then, whichever task sends it.

Time comes from a :class:`Clock` (``monotonic()`` + ``sleep()``) so tests inject a fake one and
never sleep.
"""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

__all__ = [
    "APIPAY_21_RULES",
    "Clock",
    "EndpointRule",
    "RateLimiter",
    "SystemClock",
    "TokenBucket",
]


_EPSILON = 1e-9
_MIN_WAIT = 1e-3


class Clock(Protocol):
    """Where the limiter (and the retry back-off) reads and spends time."""

    def monotonic(self) -> float:
        """Seconds on a clock that never goes back."""
        ...

    async def sleep(self, seconds: float) -> None:
        """Wait ``seconds``."""
        ...


class SystemClock:
    """The real clock: :func:`time.monotonic` and :func:`asyncio.sleep`."""

    def monotonic(self) -> float:
        """Seconds from :func:`time.monotonic`."""
        return time.monotonic()

    async def sleep(self, seconds: float) -> None:
        """Sleep on the running event loop."""
        await asyncio.sleep(max(0.0, seconds))


class TokenBucket:
    """At most ``rate_per_minute`` requests in ANY 60-second window; FIFO for waiters.

    A plain token bucket of rate *r* and size *b* lets *r + b* requests through in one minute
    (a full bucket, then a minute of refill), which a server counting *r* per minute refuses.
    So the bucket refills at ``rate_per_minute − burst`` a minute: a burst plus a minute of
    refill is exactly the limit (measured with 10 sales waiting: 60/min, never 61).

    Args:
        rate_per_minute: The limit per minute (≥ 2).
        burst: Bucket size: how many requests may leave at once after a quiet spell (default
            ``min(10, rate / 4)``, at least 1).
        clock: Time source.
        name: For diagnostics.
    """

    def __init__(
        self,
        rate_per_minute: float,
        *,
        burst: float | None = None,
        clock: Clock | None = None,
        name: str = "default",
    ) -> None:
        if rate_per_minute <= 0:
            raise ValueError("rate_per_minute must be positive")
        self.name = name
        self.rate_per_minute = float(rate_per_minute)
        default_burst = max(1.0, min(10.0, rate_per_minute / 4))
        self.capacity = float(burst if burst is not None else default_burst)
        if self.capacity < 1:
            raise ValueError("burst must be at least 1")
        # Never let the refill drop below half the limit: a huge burst setting must not stall.
        self._refill_per_minute = max(
            self.rate_per_minute - self.capacity, self.rate_per_minute / 2
        )
        self._clock: Clock = clock or SystemClock()
        self._tokens = self.capacity
        self._updated = self._clock.monotonic()
        self._paused_until = float("-inf")
        self._lock: asyncio.Lock | None = None

    @property
    def _rate_per_second(self) -> float:
        return self._refill_per_minute / 60.0

    def _refill(self, now: float) -> None:
        # Tokens do not accumulate while the bucket is paused (the server's window restarts).
        start = max(self._updated, self._paused_until)
        if now > start:
            self._tokens = min(self.capacity, self._tokens + (now - start) * self._rate_per_second)
        self._updated = max(self._updated, now)

    @property
    def tokens(self) -> float:
        """Tokens available now (for tests and diagnostics)."""
        self._refill(self._clock.monotonic())
        return self._tokens

    @property
    def paused_until(self) -> float:
        """Clock time before which no token is handed out."""
        return self._paused_until

    def pause(self, seconds: float) -> None:
        """No token for ``seconds`` from now (a 429's ``Retry-After``); empties the bucket."""
        now = self._clock.monotonic()
        self._refill(now)
        self._paused_until = max(self._paused_until, now + max(0.0, seconds))
        self._tokens = 0.0
        self._updated = now

    def _wait_needed(self, now: float) -> float:
        if now < self._paused_until:
            return self._paused_until - now
        self._refill(now)
        # A hair of tolerance: float arithmetic must not leave a waiter spinning on 0.99999…
        if self._tokens >= 1.0 - _EPSILON:
            return 0.0
        return max((1.0 - self._tokens) / self._rate_per_second, _MIN_WAIT)

    async def acquire(self) -> float:
        """Take one token, waiting as long as needed.

        Returns:
            The seconds waited.
        """
        if self._lock is None:
            self._lock = asyncio.Lock()
        started = self._clock.monotonic()
        async with self._lock:  # one waiter at a time: first come, first served
            while True:
                now = self._clock.monotonic()
                wait = self._wait_needed(now)
                if wait <= 0.0:
                    self._tokens = max(0.0, self._tokens - 1.0)
                    return self._clock.monotonic() - started
                await self._clock.sleep(wait)


@dataclass(frozen=True)
class EndpointRule:
    """A bucket of its own for requests whose method and path match.

    Attributes:
        method: HTTP method (upper case).
        path: Regular expression matched in full against the path below the base URL.
        rate_per_minute: The endpoint's limit.
        replaces_global: The endpoint's bucket is used *instead of* the global one.
    """

    method: str
    path: str
    rate_per_minute: float
    replaces_global: bool = False

    def matches(self, method: str, path: str) -> bool:
        """Whether a request falls under this rule."""
        return method.upper() == self.method and re.fullmatch(self.path, path) is not None


#: The per-endpoint limits ApiPay 2.1 documents that the app's requests can hit.
APIPAY_21_RULES: tuple[EndpointRule, ...] = (
    EndpointRule("GET", r"/invoices/\d+", 1000),
    EndpointRule("POST", r"/invoices/qr", 60),
    EndpointRule("POST", r"/invoices/bulk", 20),
    EndpointRule("POST", r"/clients/check", 60),
    EndpointRule("POST", r"/catalog/scan", 30),
    EndpointRule("POST", r"/catalog/upload-image", 60),
)


class RateLimiter:
    """The global bucket of one API key plus per-endpoint buckets.

    Args:
        rate_per_minute: The global limit (a setting; default 60/min, the seeds' figure).
        rules: Per-endpoint limits (default: :data:`APIPAY_21_RULES`).
        burst: Size of the global bucket (endpoint buckets use ``min(10, rate)``).
        clock: Time source shared by every bucket.
    """

    def __init__(
        self,
        rate_per_minute: float = 60,
        *,
        rules: Sequence[EndpointRule] = APIPAY_21_RULES,
        burst: float | None = None,
        clock: Clock | None = None,
    ) -> None:
        self.clock: Clock = clock or SystemClock()
        self.global_bucket = TokenBucket(
            rate_per_minute, burst=burst, clock=self.clock, name="global"
        )
        self._rules = tuple(rules)
        self._buckets = [
            TokenBucket(rule.rate_per_minute, clock=self.clock, name=f"{rule.method} {rule.path}")
            for rule in self._rules
        ]

    def buckets_for(self, method: str, path: str) -> list[TokenBucket]:
        """The buckets a request spends a token from, endpoint first."""
        for rule, bucket in zip(self._rules, self._buckets, strict=True):
            if rule.matches(method, path):
                return [bucket] if rule.replaces_global else [bucket, self.global_bucket]
        return [self.global_bucket]

    async def acquire(self, method: str, path: str) -> float:
        """Wait for a token of every bucket the request needs.

        Returns:
            The seconds waited in total.
        """
        waited = 0.0
        for bucket in self.buckets_for(method, path):
            waited += await bucket.acquire()
        return waited

    def pause(self, method: str, path: str, seconds: float) -> None:
        """After a 429 on ``method path``: its buckets hand out nothing for ``seconds``."""
        for bucket in self.buckets_for(method, path):
            bucket.pause(seconds)

"""The token bucket, with a fake clock: no test here sleeps."""

from __future__ import annotations

import asyncio

import pytest

from pos_app.payments.ratelimit import APIPAY_21_RULES, RateLimiter, TokenBucket
from tests.payments.helpers import FakeClock, run


def test_burst_then_the_sustained_rate() -> None:
    clock = FakeClock()
    bucket = TokenBucket(60, burst=3, clock=clock)

    async def scenario() -> list[float]:
        return [await bucket.acquire() for _ in range(5)]

    waits = run(scenario())
    assert waits[:3] == [0.0, 0.0, 0.0]
    # once the burst is spent the bucket refills at (limit - burst) a minute, so that a burst
    # plus a minute of refill never exceeds the limit
    assert waits[3] == pytest.approx(60 / 57)
    assert waits[4] == pytest.approx(60 / 57)


def test_never_more_than_the_limit_in_any_sixty_seconds() -> None:
    clock = FakeClock()
    bucket = TokenBucket(60, clock=clock)
    times: list[float] = []

    async def scenario() -> None:
        for _ in range(200):
            await bucket.acquire()
            times.append(clock.monotonic())

    run(scenario())
    worst = max(sum(1 for t in times if start <= t < start + 60.0) for start in times)
    assert worst <= 60


def test_tokens_refill_while_idle_but_not_beyond_the_burst() -> None:
    clock = FakeClock()
    bucket = TokenBucket(60, burst=2, clock=clock)
    run(bucket.acquire())
    run(bucket.acquire())
    assert bucket.tokens == pytest.approx(0.0)
    clock.now += 100
    assert bucket.tokens == pytest.approx(2.0)


def test_retry_after_pauses_the_whole_bucket() -> None:
    clock = FakeClock()
    bucket = TokenBucket(600, burst=10, clock=clock)
    bucket.pause(2.0)
    started = clock.monotonic()
    waited = run(bucket.acquire())
    assert waited >= 2.0
    assert clock.monotonic() - started >= 2.0


def test_concurrent_waiters_are_served_in_order() -> None:
    clock = FakeClock()
    bucket = TokenBucket(60, burst=1, clock=clock)
    order: list[int] = []

    async def take(n: int) -> None:
        await bucket.acquire()
        order.append(n)

    async def scenario() -> None:
        await asyncio.gather(*(take(n) for n in range(4)))

    run(scenario())
    assert order == [0, 1, 2, 3]
    assert clock.now - 1000.0 == pytest.approx(3 * 60 / 59)


def test_endpoint_rules() -> None:
    clock = FakeClock()
    limiter = RateLimiter(60, rules=APIPAY_21_RULES, clock=clock)
    poll = limiter.buckets_for("GET", "/invoices/42")
    # 1000/min of its own, and the global budget too: the seeds' 60/min counts every request
    assert len(poll) == 2 and poll[1] is limiter.global_bucket
    qr = limiter.buckets_for("POST", "/invoices/qr")
    assert len(qr) == 2 and qr[1] is limiter.global_bucket  # 60/min on top of the global
    assert limiter.buckets_for("GET", "/invoices") == [limiter.global_bucket]
    assert limiter.buckets_for("POST", "/clients/check")[0].rate_per_minute == 60


def test_a_429_on_one_endpoint_pauses_every_request_sharing_its_bucket() -> None:
    clock = FakeClock()
    limiter = RateLimiter(6000, clock=clock)
    limiter.pause("POST", "/invoices", 5.0)
    waited = run(limiter.acquire("GET", "/refunds"))
    assert waited >= 5.0
    # a status poll spends a global token too, so the global pause holds it up as well
    limiter.pause("POST", "/invoices", 5.0)
    assert run(limiter.acquire("GET", "/invoices/7")) >= 5.0


def test_invalid_settings() -> None:
    with pytest.raises(ValueError):
        TokenBucket(0)
    with pytest.raises(ValueError):
        TokenBucket(60, burst=0.5)

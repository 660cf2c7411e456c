"""The shared HTTP transport: one ``httpx.AsyncClient`` per provider account.

Everything every provider needs from HTTP lives here once:

* the client itself (:func:`make_http_client`): base URL, explicit time-outs (connect 5 s,
  read 15 s, write 10 s, pool 5 s by default — a payment call that hangs longer is better
  reported and reconciled than waited for), keep-alive, TLS verification always on,
  ``User-Agent: pos-app/<version>``, no redirects (an API that redirects is misconfigured);
* the rate limiter (every request waits for its token; a 429 pauses the key's buckets);
* bounded retries with exponential back-off and full jitter, **for reads only** (the caller
  says which requests are reads; creates are never retried here — see ``apipay``);
* turning every failure into one :class:`~pos_app.payments.errors.PaymentError` subclass: the
  provider-specific part (reading its error bodies) is an ``error_mapper`` function.

The API key is a :class:`Secret`: its ``repr``/``str`` are masked, it is put only into the
request headers, and no log line or exception text here ever contains a header.
"""

from __future__ import annotations

import email.utils
import logging
import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

import httpx

from pos_app import __version__
from pos_app.payments.errors import (
    NetworkError,
    PaymentError,
    ProtocolError,
    RateLimitedError,
)
from pos_app.payments.ratelimit import APIPAY_21_RULES, Clock, EndpointRule, RateLimiter
from pos_app.payments.wire import decode_json, encode_json

__all__ = [
    "USER_AGENT",
    "ErrorMapper",
    "HttpTransport",
    "Response",
    "RetryPolicy",
    "Secret",
    "Timeouts",
    "TransportSettings",
    "make_http_client",
    "parse_retry_after",
]

log = logging.getLogger("pos_app.payments")

USER_AGENT = f"pos-app/{__version__}"


class Secret:
    """A secret string (an API key) that never shows itself in ``repr``/``str``/f-strings."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        """The secret itself: only for the request header."""
        return self._value

    def __bool__(self) -> bool:
        return bool(self._value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)

    def __repr__(self) -> str:
        return "Secret('***')"

    __str__ = __repr__

    def __format__(self, spec: str) -> str:
        return repr(self)

    def __reduce__(self) -> Any:  # pickling would copy the key into a file: refuse
        raise TypeError("a Secret cannot be pickled")


@dataclass(frozen=True)
class Timeouts:
    """httpx time-outs in seconds (each phase separately; all explicit)."""

    connect: float = 5.0
    read: float = 15.0
    write: float = 10.0
    pool: float = 5.0

    def to_httpx(self) -> httpx.Timeout:
        """The equivalent ``httpx.Timeout``."""
        return httpx.Timeout(connect=self.connect, read=self.read, write=self.write, pool=self.pool)


@dataclass(frozen=True)
class RetryPolicy:
    """How reads are retried after a network error, a 5xx or a 429.

    Attempt ``n`` (1-based) that failed waits a random time in
    ``[0, min(max_delay, base_delay * 2 ** (n - 1))]`` ("full jitter", so that many tills do
    not retry in step), plus any ``Retry-After`` the limiter enforces.

    Attributes:
        max_attempts: Total tries of one read, the first included (1 = no retry).
        base_delay: Seconds of the first back-off ceiling.
        max_delay: Ceiling of any one back-off.
        max_retry_after: A 429 asking to wait longer than this is not retried but raised.
        default_retry_after: Pause after a 429 that did not say how long.
    """

    max_attempts: int = 4
    base_delay: float = 0.5
    max_delay: float = 8.0
    max_retry_after: float = 30.0
    default_retry_after: float = 2.0

    def backoff(self, attempt: int, rng: random.Random) -> float:
        """Seconds to wait after the failed attempt number ``attempt``."""
        ceiling = min(self.max_delay, self.base_delay * (2 ** max(0, attempt - 1)))
        return rng.uniform(0.0, ceiling)


@dataclass(frozen=True)
class TransportSettings:
    """The settings of one provider account's transport.

    Attributes:
        base_url: The API root, e.g. ``https://api.apipay.kz/api/v1``.
        api_key: The account's key (a :class:`Secret`).
        timeouts: Per-phase time-outs.
        rate_limit_per_minute: The global bucket (default 60/min, the seeds' figure).
        rate_burst: Size of the global bucket (``None``: ``min(10, rate)``).
        endpoint_rules: Per-endpoint buckets.
        retry: Retry policy for reads.
        max_keepalive: Idle connections kept open for reuse.
    """

    base_url: str
    api_key: Secret = field(repr=False)
    timeouts: Timeouts = Timeouts()
    rate_limit_per_minute: float = 60
    rate_burst: float | None = None
    endpoint_rules: tuple[EndpointRule, ...] = APIPAY_21_RULES
    retry: RetryPolicy = RetryPolicy()
    max_keepalive: int = 5


@dataclass(frozen=True)
class Response:
    """A successful answer: status, decoded JSON (``None`` when empty), headers."""

    status: int
    data: Any
    headers: httpx.Headers


#: ``(status, decoded body or None, headers) -> PaymentError`` for a non-2xx answer.
ErrorMapper = Callable[[int, Any, httpx.Headers], PaymentError]


def make_http_client(
    base_url: str,
    headers: Mapping[str, str],
    timeouts: Timeouts,
    *,
    max_keepalive: int = 5,
    transport: httpx.AsyncBaseTransport | None = None,
) -> httpx.AsyncClient:
    """The ``httpx.AsyncClient`` of one provider account.

    Args:
        base_url: API root; paths of requests are relative to it.
        headers: Authentication and content headers (``User-Agent`` is added).
        timeouts: Explicit per-phase time-outs.
        max_keepalive: Idle connections kept for reuse (keep-alive saves a TLS handshake per
            status poll).
        transport: Only for tests that must fake a fault the sandbox cannot produce.

    Returns:
        A client with TLS verification on (not configurable on purpose) and no redirects.
    """
    all_headers = {"User-Agent": USER_AGENT, "Accept": "application/json", **headers}
    return httpx.AsyncClient(
        base_url=base_url.rstrip("/"),
        headers=all_headers,
        timeout=timeouts.to_httpx(),
        limits=httpx.Limits(
            max_connections=10,
            max_keepalive_connections=max_keepalive,
            keepalive_expiry=30.0,
        ),
        verify=True,
        follow_redirects=False,
        trust_env=True,  # a shop behind a proxy sets HTTPS_PROXY; the key still only goes to TLS
        transport=transport,
    )


def parse_retry_after(
    headers: httpx.Headers, body: Any, now: datetime | None = None
) -> float | None:
    """Seconds to wait from a 429: ``Retry-After`` (seconds or HTTP date), else the body.

    The body's ``retry_after`` / ``retry_after_seconds`` (ApiPay 2.1) are read when the header
    is missing or unreadable.
    """
    header = headers.get("Retry-After")
    if header:
        header = header.strip()
        try:
            return max(0.0, float(Decimal(header)))
        except InvalidOperation:
            pass
        try:
            when = email.utils.parsedate_to_datetime(header)
        except (TypeError, ValueError):
            when = None
        if when is not None:
            if when.tzinfo is None:
                when = when.replace(tzinfo=UTC)
            return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())
    if isinstance(body, Mapping):
        for key in ("retry_after_seconds", "retry_after"):
            value = body.get(key)
            if isinstance(value, int | Decimal | str) and not isinstance(value, bool):
                try:
                    return max(0.0, float(Decimal(str(value))))
                except InvalidOperation:
                    continue
    return None


def _network_error(exc: httpx.TransportError) -> NetworkError:
    """Classify an httpx failure; ``request_sent`` is False only when nothing reached the server."""
    error = NetworkError(server_message=type(exc).__name__)
    # Connect failures and pool time-outs happen before a byte of the request is sent.
    error.request_sent = not isinstance(
        exc, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout
    )
    return error


class HttpTransport:
    """Rate-limited, retrying JSON-over-HTTP for one provider account.

    Args:
        settings: URL, key, time-outs, limits, retries.
        auth_headers: Builds the authentication headers from the key (provider-specific).
        error_mapper: Turns a non-2xx answer into a ``PaymentError``.
        clock: Time source for the limiter and the back-off (tests inject a fake one).
        http_transport: An httpx transport for tests of faults the sandbox cannot produce.
        rng: Random source of the jitter.
    """

    def __init__(
        self,
        settings: TransportSettings,
        *,
        auth_headers: Callable[[Secret], Mapping[str, str]],
        error_mapper: ErrorMapper,
        clock: Clock | None = None,
        http_transport: httpx.AsyncBaseTransport | None = None,
        rng: random.Random | None = None,
    ) -> None:
        self.settings = settings
        self.limiter = RateLimiter(
            settings.rate_limit_per_minute,
            rules=settings.endpoint_rules,
            burst=settings.rate_burst,
            clock=clock,
        )
        self.clock = self.limiter.clock
        self._error_mapper = error_mapper
        self._rng = rng or random.Random()
        self._client = make_http_client(
            settings.base_url,
            auth_headers(settings.api_key),
            settings.timeouts,
            max_keepalive=settings.max_keepalive,
            transport=http_transport,
        )

    def __repr__(self) -> str:
        return f"HttpTransport(base_url={self.settings.base_url!r})"

    @property
    def is_closed(self) -> bool:
        """Whether :meth:`aclose` was called."""
        return self._client.is_closed

    async def aclose(self) -> None:
        """Close the pooled connections (before the event loop closes)."""
        await self._client.aclose()

    async def send_once(
        self,
        method: str,
        path: str,
        *,
        body: Any = None,
        params: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
        files: Mapping[str, tuple[str, bytes, str]] | None = None,
    ) -> Response:
        """One rate-limited request, no retry (what a create uses).

        Raises:
            PaymentError: A subclass for every failure (see the module docstring).
        """
        await self.limiter.acquire(method, path)
        content = None if body is None else encode_json(body)
        request_headers = dict(headers or {})
        if content is not None:
            request_headers["Content-Type"] = "application/json"
        started = self.clock.monotonic()
        try:
            answer = await self._client.request(
                method,
                path,
                content=content,
                files=files,
                params=_clean_params(params),
                headers=request_headers,
            )
        except httpx.TransportError as exc:
            error = _network_error(exc)
            log.warning("%s %s: no answer (%s)", method, path, type(exc).__name__)
            raise error from None
        elapsed = self.clock.monotonic() - started
        log.debug("%s %s -> %d in %.3f s", method, path, answer.status_code, elapsed)
        return self._handle(method, path, answer)

    def _handle(self, method: str, path: str, answer: httpx.Response) -> Response:
        status = answer.status_code
        if 200 <= status < 300:
            data = decode_json(answer.content) if answer.content.strip() else None
            return Response(status, data, answer.headers)
        try:
            data = decode_json(answer.content) if answer.content.strip() else None
        except ProtocolError:
            data = None  # an HTML error page from a proxy still maps by its status
        error = self._error_mapper(status, data, answer.headers)
        if isinstance(error, RateLimitedError):
            pause = error.retry_after
            if pause is None:
                pause = self.settings.retry.default_retry_after
            self.limiter.pause(method, path, pause)
        log.info(
            "%s %s -> %d %s (%s)", method, path, status, type(error).__name__, error.error_code
        )
        raise error

    async def request(
        self,
        method: str,
        path: str,
        *,
        body: Any = None,
        params: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
        read: bool | None = None,
    ) -> Response:
        """A request; reads are retried on network errors, 5xx and 429 with back-off.

        Args:
            method: HTTP method.
            path: Path below the base URL.
            body: JSON body (``Decimal`` goes out as a number).
            params: Query parameters (``None`` values are dropped; lists repeat the key).
            headers: Extra headers.
            read: Whether the request only reads (default: ``GET``). Only reads are retried.

        Raises:
            PaymentError: The last failure when all attempts failed.
        """
        is_read = method.upper() == "GET" if read is None else read
        policy = self.settings.retry
        attempts = max(1, policy.max_attempts) if is_read else 1
        for attempt in range(1, attempts + 1):
            try:
                return await self.send_once(method, path, body=body, params=params, headers=headers)
            except PaymentError as error:
                if attempt >= attempts or not error.retryable:
                    raise
                if (
                    isinstance(error, RateLimitedError)
                    and error.retry_after is not None
                    and error.retry_after > policy.max_retry_after
                ):
                    raise
                delay = policy.backoff(attempt, self._rng)
                log.info(
                    "%s %s: attempt %d/%d failed (%s), retrying in %.2f s",
                    method,
                    path,
                    attempt,
                    attempts,
                    type(error).__name__,
                    delay,
                )
                # The limiter adds any Retry-After pause on the next acquire().
                await self.clock.sleep(delay)
        raise AssertionError("unreachable")  # pragma: no cover


def _clean_params(
    params: Mapping[str, Any] | None,
) -> list[tuple[str, str | int | float | bool | None]] | None:
    """Query parameters as pairs; ``None`` dropped, lists repeated, bools as ``1``/``0``."""
    if params is None:
        return None
    pairs: list[tuple[str, str | int | float | bool | None]] = []
    for key, value in params.items():
        values = value if isinstance(value, list | tuple) else [value]
        for item in values:
            if item is None:
                continue
            if isinstance(item, bool):
                pairs.append((key, "1" if item else "0"))
            else:
                pairs.append((key, str(item)))
    return pairs

"""Test-only state of the gate: injected faults, the request log and the rate limiter.

None of it is persisted: a restart or ``POST /_sandbox/reset`` starts clean.
"""

from __future__ import annotations

import itertools
import math
import re
import threading
from collections import deque
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

#: Every fault kind the control API accepts (see docs/contracts.md).
FAULT_KINDS = frozenset(
    {
        "delay",
        "delay_after",
        "error_500",
        "kaspi_502",
        "unavailable_503",
        "drop_before",
        "drop_after",
        "malformed_json",
        "rate_limit_429",
    }
)

API_PREFIX = "/api/v1"
#: The API prefixes a fault pattern may leave out (ApiPay's and xPayment's).
API_PREFIXES = (API_PREFIX, "/xpayment/v1")


def path_matches(pattern: str, path: str) -> bool:
    """Whether ``pattern`` (a regex) matches the whole path, with or without its API prefix.

    ``"/invoices"`` therefore matches ``/api/v1/invoices`` but not ``/api/v1/invoices/5``, and
    ``"/payments"`` matches ``/xpayment/v1/payments``; an empty pattern matches everything.
    """
    if not pattern:
        return True
    short = next((path[len(p) :] for p in API_PREFIXES if path.startswith(p + "/")), path)
    try:
        rx = re.compile(pattern)
    except re.error:
        return pattern in (path, short)
    return rx.fullmatch(path) is not None or rx.fullmatch(short) is not None


@dataclass
class Fault:
    """One armed fault: applies to the next ``remaining`` matching requests."""

    id: int
    kind: str
    method: str = ""
    path: str = ""
    remaining: int = 1
    delay_seconds: float = 1.0
    retry_after: int = 1

    def matches(self, method: str, path: str) -> bool:
        """Whether a request is one this fault is waiting for."""
        if self.remaining <= 0:
            return False
        if self.method and self.method.upper() != method.upper():
            return False
        return path_matches(self.path, path)

    def to_dict(self) -> dict[str, Any]:
        """The control API's view of the fault."""
        return {
            "id": self.id,
            "kind": self.kind,
            "method": self.method,
            "path": self.path,
            "count": self.remaining,
            "delay_seconds": self.delay_seconds,
            "retry_after": self.retry_after,
        }


class FaultBook:
    """Armed faults, consumed first-armed first."""

    def __init__(self) -> None:
        self._faults: list[Fault] = []
        self._ids = itertools.count(1)
        self._lock = threading.Lock()

    def add(
        self,
        kind: str,
        *,
        method: str = "",
        path: str = "",
        count: int = 1,
        delay_seconds: float = 1.0,
        retry_after: int = 1,
    ) -> Fault:
        """Arm a fault for the next ``count`` matching requests.

        Raises:
            ValueError: unknown kind or a count below 1.
        """
        if kind not in FAULT_KINDS:
            raise ValueError(f"unknown fault kind {kind!r}")
        if count < 1:
            raise ValueError("count must be at least 1")
        fault = Fault(
            id=next(self._ids),
            kind=kind,
            method=method,
            path=path,
            remaining=count,
            delay_seconds=delay_seconds,
            retry_after=retry_after,
        )
        with self._lock:
            self._faults.append(fault)
        return fault

    def take(self, method: str, path: str) -> Fault | None:
        """The fault for this request (one use consumed), or ``None``."""
        with self._lock:
            for fault in self._faults:
                if fault.matches(method, path):
                    fault.remaining -= 1
                    if fault.remaining <= 0:
                        self._faults.remove(fault)
                    return fault
        return None

    def list(self) -> list[dict[str, Any]]:
        """The armed faults."""
        with self._lock:
            return [f.to_dict() for f in self._faults]

    def clear(self) -> None:
        """Disarm everything."""
        with self._lock:
            self._faults.clear()


@dataclass
class LoggedRequest:
    """What the API received and how it answered."""

    method: str
    path: str
    query: str
    time: str
    status: int | None = None
    fault: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON view for ``GET /_sandbox/requests``."""
        return {
            "method": self.method,
            "path": self.path,
            "query": self.query,
            "status": self.status,
            "time": self.time,
            "fault": self.fault,
        }


class RequestLog:
    """The last ``limit`` API requests (oldest first)."""

    def __init__(self, limit: int = 10_000) -> None:
        self._entries: deque[LoggedRequest] = deque(maxlen=limit)
        self._lock = threading.Lock()

    def add(self, entry: LoggedRequest) -> None:
        """Record a request (its status is filled in when the answer starts)."""
        with self._lock:
            self._entries.append(entry)

    def find(self, method: str = "", path: str = "") -> list[dict[str, Any]]:
        """Entries filtered by method and path regex (see :func:`path_matches`)."""
        with self._lock:
            entries = list(self._entries)
        return [
            e.to_dict()
            for e in entries
            if (not method or e.method.upper() == method.upper()) and path_matches(path, e.path)
        ]

    def clear(self) -> None:
        """Forget everything."""
        with self._lock:
            self._entries.clear()


@dataclass
class _Bucket:
    hits: deque[datetime] = field(default_factory=deque)


class RateLimiter:
    """Sliding one-minute windows per (key, bucket), measured on the sandbox clock.

    Using the sandbox clock lets a test advance past the window instead of sleeping.
    """

    WINDOW = timedelta(minutes=1)

    def __init__(self) -> None:
        self._buckets: dict[tuple[str, str], _Bucket] = {}
        self._lock = threading.Lock()

    def hit(self, key: str, bucket: str, limit: int, now: datetime) -> int | None:
        """Count one request; ``None`` if allowed, else the seconds until one is allowed again."""
        with self._lock:
            b = self._buckets.setdefault((key, bucket), _Bucket())
            while b.hits and now - b.hits[0] >= self.WINDOW:
                b.hits.popleft()
            if len(b.hits) >= limit:
                wait = (b.hits[0] + self.WINDOW - now).total_seconds()
                return max(1, math.ceil(wait))
            b.hits.append(now)
            return None

    def clear(self) -> None:
        """Forget every window."""
        with self._lock:
            self._buckets.clear()

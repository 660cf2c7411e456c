"""The sandbox's clock: real UTC time plus an offset the tests can advance."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta


class Clock:
    """Wall clock with a movable offset (``advance``) so tests never sleep for expiry."""

    def __init__(self) -> None:
        self._offset = timedelta()
        self._lock = threading.Lock()

    def now(self) -> datetime:
        """The sandbox's current time, timezone-aware UTC."""
        with self._lock:
            return datetime.now(UTC) + self._offset

    def advance(self, seconds: float) -> None:
        """Move the clock forward."""
        with self._lock:
            self._offset += timedelta(seconds=seconds)

    def reset(self) -> None:
        """Back to real time."""
        with self._lock:
            self._offset = timedelta()


def iso(ts: datetime | None) -> str | None:
    """Format a time stamp as the 2.1 spec does: UTC with ``+00:00``, no microseconds."""
    if ts is None:
        return None
    return ts.astimezone(UTC).replace(microsecond=0).isoformat()


def parse_iso(text: str | None) -> datetime | None:
    """Read a time stamp written by :func:`iso` (or any ISO 8601 with offset)."""
    if not text:
        return None
    return datetime.fromisoformat(text.replace("Z", "+00:00"))

"""The sandbox's clock: real UTC time plus an offset the tests can advance."""

from __future__ import annotations

import re
import threading
from datetime import UTC, datetime, timedelta, timezone


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


#: The merchant's zone for filter windows. Kazakhstan has used UTC+5 all year, without daylight
#: saving, since 2024-03-01; a fixed offset avoids depending on the OS time-zone database (absent
#: on Windows without the ``tzdata`` package).
ALMATY = timezone(timedelta(hours=5))

_STAMP_FORMAT = "%Y-%m-%dT%H:%M:%S.%f+00:00"

_WINDOW_RE = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})"
    r"(?:[ T](\d{2})(?::(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?(Z|[+-]\d{2}:?\d{2})?)?$"
)


def stamp(ts: datetime) -> str:
    """A time stamp as stored in SQLite: fixed-width UTC, so text comparison orders by time."""
    return ts.astimezone(UTC).strftime(_STAMP_FORMAT)


def iso_stamp(text: str | None) -> str | None:
    """A stored stamp (see :func:`stamp`) in the API's format (UTC ``+00:00``, whole seconds)."""
    return iso(parse_iso(text))


def parse_window(text: str, *, end: bool) -> datetime:
    """Read a ``date_from``/``date_to`` bound the way the 2.1 spec defines it.

    A bare date is the merchant's whole calendar day in Asia/Almaty (``end`` stretches it to
    the last microsecond of the day); any time part, at any precision (``2026-08-01 11``,
    ``… 11:30``, ``… 11:30:15``, ``… 11:30:15.5``), is that exact moment. An explicit offset
    (``Z``, ``+03:00``, ``+0300``) is honoured as given.

    Args:
        text: the query value.
        end: whether this is the upper bound.

    Returns:
        A timezone-aware datetime.

    Raises:
        ValueError: the value does not follow the pattern or is not a real date/time.
    """
    m = _WINDOW_RE.match(text.strip())
    if m is None:
        raise ValueError(text)
    year, month, day, hour, minute, second, fraction, offset = m.groups()
    if hour is None:
        start = datetime(int(year), int(month), int(day), tzinfo=ALMATY)
        return start + timedelta(days=1, microseconds=-1) if end else start
    tz = ALMATY
    if offset == "Z":
        tz = UTC
    elif offset:
        sign = -1 if offset[0] == "-" else 1
        digits = offset[1:].replace(":", "")
        tz = timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))
    return datetime(
        int(year),
        int(month),
        int(day),
        int(hour),
        int(minute or 0),
        int(second or 0),
        int((fraction or "0").ljust(6, "0")),
        tzinfo=tz,
    )

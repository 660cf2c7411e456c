"""Shared plumbing of the state journals (:mod:`.sales`, :mod:`.refunds`).

Both keep one row per record plus an append-only events table, change a record only through a
checked state transition, and append an event in the same ``BEGIN IMMEDIATE`` transaction as
the change. What differs (the table names, the columns a caller may change, the transition
rule) is described by a :class:`StateTable`; the rest lives here once.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any, Generic, TypeVar

from pos_app.journal.db import transaction as immediate

__all__ = [
    "UNSET",
    "EventRow",
    "StateTable",
    "fetch",
    "immediate",
    "iso",
    "now_utc",
    "parse_time",
]

S = TypeVar("S", bound=StrEnum)

#: "Not given" for keyword arguments whose ``None`` means "clear the column".
UNSET: Any = object()


def now_utc() -> datetime:
    """The current time, aware, in UTC."""
    return datetime.now(UTC)


def iso(value: datetime | None) -> str | None:
    """ISO 8601 UTC text of ``value`` (a naive time counts as UTC); ``None`` stays ``None``."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).isoformat(timespec="microseconds")


def parse_time(text: str | None) -> datetime | None:
    """The inverse of :func:`iso`."""
    return datetime.fromisoformat(text) if text else None


def _stored(value: Any) -> Any:
    """A column value as stored: times as ISO text, money as exact decimal text."""
    if isinstance(value, datetime):
        return iso(value)
    if isinstance(value, Decimal):
        return str(value)
    return value


def fetch(conn: sqlite3.Connection, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
    """All rows of a query, as ``sqlite3.Row`` (columns by name)."""
    cursor = conn.execute(sql, params)
    cursor.row_factory = sqlite3.Row
    return list(cursor.fetchall())


@dataclass(frozen=True)
class EventRow(Generic[S]):
    """One event as read: the fields :class:`SaleEvent`/``RefundEvent`` are built from."""

    event_id: int
    key: str
    at: datetime
    old_state: S | None
    new_state: S
    status_raw: str | None
    note: str


@dataclass(frozen=True)
class StateTable(Generic[S]):
    """Where one kind of journaled record lives and how its state may move.

    Attributes:
        table: The records' table (``sales``).
        events: Its events table (``sale_events``).
        key: The id column shared by both (``sale_id``).
        updatable: Columns :meth:`update` may change besides the state.
        parse: Text → state.
        check: ``(old, new)`` → ``new``, raising ``TransitionError`` for a forbidden move.
        is_final: Whether a state is final (``final_at`` is set when one is reached).
    """

    table: str
    events: str
    key: str
    updatable: frozenset[str]
    parse: Callable[[str], S]
    check: Callable[[S, S], S]
    is_final: Callable[[S], bool]

    def row(self, conn: sqlite3.Connection, key: str) -> sqlite3.Row | None:
        """The record ``key``, or ``None``."""
        rows = fetch(conn, f"SELECT * FROM {self.table} WHERE {self.key} = ?", (key,))
        return rows[0] if rows else None

    def add_event(
        self,
        conn: sqlite3.Connection,
        key: str,
        at: str | None,
        old: S | None,
        new: S,
        status_raw: str | None,
        note: str,
    ) -> None:
        """Append one event (inside the caller's transaction)."""
        conn.execute(
            f"INSERT INTO {self.events} ({self.key}, at, old_state, new_state, status_raw, note)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (key, at, old.value if old else None, new.value, status_raw, note),
        )

    def update(
        self,
        conn: sqlite3.Connection,
        key: str,
        state: S | None,
        *,
        note: str,
        changes: Mapping[str, Any],
    ) -> None:
        """Change a record's state (checked) and/or columns, with an event on news.

        An event is appended when the state or the raw status changes, or when ``note`` is
        given; nothing new and no note writes nothing (``updated_at`` untouched).

        Args:
            conn: The journal's connection.
            key: The record's id.
            state: The new state; ``None`` keeps the current one.
            note: Why (goes into the event).
            changes: Column → new value (only given columns; names from ``updatable``).

        Raises:
            KeyError: No such record.
            pos_app.domain.errors.TransitionError: ``check`` refused the move; nothing is
                written.
        """
        with immediate(conn):
            old = self.row(conn, key)
            if old is None:
                raise KeyError(key)
            old_state = self.parse(old["state"])
            new_state = self.check(old_state, state) if state is not None else old_state
            values: dict[str, Any] = {}
            for column, value in changes.items():
                assert column in self.updatable
                stored = _stored(value)
                if stored != old[column]:
                    values[column] = stored
            if new_state != old_state:
                values["state"] = new_state.value
                if self.is_final(new_state) and old["final_at"] is None:
                    values["final_at"] = iso(now_utc())
            raw_changed = "status_raw" in values
            if not values and not note:
                return
            now = iso(now_utc())
            values["updated_at"] = now
            # Column names come from the fixed sets above, never from the caller's text.
            assignments = ", ".join(f"{column} = ?" for column in values)
            conn.execute(
                f"UPDATE {self.table} SET {assignments} WHERE {self.key} = ?",
                (*values.values(), key),
            )
            if new_state != old_state or raw_changed or note:
                raw = changes["status_raw"] if "status_raw" in changes else old["status_raw"]
                self.add_event(conn, key, now, old_state, new_state, raw, note)

    def read_events(self, conn: sqlite3.Connection, key: str) -> list[EventRow[S]]:
        """The history of one record, oldest first."""
        rows = fetch(
            conn, f"SELECT * FROM {self.events} WHERE {self.key} = ? ORDER BY event_id", (key,)
        )
        return [
            EventRow(
                event_id=int(r["event_id"]),
                key=r[self.key],
                at=datetime.fromisoformat(r["at"]),
                old_state=self.parse(r["old_state"]) if r["old_state"] else None,
                new_state=self.parse(r["new_state"]),
                status_raw=r["status_raw"],
                note=r["note"],
            )
            for r in rows
        ]

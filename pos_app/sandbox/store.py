"""The sandbox's state: one SQLite file (WAL) in its data folder.

All handlers run on the server's single asyncio loop and SQLite calls are short and synchronous,
so a handler's read-modify-write is never interleaved with another request's. The lock still
guards the connection for the (rare) calls made from other threads, e.g. ``EmbeddedSandbox``
helpers in tests.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any


class Store:
    """A thin, thread-safe wrapper over one SQLite connection."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._lock = threading.RLock()
        self._conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._conn.row_factory = sqlite3.Row
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA foreign_keys=ON")
        self._conn.execute("PRAGMA busy_timeout=5000")
        self._depth = 0

    def script(self, ddl: str) -> None:
        """Run a schema script (``CREATE TABLE IF NOT EXISTS …``)."""
        with self._lock:
            self._conn.executescript(ddl)

    def execute(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> sqlite3.Cursor:
        """Run one statement and return its cursor (``lastrowid``, ``rowcount``)."""
        with self._lock:
            return self._conn.execute(sql, params)

    def query(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[sqlite3.Row]:
        """All rows of a query."""
        with self._lock:
            return self._conn.execute(sql, params).fetchall()

    def one(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> sqlite3.Row | None:
        """The first row of a query, or ``None``."""
        with self._lock:
            row: sqlite3.Row | None = self._conn.execute(sql, params).fetchone()
            return row

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Group statements atomically (nested calls join the outer transaction)."""
        with self._lock:
            outer = self._depth == 0
            if outer:
                self._conn.execute("BEGIN IMMEDIATE")
            self._depth += 1
            try:
                yield
            except BaseException:
                self._depth -= 1
                if outer:
                    self._conn.execute("ROLLBACK")
                raise
            else:
                self._depth -= 1
                if outer:
                    self._conn.execute("COMMIT")

    def clear(self, *tables: str, restart_ids: bool = False) -> None:
        """Delete every row of ``tables`` in one transaction (for ``POST /_sandbox/reset``).

        Args:
            tables: Table names from the module's own schema, children before parents (the
                foreign keys are enforced).
            restart_ids: Also forget the tables' ``AUTOINCREMENT`` counters, so the next row
                is id 1 again (modules whose demo data or tests expect fixed ids).
        """
        with self.transaction():
            for table in tables:
                # Table names cannot be bound as parameters; they come from our own code.
                self._conn.execute(f"DELETE FROM {table}")
            if restart_ids:
                marks = ", ".join("?" for _ in tables)
                self._conn.execute(f"DELETE FROM sqlite_sequence WHERE name IN ({marks})", tables)

    def close(self) -> None:
        """Close the connection (the file stays for the next start)."""
        with self._lock:
            self._conn.close()

"""Opening the journal database: SQLite in WAL mode, schema brought up to date by migrations.

One file, ``journal.sqlite3`` in the data folder, holds everything the app must not lose: the
catalog cache, the current and parked carts and (a later issue) the sales journal. WAL lets a
reader (history, reports) run while the counter writes, and ``synchronous=FULL`` makes every
committed transaction survive a power cut, which the sales journal needs; the counter's writes
are a few kilobytes, so the fsync costs about a millisecond.

The schema version is SQLite's ``PRAGMA user_version``: migration *n* brings the schema from
version *n − 1* to *n*, each in its own transaction together with the version bump, so a crash
half-way leaves the previous version intact.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "JOURNAL_FILE_NAME",
    "JournalError",
    "Migration",
    "migrate",
    "open_journal",
    "transaction",
]

JOURNAL_FILE_NAME = "journal.sqlite3"


class JournalError(RuntimeError):
    """The journal database cannot be used (a schema from a newer app, a broken migration)."""


@dataclass(frozen=True)
class Migration:
    """One step of the schema.

    Attributes:
        version: The schema version after this step (1, 2, 3, … without gaps).
        name: A short name for logs (``"catalog_cache"``).
        statements: SQL statements run in order inside one transaction.
    """

    version: int
    name: str
    statements: tuple[str, ...]


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[None]:
    """Run the block as one write transaction: committed at the end, rolled back on any error.

    ``BEGIN IMMEDIATE`` takes the write lock before the block reads anything, so a second
    process on the same file (another window, a report) cannot change a row between the
    block's read and its write.

    Args:
        conn: A connection in autocommit mode (``isolation_level=None``, as
            :func:`open_journal` returns it).
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def schema_version(conn: sqlite3.Connection) -> int:
    """The schema version stored in the database (0 for a new file)."""
    row = conn.execute("PRAGMA user_version").fetchone()
    return int(row[0])


def migrate(conn: sqlite3.Connection, migrations: Sequence[Migration]) -> int:
    """Apply the migrations the database has not seen yet.

    Args:
        conn: A connection in autocommit mode (``isolation_level=None``).
        migrations: The full list, versions 1..n in order.

    Returns:
        The schema version after migrating.

    Raises:
        JournalError: The list has gaps, or the database was written by a newer app.
    """
    for expected, migration in enumerate(migrations, start=1):
        if migration.version != expected:
            raise JournalError(
                f"migration {migration.name!r} has version {migration.version}, expected {expected}"
            )
    current = schema_version(conn)
    if current > len(migrations):
        raise JournalError(
            f"the journal has schema version {current}; this app knows up to {len(migrations)}"
        )
    for migration in migrations[current:]:
        with transaction(conn):
            for statement in migration.statements:
                conn.execute(statement)
            # PRAGMA takes no parameters; the version is an int from our own list.
            conn.execute(f"PRAGMA user_version = {int(migration.version)}")
    return schema_version(conn)


def open_journal(path: Path, migrations: Sequence[Migration] | None = None) -> sqlite3.Connection:
    """Open (or create) the journal at ``path``, switch it to WAL and migrate it.

    Args:
        path: The database file, or a data folder (then ``journal.sqlite3`` inside it).
        migrations: The schema steps; default :data:`pos_app.journal.migrations.MIGRATIONS`.

    Returns:
        A connection in autocommit mode: every write helper opens its own transaction.
        Use it from one thread (the UI thread, where the qasync loop runs).
    """
    if migrations is None:
        from pos_app.journal.migrations import MIGRATIONS

        migrations = MIGRATIONS
    if path.is_dir():
        path = path / JOURNAL_FILE_NAME
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=ON")
    # Another process (a second window, a report) may hold the write lock for a moment.
    conn.execute("PRAGMA busy_timeout=5000")
    migrate(conn, migrations)
    return conn

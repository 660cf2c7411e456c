"""The journal database: WAL, migrations, the catalog cache and the saved carts."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from pos_app.domain.cart import Cart
from pos_app.domain.errors import CartError
from pos_app.journal.carts import CartJournal
from pos_app.journal.catalog_cache import CatalogCache, CatalogItem
from pos_app.journal.db import JournalError, Migration, migrate, open_journal, schema_version
from pos_app.journal.migrations import MIGRATIONS
from pos_app.services.cart_store import CartSession


def test_new_journal_is_wal_and_fully_migrated(tmp_path: Path) -> None:
    conn = open_journal(tmp_path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert schema_version(conn) == len(MIGRATIONS)
    conn.close()
    # Opening again applies nothing twice.
    conn = open_journal(tmp_path / "journal.sqlite3")
    assert schema_version(conn) == len(MIGRATIONS)
    conn.close()


def test_a_later_migration_is_appended_and_applied_once(tmp_path: Path) -> None:
    conn = open_journal(tmp_path)
    later = [*MIGRATIONS, Migration(len(MIGRATIONS) + 1, "sales", ("CREATE TABLE sale (x)",))]
    assert migrate(conn, later) == len(later)
    assert migrate(conn, later) == len(later)
    conn.close()
    with pytest.raises(JournalError, match="knows up to"):
        open_journal(tmp_path)  # this app's list is shorter than the file's version


def test_a_failed_migration_leaves_the_previous_version(tmp_path: Path) -> None:
    conn = open_journal(tmp_path)
    broken = [*MIGRATIONS, Migration(len(MIGRATIONS) + 1, "broken", ("CREATE TABLE t (x)", "NO"))]
    with pytest.raises(Exception, match="syntax"):
        migrate(conn, broken)
    assert schema_version(conn) == len(MIGRATIONS)
    assert not conn.execute("SELECT name FROM sqlite_master WHERE name = 't'").fetchall()


def test_catalog_cache_round_trips_money_exactly(tmp_path: Path) -> None:
    conn = open_journal(tmp_path)
    cache = CatalogCache(conn)
    assert cache.load() == [] and cache.synced_at() is None
    items = [
        CatalogItem(7, "Ёжик", Decimal("333.33"), "шт", "487", "SKU", "https://cdn/x.jpg"),
        CatalogItem(3, "Қымыз", Decimal("1500.00"), "л"),
    ]
    cache.replace(items)
    assert CatalogCache(conn).load() == items  # order kept, Decimal exact
    assert cache.synced_at() is not None


def test_a_catalog_sync_that_fails_half_way_keeps_the_previous_cache(tmp_path: Path) -> None:
    conn = open_journal(tmp_path)
    cache = CatalogCache(conn)
    old = [CatalogItem(1, "Нан", Decimal("250.00"), "шт")]
    cache.replace(old)

    def broken_sync() -> Iterator[CatalogItem]:
        yield CatalogItem(2, "Сүт", Decimal("600.00"), "л")
        raise ConnectionError("the catalog download broke off")

    with pytest.raises(ConnectionError):
        cache.replace(broken_sync())
    # The counter still sells from the whole old catalog, and the journal takes new writes.
    assert cache.load() == old
    cache.replace([])
    assert cache.load() == []


def test_cart_is_saved_on_every_change_and_parking_is_atomic(tmp_path: Path) -> None:
    conn = open_journal(tmp_path)
    session = CartSession(CartJournal(conn))
    item = CatalogItem(1, "Латте", Decimal("1350.00"), "шт")
    line = session.add_item(item)
    session.change_quantity(line.line_id, 2)
    session.set_discount(5)
    # A second connection sees the committed cart (what a restart would read).
    other = open_journal(tmp_path)
    restored = CartSession(CartJournal(other)).cart
    assert restored == session.cart and restored.total == Decimal("3847.50")

    with pytest.raises(CartError):
        session.set_quantity(line.line_id, 0)
    assert CartSession(CartJournal(other)).cart.lines[0].quantity == 3

    parked_id = session.park("Стол 1")
    assert session.cart.is_empty
    assert CartJournal(other).load_current() == Cart().to_dict()
    [parked] = CartJournal(other).list_parked()
    assert (parked.parked_id, parked.label, parked.total) == (
        parked_id,
        "Стол 1",
        Decimal("3847.50"),
    )
    assert session.resume(parked_id)
    assert session.cart == restored and CartJournal(other).list_parked() == []
    assert not session.resume(parked_id)


def test_an_unreadable_saved_cart_is_kept_aside(tmp_path: Path) -> None:
    conn = open_journal(tmp_path)
    CartJournal(conn).save_current({"version": 99, "lines": []})
    session = CartSession(CartJournal(conn))
    assert session.cart.is_empty and session.restore_error is not None
    assert [p.label for p in session.parked()] == ["unreadable save"]

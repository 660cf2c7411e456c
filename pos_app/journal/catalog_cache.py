"""The local copy of the provider's catalog, so the counter opens instantly and works offline."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

from pos_app.journal.db import transaction

__all__ = ["CatalogCache", "CatalogItem"]


@dataclass(frozen=True)
class CatalogItem:
    """One sellable item as the counter shows it, whatever provider it came from.

    Attributes:
        item_id: The provider's catalog id (sent back as ``catalog_item_id``).
        name: The name on the tile and the receipt.
        price: The selling price in tenge.
        unit: The unit's short name ("шт", "кг", …).
        barcode: EAN/UPC a scanner reads, if any.
        sku: The shop's own code (ApiPay ``external_ref``), if any.
        image_url: Where the picture is (absolute, or relative to the provider's root), if any.
    """

    item_id: int
    name: str
    price: Decimal
    unit: str
    barcode: str | None = None
    sku: str | None = None
    image_url: str | None = None


class CatalogCache:
    """Reads and replaces the cached catalog in the journal database."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        """Use ``conn`` (from :func:`pos_app.journal.db.open_journal`)."""
        self._conn = conn

    def load(self) -> list[CatalogItem]:
        """All cached items in the provider's order."""
        rows = self._conn.execute(
            "SELECT item_id, name, price, unit, barcode, sku, image_url"
            " FROM catalog_item ORDER BY position"
        ).fetchall()
        return [
            CatalogItem(
                item_id=int(r[0]),
                name=r[1],
                price=Decimal(r[2]),
                unit=r[3],
                barcode=r[4],
                sku=r[5],
                image_url=r[6],
            )
            for r in rows
        ]

    def replace(self, items: Iterable[CatalogItem], synced_at: datetime | None = None) -> None:
        """Replace the whole cache with ``items`` in one transaction.

        Args:
            items: The provider's full catalog, in display order.
            synced_at: When it was fetched (default: now, UTC).
        """
        when = (synced_at or datetime.now(UTC)).isoformat()
        with transaction(self._conn):
            self._conn.execute("DELETE FROM catalog_item")
            self._conn.executemany(
                "INSERT INTO catalog_item"
                " (item_id, name, price, unit, barcode, sku, image_url, position)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    (i.item_id, i.name, str(i.price), i.unit, i.barcode, i.sku, i.image_url, n)
                    for n, i in enumerate(items)
                ),
            )
            self._conn.execute(
                "INSERT OR REPLACE INTO catalog_meta (key, value) VALUES ('synced_at', ?)",
                (when,),
            )

    def synced_at(self) -> datetime | None:
        """When the cache was last replaced from the provider, or ``None`` if never."""
        row = self._conn.execute(
            "SELECT value FROM catalog_meta WHERE key = 'synced_at'"
        ).fetchone()
        return datetime.fromisoformat(row[0]) if row else None

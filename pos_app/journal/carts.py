"""The cart being rung up and the parked carts, saved so a crash or a restart loses nothing.

Carts are stored as the JSON of :meth:`pos_app.domain.cart.Cart.to_dict` (money as strings), so
this module needs no knowledge of the cart's fields. Operations that move a cart between "current"
and "parked" run in one transaction: a crash can never leave a sale both parked and current, or
neither.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from pos_app.journal.db import transaction

__all__ = ["CartJournal", "ParkedCart"]


@dataclass(frozen=True)
class ParkedCart:
    """A parked sale as the list shows it.

    Attributes:
        parked_id: Row id, the handle for :meth:`CartJournal.resume`.
        label: What the cashier typed ("Табыс, столик 4"), may be empty.
        total: The cart's total when it was parked.
        line_count: How many lines it has.
        parked_at: When it was parked (UTC, aware).
        data: The cart as ``Cart.to_dict()``.
    """

    parked_id: int
    label: str
    total: Decimal
    line_count: int
    parked_at: datetime
    data: dict[str, Any]


class CartJournal:
    """Current and parked carts of one counter in the journal database."""

    def __init__(self, conn: sqlite3.Connection, counter: str = "main") -> None:
        """Store carts for ``counter`` through ``conn`` (from ``open_journal``)."""
        self._conn = conn
        self._counter = counter

    def _write_current(self, data: dict[str, Any]) -> None:
        self._conn.execute(
            "INSERT OR REPLACE INTO current_cart (counter, data, updated_at) VALUES (?, ?, ?)",
            (self._counter, json.dumps(data, ensure_ascii=False), _now()),
        )

    def save_current(self, data: dict[str, Any]) -> None:
        """Save the cart being rung up (replaces the previous save)."""
        with transaction(self._conn):
            self._write_current(data)

    def load_current(self) -> dict[str, Any] | None:
        """The last saved current cart, or ``None`` if there is none."""
        row = self._conn.execute(
            "SELECT data FROM current_cart WHERE counter = ?", (self._counter,)
        ).fetchone()
        if row is None:
            return None
        data: dict[str, Any] = json.loads(row[0])
        return data

    def park(
        self,
        data: dict[str, Any],
        *,
        label: str,
        total: Decimal,
        line_count: int,
        new_current: dict[str, Any],
    ) -> int:
        """Park a cart and make ``new_current`` (usually empty) the current one, atomically.

        Returns:
            The parked cart's id.
        """
        with transaction(self._conn):
            cursor = self._conn.execute(
                "INSERT INTO parked_cart (counter, label, total, line_count, data, parked_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (
                    self._counter,
                    label,
                    str(total),
                    line_count,
                    json.dumps(data, ensure_ascii=False),
                    _now(),
                ),
            )
            self._write_current(new_current)
        return int(cursor.lastrowid or 0)

    def resume(self, parked_id: int) -> dict[str, Any] | None:
        """Take a parked cart back: it is deleted from the parked list and becomes current.

        The caller parks a non-empty current cart first (see ``CartSession.resume``).

        Returns:
            The cart's data, or ``None`` if it is not parked (any more).
        """
        with transaction(self._conn):
            row = self._conn.execute(
                "SELECT data FROM parked_cart WHERE parked_id = ? AND counter = ?",
                (parked_id, self._counter),
            ).fetchone()
            if row is None:
                return None
            data: dict[str, Any] = json.loads(row[0])
            self._conn.execute("DELETE FROM parked_cart WHERE parked_id = ?", (parked_id,))
            self._write_current(data)
        return data

    def delete_parked(self, parked_id: int) -> None:
        """Forget a parked cart."""
        with transaction(self._conn):
            self._conn.execute(
                "DELETE FROM parked_cart WHERE parked_id = ? AND counter = ?",
                (parked_id, self._counter),
            )

    def list_parked(self) -> list[ParkedCart]:
        """The parked carts, oldest first."""
        rows = self._conn.execute(
            "SELECT parked_id, label, total, line_count, parked_at, data FROM parked_cart"
            " WHERE counter = ? ORDER BY parked_id",
            (self._counter,),
        ).fetchall()
        return [
            ParkedCart(
                parked_id=int(r[0]),
                label=r[1],
                total=Decimal(r[2]),
                line_count=int(r[3]),
                parked_at=datetime.fromisoformat(r[4]),
                data=json.loads(r[5]),
            )
            for r in rows
        ]


def _now() -> str:
    return datetime.now(UTC).isoformat()

"""The write-ahead sales journal: every sale and every change of its state, in SQLite.

A sale is written here (state ``CREATING``) *before* its create request leaves the till, with
its own id (:func:`new_sale_id`), which is sent as the provider's order reference and
idempotency key. So a crash, a lost answer or a double click never loses or doubles a sale:
at start-up every unfinished row is resumed, and a lost answer is looked up by that id.

Every change of state goes through :meth:`SalesJournal.update`, which checks it against the
domain's transition table (:func:`pos_app.domain.sale.transition`) and appends a row to
``sale_events`` (time, old state, new state, the provider's raw status, a note) in the same
transaction as the change itself.

Tables (migration 3 in :mod:`pos_app.journal.migrations`): ``sales`` and ``sale_events``.
Money is stored as text (``Decimal`` round-trips exactly), times as ISO 8601 UTC text.

The phone number is stored in full (a resend needs it) but never written to a log line: use
``SaleRecord.phone.masked``.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any, Literal

from pos_app.domain.cart import Cart
from pos_app.domain.phone import KzPhone, parse_phone
from pos_app.domain.sale import SaleState, is_final, transition
from pos_app.journal._records import UNSET as _UNSET
from pos_app.journal._records import StateTable, fetch, immediate
from pos_app.journal._records import iso as _iso
from pos_app.journal._records import now_utc as _now
from pos_app.journal._records import parse_time as _parse_time

__all__ = [
    "NOT_CREATED",
    "UNFINISHED_STATES",
    "SaleEvent",
    "SaleMethod",
    "SaleRecord",
    "SalesJournal",
    "new_sale_id",
]

SaleMethod = Literal["phone", "qr"]

#: States a sale can be left in by a crash or a lost answer: resumed at start-up.
UNFINISHED_STATES: frozenset[SaleState] = frozenset(
    {SaleState.CREATING, SaleState.UNKNOWN, SaleState.WAITING, SaleState.CANCELLING}
)

#: The error code of a sale that reconciliation proved was never created at the provider.
NOT_CREATED = "not_created"

# Crockford's base 32: no I, L, O, U, so an id read aloud over the phone is unambiguous.
_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def _b32(value: int, length: int) -> str:
    chars = []
    for _ in range(length):
        chars.append(_CROCKFORD[value & 31])
        value >>= 5
    return "".join(reversed(chars))


def new_sale_id(now_ms: int | None = None) -> str:
    """A new sale id: a ULID (time-ordered, 128 bits, 26 characters of Crockford base 32).

    The time part sorts ids in creation order (handy in the provider's dashboard); the 80
    random bits make two tills, or two clicks in the same millisecond, never collide.

    Args:
        now_ms: Milliseconds since the epoch (tests); default now.

    Returns:
        ``"01J…"``: 26 characters, well under ApiPay's 191 for an idempotency key.
    """
    stamp = int(time.time() * 1000) if now_ms is None else now_ms
    randomness = int.from_bytes(os.urandom(10), "big")
    return _b32(stamp & ((1 << 48) - 1), 10) + _b32(randomness, 16)


@dataclass(frozen=True)
class SaleRecord:
    """One sale as the journal holds it now.

    Attributes:
        sale_id: The local id; also the provider's ``external_order_id`` and idempotency key.
        provider: ``"apipay"`` or ``"xpayment"``.
        method: ``"phone"`` (request sent to the customer's phone) or ``"qr"``.
        cart: The cart that was sold (a copy; never the counter's live cart).
        amount: What the customer pays.
        phone: The payer's number (phone sales); show or log only ``phone.masked``.
        description: Shown to the payer.
        payment_id: The provider's payment (invoice) id, once known.
        status_raw: The provider's last status word, as it said it (also unknown ones).
        state: The app's state.
        qr_url: The text to encode in the QR code (QR sales, from the create answer).
        qr_expires_at: Until when the QR code can be scanned.
        error_code: Why the sale failed (the provider's code or a local one), if it did.
        error_message: The English message of that failure (for the log and the UI).
        group_id: The first sale's id for a chain of "New QR" sales of one cart; else sale_id.
        register_name: The till's name.
        cashier_name: Who rang the sale up.
        created_at: When it was journaled (before the create request).
        updated_at: Last change.
        final_at: When it reached a final state.
    """

    sale_id: str
    provider: str
    method: SaleMethod
    cart: Cart
    amount: Decimal
    phone: KzPhone | None
    description: str | None
    payment_id: str | None
    status_raw: str | None
    state: SaleState
    qr_url: str | None
    qr_expires_at: datetime | None
    error_code: str | None
    error_message: str | None
    group_id: str
    register_name: str
    cashier_name: str
    created_at: datetime
    updated_at: datetime
    final_at: datetime | None

    @property
    def is_final(self) -> bool:
        """Whether the payment is settled (no more watching)."""
        return is_final(self.state)

    def __repr__(self) -> str:
        # Short on purpose: the cart is long, and the phone must appear only masked.
        phone = self.phone.masked if self.phone else None
        return (
            f"SaleRecord(sale_id={self.sale_id!r}, method={self.method!r}, "
            f"state={self.state.value!r}, amount={self.amount!s}, payment_id={self.payment_id!r}, "
            f"phone={phone!r})"
        )


@dataclass(frozen=True)
class SaleEvent:
    """One row of a sale's history: a change of state (or of the provider's raw status)."""

    event_id: int
    sale_id: str
    at: datetime
    old_state: SaleState | None
    new_state: SaleState
    status_raw: str | None
    note: str


# The sales table, its events, and the columns :meth:`SalesJournal.update` may change.
_SALES: StateTable[SaleState] = StateTable(
    table="sales",
    events="sale_events",
    key="sale_id",
    updatable=frozenset(
        {"payment_id", "qr_url", "qr_expires_at", "error_code", "error_message", "status_raw"}
    ),
    parse=SaleState,
    check=transition,
    is_final=is_final,
)


class SalesJournal:
    """Reads and writes the ``sales`` and ``sale_events`` tables.

    Args:
        conn: A connection from :func:`pos_app.journal.db.open_journal` (autocommit mode,
            schema version ≥ 3). Use the journal from the thread that opened the connection.
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    @property
    def connection(self) -> sqlite3.Connection:
        """The underlying connection."""
        return self._conn

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        # IMMEDIATE: the write lock is taken before the old state is read (see _records).
        with immediate(self._conn):
            yield

    # --- writing -------------------------------------------------------------------------

    def create(
        self,
        *,
        provider: str,
        method: SaleMethod,
        cart: Cart,
        amount: Decimal,
        phone: KzPhone | None = None,
        description: str | None = None,
        register_name: str = "",
        cashier_name: str = "",
        group_id: str | None = None,
        sale_id: str | None = None,
    ) -> SaleRecord:
        """Journal a new sale in state ``CREATING`` (call this *before* the create request).

        The row and its first event (``draft → creating``) are committed together with
        ``synchronous=FULL``: once this returns, the sale survives a power cut.

        Args:
            provider: The provider's name.
            method: ``"phone"`` or ``"qr"``.
            cart: The cart being sold (serialised with ``Cart.to_dict``).
            amount: The amount to charge.
            phone: The payer (phone sales).
            description: Shown to the payer.
            register_name: The till's name.
            cashier_name: The cashier's name.
            group_id: The sale this one is a "New QR" of (its group), if any.
            sale_id: A given id (tests); default :func:`new_sale_id`.

        Returns:
            The new record.
        """
        sale_id = sale_id or new_sale_id()
        now = _iso(_now())
        state = transition(SaleState.DRAFT, SaleState.CREATING)
        with self._transaction():
            self._conn.execute(
                """INSERT INTO sales (sale_id, provider, method, cart, amount, phone, description,
                       state, group_id, register_name, cashier_name, created_at, updated_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (
                    sale_id,
                    provider,
                    method,
                    json.dumps(cart.to_dict(), ensure_ascii=False, sort_keys=True),
                    str(amount),
                    phone.national if phone else None,
                    description,
                    state.value,
                    group_id or sale_id,
                    register_name,
                    cashier_name,
                    now,
                    now,
                ),
            )
            self._add_event(sale_id, now, SaleState.DRAFT, state, None, "journaled before create")
        return self.get(sale_id)

    def update(
        self,
        sale_id: str,
        state: SaleState | None = None,
        *,
        note: str = "",
        status_raw: str | None = _UNSET,
        payment_id: str | None = _UNSET,
        qr_url: str | None = _UNSET,
        qr_expires_at: datetime | None = _UNSET,
        error_code: str | None = _UNSET,
        error_message: str | None = _UNSET,
    ) -> SaleRecord:
        """Change a sale: its state (checked against the transition table) and/or fields.

        An event is appended when the state or the raw status changes, or when ``note`` is
        given; a poll that sees nothing new writes nothing.

        Args:
            sale_id: The sale.
            state: The new state; ``None`` keeps the current one (e.g. an unknown raw status).
            note: Why (``"reconciled: found"``, ``"unknown provider status"`` …).
            status_raw: The provider's status word; omitted = unchanged.
            payment_id: The provider's payment id; omitted = unchanged.
            qr_url: QR text; omitted = unchanged.
            qr_expires_at: QR expiry; omitted = unchanged.
            error_code: Failure code; omitted = unchanged.
            error_message: Failure message; omitted = unchanged.

        Returns:
            The record after the change.

        Raises:
            KeyError: No such sale.
            pos_app.domain.errors.TransitionError: The table does not allow the move; nothing
                is written.
        """
        fields: dict[str, Any] = {
            "status_raw": status_raw,
            "payment_id": payment_id,
            "qr_url": qr_url,
            "qr_expires_at": qr_expires_at,
            "error_code": error_code,
            "error_message": error_message,
        }
        changes = {k: v for k, v in fields.items() if v is not _UNSET}
        _SALES.update(self._conn, sale_id, state, note=note, changes=changes)
        return self.get(sale_id)

    def adopt_late_invoice(
        self,
        sale_id: str,
        state: SaleState,
        *,
        note: str,
        status_raw: str | None = None,
        payment_id: str | None = None,
        qr_expires_at: datetime | None = None,
    ) -> SaleRecord:
        """Bring back a sale reconciled to "no invoice" whose invoice turned up after all.

        The one move outside the transition table: ``FAILED`` with ``error_code``
        ``not_created`` → ``state``, where ``state`` is what a reconciliation that had found
        the invoice would have set (anything ``UNKNOWN`` may move to). The failure code and
        message are cleared; the event (``failed → state``) keeps the history honest.

        Raises:
            KeyError: No such sale.
            pos_app.domain.errors.TransitionError: The sale is not such a failed sale, or
                ``state`` is not a reconciliation outcome; nothing is written.
        """
        with self._transaction():
            old = self._row(sale_id)
            if old is None:
                raise KeyError(sale_id)
            old_state = SaleState(old["state"])
            if old_state != SaleState.FAILED or old["error_code"] != NOT_CREATED:
                transition(old_state, state)  # raises: only a "not created" sale comes back
            transition(SaleState.UNKNOWN, state)  # raises unless a reconciliation outcome
            now = _iso(_now())
            values: dict[str, Any] = {
                "state": state.value,
                "error_code": None,
                "error_message": None,
                "final_at": now if is_final(state) else None,
                "updated_at": now,
            }
            if status_raw is not None:
                values["status_raw"] = status_raw
            if payment_id is not None:
                values["payment_id"] = payment_id
            if qr_expires_at is not None:
                values["qr_expires_at"] = _iso(qr_expires_at)
            assignments = ", ".join(f"{column} = ?" for column in values)
            self._conn.execute(
                f"UPDATE sales SET {assignments} WHERE sale_id = ?",
                (*values.values(), sale_id),
            )
            self._add_event(
                sale_id, now, old_state, state, values.get("status_raw", old["status_raw"]), note
            )
        return self.get(sale_id)

    def _add_event(
        self,
        sale_id: str,
        at: str | None,
        old: SaleState | None,
        new: SaleState,
        status_raw: str | None,
        note: str,
    ) -> None:
        _SALES.add_event(self._conn, sale_id, at, old, new, status_raw, note)

    # --- reading -------------------------------------------------------------------------

    def _row(self, sale_id: str) -> sqlite3.Row | None:
        return _SALES.row(self._conn, sale_id)

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        return fetch(self._conn, sql, params)

    def get(self, sale_id: str) -> SaleRecord:
        """The sale ``sale_id``.

        Raises:
            KeyError: No such sale.
        """
        row = self._row(sale_id)
        if row is None:
            raise KeyError(sale_id)
        return _record(row)

    def find(self, sale_id: str) -> SaleRecord | None:
        """The sale ``sale_id``, or ``None``."""
        row = self._row(sale_id)
        return None if row is None else _record(row)

    def not_created_since(self, since: datetime) -> list[SaleRecord]:
        """Sales reconciled to "no invoice" (``FAILED``, ``not_created``) since ``since``.

        These are looked up again for a while after the failure (a slow create may arrive).
        """
        rows = self._rows(
            "SELECT * FROM sales WHERE state = ? AND error_code = ? AND final_at >= ? "
            "ORDER BY final_at, sale_id",
            (SaleState.FAILED.value, NOT_CREATED, _iso(since)),
        )
        return [_record(r) for r in rows]

    def since(self, sale: SaleRecord) -> list[SaleRecord]:
        """Sales journaled after ``sale`` (oldest first)."""
        rows = self._rows(
            "SELECT * FROM sales WHERE created_at >= ? AND sale_id != ? "
            "ORDER BY created_at, sale_id",
            (_iso(sale.created_at), sale.sale_id),
        )
        return [_record(r) for r in rows]

    def unfinished(self) -> list[SaleRecord]:
        """Sales left creating, unknown, waiting or cancelling (oldest first): resume them."""
        marks = ", ".join("?" for _ in UNFINISHED_STATES)
        rows = self._rows(
            f"SELECT * FROM sales WHERE state IN ({marks}) ORDER BY created_at, sale_id",
            sorted(s.value for s in UNFINISHED_STATES),
        )
        return [_record(r) for r in rows]

    def group(self, group_id: str) -> list[SaleRecord]:
        """The sales of one "New QR" chain (oldest first)."""
        rows = self._rows(
            "SELECT * FROM sales WHERE group_id = ? ORDER BY created_at, sale_id", (group_id,)
        )
        return [_record(r) for r in rows]

    def recent(self, limit: int = 100) -> list[SaleRecord]:
        """The newest sales, newest first."""
        rows = self._rows(
            "SELECT * FROM sales ORDER BY created_at DESC, sale_id DESC LIMIT ?", (limit,)
        )
        return [_record(r) for r in rows]

    def events(self, sale_id: str) -> list[SaleEvent]:
        """The history of a sale, oldest first."""
        return [
            SaleEvent(e.event_id, e.key, e.at, e.old_state, e.new_state, e.status_raw, e.note)
            for e in _SALES.read_events(self._conn, sale_id)
        ]


def _record(row: sqlite3.Row) -> SaleRecord:
    method: SaleMethod = "qr" if row["method"] == "qr" else "phone"
    created = _parse_time(row["created_at"])
    updated = _parse_time(row["updated_at"])
    assert created is not None and updated is not None
    return SaleRecord(
        sale_id=row["sale_id"],
        provider=row["provider"],
        method=method,
        cart=Cart.from_dict(json.loads(row["cart"])),
        amount=Decimal(row["amount"]),
        phone=parse_phone(row["phone"]) if row["phone"] else None,
        description=row["description"],
        payment_id=row["payment_id"],
        status_raw=row["status_raw"],
        state=SaleState(row["state"]),
        qr_url=row["qr_url"],
        qr_expires_at=_parse_time(row["qr_expires_at"]),
        error_code=row["error_code"],
        error_message=row["error_message"],
        group_id=row["group_id"],
        register_name=row["register_name"],
        cashier_name=row["cashier_name"],
        created_at=created,
        updated_at=updated,
        final_at=_parse_time(row["final_at"]),
    )

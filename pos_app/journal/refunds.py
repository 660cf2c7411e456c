"""The write-ahead refund journal: every refund the till asks for, written before it is sent.

Mirrors the sales journal (:mod:`pos_app.journal.sales`): a refund is journaled in state
``CREATING`` with its own id *before* ``POST /invoices/{id}/refund`` leaves, together with what
was asked (full, an amount or items; the reason; the amount that was available). When the
answer is lost, the row goes ``UNKNOWN`` and is reconciled against the payment's refunds
(``list_payment_refunds``) before anything is re-sent, so one click never makes two refunds.

Every change of state goes through :meth:`RefundJournal.update`, checked against
:data:`REFUND_TRANSITIONS`, and appends a row to ``refund_events`` in the same transaction.

Tables (migration 4 in :mod:`pos_app.journal.migrations`): ``refunds`` and ``refund_events``.
Money as text (``Decimal`` round-trips exactly), times as ISO 8601 UTC text.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any, Literal

from pos_app.domain.errors import QT_TRANSLATE_NOOP, TransitionError
from pos_app.domain.sale import RefundState
from pos_app.journal._records import UNSET as _UNSET
from pos_app.journal._records import StateTable, fetch, immediate
from pos_app.journal._records import iso as _iso
from pos_app.journal._records import now_utc as _now
from pos_app.journal._records import parse_time as _time
from pos_app.journal.sales import new_sale_id

__all__ = [
    "REFUND_TRANSITIONS",
    "UNFINISHED_REFUND_STATES",
    "RefundEvent",
    "RefundJournal",
    "RefundKind",
    "RefundLineRequest",
    "RefundRecord",
    "can_refund_transition",
    "refund_transition",
]

RefundKind = Literal["full", "amount", "items"]

_R = RefundState

#: Allowed moves of a refund. CREATING → UNKNOWN is the lost answer; UNKNOWN is decided by
#: reconciliation (found: PENDING/COMPLETED/FAILED; proven absent: FAILED "not_created").
REFUND_TRANSITIONS: dict[RefundState, frozenset[RefundState]] = {
    _R.CREATING: frozenset({_R.PENDING, _R.COMPLETED, _R.FAILED, _R.UNKNOWN}),
    _R.UNKNOWN: frozenset({_R.PENDING, _R.COMPLETED, _R.FAILED}),
    _R.PENDING: frozenset({_R.COMPLETED, _R.FAILED}),
    _R.COMPLETED: frozenset(),
    _R.FAILED: frozenset(),
}

#: States a refund can be left in by a crash, a lost answer or a queue: resumed at start-up.
UNFINISHED_REFUND_STATES = frozenset({_R.CREATING, _R.UNKNOWN, _R.PENDING})


def can_refund_transition(old: RefundState, new: RefundState) -> bool:
    """Whether a refund may move from ``old`` to ``new`` (staying put is always allowed)."""
    return old == new or new in REFUND_TRANSITIONS[old]


def refund_transition(old: RefundState, new: RefundState) -> RefundState:
    """Move a refund from ``old`` to ``new``.

    Raises:
        TransitionError: ``refund.bad_transition`` when the table does not allow it.
    """
    if not can_refund_transition(old, new):
        raise TransitionError(
            "refund.bad_transition",
            QT_TRANSLATE_NOOP("Domain", "A refund cannot go from {old} to {new}"),
            {"old": old.value, "new": new.value},
        )
    return new


@dataclass(frozen=True)
class RefundLineRequest:
    """One item asked back: the catalog id, how many, and (for display) its name and price."""

    catalog_item_id: int
    count: int
    name: str = ""
    price: Decimal | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe form (money as a string)."""
        return {
            "catalog_item_id": self.catalog_item_id,
            "count": self.count,
            "name": self.name,
            "price": str(self.price) if self.price is not None else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RefundLineRequest:
        """Read :meth:`to_dict`'s output."""
        price = data.get("price")
        return cls(
            catalog_item_id=int(data["catalog_item_id"]),
            count=int(data["count"]),
            name=str(data.get("name") or ""),
            price=Decimal(price) if price is not None else None,
        )


@dataclass(frozen=True)
class RefundRecord:
    """One refund as the journal holds it now.

    Attributes:
        refund_id: The local id (a ULID like a sale id).
        provider: ``"apipay"`` or ``"xpayment"``.
        payment_id: The provider's payment (invoice) being refunded.
        sale_id: The local sale of that payment, when this till sold it.
        kind: ``full``, ``amount`` or ``items``.
        requested_amount: The amount asked for (``amount``), or the expected value of a full /
            per-item refund when it was known (the available amount, the items' worth).
        items: The items asked back (``items``).
        reason: Why (shown to the provider, printed on the refund receipt).
        state: Where the refund is.
        status_raw: The provider's last word on it.
        provider_refund_id: The provider's refund id, once known.
        amount: What the provider says is refunded (once known).
        error_code: Why it failed.
        error_message: English message of that failure.
        register_name: The till.
        cashier_name: Who asked for it.
        created_at: When it was journaled (before the request).
        updated_at: Last change.
        final_at: When it reached ``COMPLETED``/``FAILED``.
    """

    refund_id: str
    provider: str
    payment_id: str
    sale_id: str | None
    kind: RefundKind
    requested_amount: Decimal | None
    items: tuple[RefundLineRequest, ...]
    reason: str | None
    state: RefundState
    status_raw: str | None
    provider_refund_id: str | None
    amount: Decimal | None
    error_code: str | None
    error_message: str | None
    register_name: str
    cashier_name: str
    created_at: datetime
    updated_at: datetime
    final_at: datetime | None

    @property
    def is_final(self) -> bool:
        """Completed or failed: no more watching."""
        return self.state in (RefundState.COMPLETED, RefundState.FAILED)


@dataclass(frozen=True)
class RefundEvent:
    """One row of a refund's history."""

    event_id: int
    refund_id: str
    at: datetime
    old_state: RefundState | None
    new_state: RefundState
    status_raw: str | None
    note: str


# The refunds table, its events, and the columns :meth:`RefundJournal.update` may change.
_REFUNDS: StateTable[RefundState] = StateTable(
    table="refunds",
    events="refund_events",
    key="refund_id",
    updatable=frozenset(
        {"status_raw", "provider_refund_id", "amount", "error_code", "error_message"}
    ),
    parse=RefundState,
    check=refund_transition,
    is_final=lambda state: state in (RefundState.COMPLETED, RefundState.FAILED),
)


class RefundJournal:
    """Reads and writes the ``refunds`` and ``refund_events`` tables.

    Args:
        conn: A connection from :func:`pos_app.journal.db.open_journal` (schema version ≥ 4).
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        # IMMEDIATE: the write lock is taken before the old state is read (see _records).
        with immediate(self._conn):
            yield

    def create(
        self,
        *,
        provider: str,
        payment_id: str,
        kind: RefundKind,
        requested_amount: Decimal | None = None,
        items: Sequence[RefundLineRequest] = (),
        reason: str | None = None,
        sale_id: str | None = None,
        register_name: str = "",
        cashier_name: str = "",
        refund_id: str | None = None,
    ) -> RefundRecord:
        """Journal a new refund in state ``CREATING`` (call this *before* the request).

        Returns:
            The new record.
        """
        refund_id = refund_id or new_sale_id()
        now = _iso(_now())
        with self._transaction():
            self._conn.execute(
                """INSERT INTO refunds (refund_id, provider, payment_id, sale_id, kind,
                       requested_amount, items, reason, state, register_name, cashier_name,
                       created_at, updated_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (
                    refund_id,
                    provider,
                    payment_id,
                    sale_id,
                    kind,
                    str(requested_amount) if requested_amount is not None else None,
                    json.dumps([i.to_dict() for i in items], ensure_ascii=False),
                    reason,
                    RefundState.CREATING.value,
                    register_name,
                    cashier_name,
                    now,
                    now,
                ),
            )
            self._add_event(
                refund_id, now, None, RefundState.CREATING, None, "journaled before sending"
            )
        return self.get(refund_id)

    def update(
        self,
        refund_id: str,
        state: RefundState | None = None,
        *,
        note: str = "",
        status_raw: str | None = _UNSET,
        provider_refund_id: str | None = _UNSET,
        amount: Decimal | None = _UNSET,
        error_code: str | None = _UNSET,
        error_message: str | None = _UNSET,
    ) -> RefundRecord:
        """Change a refund's state (checked) and/or fields; an event is appended on news.

        Raises:
            KeyError: No such refund.
            TransitionError: ``refund.bad_transition``; nothing is written.
        """
        fields: dict[str, Any] = {
            "status_raw": status_raw,
            "provider_refund_id": provider_refund_id,
            "amount": amount,
            "error_code": error_code,
            "error_message": error_message,
        }
        changes = {k: v for k, v in fields.items() if v is not _UNSET}
        _REFUNDS.update(self._conn, refund_id, state, note=note, changes=changes)
        return self.get(refund_id)

    def _add_event(
        self,
        refund_id: str,
        at: str | None,
        old: RefundState | None,
        new: RefundState,
        status_raw: str | None,
        note: str,
    ) -> None:
        _REFUNDS.add_event(self._conn, refund_id, at, old, new, status_raw, note)

    # --- reading -------------------------------------------------------------------------

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        return fetch(self._conn, sql, params)

    def _row(self, refund_id: str) -> sqlite3.Row | None:
        return _REFUNDS.row(self._conn, refund_id)

    def get(self, refund_id: str) -> RefundRecord:
        """The refund ``refund_id`` (``KeyError`` if unknown)."""
        row = self._row(refund_id)
        if row is None:
            raise KeyError(refund_id)
        return _record(row)

    def find(self, refund_id: str) -> RefundRecord | None:
        """The refund ``refund_id``, or ``None``."""
        row = self._row(refund_id)
        return None if row is None else _record(row)

    def of_payment(self, payment_id: str) -> list[RefundRecord]:
        """The refunds asked for on one payment, oldest first."""
        rows = self._rows(
            "SELECT * FROM refunds WHERE payment_id = ? ORDER BY created_at, refund_id",
            (payment_id,),
        )
        return [_record(r) for r in rows]

    def unfinished(self) -> list[RefundRecord]:
        """Refunds left creating, unknown or pending (oldest first): resume them."""
        marks = ", ".join("?" for _ in UNFINISHED_REFUND_STATES)
        rows = self._rows(
            f"SELECT * FROM refunds WHERE state IN ({marks}) ORDER BY created_at, refund_id",
            sorted(s.value for s in UNFINISHED_REFUND_STATES),
        )
        return [_record(r) for r in rows]

    def claimed_provider_ids(self, payment_id: str) -> set[str]:
        """Provider refund ids already linked to a journal row of this payment."""
        rows = self._rows(
            "SELECT provider_refund_id FROM refunds WHERE payment_id = ? "
            "AND provider_refund_id IS NOT NULL",
            (payment_id,),
        )
        return {str(r["provider_refund_id"]) for r in rows}

    def events(self, refund_id: str) -> list[RefundEvent]:
        """The history of a refund, oldest first."""
        return [
            RefundEvent(e.event_id, e.key, e.at, e.old_state, e.new_state, e.status_raw, e.note)
            for e in _REFUNDS.read_events(self._conn, refund_id)
        ]


def _record(row: sqlite3.Row) -> RefundRecord:
    kind: RefundKind = row["kind"] if row["kind"] in ("full", "amount", "items") else "full"
    created = _time(row["created_at"])
    updated = _time(row["updated_at"])
    assert created is not None and updated is not None
    return RefundRecord(
        refund_id=row["refund_id"],
        provider=row["provider"],
        payment_id=row["payment_id"],
        sale_id=row["sale_id"],
        kind=kind,
        requested_amount=(
            Decimal(row["requested_amount"]) if row["requested_amount"] is not None else None
        ),
        items=tuple(RefundLineRequest.from_dict(d) for d in json.loads(row["items"] or "[]")),
        reason=row["reason"],
        state=RefundState(row["state"]),
        status_raw=row["status_raw"],
        provider_refund_id=row["provider_refund_id"],
        amount=Decimal(row["amount"]) if row["amount"] is not None else None,
        error_code=row["error_code"],
        error_message=row["error_message"],
        register_name=row["register_name"],
        cashier_name=row["cashier_name"],
        created_at=created,
        updated_at=updated,
        final_at=_time(row["final_at"]),
    )

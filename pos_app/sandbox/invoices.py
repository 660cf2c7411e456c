"""Sandbox routes and life cycle of invoices (phone and QR), answering in the 2.1 shapes.

Tables (other modules may read them; write only through the functions below):

* ``invoices`` — one row per invoice; money as text with two decimals, times as
  :func:`~pos_app.sandbox.clock.stamp` text (fixed-width UTC, so SQL compares them).
* ``invoice_items`` — the cart lines of an invoice.

Life of an invoice (times on the sandbox clock, so ``POST /_sandbox/clock/advance`` works):

* phone: ``processing`` → ``pending`` after ``config.processing_seconds`` (or ``error``
  ``client_not_found`` when the number has no Kaspi, see :mod:`pos_app.sandbox.clients`) →
  ``paid`` (customer, pay page, control API, auto-pay) / ``cancelled`` (merchant cancels or
  customer declines) / ``expired`` (``config.invoice_lifetime_seconds`` after creation) /
  ``error`` (simulate-status);
* QR: created ``pending``; must be scanned before ``qr_expires_at`` or it expires; once scanned
  it lives ``config.invoice_lifetime_seconds`` from the scan. It cannot be cancelled.
* refunds (module :mod:`pos_app.sandbox.refunds`) call :func:`record_refund` when one
  completes: ``total_refunded`` grows, the first partial refund turns ``paid`` into
  ``partially_refunded``; a full refund keeps the status and sets ``is_fully_refunded``.

Every notifiable change emits ``invoice.status_changed`` (and a scan ``invoice.qr_scanned``) on
the engine with the exact 2.1 webhook body.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from pos_app.sandbox import clients
from pos_app.sandbox.clock import ALMATY, iso, iso_stamp, parse_iso, parse_window, stamp
from pos_app.sandbox.engine import SandboxEngine
from pos_app.sandbox.http import (
    MAX_AMOUNT,
    MIN_AMOUNT,
    business_error,
    cents,
    int_param,
    json_body,
    money,
    ok,
    paginate,
    plain_error,
    validation_error,
)

SCHEMA = """
CREATE TABLE IF NOT EXISTS invoices (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    amount TEXT NOT NULL,
    subtotal TEXT,
    discount_sum TEXT,
    discount_percentage TEXT,
    phone TEXT,
    description TEXT,
    internal_comment TEXT,
    external_order_id TEXT,
    idempotency_key TEXT,
    status TEXT NOT NULL,
    is_qr INTEGER NOT NULL DEFAULT 0,
    is_recurring INTEGER NOT NULL DEFAULT 0,
    token TEXT NOT NULL UNIQUE,
    qr_expires_at TEXT,
    qr_scanned INTEGER NOT NULL DEFAULT 0,
    client_name TEXT,
    kaspi_invoice_id TEXT,
    kaspi_source_type TEXT,
    kaspi_sale_type TEXT,
    error_code TEXT,
    error_message TEXT,
    total_refunded TEXT NOT NULL DEFAULT '0.00',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    pending_at TEXT,
    expires_at TEXT,
    auto_pay_at TEXT,
    paid_at TEXT,
    cancelled_at TEXT,
    expired_at TEXT,
    errored_at TEXT
);
CREATE INDEX IF NOT EXISTS invoices_idempotency ON invoices(idempotency_key);
CREATE INDEX IF NOT EXISTS invoices_status ON invoices(status);
CREATE TABLE IF NOT EXISTS invoice_items (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    invoice_id INTEGER NOT NULL REFERENCES invoices(id) ON DELETE CASCADE,
    catalog_item_id INTEGER,
    name TEXT NOT NULL,
    price TEXT NOT NULL,
    count INTEGER NOT NULL,
    unit_id INTEGER,
    discount TEXT,
    barcode TEXT,
    ntin TEXT,
    gtin TEXT
);
CREATE INDEX IF NOT EXISTS invoice_items_invoice ON invoice_items(invoice_id);
"""

STATUSES = (
    "processing",
    "pending",
    "cancelling",
    "paid",
    "cancelled",
    "expired",
    "error",
    "partially_refunded",
)
#: Statuses that send ``invoice.status_changed`` (the technical ones do not).
NOTIFIABLE = frozenset({"pending", "paid", "cancelled", "expired", "error", "partially_refunded"})
#: An idempotency key may be used again once its invoice ended in one of these.
REUSABLE = frozenset({"expired", "cancelled", "error"})
#: Money received: ``summary.sales`` and refunds allowed.
PAID = frozenset({"paid", "partially_refunded"})
UNFINISHED = frozenset({"processing", "pending", "cancelling"})
SORTABLE = ("id", "amount", "client_name", "status", "created_at", "paid_at")
WEBHOOK_SOURCE = "sandbox"


class InvoiceStateError(Exception):
    """A customer or control action that the invoice's status does not allow."""

    def __init__(self, status: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


# --------------------------------------------------------------------------- reading


def row(engine: SandboxEngine, invoice_id: int) -> sqlite3.Row | None:
    """The stored row of an invoice, or ``None``."""
    return engine.store.one("SELECT * FROM invoices WHERE id = ?", (invoice_id,))


def row_by_token(engine: SandboxEngine, token: str) -> sqlite3.Row | None:
    """The invoice a pay-page / QR token belongs to, or ``None``."""
    return engine.store.one("SELECT * FROM invoices WHERE token = ?", (token,))


def items_of(engine: SandboxEngine, invoice_id: int) -> list[sqlite3.Row]:
    """The cart lines of an invoice, in order."""
    return engine.store.query(
        "SELECT * FROM invoice_items WHERE invoice_id = ? ORDER BY id", (invoice_id,)
    )


def get_invoice(engine: SandboxEngine, invoice_id: int) -> dict[str, Any] | None:
    """The full 2.1 ``Invoice`` object, or ``None`` if there is no such invoice."""
    r = row(engine, invoice_id)
    return None if r is None else invoice_json(r, items_of(engine, invoice_id))


def pay_url(engine: SandboxEngine, r: sqlite3.Row) -> str:
    """The customer's page for this invoice (what a QR code encodes)."""
    return f"{engine.public_url}/pay/{r['token']}"


def qr_image_url(engine: SandboxEngine, r: sqlite3.Row) -> str:
    """The PNG of the invoice's QR code."""
    return f"{engine.public_url}/qr/{r['token']}.png"


def is_fully_refunded(r: sqlite3.Row) -> bool:
    """Whether every tenge of a paid invoice has been refunded (2.1: status stays paid)."""
    return r["status"] in PAID and Decimal(r["total_refunded"]) >= Decimal(r["amount"])


def _item_json(i: sqlite3.Row) -> dict[str, Any]:
    return {
        "id": i["id"],
        "invoice_id": i["invoice_id"],
        "catalog_item_id": i["catalog_item_id"],
        "name": i["name"],
        "price": money(i["price"]),
        "count": i["count"],
        "unit_id": i["unit_id"],
        "discount": money(i["discount"]),
        "barcode": i["barcode"],
        "ntin": i["ntin"],
        "gtin": i["gtin"],
    }


def invoice_json(r: sqlite3.Row, items: Iterable[sqlite3.Row]) -> dict[str, Any]:
    """``Invoice`` (GET /invoices/{id}): conditional fields only when they have a value.

    ``phone_number`` is left out for a QR invoice without a number (the schema has no null).
    """
    body: dict[str, Any] = {"id": r["id"], "amount": money(r["amount"])}
    if r["phone"] is not None:
        body["phone_number"] = r["phone"]
    body.update(
        {
            "description": r["description"],
            "external_order_id": r["external_order_id"],
            "status": r["status"],
            "client_name": r["client_name"],
            "internal_comment": r["internal_comment"],
            "is_sandbox": True,
            "total_refunded": money(r["total_refunded"]),
            "is_fully_refunded": is_fully_refunded(r),
            "kaspi_invoice_id": r["kaspi_invoice_id"],
            "error_message": r["error_message"],
        }
    )
    if r["error_code"]:
        body["error_code"] = r["error_code"]
    body["items"] = [_item_json(i) for i in items]
    if r["subtotal"] is not None:
        body["subtotal"] = money(r["subtotal"])
        body["discount_sum"] = money(r["discount_sum"] or "0")
    if r["discount_percentage"] is not None:
        body["discount_percentage"] = r["discount_percentage"]
    body["paid_at"] = iso_stamp(r["paid_at"])
    body["created_at"] = iso_stamp(r["created_at"])
    return body


def list_item_json(r: sqlite3.Row, items: Iterable[sqlite3.Row]) -> dict[str, Any]:
    """``InvoiceListItem`` (one row of GET /invoices)."""
    body: dict[str, Any] = {
        "id": r["id"],
        "amount": money(r["amount"]),
        "description": r["description"],
        "external_order_id": r["external_order_id"],
        "status": r["status"],
        "kaspi_invoice_id": r["kaspi_invoice_id"],
    }
    if r["phone"] is not None:
        body["phone"] = r["phone"]
    body.update(
        {
            "client_name": r["client_name"],
            "internal_comment": r["internal_comment"],
            "is_sandbox": True,
            "is_recurring": bool(r["is_recurring"]),
            "subtotal": money(r["subtotal"]),
            "discount_sum": money(r["discount_sum"]),
            "discount_percentage": r["discount_percentage"],
            "total_refunded": money(r["total_refunded"]),
            "is_fully_refunded": is_fully_refunded(r),
            "error_message": r["error_message"],
        }
    )
    if r["error_code"]:
        body["error_code"] = r["error_code"]
    body["paid_at"] = iso_stamp(r["paid_at"])
    body["created_at"] = iso_stamp(r["created_at"])
    body["items"] = [_item_json(i) for i in items]
    return body


def created_json(r: sqlite3.Row) -> dict[str, Any]:
    """``InvoiceCreated`` (201 of POST /invoices)."""
    body: dict[str, Any] = {
        "id": r["id"],
        "amount": money(r["amount"]),
        "status": r["status"],
        "paid_at": iso_stamp(r["paid_at"]),
        "phone": r["phone"],
        "created_at": iso_stamp(r["created_at"]),
    }
    if r["kaspi_source_type"]:
        body["kaspi_source_type"] = r["kaspi_source_type"]
    if r["kaspi_sale_type"]:
        body["kaspi_sale_type"] = r["kaspi_sale_type"]
    if r["subtotal"] is not None:
        body["subtotal"] = money(r["subtotal"])
        body["discount_sum"] = money(r["discount_sum"] or "0")
    if r["discount_percentage"] is not None:
        body["discount_percentage"] = r["discount_percentage"]
    if r["status"] == "error":
        body["error_message"] = r["error_message"] or ""
    return body


def qr_created_json(engine: SandboxEngine, r: sqlite3.Row) -> dict[str, Any]:
    """``QrInvoiceCreated`` (201 of POST /invoices/qr)."""
    return {
        "id": r["id"],
        "amount": money(r["amount"]),
        "status": r["status"],
        "paid_at": iso_stamp(r["paid_at"]),
        "phone": r["phone"],
        "created_at": iso_stamp(r["created_at"]),
        "is_qr_token": True,
        "qr_token_url": pay_url(engine, r),
        "qr_image_url": qr_image_url(engine, r),
        "qr_expires_at": iso_stamp(r["qr_expires_at"]),
    }


def _discount_int(text: str | None) -> int | float | None:
    """The webhook's ``discount_percentage`` is an integer (a string elsewhere)."""
    if text is None:
        return None
    value = Decimal(text)
    return int(value) if value == value.to_integral_value() else float(value)


def webhook_invoice_json(r: sqlite3.Row) -> dict[str, Any]:
    """``WebhookInvoiceObject``: conditional fields only when non-null."""
    body: dict[str, Any] = {
        "id": r["id"],
        "external_order_id": r["external_order_id"],
        "amount": money(r["amount"]),
        "status": r["status"],
        "description": r["description"],
        "kaspi_invoice_id": r["kaspi_invoice_id"],
        "client_name": r["client_name"],
        "client_phone": r["phone"],
        "is_sandbox": True,
    }
    optional: dict[str, Any] = {
        "internal_comment": r["internal_comment"],
        "kaspi_source_type": r["kaspi_source_type"],
        "kaspi_sale_type": r["kaspi_sale_type"],
    }
    if r["subtotal"] is not None:
        optional["subtotal"] = money(r["subtotal"])
        optional["discount_sum"] = money(r["discount_sum"] or "0")
    optional["discount_percentage"] = _discount_int(r["discount_percentage"])
    status = r["status"]
    if status == "paid":
        optional["paid_at"] = iso_stamp(r["paid_at"])
    elif status == "cancelled":
        optional["cancelled_at"] = iso_stamp(r["cancelled_at"])
        optional["error_message"] = r["error_message"]
    elif status == "expired":
        optional["expired_at"] = iso_stamp(r["expired_at"])
    body.update({k: v for k, v in optional.items() if v is not None})
    if status == "error":
        body["errored_at"] = iso_stamp(r["errored_at"])
        body["error_message"] = r["error_message"]  # always present for error, may be null
    if r["error_code"]:
        body["error_code"] = r["error_code"]
    return body


# --------------------------------------------------------------------------- writing


@dataclass
class NewItem:
    """One cart line of an invoice to create."""

    name: str
    price: Decimal
    count: int
    catalog_item_id: int | None = None
    unit_id: int | None = None
    barcode: str | None = None
    ntin: str | None = None
    gtin: str | None = None

    @property
    def total(self) -> Decimal:
        """``price × count`` rounded half-up to 0.01."""
        return cents(self.price * self.count)


@dataclass
class NewInvoice:
    """A validated invoice request."""

    amount: Decimal
    phone: str | None = None
    subtotal: Decimal | None = None
    discount_sum: Decimal | None = None
    discount_percentage: str | None = None
    description: str | None = None
    internal_comment: str | None = None
    external_order_id: str | None = None
    idempotency_key: str | None = None
    items: list[NewItem] = field(default_factory=list)
    is_qr: bool = False
    is_recurring: bool = False
    simulate: str | None = None


def price_cart(
    items: Sequence[NewItem], discount_percentage: Decimal | None
) -> tuple[Decimal, Decimal | None, Decimal]:
    """The sandbox's own reading of the cart rule.

    subtotal = Σ round-half-up(price × count); discount_sum = round-half-up(subtotal × pct / 100);
    amount = subtotal − discount_sum.

    Returns:
        ``(subtotal, discount_sum or None without a discount, amount)``.
    """
    subtotal = sum((i.total for i in items), Decimal("0.00"))
    if discount_percentage is None:
        return subtotal, None, subtotal
    discount = cents(subtotal * discount_percentage / 100)
    return subtotal, discount, subtotal - discount


def _kaspi_invoice_id(invoice_id: int) -> str:
    return f"13{invoice_id:09d}"


def insert_invoice(engine: SandboxEngine, new: NewInvoice, *, status: str, now: datetime) -> int:
    """Write an invoice and its lines (no events); returns the new id."""
    cfg = engine.config
    qr_expires = now + timedelta(seconds=cfg.qr_lifetime_seconds) if new.is_qr else None
    auto_pay = (
        now + timedelta(seconds=cfg.auto_pay_after_seconds)
        if cfg.auto_pay_after_seconds is not None
        else None
    )
    with engine.store.transaction():
        cur = engine.store.execute(
            """INSERT INTO invoices (amount, subtotal, discount_sum, discount_percentage, phone,
                description, internal_comment, external_order_id, idempotency_key, status,
                is_qr, is_recurring, token, qr_expires_at, client_name, created_at, updated_at,
                pending_at, expires_at, auto_pay_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (
                money(new.amount),
                money(new.subtotal),
                money(new.discount_sum),
                new.discount_percentage,
                new.phone,
                new.description,
                new.internal_comment,
                new.external_order_id,
                new.idempotency_key,
                status,
                int(new.is_qr),
                int(new.is_recurring),
                engine.new_token(),
                stamp(qr_expires) if qr_expires else None,
                None,
                stamp(now),
                stamp(now),
                stamp(now + timedelta(seconds=cfg.processing_seconds)),
                # a QR must be scanned before qr_expires_at; a phone invoice lives its lifetime
                stamp(qr_expires or now + timedelta(seconds=cfg.invoice_lifetime_seconds)),
                stamp(auto_pay) if auto_pay else None,
            ),
        )
        invoice_id = int(cur.lastrowid or 0)
        if new.is_qr:
            engine.store.execute(
                "UPDATE invoices SET kaspi_invoice_id = ? WHERE id = ?",
                (_kaspi_invoice_id(invoice_id), invoice_id),
            )
        for item in new.items:
            engine.store.execute(
                """INSERT INTO invoice_items (invoice_id, catalog_item_id, name, price, count,
                    unit_id, barcode, ntin, gtin) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (
                    invoice_id,
                    item.catalog_item_id,
                    item.name,
                    money(item.price),
                    item.count,
                    item.unit_id,
                    item.barcode,
                    item.ntin,
                    item.gtin,
                ),
            )
    return invoice_id


def create_invoice(engine: SandboxEngine, new: NewInvoice) -> int:
    """Create an invoice that then lives the normal life (for subscriptions and tests).

    A phone invoice starts ``processing``; a QR invoice ``pending``. No idempotency check.
    """
    status = "pending" if new.is_qr else "processing"
    return insert_invoice(engine, new, status=status, now=engine.clock.now())


def seed_invoice(
    engine: SandboxEngine,
    *,
    amount: Decimal | str | int | None = None,
    status: str = "paid",
    created_at: datetime,
    paid_at: datetime | None = None,
    phone: str | None = "87001234567",
    description: str | None = None,
    items: Sequence[Mapping[str, Any]] = (),
    discount_percentage: Decimal | int | None = None,
    client_name: str | None = None,
    external_order_id: str | None = None,
    is_qr: bool = False,
    is_recurring: bool = False,
    error_message: str | None = None,
) -> int:
    """Insert a past invoice for demo data, without events or life-cycle timers.

    Args:
        engine: the sandbox.
        amount: the total; computed from ``items`` (and ``discount_percentage``) when omitted.
        status: any 2.1 status; refunds are added with ``refunds.seed_refund`` (which sets
            ``total_refunded`` and turns ``paid`` into ``partially_refunded`` as needed).
        created_at: when it was issued (timezone-aware).
        paid_at: when it was paid; defaults to ``created_at + 1 min`` for paid statuses.
        phone: ``8XXXXXXXXXX`` or ``None`` (QR without a number).
        description: free text.
        items: cart lines as dicts with ``name``, ``price``, ``count`` and optionally
            ``catalog_item_id``, ``unit_id``, ``barcode``, ``ntin``, ``gtin``.
        discount_percentage: 1..99 (cart invoices).
        client_name: defaults to the Kaspi name the phone rule gives.
        external_order_id: the merchant's order id.
        is_qr: a QR invoice.
        is_recurring: created by a subscription.
        error_message: for ``error`` invoices.

    Returns:
        The new invoice's id.
    """
    lines = [
        NewItem(
            name=str(i["name"]),
            price=Decimal(str(i["price"])),
            count=int(i.get("count", 1)),
            catalog_item_id=i.get("catalog_item_id"),
            unit_id=i.get("unit_id"),
            barcode=i.get("barcode"),
            ntin=i.get("ntin"),
            gtin=i.get("gtin"),
        )
        for i in items
    ]
    pct = Decimal(discount_percentage) if discount_percentage is not None else None
    subtotal: Decimal | None = None
    discount: Decimal | None = None
    if lines:
        subtotal, discount, total = price_cart(lines, pct)
        if discount is None:
            discount = Decimal("0.00")
    elif amount is None:
        raise ValueError("seed_invoice needs an amount or items")
    else:
        total = cents(Decimal(str(amount)))
    if amount is not None and lines:
        total = cents(Decimal(str(amount)))
    if status in PAID and paid_at is None:
        paid_at = created_at + timedelta(minutes=1)
    new = NewInvoice(
        amount=total,
        phone=phone,
        subtotal=subtotal,
        discount_sum=discount,
        discount_percentage=_pct_text(pct),
        description=description,
        external_order_id=external_order_id,
        items=lines,
        is_qr=is_qr,
        is_recurring=is_recurring,
    )
    invoice_id = insert_invoice(engine, new, status=status, now=created_at)
    name = client_name if client_name is not None else (clients.lookup(phone) if phone else None)
    stamps: dict[str, Any] = {
        "client_name": name,
        "kaspi_invoice_id": _kaspi_invoice_id(invoice_id),
        "auto_pay_at": None,
        "paid_at": stamp(paid_at) if paid_at else None,
        "updated_at": stamp(paid_at or created_at),
    }
    if paid_at is not None:
        stamps["kaspi_source_type"] = "GOLD"
        stamps["kaspi_sale_type"] = "QR" if is_qr else "Remote"
    if status == "cancelled":
        stamps["cancelled_at"] = stamp(created_at + timedelta(minutes=2))
    elif status == "expired":
        stamps["expired_at"] = stamps["expires_at"] = stamp(
            created_at + timedelta(seconds=engine.config.invoice_lifetime_seconds)
        )
    elif status == "error":
        stamps["errored_at"] = stamp(created_at)
        stamps["error_message"] = error_message or "Simulated error (sandbox)."
    _update(engine, invoice_id, stamps)
    return invoice_id


def _update(engine: SandboxEngine, invoice_id: int, values: Mapping[str, Any]) -> None:
    cols = ", ".join(f"{k} = ?" for k in values)
    engine.store.execute(f"UPDATE invoices SET {cols} WHERE id = ?", (*values.values(), invoice_id))


def status_changed_body(engine: SandboxEngine, r: sqlite3.Row) -> dict[str, Any]:
    """The ``invoice.status_changed`` webhook body for the invoice's current state."""
    return {
        "event": "invoice.status_changed",
        "invoice": webhook_invoice_json(r),
        "source": WEBHOOK_SOURCE,
        "timestamp": iso(engine.clock.now()),
    }


def set_status(engine: SandboxEngine, invoice_id: int, status: str, **values: Any) -> sqlite3.Row:
    """Move an invoice to ``status`` (stamping the time) and emit the webhook event.

    Returns:
        The updated row.
    """
    now = engine.clock.now()
    changes: dict[str, Any] = {"status": status, "updated_at": stamp(now), **values}
    stamp_column = {
        "paid": "paid_at",
        "cancelled": "cancelled_at",
        "expired": "expired_at",
        "error": "errored_at",
    }.get(status)
    if stamp_column and stamp_column not in changes:
        changes[stamp_column] = stamp(now)
    _update(engine, invoice_id, changes)
    r = row(engine, invoice_id)
    assert r is not None
    if status in NOTIFIABLE:
        engine.emit("invoice.status_changed", status_changed_body(engine, r))
    return r


def _to_pending(engine: SandboxEngine, r: sqlite3.Row) -> sqlite3.Row:
    """``processing`` → ``pending`` (Kaspi accepted it) or ``error`` (no such Kaspi client)."""
    name = clients.lookup(r["phone"]) if r["phone"] else None
    if r["phone"] and name is None:
        return set_status(
            engine,
            r["id"],
            "error",
            error_code="client_not_found",
            error_message="The phone number is not registered in Kaspi.",
        )
    return set_status(
        engine,
        r["id"],
        "pending",
        client_name=name,
        kaspi_invoice_id=r["kaspi_invoice_id"] or _kaspi_invoice_id(r["id"]),
    )


def _require(engine: SandboxEngine, invoice_id: int) -> sqlite3.Row:
    r = row(engine, invoice_id)
    if r is None:
        raise KeyError(invoice_id)
    return r


def _ready(engine: SandboxEngine, invoice_id: int, action: str) -> sqlite3.Row:
    """The invoice, brought to ``pending`` if still ``processing``; else InvoiceStateError."""
    r = _require(engine, invoice_id)
    if r["status"] == "processing":
        r = _to_pending(engine, r)
    if r["status"] != "pending":
        raise InvoiceStateError(r["status"], f"Cannot {action} an invoice in status {r['status']}")
    return r


def pay_invoice(
    engine: SandboxEngine,
    invoice_id: int,
    *,
    source_type: str | None = None,
    sale_type: str | None = None,
) -> sqlite3.Row:
    """The customer pays (pay page, control API, auto-pay, simulate-status).

    Raises:
        KeyError: no such invoice.
        InvoiceStateError: it is not waiting for payment.
    """
    r = _ready(engine, invoice_id, "pay")
    if r["is_qr"] and not r["qr_scanned"]:
        r = scan_invoice(engine, invoice_id)
    return set_status(
        engine,
        invoice_id,
        "paid",
        kaspi_source_type=source_type or "GOLD",
        kaspi_sale_type=sale_type or ("QR" if r["is_qr"] else "Remote"),
        client_name=r["client_name"] or ("Иван И." if r["is_qr"] else None),
        auto_pay_at=None,
    )


def decline_invoice(engine: SandboxEngine, invoice_id: int) -> sqlite3.Row:
    """The customer declines in Kaspi: the invoice is ``cancelled``."""
    _ready(engine, invoice_id, "decline")
    return set_status(engine, invoice_id, "cancelled", auto_pay_at=None)


def expire_invoice(engine: SandboxEngine, invoice_id: int) -> sqlite3.Row:
    """The invoice runs out of time now."""
    _ready(engine, invoice_id, "expire")
    return set_status(engine, invoice_id, "expired", auto_pay_at=None)


def fail_invoice(
    engine: SandboxEngine,
    invoice_id: int,
    message: str | None = None,
    code: str = "sandbox_simulated_error",
) -> sqlite3.Row:
    """Kaspi reports an error for the invoice."""
    _ready(engine, invoice_id, "fail")
    return set_status(
        engine,
        invoice_id,
        "error",
        error_code=code,
        error_message=message or "Симулированная ошибка (sandbox).",
        auto_pay_at=None,
    )


def scan_invoice(engine: SandboxEngine, invoice_id: int) -> sqlite3.Row:
    """The customer scans a QR invoice (once): ``invoice.qr_scanned``, status stays pending.

    Raises:
        KeyError: no such invoice.
        InvoiceStateError: not a QR invoice (``not_qr_invoice``), already scanned
            (``already_scanned``) or no longer pending.
    """
    r = _ready(engine, invoice_id, "scan")
    if not r["is_qr"]:
        raise InvoiceStateError("not_qr_invoice", "Only QR invoices can be scanned")
    if r["qr_scanned"]:
        raise InvoiceStateError("already_scanned", "The QR code has already been scanned")
    now = engine.clock.now()
    lifetime = timedelta(seconds=engine.config.invoice_lifetime_seconds)
    _update(
        engine,
        invoice_id,
        {"qr_scanned": 1, "updated_at": stamp(now), "expires_at": stamp(now + lifetime)},
    )
    r = _require(engine, invoice_id)
    invoice = {
        "id": r["id"],
        "external_order_id": r["external_order_id"],
        "amount": money(r["amount"]),
        "status": r["status"],
        "qr_substate": "scanned",
        "description": r["description"],
        "kaspi_invoice_id": r["kaspi_invoice_id"],
        "client_name": r["client_name"],
        "client_phone": r["phone"],
        "is_sandbox": True,
    }
    if r["internal_comment"] is not None:
        invoice["internal_comment"] = r["internal_comment"]
    engine.emit(
        "invoice.qr_scanned",
        {
            "event": "invoice.qr_scanned",
            "invoice": invoice,
            "source": WEBHOOK_SOURCE,
            "timestamp": iso(now),
        },
    )
    return r


def record_refund(
    engine: SandboxEngine, invoice_id: int, amount: Decimal, *, notify: bool = True
) -> sqlite3.Row:
    """A refund of ``amount`` completed: grow ``total_refunded`` and follow the 2.1 status rule.

    The first partial refund turns ``paid`` into ``partially_refunded`` (with its
    ``invoice.status_changed`` unless ``notify`` is false, as for demo data); a full refund
    leaves the status as it is and only sets ``is_fully_refunded``.
    """
    r = _require(engine, invoice_id)
    total = cents(Decimal(r["total_refunded"]) + amount)
    now = engine.clock.now()
    _update(engine, invoice_id, {"total_refunded": money(total), "updated_at": stamp(now)})
    if r["status"] == "paid" and total < Decimal(r["amount"]):
        if notify:
            return set_status(engine, invoice_id, "partially_refunded")
        _update(engine, invoice_id, {"status": "partially_refunded"})
    return _require(engine, invoice_id)


def tick(engine: SandboxEngine) -> None:
    """Move time-driven invoice state forward (see the module docstring)."""
    now = stamp(engine.clock.now())
    store = engine.store
    for r in store.query(
        "SELECT * FROM invoices WHERE status = 'processing' AND pending_at <= ?", (now,)
    ):
        _to_pending(engine, r)
    for r in store.query(
        "SELECT * FROM invoices WHERE status = 'pending' AND auto_pay_at IS NOT NULL "
        "AND auto_pay_at <= ? AND expires_at > ?",
        (now, now),
    ):
        pay_invoice(engine, r["id"])
    for r in store.query(
        "SELECT id FROM invoices WHERE status = 'pending' AND expires_at <= ?", (now,)
    ):
        set_status(engine, r["id"], "expired", auto_pay_at=None)


# --------------------------------------------------------------------------- validation

Errors = dict[str, list[str]]


def _number(value: Any) -> Decimal | None:
    """A JSON number (or numeric string, as Laravel accepts) as Decimal; ``None`` if not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | Decimal):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(str(value))
    if isinstance(value, str):
        try:
            d = Decimal(value.strip())
        except InvalidOperation:
            return None
        return d if d.is_finite() else None
    return None


def money_field(errors: Errors, name: str, value: Any, hi: Decimal = MAX_AMOUNT) -> Decimal | None:
    d = _number(value)
    label = name.replace("_", " ")
    if d is None:
        errors.setdefault(name, []).append(f"The {label} field must be a number.")
        return None
    if d < MIN_AMOUNT or d > hi:
        errors.setdefault(name, []).append(f"The {label} field must be between 0.01 and {hi}.")
        return None
    if d != d.quantize(Decimal("0.01")):
        errors.setdefault(name, []).append(f"The {label} field must have 0-2 decimal places.")
        return None
    return d


def int_field(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return int(value)
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value)
    return None


def text_field(errors: Errors, data: Mapping[str, Any], name: str, limit: int) -> str | None:
    value = data.get(name)
    if value is None:
        return None
    label = name.replace("_", " ")
    if not isinstance(value, str):
        errors.setdefault(name, []).append(f"The {label} field must be a string.")
        return None
    if len(value) > limit:
        errors.setdefault(name, []).append(
            f"The {label} field must not be greater than {limit} characters."
        )
        return None
    return value


def _pct_text(pct: Decimal | None) -> str | None:
    if pct is None:
        return None
    return str(int(pct)) if pct == pct.to_integral_value() else format(pct.normalize(), "f")


def catalog_item(engine: SandboxEngine, item_id: int) -> dict[str, Any] | None:
    """The catalog module's item (``catalog.get_item``), or ``None`` when it or the item is
    missing. Imported lazily: the catalog module is developed separately."""
    try:
        from pos_app.sandbox import catalog
    except ImportError:
        return None
    get_item: Callable[[SandboxEngine, int], dict[str, Any] | None] | None = getattr(
        catalog, "get_item", None
    )
    if get_item is None:
        return None
    item = get_item(engine, item_id)
    if not item or item.get("status") in ("deleting", "deleted"):
        return None
    return item


def _cart(engine: SandboxEngine, errors: Errors, raw: Any) -> list[NewItem] | None:
    if not isinstance(raw, list):
        errors.setdefault("cart_items", []).append("The cart items field must be an array.")
        return None
    if not 1 <= len(raw) <= 100:
        errors.setdefault("cart_items", []).append(
            "The cart items field must have between 1 and 100 items."
        )
        return None
    lines: list[NewItem] = []
    for n, entry in enumerate(raw):
        prefix = f"cart_items.{n}"
        if not isinstance(entry, dict):
            errors.setdefault(prefix, []).append(f"The {prefix} field must be an object.")
            continue
        item_id = int_field(entry.get("catalog_item_id"))
        count = int_field(entry.get("count"))
        if item_id is None:
            errors.setdefault(f"{prefix}.catalog_item_id", []).append(
                f"The {prefix}.catalog_item_id field is required and must be an integer."
            )
        if count is None or count < 1:
            errors.setdefault(f"{prefix}.count", []).append(
                f"The {prefix}.count field must be an integer of at least 1."
            )
        price: Decimal | None = None
        if entry.get("price") is not None:
            price = money_field(errors, f"{prefix}.price", entry["price"])
        if item_id is None or count is None or count < 1:
            continue
        item = catalog_item(engine, item_id)
        if item is None:
            errors.setdefault(f"{prefix}.catalog_item_id", []).append(
                f"The selected {prefix}.catalog_item_id is invalid."
            )
            continue
        catalog_price = item.get("price", item.get("selling_price"))
        if price is None and catalog_price is None:
            errors.setdefault(f"{prefix}.price", []).append(
                "The catalog item has no price; send cart_items[].price."
            )
            continue
        lines.append(
            NewItem(
                name=str(item.get("name") or f"Item {item_id}"),
                price=price if price is not None else Decimal(str(catalog_price)),
                count=count,
                catalog_item_id=item_id,
                unit_id=int_field(item.get("unit_id")),
                barcode=item.get("barcode"),
                ntin=item.get("ntin"),
                gtin=item.get("gtin"),
            )
        )
    return lines


def parse_new_invoice(
    engine: SandboxEngine, data: Mapping[str, Any], *, qr: bool
) -> tuple[NewInvoice | None, Errors]:
    """Validate a POST /invoices (or /invoices/qr) body like the 2.1 spec describes.

    Returns:
        ``(invoice, {})`` or ``(None, errors)`` (field → messages for the 422 answer).
    """
    errors: Errors = {}
    phone: str | None = None
    if not qr:
        raw_phone = data.get("phone_number")
        if raw_phone is None or raw_phone == "":
            errors["phone_number"] = ["The phone number field is required."]
        elif not isinstance(raw_phone, str) or clients.normalize_phone(raw_phone) != raw_phone:
            errors["phone_number"] = [
                "Phone number must be in format 8XXXXXXXXXX (11 digits starting with 8)"
            ]
        else:
            phone = raw_phone
    description = text_field(errors, data, "description", 100 if qr else 500)
    comment = text_field(errors, data, "internal_comment", 255)
    order_id = text_field(errors, data, "external_order_id", 255)
    key = text_field(errors, data, "external_order_id_idempotency", 191) or None
    pct: Decimal | None = None
    if data.get("discount_percentage") is not None:
        pct = _number(data["discount_percentage"])
        if pct is None or not Decimal(1) <= pct <= Decimal(99):
            errors["discount_percentage"] = [
                "The discount percentage field must be between 1 and 99."
            ]
            pct = None
    simulate = data.get("simulate") if qr else None
    if simulate is not None and simulate not in ("paid", "cancelled", "expired"):
        errors["simulate"] = ["The selected simulate is invalid."]
    lines: list[NewItem] | None = None
    amount: Decimal | None = None
    if data.get("cart_items") is not None:
        lines = _cart(engine, errors, data["cart_items"])
    elif data.get("amount") is None:
        errors["amount"] = ["The amount field is required when cart items is not present."]
    else:
        amount = money_field(errors, "amount", data["amount"])
    if errors:
        return None, errors
    subtotal: Decimal | None = None
    discount: Decimal | None = None
    if lines:
        subtotal, discount, total = price_cart(lines, pct)
        discount = discount if discount is not None else Decimal("0.00")
    else:
        assert amount is not None
        total = amount
        if pct is not None:  # a global discount on a single-amount invoice
            subtotal = amount
            discount = cents(amount * pct / 100)
            total = amount - discount
    if not MIN_AMOUNT <= total <= MAX_AMOUNT:
        field_name = "cart_items" if lines else "amount"
        return None, {field_name: [f"The invoice total must be between 0.01 and {MAX_AMOUNT}."]}
    return (
        NewInvoice(
            amount=total,
            phone=phone,
            subtotal=subtotal,
            discount_sum=discount,
            discount_percentage=_pct_text(pct),
            description=description,
            internal_comment=comment,
            external_order_id=order_id,
            idempotency_key=key,
            items=lines or [],
            is_qr=qr,
            simulate=simulate,
        ),
        {},
    )


# --------------------------------------------------------------------------- list filters


def _bool_param(value: str | None) -> bool:
    return (value or "").strip().lower() in ("1", "true", "yes", "on")


def list_statuses(request: Request, allowed: Iterable[str]) -> tuple[list[str], Errors]:
    """``status[]`` (or ``status``) values, checked against ``allowed``."""
    values = request.query_params.getlist("status[]") + request.query_params.getlist("status")
    values = [v for raw in values for v in raw.split(",") if v]
    bad = [v for v in values if v not in allowed]
    if bad:
        return [], {"status": [f"The selected status is invalid: {', '.join(bad)}."]}
    return values, {}


def date_window(request: Request) -> tuple[datetime | None, datetime | None, Errors]:
    """``date_from``/``date_to`` in the merchant's zone (see :func:`clock.parse_window`)."""
    errors: Errors = {}
    bounds: list[datetime | None] = []
    for name, end in (("date_from", False), ("date_to", True)):
        text = request.query_params.get(name)
        if not text:
            bounds.append(None)
            continue
        try:
            bounds.append(parse_window(text, end=end))
        except ValueError:
            errors[name] = [f"The {name.replace('_', ' ')} field must match Y-m-d[ H[:i[:s]]]."]
            bounds.append(None)
    lo, hi = bounds
    if lo is not None and hi is not None and hi < lo:
        errors["date_to"] = ["The date to field must be a date after or equal to date from."]
    return lo, hi, errors


def within(text: str | None, lo: datetime | None, hi: datetime | None) -> bool:
    ts = parse_iso(text)
    if ts is None:
        return False
    return (lo is None or ts >= lo) and (hi is None or ts <= hi)


def _group(rows: Sequence[sqlite3.Row]) -> dict[str, Any]:
    return {
        "count": len(rows),
        "amount": money(sum((Decimal(r["amount"]) for r in rows), Decimal(0))),
    }


def summary(
    engine: SandboxEngine,
    rows: Sequence[sqlite3.Row],
    lo: datetime | None,
    hi: datetime | None,
    date_field: str,
) -> dict[str, Any]:
    """``InvoiceListSummary`` over the whole filtered selection (not one page)."""
    sales = [r for r in rows if r["status"] in PAID]
    refunded_later = sum((Decimal(r["total_refunded"]) for r in sales), Decimal(0))
    # refunds done in the window, whatever invoice they belong to (search/status do not apply)
    done = (
        engine.store.query("SELECT amount, completed_at FROM refunds WHERE status = 'completed'")
        if _has_table(engine, "refunds")
        else []
    )
    in_window = [d for d in done if within(d["completed_at"], lo, hi)]
    refunds_amount = sum((Decimal(d["amount"]) for d in in_window), Decimal(0))
    sales_amount = sum((Decimal(r["amount"]) for r in sales), Decimal(0))
    # The spec's text says ``period`` is null without bounds, but its schema has no null: an
    # object with null bounds satisfies both readings.
    period = {
        "from": lo.astimezone(ALMATY).replace(microsecond=0).isoformat() if lo else None,
        "to": hi.astimezone(ALMATY).replace(microsecond=0).isoformat() if hi else None,
        "field": date_field,
    }
    return {
        "count": len(rows),
        "sales": {
            "count": len(sales),
            "amount": money(sales_amount),
            "refunded_later": money(refunded_later),
        },
        "refunds": {"count": len(in_window), "amount": money(refunds_amount)},
        "net_amount": money(sales_amount - refunds_amount),
        "cancelled": _group([r for r in rows if r["status"] == "cancelled"]),
        "expired": _group([r for r in rows if r["status"] == "expired"]),
        "pending": _group([r for r in rows if r["status"] in UNFINISHED]),
        "period": period,
    }


def _has_table(engine: SandboxEngine, name: str) -> bool:
    return (
        engine.store.one("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,))
        is not None
    )


def _sort_key(column: str) -> Callable[[sqlite3.Row], tuple[Any, ...]]:
    def key(r: sqlite3.Row) -> tuple[Any, ...]:
        value = r[column]
        if column == "amount":
            value = Decimal(value)
        # rows without a value sort last in ascending order; id breaks ties
        return (value is None, value if value is not None else 0, r["id"])

    return key


# --------------------------------------------------------------------------- routes


def invoice_not_found() -> Response:
    """404 as the 2.1 spec shows it for invoices."""
    return ok({"error": "Invoice not found"}, status=404)


def path_id(request: Request, name: str = "id") -> int | None:
    """An integer path parameter, or ``None`` when it is not one."""
    try:
        return int(request.path_params[name])
    except (KeyError, ValueError):
        return None


def install(engine: SandboxEngine) -> list[BaseRoute]:
    """Create the invoice tables, register the life-cycle ticker, return the routes."""
    engine.store.script(SCHEMA)
    engine.add_ticker(lambda: tick(engine))

    # Ids keep counting after a reset: an app's journal may still hold the old invoice ids.
    engine.on_reset(lambda: engine.store.clear("invoice_items", "invoices"))

    async def create(request: Request) -> Response:
        return await _create(request, qr=False)

    async def create_qr(request: Request) -> Response:
        return await _create(request, qr=True)

    async def _create(request: Request, *, qr: bool) -> Response:
        data, error = await json_body(request, exact=True)
        if error is not None or data is None:
            return error or validation_error({"body": ["Invalid body."]})
        new, errors = parse_new_invoice(engine, data, qr=qr)
        if new is None:
            return validation_error(errors)
        # No await from here on: the check and the insert are atomic on the event loop, and
        # the transaction keeps them atomic against other threads too.
        with engine.store.transaction():
            if new.idempotency_key:
                existing = engine.store.one(
                    "SELECT id, status FROM invoices WHERE idempotency_key = ? "
                    "AND status NOT IN ('expired', 'cancelled', 'error') ORDER BY id DESC",
                    (new.idempotency_key,),
                )
                if existing is not None:
                    return plain_error(
                        409,
                        "duplicate_idempotency_key",
                        "An invoice with this idempotency key already exists.",
                        invoice_id=existing["id"],
                        status=existing["status"],
                    )
            invoice_id = create_invoice(engine, new)
        r = _require(engine, invoice_id)
        if not qr:
            return ok(created_json(r), status=201)
        if new.simulate == "paid":
            r = pay_invoice(engine, invoice_id)
        elif new.simulate == "cancelled":
            r = decline_invoice(engine, invoice_id)
        elif new.simulate == "expired":
            r = expire_invoice(engine, invoice_id)
        return ok(qr_created_json(engine, r), status=201)

    async def list_invoices(request: Request) -> Response:
        q = request.query_params
        statuses, errors = list_statuses(request, STATUSES)
        lo, hi, date_errors = date_window(request)
        errors.update(date_errors)
        search = (q.get("search") or "").strip()
        if len(search) > 100:
            errors["search"] = ["The search field must not be greater than 100 characters."]
        date_field = q.get("date_field") or "created_at"
        if date_field not in ("created_at", "paid_at"):
            errors["date_field"] = ["The selected date field is invalid."]
        if errors:
            return validation_error(errors)
        rows = engine.store.query("SELECT * FROM invoices")
        if statuses:
            rows = [r for r in rows if r["status"] in statuses]
        if search:
            needle = search.casefold()
            rows = [
                r
                for r in rows
                if any(
                    needle in (r[c] or "").casefold()
                    for c in (
                        "description",
                        "phone",
                        "external_order_id",
                        "internal_comment",
                        "client_name",
                    )
                )
            ]
        if date_field == "paid_at":
            rows = [r for r in rows if r["paid_at"] is not None]
        if lo is not None or hi is not None:
            rows = [r for r in rows if within(r[date_field], lo, hi)]
        sort_by = q.get("sort_by") if q.get("sort_by") in SORTABLE else "created_at"
        descending = (q.get("sort_order") or "desc").lower() != "asc"
        rows.sort(key=_sort_key(sort_by or "created_at"), reverse=descending)
        page = int_param(request, "page", 1, 1, 1_000_000)
        per_page = int_param(request, "per_page", 10, 1, 100)
        body = paginate(rows, page, per_page)
        body["data"] = [list_item_json(r, items_of(engine, r["id"])) for r in body["data"]]
        if _bool_param(q.get("with_summary")):
            body["summary"] = summary(engine, rows, lo, hi, date_field)
        return ok(body)

    async def get_one(request: Request) -> Response:
        invoice_id = path_id(request)
        invoice = get_invoice(engine, invoice_id) if invoice_id is not None else None
        return invoice_not_found() if invoice is None else ok(invoice)

    async def cancel(request: Request) -> Response:
        invoice_id = path_id(request)
        r = row(engine, invoice_id) if invoice_id is not None else None
        if r is None:
            return invoice_not_found()
        if r["is_qr"]:
            return plain_error(
                400,
                "qr_cancel_not_supported",
                "A QR invoice cannot be cancelled; the customer cancels it in Kaspi.",
            )
        if r["status"] == "paid" or r["status"] == "partially_refunded":
            return business_error(400, "invoice_already_paid", "The invoice is already paid.")
        if r["status"] == "cancelled":
            return business_error(
                400, "invoice_already_cancelled", "The invoice is already cancelled."
            )
        if r["status"] not in ("pending", "processing"):
            return plain_error(
                400,
                "invalid_status",
                f"Only pending or processing invoices can be cancelled (status: {r['status']}).",
            )
        r = set_status(engine, r["id"], "cancelled", auto_pay_at=None)
        return ok(
            {"message": "Invoice cancelled", "invoice": invoice_json(r, items_of(engine, r["id"]))}
        )

    async def status_check(request: Request) -> Response:
        data, error = await json_body(request)
        if error is not None or data is None:
            return error or validation_error({"body": ["Invalid body."]})
        ids = data.get("invoice_ids")
        if not isinstance(ids, list) or not ids:
            return validation_error({"invoice_ids": ["The invoice ids field is required."]})
        if len(ids) > 100:
            return validation_error(
                {"invoice_ids": ["The invoice ids field must not have more than 100 items."]}
            )
        wanted: list[int] = []
        errors: Errors = {}
        for n, value in enumerate(ids):
            as_int = int_field(value)
            if as_int is None:
                errors[f"invoice_ids.{n}"] = [f"The invoice_ids.{n} field must be an integer."]
            elif as_int not in wanted:
                wanted.append(as_int)
        if errors:
            return validation_error(errors)
        found = []
        for invoice_id in wanted:
            r = row(engine, invoice_id)
            if r is not None:  # unknown ids are silently left out (anti-enumeration)
                found.append(
                    {
                        "id": r["id"],
                        "status": r["status"],
                        "kaspi_invoice_id": r["kaspi_invoice_id"],
                        "amount": money(r["amount"]),
                        "error_message": r["error_message"],
                        "updated_at": iso_stamp(r["updated_at"]),
                    }
                )
        return ok({"invoices": found})

    async def simulate(request: Request) -> Response:
        invoice_id = path_id(request, "invoice")
        data, error = await json_body(request)
        if error is not None or data is None:
            return error or validation_error({"body": ["Invalid body."]})
        wanted = data.get("status")
        allowed = ("paid", "cancelled", "expired", "error", "qr_scanned")
        if wanted not in allowed:
            return validation_error({"status": ["The selected status is invalid."]})
        message = data.get("error_message")
        if message is not None and (not isinstance(message, str) or len(message) > 255):
            return validation_error(
                {
                    "error_message": [
                        "The error message field must not be greater than 255 characters."
                    ]
                }
            )
        r = row(engine, invoice_id) if invoice_id is not None else None
        if r is None:
            return plain_error(404, "not_found", "Invoice not found")
        if r["status"] != "pending":
            return plain_error(
                400,
                "invalid_status_transition",
                f"Only pending invoices can be simulated (status: {r['status']}).",
                current_status=r["status"],
                allowed_from=["pending"],
            )
        try:
            if wanted == "paid":
                r = pay_invoice(
                    engine,
                    r["id"],
                    source_type=data.get("kaspi_source_type"),
                    sale_type=data.get("kaspi_sale_type"),
                )
            elif wanted == "cancelled":
                r = decline_invoice(engine, r["id"])
            elif wanted == "expired":
                r = expire_invoice(engine, r["id"])
            elif wanted == "error":
                r = fail_invoice(engine, r["id"], message)
            else:
                r = scan_invoice(engine, r["id"])
        except InvoiceStateError as exc:
            return plain_error(400, exc.status, exc.message)
        return ok(
            {
                "message": "Invoice status simulated",
                "invoice": invoice_json(r, items_of(engine, r["id"])),
            }
        )

    return [
        Route("/api/v1/invoices", create, methods=["POST"]),
        Route("/api/v1/invoices", list_invoices, methods=["GET"]),
        Route("/api/v1/invoices/qr", create_qr, methods=["POST"]),
        Route("/api/v1/invoices/status/check", status_check, methods=["POST"]),
        Route("/api/v1/invoices/{id:int}", get_one, methods=["GET"]),
        Route("/api/v1/invoices/{id:int}/cancel", cancel, methods=["POST"]),
        Route("/api/v1/invoices/{invoice:int}/simulate-status", simulate, methods=["POST"]),
    ]

"""Sandbox routes: the xPayment Developer API (``shared/seeds/004_*``, Swagger 2.0) under
:data:`XPAYMENT_PREFIX`, answering in xPayment's own shapes.

An xPayment payment *is* a sandbox invoice underneath: ``POST /payments`` creates a phone
invoice, ``POST /payments/link`` a QR invoice, each tied to its UUID in ``xpayment_payments``.
So the life cycle is the ApiPay side's one, on the same clock (processing → pending, expiry,
auto-pay), and the customer acts through the same pay page (``qr_token`` is its URL) and the
same control API (``/_sandbox/invoices/<payment UUID>/pay|decline|expire|scan`` resolves the
UUID, see :func:`invoice_id_for`). Refunds are the sandbox's refunds (``pending`` →
``completed`` after ``config.refund_seconds``), tied to a UUID in ``xpayment_refunds``.

Only the shapes are xPayment's: money as JSON numbers, UUID ids, ``+7XXXXXXXXXX`` phones,
time stamps in Almaty time (``2026-04-06T11:39:53.000+05:00`` as the spec's examples), cursor
pages ``{data, has_more, next_cursor}`` and the error envelope
``{"error": "VALIDATION_ERROR", "message"}``. The invoice statuses read as xPayment ones:

=============================  ===========
invoice                        xPayment
=============================  ===========
processing, pending,           pending
cancelling
paid, partially_refunded       completed
cancelled                      cancelled
expired                        expired
error (e.g. no Kaspi)          failed
=============================  ===========

A control-only override (``POST /_sandbox/xpayment/payments/{id}/status``) makes a payment
answer any raw status, so clients can be tested against a status they do not know.

Because the rows are invoices, ApiPay's ``GET /invoices`` lists xPayment payments too: one
sandbox plays one shop with two providers' keys.

Auth is ``Authorization: Bearer <config.xpayment_api_key>`` (checked by the gate, which also
applies faults, the request log and the rate limit to this prefix).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
import sqlite3
import uuid
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

import httpx
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from pos_app.sandbox import invoices, refunds
from pos_app.sandbox.clock import ALMATY, parse_iso, stamp
from pos_app.sandbox.engine import SandboxEngine
from pos_app.sandbox.http import MAX_AMOUNT, MIN_AMOUNT, cents, json_body, money, money_number, ok

XPAYMENT_PREFIX = "/xpayment/v1"
CONTROL = "/_sandbox/xpayment"

SCHEMA = """
CREATE TABLE IF NOT EXISTS xpayment_payments (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    payment_id TEXT NOT NULL UNIQUE,
    invoice_id INTEGER NOT NULL REFERENCES invoices(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    amount TEXT NOT NULL,
    payer_phone TEXT,
    comment TEXT,
    merchant_order_id TEXT,
    metadata TEXT,
    idempotency_key TEXT,
    cancel_reason TEXT,
    raw_status TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS xpayment_payments_key ON xpayment_payments(idempotency_key);
CREATE INDEX IF NOT EXISTS xpayment_payments_order ON xpayment_payments(merchant_order_id);
CREATE TABLE IF NOT EXISTS xpayment_refunds (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    refund_id TEXT NOT NULL UNIQUE,
    sandbox_refund_id INTEGER NOT NULL REFERENCES refunds(id) ON DELETE CASCADE,
    payment_id TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS xpayment_static_qr (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    order_number TEXT NOT NULL UNIQUE,
    amount TEXT NOT NULL,
    client_short_name TEXT,
    comment TEXT,
    kaspi_operation_id INTEGER NOT NULL,
    sale_id INTEGER NOT NULL,
    order_reg_date TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS xpayment_subscriptions (
    id TEXT PRIMARY KEY,
    url TEXT NOT NULL,
    events TEXT NOT NULL,
    description TEXT,
    secret TEXT NOT NULL,
    is_active INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS xpayment_webhook_sink (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    headers TEXT NOT NULL,
    body TEXT NOT NULL
);
"""

#: Invoice status → xPayment payment status.
STATUS_OF_INVOICE = {
    "processing": "pending",
    "pending": "pending",
    "cancelling": "pending",
    "paid": "completed",
    "partially_refunded": "completed",
    "cancelled": "cancelled",
    "expired": "expired",
    "error": "failed",
}
PAYMENT_STATUSES = ("pending", "completed", "cancelled", "failed", "expired")
#: Sandbox refund status → xPayment refund status.
STATUS_OF_REFUND = {
    "pending": "pending",
    "processing": "pending",
    "completed": "completed",
    "failed": "failed",
}
REFUND_STATUSES = ("pending", "completed", "failed")
WEBHOOK_EVENTS = (
    "payment.completed",
    "payment.expired",
    "payment.cancelled",
    "payment.failed",
    "payment.refunded",
    "payment.refund_failed",
)
#: The sandbox merchant's user and organisation (the spec's ``user_id`` / ``organization_id``).
USER_ID = "5f0c7a52-8d8e-4b8e-9a51-0d6c2f1e7a01"
ORGANIZATION_ID = "0b1d6f4e-2c3a-4f5b-8e9d-7a6c5b4e3d21"
PHONE_RE = re.compile(r"\+7\d{10}")
QR_OPERATION_BASE = 14_893_000_000
STATIC_QR_BASE = 15_029_000_000
TEXT_LIMIT = 255


# --------------------------------------------------------------------------- envelopes


def error(
    status: int, code: str, message: str, headers: Mapping[str, str] | None = None
) -> Response:
    """xPayment's error envelope ``{"error": "VALIDATION_ERROR", "message": ...}``."""
    return JSONResponse(
        {"error": code, "message": message}, status_code=status, headers=dict(headers or {})
    )


def validation(message: str, status: int = 400) -> Response:
    """``VALIDATION_ERROR`` (400 for a malformed request, 422 for values it cannot take)."""
    return error(status, "VALIDATION_ERROR", message)


def unauthorized() -> Response:
    """401: no or a wrong device key."""
    return error(401, "UNAUTHORIZED", "Invalid or missing API key")


def too_many_requests(retry_after: int) -> Response:
    """429 with ``Retry-After`` (xPayment documents no 429 body; its envelope is used)."""
    return error(
        429,
        "RATE_LIMITED",
        f"Too many requests, retry in {retry_after} s",
        {"Retry-After": str(retry_after)},
    )


def fault_response(kind: str, retry_after: int) -> Response | None:
    """The canned answer of a gate fault that answers instead of the server (xPayment shapes)."""
    if kind == "error_500":
        return error(500, "INTERNAL_ERROR", "Internal server error")
    if kind == "kaspi_502":
        return error(502, "KASPI_ERROR", "Kaspi returned an error, retry later")
    if kind == "unavailable_503":
        return error(503, "SERVICE_UNAVAILABLE", "Service temporarily unavailable")
    if kind == "rate_limit_429":
        return too_many_requests(max(1, retry_after))
    return None


def xp_time(text: str | None) -> str | None:
    """A stored stamp as the spec writes times: Almaty, milliseconds, ``+05:00``."""
    ts = parse_iso(text) if text else None
    if ts is None:
        return None
    local = ts.astimezone(ALMATY)
    return local.strftime("%Y-%m-%dT%H:%M:%S.") + f"{local.microsecond // 1000:03d}+05:00"


def _put(body: dict[str, Any], key: str, value: Any) -> None:
    """Set ``key`` only when there is a value (the spec's fields have no null)."""
    if value is not None and value != "":
        body[key] = value


# --------------------------------------------------------------------------- reading


def invoice_id_for(engine: SandboxEngine, payment_id: str) -> int | None:
    """The sandbox invoice behind an xPayment payment UUID (for the control API), or ``None``."""
    r = engine.store.one(
        "SELECT invoice_id FROM xpayment_payments WHERE payment_id = ?", (payment_id,)
    )
    return None if r is None else int(r["invoice_id"])


def _payment_row(engine: SandboxEngine, payment_id: str) -> sqlite3.Row | None:
    return engine.store.one(
        """SELECT p.*, i.status AS invoice_status, i.paid_at, i.cancelled_at, i.expired_at,
                  i.errored_at, i.updated_at, i.phone AS invoice_phone, i.token, i.qr_expires_at,
                  i.kaspi_invoice_id
           FROM xpayment_payments p JOIN invoices i ON i.id = p.invoice_id
           WHERE p.payment_id = ?""",
        (payment_id,),
    )


def _all_payments(engine: SandboxEngine) -> list[sqlite3.Row]:
    return engine.store.query(
        """SELECT p.*, i.status AS invoice_status, i.paid_at, i.cancelled_at, i.expired_at,
                  i.errored_at, i.updated_at, i.phone AS invoice_phone, i.token, i.qr_expires_at,
                  i.kaspi_invoice_id
           FROM xpayment_payments p JOIN invoices i ON i.id = p.invoice_id
           ORDER BY p.seq DESC"""
    )


def payment_status(r: sqlite3.Row) -> str:
    """The xPayment status of a joined payment row (a control override wins)."""
    if r["raw_status"]:
        return str(r["raw_status"])
    invoice_status = str(r["invoice_status"])
    return STATUS_OF_INVOICE.get(invoice_status, invoice_status)


def payment_json(r: sqlite3.Row) -> dict[str, Any]:
    """``handler.paymentObject``."""
    body: dict[str, Any] = {
        "payment_id": r["payment_id"],
        "amount": money_number(r["amount"]),
        "currency": "KZT",
        "status": payment_status(r),
        "user_id": USER_ID,
        "created_at": xp_time(r["created_at"]),
        "updated_at": xp_time(r["updated_at"]),
    }
    _put(body, "payer_phone", r["payer_phone"])
    _put(body, "comment", r["comment"])
    _put(body, "merchant_order_id", r["merchant_order_id"])
    if r["metadata"]:
        body["metadata"] = json.loads(r["metadata"])
    _put(body, "completed_at", xp_time(r["paid_at"]))
    _put(body, "cancelled_at", xp_time(r["cancelled_at"]))
    _put(body, "cancel_reason", r["cancel_reason"])
    return body


def _qr_operation_id(invoice_id: int) -> int:
    return QR_OPERATION_BASE + invoice_id


def link_json(engine: SandboxEngine, r: sqlite3.Row) -> dict[str, Any]:
    """``handler.paymentLinkResponse``: ``qr_token`` is the customer's pay page."""
    operation = _qr_operation_id(int(r["invoice_id"]))
    return {
        "payment_id": r["payment_id"],
        "qr_token": f"{engine.public_url}/pay/{r['token']}",
        "expire_date": xp_time(r["qr_expires_at"]),
        "ext_tran_id": f"QR{operation}",
        "qr_operation_id": operation,
        "status": "QrTokenCreated",
    }


def _refund_row(engine: SandboxEngine, refund_id: str) -> sqlite3.Row | None:
    return engine.store.one(
        """SELECT x.refund_id, x.payment_id, x.seq, r.* FROM xpayment_refunds x
           JOIN refunds r ON r.id = x.sandbox_refund_id WHERE x.refund_id = ?""",
        (refund_id,),
    )


def _refund_rows(engine: SandboxEngine, payment_id: str | None = None) -> list[sqlite3.Row]:
    sql = """SELECT x.refund_id, x.payment_id, x.seq, r.* FROM xpayment_refunds x
             JOIN refunds r ON r.id = x.sandbox_refund_id"""
    if payment_id is None:
        return engine.store.query(sql + " ORDER BY x.seq DESC")
    return engine.store.query(sql + " WHERE x.payment_id = ? ORDER BY x.seq DESC", (payment_id,))


def refund_json(r: sqlite3.Row) -> dict[str, Any]:
    """``handler.refundObject``."""
    done = r["completed_at"] if r["status"] in ("completed", "failed") else None
    body: dict[str, Any] = {
        "refund_id": r["refund_id"],
        "payment_id": r["payment_id"],
        "amount": money_number(r["amount"]),
        "status": STATUS_OF_REFUND.get(r["status"], r["status"]),
        "user_id": USER_ID,
        "created_at": xp_time(r["created_at"]),
        "updated_at": xp_time(done or r["created_at"]),
    }
    _put(body, "reason", r["reason"])
    _put(body, "completed_at", xp_time(r["completed_at"]) if r["status"] == "completed" else None)
    _put(body, "fail_reason", r["error_message"] if r["status"] == "failed" else None)
    return body


# --------------------------------------------------------------------------- cursor pages


def _cursor_of(seq: int) -> str:
    return base64.urlsafe_b64encode(f"seq:{seq}".encode()).decode().rstrip("=")


def _seq_of(cursor: str) -> int | None:
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (ValueError, UnicodeDecodeError):
        return None
    if not text.startswith("seq:") or not text[4:].isdigit():
        return None
    return int(text[4:])


def cursor_page(
    rows: list[sqlite3.Row], cursor: str | None, size: int, shape: Callable[[sqlite3.Row], Any]
) -> dict[str, Any] | None:
    """One page of ``rows`` (newest first, by ``seq``) after ``cursor``; ``None`` = bad cursor.

    The cursor names the last row shown, so payments created meanwhile do not shift the pages.
    """
    if cursor:
        after = _seq_of(cursor)
        if after is None:
            return None
        rows = [r for r in rows if r["seq"] < after]
    page = rows[:size]
    has_more = len(rows) > size
    return {
        "data": [shape(r) for r in page],
        "has_more": has_more,
        "next_cursor": _cursor_of(page[-1]["seq"]) if has_more and page else "",
    }


# --------------------------------------------------------------------------- validation


def _amount(data: Mapping[str, Any]) -> tuple[Decimal | None, str | None]:
    """The body's ``amount`` as Decimal, or the reason it is not acceptable."""
    value = data.get("amount")
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return None, "amount must be a number"
    amount = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    if not amount.is_finite() or amount < MIN_AMOUNT or amount > MAX_AMOUNT:
        return None, f"amount must be between {MIN_AMOUNT} and {MAX_AMOUNT}"
    if amount != amount.quantize(Decimal("0.01")):
        return None, "amount must have at most 2 decimal places"
    return cents(amount), None


def _text(data: Mapping[str, Any], name: str) -> tuple[str | None, str | None]:
    value = data.get(name)
    if value is None:
        return None, None
    if not isinstance(value, str):
        return None, f"{name} must be a string"
    if len(value) > TEXT_LIMIT:
        return None, f"{name} must be at most {TEXT_LIMIT} characters"
    return value, None


# --------------------------------------------------------------------------- writing


def _existing_by_key(engine: SandboxEngine, key: str | None) -> sqlite3.Row | None:
    if not key:
        return None
    r = engine.store.one(
        "SELECT payment_id FROM xpayment_payments WHERE idempotency_key = ?", (key,)
    )
    return None if r is None else _payment_row(engine, r["payment_id"])


def create_payment(
    engine: SandboxEngine,
    *,
    kind: str,
    amount: Decimal,
    payer_phone: str | None = None,
    comment: str | None = None,
    merchant_order_id: str | None = None,
    metadata: Mapping[str, Any] | None = None,
    idempotency_key: str | None = None,
) -> str:
    """Create an xPayment payment (``kind`` ``phone`` or ``link``) and its invoice; its UUID."""
    now = engine.clock.now()
    new = invoices.NewInvoice(
        amount=amount,
        phone="8" + payer_phone[2:] if payer_phone else None,
        description=comment,
        external_order_id=merchant_order_id,
        is_qr=kind == "link",
    )
    payment_id = str(uuid.uuid4())
    with engine.store.transaction():
        invoice_id = invoices.create_invoice(engine, new)
        engine.store.execute(
            """INSERT INTO xpayment_payments (payment_id, invoice_id, kind, amount, payer_phone,
                comment, merchant_order_id, metadata, idempotency_key, created_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (
                payment_id,
                invoice_id,
                kind,
                money(amount),
                payer_phone,
                comment,
                merchant_order_id,
                json.dumps(dict(metadata), ensure_ascii=False) if metadata else None,
                idempotency_key,
                stamp(now),
            ),
        )
    return payment_id


def add_static_qr_payment(
    engine: SandboxEngine,
    *,
    amount: Decimal,
    client_short_name: str = "Рустем Е.",
    comment: str | None = None,
    at: datetime | None = None,
) -> str:
    """Record a payment made through the shop's printed static QR; its order number."""
    when = at or engine.clock.now()
    with engine.store.transaction():
        cur = engine.store.execute(
            """INSERT INTO xpayment_static_qr (order_number, amount, client_short_name, comment,
                kaspi_operation_id, sale_id, order_reg_date) VALUES (?, ?, ?, ?, 0, 0, ?)""",
            (f"tmp-{uuid.uuid4()}", money(amount), client_short_name, comment, stamp(when)),
        )
        row_id = int(cur.lastrowid or 0)
        operation = STATIC_QR_BASE + row_id
        engine.store.execute(
            "UPDATE xpayment_static_qr SET order_number = ?, kaspi_operation_id = ?, sale_id = ? "
            "WHERE id = ?",
            (f"QR{operation}", operation, operation - 98_000_000, row_id),
        )
    return f"QR{operation}"


def static_qr_json(r: sqlite3.Row, synced: datetime) -> dict[str, Any]:
    """``handler.staticQrPaymentObject``."""
    body: dict[str, Any] = {
        "id": r["id"],
        "order_number": r["order_number"],
        "amount": money_number(r["amount"]),
        "kaspi_operation_id": r["kaspi_operation_id"],
        "sale_id": r["sale_id"],
        "sale_type": "Link",
        "source_type": "GOLD",
        "operation_method": 0,
        "operation_type": 0,
        "features": 0,
        "order_reg_date": xp_time(r["order_reg_date"]),
        "synced_at": xp_time(stamp(synced)),
    }
    _put(body, "client_short_name", r["client_short_name"])
    _put(body, "comment", r["comment"])
    return body


def subscription_json(r: sqlite3.Row) -> dict[str, Any]:
    """``handler.subscriptionObject``."""
    return {
        "id": r["id"],
        "organization_id": ORGANIZATION_ID,
        "url": r["url"],
        "events": json.loads(r["events"]),
        "description": r["description"] or "",
        "secret": r["secret"],
        "is_active": bool(r["is_active"]),
        "created_at": xp_time(r["created_at"]),
        "updated_at": xp_time(r["created_at"]),
    }


def sign(body: bytes, secret: str) -> str:
    """``X-Webhook-Signature`` of a delivery: hex HMAC-SHA256 of the body with the secret."""
    return hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


# --------------------------------------------------------------------------- routes


def install(engine: SandboxEngine) -> list[BaseRoute]:
    """Create the xPayment tables and return the API and control routes."""
    engine.store.script(SCHEMA)

    def reset() -> None:
        engine.store.clear(
            "xpayment_refunds",
            "xpayment_payments",
            "xpayment_static_qr",
            "xpayment_subscriptions",
            "xpayment_webhook_sink",
        )

    def seed() -> None:
        # Two past sales through the printed static QR, so the demo can look one up.
        if not engine.config.seed_demo_data:
            return
        if engine.store.one("SELECT id FROM xpayment_static_qr LIMIT 1") is not None:
            return
        now = engine.clock.now()
        add_static_qr_payment(engine, amount=Decimal("1200"), at=now - timedelta(hours=3))
        add_static_qr_payment(
            engine, amount=Decimal("450.50"), comment="Order #45", at=now - timedelta(hours=1)
        )

    engine.on_reset(reset)
    engine.on_reset(seed)
    seed()
    page_size = max(1, engine.config.xpayment_page_size)

    def found(payment_id: str) -> sqlite3.Row | None:
        engine.tick()
        return _payment_row(engine, payment_id)

    def payment_not_found() -> Response:
        return error(404, "NOT_FOUND", "payment not found")

    async def create(request: Request, kind: str) -> Response:
        data, bad = await json_body(request, exact=True)
        if bad is not None or data is None:
            return validation("request body must be a JSON object")
        if kind == "phone" and (data.get("payer_phone") in (None, "") or "amount" not in data):
            return validation("payer_phone and amount are required")
        if kind == "link" and "amount" not in data:
            return validation("amount is required")
        amount, problem = _amount(data)
        if amount is None:
            return validation(problem or "invalid amount", 422)
        phone: str | None = None
        if kind == "phone":
            phone = data.get("payer_phone")
            if not isinstance(phone, str) or not PHONE_RE.fullmatch(phone):
                return validation("payer_phone must look like +77001234567", 422)
        order_id, problem = _text(data, "merchant_order_id")
        comment, problem2 = _text(data, "comment")
        metadata = data.get("metadata")
        if problem or problem2:
            return validation(problem or problem2 or "", 422)
        if metadata is not None and not isinstance(metadata, dict):
            return validation("metadata must be an object", 422)
        key = request.headers.get("x-idempotency-key") or None
        # No await from here on: the look-up and the insert are atomic on the event loop.
        existing = _existing_by_key(engine, key)
        r: sqlite3.Row | None
        if existing is not None:
            same = (
                existing["kind"] == kind
                and Decimal(existing["amount"]) == amount
                and existing["payer_phone"] == phone
            )
            if not same:
                return validation("X-Idempotency-Key was already used for a different payment", 422)
            r = existing
        else:
            payment_id = create_payment(
                engine,
                kind=kind,
                amount=amount,
                payer_phone=phone,
                comment=comment,
                merchant_order_id=order_id,
                metadata=_plain(metadata) if metadata else None,
                idempotency_key=key,
            )
            r = _payment_row(engine, payment_id)
        assert r is not None
        if kind == "link":
            return ok(link_json(engine, r))
        return ok(payment_json(r), status=201)

    async def create_phone(request: Request) -> Response:
        return await create(request, "phone")

    async def create_link(request: Request) -> Response:
        return await create(request, "link")

    async def list_payments(request: Request) -> Response:
        q = request.query_params
        status = q.get("status") or None
        if status is not None and status not in PAYMENT_STATUSES:
            return validation(f"status must be one of {', '.join(PAYMENT_STATUSES)}")
        engine.tick()
        rows = _all_payments(engine)
        if status is not None:
            rows = [r for r in rows if payment_status(r) == status]
        if q.get("payer_phone"):
            rows = [r for r in rows if r["payer_phone"] == q["payer_phone"]]
        if q.get("merchant_order_id"):
            rows = [r for r in rows if r["merchant_order_id"] == q["merchant_order_id"]]
        page = cursor_page(rows, q.get("cursor"), page_size, payment_json)
        return ok(page) if page is not None else validation("invalid cursor")

    async def get_payment(request: Request) -> Response:
        r = found(request.path_params["payment_id"])
        return payment_not_found() if r is None else ok(payment_json(r))

    async def cancel(request: Request) -> Response:
        data, bad = await json_body(request)
        if bad is not None or data is None:
            return validation("request body must be a JSON object")
        reason, problem = _text(data, "reason")
        if problem:
            return validation(problem, 422)
        r = found(request.path_params["payment_id"])
        if r is None:
            return payment_not_found()
        if payment_status(r) != "pending" or r["invoice_status"] not in ("processing", "pending"):
            return error(409, "INVALID_STATE", f"payment is {payment_status(r)}, not pending")
        invoices.set_status(engine, r["invoice_id"], "cancelled", auto_pay_at=None)
        engine.store.execute(
            "UPDATE xpayment_payments SET cancel_reason = ? WHERE payment_id = ?",
            (reason or "Cancelled by merchant", r["payment_id"]),
        )
        done = _payment_row(engine, r["payment_id"])
        assert done is not None
        return ok(payment_json(done))

    async def refund(request: Request) -> Response:
        data, bad = await json_body(request, exact=True)
        if bad is not None or data is None:
            return validation("request body must be a JSON object")
        if "amount" not in data:
            return validation("amount is required")
        amount, problem = _amount(data)
        if amount is None:
            return validation(problem or "invalid amount")
        reason, problem = _text(data, "reason")
        if problem:
            return validation(problem)
        r = found(request.path_params["payment_id"])
        if r is None:
            return payment_not_found()
        inv = invoices.row(engine, r["invoice_id"])
        assert inv is not None
        if payment_status(r) != "completed" or inv["status"] not in invoices.PAID:
            return error(409, "INVALID_STATE", f"payment is {payment_status(r)}, not completed")
        left = refunds.available_for_refund(engine, inv)
        if left <= 0:
            return error(409, "NOT_REFUNDABLE", "nothing left to refund on this payment")
        if amount > left:
            return validation(f"amount exceeds what is left to refund ({money(left)})")
        refund_id = str(uuid.uuid4())
        with engine.store.transaction():
            sandbox_id = refunds.seed_refund(
                engine,
                r["invoice_id"],
                created_at=engine.clock.now(),
                amount=amount,
                status="pending",
                reason=reason,
                initiated_by="api",
            )
            engine.store.execute(
                "INSERT INTO xpayment_refunds (refund_id, sandbox_refund_id, payment_id) "
                "VALUES (?, ?, ?)",
                (refund_id, sandbox_id, r["payment_id"]),
            )
        done = _refund_row(engine, refund_id)
        assert done is not None
        return ok(refund_json(done), status=202)

    async def payment_refunds(request: Request) -> Response:
        engine.tick()
        rows = _refund_rows(engine, request.path_params["payment_id"])
        # The spec documents no 404 here: an unknown payment simply has no refunds.
        return ok({"data": [refund_json(r) for r in rows], "has_more": False, "next_cursor": ""})

    async def list_refunds(request: Request) -> Response:
        q = request.query_params
        status = q.get("status") or None
        if status is not None and status not in REFUND_STATUSES:
            return validation(f"status must be one of {', '.join(REFUND_STATUSES)}")
        engine.tick()
        rows = _refund_rows(engine, q.get("payment_id") or None)
        if status is not None:
            rows = [r for r in rows if STATUS_OF_REFUND.get(r["status"]) == status]
        page = cursor_page(rows, q.get("cursor"), page_size, refund_json)
        return ok(page) if page is not None else validation("invalid cursor")

    async def get_refund(request: Request) -> Response:
        engine.tick()
        r = _refund_row(engine, request.path_params["refund_id"])
        return error(404, "NOT_FOUND", "refund not found") if r is None else ok(refund_json(r))

    async def static_qr(request: Request) -> Response:
        r = engine.store.one(
            "SELECT * FROM xpayment_static_qr WHERE order_number = ?",
            (request.path_params["order_number"],),
        )
        if r is None:
            return error(404, "NOT_FOUND", "static QR payment not found")
        return ok(static_qr_json(r, engine.clock.now()))

    async def subscriptions(request: Request) -> Response:
        rows = engine.store.query("SELECT * FROM xpayment_subscriptions ORDER BY created_at")
        return ok({"subscriptions": [subscription_json(r) for r in rows]})

    async def simulate(request: Request) -> Response:
        data, bad = await json_body(request)
        if bad is not None or data is None:
            return validation("request body must be a JSON object")
        event = data.get("event")
        if event not in (*WEBHOOK_EVENTS, "*"):
            return validation(f"event must be one of {', '.join(WEBHOOK_EVENTS)} or *")
        order_id, problem = _text(data, "merchant_order_id")
        sub_id, problem2 = _text(data, "subscription_id")
        if problem or problem2:
            return validation(problem or problem2 or "")
        subs = engine.store.query(
            "SELECT * FROM xpayment_subscriptions WHERE is_active = 1 ORDER BY created_at"
        )
        if sub_id:
            subs = [s for s in subs if s["id"] == sub_id]
            if not subs:
                return error(404, "NOT_FOUND", "subscription not found")
        payment: dict[str, Any] | None = None
        if order_id:
            matches = [r for r in _all_payments(engine) if r["merchant_order_id"] == order_id]
            if not matches:
                return error(404, "NOT_FOUND", "no payment with this merchant_order_id")
            payment = payment_json(matches[0])
        events = list(WEBHOOK_EVENTS) if event == "*" else [str(event)]
        results: list[dict[str, Any]] = []
        async with httpx.AsyncClient(timeout=5.0, follow_redirects=False) as client:
            for sub in subs:
                wanted = json.loads(sub["events"])
                for name in events:
                    if "*" not in wanted and name not in wanted:
                        continue
                    results.append(await _deliver(client, sub, name, payment))
        return ok({"results": results})

    async def _deliver(
        client: httpx.AsyncClient,
        sub: sqlite3.Row,
        event: str,
        payment: dict[str, Any] | None,
    ) -> dict[str, Any]:
        payload = {
            "event": event,
            "test": True,
            "timestamp": xp_time(stamp(engine.clock.now())),
            "data": payment or {"payment_id": str(uuid.UUID(int=0)), "status": "pending"},
        }
        body = json.dumps(payload, ensure_ascii=False).encode()
        headers = {
            "Content-Type": "application/json",
            "X-Webhook-Event": event,
            "X-Webhook-Signature": sign(body, sub["secret"]),
        }
        result: dict[str, Any] = {"subscription_id": sub["id"], "event": event, "url": sub["url"]}
        try:
            answer = await client.post(sub["url"], content=body, headers=headers)
        except httpx.HTTPError as exc:
            result.update(success=False, error=type(exc).__name__)
            return result
        result["success"] = 200 <= answer.status_code < 300
        if not result["success"]:
            result["error"] = f"HTTP {answer.status_code}"
        return result

    # --- control (no key): what the tests and the demo do as Kaspi or the customer ----------

    async def control_view(request: Request) -> Response:
        r = found(request.path_params["payment_id"])
        if r is None:
            return error(404, "NOT_FOUND", "payment not found")
        body = payment_json(r)
        body["sandbox"] = {
            "invoice_id": r["invoice_id"],
            "pay_url": f"{engine.public_url}/pay/{r['token']}",
            "kind": r["kind"],
            "invoice_status": r["invoice_status"],
        }
        return ok(body)

    async def control_status(request: Request) -> Response:
        data, bad = await json_body(request)
        raw = (data or {}).get("status")
        if bad is not None or not (raw is None or isinstance(raw, str)):
            return validation("status must be a string or null")
        r = found(request.path_params["payment_id"])
        if r is None:
            return error(404, "NOT_FOUND", "payment not found")
        engine.store.execute(
            "UPDATE xpayment_payments SET raw_status = ? WHERE payment_id = ?",
            (raw or None, r["payment_id"]),
        )
        done = _payment_row(engine, r["payment_id"])
        assert done is not None
        return ok(payment_json(done))

    async def control_refund(request: Request) -> Response:
        engine.tick()
        r = _refund_row(engine, request.path_params["refund_id"])
        action = request.path_params["action"]
        if r is None or action not in ("complete", "fail"):
            return error(404, "NOT_FOUND", "unknown refund or action")
        try:
            if action == "complete":
                refunds.complete_refund(engine, r["id"])
            else:
                data, _ = await json_body(request)
                reason = str((data or {}).get("reason") or "Kaspi rejected the refund")
                refunds.fail_refund(engine, r["id"], code="kaspi_error", message=reason)
        except refunds.RefundStateError as exc:
            return error(409, "INVALID_STATE", str(exc))
        done = _refund_row(engine, request.path_params["refund_id"])
        assert done is not None
        return ok(refund_json(done))

    async def control_static_qr(request: Request) -> Response:
        data, bad = await json_body(request, exact=True)
        if bad is not None or data is None:
            return validation("request body must be a JSON object")
        amount, problem = _amount(data)
        if amount is None:
            return validation(problem or "invalid amount")
        number = add_static_qr_payment(
            engine,
            amount=amount,
            client_short_name=str(data.get("client_short_name") or "Рустем Е."),
            comment=data.get("comment") if isinstance(data.get("comment"), str) else None,
        )
        return ok({"order_number": number}, status=201)

    async def control_subscription(request: Request) -> Response:
        data, bad = await json_body(request)
        if bad is not None or data is None or not isinstance(data.get("url"), str):
            return validation("url is required")
        events = data.get("events") or ["*"]
        if not isinstance(events, list) or not all(isinstance(e, str) for e in events):
            return validation("events must be a list of event names")
        sub_id = str(uuid.uuid4())
        engine.store.execute(
            "INSERT INTO xpayment_subscriptions (id, url, events, description, secret, "
            "created_at) VALUES (?, ?, ?, ?, ?, ?)",
            (
                sub_id,
                data["url"],
                json.dumps(events),
                str(data.get("description") or ""),
                "whsec_" + engine.new_token(18),
                stamp(engine.clock.now()),
            ),
        )
        r = engine.store.one("SELECT * FROM xpayment_subscriptions WHERE id = ?", (sub_id,))
        assert r is not None
        return ok(subscription_json(r), status=201)

    async def sink_receive(request: Request) -> Response:
        raw = await request.body()
        engine.store.execute(
            "INSERT INTO xpayment_webhook_sink (headers, body) VALUES (?, ?)",
            (json.dumps(dict(request.headers)), raw.decode("utf-8", "replace")),
        )
        return ok({"received": True})

    async def sink_list(request: Request) -> Response:
        rows = engine.store.query("SELECT * FROM xpayment_webhook_sink ORDER BY id")
        return ok(
            [{"headers": json.loads(r["headers"]), "body": json.loads(r["body"])} for r in rows]
        )

    p = XPAYMENT_PREFIX
    return [
        Route(f"{p}/payments", create_phone, methods=["POST"]),
        Route(f"{p}/payments", list_payments, methods=["GET"]),
        Route(f"{p}/payments/link", create_link, methods=["POST"]),
        Route(f"{p}/payments/{{payment_id}}", get_payment, methods=["GET"]),
        Route(f"{p}/payments/{{payment_id}}/cancel", cancel, methods=["POST"]),
        Route(f"{p}/payments/{{payment_id}}/refund", refund, methods=["POST"]),
        Route(f"{p}/payments/{{payment_id}}/refunds", payment_refunds, methods=["GET"]),
        Route(f"{p}/refunds", list_refunds, methods=["GET"]),
        Route(f"{p}/refunds/{{refund_id}}", get_refund, methods=["GET"]),
        Route(f"{p}/static-qr-payments/{{order_number}}", static_qr, methods=["GET"]),
        Route(f"{p}/webhook-simulate", simulate, methods=["POST"]),
        Route(f"{p}/webhook-simulate/subscriptions", subscriptions, methods=["GET"]),
        Route(f"{CONTROL}/payments/{{payment_id}}", control_view, methods=["GET"]),
        Route(f"{CONTROL}/payments/{{payment_id}}/status", control_status, methods=["POST"]),
        Route(f"{CONTROL}/refunds/{{refund_id}}/{{action}}", control_refund, methods=["POST"]),
        Route(f"{CONTROL}/static-qr-payments", control_static_qr, methods=["POST"]),
        Route(f"{CONTROL}/subscriptions", control_subscription, methods=["POST"]),
        Route(f"{CONTROL}/webhook-sink", sink_receive, methods=["POST"]),
        Route(f"{CONTROL}/webhook-sink", sink_list, methods=["GET"]),
    ]


def _plain(value: Any) -> Any:
    """JSON read with Decimal fractions, back to plain JSON types for storing."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


__all__ = [
    "XPAYMENT_PREFIX",
    "add_static_qr_payment",
    "create_payment",
    "fault_response",
    "invoice_id_for",
    "too_many_requests",
    "unauthorized",
]

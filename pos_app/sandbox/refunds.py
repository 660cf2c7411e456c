"""Sandbox routes: refunds (full, partial by amount, per item), answering in the 2.1 shapes.

Rules (read in both specs):

* only ``paid`` / ``partially_refunded`` invoices; never above ``available_for_refund``
  (= amount − completed refunds − refunds still pending): an amount above it is
  ``400 refund_amount_exceeds_available`` (the 2.1 "превышает доступное" case);
* no body = the whole available amount; ``amount`` = partial; ``return_items`` = per item,
  each with exactly one of ``count`` (whole units, not above bought − already returned) or
  ``amount`` (not above the line's value − already returned); ``return_items`` problems are
  ``422`` on the item's field;
* a per-item refund by ``count`` is worth ``round-half-up(price × count × (100 − discount%) /
  100)``: the invoice's global discount applies to the returned units too;
* a refund is ``pending`` and completes ``config.refund_seconds`` later (sandbox clock), then
  ``invoice.refunded`` is emitted and the invoice follows :func:`invoices.record_refund`.

Tables: ``refunds`` and ``refund_items`` (deleted with their invoice).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from pos_app.sandbox import invoices
from pos_app.sandbox.clock import iso, iso_stamp, stamp
from pos_app.sandbox.engine import SandboxEngine
from pos_app.sandbox.http import (
    business_error,
    cents,
    int_param,
    json_body,
    money,
    money_number,
    ok,
    paginate,
    plain_error,
    validation_error,
)

SCHEMA = """
CREATE TABLE IF NOT EXISTS refunds (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    invoice_id INTEGER NOT NULL REFERENCES invoices(id) ON DELETE CASCADE,
    amount TEXT NOT NULL,
    reason TEXT,
    status TEXT NOT NULL,
    kaspi_refund_id TEXT,
    error_code TEXT,
    error_message TEXT,
    initiated_by TEXT NOT NULL DEFAULT 'api',
    created_at TEXT NOT NULL,
    completes_at TEXT,
    completed_at TEXT
);
CREATE INDEX IF NOT EXISTS refunds_invoice ON refunds(invoice_id);
CREATE TABLE IF NOT EXISTS refund_items (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    refund_id INTEGER NOT NULL REFERENCES refunds(id) ON DELETE CASCADE,
    invoice_item_id INTEGER NOT NULL,
    catalog_item_id INTEGER,
    name TEXT NOT NULL,
    price TEXT NOT NULL,
    count INTEGER NOT NULL,
    amount TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS refund_items_refund ON refund_items(refund_id);
"""

REFUND_STATUSES = ("pending", "processing", "completed", "failed")
OPEN = ("pending", "processing")
ZERO = Decimal("0.00")


class RefundStateError(Exception):
    """A refund that is not pending any more."""


# --------------------------------------------------------------------------- amounts


def pending_amount(engine: SandboxEngine, invoice_id: int) -> Decimal:
    """Refunds of the invoice still on their way."""
    rows = engine.store.query(
        "SELECT amount FROM refunds WHERE invoice_id = ? AND status IN ('pending', 'processing')",
        (invoice_id,),
    )
    return sum((Decimal(r["amount"]) for r in rows), ZERO)


def available_for_refund(engine: SandboxEngine, inv: sqlite3.Row) -> Decimal:
    """amount − total_refunded − pending refunds (never below zero)."""
    left = Decimal(inv["amount"]) - Decimal(inv["total_refunded"])
    return max(ZERO, left - pending_amount(engine, inv["id"]))


def _returned(engine: SandboxEngine, invoice_item_id: int) -> tuple[int, Decimal]:
    """Units and money already returned (or on their way) for one invoice line."""
    rows = engine.store.query(
        """SELECT ri.count, ri.amount FROM refund_items ri JOIN refunds r ON r.id = ri.refund_id
           WHERE ri.invoice_item_id = ? AND r.status != 'failed'""",
        (invoice_item_id,),
    )
    return sum(r["count"] for r in rows), sum((Decimal(r["amount"]) for r in rows), ZERO)


def _unit_factor(inv: sqlite3.Row) -> Decimal:
    pct = inv["discount_percentage"]
    return (Decimal(100) - Decimal(pct)) / 100 if pct is not None else Decimal(1)


# --------------------------------------------------------------------------- JSON shapes


def refund_items_of(engine: SandboxEngine, refund_id: int) -> list[sqlite3.Row]:
    """The returned lines of a refund."""
    return engine.store.query(
        "SELECT * FROM refund_items WHERE refund_id = ? ORDER BY id", (refund_id,)
    )


def _item_json(i: sqlite3.Row) -> dict[str, Any]:
    return {
        "id": i["id"],
        "refund_id": i["refund_id"],
        "invoice_item_id": i["invoice_item_id"],
        "catalog_item_id": i["catalog_item_id"],
        "name": i["name"],
        "price": money(i["price"]),
        "count": i["count"],
        "amount": money(i["amount"]),
    }


def refund_short_json(r: sqlite3.Row) -> dict[str, Any]:
    """``RefundShort`` (201 of POST /invoices/{id}/refund)."""
    return {
        "id": r["id"],
        "invoice_id": r["invoice_id"],
        "amount": money(r["amount"]),
        "reason": r["reason"],
        "status": r["status"],
        "created_at": iso_stamp(r["created_at"]),
    }


def refund_json(engine: SandboxEngine, r: sqlite3.Row) -> dict[str, Any]:
    """``Refund`` (GET /invoices/{id}/refunds)."""
    body: dict[str, Any] = {
        "id": r["id"],
        "invoice_id": r["invoice_id"],
        "amount": money(r["amount"]),
        "status": r["status"],
        "reason": r["reason"],
        "kaspi_refund_id": r["kaspi_refund_id"],
        "error_message": r["error_message"],
    }
    if r["error_code"]:
        body["error_code"] = r["error_code"]
    body["items"] = [_item_json(i) for i in refund_items_of(engine, r["id"])]
    body["created_at"] = iso_stamp(r["created_at"])
    return body


def refund_with_invoice_json(
    engine: SandboxEngine, r: sqlite3.Row, inv: sqlite3.Row
) -> dict[str, Any]:
    """``RefundWithInvoice`` (GET /refunds)."""
    body: dict[str, Any] = {
        "id": r["id"],
        "invoice_id": r["invoice_id"],
        "amount": money(r["amount"]),
        "kaspi_refund_id": r["kaspi_refund_id"],
        "kaspi_status": r["status"] if r["kaspi_refund_id"] else None,
        "status": r["status"],
        "reason": r["reason"],
        "initiated_by": r["initiated_by"],
        "error_message": r["error_message"],
    }
    if r["error_code"]:
        body["error_code"] = r["error_code"]
    body["created_at"] = iso_stamp(r["created_at"])
    body["invoice"] = {
        "id": inv["id"],
        "external_order_id": inv["external_order_id"],
        "amount": money(inv["amount"]),
        "status": inv["status"],
        "kaspi_invoice_id": inv["kaspi_invoice_id"],
    }
    body["items"] = [_item_json(i) for i in refund_items_of(engine, r["id"])]
    return body


def refunded_body(engine: SandboxEngine, r: sqlite3.Row) -> dict[str, Any]:
    """The ``invoice.refunded`` webhook body for a finished refund."""
    inv = invoices.row(engine, r["invoice_id"])
    assert inv is not None
    refund: dict[str, Any] = {
        "id": r["id"],
        "amount": money(r["amount"]),
        "status": r["status"],
        "kaspi_refund_id": r["kaspi_refund_id"],
        "reason": r["reason"],
        "created_at": iso_stamp(r["created_at"]),
    }
    lines = refund_items_of(engine, r["id"])
    if lines:
        refund["items"] = [
            {
                "catalog_item_id": i["catalog_item_id"],
                "name": i["name"],
                "price": money(i["price"]),
                "count": i["count"],
                "amount": money(i["amount"]),
            }
            for i in lines
        ]
    if r["error_code"]:
        refund["error_code"] = r["error_code"]
    return {
        "event": "invoice.refunded",
        "refund": refund,
        "invoice": {
            "id": inv["id"],
            "external_order_id": inv["external_order_id"],
            "amount": money(inv["amount"]),
            "total_refunded": money(inv["total_refunded"]),
            "available_for_refund": money_number(available_for_refund(engine, inv)),
            "is_fully_refunded": invoices.is_fully_refunded(inv),
            "status": inv["status"],
            "kaspi_invoice_id": inv["kaspi_invoice_id"],
            "is_sandbox": True,
        },
        "source": invoices.WEBHOOK_SOURCE,
        "timestamp": iso(engine.clock.now()),
    }


# --------------------------------------------------------------------------- writing


def _insert(
    engine: SandboxEngine,
    inv: sqlite3.Row,
    amount: Decimal,
    reason: str | None,
    lines: Sequence[tuple[sqlite3.Row, int, Decimal]],
    *,
    status: str,
    created_at: datetime,
    initiated_by: str = "api",
) -> int:
    completes = created_at + timedelta(seconds=engine.config.refund_seconds)
    with engine.store.transaction():
        cur = engine.store.execute(
            """INSERT INTO refunds (invoice_id, amount, reason, status, initiated_by,
                created_at, completes_at) VALUES (?, ?, ?, ?, ?, ?, ?)""",
            (
                inv["id"],
                money(amount),
                reason,
                status,
                initiated_by,
                stamp(created_at),
                stamp(completes),
            ),
        )
        refund_id = int(cur.lastrowid or 0)
        for line, count, line_amount in lines:
            engine.store.execute(
                """INSERT INTO refund_items (refund_id, invoice_item_id, catalog_item_id, name,
                    price, count, amount) VALUES (?, ?, ?, ?, ?, ?, ?)""",
                (
                    refund_id,
                    line["id"],
                    line["catalog_item_id"],
                    line["name"],
                    line["price"],
                    count,
                    money(line_amount),
                ),
            )
    return refund_id


def complete_refund(engine: SandboxEngine, refund_id: int) -> sqlite3.Row:
    """Kaspi confirms the refund: ``completed``, invoice totals, ``invoice.refunded``."""
    r = _open_refund(engine, refund_id)
    now = engine.clock.now()
    engine.store.execute(
        "UPDATE refunds SET status = 'completed', kaspi_refund_id = ?, completed_at = ? "
        "WHERE id = ?",
        (f"11{refund_id:08d}", stamp(now), refund_id),
    )
    invoices.record_refund(engine, r["invoice_id"], Decimal(r["amount"]))
    done = engine.store.one("SELECT * FROM refunds WHERE id = ?", (refund_id,))
    assert done is not None
    engine.emit("invoice.refunded", refunded_body(engine, done))
    return done


def fail_refund(
    engine: SandboxEngine,
    refund_id: int,
    code: str = "kaspi_error",
    message: str = "Kaspi rejected the refund.",
) -> sqlite3.Row:
    """Kaspi rejects the refund: ``failed`` with ``error_code``; the money is available again."""
    _open_refund(engine, refund_id)
    engine.store.execute(
        "UPDATE refunds SET status = 'failed', error_code = ?, error_message = ?, "
        "completed_at = ? WHERE id = ?",
        (code, message, stamp(engine.clock.now()), refund_id),
    )
    done = engine.store.one("SELECT * FROM refunds WHERE id = ?", (refund_id,))
    assert done is not None
    engine.emit("invoice.refunded", refunded_body(engine, done))
    return done


def _open_refund(engine: SandboxEngine, refund_id: int) -> sqlite3.Row:
    r = engine.store.one("SELECT * FROM refunds WHERE id = ?", (refund_id,))
    if r is None:
        raise KeyError(refund_id)
    if r["status"] not in OPEN:
        raise RefundStateError(f"refund {refund_id} is already {r['status']}")
    return r


def seed_refund(
    engine: SandboxEngine,
    invoice_id: int,
    *,
    created_at: datetime,
    amount: Decimal | str | int | None = None,
    items: Sequence[Mapping[str, Any]] = (),
    status: str = "completed",
    reason: str | None = None,
    initiated_by: str = "dashboard",
) -> int:
    """Insert a past refund for demo data (no events, no timers).

    Args:
        engine: the sandbox.
        invoice_id: a paid invoice (see ``invoices.seed_invoice``).
        created_at: when the refund was made (also its completion time).
        amount: the refunded money; the whole invoice when omitted and no ``items``.
        items: per-item returns, dicts with ``catalog_item_id`` and ``count``.
        status: ``completed`` (updates the invoice's totals and status), ``failed`` or
            ``pending`` (completes on the normal timer).
        reason: free text.
        initiated_by: ``api`` / ``dashboard`` / ``system``.

    Returns:
        The new refund's id.
    """
    inv = invoices.row(engine, invoice_id)
    if inv is None:
        raise KeyError(invoice_id)
    lines: list[tuple[sqlite3.Row, int, Decimal]] = []
    factor = _unit_factor(inv)
    by_catalog = {i["catalog_item_id"]: i for i in invoices.items_of(engine, invoice_id)}
    for entry in items:
        line = by_catalog[entry["catalog_item_id"]]
        count = int(entry["count"])
        lines.append((line, count, cents(Decimal(line["price"]) * count * factor)))
    if amount is not None:
        value = cents(Decimal(str(amount)))
    elif lines:
        value = sum((a for _, _, a in lines), ZERO)
    else:
        value = available_for_refund(engine, inv)
    refund_id = _insert(
        engine,
        inv,
        value,
        reason,
        lines,
        status=status,
        created_at=created_at,
        initiated_by=initiated_by,
    )
    if status == "completed":
        engine.store.execute(
            "UPDATE refunds SET kaspi_refund_id = ?, completed_at = ? WHERE id = ?",
            (f"11{refund_id:08d}", stamp(created_at), refund_id),
        )
        invoices.record_refund(engine, invoice_id, value, notify=False)
    elif status == "failed":
        engine.store.execute(
            "UPDATE refunds SET error_code = 'kaspi_error', error_message = ?, "
            "completed_at = ? WHERE id = ?",
            ("Kaspi rejected the refund.", stamp(created_at), refund_id),
        )
    return refund_id


def tick(engine: SandboxEngine) -> None:
    """Complete the refunds whose time has come."""
    now = stamp(engine.clock.now())
    for r in engine.store.query(
        "SELECT id FROM refunds WHERE status IN ('pending', 'processing') AND completes_at <= ?",
        (now,),
    ):
        complete_refund(engine, r["id"])


# --------------------------------------------------------------------------- validation

Errors = dict[str, list[str]]


def _return_lines(
    engine: SandboxEngine, inv: sqlite3.Row, raw: Any, errors: Errors
) -> list[tuple[sqlite3.Row, int, Decimal]]:
    """Validate ``return_items`` against what was bought and already returned."""
    if not isinstance(raw, list) or not 1 <= len(raw) <= 100:
        errors["return_items"] = ["The return items field must be an array of 1 to 100 items."]
        return []
    lines = invoices.items_of(engine, inv["id"])
    if not lines:
        errors["return_items"] = ["The invoice has no items to return."]
        return []
    factor = _unit_factor(inv)
    used_count: dict[int, int] = {}
    used_money: dict[int, Decimal] = {}
    for line in lines:
        used_count[line["id"]], used_money[line["id"]] = _returned(engine, line["id"])
    result: list[tuple[sqlite3.Row, int, Decimal]] = []
    for n, entry in enumerate(raw):
        prefix = f"return_items.{n}"
        if not isinstance(entry, dict):
            errors[prefix] = [f"The {prefix} field must be an object."]
            continue
        item_id = invoices.int_field(entry.get("catalog_item_id"))
        matching = [
            line for line in lines if item_id is not None and line["catalog_item_id"] == item_id
        ]
        if not matching:
            errors[f"{prefix}.catalog_item_id"] = [
                f"The selected {prefix}.catalog_item_id is not in this invoice."
            ]
            continue
        has_count = entry.get("count") is not None
        has_amount = entry.get("amount") is not None
        if has_count == has_amount:
            errors[prefix] = ["Send exactly one of count or amount for each item."]
            continue
        if has_count:
            count = invoices.int_field(entry["count"])
            if count is None or count < 1:
                errors[f"{prefix}.count"] = [f"The {prefix}.count field must be at least 1."]
                continue
            left_total = sum(line["count"] - used_count[line["id"]] for line in matching)
            if count > left_total:
                errors[f"{prefix}.count"] = [
                    f"Only {max(0, left_total)} of this item can still be returned."
                ]
                continue
            for line in matching:  # spread over the invoice's lines of this item
                take = min(count, line["count"] - used_count[line["id"]])
                if take <= 0:
                    continue
                value = cents(Decimal(line["price"]) * take * factor)
                used_count[line["id"]] += take
                used_money[line["id"]] += value
                result.append((line, take, value))
                count -= take
                if count == 0:
                    break
        else:
            amount = invoices.money_field(
                errors, f"{prefix}.amount", entry["amount"], Decimal("9999999.99")
            )
            if amount is None:
                continue
            line = matching[0]
            worth = cents(Decimal(line["price"]) * line["count"] * factor)
            left = worth - used_money[line["id"]]
            if amount > left:
                errors[f"{prefix}.amount"] = [
                    f"At most {money(max(ZERO, left))} can still be returned for this item."
                ]
                continue
            used_money[line["id"]] += amount
            result.append((line, 0, amount))
    return result


# --------------------------------------------------------------------------- routes


def install(engine: SandboxEngine) -> list[BaseRoute]:
    """Create the refund tables, register the completion ticker, return the routes."""
    engine.store.script(SCHEMA)
    engine.add_ticker(lambda: tick(engine))

    engine.on_reset(lambda: engine.store.clear("refund_items", "refunds"))

    async def create(request: Request) -> Response:
        invoice_id = invoices.path_id(request)
        data, error = await json_body(request, exact=True)
        if error is not None or data is None:
            return error or validation_error({"body": ["Invalid body."]})
        inv = invoices.row(engine, invoice_id) if invoice_id is not None else None
        if inv is None:
            return invoices.invoice_not_found()
        errors: Errors = {}
        reason = invoices.text_field(errors, data, "reason", 500)
        amount: Decimal | None = None
        if data.get("amount") is not None:
            amount = invoices.money_field(errors, "amount", data["amount"])
        if data.get("return_items") is not None and data.get("amount") is not None:
            errors["amount"] = ["Send either amount or return_items, not both."]
        if errors:
            return validation_error(errors)
        if inv["status"] not in invoices.PAID:
            return plain_error(
                400,
                "invoice_not_paid",
                f"Only paid invoices can be refunded (status: {inv['status']}).",
            )
        available = available_for_refund(engine, inv)
        if available <= 0:
            return business_error(
                400,
                "refund_amount_exceeds_available",
                "Nothing is left to refund on this invoice.",
            )
        lines: list[tuple[sqlite3.Row, int, Decimal]] = []
        if data.get("return_items") is not None:
            lines = _return_lines(engine, inv, data["return_items"], errors)
            if errors:
                return validation_error(errors)
            amount = min(available, sum((a for _, _, a in lines), ZERO))
        if amount is None:
            amount = available
        if amount > available:
            return business_error(
                400,
                "refund_amount_exceeds_available",
                f"The refund amount exceeds the available {money(available)}.",
            )
        # no await since the checks: nothing else can refund in between
        refund_id = _insert(
            engine, inv, amount, reason, lines, status="pending", created_at=engine.clock.now()
        )
        r = engine.store.one("SELECT * FROM refunds WHERE id = ?", (refund_id,))
        assert r is not None
        inv = invoices.row(engine, inv["id"])
        assert inv is not None
        return ok(
            {
                "message": "Refund queued for processing",
                "refund": refund_short_json(r),
                "invoice": {
                    "id": inv["id"],
                    "amount": money(inv["amount"]),
                    "total_refunded": money(inv["total_refunded"]),
                    "available_for_refund": money_number(available_for_refund(engine, inv)),
                    "pending_refund_amount": money_number(pending_amount(engine, inv["id"])),
                },
            },
            status=201,
        )

    async def of_invoice(request: Request) -> Response:
        invoice_id = invoices.path_id(request)
        inv = invoices.row(engine, invoice_id) if invoice_id is not None else None
        if inv is None:
            return invoices.invoice_not_found()
        rows = engine.store.query(
            "SELECT * FROM refunds WHERE invoice_id = ? ORDER BY id", (inv["id"],)
        )
        return ok(
            {
                "invoice": {
                    "id": inv["id"],
                    "amount": money(inv["amount"]),
                    "total_refunded": money(inv["total_refunded"]),
                    "available_for_refund": money_number(available_for_refund(engine, inv)),
                    "is_fully_refunded": invoices.is_fully_refunded(inv),
                },
                "refunds": [refund_json(engine, r) for r in rows],
                "total": len(rows),
            }
        )

    async def list_refunds(request: Request) -> Response:
        statuses, errors = invoices.list_statuses(request, REFUND_STATUSES)
        lo, hi, date_errors = invoices.date_window(request)
        errors.update(date_errors)
        raw_invoice = request.query_params.get("invoice_id")
        invoice_filter: int | None = None
        if raw_invoice:
            invoice_filter = invoices.int_field(raw_invoice)
            if invoice_filter is None or invoices.row(engine, invoice_filter) is None:
                errors["invoice_id"] = ["The selected invoice id is invalid."]
        if errors:
            return validation_error(errors)
        rows = engine.store.query("SELECT * FROM refunds ORDER BY id DESC")
        if statuses:
            rows = [r for r in rows if r["status"] in statuses]
        if invoice_filter is not None:
            rows = [r for r in rows if r["invoice_id"] == invoice_filter]
        if lo is not None or hi is not None:
            rows = [r for r in rows if invoices.within(r["created_at"], lo, hi)]
        page = int_param(request, "page", 1, 1, 1_000_000)
        per_page = int_param(request, "per_page", 10, 1, 100)
        body = paginate(rows, page, per_page)
        data = []
        for r in body["data"]:
            inv = invoices.row(engine, r["invoice_id"])
            assert inv is not None
            data.append(refund_with_invoice_json(engine, r, inv))
        body["data"] = data
        return ok(body)

    return [
        Route("/api/v1/invoices/{id:int}/refund", create, methods=["POST"]),
        Route("/api/v1/invoices/{id:int}/refunds", of_invoice, methods=["GET"]),
        Route("/api/v1/refunds", list_refunds, methods=["GET"]),
    ]

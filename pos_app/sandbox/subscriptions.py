"""Sandbox routes: recurring subscriptions billed on the sandbox clock.

Life cycle (2.1 spec, ``Subscription`` and the ``subscription.*`` webhooks):

* ``POST /subscriptions`` creates an ``active`` subscription; its first invoice is issued at
  once when ``bill_immediately`` is true or ``started_at`` is today (the default), otherwise at
  ``started_at``. Each invoice is a row shaped as the spec's ``SubscriptionInvoice``.
* The ticker bills the next period when ``next_billing_at`` has come (missed periods after a
  big clock jump or a pause are not billed retroactively).
* Each billing attempt creates a real invoice (``invoices.create_invoice``, ``is_recurring``)
  that lives the normal invoice life: the customer pays it (pay page, ``/_sandbox/invoices/{id}
  /pay``, ``POST /_sandbox/subscriptions/{id}/pay``, auto-pay) or it fails: declined
  (``cancelled``) or not paid within ``config.invoice_lifetime_seconds`` (``expired``). This
  module follows those invoices through their ``invoice.status_changed`` events. An ``error``
  invoice is not a failed payment (spec): it is tried again after ``retry_interval_hours``
  without counting.
* A failure counts in ``failed_attempts`` and is retried after ``retry_interval_hours`` until
  ``max_retry_attempts`` failures in a row; then the grace period starts
  (``grace_period_days``, ``in_grace_period``), and if nothing is paid before it ends the
  subscription is ``expired`` for good. Any payment resets the failures and the grace period.
* ``pause`` / ``resume`` / ``cancel`` as the spec says; every step emits its webhook event.
"""

from __future__ import annotations

import calendar
import json
import math
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from pos_app.sandbox import catalog, invoices
from pos_app.sandbox.catalog import as_decimal, json_answer, meta_page, page_params, read_json, ts
from pos_app.sandbox.clock import iso
from pos_app.sandbox.engine import SandboxEngine
from pos_app.sandbox.http import money, validation_error

API = "/api/v1"
SOURCE_NAME = "Sandbox key"

PERIODS = {
    "daily": "Ежедневно",
    "weekly": "Еженедельно",
    "biweekly": "Раз в две недели",
    "monthly": "Ежемесячно",
    "quarterly": "Ежеквартально",
    "yearly": "Ежегодно",
}
STATUS_LABELS = {
    "active": ("Активна", "green"),
    "paused": ("Приостановлена", "yellow"),
    "cancelled": ("Отменена", "gray"),
    "expired": ("Истекла", "red"),
}
INVOICE_LABELS = {
    "pending": ("Ожидает оплаты", "yellow"),
    "paid": ("Оплачен", "green"),
    "failed": ("Не оплачен", "red"),
    "cancelled": ("Отменён", "gray"),
    "error": ("Ошибка", "red"),
}
DEFAULTS = {"max_retry_attempts": 3, "retry_interval_hours": 24, "grace_period_days": 3}
DAY = 86400.0

SCHEMA = """
CREATE TABLE IF NOT EXISTS subscriptions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    phone_number TEXT NOT NULL,
    subscriber_name TEXT,
    external_subscriber_id TEXT,
    amount TEXT NOT NULL,
    cart_items TEXT,
    description TEXT,
    billing_period TEXT NOT NULL,
    billing_day INTEGER,
    status TEXT NOT NULL,
    started_at REAL NOT NULL,
    next_billing_at REAL,
    paused_at REAL,
    cancelled_at REAL,
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    max_retry_attempts INTEGER NOT NULL,
    retry_interval_hours INTEGER NOT NULL,
    grace_period_days INTEGER NOT NULL,
    retry_at REAL,
    grace_expires_at REAL,
    metadata TEXT,
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS subscription_invoices (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    subscription_id INTEGER NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
    invoice_id INTEGER,
    period_start TEXT NOT NULL,
    period_end TEXT NOT NULL,
    amount TEXT NOT NULL,
    attempt_number INTEGER NOT NULL,
    status TEXT NOT NULL,
    paid_at REAL,
    failure_reason TEXT,
    expires_at REAL NOT NULL,
    created_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS subscription_invoices_open
    ON subscription_invoices (status, subscription_id);
"""


# --------------------------------------------------------------------------------------------
# Calendar


def add_period(moment: datetime, period: str, billing_day: int | None = None) -> datetime:
    """``moment`` plus one billing period (months keep ``billing_day`` or the same day)."""
    if period == "daily":
        return moment + timedelta(days=1)
    if period == "weekly":
        return moment + timedelta(days=7)
    if period == "biweekly":
        return moment + timedelta(days=14)
    months = {"monthly": 1, "quarterly": 3, "yearly": 12}[period]
    year, month0 = divmod(moment.month - 1 + months, 12)
    year += moment.year
    last = calendar.monthrange(year, month0 + 1)[1]
    day = min(billing_day or moment.day, last)
    return moment.replace(year=year, month=month0 + 1, day=day)


def _dt(epoch: float) -> datetime:
    return datetime.fromtimestamp(epoch, UTC)


def _date_label(d: date) -> str:
    return d.strftime("%d.%m.%Y")


# --------------------------------------------------------------------------------------------
# Validation


def _check(
    engine: SandboxEngine, body: dict[str, Any], *, create: bool
) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """Clean a create (``create=True``) or update body: (values, field → messages)."""
    errors: dict[str, list[str]] = {}
    clean: dict[str, Any] = {}

    def text(name: str, limit: int) -> None:
        if body.get(name) is None:
            if name in body:
                clean[name] = None
            return
        value = body[name]
        if not isinstance(value, str):
            errors[name] = [f"The {name} must be a string."]
        elif len(value) > limit:
            errors[name] = [f"The {name} may not be greater than {limit} characters."]
        else:
            clean[name] = value

    def integer(name: str, lo: int, hi: int) -> None:
        if body.get(name) is None:
            return
        value = body[name]
        if isinstance(value, bool) or not isinstance(value, int):
            errors[name] = [f"The {name} must be an integer."]
        elif not lo <= value <= hi:
            errors[name] = [f"The {name} must be between {lo} and {hi}."]
        else:
            clean[name] = value

    if create:
        phone = body.get("phone_number")
        if not isinstance(phone, str) or not (
            len(phone) == 11 and phone.isascii() and phone.isdigit() and phone[0] == "8"
        ):
            errors["phone_number"] = [
                "Phone number must be in format 8XXXXXXXXXX (11 digits starting with 8)"
            ]
        else:
            clean["phone_number"] = phone
        period = body.get("billing_period")
        if period not in PERIODS:
            errors["billing_period"] = ["The selected billing period is invalid."]
        else:
            clean["billing_period"] = period
        started = body.get("started_at")
        if started is not None:
            try:
                clean["started_at"] = date.fromisoformat(str(started))
            except ValueError:
                errors["started_at"] = ["The started at is not a valid date."]
        immediately = body.get("bill_immediately", False)
        if not isinstance(immediately, bool):
            errors["bill_immediately"] = ["The bill immediately field must be true or false."]
        clean["bill_immediately"] = immediately is True
    text("description", 255)
    text("subscriber_name", 255)
    text("external_subscriber_id", 255)
    integer("billing_day", 1, 28)
    integer("max_retry_attempts", 1, 10)
    integer("retry_interval_hours", 1, 168)
    integer("grace_period_days", 1, 30)
    if body.get("metadata") is not None:
        if not isinstance(body["metadata"], dict):
            errors["metadata"] = ["The metadata must be an object."]
        else:
            clean["metadata"] = body["metadata"]
    if body.get("cart_items") is not None:
        total, cart, cart_errors = _price_cart(engine, body["cart_items"])
        if cart_errors:
            errors.update(cart_errors)
        else:
            clean["cart_items"] = cart
            clean["amount"] = total
    elif body.get("amount") is not None:
        amount = as_decimal(body["amount"])
        if amount is None:
            errors["amount"] = ["The amount must be a number."]
        elif not Decimal(100) <= amount <= Decimal(1_000_000):
            errors["amount"] = ["The amount must be between 100 and 1000000."]
        elif amount != amount.quantize(Decimal("0.01")):
            errors["amount"] = ["The amount must have at most two decimals."]
        else:
            clean["amount"] = amount
    elif create:
        errors["amount"] = ["The amount field is required when cart items is not present."]
    return clean, errors


def _price_cart(
    engine: SandboxEngine, items: Any
) -> tuple[Decimal, list[dict[str, Any]], dict[str, list[str]]]:
    """Sum a ``CartItemSimple`` list at catalog prices."""
    if not isinstance(items, list) or not 1 <= len(items) <= 100:
        return Decimal(0), [], {"cart_items": ["The cart items must have 1 to 100 items."]}
    errors: dict[str, list[str]] = {}
    total = Decimal(0)
    cart: list[dict[str, Any]] = []
    for index, entry in enumerate(items):
        item_id = entry.get("catalog_item_id") if isinstance(entry, dict) else None
        count = entry.get("count") if isinstance(entry, dict) else None
        if isinstance(item_id, bool) or not isinstance(item_id, int):
            errors[f"cart_items.{index}.catalog_item_id"] = ["The catalog item id is required."]
            continue
        if isinstance(count, bool) or not isinstance(count, int) or count < 1:
            errors[f"cart_items.{index}.count"] = ["The count must be at least 1."]
            continue
        item = catalog.get_item(engine, item_id)
        if item is None or item["status"] != "active":
            errors[f"cart_items.{index}.catalog_item_id"] = [
                "The selected catalog item id is invalid."
            ]
            continue
        price = Decimal(item["price"])
        total += price * count
        cart.append(
            {
                "catalog_item_id": item_id,
                "name": item["name"],
                "price": money(price),
                "count": count,
                "total": money(price * count),
            }
        )
    if not errors and not Decimal(100) <= total <= Decimal(1_000_000):
        errors["cart_items"] = ["The cart total must be between 100 and 1000000."]
    return total, cart, errors


def _error(status: int, slug: str, message: str) -> Response:
    """A 400/404 in the business envelope (slugs outside ``ErrorCode`` carry no error_code)."""
    return JSONResponse({"error": slug, "message": message}, status_code=status)


# --------------------------------------------------------------------------------------------
# The module


class _Subscriptions:
    """Billing logic for one engine (kept together so handlers and the ticker share it)."""

    def __init__(self, engine: SandboxEngine) -> None:
        self.engine = engine
        self.store = engine.store

    # -- reading -------------------------------------------------------------------------

    def now(self) -> float:
        return self.engine.clock.now().timestamp()

    def row(self, sub_id: int) -> Any:
        return self.store.one("SELECT * FROM subscriptions WHERE id = ?", (sub_id,))

    def open_invoice(self, sub_id: int) -> Any:
        return self.store.one(
            "SELECT * FROM subscription_invoices WHERE subscription_id = ? AND status = 'pending'"
            " ORDER BY id DESC LIMIT 1",
            (sub_id,),
        )

    def public(self, row: Any) -> dict[str, Any]:
        """The spec's ``Subscription``."""
        status = row["status"]
        label, color = STATUS_LABELS[status]
        nxt = row["next_billing_at"] if status in ("active", "paused") else None
        in_days = label_next = None
        if nxt is not None:
            in_days = max(0, math.ceil((nxt - self.now()) / DAY))
            label_next = {0: "Сегодня", 1: "Завтра"}.get(in_days, f"Через {in_days} дн.")
        day = row["billing_day"]
        monthly = row["billing_period"] in ("monthly", "quarterly", "yearly")
        return {
            "id": row["id"],
            "subscriber_name": row["subscriber_name"],
            "phone_number": row["phone_number"],
            "external_subscriber_id": row["external_subscriber_id"],
            "amount": money(row["amount"]),
            "cart_items": json.loads(row["cart_items"]) if row["cart_items"] else None,
            "description": row["description"],
            "billing_period": row["billing_period"],
            "billing_period_label": PERIODS[row["billing_period"]],
            "billing_day": day,
            "billing_day_label": f"{day}-го числа" if day and monthly else None,
            "status": status,
            "status_label": label,
            "status_color": color,
            "started_at": ts(row["started_at"]),
            "next_billing_at": ts(nxt),
            "next_billing_in_days": in_days,
            "next_billing_label": label_next,
            "paused_at": ts(row["paused_at"]),
            "cancelled_at": ts(row["cancelled_at"]),
            "failed_attempts": row["failed_attempts"],
            "max_retry_attempts": row["max_retry_attempts"],
            "retry_interval_hours": row["retry_interval_hours"],
            "grace_period_days": row["grace_period_days"],
            "in_grace_period": status == "active" and row["grace_expires_at"] is not None,
            "is_sandbox": True,
            "metadata": json.loads(row["metadata"]) if row["metadata"] else None,
            "created_at": ts(row["created_at"]),
            "updated_at": ts(row["updated_at"]),
        }

    def detailed(self, row: Any) -> dict[str, Any]:
        """``GET /subscriptions/{id}`` (2.1: flat, with ``stats`` and ``last_payment``)."""
        invoices = self.store.query(
            "SELECT * FROM subscription_invoices WHERE subscription_id = ? ORDER BY id",
            (row["id"],),
        )
        paid = [i for i in invoices if i["status"] == "paid"]
        last = invoices[-1] if invoices else None
        return {
            **self.public(row),
            "last_payment": None
            if last is None
            else {
                "amount": money(last["amount"]),
                "paid_at": ts(last["paid_at"]),
                "status": last["status"],
            },
            "stats": {
                "total_payments": len(invoices),
                "successful_payments": len(paid),
                "failed_payments": sum(1 for i in invoices if i["status"] == "failed"),
                "total_collected": money(sum((Decimal(i["amount"]) for i in paid), Decimal(0))),
            },
        }

    def invoice_json(self, inv: Any) -> dict[str, Any]:
        """The spec's ``SubscriptionInvoice``."""
        start, end = date.fromisoformat(inv["period_start"]), date.fromisoformat(inv["period_end"])
        label, color = INVOICE_LABELS[inv["status"]]
        body: dict[str, Any] = {
            "id": inv["id"],
            "invoice_id": inv["invoice_id"],
            "billing_period_start": start.isoformat(),
            "billing_period_end": end.isoformat(),
            "billing_period_label": f"{_date_label(start)} — {_date_label(end)}",
            "amount": money(inv["amount"]),
            "attempt_number": inv["attempt_number"],
            "status": inv["status"],
            "status_label": label,
            "status_color": color,
            "paid_at": ts(inv["paid_at"]),
            "failure_reason": inv["failure_reason"],
            "created_at": ts(inv["created_at"]),
        }
        linked = invoices.row(self.engine, inv["invoice_id"]) if inv["invoice_id"] else None
        if linked is not None:
            body["invoice"] = {
                "id": linked["id"],
                "kaspi_invoice_id": linked["kaspi_invoice_id"],
                "status": linked["status"],
            }
        return body

    # -- events --------------------------------------------------------------------------

    def emit(self, event: str, sub_id: int, **extra: Any) -> None:
        """A ``subscription.*`` webhook: the base envelope plus fields merged at the root."""
        row = self.row(sub_id)
        if row is None:
            return
        full = self.public(row)
        keys = (
            "id",
            "external_subscriber_id",
            "phone_number",
            "subscriber_name",
            "amount",
            "billing_period",
            "status",
            "next_billing_at",
            "failed_attempts",
            "in_grace_period",
            "is_sandbox",
        )
        body: dict[str, Any] = {
            "event": event,
            "subscription": {k: full[k] for k in keys},
            **extra,
            "source": SOURCE_NAME,
            "timestamp": iso(self.engine.clock.now()),
        }
        self.engine.emit(event, body)

    # -- billing -------------------------------------------------------------------------

    def issue(self, row: Any, period_start: float, attempt: int) -> None:
        """Bill the period that starts at ``period_start``: a real invoice to the subscriber."""
        start = _dt(period_start)
        end = add_period(start, row["billing_period"], row["billing_day"]) - timedelta(days=1)
        now = self.now()
        invoice_id = invoices.create_invoice(self.engine, self.new_invoice(row))
        self.store.execute(
            "INSERT INTO subscription_invoices (subscription_id, invoice_id, period_start,"
            " period_end, amount, attempt_number, status, expires_at, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?)",
            (
                row["id"],
                invoice_id,
                start.date().isoformat(),
                max(end.date(), start.date()).isoformat(),
                row["amount"],
                attempt,
                now + self.engine.config.invoice_lifetime_seconds,
                now,
            ),
        )

    def new_invoice(self, row: Any) -> invoices.NewInvoice:
        """The invoice one billing attempt sends (the cart's lines when there is a cart)."""
        amount = Decimal(row["amount"])
        description = row["description"] or f"Подписка №{row['id']}"
        lines = [
            invoices.NewItem(
                name=str(line["name"]),
                price=Decimal(line["price"]),
                count=int(line["count"]),
                catalog_item_id=int(line["catalog_item_id"]),
            )
            for line in (json.loads(row["cart_items"]) if row["cart_items"] else [])
        ]
        return invoices.NewInvoice(
            amount=amount,
            phone=row["phone_number"],
            subtotal=amount if lines else None,
            discount_sum=Decimal("0.00") if lines else None,
            description=description[:500],
            items=lines,
            is_recurring=True,
        )

    def on_invoice(self, event: str, body: dict[str, Any]) -> None:
        """Follow the invoices this module issued (``invoice.status_changed``)."""
        if event != "invoice.status_changed":
            return
        invoice = body.get("invoice") or {}
        inv = self.store.one(
            "SELECT * FROM subscription_invoices WHERE invoice_id = ? AND status = 'pending'",
            (invoice.get("id"),),
        )
        if inv is None:
            return
        status = invoice.get("status")
        if status == "paid":
            self.pay(inv)
        elif status == "expired":
            self.fail(inv, "Invoice expired")
        elif status == "cancelled":
            self.fail(inv, "Invoice cancelled")
        elif status == "error":
            self.errored(inv, str(invoice.get("error_message") or "Kaspi error"))

    def errored(self, inv: Any, message: str) -> None:
        """Kaspi could not issue the invoice: not a failed payment, try again later."""
        now = self.now()
        self.store.execute(
            "UPDATE subscription_invoices SET status = 'error', failure_reason = ? WHERE id = ?",
            (message, inv["id"]),
        )
        sub = self.row(inv["subscription_id"])
        if sub is not None:
            self.store.execute(
                "UPDATE subscriptions SET retry_at = ?, updated_at = ? WHERE id = ?",
                (now + sub["retry_interval_hours"] * 3600.0, now, sub["id"]),
            )

    def pay(self, inv: Any) -> None:
        """The customer paid: failures and grace are forgiven."""
        now = self.now()
        self.store.execute(
            "UPDATE subscription_invoices SET status = 'paid', paid_at = ? WHERE id = ?",
            (now, inv["id"]),
        )
        self.store.execute(
            "UPDATE subscriptions SET failed_attempts = 0, retry_at = NULL,"
            " grace_expires_at = NULL, updated_at = ? WHERE id = ?",
            (now, inv["subscription_id"]),
        )
        self.emit(
            "subscription.payment_succeeded",
            inv["subscription_id"],
            invoice_id=inv["invoice_id"],
            amount=money(inv["amount"]),
            paid_at=ts(now),
        )

    def fail(self, inv: Any, reason: str) -> None:
        """An invoice was not paid: count it, schedule a retry or start the grace period."""
        now = self.now()
        self.store.execute(
            "UPDATE subscription_invoices SET status = 'failed', failure_reason = ? WHERE id = ?",
            (reason, inv["id"]),
        )
        sub = self.row(inv["subscription_id"])
        if sub is None:
            return
        failures = sub["failed_attempts"] + 1
        retry_at = grace = None
        if failures < sub["max_retry_attempts"]:
            retry_at = now + sub["retry_interval_hours"] * 3600.0
        elif sub["grace_expires_at"] is None:
            grace = now + sub["grace_period_days"] * DAY
        self.store.execute(
            "UPDATE subscriptions SET failed_attempts = ?, retry_at = ?,"
            " grace_expires_at = COALESCE(grace_expires_at, ?), updated_at = ? WHERE id = ?",
            (failures, retry_at, grace, now, sub["id"]),
        )
        self.emit(
            "subscription.payment_failed",
            sub["id"],
            invoice_id=inv["invoice_id"],
            amount=money(inv["amount"]),
            reason=reason,
            attempt_number=inv["attempt_number"],
        )
        if grace is not None:
            self.emit(
                "subscription.grace_period_started",
                sub["id"],
                grace_period_days=sub["grace_period_days"],
                expires_at=ts(grace),
            )

    def tick(self) -> None:
        """Move every subscription forward to the sandbox clock's present."""
        # Paying and expiring the invoices is the invoices module's job (events above).
        now = self.now()
        for sub in self.store.query("SELECT * FROM subscriptions WHERE status = 'active'"):
            self.advance(sub, now)

    def advance(self, sub: Any, now: float) -> None:
        if self.open_invoice(sub["id"]) is not None:
            return
        grace = sub["grace_expires_at"]
        if grace is not None and grace <= now:
            self.store.execute(
                "UPDATE subscriptions SET status = 'expired', next_billing_at = NULL,"
                " retry_at = NULL, grace_expires_at = NULL, updated_at = ? WHERE id = ?",
                (now, sub["id"]),
            )
            self.emit("subscription.expired", sub["id"])
            return
        nxt = sub["next_billing_at"]
        if nxt is not None and nxt <= now:
            # A new period: bill it, schedule the next one (skipping periods the clock jumped
            # over), and let it replace any retry of the previous period.
            following = _dt(nxt)
            while following.timestamp() <= now:
                following = add_period(following, sub["billing_period"], sub["billing_day"])
            self.store.execute(
                "UPDATE subscriptions SET next_billing_at = ?, retry_at = NULL, updated_at = ?"
                " WHERE id = ?",
                (following.timestamp(), now, sub["id"]),
            )
            self.issue(sub, nxt, attempt=1)
            return
        retry = sub["retry_at"]
        if retry is not None and retry <= now:
            last = self.store.one(
                "SELECT * FROM subscription_invoices WHERE subscription_id = ?"
                " ORDER BY id DESC LIMIT 1",
                (sub["id"],),
            )
            self.store.execute(
                "UPDATE subscriptions SET retry_at = NULL, updated_at = ? WHERE id = ?",
                (now, sub["id"]),
            )
            start = (
                datetime.fromisoformat(last["period_start"]).replace(tzinfo=UTC).timestamp()
                if last is not None
                else now
            )
            self.issue(sub, start, attempt=(last["attempt_number"] + 1) if last else 1)


def install(engine: SandboxEngine) -> list[BaseRoute]:
    """Create the tables, register the billing ticker and return the routes."""
    engine.store.script(SCHEMA)
    subs = _Subscriptions(engine)

    engine.on_reset(
        lambda: engine.store.clear("subscription_invoices", "subscriptions", restart_ids=True)
    )
    engine.add_ticker(subs.tick)
    engine.on_event(subs.on_invoice)

    def missing() -> Response:
        return _error(404, "not_found", "Subscription not found")

    def sub_id(request: Request) -> int:
        return int(request.path_params["id"])

    async def create(request: Request) -> Response:
        body, error = await read_json(request)
        if error is not None or body is None:
            return error or validation_error({"body": ["Invalid body."]})
        clean, errors = _check(engine, body, create=True)
        if errors:
            return validation_error(errors)
        now = engine.clock.now()
        today = now.date()
        started: date = clean.get("started_at") or today
        bill_now = clean["bill_immediately"] or started <= today
        first = now if bill_now else datetime.combine(started, now.timetz())
        with engine.store.transaction():
            cur = engine.store.execute(
                "INSERT INTO subscriptions (phone_number, subscriber_name, external_subscriber_id,"
                " amount, cart_items, description, billing_period, billing_day, status,"
                " started_at, next_billing_at, max_retry_attempts, retry_interval_hours,"
                " grace_period_days, metadata, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    clean["phone_number"],
                    clean.get("subscriber_name"),
                    clean.get("external_subscriber_id"),
                    money(clean["amount"]),
                    json.dumps(clean["cart_items"], ensure_ascii=False)
                    if clean.get("cart_items")
                    else None,
                    clean.get("description"),
                    clean["billing_period"],
                    clean.get("billing_day"),
                    datetime.combine(started, now.timetz()).timestamp(),
                    first.timestamp(),
                    clean.get("max_retry_attempts", DEFAULTS["max_retry_attempts"]),
                    clean.get("retry_interval_hours", DEFAULTS["retry_interval_hours"]),
                    clean.get("grace_period_days", DEFAULTS["grace_period_days"]),
                    json.dumps(clean["metadata"], ensure_ascii=False)
                    if clean.get("metadata") is not None
                    else None,
                    now.timestamp(),
                    now.timestamp(),
                ),
            )
            new_id = int(cur.lastrowid or 0)
            subs.emit("subscription.created", new_id)
            if bill_now:
                subs.advance(subs.row(new_id), now.timestamp())
        return json_answer(
            {"message": "Subscription created", "subscription": subs.public(subs.row(new_id))},
            201,
        )

    async def listing(request: Request) -> Response:
        q = request.query_params
        status = q.get("status")
        if status and status not in STATUS_LABELS:
            return validation_error({"status": ["The selected status is invalid."]})
        sql = "SELECT * FROM subscriptions WHERE 1 = 1"
        params: list[Any] = []
        for name in ("status", "external_subscriber_id", "phone_number"):
            if q.get(name):
                sql += f" AND {name} = ?"
                params.append(q[name])
        rows = engine.store.query(sql + " ORDER BY created_at DESC, id DESC", params)
        page, per_page = page_params(request, 20, 100)
        return json_answer(meta_page(request, [subs.public(r) for r in rows], page, per_page))

    async def show(request: Request) -> Response:
        row = subs.row(sub_id(request))
        return missing() if row is None else json_answer(subs.detailed(row))

    async def update(request: Request) -> Response:
        row = subs.row(sub_id(request))
        if row is None:
            return missing()
        body, error = await read_json(request)
        if error is not None or body is None:
            return error or validation_error({"body": ["Invalid body."]})
        clean, errors = _check(engine, body, create=False)
        if errors:
            return validation_error(errors)
        values: dict[str, Any] = {}
        for key, value in clean.items():
            if key == "amount":
                values[key] = money(value)
            elif key in ("cart_items", "metadata"):
                values[key] = json.dumps(value, ensure_ascii=False) if value is not None else None
            else:
                values[key] = value
        if "amount" in clean and "cart_items" not in clean:
            values["cart_items"] = None  # a plain amount replaces a cart
        if values:
            sets = ", ".join(f"{k} = ?" for k in values)
            engine.store.execute(
                f"UPDATE subscriptions SET {sets}, updated_at = ? WHERE id = ?",
                (*values.values(), subs.now(), row["id"]),
            )
        return json_answer(
            {"message": "Subscription updated", "subscription": subs.public(subs.row(row["id"]))}
        )

    def status_change(
        allowed: tuple[str, ...], refusal: str, event: str, message: str
    ) -> Callable[[Callable[[Any, float], None]], Callable[[Request], Awaitable[Response]]]:
        """Make a pause/resume/cancel endpoint from the update it applies.

        The endpoint finds the subscription (404), refuses it outside ``allowed`` (400
        ``invalid_status`` with ``refusal``), applies the decorated update with the current
        sandbox time, emits ``event`` and answers ``message`` with the subscription.
        """

        def wrap(apply: Callable[[Any, float], None]) -> Callable[[Request], Awaitable[Response]]:
            async def endpoint(request: Request) -> Response:
                row = subs.row(sub_id(request))
                if row is None:
                    return missing()
                if row["status"] not in allowed:
                    return _error(400, "invalid_status", refusal)
                apply(row, subs.now())
                subs.emit(event, row["id"])
                return _action(subs, row["id"], message)

            return endpoint

        return wrap

    @status_change(
        ("active",),
        "Only an active subscription can be paused",
        "subscription.paused",
        "Subscription paused",
    )
    def pause(row: Any, now: float) -> None:
        engine.store.execute(
            "UPDATE subscriptions SET status = 'paused', paused_at = ?, updated_at = ?"
            " WHERE id = ?",
            (now, now, row["id"]),
        )

    @status_change(
        ("paused",),
        "Only a paused subscription can be resumed",
        "subscription.resumed",
        "Subscription resumed",
    )
    def resume(row: Any, now: float) -> None:
        nxt = row["next_billing_at"]
        if nxt is not None:
            # periods missed while paused are not billed: next date counted from now
            following = _dt(nxt)
            while following.timestamp() < now:
                following = add_period(following, row["billing_period"], row["billing_day"])
            nxt = following.timestamp()
        engine.store.execute(
            "UPDATE subscriptions SET status = 'active', paused_at = NULL, next_billing_at = ?,"
            " updated_at = ? WHERE id = ?",
            (nxt, now, row["id"]),
        )

    @status_change(
        ("active", "paused"),
        "Only an active or paused subscription",
        "subscription.cancelled",
        "Subscription cancelled",
    )
    def cancel(row: Any, now: float) -> None:
        with engine.store.transaction():
            engine.store.execute(
                "UPDATE subscriptions SET status = 'cancelled', cancelled_at = ?,"
                " next_billing_at = NULL, retry_at = NULL, grace_expires_at = NULL,"
                " updated_at = ? WHERE id = ?",
                (now, now, row["id"]),
            )
            engine.store.execute(
                "UPDATE subscription_invoices SET status = 'cancelled',"
                " failure_reason = 'Subscription cancelled'"
                " WHERE subscription_id = ? AND status = 'pending'",
                (row["id"],),
            )

    async def list_invoices(request: Request) -> Response:
        row = subs.row(sub_id(request))
        if row is None:
            return missing()
        rows = engine.store.query(
            "SELECT * FROM subscription_invoices WHERE subscription_id = ? ORDER BY id DESC",
            (row["id"],),
        )
        page, per_page = page_params(request, 20, 100)
        start = (page - 1) * per_page
        return json_answer(
            {
                "data": [subs.invoice_json(i) for i in rows[start : start + per_page]],
                "meta": {"current_page": page, "total": len(rows), "per_page": per_page},
            }
        )

    async def control(request: Request) -> Response:
        """``POST /_sandbox/subscriptions/{id}/pay|fail``: the customer pays or declines the
        subscription's open invoice."""
        row = subs.row(sub_id(request))
        action = request.path_params["action"]
        if row is None or action not in ("pay", "fail"):
            return missing()
        engine.tick()  # expiries up to now first, as an API request would see them
        inv = subs.open_invoice(row["id"])
        if inv is None:
            return _error(409, "no_open_invoice", "The subscription has no unpaid invoice")
        try:  # the invoice's own life cycle tells this module (invoice.status_changed)
            if action == "pay":
                invoices.pay_invoice(engine, inv["invoice_id"])
            else:
                invoices.decline_invoice(engine, inv["invoice_id"])
        except (KeyError, invoices.InvoiceStateError) as exc:
            return _error(409, "invoice_not_payable", str(exc))
        fresh = engine.store.one("SELECT * FROM subscription_invoices WHERE id = ?", (inv["id"],))
        return json_answer(
            {"invoice": subs.invoice_json(fresh), "subscription": subs.public(subs.row(row["id"]))}
        )

    return [
        Route(f"{API}/subscriptions", create, methods=["POST"]),
        Route(f"{API}/subscriptions", listing, methods=["GET"]),
        Route(f"{API}/subscriptions/{{id:int}}", show, methods=["GET"]),
        Route(f"{API}/subscriptions/{{id:int}}", update, methods=["PUT"]),
        Route(f"{API}/subscriptions/{{id:int}}/pause", pause, methods=["POST"]),
        Route(f"{API}/subscriptions/{{id:int}}/resume", resume, methods=["POST"]),
        Route(f"{API}/subscriptions/{{id:int}}/cancel", cancel, methods=["POST"]),
        Route(f"{API}/subscriptions/{{id:int}}/invoices", list_invoices, methods=["GET"]),
        Route("/_sandbox/subscriptions/{id:int}/{action:str}", control, methods=["POST"]),
    ]


def _action(subs: _Subscriptions, sub_id: int, message: str) -> Response:
    return json_answer({"message": message, "subscription": subs.public(subs.row(sub_id))})

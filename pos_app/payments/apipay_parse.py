"""Reading ApiPay answers (spec 2.0 and 2.1) into the provider-neutral models, and its errors.

Strict about what matters, tolerant of the rest:

* ``id``, ``status`` and ``amount`` of an invoice must be there (else ``ProtocolError``);
* unknown fields are ignored; an unknown status is kept in ``status_raw`` with ``state=None``;
* money strings (``"15000.00"``) and numbers (``10000``) both become ``Decimal``;
* time stamps with ``Z``, ``+00:00``, ``+05:00`` and microseconds are read;
* both paginations: 2.0 ``{data, meta{current_page, last_page, per_page, total}}`` and 2.1 flat
  ``{current_page, data, total}``;
* a fully refunded invoice is ``refunded`` (2.0) or ``paid`` + ``is_fully_refunded`` (2.1):
  :func:`~pos_app.domain.sale.map_apipay_status` trusts the amounts.

Errors: :func:`apipay_error` maps a non-2xx answer by status, then by the stable
``error_code`` (2.1 ``ErrorCode``; 2.0 often only ``error``) — never by the Russian ``message``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

import httpx

from pos_app.domain.errors import DomainError
from pos_app.domain.phone import KzPhone, parse_phone
from pos_app.domain.sale import map_apipay_status, map_refund_status
from pos_app.payments.errors import (
    AuthenticationError,
    ConflictError,
    DuplicateIdempotencyError,
    ForbiddenError,
    NotFoundError,
    PaymentError,
    ProtocolError,
    ProviderUnavailableError,
    RateLimitedError,
    ServerError,
    ValidationError,
    VerificationExpiredError,
)
from pos_app.payments.models import (
    ClientCheck,
    MoneyGroup,
    Page,
    Payment,
    PaymentItem,
    PaymentStatus,
    Refund,
    RefundLine,
    ShiftSummary,
)
from pos_app.payments.transport import parse_retry_after
from pos_app.payments.wire import (
    as_list,
    as_mapping,
    parse_datetime,
    read_bool,
    read_datetime,
    read_int,
    read_money,
    read_str,
    required_id,
    required_money,
    required_str,
)

__all__ = [
    "apipay_error",
    "parse_client_check",
    "parse_invoice",
    "parse_page",
    "parse_refund",
    "parse_status",
    "parse_summary",
]

T = TypeVar("T")

_SLUG = re.compile(r"^[a-z][a-z0-9_]*$")

# 2.0 answers name some reasons only in ``error`` as English text; normalised to the 2.1 slug.
_LEGACY_ERRORS = {
    "organization not found or not verified": "organization_required",
    "invalid api key": "invalid_api_key",
    "invoice not found": "invoice_not_found",
    "kaspi session unavailable": "kaspi_session_unavailable",
}

# 503 codes that ApiPay documents as "the invoice was NOT created".
NOT_CREATED_503 = frozenset({"kaspi_session_invalid", "invoices_disabled"})


def _phone(value: Any) -> KzPhone | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return parse_phone(value)
    except DomainError:
        return None


def _percentage(value: Any) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _item(data: Any) -> PaymentItem | None:
    if not isinstance(data, Mapping):
        return None
    price = read_money(data, "price")
    if price is None:
        return None
    return PaymentItem(
        name=read_str(data, "name") or "",
        price=price,
        count=read_int(data, "count") or 0,
        catalog_item_id=read_int(data, "catalog_item_id"),
        item_id=read_str(data, "id"),
        unit_id=read_int(data, "unit_id"),
        discount=read_money(data, "discount"),
        barcode=read_str(data, "barcode"),
    )


def parse_invoice(data: Any, *, what: str = "invoice") -> Payment:
    """An ApiPay invoice (created, QR created, full, list item; 2.0 or 2.1) as a ``Payment``.

    Raises:
        ProtocolError: ``id``, ``status`` or ``amount`` missing.
    """
    body = as_mapping(data, what)
    status_raw = required_str(body, "status", what)
    total_refunded = read_money(body, "total_refunded") or Decimal("0.00")
    fully = read_bool(body, "is_fully_refunded")
    if fully is None:
        fully = status_raw.strip().lower() == "refunded"
    items_raw = body.get("items")
    items = tuple(
        item
        for item in (_item(raw) for raw in (items_raw if isinstance(items_raw, list) else []))
        if item is not None
    )
    return Payment(
        id=required_id(body, "id", what),
        status_raw=status_raw,
        state=map_apipay_status(status_raw, is_fully_refunded=fully, total_refunded=total_refunded),
        amount=required_money(body, "amount", what),
        subtotal=read_money(body, "subtotal"),
        discount_sum=read_money(body, "discount_sum"),
        discount_percentage=_percentage(body.get("discount_percentage")),
        total_refunded=total_refunded,
        available_for_refund=read_money(body, "available_for_refund"),
        is_fully_refunded=fully,
        phone=_phone(body.get("phone_number") or body.get("phone")),
        client_name=read_str(body, "client_name"),
        description=read_str(body, "description"),
        external_order_id=read_str(body, "external_order_id"),
        kaspi_invoice_id=read_str(body, "kaspi_invoice_id"),
        # 2.1 QR invoices: qr_token_url; the seeds' phone invoices: payment_url.
        qr_url=read_str(body, "qr_token_url") or read_str(body, "payment_url"),
        qr_image_url=read_str(body, "qr_image_url"),
        qr_expires_at=read_datetime(body, "qr_expires_at"),
        created_at=read_datetime(body, "created_at"),
        paid_at=read_datetime(body, "paid_at"),
        items=items,
        error_code=read_str(body, "error_code"),
        error_message=read_str(body, "error_message"),
        is_sandbox=read_bool(body, "is_sandbox"),
        provider="apipay",
    )


def parse_status(data: Any) -> PaymentStatus:
    """One entry of ``POST /invoices/status/check``."""
    body = as_mapping(data, "invoice status")
    status_raw = required_str(body, "status", "invoice status")
    return PaymentStatus(
        id=required_id(body, "id", "invoice status"),
        status_raw=status_raw,
        state=map_apipay_status(
            status_raw,
            is_fully_refunded=bool(read_bool(body, "is_fully_refunded")),
            total_refunded=read_money(body, "total_refunded") or Decimal(0),
        ),
        amount=read_money(body, "amount"),
        kaspi_invoice_id=read_str(body, "kaspi_invoice_id"),
        error_message=read_str(body, "error_message"),
        updated_at=read_datetime(body, "updated_at"),
    )


def _refund_line(data: Any) -> RefundLine | None:
    if not isinstance(data, Mapping):
        return None
    return RefundLine(
        name=read_str(data, "name") or "",
        amount=read_money(data, "amount"),
        count=read_int(data, "count") or 0,
        price=read_money(data, "price"),
        catalog_item_id=read_int(data, "catalog_item_id"),
    )


def parse_refund(
    data: Any,
    *,
    payment_id: str | None = None,
    available_for_refund: Decimal | None = None,
) -> Refund:
    """A refund (``RefundShort``, ``Refund``, ``RefundWithInvoice``; 2.0 or 2.1)."""
    body = as_mapping(data, "refund")
    status_raw = required_str(body, "status", "refund")
    invoice = body.get("invoice")
    invoice_map: Mapping[str, Any] = invoice if isinstance(invoice, Mapping) else {}
    invoice_id = read_str(body, "invoice_id") or read_str(invoice_map, "id") or payment_id
    if invoice_id is None:
        invoice_id = required_id(body, "invoice_id", "refund")
    lines_raw = body.get("items")
    lines = tuple(
        line
        for line in (
            _refund_line(raw) for raw in (lines_raw if isinstance(lines_raw, list) else [])
        )
        if line is not None
    )
    return Refund(
        id=required_id(body, "id", "refund"),
        payment_id=invoice_id,
        amount=required_money(body, "amount", "refund"),
        status_raw=status_raw,
        state=map_refund_status(status_raw),
        reason=read_str(body, "reason"),
        provider_refund_id=read_str(body, "kaspi_refund_id"),
        error_code=read_str(body, "error_code"),
        error_message=read_str(body, "error_message"),
        created_at=read_datetime(body, "created_at"),
        completed_at=read_datetime(body, "completed_at"),
        items=lines,
        external_order_id=read_str(invoice_map, "external_order_id"),
        initiated_by=read_str(body, "initiated_by"),
        available_for_refund=available_for_refund,
    )


def parse_page(
    data: Any,
    parse_item: Callable[[Any], T],
    *,
    per_page: int | None = None,
    what: str = "page",
) -> Page[T]:
    """A page of a listing in either pagination.

    Args:
        data: The answer.
        parse_item: Reads one element of ``data``.
        per_page: The page size asked for (2.1's flat form does not echo it).
        what: Name for protocol errors.
    """
    body = as_mapping(data, what)
    items = tuple(parse_item(raw) for raw in as_list(body.get("data"), what))
    meta_raw = body.get("meta")
    source: Mapping[str, Any] = meta_raw if isinstance(meta_raw, Mapping) else body
    page = read_int(source, "current_page")
    size = read_int(source, "per_page") or per_page
    total = read_int(source, "total")
    last_page = read_int(source, "last_page")
    next_cursor = read_str(source, "next_cursor") or None
    if last_page is not None and page is not None:
        has_more = page < last_page
    elif total is not None and page is not None and size:
        has_more = (page - 1) * size + len(items) < total
    else:
        has_more = next_cursor is not None
    return Page(
        items=items,
        has_more=has_more,
        total=total,
        page=page,
        per_page=size,
        next_cursor=next_cursor,
    )


def _group(data: Any) -> MoneyGroup | None:
    if not isinstance(data, Mapping):
        return None
    amount = read_money(data, "amount")
    if amount is None:
        return None
    return MoneyGroup(count=read_int(data, "count") or 0, amount=amount)


def parse_summary(data: Any) -> ShiftSummary:
    """The ``summary`` of ``GET /invoices?with_summary=1`` (2.1)."""
    body = as_mapping(data, "summary")
    sales_raw = as_mapping(body.get("sales"), "summary.sales")
    sales = _group(sales_raw) or MoneyGroup(0, required_money(sales_raw, "amount", "sales"))
    refunds = _group(body.get("refunds")) or MoneyGroup(0, Decimal("0.00"))
    period_raw = body.get("period")
    period: Mapping[str, Any] = period_raw if isinstance(period_raw, Mapping) else {}
    return ShiftSummary(
        count=read_int(body, "count") or 0,
        sales=sales,
        refunds=refunds,
        net_amount=required_money(body, "net_amount", "summary"),
        refunded_later=read_money(sales_raw, "refunded_later"),
        cancelled=_group(body.get("cancelled")),
        expired=_group(body.get("expired")),
        pending=_group(body.get("pending")),
        period_from=parse_datetime(period.get("from")),
        period_to=parse_datetime(period.get("to")),
        period_field=read_str(period, "field"),
    )


def parse_client_check(data: Any, asked: KzPhone) -> ClientCheck:
    """The answer of ``POST /clients/check``."""
    body = as_mapping(data, "client check")
    has_kaspi = read_bool(body, "has_kaspi")
    if has_kaspi is None:
        raise ProtocolError(server_message="client check: 'has_kaspi' missing")
    return ClientCheck(
        phone=_phone(body.get("phone")) or asked,
        has_kaspi=has_kaspi,
        client_name=read_str(body, "client_name") if has_kaspi else None,
    )


def error_code_of(body: Mapping[str, Any]) -> str | None:
    """The stable reason code of an error body: ``error_code``, else a slug-like ``error``."""
    for key in ("error_code", "error"):
        value = body.get(key)
        if isinstance(value, str) and value:
            if _SLUG.match(value):
                return value
            legacy = _LEGACY_ERRORS.get(value.strip().lower())
            if legacy:
                return legacy
    return None


def apipay_error(status: int, data: Any, headers: httpx.Headers) -> PaymentError:
    """Map an ApiPay error answer to the ``PaymentError`` subclass the caller can act on."""
    body: Mapping[str, Any] = data if isinstance(data, Mapping) else {}
    code = error_code_of(body)
    server_message = read_str(body, "message") or read_str(body, "error")
    common: dict[str, Any] = {
        "error_code": code,
        "status_code": status,
        "server_message": server_message,
    }
    if status == 401:
        return AuthenticationError(**common)
    if status == 403:
        forbidden = ForbiddenError(**common)
        forbidden.expires_at = read_str(body, "expires_at")
        forbidden.reason = read_str(body, "reason")
        return forbidden
    if status == 404:
        return NotFoundError(**common)
    if status == 409:
        if code == "duplicate_idempotency_key" or "invoice_id" in body:
            return DuplicateIdempotencyError(
                read_str(body, "invoice_id"),
                read_str(body, "status"),
                status_code=status,
                server_message=server_message,
            )
        return ConflictError(**common)
    if status == 422:
        errors = body.get("errors")
        fields: dict[str, list[str]] = {}
        if isinstance(errors, Mapping):
            for key, value in errors.items():
                messages = value if isinstance(value, list) else [value]
                fields[str(key)] = [str(message) for message in messages]
        elif isinstance(body.get("field"), str):
            fields[str(body["field"])] = [server_message or ""]
        return ValidationError(fields=fields, **common)
    if status == 429:
        return RateLimitedError(parse_retry_after(headers, body), **common)
    if status == 400:
        if code in ("organization_required", "organization_not_verified"):
            return ForbiddenError(**common)
        return ConflictError(**common)
    if status == 410:
        # The only 410 of the API: GET /organizations/{id}/status after the 120 s window.
        return VerificationExpiredError(**common)
    if status in (502, 503):
        return ProviderUnavailableError(**common)
    if status >= 500:
        return ServerError(**common)
    return PaymentError(**common)

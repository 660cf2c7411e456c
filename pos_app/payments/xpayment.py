"""The xPayment provider: Kaspi QR payments from a device API key (``shared/seeds/004_*``).

It fits the same :class:`~pos_app.payments.base.PaymentProvider` interface as ApiPay; what
xPayment lacks is declared in :data:`XPAYMENT_CAPABILITIES` (no cart, no phone check, no bulk
status, no per-item refunds, cursor pages, one status per listing filter).

Words mapped (``shared/api/xpayment.md``): ``payment_id`` (UUID) → ``Payment.id``,
``merchant_order_id`` → ``external_order_id``, ``payer_phone`` (``+7…``) → ``phone``,
``comment`` → ``description``, ``completed_at`` → ``paid_at``, ``qr_token`` (from
``POST /payments/link``) → ``qr_url``, ``expire_date`` → ``qr_expires_at``. Money is a JSON
number on both sides (read as ``Decimal``, never float).

Creates follow the same decision procedure as ApiPay (see :mod:`pos_app.payments.apipay`):
the sale's ``order_id`` goes out as ``merchant_order_id`` and as ``X-Idempotency-Key``; a lost
answer is reconciled with ``GET /payments?merchant_order_id=<order_id>`` before anything is
sent again; a lost ``/payments/link`` answer is asked for again under the same
``X-Idempotency-Key`` (the same payment, now with its ``qr_token``). Refunds are asynchronous
(202, ``pending`` → ``completed``/``failed``); a completed payment's refund figures and the
PARTIALLY_REFUNDED / REFUNDED states come from its refunds (``get_payment``), since the payment
object carries none. Tested against the sandbox's xPayment side (``/xpayment/v1``).

The base URL is not in the spec: the cashier enters it in the settings.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Any, TypeVar

import httpx

from pos_app.domain.errors import DomainError
from pos_app.domain.phone import KzPhone, parse_phone
from pos_app.domain.sale import RefundState, SaleState, map_refund_status, map_xpayment_status
from pos_app.payments.base import (
    Capabilities,
    CreatePayment,
    PaymentQuery,
    RefundItemRequest,
    RefundQuery,
)
from pos_app.payments.errors import (
    AuthenticationError,
    ConflictError,
    ForbiddenError,
    NetworkError,
    NotFoundError,
    NotSupportedError,
    PaymentError,
    ProtocolError,
    ProviderUnavailableError,
    RateLimitedError,
    ServerError,
    ValidationError,
)
from pos_app.payments.models import (
    ClientCheck,
    Page,
    Payment,
    PaymentStatus,
    Refund,
    refundable_amount,
)
from pos_app.payments.ratelimit import Clock
from pos_app.payments.transport import (
    HttpTransport,
    Response,
    RetryPolicy,
    Secret,
    Timeouts,
    TransportSettings,
    parse_retry_after,
)
from pos_app.payments.wire import (
    as_list,
    as_mapping,
    read_bool,
    read_datetime,
    read_str,
    required_id,
    required_money,
    required_str,
)

__all__ = [
    "XPAYMENT_CAPABILITIES",
    "XPaymentProvider",
    "parse_payment",
    "parse_refund",
    "xpayment_error",
    "xpayment_settings",
]

log = logging.getLogger("pos_app.payments.xpayment")

T = TypeVar("T")

_STATE_FILTERS: dict[SaleState, str] = {
    SaleState.WAITING: "pending",
    SaleState.PAID: "completed",
    SaleState.CANCELLED: "cancelled",
    SaleState.FAILED: "failed",
}
_REFUND_FILTERS: dict[RefundState, str] = {
    RefundState.PENDING: "pending",
    RefundState.COMPLETED: "completed",
    RefundState.FAILED: "failed",
}

XPAYMENT_CAPABILITIES = Capabilities(
    phone_payment=True,
    qr_payment=True,
    cancel_phone=True,
    cancel_qr=True,
    client_check=False,
    cart_items=False,
    catalog=False,
    item_refunds=False,
    partial_refunds=True,
    bulk_status=False,
    async_refunds=True,
    cancel_is_async=False,
    page_numbers=False,
    status_filters=frozenset(_STATE_FILTERS),
    subscriptions=False,
    shift_summary=False,
)


def xpayment_settings(
    api_key: str | Secret,
    *,
    base_url: str,
    timeouts: Timeouts | None = None,
    rate_limit_per_minute: float = 60,
    retry: RetryPolicy | None = None,
) -> TransportSettings:
    """Transport settings of an xPayment device key (no per-endpoint limits are documented)."""
    return TransportSettings(
        base_url=base_url,
        api_key=api_key if isinstance(api_key, Secret) else Secret(api_key),
        timeouts=timeouts or Timeouts(),
        rate_limit_per_minute=rate_limit_per_minute,
        endpoint_rules=(),
        retry=retry or RetryPolicy(),
    )


def _auth_headers(key: Secret) -> dict[str, str]:
    return {"Authorization": f"Bearer {key.reveal()}"}


def _phone(value: Any) -> KzPhone | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return parse_phone(value)
    except DomainError:
        return None


def parse_payment(data: Any) -> Payment:
    """An xPayment ``paymentObject``."""
    body = as_mapping(data, "payment")
    status_raw = required_str(body, "status", "payment")
    return Payment(
        id=required_id(body, "payment_id", "payment"),
        status_raw=status_raw,
        state=map_xpayment_status(status_raw),
        amount=required_money(body, "amount", "payment"),
        phone=_phone(body.get("payer_phone")),
        description=read_str(body, "comment"),
        external_order_id=read_str(body, "merchant_order_id") or None,
        created_at=read_datetime(body, "created_at"),
        paid_at=read_datetime(body, "completed_at"),
        error_message=read_str(body, "cancel_reason") or None,
        provider="xpayment",
    )


def parse_refund(data: Any) -> Refund:
    """An xPayment ``refundObject``."""
    body = as_mapping(data, "refund")
    status_raw = required_str(body, "status", "refund")
    return Refund(
        id=required_id(body, "refund_id", "refund"),
        payment_id=required_id(body, "payment_id", "refund"),
        amount=required_money(body, "amount", "refund"),
        status_raw=status_raw,
        state=map_refund_status(status_raw),
        reason=read_str(body, "reason"),
        error_message=read_str(body, "fail_reason") or None,
        created_at=read_datetime(body, "created_at"),
        completed_at=read_datetime(body, "completed_at"),
    )


def _with_refunds(payment: Payment, refunds: Sequence[Refund]) -> Payment:
    """A completed payment with the refund figures its refunds give (see ``get_payment``)."""
    done = sum((r.amount for r in refunds if r.state is RefundState.COMPLETED), Decimal("0.00"))
    full = done >= payment.amount
    left = refundable_amount(replace(payment, total_refunded=done), refunds)
    state = SaleState.REFUNDED if full else SaleState.PARTIALLY_REFUNDED if done > 0 else None
    return replace(
        payment,
        total_refunded=done,
        available_for_refund=left,
        is_fully_refunded=full,
        state=state or payment.state,
    )


def _cursor_page(data: Any, parse: Callable[[Any], T], what: str) -> Page[T]:
    body = as_mapping(data, what)
    items = tuple(parse(raw) for raw in as_list(body.get("data"), what))
    cursor = read_str(body, "next_cursor") or None
    has_more = read_bool(body, "has_more")
    return Page(items=items, has_more=bool(has_more) and cursor is not None, next_cursor=cursor)


def xpayment_error(status: int, data: Any, headers: httpx.Headers) -> PaymentError:
    """Map an xPayment error answer (``{"error": "VALIDATION_ERROR", "message": ...}``)."""
    body: Mapping[str, Any] = data if isinstance(data, Mapping) else {}
    raw_code = read_str(body, "error")
    code = raw_code.lower() if raw_code else None
    common: dict[str, Any] = {
        "error_code": code,
        "status_code": status,
        "server_message": read_str(body, "message"),
    }
    if status == 401:
        return AuthenticationError(**common)
    if status == 403:
        return ForbiddenError(**common)
    if status == 404:
        return NotFoundError(**common)
    if status == 409:
        return ConflictError(**common)
    if status in (400, 422):
        return ValidationError(fields={}, **common)
    if status == 429:
        return RateLimitedError(parse_retry_after(headers, body), **common)
    if status in (502, 503):
        return ProviderUnavailableError(**common)
    if status >= 500:
        return ServerError(**common)
    return PaymentError(**common)


def _in_window(payment: Payment, query: PaymentQuery) -> bool:
    """Client-side date filter (the xPayment listing has none)."""
    stamp = payment.paid_at if query.date_field == "paid_at" else payment.created_at
    if stamp is None:
        return query.date_from is None and query.date_to is None
    if query.date_from is not None and stamp < _bound(query.date_from, start=True):
        return False
    return not (query.date_to is not None and stamp > _bound(query.date_to, start=False))


def _bound(value: date | datetime, *, start: bool) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    return datetime.combine(value, time.min if start else time.max, tzinfo=UTC)


class XPaymentProvider:
    """:class:`~pos_app.payments.base.PaymentProvider` over the xPayment Developer API."""

    name = "xpayment"
    capabilities = XPAYMENT_CAPABILITIES

    def __init__(
        self,
        settings: TransportSettings,
        *,
        clock: Clock | None = None,
        http_transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.transport = HttpTransport(
            settings,
            auth_headers=_auth_headers,
            error_mapper=xpayment_error,
            clock=clock,
            http_transport=http_transport,
        )

    @classmethod
    def from_key(cls, api_key: str, *, base_url: str, **options: Any) -> XPaymentProvider:
        """A provider for the device key ``api_key`` (``options`` go to
        :func:`xpayment_settings`)."""
        return cls(xpayment_settings(api_key, base_url=base_url, **options))

    def __repr__(self) -> str:
        return f"XPaymentProvider(base_url={self.transport.settings.base_url!r})"

    async def aclose(self) -> None:
        """Close the HTTP connections."""
        await self.transport.aclose()

    # --- creating ----------------------------------------------------------------------------

    async def create_phone_payment(self, req: CreatePayment) -> Payment:
        """``POST /payments`` for ``req.phone``."""
        if req.phone is None:
            raise ValidationError(fields={"payer_phone": ["required for a phone payment"]})
        body: dict[str, Any] = {
            "amount": req.cart.to_xpayment_amount(),
            "payer_phone": req.phone.e164,
            "merchant_order_id": req.order_id,
        }
        if req.description:
            body["comment"] = req.description
        return await self._create("/payments", body, req.order_id, qr_amount=None)

    async def create_qr_payment(self, req: CreatePayment) -> Payment:
        """``POST /payments/link``: the answer's ``qr_token`` is the QR to show."""
        amount = req.cart.to_xpayment_amount()
        body = {"amount": amount, "merchant_order_id": req.order_id}
        return await self._create("/payments/link", body, req.order_id, qr_amount=amount)

    async def _create(
        self, path: str, body: Mapping[str, Any], order_id: str, *, qr_amount: Decimal | None
    ) -> Payment:
        headers = {"X-Idempotency-Key": order_id}
        for attempt in (1, 2):
            try:
                answer = await self.transport.send_once("POST", path, body=body, headers=headers)
                if qr_amount is None:
                    return parse_payment(answer.data)
                return self._parse_link(answer.data, order_id, qr_amount)
            except PaymentError as error:
                lost = (isinstance(error, NetworkError) and error.request_sent) or isinstance(
                    error, ServerError | ProtocolError
                )
                if not lost:
                    raise
                try:
                    found = await self.find_by_order_id(order_id)
                except PaymentError:
                    error.outcome_unknown = True
                    raise error from None
                if found is not None:
                    if qr_amount is not None and found.state is SaleState.WAITING:
                        # The lookup has no qr_token: ask for the link again under the same
                        # X-Idempotency-Key (the server answers the same payment, never a
                        # second one), so the customer still gets a QR to scan.
                        return await self._relink(path, body, headers, order_id, found)
                    return found
                if attempt == 1 and isinstance(error, NetworkError | ServerError):
                    continue
                error.outcome_unknown = True
                raise
        raise AssertionError("unreachable")  # pragma: no cover

    async def _relink(
        self,
        path: str,
        body: Mapping[str, Any],
        headers: Mapping[str, str],
        order_id: str,
        found: Payment,
    ) -> Payment:
        """The found payment with its QR, re-read under the same idempotency key."""
        try:
            answer = await self.transport.send_once("POST", path, body=body, headers=headers)
            linked = self._parse_link(answer.data, order_id, found.amount)
        except PaymentError:
            return found  # found without a QR: the sale is known, the caller may cancel it
        if linked.id != found.id:
            return found
        return replace(found, qr_url=linked.qr_url, qr_expires_at=linked.qr_expires_at)

    @staticmethod
    def _parse_link(data: Any, order_id: str, amount: Decimal) -> Payment:
        body = as_mapping(data, "payment link")
        status_raw = required_str(body, "status", "payment link")
        return Payment(
            id=required_id(body, "payment_id", "payment link"),
            status_raw=status_raw,
            state=map_xpayment_status(status_raw),
            amount=amount,
            external_order_id=order_id,
            qr_url=required_str(body, "qr_token", "payment link"),
            qr_expires_at=read_datetime(body, "expire_date"),
            provider="xpayment",
        )

    async def find_by_order_id(self, order_id: str) -> Payment | None:
        """``GET /payments?merchant_order_id=``: the newest payment of the sale, or ``None``."""
        answer = await self.transport.request(
            "GET", "/payments", params={"merchant_order_id": order_id}
        )
        page = _cursor_page(answer.data, parse_payment, "payments")
        matches = [p for p in page.items if p.external_order_id == order_id]
        if not matches:
            return None
        return max(matches, key=lambda p: p.created_at or datetime.min.replace(tzinfo=UTC))

    # --- reading -----------------------------------------------------------------------------

    async def get_payment(self, payment_id: str) -> Payment:
        """``GET /payments/{id}``; a completed one also reads its refunds.

        xPayment's payment object carries no refund figures and stays ``completed`` when
        refunded, so ``total_refunded``, ``available_for_refund``, ``is_fully_refunded`` and the
        PARTIALLY_REFUNDED / REFUNDED state come from ``GET /payments/{id}/refunds``.
        """
        answer = await self.transport.request("GET", f"/payments/{_segment(payment_id)}")
        payment = parse_payment(answer.data)
        if payment.state is not SaleState.PAID:
            return payment
        return _with_refunds(payment, await self.list_payment_refunds(payment.id))

    async def get_statuses(self, payment_ids: Sequence[str]) -> dict[str, PaymentStatus]:
        """One ``GET /payments/{id}`` per id (no bulk call); unknown ids are absent."""
        result: dict[str, PaymentStatus] = {}
        for payment_id in dict.fromkeys(payment_ids):
            try:
                payment = await self.get_payment(payment_id)
            except NotFoundError:
                continue
            result[payment.id] = PaymentStatus(
                id=payment.id,
                status_raw=payment.status_raw,
                state=payment.state,
                amount=payment.amount,
            )
        return result

    async def list_payments(self, query: PaymentQuery) -> Page[Payment]:
        """``GET /payments`` (cursor pages; dates filtered on the page, the API has none)."""
        if len(query.states) > 1 or any(s not in _STATE_FILTERS for s in query.states):
            raise NotSupportedError()
        params: dict[str, Any] = {
            "status": _STATE_FILTERS[next(iter(query.states))] if query.states else None,
            "payer_phone": query.phone.e164 if query.phone else None,
            "merchant_order_id": query.order_id,
            "cursor": query.cursor,
        }
        answer = await self.transport.request("GET", "/payments", params=params)
        page = _cursor_page(answer.data, parse_payment, "payments")
        if query.date_from is not None or query.date_to is not None:
            page = replace(page, items=tuple(p for p in page.items if _in_window(p, query)))
        return page

    async def list_refunds(self, query: RefundQuery) -> Page[Refund]:
        """``GET /refunds``."""
        if len(query.states) > 1 or any(s not in _REFUND_FILTERS for s in query.states):
            raise NotSupportedError()
        params: dict[str, Any] = {
            "payment_id": query.payment_id,
            "status": _REFUND_FILTERS[next(iter(query.states))] if query.states else None,
            "cursor": query.cursor,
        }
        answer = await self.transport.request("GET", "/refunds", params=params)
        return _cursor_page(answer.data, parse_refund, "refunds")

    async def list_payment_refunds(self, payment_id: str) -> list[Refund]:
        """``GET /payments/{id}/refunds``."""
        answer = await self.transport.request("GET", f"/payments/{_segment(payment_id)}/refunds")
        data = answer.data
        raw = data.get("data") if isinstance(data, Mapping) else data
        return [parse_refund(item) for item in as_list(raw, "payment refunds")]

    async def check_client(self, phone: KzPhone) -> ClientCheck:
        """Not offered by xPayment."""
        raise NotSupportedError()

    # --- changing ----------------------------------------------------------------------------

    async def cancel_payment(self, payment_id: str) -> Payment:
        """``POST /payments/{id}/cancel`` (409 when it is not pending any more)."""
        answer = await self._write(
            "POST", f"/payments/{_segment(payment_id)}/cancel", body={"reason": "Cancelled"}
        )
        return parse_payment(answer.data)

    async def refund(
        self,
        payment_id: str,
        *,
        amount: Decimal | None = None,
        items: Sequence[RefundItemRequest] | None = None,
        reason: str | None = None,
    ) -> Refund:
        """``POST /payments/{id}/refund`` (202, then poll); no amount = the whole payment."""
        if items:
            raise NotSupportedError()
        if amount is None:
            # The whole rest: the amount less completed and still-pending refunds.
            payment = await self.get_payment(payment_id)
            amount = payment.available_for_refund
            if amount is None:
                amount = refundable_amount(payment, await self.list_payment_refunds(payment_id))
        body: dict[str, Any] = {"amount": amount}
        if reason:
            body["reason"] = reason
        answer = await self._write("POST", f"/payments/{_segment(payment_id)}/refund", body=body)
        return parse_refund(answer.data)

    async def _write(self, method: str, path: str, *, body: Any = None) -> Response:
        try:
            return await self.transport.send_once(method, path, body=body)
        except PaymentError as error:
            if (isinstance(error, NetworkError) and error.request_sent) or isinstance(
                error, ServerError | ProtocolError
            ):
                error.outcome_unknown = True
            raise


def _segment(payment_id: str) -> str:
    """A payment id as one path segment (UUIDs; anything with a slash cannot be one)."""
    text = payment_id.strip()
    if not text or "/" in text or "?" in text or "#" in text:
        raise ValidationError(fields={"payment_id": ["not a payment id"]})
    return text

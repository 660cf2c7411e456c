"""The ApiPay.kz provider: Kaspi Pay invoices by phone and by QR over the ApiPay REST API.

One :class:`ApiPayProvider` per ApiPay account (API key). It owns one
:class:`~pos_app.payments.transport.HttpTransport` (one ``httpx.AsyncClient``, one rate
limiter), which the ApiPay-only service objects share: ``provider.catalog``,
``provider.subscriptions``, ``provider.organizations``, ``provider.reports``
(see :mod:`pos_app.payments.apipay_services`). Close it with :meth:`ApiPayProvider.aclose`.

Reads (``GET`` and ``POST /invoices/status/check``) are retried by the transport on network
errors, 5xx and 429. Writes are sent once.

How a create decides (never sell twice, never lose a sale)
-----------------------------------------------------------

Every create (``POST /invoices``, ``POST /invoices/qr``) sends ``external_order_id`` and
``external_order_id_idempotency``, both equal to the sale's own ``order_id`` (which the services
wrote to their journal before calling). A create is **never blindly retried**. Its outcome is
decided like this:

1. **201** → the payment is returned.
2. **409 ``duplicate_idempotency_key``** with ``invoice_id`` → an invoice for this sale already
   exists (an earlier try whose answer was lost, a double click): it is fetched with
   ``GET /invoices/{invoice_id}`` and returned as the result. (ApiPay re-issues a new invoice
   for the same key by itself when the old one is expired, cancelled or in error.)
3. **A refusal that proves nothing was created** → raised as is: 4xx (401, 403, 409
   ``kaspi_session_expired``, 422, 429 …), a connect failure (``NetworkError.request_sent`` is
   false), 503 ``kaspi_session_invalid`` / ``invoices_disabled`` (documented "invoice NOT
   created").
4. **A lost answer** — a time-out or reset after the request was sent, any other 5xx, a 2xx
   that cannot be read — the invoice may exist. The client asks the server:
   :meth:`ApiPayProvider.find_by_order_id` (``GET /invoices?search=<order_id>``, matching
   ``external_order_id`` exactly, newest first).

   a. found → that invoice is the result;
   b. the look-up itself fails → the original error is raised with ``outcome_unknown=True``:
      the services keep the sale ``UNKNOWN`` and reconcile later with ``find_by_order_id``;
   c. not found, after a network error or a 500 on the *first* send → the create is sent a
      second time, with the same idempotency key (if the first one was only slow, the server
      answers 409 and step 2 applies);
   d. not found otherwise → the original error is raised with ``outcome_unknown=True``.

``find_by_order_id`` is public: the services call it at start-up for every sale left
``CREATING``/``UNKNOWN`` by a crash. Note: ApiPay 2.0's ``search`` did not cover
``external_order_id`` (2.1 does); against a 2.0 server a look-up can miss.

QR invoices cannot be cancelled (ApiPay), and their ``qr_token_url`` comes only in the create
answer: a QR invoice found by reconciliation has no ``qr_url``; the UI then offers to create a
new one after the old one ends.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import replace
from decimal import Decimal
from typing import Any

import httpx

from pos_app.domain.phone import KzPhone
from pos_app.domain.sale import RefundState, SaleState
from pos_app.payments.apipay_parse import (
    NOT_CREATED_503,
    apipay_error,
    parse_client_check,
    parse_invoice,
    parse_page,
    parse_refund,
    parse_status,
)
from pos_app.payments.base import (
    Capabilities,
    CreatePayment,
    PaymentQuery,
    RefundItemRequest,
    RefundQuery,
)
from pos_app.payments.errors import (
    DuplicateIdempotencyError,
    NetworkError,
    NotSupportedError,
    PaymentError,
    ProtocolError,
    ProviderUnavailableError,
    ServerError,
    ValidationError,
)
from pos_app.payments.models import ClientCheck, Page, Payment, PaymentStatus, Refund
from pos_app.payments.ratelimit import APIPAY_21_RULES, Clock
from pos_app.payments.transport import (
    HttpTransport,
    Response,
    RetryPolicy,
    Secret,
    Timeouts,
    TransportSettings,
)
from pos_app.payments.wire import as_list, as_mapping, format_date_bound, read_money

__all__ = [
    "APIPAY_CAPABILITIES",
    "DEFAULT_BASE_URL",
    "ApiPayProvider",
    "apipay_settings",
]

log = logging.getLogger("pos_app.payments.apipay")

DEFAULT_BASE_URL = "https://api.apipay.kz/api/v1"
STATUS_CHECK_BATCH = 100  # the documented maximum of invoice_ids per call
FIND_PAGE_SIZE = 100
FIND_MAX_PAGES = 3
QR_DESCRIPTION_MAX = 100  # Kaspi's limit on the item name in a QR receipt

# App state → ApiPay ``status[]`` filter values (2.1 enum).
_STATE_FILTERS: dict[SaleState, tuple[str, ...]] = {
    SaleState.WAITING: ("processing", "pending"),
    SaleState.CANCELLING: ("cancelling",),
    SaleState.PAID: ("paid",),
    SaleState.PARTIALLY_REFUNDED: ("partially_refunded",),
    SaleState.CANCELLED: ("cancelled",),
    SaleState.EXPIRED: ("expired",),
}
_REFUND_FILTERS: dict[RefundState, tuple[str, ...]] = {
    RefundState.PENDING: ("pending", "processing"),
    RefundState.COMPLETED: ("completed",),
    RefundState.FAILED: ("failed",),
}

APIPAY_CAPABILITIES = Capabilities(
    phone_payment=True,
    qr_payment=True,
    cancel_phone=True,
    cancel_qr=False,
    client_check=True,
    cart_items=True,
    catalog=True,
    item_refunds=True,
    partial_refunds=True,
    bulk_status=True,
    async_refunds=True,
    cancel_is_async=True,
    page_numbers=True,
    status_filters=frozenset(_STATE_FILTERS),
    subscriptions=True,
    shift_summary=True,
)


def apipay_settings(
    api_key: str | Secret,
    *,
    base_url: str = DEFAULT_BASE_URL,
    timeouts: Timeouts | None = None,
    rate_limit_per_minute: float = 60,
    rate_burst: float | None = None,
    retry: RetryPolicy | None = None,
) -> TransportSettings:
    """Transport settings of an ApiPay account with ApiPay's per-endpoint limits.

    Args:
        api_key: The account's ``X-API-Key``.
        base_url: API root (a setting; default the 2.1 production URL).
        timeouts: Per-phase time-outs (default connect 5 s, read 15 s, write 10 s, pool 5 s).
        rate_limit_per_minute: The key's global limit (default 60/min).
        rate_burst: Global bucket size.
        retry: Read retry policy (default 4 attempts, 0.5 s … 8 s back-off).
    """
    return TransportSettings(
        base_url=base_url,
        api_key=api_key if isinstance(api_key, Secret) else Secret(api_key),
        timeouts=timeouts or Timeouts(),
        rate_limit_per_minute=rate_limit_per_minute,
        rate_burst=rate_burst,
        endpoint_rules=APIPAY_21_RULES,
        retry=retry or RetryPolicy(),
    )


def _auth_headers(key: Secret) -> dict[str, str]:
    return {"X-API-Key": key.reveal()}


def _invoice_id(payment_id: str) -> int:
    """ApiPay ids are integers; anything else cannot exist there."""
    text = payment_id.strip()
    if not text.isdigit():
        raise ValidationError(fields={"id": [f"not an ApiPay invoice id: {text[:20]!r}"]})
    return int(text)


def _maybe_created(error: PaymentError) -> bool:
    """Whether a create that failed with ``error`` may nevertheless have created the invoice."""
    if isinstance(error, NetworkError):
        return error.request_sent
    if isinstance(error, ProviderUnavailableError):
        return error.error_code not in NOT_CREATED_503
    return isinstance(error, ServerError | ProtocolError)


class ApiPayProvider:
    """:class:`~pos_app.payments.base.PaymentProvider` over the ApiPay REST API.

    Args:
        settings: From :func:`apipay_settings`.
        clock: Time source of the limiter and back-off (tests).
        http_transport: An httpx transport for tests of faults the sandbox cannot produce.
    """

    name = "apipay"
    capabilities = APIPAY_CAPABILITIES

    def __init__(
        self,
        settings: TransportSettings,
        *,
        clock: Clock | None = None,
        http_transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        # Imported here: the services module builds on this one's transport.
        from pos_app.payments.apipay_services import (
            ApiPayCatalog,
            ApiPayOrganizations,
            ApiPayReports,
            ApiPaySubscriptions,
        )

        self.transport = HttpTransport(
            settings,
            auth_headers=_auth_headers,
            error_mapper=apipay_error,
            clock=clock,
            http_transport=http_transport,
        )
        self.catalog = ApiPayCatalog(self.transport)
        self.subscriptions = ApiPaySubscriptions(self.transport)
        self.organizations = ApiPayOrganizations(self.transport)
        self.reports = ApiPayReports(self.transport)

    @classmethod
    def from_key(
        cls, api_key: str, *, base_url: str = DEFAULT_BASE_URL, **options: Any
    ) -> ApiPayProvider:
        """A provider for ``api_key`` with default settings (``options`` go to
        :func:`apipay_settings`)."""
        return cls(apipay_settings(api_key, base_url=base_url, **options))

    def __repr__(self) -> str:
        return f"ApiPayProvider(base_url={self.transport.settings.base_url!r})"

    async def aclose(self) -> None:
        """Close the HTTP connections."""
        await self.transport.aclose()

    async def __aenter__(self) -> ApiPayProvider:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    # --- creating ----------------------------------------------------------------------------

    async def create_phone_payment(self, req: CreatePayment) -> Payment:
        """``POST /invoices`` for ``req.phone`` (see the module docstring for lost answers)."""
        if req.phone is None:
            raise ValidationError(fields={"phone_number": ["required for a phone payment"]})
        body: dict[str, Any] = {"phone_number": req.phone.apipay, **req.cart.to_apipay_request()}
        if req.description:
            body["description"] = req.description
        return await self._create("/invoices", body, req.order_id)

    async def create_qr_payment(self, req: CreatePayment) -> Payment:
        """``POST /invoices/qr``: the result carries ``qr_url``, ``qr_image_url``,
        ``qr_expires_at``."""
        body: dict[str, Any] = dict(req.cart.to_apipay_request())
        if req.description:
            body["description"] = req.description[:QR_DESCRIPTION_MAX]
        return await self._create("/invoices/qr", body, req.order_id)

    async def _create(self, path: str, body: Mapping[str, Any], order_id: str) -> Payment:
        payload = {
            **body,
            "external_order_id": order_id,
            "external_order_id_idempotency": order_id,
        }
        for attempt in (1, 2):
            try:
                answer = await self.transport.send_once("POST", path, body=payload)
                created = parse_invoice(answer.data, what="created invoice")
                if created.external_order_id is None:
                    # 2.1's create answer does not echo it; it is ours, so fill it in.
                    created = replace(created, external_order_id=order_id)
                return created
            except DuplicateIdempotencyError as duplicate:
                return await self._existing(duplicate, order_id)
            except PaymentError as error:
                if not _maybe_created(error):
                    raise
                log.warning(
                    "create %s for order %s: answer lost (%s), reconciling",
                    path,
                    order_id,
                    type(error).__name__,
                )
                try:
                    found = await self.find_by_order_id(order_id)
                except PaymentError:
                    error.outcome_unknown = True
                    raise error from None
                if found is not None:
                    log.info("order %s: reconciled to invoice %s", order_id, found.id)
                    return found
                if attempt == 1 and isinstance(error, NetworkError | ServerError):
                    log.info("order %s: no invoice found, sending the create again", order_id)
                    continue
                error.outcome_unknown = True
                raise
        raise AssertionError("unreachable")  # pragma: no cover

    async def _existing(self, duplicate: DuplicateIdempotencyError, order_id: str) -> Payment:
        """The invoice a 409 ``duplicate_idempotency_key`` points at."""
        if duplicate.invoice_id:
            log.info("order %s: already has invoice %s", order_id, duplicate.invoice_id)
            return await self.get_payment(duplicate.invoice_id)
        found = await self.find_by_order_id(order_id)
        if found is None:
            raise duplicate
        return found

    async def find_by_order_id(self, order_id: str) -> Payment | None:
        """The newest invoice whose ``external_order_id`` is exactly ``order_id``, or ``None``."""
        matches: list[Payment] = []
        for page in range(1, FIND_MAX_PAGES + 1):
            answer = await self.transport.request(
                "GET",
                "/invoices",
                params={
                    "search": order_id,
                    "per_page": FIND_PAGE_SIZE,
                    "page": page,
                    "sort_by": "created_at",
                    "sort_order": "desc",
                },
            )
            listing = parse_page(
                answer.data, parse_invoice, per_page=FIND_PAGE_SIZE, what="invoice list"
            )
            matches.extend(p for p in listing.items if p.external_order_id == order_id)
            if not listing.has_more:
                break
        if not matches:
            return None
        return max(matches, key=_newest_key)

    # --- reading -----------------------------------------------------------------------------

    async def get_payment(self, payment_id: str) -> Payment:
        """``GET /invoices/{id}``."""
        answer = await self.transport.request("GET", f"/invoices/{_invoice_id(payment_id)}")
        return parse_invoice(answer.data)

    async def get_statuses(self, payment_ids: Sequence[str]) -> dict[str, PaymentStatus]:
        """``POST /invoices/status/check`` in batches of 100; unknown ids are absent."""
        ids = [int(pid) for pid in dict.fromkeys(p.strip() for p in payment_ids) if pid.isdigit()]
        result: dict[str, PaymentStatus] = {}
        for start in range(0, len(ids), STATUS_CHECK_BATCH):
            batch = ids[start : start + STATUS_CHECK_BATCH]
            answer = await self.transport.request(
                "POST", "/invoices/status/check", body={"invoice_ids": batch}, read=True
            )
            body = as_mapping(answer.data, "status check")
            for raw in as_list(body.get("invoices"), "status check"):
                status = parse_status(raw)
                result[status.id] = status
        return result

    async def list_payments(self, query: PaymentQuery) -> Page[Payment]:
        """``GET /invoices`` with filters; 2.0 and 2.1 pagination."""
        statuses: list[str] = []
        for state in sorted(query.states):
            if state not in _STATE_FILTERS:
                raise NotSupportedError(params={"state": state.value})
            statuses.extend(_STATE_FILTERS[state])
        search = query.order_id or (query.phone.apipay if query.phone else None) or query.search
        params: dict[str, Any] = {
            "search": search,
            "status[]": statuses,
            "date_from": format_date_bound(query.date_from) if query.date_from else None,
            "date_to": format_date_bound(query.date_to) if query.date_to else None,
            "date_field": query.date_field if query.date_field != "created_at" else None,
            "sort_by": query.sort_by,
            "sort_order": "desc" if query.descending else "asc",
            "page": query.page,
            "per_page": query.per_page,
        }
        answer = await self.transport.request("GET", "/invoices", params=params)
        page = parse_page(answer.data, parse_invoice, per_page=query.per_page, what="invoices")
        if query.order_id is not None:
            # search is a substring match; the order id filter is exact.
            kept = tuple(p for p in page.items if p.external_order_id == query.order_id)
            page = Page(kept, page.has_more, page.total, page.page, page.per_page, None)
        return page

    async def list_refunds(self, query: RefundQuery) -> Page[Refund]:
        """``GET /refunds`` with filters."""
        statuses: list[str] = []
        for state in sorted(query.states):
            if state not in _REFUND_FILTERS:
                raise NotSupportedError(params={"state": state.value})
            statuses.extend(_REFUND_FILTERS[state])
        params: dict[str, Any] = {
            "status[]": statuses,
            "invoice_id": _invoice_id(query.payment_id) if query.payment_id else None,
            "date_from": format_date_bound(query.date_from) if query.date_from else None,
            "date_to": format_date_bound(query.date_to) if query.date_to else None,
            "page": query.page,
            "per_page": query.per_page,
        }
        answer = await self.transport.request("GET", "/refunds", params=params)
        return parse_page(answer.data, parse_refund, per_page=query.per_page, what="refunds")

    async def list_payment_refunds(self, payment_id: str) -> list[Refund]:
        """``GET /invoices/{id}/refunds``."""
        answer = await self.transport.request("GET", f"/invoices/{_invoice_id(payment_id)}/refunds")
        body = as_mapping(answer.data, "invoice refunds")
        return [
            parse_refund(raw, payment_id=payment_id)
            for raw in as_list(body.get("refunds"), "invoice refunds")
        ]

    async def check_client(self, phone: KzPhone) -> ClientCheck:
        """``POST /clients/check``: whether ``phone`` has Kaspi, and the masked name."""
        answer = await self.transport.send_once(
            "POST", "/clients/check", body={"phone": phone.apipay}
        )
        return parse_client_check(answer.data, phone)

    # --- changing ----------------------------------------------------------------------------

    async def cancel_payment(self, payment_id: str) -> Payment:
        """``POST /invoices/{id}/cancel``.

        The sandbox cancels at once (200); production answers 202 and the invoice is
        ``cancelling`` (state ``CANCELLING``) until Kaspi confirms: keep polling it.
        """
        invoice_id = _invoice_id(payment_id)
        answer = await self._write("POST", f"/invoices/{invoice_id}/cancel")
        body = answer.data if isinstance(answer.data, Mapping) else {}
        invoice = body.get("invoice")
        if isinstance(invoice, Mapping) and "amount" in invoice:
            try:
                return parse_invoice(invoice)
            except ProtocolError:
                pass  # 2.0 sends only {id, status}: read the full invoice below
        return await self.get_payment(str(invoice_id))

    async def refund(
        self,
        payment_id: str,
        *,
        amount: Decimal | None = None,
        items: Sequence[RefundItemRequest] | None = None,
        reason: str | None = None,
    ) -> Refund:
        """``POST /invoices/{id}/refund``: all (neither), ``amount``, or ``items``.

        The refund is queued (``pending``); poll :meth:`list_payment_refunds`. Not retried: on
        a lost answer the error has ``outcome_unknown`` and the refunds of the payment say.
        """
        if amount is not None and items:
            raise ValidationError(fields={"amount": ["give either an amount or items"]})
        body: dict[str, Any] = {}
        if amount is not None:
            body["amount"] = amount
        if items:
            body["return_items"] = [
                {"catalog_item_id": item.catalog_item_id, "count": item.count}
                if item.count is not None
                else {"catalog_item_id": item.catalog_item_id, "amount": item.amount}
                for item in items
            ]
        if reason:
            body["reason"] = reason
        answer = await self._write("POST", f"/invoices/{_invoice_id(payment_id)}/refund", body=body)
        data = as_mapping(answer.data, "refund answer")
        invoice = data.get("invoice")
        available = (
            read_money(invoice, "available_for_refund") if isinstance(invoice, Mapping) else None
        )
        return parse_refund(
            data.get("refund"), payment_id=payment_id, available_for_refund=available
        )

    async def _write(self, method: str, path: str, *, body: Any = None) -> Response:
        """A non-create write: sent once; a lost answer is flagged ``outcome_unknown``."""
        try:
            return await self.transport.send_once(method, path, body=body)
        except PaymentError as error:
            if _maybe_created(error):
                error.outcome_unknown = True
            raise


def _newest_key(payment: Payment) -> tuple[float, int]:
    stamp = payment.created_at.timestamp() if payment.created_at else 0.0
    return (stamp, int(payment.id) if payment.id.isdigit() else 0)

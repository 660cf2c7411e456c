"""The provider-neutral interface the services and the UI call, whatever the provider.

A provider is an object satisfying :class:`PaymentProvider` (``ApiPayProvider``,
``XPaymentProvider``). What differs between providers is declared in :class:`Capabilities`
rather than discovered by catching errors: the UI hides a "Cancel" button for a QR payment when
``cancel_qr`` is false, the checkout skips the phone check without ``client_check``, and so on.
Calling an operation a provider lacks raises
:class:`~pos_app.payments.errors.NotSupportedError`.

Requests are plain frozen dataclasses (:class:`CreatePayment`, :class:`PaymentQuery`,
:class:`RefundQuery`, :class:`RefundItemRequest`) written in the app's words (``SaleState``,
``KzPhone``, ``Cart``); each provider translates them to its wire format.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Literal, Protocol, runtime_checkable

from pos_app.domain.cart import Cart
from pos_app.domain.phone import KzPhone
from pos_app.domain.sale import RefundState, SaleState
from pos_app.payments.models import ClientCheck, Page, Payment, PaymentStatus, Refund

__all__ = [
    "Capabilities",
    "CreatePayment",
    "PaymentProvider",
    "PaymentQuery",
    "RefundItemRequest",
    "RefundQuery",
]


@dataclass(frozen=True)
class Capabilities:
    """What a provider can do; the UI and services branch on these, never on its name.

    Attributes:
        phone_payment: Send a payment request to the customer's phone.
        qr_payment: Show a QR code at the counter.
        cancel_phone: Cancel a waiting phone payment.
        cancel_qr: Cancel a waiting QR payment (ApiPay: no).
        client_check: Check that a phone has Kaspi before creating a payment.
        cart_items: Send the cart's catalog lines (the provider keeps the items).
        catalog: The provider keeps a catalog (``ApiPayCatalog``).
        item_refunds: Refund per item.
        partial_refunds: Refund a part of the amount.
        bulk_status: One call returns the statuses of many payments.
        async_refunds: Refunds are queued and must be polled to ``completed``/``failed``.
        cancel_is_async: A cancel may answer "cancelling" before it is final.
        page_numbers: Listings are numbered pages with totals (else cursors).
        status_filters: The app states a listing can be filtered by.
        subscriptions: Recurring payments (``ApiPaySubscriptions``).
        shift_summary: The provider computes a shift's totals (``ApiPayReports``).
    """

    phone_payment: bool = True
    qr_payment: bool = True
    cancel_phone: bool = True
    cancel_qr: bool = False
    client_check: bool = False
    cart_items: bool = False
    catalog: bool = False
    item_refunds: bool = False
    partial_refunds: bool = True
    bulk_status: bool = False
    async_refunds: bool = True
    cancel_is_async: bool = False
    page_numbers: bool = False
    status_filters: frozenset[SaleState] = frozenset()
    subscriptions: bool = False
    shift_summary: bool = False


@dataclass(frozen=True)
class CreatePayment:
    """A request to create a payment for one sale.

    Attributes:
        order_id: The sale's own id, written to the journal *before* sending. It is sent as the
            provider's order reference and idempotency key, so a repeated create never charges
            twice and a lost answer can be found again (``find_by_order_id``).
        cart: The amount (and the catalog lines, where the provider takes them) come from here.
        phone: The payer, required for a phone payment.
        description: Shown to the payer (Kaspi shows the first 60 characters).
    """

    order_id: str
    cart: Cart
    phone: KzPhone | None = None
    description: str | None = None


@dataclass(frozen=True)
class RefundItemRequest:
    """One item to refund: exactly one of ``count`` (whole pieces) or ``amount``."""

    catalog_item_id: int
    count: int | None = None
    amount: Decimal | None = None

    def __post_init__(self) -> None:
        if (self.count is None) == (self.amount is None):
            raise ValueError("give exactly one of count or amount")
        if self.count is not None and self.count < 1:
            raise ValueError("count must be at least 1")


DateBound = date | datetime


@dataclass(frozen=True)
class PaymentQuery:
    """Filters for a listing of payments.

    Attributes:
        search: Free text (ApiPay searches description, phone and order id).
        states: Only payments in these app states (see ``Capabilities.status_filters``).
        order_id: Only the payment(s) of this sale.
        phone: Only payments of this payer.
        date_from: Start of the window, inclusive. A bare ``date`` is the shop's whole calendar
            day (Asia/Almaty); a naive ``datetime`` is shop time; an aware one is taken as is.
        date_to: End of the window, inclusive (same rules; a bare date runs to 23:59:59).
        date_field: Cut the window by creation or by payment time (shift reports use paid_at).
        sort_by: ``created_at``, ``paid_at``, ``amount``, ``id``, ``status``, ``client_name``.
        descending: Newest first.
        page: 1-based page number (page-numbered providers).
        per_page: Page size (ApiPay: 1–100).
        cursor: Opaque cursor from the previous page (cursor-based providers).
    """

    search: str | None = None
    states: frozenset[SaleState] = field(default_factory=frozenset)
    order_id: str | None = None
    phone: KzPhone | None = None
    date_from: DateBound | None = None
    date_to: DateBound | None = None
    date_field: Literal["created_at", "paid_at"] = "created_at"
    sort_by: str = "created_at"
    descending: bool = True
    page: int = 1
    per_page: int = 20
    cursor: str | None = None


@dataclass(frozen=True)
class RefundQuery:
    """Filters for a listing of refunds (same date rules as :class:`PaymentQuery`)."""

    payment_id: str | None = None
    states: frozenset[RefundState] = field(default_factory=frozenset)
    date_from: DateBound | None = None
    date_to: DateBound | None = None
    page: int = 1
    per_page: int = 20
    cursor: str | None = None


@runtime_checkable
class PaymentProvider(Protocol):
    """What the services call, whatever the provider (one object per provider account)."""

    name: str
    capabilities: Capabilities

    async def create_phone_payment(self, req: CreatePayment) -> Payment:
        """Create a payment the customer confirms on their phone (``req.phone`` required)."""
        ...

    async def create_qr_payment(self, req: CreatePayment) -> Payment:
        """Create a payment the customer pays by scanning a QR code (``Payment.qr_url``)."""
        ...

    async def get_payment(self, payment_id: str) -> Payment:
        """The payment as the provider sees it now."""
        ...

    async def get_statuses(self, payment_ids: Sequence[str]) -> dict[str, PaymentStatus]:
        """The statuses of many payments (unknown ids are simply absent from the answer)."""
        ...

    async def cancel_payment(self, payment_id: str) -> Payment:
        """Cancel a waiting payment; the answer may still be ``CANCELLING``."""
        ...

    async def refund(
        self,
        payment_id: str,
        *,
        amount: Decimal | None = None,
        items: Sequence[RefundItemRequest] | None = None,
        reason: str | None = None,
    ) -> Refund:
        """Refund all (no amount, no items), an amount, or items of a paid payment."""
        ...

    async def list_payments(self, query: PaymentQuery) -> Page[Payment]:
        """One page of payments matching ``query``."""
        ...

    async def list_refunds(self, query: RefundQuery) -> Page[Refund]:
        """One page of refunds matching ``query``."""
        ...

    async def list_payment_refunds(self, payment_id: str) -> list[Refund]:
        """All refunds of one payment."""
        ...

    async def check_client(self, phone: KzPhone) -> ClientCheck:
        """Whether ``phone`` has Kaspi (``NotSupportedError`` without ``client_check``)."""
        ...

    async def find_by_order_id(self, order_id: str) -> Payment | None:
        """The newest payment created for the sale ``order_id``, or ``None``."""
        ...

    async def aclose(self) -> None:
        """Close the connections (call before the event loop ends)."""
        ...

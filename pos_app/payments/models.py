"""Provider-neutral models of payments, refunds and pages of them.

One model for both providers (see ``shared/api/xpayment.md``'s mapping table): ids are ``str``
(ApiPay integers, xPayment UUIDs), money is ``Decimal`` with 2 places, time stamps are aware
``datetime``. ``status_raw`` is always the provider's word; ``state`` is the app's
:class:`~pos_app.domain.sale.SaleState` or ``None`` for a status the app does not know (it is
kept, shown raw, and polled on — never guessed).

Fields a provider does not have are ``None`` (xPayment has no cart, ApiPay phone invoices no QR).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal
from typing import Generic, TypeVar

from pos_app.domain.phone import KzPhone
from pos_app.domain.sale import RefundState, SaleState

__all__ = [
    "ClientCheck",
    "MoneyGroup",
    "Page",
    "Payment",
    "PaymentItem",
    "PaymentStatus",
    "Refund",
    "RefundLine",
    "ShiftSummary",
]

T = TypeVar("T")


@dataclass(frozen=True)
class PaymentItem:
    """One line of a payment's cart as the provider recorded it (a snapshot)."""

    name: str
    price: Decimal
    count: int
    catalog_item_id: int | None = None
    item_id: str | None = None
    unit_id: int | None = None
    discount: Decimal | None = None
    barcode: str | None = None


@dataclass(frozen=True)
class Payment:
    """A payment (ApiPay invoice, xPayment payment) as the provider sees it now.

    ``amount`` is what the customer pays (after discount); ``subtotal``/``discount_sum`` are set
    only for carts with a discount. ``total_refunded``/``available_for_refund`` are the
    provider's figures when it gives them (ApiPay's ``GET /invoices/{id}`` has no
    ``available_for_refund``: :func:`refundable_amount` is the one rule for it). ``qr_url`` is
    the text to encode in a QR code for the customer (ApiPay ``qr_token_url``, xPayment
    ``qr_token``), ``qr_image_url`` a ready PNG.
    """

    id: str
    status_raw: str
    state: SaleState | None
    amount: Decimal
    subtotal: Decimal | None = None
    discount_sum: Decimal | None = None
    discount_percentage: Decimal | None = None
    total_refunded: Decimal = Decimal("0.00")
    available_for_refund: Decimal | None = None
    is_fully_refunded: bool = False
    phone: KzPhone | None = None
    client_name: str | None = None
    description: str | None = None
    external_order_id: str | None = None
    kaspi_invoice_id: str | None = None
    qr_url: str | None = None
    qr_image_url: str | None = None
    qr_expires_at: datetime | None = None
    created_at: datetime | None = None
    paid_at: datetime | None = None
    items: tuple[PaymentItem, ...] = ()
    error_code: str | None = None
    error_message: str | None = None
    is_sandbox: bool | None = None
    provider: str = ""


@dataclass(frozen=True)
class PaymentStatus:
    """The light status of a payment from a bulk check (no cart, no refund figures)."""

    id: str
    status_raw: str
    state: SaleState | None
    amount: Decimal | None = None
    kaspi_invoice_id: str | None = None
    error_message: str | None = None
    updated_at: datetime | None = None


@dataclass(frozen=True)
class RefundLine:
    """One returned item of a refund."""

    name: str
    amount: Decimal | None
    count: int
    price: Decimal | None = None
    catalog_item_id: int | None = None


@dataclass(frozen=True)
class Refund:
    """A refund: queued (``pending``/``processing``), then ``completed`` or ``failed``."""

    id: str
    payment_id: str
    amount: Decimal
    status_raw: str
    state: RefundState | None
    reason: str | None = None
    provider_refund_id: str | None = None
    error_code: str | None = None
    error_message: str | None = None
    created_at: datetime | None = None
    completed_at: datetime | None = None
    items: tuple[RefundLine, ...] = ()
    external_order_id: str | None = None
    initiated_by: str | None = None
    #: After an ApiPay refund request: what is still refundable on the payment.
    available_for_refund: Decimal | None = None


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a listing.

    ``total``/``page``/``per_page`` are set for page-numbered providers (ApiPay), ``next_cursor``
    for cursor-based ones (xPayment). ``has_more`` is always right.
    """

    items: tuple[T, ...]
    has_more: bool
    total: int | None = None
    page: int | None = None
    per_page: int | None = None
    next_cursor: str | None = None


@dataclass(frozen=True)
class ClientCheck:
    """Whether a phone number has Kaspi, with the masked name Kaspi shows (``"Иван И."``)."""

    phone: KzPhone
    has_kaspi: bool
    client_name: str | None = None


@dataclass(frozen=True)
class MoneyGroup:
    """A count of operations and their sum."""

    count: int
    amount: Decimal


@dataclass(frozen=True)
class ShiftSummary:
    """Totals of a time window as the provider computes them (ApiPay ``summary``).

    ``net_amount`` = ``sales.amount`` − ``refunds.amount`` (refunds *made in the window*, even of
    older sales); it can be negative.
    """

    count: int
    sales: MoneyGroup
    refunds: MoneyGroup
    net_amount: Decimal
    refunded_later: Decimal | None = None
    cancelled: MoneyGroup | None = None
    expired: MoneyGroup | None = None
    pending: MoneyGroup | None = None
    period_from: datetime | None = None
    period_to: datetime | None = None
    period_field: str | None = None


#: Refund states whose money is already spoken for (queued, or sent with the answer lost).
_REFUND_IN_FLIGHT = frozenset({RefundState.PENDING, RefundState.UNKNOWN})


def refundable_amount(payment: Payment, refunds: Iterable[Refund] = ()) -> Decimal:
    """What can still be refunded on ``payment``: THE rule, for the refund service and history.

    The provider's ``available_for_refund`` when the payment carries it; otherwise
    ``amount − total_refunded − refunds still queued`` (never below zero). ``refunds`` are
    the payment's refunds as ``list_payment_refunds`` gives them; completed ones are already
    in ``total_refunded`` and failed ones gave nothing back.

    Args:
        payment: The payment as last read.
        refunds: Its refunds (only queued/unknown ones lower the result).

    Returns:
        The amount, ``Decimal`` with 2 places.
    """
    if payment.available_for_refund is not None:
        return payment.available_for_refund
    queued = sum(
        (r.amount for r in refunds if r.state in _REFUND_IN_FLIGHT),
        Decimal("0.00"),
    )
    return max(Decimal("0.00"), payment.amount - payment.total_refunded - queued)


def with_refundable_amount(payment: Payment, refunds: Iterable[Refund] = ()) -> Payment:
    """``payment`` with ``available_for_refund`` filled by :func:`refundable_amount`."""
    if payment.available_for_refund is not None:
        return payment
    return replace(payment, available_for_refund=refundable_amount(payment, refunds))

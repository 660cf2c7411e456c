"""What a receipt says, independent of how it is drawn (no Qt here)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from typing import Literal

from pos_app.domain.cart import Cart
from pos_app.domain.money import round_money
from pos_app.payments.models import Payment, Refund

__all__ = ["SHOP_TZ", "Receipt", "ReceiptLine", "qr_text", "refund_receipt", "sale_receipt"]

ReceiptKind = Literal["sale", "refund"]

#: Receipts print shop time: Asia/Almaty, UTC+5 all year since 2024-03-01 (no DST).
SHOP_TZ = timezone(timedelta(hours=5), "Asia/Almaty")


@dataclass(frozen=True)
class ReceiptLine:
    """One printed line: name, quantity, unit price and line total."""

    name: str
    quantity: int
    price: Decimal
    total: Decimal


@dataclass(frozen=True)
class Receipt:
    """Everything printed on a receipt.

    Attributes:
        kind: ``sale`` or ``refund``.
        shop_name: The shop (settings, else the provider's demo name).
        register_name: The till.
        cashier_name: Who sold (or refunded).
        when: Time of the payment (or of the refund).
        lines: The items (a free-amount sale has one line).
        subtotal: Sum of the lines.
        discount: The discount taken off (0 when none).
        total: What was paid (sale) or what goes back (refund).
        method: ``qr`` or ``phone``.
        invoice_id: The provider's invoice number.
        kaspi_invoice_id: Kaspi's own number, when known.
        order_id: The local sale id.
        customer: The masked name / phone of the payer.
        reason: Why the refund (refund receipts).
        qr: Text encoded in the QR code (identifies the invoice).
    """

    kind: ReceiptKind
    shop_name: str
    register_name: str
    cashier_name: str
    when: datetime | None
    lines: tuple[ReceiptLine, ...]
    subtotal: Decimal
    discount: Decimal
    total: Decimal
    method: str
    invoice_id: str
    kaspi_invoice_id: str | None = None
    order_id: str | None = None
    customer: str = ""
    reason: str | None = None
    qr: str = ""


def qr_text(provider: str, invoice_id: str) -> str:
    """What the receipt's QR code says: the provider and invoice number (scan to look it up)."""
    return f"POS-INVOICE:{provider or 'apipay'}:{invoice_id}"


def _customer(payment: Payment) -> str:
    parts = [p for p in (payment.client_name, payment.phone.masked if payment.phone else None) if p]
    return " · ".join(parts)


def _lines_of(payment: Payment, cart: Cart | None) -> tuple[ReceiptLine, ...]:
    if payment.items:
        return tuple(
            ReceiptLine(i.name, i.count, i.price, round_money(i.price * i.count))
            for i in payment.items
        )
    if cart is not None and cart.lines:
        return tuple(
            ReceiptLine(line.name, line.quantity, line.effective_price, line.line_total)
            for line in cart.lines
        )
    return (ReceiptLine(payment.description or "—", 1, payment.amount, payment.amount),)


def sale_receipt(
    payment: Payment,
    *,
    shop_name: str,
    register_name: str = "",
    cashier_name: str = "",
    cart: Cart | None = None,
    method: str | None = None,
) -> Receipt:
    """The receipt of a paid sale.

    Args:
        payment: The payment as the provider has it.
        shop_name: The shop's name.
        register_name: The till.
        cashier_name: The cashier.
        cart: The journaled cart, for lines when the provider keeps none.
        method: ``qr``/``phone``; guessed from the payment when omitted.
    """
    lines = _lines_of(payment, cart)
    subtotal = (
        payment.subtotal
        if payment.subtotal is not None
        else sum((line.total for line in lines), Decimal("0.00"))
    )
    discount = payment.discount_sum or Decimal("0.00")
    if payment.subtotal is None and subtotal != payment.amount and not discount:
        discount = max(Decimal("0.00"), subtotal - payment.amount)
    return Receipt(
        kind="sale",
        shop_name=shop_name,
        register_name=register_name,
        cashier_name=cashier_name,
        when=payment.paid_at or payment.created_at,
        lines=lines,
        subtotal=subtotal,
        discount=discount,
        total=payment.amount,
        method=method or ("phone" if payment.phone is not None else "qr"),
        invoice_id=payment.id,
        kaspi_invoice_id=payment.kaspi_invoice_id,
        order_id=payment.external_order_id,
        customer=_customer(payment),
        qr=qr_text(payment.provider, payment.id),
    )


def refund_receipt(
    payment: Payment,
    refund: Refund,
    *,
    shop_name: str,
    register_name: str = "",
    cashier_name: str = "",
    method: str | None = None,
) -> Receipt:
    """The receipt of a refund: the returned items (or the amount) and what went back."""
    lines: Sequence[ReceiptLine]
    if refund.items:
        lines = tuple(
            ReceiptLine(
                line.name,
                line.count,
                line.price if line.price is not None else (line.amount or Decimal("0.00")),
                line.amount if line.amount is not None else Decimal("0.00"),
            )
            for line in refund.items
        )
    else:
        lines = (ReceiptLine(payment.description or "—", 1, refund.amount, refund.amount),)
    subtotal = sum((line.total for line in lines), Decimal("0.00"))
    return Receipt(
        kind="refund",
        shop_name=shop_name,
        register_name=register_name,
        cashier_name=cashier_name,
        when=refund.completed_at or refund.created_at,
        lines=tuple(lines),
        subtotal=subtotal,
        discount=max(Decimal("0.00"), subtotal - refund.amount),
        total=refund.amount,
        method=method or ("phone" if payment.phone is not None else "qr"),
        invoice_id=payment.id,
        kaspi_invoice_id=payment.kaspi_invoice_id,
        order_id=payment.external_order_id,
        customer=_customer(payment),
        reason=refund.reason,
        qr=qr_text(payment.provider, payment.id),
    )

"""Shift totals: the arithmetic of the end-of-shift report, from the sales of the shift.

Each sale counts once, by its state:

* **sales** — PAID, PARTIALLY_REFUNDED, REFUNDED: ``sales_amount`` is the sum of what was paid
  (refunded sales included: the money came in first);
* **refunds** — ``refunds_amount`` is the sum of ``total_refunded`` of those sales, and
  ``refunds_count`` how many of them had any refund;
* ``net_amount = sales_amount − refunds_amount`` (ApiPay's ``summary.net_amount``);
* **cancelled**, **expired**, **failed** — counted with their amounts, not money taken;
* **pending** — CREATING, UNKNOWN, WAITING, CANCELLING: still open, may yet be paid;
* a sale whose status the app does not know (``state is None``) is counted in ``unknown_count``
  so the report shows that something needs a look; DRAFT sales are not sales yet and are skipped.

Amounts go through :func:`~pos_app.domain.money.round_money`; nothing is clamped, so a
provider's odd numbers show up in the report rather than being hidden.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from pos_app.domain.money import round_money
from pos_app.domain.sale import SaleState

__all__ = ["ShiftEntry", "ShiftTotals", "compute_shift_totals"]

_ZERO = Decimal("0.00")
_SOLD = frozenset({SaleState.PAID, SaleState.PARTIALLY_REFUNDED, SaleState.REFUNDED})
_PENDING = frozenset(
    {SaleState.CREATING, SaleState.UNKNOWN, SaleState.WAITING, SaleState.CANCELLING}
)


class ShiftEntry(NamedTuple):
    """One sale of the shift: its state (``None`` if unknown), amount and refunded sum."""

    state: SaleState | None
    amount: Decimal
    total_refunded: Decimal = _ZERO


@dataclass(frozen=True)
class ShiftTotals:
    """The figures of an end-of-shift report (see the module docstring for each rule)."""

    sales_count: int = 0
    sales_amount: Decimal = _ZERO
    refunds_count: int = 0
    refunds_amount: Decimal = _ZERO
    net_amount: Decimal = _ZERO
    cancelled_count: int = 0
    cancelled_amount: Decimal = _ZERO
    expired_count: int = 0
    expired_amount: Decimal = _ZERO
    failed_count: int = 0
    failed_amount: Decimal = _ZERO
    pending_count: int = 0
    pending_amount: Decimal = _ZERO
    unknown_count: int = 0


def compute_shift_totals(
    entries: Iterable[ShiftEntry | tuple[SaleState | None, Decimal, Decimal]],
) -> ShiftTotals:
    """Add up the sales of a shift.

    Args:
        entries: ``(state, amount, total_refunded)`` per sale.

    Returns:
        The totals.
    """
    counts = {"sales": 0, "refunds": 0, "cancelled": 0, "expired": 0, "failed": 0, "pending": 0}
    sums = {key: _ZERO for key in counts}
    unknown = 0
    ended = {
        SaleState.CANCELLED: "cancelled",
        SaleState.EXPIRED: "expired",
        SaleState.FAILED: "failed",
    }
    for state, raw_amount, raw_refunded in entries:
        amount = round_money(raw_amount)
        if state is None:
            unknown += 1
            continue
        if state in _SOLD:
            counts["sales"] += 1
            sums["sales"] += amount
            refunded = round_money(raw_refunded)
            if refunded > 0:
                counts["refunds"] += 1
                sums["refunds"] += refunded
        elif state in ended:
            counts[ended[state]] += 1
            sums[ended[state]] += amount
        elif state in _PENDING:
            counts["pending"] += 1
            sums["pending"] += amount
    return ShiftTotals(
        sales_count=counts["sales"],
        sales_amount=sums["sales"],
        refunds_count=counts["refunds"],
        refunds_amount=sums["refunds"],
        net_amount=sums["sales"] - sums["refunds"],
        cancelled_count=counts["cancelled"],
        cancelled_amount=sums["cancelled"],
        expired_count=counts["expired"],
        expired_amount=sums["expired"],
        failed_count=counts["failed"],
        failed_amount=sums["failed"],
        pending_count=counts["pending"],
        pending_amount=sums["pending"],
        unknown_count=unknown,
    )

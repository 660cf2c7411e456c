"""Shift totals: what the end-of-shift report adds up."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from pos_app.domain.sale import SaleState
from pos_app.domain.shift import ShiftEntry, ShiftTotals, compute_shift_totals

D = Decimal
S = SaleState


def test_empty_shift() -> None:
    assert compute_shift_totals([]) == ShiftTotals()


def test_a_day_at_the_coffee_shop() -> None:
    totals = compute_shift_totals(
        [
            ShiftEntry(S.PAID, D("1500.00")),
            ShiftEntry(S.PAID, D("3000.00"), D("0")),
            ShiftEntry(S.PARTIALLY_REFUNDED, D("2000.00"), D("500.00")),
            ShiftEntry(S.REFUNDED, D("700.00"), D("700.00")),
            ShiftEntry(S.CANCELLED, D("900.00"), D("0")),
            ShiftEntry(S.EXPIRED, D("100.00"), D("0")),
            ShiftEntry(S.FAILED, D("50.00"), D("0")),
            ShiftEntry(S.WAITING, D("450.50"), D("0")),
            ShiftEntry(S.UNKNOWN, D("200.00"), D("0")),
            ShiftEntry(None, D("300.00"), D("0")),
            ShiftEntry(S.DRAFT, D("999.00"), D("0")),
            (S.PAID, D("10"), D("0")),  # a plain tuple is fine too
        ]
    )
    assert totals.sales_count == 5
    assert totals.sales_amount == D("7210.00")
    assert totals.refunds_count == 2
    assert totals.refunds_amount == D("1200.00")
    assert totals.net_amount == D("6010.00")
    assert (totals.cancelled_count, totals.cancelled_amount) == (1, D("900.00"))
    assert (totals.expired_count, totals.expired_amount) == (1, D("100.00"))
    assert (totals.failed_count, totals.failed_amount) == (1, D("50.00"))
    assert (totals.pending_count, totals.pending_amount) == (2, D("650.50"))
    assert totals.unknown_count == 1


entries = st.lists(
    st.builds(
        ShiftEntry,
        st.one_of(st.none(), st.sampled_from(list(SaleState))),
        st.decimals(min_value=D("0.01"), max_value=D("1000000"), places=2),
        st.decimals(min_value=D("0"), max_value=D("1000000"), places=2),
    ),
    max_size=40,
)


@settings(deadline=None)
@given(sales=entries)
def test_every_sale_counts_once_and_net_adds_up(sales: list[ShiftEntry]) -> None:
    totals = compute_shift_totals(sales)
    counted = (
        totals.sales_count
        + totals.cancelled_count
        + totals.expired_count
        + totals.failed_count
        + totals.pending_count
        + totals.unknown_count
    )
    assert counted == sum(1 for e in sales if e.state is not SaleState.DRAFT)
    assert totals.net_amount == totals.sales_amount - totals.refunds_amount
    assert totals.refunds_count <= totals.sales_count

"""The shift / day report: the provider's totals, compared with this till's journal.

:class:`ReportService.build` returns a :class:`ShiftReport` for a window (shop time):

* **Takings** (by payment time, ``date_field=paid_at`` as the terminal assigns sales to
  shifts): sales count and amount, refunds *completed in the window* (even of older sales),
  net = sales − refunds. With ``Capabilities.shift_summary`` these are the provider's own
  ``with_summary=1`` figures; otherwise they are added up here from the listing.
* **Not paid** (by creation time: a cancelled invoice has no payment time): cancelled,
  expired and still pending invoices created in the window.
* **Sales per hour** of the day (0–23, shop time), from the paid invoices of the window.
* **Compared with the journal**: this till's journaled sales against what the provider says
  about the same order ids. Each disagreement is a :class:`ReportDifference` (the journal says
  paid but the provider does not, the provider says paid but the journal still waits, a sale
  journaled but never created …); paid invoices that are not in this journal (another till,
  the dashboard) are summed apart, not counted as differences.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from pos_app.domain.sale import SaleState
from pos_app.domain.shift import ShiftEntry, compute_shift_totals
from pos_app.journal.sales import SaleRecord, SalesJournal
from pos_app.payments.base import PaymentProvider, PaymentQuery, RefundQuery
from pos_app.payments.models import MoneyGroup, Payment, ShiftSummary
from pos_app.services.history import ALMATY

__all__ = [
    "HourBucket",
    "ReportDifference",
    "ReportService",
    "ShiftReport",
]

log = logging.getLogger("pos_app.services.report")

_ZERO = Decimal("0.00")
_SOLD = frozenset({SaleState.PAID, SaleState.PARTIALLY_REFUNDED, SaleState.REFUNDED})
_OPEN = frozenset({SaleState.CREATING, SaleState.UNKNOWN, SaleState.WAITING, SaleState.CANCELLING})
_PAGE = 100
_MAX_PAGES = 50


@dataclass(frozen=True)
class HourBucket:
    """Sales paid in one hour of the day (shop time)."""

    hour: int
    count: int
    amount: Decimal


@dataclass(frozen=True)
class ReportDifference:
    """One sale where the journal and the provider disagree.

    Attributes:
        code: ``journal_paid_provider_not`` (the journal says paid, the provider does not),
            ``provider_paid_journal_not`` (paid at the provider, the journal still shows
            another state), ``missing_at_provider`` (journaled with a payment id the provider
            does not list), ``never_created`` (failed or unknown before reaching the provider).
        sale_id: The local sale.
        payment_id: The provider's payment, if any.
        local_state: The journal's state.
        provider_state: The provider's state (``None``: not there / unknown).
        amount: The sale's amount.
    """

    code: str
    sale_id: str
    payment_id: str | None
    local_state: SaleState | None
    provider_state: SaleState | None
    amount: Decimal


@dataclass(frozen=True)
class ShiftReport:
    """The figures of one window (see the module docstring)."""

    start: datetime
    end: datetime
    sales: MoneyGroup
    refunds: MoneyGroup
    net_amount: Decimal
    cancelled: MoneyGroup
    expired: MoneyGroup
    pending: MoneyGroup
    hourly: tuple[HourBucket, ...]
    journal_sales: MoneyGroup
    other_sources: MoneyGroup
    differences: tuple[ReportDifference, ...]
    from_provider_summary: bool
    generated_at: datetime


def _group(count: int, amount: Decimal) -> MoneyGroup:
    return MoneyGroup(count=count, amount=amount)


class ReportService:
    """Builds :class:`ShiftReport` objects.

    Args:
        provider: The shop's payment provider.
        sales: The sales journal (``None``: no comparison).
        reports: ApiPay's reports object (``provider.reports``) when the provider has
            ``shift_summary``; found on the provider when omitted.
        clock: The current time (tests).
    """

    def __init__(
        self,
        provider: PaymentProvider,
        sales: SalesJournal | None = None,
        *,
        reports: Any = None,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.provider = provider
        self.sales = sales
        self.reports = reports if reports is not None else getattr(provider, "reports", None)
        self._clock = clock

    async def _all(self, query: PaymentQuery) -> list[Payment]:
        payments: list[Payment] = []
        page = 1
        while page <= _MAX_PAGES:
            listing = await self.provider.list_payments(
                PaymentQuery(
                    date_from=query.date_from,
                    date_to=query.date_to,
                    date_field=query.date_field,
                    sort_by="id",
                    descending=False,
                    page=page,
                    per_page=_PAGE,
                )
            )
            payments.extend(listing.items)
            if not listing.has_more:
                break
            page += 1
        return payments

    async def _summary(self, start: datetime, end: datetime, field: str) -> ShiftSummary | None:
        if not self.provider.capabilities.shift_summary or self.reports is None:
            return None
        summary: ShiftSummary = await self.reports.shift_summary(start, end, date_field=field)
        return summary

    async def _refunds_in_window(self, start: datetime, end: datetime) -> MoneyGroup:
        """Completed refunds of the window, added up here (providers without a summary)."""
        count, amount, page = 0, _ZERO, 1
        while page <= _MAX_PAGES:
            listing = await self.provider.list_refunds(
                RefundQuery(date_from=start, date_to=end, page=page, per_page=_PAGE)
            )
            for refund in listing.items:
                done = refund.completed_at or refund.created_at
                if refund.status_raw == "completed" and done is not None and start <= done <= end:
                    count += 1
                    amount += refund.amount
            if not listing.has_more:
                break
            page += 1
        return _group(count, amount)

    async def build(self, start: datetime, end: datetime) -> ShiftReport:
        """The report of ``start``–``end`` (aware datetimes, both inclusive).

        Raises:
            pos_app.payments.errors.PaymentError: The provider could not be read.
        """
        paid = await self._all(PaymentQuery(date_from=start, date_to=end, date_field="paid_at"))
        created = await self._all(
            PaymentQuery(date_from=start, date_to=end, date_field="created_at")
        )
        by_paid = await self._summary(start, end, "paid_at")
        if by_paid is not None:
            sales, refunds, net = by_paid.sales, by_paid.refunds, by_paid.net_amount
        else:
            sold = [p for p in paid if p.state in _SOLD]
            sales = _group(len(sold), sum((p.amount for p in sold), _ZERO))
            refunds = await self._refunds_in_window(start, end)
            net = sales.amount - refunds.amount
        totals = compute_shift_totals(
            ShiftEntry(p.state, p.amount, p.total_refunded) for p in created
        )
        cancelled = _group(totals.cancelled_count, totals.cancelled_amount)
        expired = _group(totals.expired_count, totals.expired_amount)
        pending = _group(totals.pending_count, totals.pending_amount)

        hours: dict[int, tuple[int, Decimal]] = {h: (0, _ZERO) for h in range(24)}
        for payment in paid:
            if payment.state not in _SOLD or payment.paid_at is None:
                continue
            hour = payment.paid_at.astimezone(ALMATY).hour
            count, amount = hours[hour]
            hours[hour] = (count + 1, amount + payment.amount)
        hourly = tuple(HourBucket(h, c, a) for h, (c, a) in sorted(hours.items()))

        journal_sales, other, differences = self._compare(start, end, paid, created)
        return ShiftReport(
            start=start,
            end=end,
            sales=sales,
            refunds=refunds,
            net_amount=net,
            cancelled=cancelled,
            expired=expired,
            pending=pending,
            hourly=hourly,
            journal_sales=journal_sales,
            other_sources=other,
            differences=differences,
            from_provider_summary=by_paid is not None,
            generated_at=self._clock() if self._clock else datetime.now(UTC),
        )

    def _journal_sales(self, start: datetime, end: datetime) -> list[SaleRecord]:
        if self.sales is None:
            return []
        # Sales journaled from a day before the window: a sale started late yesterday may be
        # paid in this window. Precision comes from the provider's times below.
        since = (start.astimezone(UTC).replace(tzinfo=None)).isoformat()
        ids = [
            r[0]
            for r in self.sales.connection.execute(
                "SELECT sale_id FROM sales WHERE created_at >= date(?, '-1 day') "
                "ORDER BY created_at",
                (since,),
            )
        ]
        records = [self.sales.find(i) for i in ids]
        return [r for r in records if r is not None and r.created_at <= end]

    def _compare(
        self,
        start: datetime,
        end: datetime,
        paid: list[Payment],
        created: list[Payment],
    ) -> tuple[MoneyGroup, MoneyGroup, tuple[ReportDifference, ...]]:
        journal = {s.sale_id: s for s in self._journal_sales(start, end)}
        provider_by_order: dict[str, Payment] = {}
        for payment in (*created, *paid):
            if payment.external_order_id:
                provider_by_order[payment.external_order_id] = payment
        paid_in_window = {p.id for p in paid if p.state in _SOLD}

        def in_window(when: datetime | None) -> bool:
            return when is not None and start <= when <= end

        differences: list[ReportDifference] = []
        journal_count, journal_amount = 0, _ZERO
        other_count, other_amount = 0, _ZERO
        for payment in paid:
            if payment.state not in _SOLD:
                continue
            sale = journal.get(payment.external_order_id or "")
            if sale is None:
                other_count += 1
                other_amount += payment.amount
                continue
            if sale.state not in _SOLD:
                differences.append(
                    ReportDifference(
                        "provider_paid_journal_not",
                        sale.sale_id,
                        payment.id,
                        sale.state,
                        payment.state,
                        payment.amount,
                    )
                )
        for sale in journal.values():
            found = provider_by_order.get(sale.sale_id)
            local_paid_here = sale.state in _SOLD and in_window(sale.final_at or sale.updated_at)
            if local_paid_here:
                journal_count += 1
                journal_amount += sale.amount
            if found is None:
                if sale.payment_id is None and in_window(sale.created_at):
                    if sale.state in _OPEN or sale.state == SaleState.FAILED:
                        differences.append(
                            ReportDifference(
                                "never_created", sale.sale_id, None, sale.state, None, sale.amount
                            )
                        )
                elif local_paid_here:
                    differences.append(
                        ReportDifference(
                            "missing_at_provider",
                            sale.sale_id,
                            sale.payment_id,
                            sale.state,
                            None,
                            sale.amount,
                        )
                    )
                continue
            if local_paid_here and found.id not in paid_in_window and found.state not in _SOLD:
                differences.append(
                    ReportDifference(
                        "journal_paid_provider_not",
                        sale.sale_id,
                        found.id,
                        sale.state,
                        found.state,
                        sale.amount,
                    )
                )
        return (
            _group(journal_count, journal_amount),
            _group(other_count, other_amount),
            tuple(differences),
        )

"""Sales history: the provider's payments joined with the local journal, page by page.

:class:`HistoryService` turns a :class:`HistoryFilter` (date preset in shop time, states,
search, sort) into provider queries and joins each payment with the sale this till journaled
for it (by ``external_order_id`` = the local sale id): register, cashier, local id. Sales that
never reached the provider (failed or unknown creates, parked carts) come from the journal
alone and are listed first.

Search: the provider searches description, phone and order id. An amount is not among them,
so a search that reads as an amount ("1500", "1 500,50") also scans the window sorted by
amount (at most :data:`AMOUNT_SCAN_PAGES` pages) and keeps the exact matches; those rows come
first, the text matches follow.

Times: the shop's zone is Asia/Almaty, UTC+5 all year since 2024-03-01 (no daylight saving),
so a fixed offset is exact and needs no tz database in the frozen build.
"""

from __future__ import annotations

import csv
import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta, timezone
from decimal import Decimal
from enum import StrEnum
from pathlib import Path

from pos_app.domain.cart import Cart
from pos_app.domain.errors import MoneyError
from pos_app.domain.money import parse_amount
from pos_app.domain.sale import SaleState
from pos_app.journal.carts import CartJournal, ParkedCart
from pos_app.journal.refunds import RefundJournal, RefundRecord
from pos_app.journal.sales import SaleEvent, SaleRecord, SalesJournal
from pos_app.payments.base import PaymentProvider, PaymentQuery, RefundQuery
from pos_app.payments.models import Page, Payment, Refund, with_refundable_amount

__all__ = [
    "ALMATY",
    "AMOUNT_SCAN_PAGES",
    "CSV_COLUMNS",
    "DatePreset",
    "HistoryFilter",
    "HistoryPage",
    "HistoryRow",
    "HistoryService",
    "RowKind",
    "SaleDetail",
    "TimelineEntry",
    "date_window",
    "write_csv",
]

log = logging.getLogger("pos_app.services.history")

#: The shop's zone (see the module docstring for why a fixed offset).
ALMATY = timezone(timedelta(hours=5), "Asia/Almaty")
#: Pages of 100 scanned for an amount search.
AMOUNT_SCAN_PAGES = 5
_SCAN_PAGE = 100


class DatePreset(StrEnum):
    """The date windows the history offers."""

    TODAY = "today"
    YESTERDAY = "yesterday"
    SHIFT = "shift"
    WEEK = "week"
    CUSTOM = "custom"
    ALL = "all"


class RowKind(StrEnum):
    """Where a history row comes from."""

    PAYMENT = "payment"  # the provider has it (and perhaps the journal too)
    LOCAL = "local"  # only the journal: the create never reached the provider
    PARKED = "parked"  # a parked cart: not sent at all


@dataclass(frozen=True)
class HistoryFilter:
    """What the history shows.

    Attributes:
        preset: The date window.
        date_from: First day of a ``CUSTOM`` window (shop time).
        date_to: Last day of a ``CUSTOM`` window, inclusive.
        states: Only these states (empty = all).
        search: Phone, order id, description or amount.
        sort_by: ``created_at``, ``paid_at``, ``amount``, ``status``, ``id``.
        descending: Newest (largest) first.
    """

    preset: DatePreset = DatePreset.TODAY
    date_from: date | None = None
    date_to: date | None = None
    states: frozenset[SaleState] = field(default_factory=frozenset)
    search: str = ""
    sort_by: str = "created_at"
    descending: bool = True


def date_window(
    preset: DatePreset,
    now: datetime,
    *,
    shift_start_hour: int = 0,
    date_from: date | None = None,
    date_to: date | None = None,
) -> tuple[datetime | None, datetime | None]:
    """The window of a preset as aware datetimes in shop time (both ends inclusive).

    Args:
        preset: Which window.
        now: The current time (aware).
        shift_start_hour: When a shift (a working day) starts, 0–23: "this shift" runs from
            the last such hour to now.
        date_from: First day of a custom window.
        date_to: Last day of a custom window.

    Returns:
        ``(start, end)``; ``(None, None)`` for ``ALL``.
    """
    local = now.astimezone(ALMATY)
    today = local.date()

    def start(day: date) -> datetime:
        return datetime.combine(day, time(0, 0), ALMATY)

    def end(day: date) -> datetime:
        return datetime.combine(day, time(23, 59, 59), ALMATY)

    if preset == DatePreset.TODAY:
        return start(today), end(today)
    if preset == DatePreset.YESTERDAY:
        yesterday = today - timedelta(days=1)
        return start(yesterday), end(yesterday)
    if preset == DatePreset.SHIFT:
        begin = datetime.combine(today, time(shift_start_hour % 24), ALMATY)
        if begin > local:
            begin -= timedelta(days=1)
        # A shift is a working day that starts at shift_start_hour (a night shop's may start
        # yesterday evening): from that hour, for 24 hours.
        return begin, begin + timedelta(days=1, seconds=-1)
    if preset == DatePreset.WEEK:
        return start(today - timedelta(days=6)), end(today)
    if preset == DatePreset.CUSTOM:
        first = date_from or today
        last = date_to or first
        if last < first:
            first, last = last, first
        return start(first), end(last)
    return None, None


@dataclass(frozen=True)
class HistoryRow:
    """One line of the history: a payment, a journal-only sale or a parked cart.

    ``key`` is stable across reloads (what the table model keeps as the row id).
    """

    key: str
    kind: RowKind
    payment: Payment | None = None
    sale: SaleRecord | None = None
    parked: ParkedCart | None = None

    @property
    def state(self) -> SaleState | None:
        """The provider's state when it has the payment, else the journal's."""
        if self.payment is not None:
            return self.payment.state
        if self.sale is not None:
            return self.sale.state
        return None

    @property
    def status_raw(self) -> str:
        """The provider's word (or the journal's state, or ``parked``)."""
        if self.payment is not None:
            return self.payment.status_raw
        if self.sale is not None:
            return self.sale.status_raw or self.sale.state.value
        return "parked"

    @property
    def amount(self) -> Decimal:
        """What the customer pays (or would)."""
        if self.payment is not None:
            return self.payment.amount
        if self.sale is not None:
            return self.sale.amount
        assert self.parked is not None
        return self.parked.total

    @property
    def total_refunded(self) -> Decimal:
        """Money already sent back."""
        return self.payment.total_refunded if self.payment is not None else Decimal("0.00")

    @property
    def created_at(self) -> datetime | None:
        """When the sale was started."""
        if self.payment is not None and self.payment.created_at is not None:
            return self.payment.created_at
        if self.sale is not None:
            return self.sale.created_at
        return self.parked.parked_at if self.parked is not None else None

    @property
    def paid_at(self) -> datetime | None:
        """When it was paid."""
        return self.payment.paid_at if self.payment is not None else None

    @property
    def payment_id(self) -> str:
        """The provider's id, or ``""``."""
        return self.payment.id if self.payment is not None else ""

    @property
    def sale_id(self) -> str:
        """The local sale id (the order id), or ``""``."""
        if self.sale is not None:
            return self.sale.sale_id
        if self.payment is not None and self.payment.external_order_id:
            return self.payment.external_order_id
        return ""

    @property
    def phone_masked(self) -> str:
        """The payer's number, masked (never the full number on screen lists or files)."""
        phone = self.payment.phone if self.payment is not None else None
        if phone is None and self.sale is not None:
            phone = self.sale.phone
        return phone.masked if phone is not None else ""

    @property
    def client_name(self) -> str:
        """The payer's masked name as Kaspi gives it."""
        return (self.payment.client_name or "") if self.payment is not None else ""

    @property
    def description(self) -> str:
        """The description (or the parked cart's label)."""
        if self.payment is not None and self.payment.description:
            return self.payment.description
        if self.sale is not None and self.sale.description:
            return self.sale.description
        return self.parked.label if self.parked is not None else ""

    @property
    def register_name(self) -> str:
        """The till that sold it (journal), ``""`` when sold elsewhere."""
        return self.sale.register_name if self.sale is not None else ""

    @property
    def cashier_name(self) -> str:
        """Who sold it (journal)."""
        return self.sale.cashier_name if self.sale is not None else ""

    @property
    def method(self) -> str:
        """``phone``/``qr`` as journaled, else guessed from the payment."""
        if self.sale is not None:
            return self.sale.method
        if self.payment is not None:
            return "qr" if self.payment.phone is None else "phone"
        return ""


@dataclass(frozen=True)
class HistoryPage:
    """Rows of one load and whether more can be fetched."""

    rows: tuple[HistoryRow, ...]
    has_more: bool
    next_page: int = 1
    total: int | None = None


@dataclass(frozen=True)
class TimelineEntry:
    """One step of a sale's life for the detail pane."""

    at: datetime
    what: str  # an English key: "created", "paid", a state value, "refund <state>", …
    source: str  # "journal" or "provider"
    note: str = ""


@dataclass(frozen=True)
class SaleDetail:
    """Everything the detail pane shows about one row."""

    row: HistoryRow
    refunds: tuple[Refund, ...] = ()
    local_refunds: tuple[RefundRecord, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    cart: Cart | None = None


def _amount_query(text: str) -> Decimal | None:
    """The amount a search text stands for, if it reads as one (not as a phone number)."""
    stripped = text.strip()
    if not stripped or not re.fullmatch(r"[\d\s\u00a0\u202f.,]+(₸|тг|kzt)?", stripped, re.I):
        return None
    digits = re.sub(r"\D", "", stripped)
    if len(digits) >= 10:  # a phone number, not an amount
        return None
    cleaned = re.sub(r"(₸|тг|kzt)$", "", stripped, flags=re.I).strip()
    try:
        return parse_amount(cleaned)
    except MoneyError:
        return None


def _matches_text(row: HistoryRow, needle: str) -> bool:
    needle = needle.casefold()
    digits = re.sub(r"\D", "", needle)
    texts = [row.description, row.sale_id, row.payment_id, row.status_raw]
    if row.sale is not None and row.sale.phone is not None:
        texts.append(row.sale.phone.apipay)
    if any(needle in t.casefold() for t in texts if t):
        return True
    return (
        bool(digits)
        and row.sale is not None
        and row.sale.phone is not None
        and (digits in row.sale.phone.apipay or digits in row.sale.phone.national)
    )


class HistoryService:
    """Pages of history rows for a filter, details of a row, CSV export.

    Args:
        provider: The shop's payment provider.
        sales: The sales journal (``None``: provider only).
        refunds: The refund journal (``None``: provider only).
        carts: The cart journal, for parked carts (``None``: none shown).
        shift_start_hour: When the shop's shift starts (for ``DatePreset.SHIFT``).
        per_page: Rows per provider page.
        clock: The current time (tests).
    """

    def __init__(
        self,
        provider: PaymentProvider,
        sales: SalesJournal | None = None,
        refunds: RefundJournal | None = None,
        carts: CartJournal | None = None,
        *,
        shift_start_hour: int = 0,
        per_page: int = 50,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.provider = provider
        self.sales = sales
        self.refunds = refunds
        self.carts = carts
        self.shift_start_hour = shift_start_hour
        self.per_page = per_page
        self._clock = clock

    def now(self) -> datetime:
        """The current time (aware)."""
        return self._clock() if self._clock is not None else datetime.now(UTC)

    def window(self, flt: HistoryFilter) -> tuple[datetime | None, datetime | None]:
        """The filter's date window (shop time)."""
        return date_window(
            flt.preset,
            self.now(),
            shift_start_hour=self.shift_start_hour,
            date_from=flt.date_from,
            date_to=flt.date_to,
        )

    def _query(self, flt: HistoryFilter, page: int, *, search: str | None) -> PaymentQuery:
        lo, hi = self.window(flt)
        states = flt.states & self.provider.capabilities.status_filters
        return PaymentQuery(
            search=search or None,
            states=frozenset(states),
            date_from=lo,
            date_to=hi,
            sort_by=flt.sort_by,
            descending=flt.descending,
            page=page,
            per_page=self.per_page,
        )

    def _provider_states(self, flt: HistoryFilter) -> bool:
        """Whether the provider can be asked for the filter's states at all."""
        if not flt.states:
            return True
        return bool(flt.states & self.provider.capabilities.status_filters)

    def _join(self, payment: Payment) -> HistoryRow:
        sale = None
        if self.sales is not None and payment.external_order_id:
            sale = self.sales.find(payment.external_order_id)
        return HistoryRow(key="p:" + payment.id, kind=RowKind.PAYMENT, payment=payment, sale=sale)

    def _keep(self, flt: HistoryFilter, row: HistoryRow) -> bool:
        # The provider filters by its status words; REFUNDED (2.1: "paid" + fully refunded)
        # and the like are told apart here, on the mapped state.
        return not flt.states or row.state in flt.states

    # --- loading -------------------------------------------------------------------------

    async def first_page(self, flt: HistoryFilter) -> HistoryPage:
        """The journal-only rows of the window, then the provider's first page.

        Raises:
            pos_app.payments.errors.PaymentError: The provider could not be read.
        """
        local = self.local_rows(flt)
        amount = _amount_query(flt.search)
        if amount is not None:
            rows = await self._amount_rows(flt, amount)
            # The same digits may also be part of an order id or a description.
            text = await self._provider_page(flt, 1) if len(flt.search.strip()) >= 3 else None
            seen = {r.key for r in rows}
            extra = [r for r in (text.rows if text else ()) if r.key not in seen]
            return HistoryPage(tuple(local + rows + extra), False)
        page = await self._provider_page(flt, 1)
        return HistoryPage(tuple(local) + page.rows, page.has_more, page.next_page, page.total)

    async def next_page(self, flt: HistoryFilter, page: int) -> HistoryPage:
        """Provider page ``page`` (≥ 2) of the filter."""
        return await self._provider_page(flt, page)

    async def _provider_page(self, flt: HistoryFilter, page: int) -> HistoryPage:
        if not self._provider_states(flt):
            return HistoryPage((), False)
        listing: Page[Payment] = await self.provider.list_payments(
            self._query(flt, page, search=flt.search.strip())
        )
        rows = tuple(r for r in (self._join(p) for p in listing.items) if self._keep(flt, r))
        return HistoryPage(rows, listing.has_more, page + 1, listing.total)

    async def _amount_rows(self, flt: HistoryFilter, amount: Decimal) -> list[HistoryRow]:
        if not self._provider_states(flt):
            return []
        found: list[HistoryRow] = []
        scan = replace(flt, sort_by="amount", descending=False, search="")
        for number in range(1, AMOUNT_SCAN_PAGES + 1):
            query = replace(self._query(scan, number, search=None), per_page=_SCAN_PAGE)
            listing = await self.provider.list_payments(query)
            for payment in listing.items:
                if payment.amount == amount:
                    row = self._join(payment)
                    if self._keep(flt, row):
                        found.append(row)
            last = listing.items[-1].amount if listing.items else None
            if not listing.has_more or (last is not None and last > amount):
                break
        return found

    async def all_rows(self, flt: HistoryFilter, *, max_pages: int = 50) -> list[HistoryRow]:
        """Every row of the filter (for CSV export and reports), up to ``max_pages`` pages."""
        first = await self.first_page(flt)
        rows = list(first.rows)
        has_more, page = first.has_more, first.next_page
        while has_more and page <= max_pages:
            more = await self.next_page(flt, page)
            rows.extend(more.rows)
            has_more, page = more.has_more, more.next_page
        return rows

    def local_rows(self, flt: HistoryFilter) -> list[HistoryRow]:
        """Journal sales that never reached the provider, and parked carts, in the window."""
        lo, hi = self.window(flt)

        def inside(when: datetime | None) -> bool:
            if when is None:
                return False
            return (lo is None or when >= lo) and (hi is None or when <= hi)

        rows: list[HistoryRow] = []
        if self.sales is not None:
            conn = self.sales.connection
            ids = [
                r[0]
                for r in conn.execute(
                    "SELECT sale_id FROM sales WHERE payment_id IS NULL "
                    "ORDER BY created_at DESC LIMIT 500"
                )
            ]
            for sale_id in ids:
                sale = self.sales.find(sale_id)
                if sale is None or not inside(sale.created_at):
                    continue
                rows.append(HistoryRow(key="s:" + sale_id, kind=RowKind.LOCAL, sale=sale))
        if self.carts is not None and not flt.states:
            for parked in self.carts.list_parked():
                if inside(parked.parked_at):
                    rows.append(
                        HistoryRow(key=f"k:{parked.parked_id}", kind=RowKind.PARKED, parked=parked)
                    )
        kept = []
        amount = _amount_query(flt.search)
        for row in rows:
            if flt.states and row.state not in flt.states:
                continue
            if flt.search.strip():
                if amount is not None and row.amount == amount:
                    kept.append(row)
                    continue
                if not _matches_text(row, flt.search.strip()):
                    continue
            kept.append(row)
        return kept

    # --- detail --------------------------------------------------------------------------

    async def detail(self, row: HistoryRow) -> SaleDetail:
        """The row with the payment read fresh, its refunds and its timeline.

        Raises:
            pos_app.payments.errors.PaymentError: The provider could not be read.
        """
        payment = row.payment
        refunds: tuple[Refund, ...] = ()
        if payment is not None:
            payment = await self.provider.get_payment(payment.id)
            refunds = tuple(await self.provider.list_payment_refunds(payment.id))
            # ApiPay's single read has no available_for_refund: fill it by the one rule.
            payment = with_refundable_amount(payment, refunds)
            row = replace(row, payment=payment)
        local_refunds: tuple[RefundRecord, ...] = ()
        if self.refunds is not None and payment is not None:
            local_refunds = tuple(self.refunds.of_payment(payment.id))
        events: list[SaleEvent] = (
            self.sales.events(row.sale.sale_id)
            if self.sales is not None and row.sale is not None
            else []
        )
        timeline: list[TimelineEntry] = [
            TimelineEntry(e.at, e.new_state.value, "journal", e.note) for e in events
        ]
        if payment is not None:
            if payment.created_at is not None:
                timeline.append(TimelineEntry(payment.created_at, "created", "provider"))
            if payment.paid_at is not None:
                timeline.append(TimelineEntry(payment.paid_at, "paid", "provider"))
        for refund in refunds:
            if refund.created_at is not None:
                timeline.append(
                    TimelineEntry(
                        refund.created_at, "refund requested", "provider", str(refund.amount)
                    )
                )
            if refund.completed_at is not None:
                timeline.append(
                    TimelineEntry(
                        refund.completed_at,
                        f"refund {refund.status_raw}",
                        "provider",
                        str(refund.amount),
                    )
                )
        timeline.sort(key=lambda e: e.at.timestamp())
        cart = row.sale.cart if row.sale is not None else None
        if cart is None and row.parked is not None:
            try:
                cart = Cart.from_dict(row.parked.data)
            except Exception:  # an unreadable parked cart is shown without lines
                log.warning("parked cart %s unreadable", row.parked.parked_id)
        return SaleDetail(
            row=row,
            refunds=refunds,
            local_refunds=local_refunds,
            timeline=tuple(timeline),
            cart=cart,
        )

    async def list_refunds(self, query: RefundQuery) -> Page[Refund]:
        """One page of all refunds (the refunds tab)."""
        return await self.provider.list_refunds(query)


#: The CSV's header (English keys; the UI may translate the header row).
CSV_COLUMNS: tuple[str, ...] = (
    "created_at",
    "paid_at",
    "invoice_id",
    "kaspi_invoice_id",
    "order_id",
    "status",
    "state",
    "amount",
    "total_refunded",
    "phone",
    "customer",
    "description",
    "register",
    "cashier",
)


def _csv_money(value: Decimal, decimal_comma: bool) -> str:
    text = f"{value:.2f}"
    return text.replace(".", ",") if decimal_comma else text


def _csv_time(value: datetime | None) -> str:
    return value.astimezone(ALMATY).strftime("%Y-%m-%d %H:%M:%S") if value else ""


def write_csv(
    rows: Sequence[HistoryRow],
    path: Path,
    *,
    delimiter: str = ",",
    header: Sequence[str] = CSV_COLUMNS,
) -> int:
    """Write rows as CSV for Excel: UTF-8 with a BOM, times in shop time, phones masked.

    With ``delimiter=";"`` (what Excel expects in ru/kk locales) amounts use a decimal comma
    too, so Excel reads them as numbers.

    Returns:
        The number of data rows written.
    """
    decimal_comma = delimiter == ";"
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(header)
        for row in rows:
            writer.writerow(
                [
                    _csv_time(row.created_at),
                    _csv_time(row.paid_at),
                    row.payment_id,
                    (row.payment.kaspi_invoice_id or "") if row.payment else "",
                    row.sale_id,
                    row.status_raw,
                    row.state.value if row.state else "",
                    _csv_money(row.amount, decimal_comma),
                    _csv_money(row.total_refunded, decimal_comma),
                    row.phone_masked,
                    row.client_name,
                    row.description,
                    row.register_name,
                    row.cashier_name,
                ]
            )
    return len(rows)

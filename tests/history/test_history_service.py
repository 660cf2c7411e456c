"""Date windows in shop time, amount search, and the journal comparison of the report."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

from pos_app.domain.cart import Cart
from pos_app.domain.sale import SaleState
from pos_app.journal.db import open_journal
from pos_app.journal.sales import SalesJournal
from pos_app.services.history import ALMATY, DatePreset, HistoryFilter, HistoryService, date_window
from pos_app.services.report import ReportService
from tests.fixtures.aio import run_coroutine
from tests.history.conftest import Shop, make_provider

# 2026-03-10 01:30 in Almaty is still 2026-03-09 in UTC: the day must be Almaty's.
NOW = datetime(2026, 3, 9, 20, 30, tzinfo=UTC)


def test_presets_are_shop_days() -> None:
    start, end = date_window(DatePreset.TODAY, NOW)
    assert start == datetime(2026, 3, 10, 0, 0, tzinfo=ALMATY)
    assert end == datetime(2026, 3, 10, 23, 59, 59, tzinfo=ALMATY)
    start, _ = date_window(DatePreset.YESTERDAY, NOW)
    assert start is not None and start.date() == date(2026, 3, 9)
    start, _ = date_window(DatePreset.WEEK, NOW)
    assert start is not None and start.date() == date(2026, 3, 4)
    # a shift that starts at 22:00 began yesterday evening
    start, end = date_window(DatePreset.SHIFT, NOW, shift_start_hour=22)
    assert start == datetime(2026, 3, 9, 22, 0, tzinfo=ALMATY)
    assert end is not None and end.hour == 21 and end.date() == date(2026, 3, 10)
    start, end = date_window(
        DatePreset.CUSTOM, NOW, date_from=date(2026, 3, 5), date_to=date(2026, 3, 1)
    )
    assert start is not None and end is not None
    assert (start.date(), end.date()) == (date(2026, 3, 1), date(2026, 3, 5))
    assert date_window(DatePreset.ALL, NOW) == (None, None)


def test_amount_search_and_the_journal_comparison(shop: Shop, tmp_path: Path) -> None:
    shop.sell(amount="1500")
    shop.sell(amount="1500.50")
    target = shop.sell(amount="777", order_id="01LOCALSALE0000000000000001")

    async def body():  # type: ignore[no-untyped-def]
        provider = make_provider(shop.sandbox)
        journal = SalesJournal(open_journal(tmp_path / "j"))
        try:
            cart = Cart()
            cart.add_free_amount(Decimal("777"), "Локальная")
            sale = journal.create(
                provider="apipay",
                method="phone",
                cart=cart,
                amount=Decimal("777"),
                sale_id="01LOCALSALE0000000000000001",
                register_name="Till 1",
            )
            journal.update(sale.sale_id, SaleState.WAITING, payment_id=str(target))
            history = HistoryService(provider, journal)
            found = await history.first_page(HistoryFilter(search="1 500"))
            joined = await history.first_page(HistoryFilter(search="777"))
            now = datetime.now(UTC)
            start, end = date_window(DatePreset.TODAY, now)
            assert start is not None and end is not None
            report = await ReportService(provider, journal).build(start, end)
            return found, joined, report
        finally:
            await provider.aclose()
            journal.connection.close()

    found, joined, report = run_coroutine(body())
    assert [r.amount for r in found.rows] == [Decimal("1500.00")]
    row = next(r for r in joined.rows if r.payment_id == str(target))
    assert row.register_name == "Till 1" and row.sale_id == "01LOCALSALE0000000000000001"
    # The journal still says "waiting" for a sale the provider has as paid.
    codes = {(d.code, d.payment_id) for d in report.differences}
    assert ("provider_paid_journal_not", str(target)) in codes
    assert report.other_sources.count == 2

"""The refund service against the sandbox: full, partial, per item, refusals, lost answers."""

from __future__ import annotations

import asyncio
from decimal import Decimal
from pathlib import Path

import pytest

from pos_app.domain.sale import RefundState, SaleState
from pos_app.journal.db import open_journal
from pos_app.journal.refunds import RefundJournal, RefundLineRequest
from pos_app.payments.apipay import ApiPayProvider
from pos_app.services.history import HistoryRow, HistoryService, RowKind
from pos_app.services.refunds import (
    NOT_CREATED,
    RefundError,
    RefundRequest,
    RefundService,
    RefundUpdate,
    available_amount,
    check_pin,
    hash_pin,
    remaining_counts,
)
from tests.fixtures.aio import run_coroutine
from tests.history.conftest import Shop, make_provider


class Desk:
    """A refund service on a fresh journal (built inside the scenario's loop and thread)."""

    def __init__(self, shop: Shop, data_dir: Path) -> None:
        self.provider: ApiPayProvider = make_provider(shop.sandbox)
        self.journal = RefundJournal(open_journal(data_dir))
        self.service = RefundService(
            self.journal,
            self.provider,
            register_name="Till 1",
            cashier_name="Aigerim",
            poll_seconds=0.05,
        )
        self.updates: list[RefundUpdate] = []
        self.service.subscribe(self.updates.append)

    async def close(self) -> None:
        await self.service.aclose()
        await self.provider.aclose()


def scenario(shop: Shop, data_dir: Path, body):  # type: ignore[no-untyped-def]
    async def run():  # type: ignore[no-untyped-def]
        desk = Desk(shop, data_dir)
        try:
            return await body(desk)
        finally:
            await desk.close()

    return run_coroutine(run())


def test_full_refund_completes_and_the_invoice_follows(shop: Shop, tmp_path: Path) -> None:
    invoice_id = shop.sell(amount="4200")

    async def body(desk: Desk):  # type: ignore[no-untyped-def]
        payment = await desk.provider.get_payment(str(invoice_id))
        record = await desk.service.refund(payment, RefundRequest(payment.id, reason="Брак"))
        assert record.state in (RefundState.PENDING, RefundState.COMPLETED)
        final = await asyncio.wait_for(desk.service.wait_final(record.refund_id), 30)
        after = await desk.provider.get_payment(payment.id)
        return record, final, after, desk.journal.events(record.refund_id)

    record, final, after, events = scenario(shop, tmp_path / "j", body)
    assert record.kind == "full" and record.requested_amount == Decimal("4200.00")
    assert final.state == RefundState.COMPLETED and final.amount == Decimal("4200.00")
    assert after.state == SaleState.REFUNDED and after.total_refunded == Decimal("4200.00")
    assert events[0].new_state == RefundState.CREATING
    assert len(shop.refund_posts()) == 1
    assert shop.invoice(invoice_id)["is_fully_refunded"] is True


def test_partial_refund_by_amount(shop: Shop, tmp_path: Path) -> None:
    invoice_id = shop.sell(amount="3000")

    async def body(desk: Desk):  # type: ignore[no-untyped-def]
        payment = await desk.provider.get_payment(str(invoice_id))
        record = await desk.service.refund(payment, RefundRequest(payment.id, Decimal("1500")))
        final = await asyncio.wait_for(desk.service.wait_final(record.refund_id), 30)
        after = await desk.provider.get_payment(payment.id)
        return (
            final,
            after,
            available_amount(after, await desk.provider.list_payment_refunds(payment.id)),
        )

    final, after, available = scenario(shop, tmp_path / "j", body)
    assert final.state == RefundState.COMPLETED and final.amount == Decimal("1500.00")
    assert after.state == SaleState.PARTIALLY_REFUNDED
    assert available == Decimal("1500.00")


def test_per_item_refund_with_discount(shop: Shop, tmp_path: Path) -> None:
    invoice_id = shop.sell(cart=[("Қымыз", 2), ("Бауырсақ", 4)], discount=10)

    async def body(desk: Desk):  # type: ignore[no-untyped-def]
        payment = await desk.provider.get_payment(str(invoice_id))
        item = next(i for i in payment.items if i.name == "Бауырсақ")
        assert item.catalog_item_id is not None
        line = RefundLineRequest(item.catalog_item_id, 3, item.name, item.price)
        request = RefundRequest(payment.id, items=(line,), reason="Остыли")
        expected = desk.service.check(payment, request)
        record = await desk.service.refund(payment, request)
        final = await asyncio.wait_for(desk.service.wait_final(record.refund_id), 30)
        after = await desk.provider.get_payment(payment.id)
        refunds = await desk.provider.list_payment_refunds(payment.id)
        return expected, final, after, remaining_counts(after, refunds), item.catalog_item_id

    expected, final, after, left, baursak = scenario(shop, tmp_path / "j", body)
    # 3 × 250 with the cart's 10 % discount
    assert expected == Decimal("675.00")
    assert final.state == RefundState.COMPLETED and final.amount == Decimal("675.00")
    assert after.state == SaleState.PARTIALLY_REFUNDED
    assert left[baursak] == 1


def test_refund_above_available_is_refused_and_nothing_is_sent(shop: Shop, tmp_path: Path) -> None:
    invoice_id = shop.sell(amount="1000")

    async def body(desk: Desk):  # type: ignore[no-untyped-def]
        payment = await desk.provider.get_payment(str(invoice_id))
        with pytest.raises(RefundError) as caught:
            await desk.service.refund(payment, RefundRequest(payment.id, Decimal("1000.01")))
        return caught.value, desk.journal.of_payment(payment.id)

    error, journaled = scenario(shop, tmp_path / "j", body)
    assert error.code == "refund.amount_exceeds_available" and error.field == "amount"
    assert "1\u202f000" in str(error)  # the amount that is available, as shown
    assert journaled == []
    assert shop.refund_posts() == []


def test_dropped_answer_gives_exactly_one_refund(shop: Shop, tmp_path: Path) -> None:
    invoice_id = shop.sell(amount="2500")
    shop.sandbox.inject_fault("drop_after", method="POST", path=r"/invoices/\d+/refund")

    async def body(desk: Desk):  # type: ignore[no-untyped-def]
        payment = await desk.provider.get_payment(str(invoice_id))
        first = await desk.service.refund(payment, RefundRequest(payment.id, Decimal("1000")))
        # The cashier clicks again: the first one is known by now, so this is a second,
        # deliberate refund only if it is asked with the fresh payment.
        final = await asyncio.wait_for(desk.service.wait_final(first.refund_id), 30)
        refunds = await desk.provider.list_payment_refunds(payment.id)
        return first, final, refunds, desk.journal.events(first.refund_id)

    first, final, refunds, events = scenario(shop, tmp_path / "j", body)
    assert first.state != RefundState.FAILED
    assert final.state == RefundState.COMPLETED
    assert len(refunds) == 1 and refunds[0].amount == Decimal("1000.00")
    assert final.provider_refund_id == refunds[0].id
    assert RefundState.UNKNOWN in [e.new_state for e in events]
    posts = shop.refund_posts()
    assert len(posts) == 1 and posts[0]["fault"] == "drop_after"


def test_dropped_request_that_never_arrived_fails_cleanly(shop: Shop, tmp_path: Path) -> None:
    invoice_id = shop.sell(amount="2500")
    shop.sandbox.inject_fault("drop_before", method="POST", path=r"/invoices/\d+/refund")

    async def body(desk: Desk):  # type: ignore[no-untyped-def]
        payment = await desk.provider.get_payment(str(invoice_id))
        record = await desk.service.refund(payment, RefundRequest(payment.id, Decimal("500")))
        again = await desk.service.refund(payment, RefundRequest(payment.id, Decimal("500")))
        final = await asyncio.wait_for(desk.service.wait_final(again.refund_id), 30)
        return record, final, await desk.provider.list_payment_refunds(payment.id)

    record, final, refunds = scenario(shop, tmp_path / "j", body)
    assert record.state == RefundState.FAILED and record.error_code == NOT_CREATED
    assert final.state == RefundState.COMPLETED
    assert len(refunds) == 1


def test_failed_refund_says_why_and_money_stays_available(
    slow_refund_shop: Shop, tmp_path: Path
) -> None:
    shop = slow_refund_shop
    invoice_id = shop.sell(amount="900")

    async def body(desk: Desk):  # type: ignore[no-untyped-def]
        payment = await desk.provider.get_payment(str(invoice_id))
        record = await desk.service.refund(payment, RefundRequest(payment.id))
        assert record.state == RefundState.PENDING and record.provider_refund_id
        failed = shop.sandbox.control.post(f"/refunds/{record.provider_refund_id}/fail")
        assert failed.status_code < 400, failed.text
        final = await asyncio.wait_for(desk.service.wait_final(record.refund_id), 30)
        after = await desk.provider.get_payment(payment.id)
        return (
            final,
            after,
            available_amount(after, await desk.provider.list_payment_refunds(payment.id)),
        )

    final, after, available = scenario(shop, tmp_path / "j", body)
    assert final.state == RefundState.FAILED and final.error_code == "kaspi_error"
    assert after.state == SaleState.PAID and available == Decimal("900.00")


def test_a_second_click_while_the_first_is_sending_is_refused(shop: Shop, tmp_path: Path) -> None:
    invoice_id = shop.sell(amount="800")
    shop.sandbox.inject_fault(
        "delay", method="POST", path=r"/invoices/\d+/refund", delay_seconds=0.5
    )

    async def body(desk: Desk):  # type: ignore[no-untyped-def]
        payment = await desk.provider.get_payment(str(invoice_id))
        request = RefundRequest(payment.id)
        first = asyncio.ensure_future(desk.service.refund(payment, request))
        await asyncio.sleep(0)  # the first one is journaled and on its way
        with pytest.raises(RefundError) as caught:
            await desk.service.refund(payment, request)
        await first
        return caught.value

    error = scenario(shop, tmp_path / "j", body)
    assert error.code == "refund.in_progress"
    assert len(shop.refund_posts()) == 1


def test_pin_is_stored_only_as_a_salted_hash() -> None:
    stored = hash_pin("4321")
    assert "4321" not in stored
    assert check_pin("4321", stored) and not check_pin("1234", stored)
    assert hash_pin("4321") != stored  # salted
    assert not check_pin("4321", "garbage")


async def until_final(desk: Desk, refund_id: str):  # type: ignore[no-untyped-def]
    """Wait (hang detector only) until the journal shows the refund final."""
    for _ in range(3000):
        record = desk.journal.get(refund_id)
        if record.is_final:
            return record
        await asyncio.sleep(0.01)
    raise AssertionError(f"refund {refund_id} never became final")


def test_lost_answer_and_failed_lookup_never_send_a_second_refund(
    shop: Shop, tmp_path: Path
) -> None:
    """The POST is carried out but its answer is lost, and the first look-up fails too: the
    refund stays UNKNOWN, is looked up again later (not re-sent), and a second click meanwhile
    is refused — one click, one refund."""
    invoice_id = shop.sell(amount="2000")
    shop.sandbox.inject_fault("drop_after", method="POST", path=r"/invoices/\d+/refund")
    # Every try of the client's first look-up (QUICK_RETRY: 4) fails.
    shop.sandbox.inject_fault("error_500", method="GET", path=r"/invoices/\d+/refunds", count=4)

    async def body(desk: Desk):  # type: ignore[no-untyped-def]
        payment = await desk.provider.get_payment(str(invoice_id))
        request = RefundRequest(payment.id, Decimal("700"))
        first = await desk.service.refund(payment, request, refunds=[])
        state_after_click = first.state
        # Nobody waits on it: the service looks it up again by itself (the screen only
        # listens), and the queued refund is then watched until it completes.
        final = await until_final(desk, first.refund_id)
        refunds = await desk.provider.list_payment_refunds(payment.id)
        return state_after_click, final, refunds, desk.journal.events(first.refund_id)

    state_after_click, final, refunds, events = scenario(shop, tmp_path / "j", body)
    assert state_after_click == RefundState.UNKNOWN
    assert final.state == RefundState.COMPLETED and final.amount == Decimal("700.00")
    assert len(refunds) == 1 and final.provider_refund_id == refunds[0].id
    posts = shop.refund_posts()
    assert len(posts) == 1 and posts[0]["fault"] == "drop_after"
    assert [e.new_state for e in events][:2] == [RefundState.CREATING, RefundState.UNKNOWN]


def test_second_click_while_the_lost_answer_is_still_unknown_is_refused(
    shop: Shop, tmp_path: Path
) -> None:
    invoice_id = shop.sell(amount="2000")
    shop.sandbox.inject_fault("drop_after", method="POST", path=r"/invoices/\d+/refund")
    # Every look-up fails until the test lifts the fault.
    shop.sandbox.inject_fault(
        "error_500", method="GET", path=r"/invoices/\d+/refunds", count=100_000
    )

    async def body(desk: Desk):  # type: ignore[no-untyped-def]
        payment = await desk.provider.get_payment(str(invoice_id))
        request = RefundRequest(payment.id, Decimal("700"))
        first = await desk.service.refund(payment, request, refunds=[])
        with pytest.raises(RefundError) as caught:
            await desk.service.refund(payment, request, refunds=[])
        shop.sandbox.control.delete("/faults").raise_for_status()
        final = await until_final(desk, first.refund_id)
        return first, caught.value, final

    first, error, final = scenario(shop, tmp_path / "j", body)
    assert first.state == RefundState.UNKNOWN
    assert error.code == "refund.in_progress"
    assert final.state == RefundState.COMPLETED
    assert len(shop.refund_posts()) == 1


def test_what_is_left_to_refund_counts_queued_refunds_in_history_and_refunds(
    slow_refund_shop: Shop, tmp_path: Path
) -> None:
    """ApiPay's ``GET /invoices/{id}`` has no ``available_for_refund``: the history's detail and
    the refund check follow one rule (amount − refunded − queued)."""
    shop = slow_refund_shop
    invoice_id = shop.sell(amount="900")

    async def body(desk: Desk):  # type: ignore[no-untyped-def]
        payment = await desk.provider.get_payment(str(invoice_id))
        record = await desk.service.refund(payment, RefundRequest(payment.id, Decimal("300")))
        assert record.state == RefundState.PENDING  # queued, not completed
        fresh = await desk.provider.get_payment(payment.id)
        history = HistoryService(desk.provider)
        row = HistoryRow(key="p:" + fresh.id, kind=RowKind.PAYMENT, payment=fresh)
        detail = await history.detail(row)
        refunds = await desk.provider.list_payment_refunds(payment.id)
        with pytest.raises(RefundError) as caught:
            desk.service.check(fresh, RefundRequest(fresh.id, Decimal("600.01")), refunds)
        return fresh, detail, caught.value

    fresh, detail, error = scenario(shop, tmp_path / "j", body)
    assert fresh.available_for_refund is None  # not in the single read
    assert detail.row.payment is not None
    assert detail.row.payment.available_for_refund == Decimal("600.00")
    assert error.code == "refund.amount_exceeds_available"

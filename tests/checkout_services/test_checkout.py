"""Checkout against the real sandbox over HTTP: sales paid, expired, cancelled, declined."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import httpx
import pytest

from pos_app.domain.cart import Cart
from pos_app.domain.errors import CartError
from pos_app.domain.sale import SaleState
from pos_app.payments.errors import ConflictError, NotSupportedError
from pos_app.services.checkout import CheckoutError, CheckoutEventKind
from tests.checkout_services.helpers import (
    OTHER_PHONE,
    PHONE,
    creates,
    free_cart,
    make_provider,
    open_till,
    run,
    server_invoices,
    until,
    until_state,
)
from tests.fixtures.sandbox import SandboxHandle


def test_phone_sale_is_journaled_sent_once_and_paid(sandbox: SandboxHandle, tmp_path: Path) -> None:
    async def scenario() -> None:
        till = open_till(sandbox, tmp_path)
        await till.service.resume()
        sale_id = await till.service.start_phone_sale(free_cart("1500"), PHONE, "Coffee")
        sale = till.sale(sale_id)
        assert sale.state == SaleState.WAITING
        assert sale.payment_id is not None
        assert sale.phone == PHONE
        assert sale.register_name == "Till 1" and sale.cashier_name == "Aigerim"
        sandbox.pay(sale.payment_id)
        paid = await until_state(till, sale_id, SaleState.PAID)
        assert paid.final_at is not None
        assert paid.status_raw == "paid"
        states = [(e.old_state, e.new_state) for e in till.journal.events(sale_id)]
        assert states[0] == (SaleState.DRAFT, SaleState.CREATING)
        assert (SaleState.CREATING, SaleState.WAITING) in states
        assert states[-1][1] == SaleState.PAID
        assert sale_id not in till.service.watcher.watched  # final: no more polling
        await till.close()

    run(scenario())
    assert len(server_invoices(sandbox)) == 1
    assert len(creates(sandbox)) == 1


def test_sale_is_in_the_journal_before_the_create_request_leaves(
    sandbox: SandboxHandle, tmp_path: Path
) -> None:
    seen: list[SaleState] = []

    async def scenario() -> None:
        till = open_till(sandbox, tmp_path)
        original = till.provider.create_phone_payment

        async def spy(req):  # type: ignore[no-untyped-def]
            seen.append(till.journal.get(req.order_id).state)
            return await original(req)

        till.provider.create_phone_payment = spy  # type: ignore[method-assign]
        sale_id = await till.service.start_phone_sale(free_cart(), PHONE)
        [invoice] = server_invoices(sandbox)
        assert invoice["external_order_id"] == sale_id
        await till.close()

    run(scenario())
    assert seen == [SaleState.CREATING]


def test_qr_sale_keeps_its_qr_and_is_paid(sandbox: SandboxHandle, tmp_path: Path) -> None:
    async def scenario() -> None:
        till = open_till(sandbox, tmp_path)
        till.service.start()
        sale_id = await till.service.start_qr_sale(free_cart("2500"))
        sale = till.sale(sale_id)
        assert sale.method == "qr"
        assert sale.state == SaleState.WAITING
        assert sale.qr_url
        assert sale.qr_expires_at is not None
        assert sale.payment_id is not None
        sandbox.pay(sale.payment_id)
        paid = await until_state(till, sale_id, SaleState.PAID)
        assert paid.qr_url == sale.qr_url  # the status polls do not wipe it
        await till.close()

    run(scenario())
    assert len(creates(sandbox, "/invoices/qr")) == 1


def test_waiting_sale_expires_when_the_invoice_runs_out(
    sandbox: SandboxHandle, tmp_path: Path
) -> None:
    async def scenario() -> None:
        till = open_till(sandbox, tmp_path)
        till.service.start()
        sale_id = await till.service.start_phone_sale(free_cart(), PHONE)
        await until_state(till, sale_id, SaleState.WAITING)
        sandbox.advance(sandbox.config.invoice_lifetime_seconds + 5)
        expired = await until_state(till, sale_id, SaleState.EXPIRED)
        assert expired.status_raw == "expired"
        await till.close()

    run(scenario())


def test_cashier_cancels_a_phone_sale(sandbox: SandboxHandle, tmp_path: Path) -> None:
    async def scenario() -> None:
        till = open_till(sandbox, tmp_path)
        till.service.start()
        sale_id = await till.service.start_phone_sale(free_cart(), PHONE)
        await asyncio.gather(till.service.cancel(sale_id), till.service.cancel(sale_id))
        sale = till.sale(sale_id)
        assert sale.state == SaleState.CANCELLED
        notes = [(e.new_state, e.note) for e in till.journal.events(sale_id)]
        assert (SaleState.CANCELLING, "cancel requested") in notes
        # A cancelled cart can be rung up again: a new sale, a new invoice.
        again = await till.service.start_phone_sale(sale.cart, PHONE)
        assert again != sale_id
        await till.close()

    run(scenario())
    assert len(server_invoices(sandbox)) == 2
    assert len(sandbox.requests(method="POST", path=r"/invoices/\d+/cancel")) == 1


def test_cancel_of_a_sale_the_customer_already_paid_ends_paid(
    sandbox: SandboxHandle, tmp_path: Path
) -> None:
    async def scenario() -> None:
        till = open_till(sandbox, tmp_path)
        sale_id = await till.service.start_phone_sale(free_cart(), PHONE)
        payment_id = till.sale(sale_id).payment_id
        assert payment_id is not None
        sandbox.pay(payment_id)  # before the watcher sees it
        sale = await till.service.cancel(sale_id)
        assert sale.state == SaleState.PAID
        await till.close()

    run(scenario())


def test_qr_sale_cannot_be_cancelled_at_apipay(sandbox: SandboxHandle, tmp_path: Path) -> None:
    async def scenario() -> None:
        till = open_till(sandbox, tmp_path)
        sale_id = await till.service.start_qr_sale(free_cart())
        with pytest.raises(NotSupportedError):
            await till.service.cancel(sale_id)
        assert till.sale(sale_id).state == SaleState.WAITING
        await till.close()

    run(scenario())


def test_customer_declines(sandbox: SandboxHandle, tmp_path: Path) -> None:
    async def scenario() -> None:
        till = open_till(sandbox, tmp_path)
        till.service.start()
        sale_id = await till.service.start_phone_sale(free_cart(), PHONE)
        payment_id = till.sale(sale_id).payment_id
        assert payment_id is not None
        sandbox.decline(payment_id)
        declined = await until_state(till, sale_id, SaleState.CANCELLED)
        assert declined.status_raw == "cancelled"
        await till.close()

    run(scenario())


def test_refused_create_fails_the_sale_and_offers_the_cart_back(
    sandbox: SandboxHandle, tmp_path: Path
) -> None:
    async def scenario() -> None:
        till = open_till(sandbox, tmp_path)
        # 503 invoices_disabled: ApiPay documents that no invoice was created.
        sandbox.inject_fault("unavailable_503", method="POST", path="/invoices")
        cart = free_cart()
        sale_id = await till.service.start_phone_sale(cart, PHONE)
        sale = till.sale(sale_id)
        assert sale.state == SaleState.FAILED
        assert sale.error_code == "invoices_disabled"
        [offered] = till.of_kind(CheckoutEventKind.CART_OFFERED_BACK)
        assert offered.cart is not None and offered.cart.total == cart.total
        assert offered.error is not None
        await till.close()

    run(scenario())
    assert server_invoices(sandbox) == []


def test_empty_cart_and_missing_phone_are_refused_before_journaling(
    sandbox: SandboxHandle, tmp_path: Path
) -> None:
    async def scenario() -> None:
        till = open_till(sandbox, tmp_path)
        with pytest.raises(CartError):
            await till.service.start_qr_sale(Cart())
        with pytest.raises(CheckoutError) as info:
            await till.service.start_phone_sale(free_cart(), None)  # type: ignore[arg-type]
        assert info.value.code == "checkout.phone_required"
        assert till.journal.recent() == []
        await till.close()

    run(scenario())
    assert creates(sandbox) == []


def test_same_cart_to_another_phone_while_waiting_is_refused(
    sandbox: SandboxHandle, tmp_path: Path
) -> None:
    async def scenario() -> None:
        till = open_till(sandbox, tmp_path)
        cart = free_cart()
        first = await till.service.start_phone_sale(cart, PHONE)
        with pytest.raises(CheckoutError) as info:
            await till.service.start_phone_sale(cart, OTHER_PHONE)
        assert info.value.code == "checkout.sale_in_progress"
        assert info.value.sale_id == first
        assert "***" in str(info.value)  # the number only masked
        await till.close()

    run(scenario())
    assert len(server_invoices(sandbox)) == 1


def test_logs_show_the_phone_only_masked(
    sandbox: SandboxHandle, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)

    async def scenario() -> None:
        till = open_till(sandbox, tmp_path)
        till.service.start()
        sandbox.inject_fault("drop_after", method="POST", path="/invoices")
        sale_id = await till.service.start_phone_sale(free_cart(), PHONE)
        payment_id = till.sale(sale_id).payment_id
        assert payment_id is not None
        sandbox.pay(payment_id)
        await until_state(till, sale_id, SaleState.PAID)
        await till.close()

    run(scenario())
    assert PHONE.masked in caplog.text
    for secret in (PHONE.national, PHONE.apipay, sandbox.api_key):
        assert secret not in caplog.text


def test_a_poll_before_the_cancel_arrives_does_not_show_waiting_again(
    sandbox: SandboxHandle, tmp_path: Path
) -> None:
    # The cancel is slow to reach the server; meanwhile the watcher keeps polling and the
    # invoice is still pending there.
    sandbox.inject_fault("delay", method="POST", path=r"/invoices/\d+/cancel", delay_seconds=3.0)

    async def scenario() -> None:
        till = open_till(sandbox, tmp_path)
        till.service.start()
        sale_id = await till.service.start_phone_sale(free_cart(), PHONE)
        await until_state(till, sale_id, SaleState.WAITING)
        cancel = asyncio.ensure_future(till.service.cancel(sale_id))
        await until_state(till, sale_id, SaleState.CANCELLING)
        polls = till.service.watcher.polls
        # Two polls that see "pending" while the cancel is on its way (a hang detector only:
        # the cancel is delayed long enough for them).
        await until(lambda: till.service.watcher.polls >= polls + 2, "polls during the cancel")
        assert till.sale(sale_id).state == SaleState.CANCELLING
        sale = await cancel
        assert sale.state == SaleState.CANCELLING or sale.state == SaleState.CANCELLED
        await until_state(till, sale_id, SaleState.CANCELLED)
        states = [e.new_state for e in till.journal.events(sale_id)]
        after_cancel = states[states.index(SaleState.CANCELLING) :]
        assert SaleState.WAITING not in after_cancel and after_cancel[-1] == SaleState.CANCELLED
        shown = [
            e.sale.state
            for e in till.of_kind(CheckoutEventKind.SALE_CHANGED)
            if e.sale is not None and e.sale.sale_id == sale_id
        ]
        assert SaleState.WAITING not in shown[shown.index(SaleState.CANCELLING) :]
        await till.close()

    run(scenario())


class _RefuseCancel(httpx.AsyncBaseTransport):
    """The real HTTP transport, except that ApiPay refuses every cancel (its 400 answer).

    The sandbox cannot be made to refuse the cancel of a pending invoice, hence this stub.
    """

    def __init__(self) -> None:
        self._inner = httpx.AsyncHTTPTransport()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.method == "POST" and request.url.path.endswith("/cancel"):
            return httpx.Response(
                400,
                json={
                    "message": "Невозможно отменить счёт в текущем статусе",
                    "error_code": "invoice_not_cancellable",
                },
            )
        return await self._inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self._inner.aclose()


def test_a_refused_cancel_goes_back_to_waiting_with_the_error(
    sandbox: SandboxHandle, tmp_path: Path
) -> None:
    async def scenario() -> None:
        provider = make_provider(sandbox, http_transport=_RefuseCancel())
        till = open_till(sandbox, tmp_path, provider=provider)
        till.service.start()
        sale_id = await till.service.start_phone_sale(free_cart(), PHONE)
        sale = await till.service.cancel(sale_id)
        assert sale.state == SaleState.WAITING
        back = [
            e
            for e in till.of_kind(CheckoutEventKind.SALE_CHANGED)
            if e.sale is not None and e.sale.state == SaleState.WAITING and e.error is not None
        ]
        assert len(back) == 1 and isinstance(back[0].error, ConflictError)
        # Still watched: the customer can pay it.
        assert sale.payment_id is not None
        sandbox.pay(sale.payment_id)
        await until_state(till, sale_id, SaleState.PAID)
        await till.close()

    run(scenario())

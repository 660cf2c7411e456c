"""Never lost, never doubled: dropped connections, double clicks, crashes and restarts."""

from __future__ import annotations

import asyncio
from pathlib import Path

from pos_app.domain.sale import SaleState
from pos_app.journal.db import open_journal
from pos_app.journal.sales import SalesJournal
from pos_app.services.checkout import NOT_CREATED, CheckoutEventKind
from pos_app.services.watcher import ConnectionState
from tests.checkout_services.helpers import (
    PHONE,
    creates,
    free_cart,
    open_till,
    run,
    server_invoices,
    until,
    until_state,
)
from tests.fixtures.sandbox import SandboxHandle


def _states(till_journal: SalesJournal, sale_id: str) -> list[SaleState]:
    return [e.new_state for e in till_journal.events(sale_id)]


def test_answer_dropped_after_create_gives_one_invoice_then_paid(
    sandbox: SandboxHandle, tmp_path: Path
) -> None:
    async def scenario() -> str:
        till = open_till(sandbox, tmp_path)
        till.service.start()
        sandbox.inject_fault("drop_after", method="POST", path="/invoices")
        sale_id = await till.service.start_phone_sale(free_cart(), PHONE)
        sale = till.sale(sale_id)
        assert sale.state == SaleState.WAITING
        assert sale.payment_id is not None
        sandbox.pay(sale.payment_id)
        await until_state(till, sale_id, SaleState.PAID)
        await till.close()
        return sale_id

    sale_id = run(scenario())
    assert len(server_invoices(sandbox)) == 1
    assert len(server_invoices(sandbox, sale_id)) == 1
    assert [r["fault"] for r in creates(sandbox)] == ["drop_after"]  # not sent again


def test_lost_answer_and_lost_lookup_stay_unknown_until_reconciled(
    sandbox: SandboxHandle, tmp_path: Path
) -> None:
    async def scenario() -> str:
        till = open_till(sandbox, tmp_path)
        till.service.start()
        sandbox.inject_fault("drop_after", method="POST", path="/invoices")
        # The look-ups by order id fail too: the client's own (4 tries) and the service's.
        sandbox.inject_fault("error_500", method="GET", path="/invoices", count=8)
        sale_id = await till.service.start_phone_sale(free_cart(), PHONE)
        assert till.sale(sale_id).state == SaleState.UNKNOWN
        assert sale_id in till.service.watcher.pending_reconciliation
        waiting = await until_state(till, sale_id, SaleState.WAITING)
        assert waiting.payment_id is not None
        sandbox.pay(waiting.payment_id)
        await until_state(till, sale_id, SaleState.PAID)
        assert _states(till.journal, sale_id)[:4] == [
            SaleState.CREATING,
            SaleState.UNKNOWN,
            SaleState.WAITING,
            SaleState.PAID,
        ]
        assert ConnectionState.RETRYING in till.connection_states
        assert till.service.connection_state == ConnectionState.OK
        await till.close()
        return sale_id

    sale_id = run(scenario())
    assert len(server_invoices(sandbox, sale_id)) == 1
    assert len(creates(sandbox)) == 1  # nothing re-sent while the outcome was unknown


def test_dropped_before_create_reconciles_to_failed_and_a_retry_creates_one(
    sandbox: SandboxHandle, tmp_path: Path
) -> None:
    async def scenario() -> tuple[str, str]:
        till = open_till(sandbox, tmp_path)
        till.service.start()
        # Both sends the client allows itself (the second after a look-up found nothing).
        sandbox.inject_fault("drop_before", method="POST", path="/invoices", count=2)
        cart = free_cart("990")
        failed_id = await till.service.start_phone_sale(cart, PHONE)
        failed = till.sale(failed_id)
        assert failed.state == SaleState.FAILED
        assert failed.error_code == NOT_CREATED
        assert SaleState.UNKNOWN in _states(till.journal, failed_id)
        [offer] = till.of_kind(CheckoutEventKind.CART_OFFERED_BACK)
        assert offer.cart is not None and offer.cart.total == cart.total
        # The cashier rings it up again from the offered cart: exactly one invoice.
        retry_id = await till.service.start_phone_sale(offer.cart, PHONE)
        assert retry_id != failed_id
        assert till.sale(retry_id).state == SaleState.WAITING
        await till.close()
        return failed_id, retry_id

    failed_id, retry_id = run(scenario())
    assert server_invoices(sandbox, failed_id) == []
    assert len(server_invoices(sandbox)) == 1
    assert len(server_invoices(sandbox, retry_id)) == 1


def test_one_dropped_request_is_resent_once_with_the_same_key(
    sandbox: SandboxHandle, tmp_path: Path
) -> None:
    async def scenario() -> str:
        till = open_till(sandbox, tmp_path)
        sandbox.inject_fault("drop_before", method="POST", path="/invoices")
        sale_id = await till.service.start_phone_sale(free_cart(), PHONE)
        assert till.sale(sale_id).state == SaleState.WAITING
        await till.close()
        return sale_id

    sale_id = run(scenario())
    assert len(server_invoices(sandbox, sale_id)) == 1


def test_double_activation_gives_one_invoice(sandbox: SandboxHandle, tmp_path: Path) -> None:
    async def scenario() -> None:
        till = open_till(sandbox, tmp_path)
        cart = free_cart()
        # A double click and Enter held down: three calls at once, one more after.
        ids = await asyncio.gather(*(till.service.start_phone_sale(cart, PHONE) for _ in range(3)))
        later = await till.service.start_phone_sale(cart, PHONE)
        assert len(set(ids)) == 1
        assert later == ids[0]
        qr_cart = free_cart("700")
        qr_ids = await asyncio.gather(
            till.service.start_qr_sale(qr_cart), till.service.start_qr_sale(qr_cart)
        )
        assert qr_ids[0] == qr_ids[1]
        assert len(till.journal.recent()) == 2
        await till.close()

    run(scenario())
    assert len(creates(sandbox, "/invoices")) == 1
    assert len(creates(sandbox, "/invoices/qr")) == 1
    assert len(server_invoices(sandbox)) == 2


def test_app_killed_while_waiting_resumes_and_sees_the_payment(
    sandbox: SandboxHandle, tmp_path: Path
) -> None:
    async def first_run() -> tuple[str, str]:
        till = open_till(sandbox, tmp_path)
        till.service.start()
        sale_id = await till.service.start_phone_sale(free_cart(), PHONE)
        payment_id = till.sale(sale_id).payment_id
        assert payment_id is not None
        await till.close()
        return sale_id, payment_id

    sale_id, payment_id = run(first_run())
    sandbox.pay(payment_id)  # while the app is down

    async def second_run() -> None:
        till = open_till(sandbox, tmp_path)
        resumed = await till.service.resume()
        assert [s.sale_id for s in resumed] == [sale_id]
        paid = await until_state(till, sale_id, SaleState.PAID)
        assert paid.payment_id == payment_id
        await till.close()

    run(second_run())
    assert len(server_invoices(sandbox)) == 1


def test_crash_during_create_is_reconciled_on_start(sandbox: SandboxHandle, tmp_path: Path) -> None:
    # Two sales journaled CREATING by a till that died before reading the answers; the first
    # create reached the server, the second did not.
    journal = SalesJournal(open_journal(tmp_path))
    reached = journal.create(
        provider="apipay",
        method="phone",
        cart=free_cart("100"),
        amount=free_cart("100").total,
        phone=PHONE,
    )
    lost = journal.create(
        provider="apipay",
        method="phone",
        cart=free_cart("200"),
        amount=free_cart("200").total,
        phone=PHONE,
    )
    journal.connection.close()
    with sandbox.api() as api:
        answer = api.post(
            "/invoices",
            json={
                "amount": 100,
                "phone_number": PHONE.apipay,
                "external_order_id": reached.sale_id,
                "external_order_id_idempotency": reached.sale_id,
            },
        )
        answer.raise_for_status()

    async def restart() -> None:
        till = open_till(sandbox, tmp_path)
        await till.service.resume()
        found = till.sale(reached.sale_id)
        assert found.state == SaleState.WAITING
        assert found.payment_id == str(answer.json()["id"])
        assert reached.sale_id in till.service.watcher.watched
        gone = till.sale(lost.sale_id)
        assert gone.state == SaleState.FAILED
        assert gone.error_code == NOT_CREATED
        offered = till.of_kind(CheckoutEventKind.CART_OFFERED_BACK)
        assert [e.sale.sale_id for e in offered if e.sale] == [lost.sale_id]
        for sale_id in (reached.sale_id, lost.sale_id):
            assert _states(till.journal, sale_id)[:2] == [SaleState.CREATING, SaleState.UNKNOWN]
        sandbox.pay(found.payment_id or "")
        await until_state(till, reached.sale_id, SaleState.PAID)
        await till.close()

    run(restart())
    assert creates(sandbox) and len(creates(sandbox)) == 1  # only the test's own create


def test_new_qr_keeps_watching_the_old_one_and_reports_a_double_payment(
    sandbox: SandboxHandle, tmp_path: Path
) -> None:
    async def scenario() -> None:
        till = open_till(sandbox, tmp_path)
        till.service.start()
        first = await till.service.start_qr_sale(free_cart("3000"))
        # "New QR" clicked twice: one new invoice.
        second, again = await asyncio.gather(till.service.new_qr(first), till.service.new_qr(first))
        assert second == again != first
        old, new = till.sale(first), till.sale(second)
        assert new.group_id == old.group_id == first
        assert new.qr_url and new.qr_url != old.qr_url
        assert {first, second} <= set(till.service.watcher.watched)
        assert old.payment_id and new.payment_id
        sandbox.pay(old.payment_id)
        sandbox.pay(new.payment_id)
        await until_state(till, first, SaleState.PAID)
        await until_state(till, second, SaleState.PAID)
        await until(lambda: bool(till.of_kind(CheckoutEventKind.DOUBLE_PAYMENT)), "double payment")
        [event] = till.of_kind(CheckoutEventKind.DOUBLE_PAYMENT)
        assert event.sale and event.other
        assert {event.sale.sale_id, event.other.sale_id} == {first, second}
        await till.close()

    run(scenario())
    assert len(creates(sandbox, "/invoices/qr")) == 2

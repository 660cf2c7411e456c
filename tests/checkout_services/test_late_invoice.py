"""A create that reaches the server after reconciliation found no invoice: never orphaned.

The sandbox cannot hold a request back until *after* its client gave up (its ``delay`` fault
waits before reading the body, and the body is gone once the client has hung up), so the
late arrival is played by the test: it sends the till's own create — same order id, same
idempotency key — to the sandbox over HTTP after the sale was failed.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from pos_app.domain.sale import SaleState
from pos_app.journal.db import open_journal
from pos_app.journal.sales import NOT_CREATED, SalesJournal
from pos_app.services.checkout import CheckoutEventKind
from tests.checkout_services.helpers import (
    FAST,
    PHONE,
    Till,
    free_cart,
    in_thread,
    open_till,
    run,
    server_invoices,
    until,
    until_state,
)
from tests.fixtures.sandbox import SandboxHandle

#: Late look-ups spread over ~40 s (the real ones: minutes); the test needs only one to land
#: after its late create.
LATE = replace(FAST, late_check_after=(0.2, 0.5, 1.0, 2.0, 4.0, 8.0, 15.0, 40.0))


def _late_create(sandbox: SandboxHandle, order_id: str, amount: str = "1500") -> int:
    """The till's create arriving late: same order id and idempotency key."""
    with sandbox.api() as api:
        answer = api.post(
            "/invoices",
            json={
                "phone_number": PHONE.apipay,
                "amount": amount,
                "external_order_id": order_id,
                "external_order_id_idempotency": order_id,
            },
        )
        answer.raise_for_status()
        invoice_id: int = answer.json()["id"]
    return invoice_id


async def _failed_sale(till: Till, sandbox: SandboxHandle) -> str:
    """A phone sale whose two sends were dropped: reconciled to "no invoice", FAILED."""
    sandbox.inject_fault("drop_before", method="POST", path="/invoices", count=2)
    sale_id = await till.service.start_phone_sale(free_cart(), PHONE)
    sale = till.sale(sale_id)
    assert sale.state == SaleState.FAILED and sale.error_code == NOT_CREATED
    assert till.of_kind(CheckoutEventKind.CART_OFFERED_BACK)
    assert sale_id in till.service.watcher.late_checks  # looked up again for a while
    return sale_id


def test_a_late_invoice_is_adopted_and_its_payment_seen(
    sandbox: SandboxHandle, tmp_path: Path
) -> None:
    async def scenario() -> tuple[str, int]:
        till = open_till(sandbox, tmp_path, settings=LATE)
        till.service.start()
        sale_id = await _failed_sale(till, sandbox)
        invoice_id = await in_thread(_late_create, sandbox, sale_id)
        waiting = await until_state(till, sale_id, SaleState.WAITING)
        assert waiting.payment_id == str(invoice_id)
        assert waiting.error_code is None
        assert sale_id in till.service.watcher.watched
        await in_thread(sandbox.pay, invoice_id)
        await until_state(till, sale_id, SaleState.PAID)
        shown = [
            e.sale.state
            for e in till.of_kind(CheckoutEventKind.SALE_CHANGED)
            if e.sale is not None and e.sale.sale_id == sale_id
        ]
        assert shown[-2:] == [SaleState.WAITING, SaleState.PAID]
        notes = [e.note for e in till.journal.events(sale_id)]
        assert f"late invoice {invoice_id} adopted" in notes
        await till.close()
        return sale_id, invoice_id

    sale_id, invoice_id = run(scenario())
    assert [i["id"] for i in server_invoices(sandbox, sale_id)] == [invoice_id]


def test_a_late_invoice_already_paid_makes_the_sale_paid(
    sandbox: SandboxHandle, tmp_path: Path
) -> None:
    async def scenario() -> None:
        till = open_till(sandbox, tmp_path, settings=LATE)
        till.service.start()
        sale_id = await _failed_sale(till, sandbox)
        invoice_id = await in_thread(_late_create, sandbox, sale_id)
        await in_thread(sandbox.pay, invoice_id)
        paid = await until_state(till, sale_id, SaleState.PAID)
        assert paid.payment_id == str(invoice_id)
        assert any(
            e.sale is not None and e.sale.sale_id == sale_id and e.sale.state == SaleState.PAID
            for e in till.of_kind(CheckoutEventKind.SALE_CHANGED)
        )
        await till.close()

    run(scenario())


def test_a_late_phone_invoice_after_a_re_ring_is_cancelled_and_reported(
    sandbox: SandboxHandle, tmp_path: Path
) -> None:
    async def scenario() -> tuple[str, str, int]:
        till = open_till(sandbox, tmp_path, settings=LATE)
        till.service.start()
        failed_id = await _failed_sale(till, sandbox)
        [offer] = till.of_kind(CheckoutEventKind.CART_OFFERED_BACK)
        assert offer.cart is not None
        # The cashier rings the offered cart up again: a NEW order id ...
        retry_id = await till.service.start_phone_sale(offer.cart, PHONE)
        assert retry_id != failed_id and till.sale(retry_id).state == SaleState.WAITING
        # ... and only then does the old create arrive.
        invoice_id = await in_thread(_late_create, sandbox, failed_id)
        await until(
            lambda: bool(till.of_kind(CheckoutEventKind.LATE_INVOICE)), "the late invoice report"
        )
        [report] = till.of_kind(CheckoutEventKind.LATE_INVOICE)
        assert report.sale is not None and report.sale.sale_id == failed_id
        assert report.other is not None and report.other.sale_id == retry_id
        assert report.error is None
        failed = till.sale(failed_id)
        assert failed.state == SaleState.FAILED and failed.payment_id == str(invoice_id)
        assert till.sale(retry_id).state == SaleState.WAITING  # the re-rung sale goes on
        await till.close()
        return failed_id, retry_id, invoice_id

    failed_id, retry_id, invoice_id = run(scenario())
    [late] = server_invoices(sandbox, failed_id)
    assert late["id"] == invoice_id and late["status"] == "cancelled"
    assert len(server_invoices(sandbox, retry_id)) == 1


def test_late_checks_survive_a_restart(sandbox: SandboxHandle, tmp_path: Path) -> None:
    async def first_run() -> str:
        till = open_till(sandbox, tmp_path, settings=LATE)
        sale_id = await _failed_sale(till, sandbox)
        await till.close()  # the app stops before any late look-up
        return sale_id

    sale_id = run(first_run())
    invoice_id = _late_create(sandbox, sale_id)

    async def second_run() -> None:
        till = open_till(sandbox, tmp_path, settings=LATE)
        await till.service.resume()
        assert sale_id in till.service.watcher.late_checks
        waiting = await until_state(till, sale_id, SaleState.WAITING)
        assert waiting.payment_id == str(invoice_id)
        await till.close()

    run(second_run())


def test_late_look_ups_are_bounded(sandbox: SandboxHandle, tmp_path: Path) -> None:
    quick = replace(FAST, late_check_after=(0.05, 0.1, 0.2))

    async def scenario() -> int:
        till = open_till(sandbox, tmp_path, settings=quick)
        till.service.start()
        sale_id = await _failed_sale(till, sandbox)
        before = len(sandbox.requests(method="GET", path="/invoices"))
        await until(lambda: sale_id not in till.service.watcher.late_checks, "the last look-up")
        after = len(sandbox.requests(method="GET", path="/invoices"))
        journal = SalesJournal(open_journal(tmp_path))
        assert journal.get(sale_id).state == SaleState.FAILED
        journal.connection.close()
        await till.close()
        return after - before

    assert run(scenario()) == 3

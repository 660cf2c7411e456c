"""What the cashier sees when a failed sale's invoice turns up late, or a cancel is refused.

A late invoice is produced as in ``tests/checkout_services/test_late_invoice.py``: the sale's
two sends are dropped before the server reads them (reconciled to "no invoice", FAILED), the
cashier rings the cart up again, and the test then sends the till's own create — same order
id and idempotency key — over HTTP as the late arrival.
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from pos_app.domain.sale import SaleState
from pos_app.journal.sales import NOT_CREATED
from pos_app.payments.errors import ConflictError
from tests.checkout_ui.conftest import Till, tr
from tests.checkout_ui.test_payment_flow import send_phone_sale

CONTEXT = "CheckoutController"
DIGITS = "87001234567"


def _late_create(till: Till, order_id: str, amount: str = "1500") -> str:
    """The failed sale's create reaching the server late: same order id and idempotency key."""
    with till.sandbox.api() as api:
        answer = api.post(
            "/invoices",
            json={
                "phone_number": DIGITS,
                "amount": amount,
                "external_order_id": order_id,
                "external_order_id_idempotency": order_id,
            },
        )
        answer.raise_for_status()
        return str(answer.json()["id"])


def _failed_then_rung_again(till: Till) -> tuple[str, str]:
    """A phone sale whose sends were all dropped (FAILED), then "Try again": the re-rung sale."""
    till.sandbox.inject_fault("drop_before", method="POST", path="/invoices", count=2)
    till.ring_up()
    dialog = till.open_phone_dialog()
    till.qtbot.keyClicks(dialog.phone_input, DIGITS)
    till.qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
    till.wait_status("Payment failed")
    failed = till.sale()
    assert failed.state == SaleState.FAILED and failed.error_code == NOT_CREATED

    till.qtbot.mouseClick(till.screen.retry_button, Qt.MouseButton.LeftButton)
    dialog = till.controller.phone_dialog
    assert dialog is not None
    till.qtbot.waitExposed(dialog)
    till.qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
    retry = till.wait_waiting()
    assert retry.sale_id != failed.sale_id
    return failed.sale_id, retry.sale_id


def _arrive_late(till: Till, failed_id: str) -> str:
    invoice_id = _late_create(till, failed_id)
    # The real late look-ups start 15 s after the failure; bring them forward through the
    # watcher's own API so the test does not sit out the schedule.
    till.controller.service.watcher.check_late(failed_id, after=(0.1, 0.5, 1.0, 2.0, 4.0))
    return invoice_id


def _invoice_status(till: Till, invoice_id: str) -> str:
    with till.sandbox.api() as api:
        answer = api.get(f"/invoices/{invoice_id}")
        answer.raise_for_status()
        return str(answer.json()["status"])


def test_a_late_invoice_cancelled_after_a_re_ring_is_reported_on_the_payment_screen(
    till: Till,
) -> None:
    failed_id, retry_id = _failed_then_rung_again(till)
    invoice_id = _arrive_late(till, failed_id)

    intro = tr("An earlier invoice for this cart reached the payment service late.", CONTEXT)
    cancelled = tr("It was cancelled, so the customer cannot pay it twice.", CONTEXT)
    message = till.screen.message_label
    till.wait_for(lambda: message.isVisibleTo(till.screen) and intro in message.text())
    assert cancelled in message.text()
    assert _invoice_status(till, invoice_id) == "cancelled"
    # The re-rung sale stays on screen and goes on waiting.
    assert till.controller.current_sale_id == retry_id
    assert till.sale().state == SaleState.WAITING
    till.wait_status("Waiting for the customer to confirm in Kaspi")


def test_a_late_invoice_cancelled_while_at_the_counter_is_reported_there(till: Till) -> None:
    failed_id, _retry_id = _failed_then_rung_again(till)
    # Back to the counter while the re-rung sale waits.
    till.qtbot.mouseClick(till.screen.back_button, Qt.MouseButton.LeftButton)
    assert till.app.window.screen_stack.currentWidget() is till.counter
    _arrive_late(till, failed_id)

    cancelled = tr("It was cancelled, so the customer cannot pay it twice.", CONTEXT)
    line = till.counter.message
    till.wait_for(lambda: line.isVisibleTo(till.counter) and cancelled in line.text())
    assert till.app.window.screen_stack.currentWidget() is till.counter  # not pulled away


def test_a_refused_cancel_shows_why_and_the_sale_waits_again(
    till: Till, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The sandbox cannot be made to refuse the cancel of a pending invoice; the provider's
    # cancel is replaced by ApiPay's refusal (a 400 "invoice_not_cancellable"). Everything
    # else — the service, the journal, the polls — is real.
    async def refuse(payment_id: str) -> Any:
        raise ConflictError(error_code="invoice_not_cancellable", status_code=400)

    monkeypatch.setattr(till.controller.service.provider, "cancel_payment", refuse)
    sale = send_phone_sale(till)
    till.qtbot.mouseClick(till.screen.cancel_button, Qt.MouseButton.LeftButton)
    box = till.controller.confirm_box
    assert box is not None
    till.qtbot.waitExposed(box)
    yes = box.findChild(type(till.screen.cancel_button), "confirmCancelButton")
    till.qtbot.mouseClick(yes, Qt.MouseButton.LeftButton)

    prefix = tr("The payment was not cancelled: {reason}", CONTEXT).split("{reason}")[0]
    message = till.screen.message_label
    till.wait_for(lambda: message.isVisibleTo(till.screen) and message.text().startswith(prefix))
    reason = message.text()[len(prefix) :]
    assert reason.strip()  # the provider's reason, in the cashier's words
    till.wait_status("Waiting for the customer to confirm in Kaspi")
    assert till.screen.cancel_button.isEnabled()

    till.sandbox.pay(sale.payment_id)  # still watched: the customer can pay it
    till.wait_status("Paid")

"""Faults, restarts and impatient cashiers: never a lost sale, never a second invoice."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from pos_app.app import build_application
from pos_app.domain.money import format_amount
from pos_app.domain.sale import SaleState
from pos_app.ui.checkout.customer_display import CustomerTexts
from tests.checkout_ui.conftest import Till, tr
from tests.checkout_ui.test_payment_flow import send_phone_sale


def test_connection_dropped_after_create_gives_one_invoice(till: Till) -> None:
    # The server creates the invoice, then the connection closes before the answer.
    till.sandbox.inject_fault("drop_after", method="POST", path="/invoices")
    sale = send_phone_sale(till)  # reconciled by order id: waiting, not failed
    assert sale.payment_id is not None
    assert len(till.creates()) == 1
    till.sandbox.pay(sale.payment_id)
    till.wait_status("Paid")
    assert till.counter.session.cart.is_empty
    assert len(till.creates()) == 1


def test_app_killed_while_waiting_resumes_and_sees_paid(
    till: Till, run_async: Callable[..., Any], qtbot: Any
) -> None:
    sale = send_phone_sale(till)
    options = till.app.options
    run_async(till.app.shutdown())

    again = build_application(replace(options))
    try:
        again.show()
        resumed = Till(again, till.sandbox, qtbot)
        resumed.wait_for(lambda: resumed.controller.current_sale_id == sale.sale_id)
        assert resumed.on_payment_screen()
        assert not resumed.counter.session.cart.is_empty  # the cart came back from the journal
        resumed.wait_status("Waiting for the customer to confirm in Kaspi")
        till.sandbox.pay(sale.payment_id)
        resumed.wait_status("Paid")
        assert resumed.counter.session.cart.is_empty
        assert len(resumed.creates()) == 1
    finally:
        run_async(again.shutdown())


def test_rate_limited_polls_show_retrying_then_continue(till: Till) -> None:
    sale = send_phone_sale(till)
    # Every status poll refused for a while (the client's own retries included).
    till.sandbox.inject_fault(
        "rate_limit_429", method="POST", path="/invoices/status/check", count=8, retry_after=1
    )
    till.wait_status("Connection lost, retrying…")
    assert till.screen.detail_label.text()
    assert till.screen.cancel_button.isVisibleTo(till.screen)  # the screen stays usable
    till.sandbox.pay(sale.payment_id)
    till.wait_status("Paid")
    assert till.counter.session.cart.is_empty


def test_server_errors_and_offline_never_freeze_the_screen(till: Till) -> None:
    sale = send_phone_sale(till)
    till.sandbox.inject_fault(
        "unavailable_503", method="POST", path="/invoices/status/check", count=6
    )
    till.sandbox.inject_fault("drop_before", method="POST", path="/invoices/status/check", count=6)
    till.wait_status("Connection lost, retrying…")
    till.sandbox.pay(sale.payment_id)
    till.wait_status("Paid")


def test_double_activation_gives_one_qr_invoice(till: Till) -> None:
    till.ring_up()
    button = till.counter.pay_qr_button
    button.click()
    button.click()  # the second click of a double click
    till.counter.request_pay("qr")  # F12 on top
    till.wait_waiting()
    till.counter.request_pay("qr")
    assert len(till.creates()) == 1


def test_double_send_and_enter_held_give_one_phone_invoice(till: Till) -> None:
    till.ring_up()
    dialog = till.open_phone_dialog()
    till.qtbot.keyClicks(dialog.phone_input, "87001234567")
    till.qtbot.keyClick(dialog.phone_input, Qt.Key.Key_Return)
    # Enter held down (auto-repeat) and two fast clicks, before the dialog is gone.
    for _ in range(3):
        repeat = QKeyEvent(
            QEvent.Type.KeyPress, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier, "\r", True
        )
        QApplication.sendEvent(dialog.phone_input, repeat)
    dialog.send_button.click()
    dialog.send_button.click()
    till.wait_waiting()
    assert len(till.creates()) == 1


def test_invalid_phones_are_rejected_with_messages(till: Till) -> None:
    till.ring_up()
    dialog = till.open_phone_dialog()
    field = dialog.phone_input

    def typed(text: str) -> str:
        field.clear()
        till.qtbot.keyClicks(field, text)
        return str(dialog.phone_message.text())

    assert typed("+7 495 123 45 67") == tr("This is not a Kazakhstan mobile number", "Domain")
    assert not dialog.send_button.isEnabled()
    assert typed("8700123") == tr("%n more digit(s)", "PhoneDialog", 4)
    assert not dialog.send_button.isEnabled()
    assert typed("87001234567890") == tr(
        "A mobile number has 10 digits after +7 or 8, like +7 700 123 45 67", "Domain"
    )
    assert typed("8700abc4567") == tr(
        "A phone number may contain only digits, spaces, +, brackets and -", "Domain"
    )
    assert not dialog.send_button.isEnabled()
    till.qtbot.keyClick(field, Qt.Key.Key_Return)  # Enter on an invalid number sends nothing
    assert dialog.isVisible()

    # A pasted number in any usual shape is accepted and shown in the mask.
    field.clear()
    field.insert("8 (701) 765 43 21")  # what a paste does
    field.textEdited.emit(field.text())
    assert field.text() == "+7 (701) 765-43-21"
    assert dialog.send_button.isEnabled()
    assert len(till.creates()) == 0


def test_check_client_shows_name_or_no_kaspi(till: Till) -> None:
    till.ring_up()
    dialog = till.open_phone_dialog()
    till.qtbot.keyClicks(dialog.phone_input, "87770000001")
    till.qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    till.wait_for(lambda: "Иван И." in dialog.client_label.text())
    assert dialog.client_label.property("role") == "ok"

    dialog.phone_input.clear()
    till.qtbot.keyClicks(dialog.phone_input, "87770000002")
    till.qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    till.wait_for(lambda: dialog.client_label.property("role") == "error")
    assert dialog.client_label.property("role") == "error"


def test_description_past_60_characters_warns(till: Till) -> None:
    till.ring_up()
    dialog = till.open_phone_dialog()
    till.qtbot.keyClicks(dialog.description_input, "x" * 61)
    assert dialog.description_hint.text().startswith("61/60")
    assert dialog.description_hint.property("role") == "warning"


def test_new_qr_keeps_watching_the_old_one_and_offers_refund_of_double_payment(
    till: Till,
) -> None:
    till.ring_up()
    till.counter.pay_qr_button.click()
    first = till.wait_waiting()
    till.qtbot.mouseClick(till.screen.new_qr_button, Qt.MouseButton.LeftButton)
    till.wait_for(lambda: till.controller.current_sale_id not in (None, first.sale_id))
    second = till.wait_waiting()
    assert second.qr_url and second.qr_url != first.qr_url
    assert till.screen.qr_view.text == second.qr_url
    assert first.sale_id in till.controller.service.watcher.watched  # the old one still counts

    till.sandbox.pay(first.payment_id)  # the customer had scanned the old code
    till.wait_status("Paid")
    assert till.controller.current_sale_id == first.sale_id
    till.sandbox.pay(second.payment_id)  # … and then the new one too
    till.wait_for(lambda: till.controller.double_payment_box is not None)
    box = till.controller.double_payment_box
    assert box is not None
    with till.qtbot.waitSignal(till.controller.refundRequested, timeout=30_000) as refunded:
        till.qtbot.mouseClick(
            box.findChild(QWidget, "refundDoubleButton"), Qt.MouseButton.LeftButton
        )
    assert refunded.args == [second.payment_id]
    refunds = till.sandbox.requests(method="POST", path=f"/invoices/{second.payment_id}/refund")
    assert len(refunds) == 1
    assert till.controller.service.sale(first.sale_id).state == SaleState.PAID


def test_customer_display_switches_language(till: Till) -> None:
    till.ring_up("1500.50")
    display = till.display
    assert display.page == "cart"
    for language in ("ru", "en", "kk"):
        till.qtbot.mouseClick(display.language_buttons[language], Qt.MouseButton.LeftButton)
        assert display.language == language
        assert display.page == "cart"  # the same page, redrawn
        assert display.total_label.text() == format_amount(Decimal("1500.50"), language)
        assert [c for c, b in display.language_buttons.items() if b.isChecked()] == [language]
    till.qtbot.mouseClick(display.language_buttons["en"], Qt.MouseButton.LeftButton)
    assert display.total_caption.text() == "Total"
    # The display's own translator per language, whatever the cashier's language is.
    for language in ("ru", "kk"):
        texts = CustomerTexts(language)
        assert texts.has_catalogue
        till.qtbot.mouseClick(display.language_buttons[language], Qt.MouseButton.LeftButton)
        assert display.total_caption.text() == texts.text("Total")


def test_lost_create_answer_shows_checking_until_the_lookup_works(till: Till) -> None:
    till.sandbox.inject_fault("drop_after", method="POST", path="/invoices/qr")
    # The look-up by order id fails too for a while (more than the client's own retries).
    till.sandbox.inject_fault("error_500", method="GET", path="/invoices", count=10)
    till.ring_up()
    till.counter.pay_qr_button.click()
    till.wait_status("Checking an unknown result…")
    assert till.sale().state == SaleState.UNKNOWN
    sale = till.wait_waiting()  # reconciled once the server answers again
    assert len(till.creates()) == 1
    till.sandbox.pay(sale.payment_id)
    till.wait_status("Paid")


def test_back_to_cart_while_waiting_then_paid_comes_back(till: Till) -> None:
    sale = send_phone_sale(till)
    till.qtbot.mouseClick(till.screen.back_button, Qt.MouseButton.LeftButton)
    assert till.app.window.screen_stack.currentWidget() is till.counter
    # Pay again on the same cart: the waiting sale is shown, no second invoice.
    till.counter.pay_qr_button.click()
    till.wait_for(lambda: till.controller.current_sale_id == sale.sale_id)
    till.qtbot.mouseClick(till.screen.back_button, Qt.MouseButton.LeftButton)
    till.sandbox.pay(sale.payment_id)
    till.wait_for(lambda: till.controller.current_sale_id == sale.sale_id)
    till.wait_status("Paid")
    assert till.on_payment_screen()
    assert till.counter.session.cart.is_empty
    assert len(till.creates()) == 1

"""From "Pay" to "Paid" in the real window against the sandbox: phone and QR sales, their ends."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from pos_app.domain.money import format_amount
from pos_app.domain.sale import SaleState
from tests.checkout_ui.conftest import Till, tr

Shot = Callable[[QWidget, str], Path]


def send_phone_sale(till: Till, digits: str = "87001234567", description: str = "") -> Any:
    """Ring up, open the phone dialog, type the number with keys, send; the sale waits."""
    till.ring_up()
    dialog = till.open_phone_dialog()
    till.qtbot.keyClicks(dialog.phone_input, digits)
    if description:
        till.qtbot.keyClicks(dialog.description_input, description)
    till.qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
    return till.wait_waiting()


def test_phone_sale_is_paid_and_the_cart_cleared(till: Till, screenshot: Shot) -> None:
    till.ring_up("2500", "Latte")
    dialog = till.open_phone_dialog()
    till.qtbot.keyClicks(dialog.phone_input, "87001234567")
    assert dialog.phone_input.text() == "+7 (700) 123-45-67"
    assert dialog.send_button.isEnabled()
    till.qtbot.keyClicks(dialog.description_input, "Order 15")
    screenshot(dialog, "phone_dialog")
    till.qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)

    sale = till.wait_waiting()
    assert till.on_payment_screen()
    assert sale.method == "phone" and sale.description == "Order 15"
    assert till.screen.status_label.text() == tr("Waiting for the customer to confirm in Kaspi")
    assert "+7 (700) ***-**-67" in till.screen.phone_info_label.text()
    assert till.screen.cancel_button.isVisibleTo(till.screen)
    assert not till.counter.session.cart.is_empty  # kept until paid

    till.sandbox.pay(sale.payment_id)
    till.wait_status("Paid")
    assert till.screen.paid_mark.isVisibleTo(till.screen)
    assert till.screen.new_sale_button.isVisibleTo(till.screen)
    assert not till.screen.cancel_button.isVisibleTo(till.screen)
    assert till.counter.session.cart.is_empty
    assert till.display.page == "paid"
    screenshot(till.app.window, "paid")
    till.display.resize(1024, 640)
    screenshot(till.display, "customer_display_paid")

    till.qtbot.mouseClick(till.screen.new_sale_button, Qt.MouseButton.LeftButton)
    assert till.app.window.screen_stack.currentWidget() is till.counter
    assert till.display.page == "welcome"
    assert len(till.creates()) == 1


def test_qr_sale_shows_a_sharp_qr_with_countdown_and_is_paid(till: Till, screenshot: Shot) -> None:
    till.ring_up("1500", "Cappuccino")
    till.ring_up("890.50", "Croissant")
    till.display.resize(1024, 640)
    screenshot(till.display, "customer_display_cart")
    assert till.display.page == "cart"
    till.counter.pay_qr_button.click()
    sale = till.wait_waiting()
    assert sale.method == "qr" and sale.qr_url
    till.wait_for(lambda: till.screen.qr_view.text == sale.qr_url)
    assert till.screen.qr_view.module_count >= 21
    assert till.screen.qr_countdown_label.text().startswith(tr("Scan within {time}")[:-6])
    assert till.screen.new_qr_button.isVisibleTo(till.screen)
    # ApiPay cannot cancel a QR invoice: no button that could only fail.
    assert not till.screen.cancel_button.isVisibleTo(till.screen)
    assert till.display.page == "pay"
    assert till.display.qr_view.text == sale.qr_url
    assert till.display.pay_amount.text() == format_amount(
        Decimal("2390.50"), till.display.language
    )
    screenshot(till.app.window, "qr_screen")
    screenshot(till.display, "customer_display_qr")

    till.sandbox.pay(sale.payment_id)
    till.wait_status("Paid")
    assert till.counter.session.cart.is_empty
    assert len(till.creates()) == 1


def test_expired_offers_try_again_with_the_same_cart(till: Till) -> None:
    till.ring_up("700")
    till.counter.pay_qr_button.click()
    first = till.wait_waiting()
    till.sandbox.expire(first.payment_id)
    till.wait_status("Expired")
    assert till.screen.retry_button.isVisibleTo(till.screen)
    assert till.screen.back_button.isVisibleTo(till.screen)
    assert not till.screen.new_sale_button.isVisibleTo(till.screen)
    assert not till.counter.session.cart.is_empty
    assert till.display.page == "not_completed"

    till.qtbot.mouseClick(till.screen.retry_button, Qt.MouseButton.LeftButton)
    second = till.wait_waiting()
    assert second.sale_id != first.sale_id
    assert second.amount == first.amount
    till.sandbox.pay(second.payment_id)
    till.wait_status("Paid")
    assert len(till.creates()) == 2


def test_cancel_button_asks_then_cancels(till: Till) -> None:
    sale = send_phone_sale(till)
    till.qtbot.mouseClick(till.screen.cancel_button, Qt.MouseButton.LeftButton)
    box = till.controller.confirm_box
    assert box is not None and box.isVisible()
    # "Keep waiting" changes nothing.
    keep = box.findChild(QWidget, "keepWaitingButton")
    till.qtbot.mouseClick(keep, Qt.MouseButton.LeftButton)
    assert till.sale().state == SaleState.WAITING
    assert till.controller.confirm_box is None

    till.qtbot.mouseClick(till.screen.cancel_button, Qt.MouseButton.LeftButton)
    box = till.controller.confirm_box
    assert box is not None
    confirm = box.findChild(QWidget, "confirmCancelButton")
    till.qtbot.mouseClick(confirm, Qt.MouseButton.LeftButton)
    till.wait_status("Cancelled")
    assert till.sale().sale_id == sale.sale_id
    assert till.screen.retry_button.isVisibleTo(till.screen)

    till.qtbot.mouseClick(till.screen.back_button, Qt.MouseButton.LeftButton)
    assert till.app.window.screen_stack.currentWidget() is till.counter
    assert not till.counter.session.cart.is_empty  # the same cart, ready to pay again
    assert till.display.page == "cart"


def test_customer_declines(till: Till) -> None:
    sale = send_phone_sale(till)
    till.sandbox.decline(sale.payment_id)
    till.wait_status("The customer declined the payment")
    assert till.screen.retry_button.isVisibleTo(till.screen)

    # Try again opens the phone dialog with the same number.
    till.qtbot.mouseClick(till.screen.retry_button, Qt.MouseButton.LeftButton)
    dialog = till.controller.phone_dialog
    assert dialog is not None
    assert dialog.phone_input.text() == "+7 (700) 123-45-67"
    assert dialog.send_button.isEnabled()


def test_number_without_kaspi_fails_with_a_reason(till: Till) -> None:
    send_phone_sale_no_wait(till, "87770000002")
    till.wait_status("Payment failed")
    assert till.screen.detail_label.text()
    assert till.screen.retry_button.isVisibleTo(till.screen)


def send_phone_sale_no_wait(till: Till, digits: str) -> None:
    till.ring_up()
    dialog = till.open_phone_dialog()
    till.qtbot.keyClicks(dialog.phone_input, digits)
    till.qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
    till.wait_for(lambda: till.controller.current_sale_id is not None)

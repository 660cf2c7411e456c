"""The manager PIN for refunds: set, change and remove it in the settings; refunds ask for it."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt

from pos_app.domain.sale import SaleState

WAIT_MS = 30_000
Click = Qt.MouseButton.LeftButton


def _type_pins(qtbot: Any, dialog: Any, new: str, again: str, current: str = "") -> None:
    for field, text in (
        (dialog.current_pin_input, current),
        (dialog.new_pin_input, new),
        (dialog.repeat_pin_input, again),
    ):
        field.clear()
        qtbot.keyClicks(field, text)


def test_set_change_and_remove_the_pin_in_the_settings(app_instance: Any, qtbot: Any) -> None:
    app = app_instance
    dialog = app.show_settings()
    qtbot.waitExposed(dialog)
    assert not dialog.remove_pin_button.isVisible()
    assert not dialog.current_pin_input.isVisible()  # nothing to confirm yet
    assert dialog.new_pin_input.echoMode() == dialog.new_pin_input.EchoMode.Password

    _type_pins(qtbot, dialog, "12", "12")
    qtbot.mouseClick(dialog.set_pin_button, Click)
    assert "4 to 8 digits" in dialog.pin_message.text()
    assert dialog.pin_message.property("state") == "error"
    qtbot.keyClicks(dialog.new_pin_input, "abc")  # letters are not even accepted
    assert dialog.new_pin_input.text() == "12"

    _type_pins(qtbot, dialog, "2468", "2469")
    qtbot.mouseClick(dialog.set_pin_button, Click)
    assert "differ" in dialog.pin_message.text()
    assert app.config.get("refund_pin_hash") == ""

    _type_pins(qtbot, dialog, "2468", "2468")
    qtbot.mouseClick(dialog.set_pin_button, Click)
    assert dialog.pin_message.property("state") == "ok"
    stored = app.config.get("refund_pin_hash")
    assert stored and "2468" not in stored  # only the salted hash
    assert "2468" not in app.config.path.read_text(encoding="utf-8")
    assert dialog.current_pin_input.isVisible() and dialog.remove_pin_button.isVisible()
    assert dialog.new_pin_input.text() == ""  # the PIN does not linger in a field

    # Changing it needs the current PIN.
    _type_pins(qtbot, dialog, "13579", "13579", current="0000")
    qtbot.mouseClick(dialog.set_pin_button, Click)
    assert "current PIN is wrong" in dialog.pin_message.text()
    assert app.config.get("refund_pin_hash") == stored
    _type_pins(qtbot, dialog, "13579", "13579", current="2468")
    qtbot.mouseClick(dialog.set_pin_button, Click)
    assert app.config.get("refund_pin_hash") not in ("", stored)

    # So does removing it.
    _type_pins(qtbot, dialog, "", "", current="2468")
    qtbot.mouseClick(dialog.remove_pin_button, Click)
    assert "current PIN is wrong" in dialog.pin_message.text()
    _type_pins(qtbot, dialog, "", "", current="13579")
    qtbot.mouseClick(dialog.remove_pin_button, Click)
    assert app.config.get("refund_pin_hash") == ""
    assert not dialog.remove_pin_button.isVisible()
    dialog.reject()


def test_a_pin_set_in_the_settings_is_asked_by_the_refund_dialog(
    app_instance: Any, sandbox: Any, qtbot: Any
) -> None:
    app = app_instance
    settings = app.show_settings()
    _type_pins(qtbot, settings, "8642", "8642")
    qtbot.mouseClick(settings.set_pin_button, Click)
    settings.reject()

    # A paid QR sale.
    window = app.window
    counter, controller = window.counter_screen, window.checkout
    counter.session.add_free_amount(Decimal("900"), "Tea")
    counter.pay_qr_button.click()

    def waiting() -> bool:
        sale_id = controller.current_sale_id
        sale = controller.service.sale(sale_id) if sale_id else None
        return bool(sale and sale.state == SaleState.WAITING and sale.payment_id)

    qtbot.waitUntil(waiting, timeout=WAIT_MS)
    sale = controller.service.sale(controller.current_sale_id)
    sandbox.pay(sale.payment_id)
    qtbot.waitUntil(
        lambda: controller.service.sale(sale.sale_id).state == SaleState.PAID, timeout=WAIT_MS
    )

    window.show_history()
    history = window.history_screen
    qtbot.waitUntil(lambda: not history.model._loading, timeout=WAIT_MS)
    rows = [n for n, r in enumerate(history.model.rows()) if r.state == SaleState.PAID]
    history.view.selectRow(rows[0])
    qtbot.waitUntil(lambda: history.detail.detail is not None, timeout=WAIT_MS)
    dialog = history.open_refund_dialog()
    assert dialog is not None and dialog.pin_input.isVisibleTo(dialog)
    qtbot.keyClicks(dialog.pin_input, "1111")
    dialog.confirm()
    assert dialog.pin_error.isVisible() and dialog.record is None
    dialog.pin_input.clear()
    qtbot.keyClicks(dialog.pin_input, "8642")
    dialog.confirm()
    qtbot.waitUntil(lambda: dialog.record is not None, timeout=WAIT_MS)
    dialog.close()

"""Switching the language in the settings re-renders the counter with a full cart at once."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication

from pos_app.domain.money import format_amount
from pos_app.ui.models.cart_model import CartModel
from tests.gallery.helpers import save

WAIT_MS = 30_000


def test_english_to_kazakh_at_runtime(app_instance: Any, qtbot: Any, artifacts_dir: Path) -> None:
    app = app_instance
    app.config.set("language", "en")
    counter = app.window.counter_screen
    qtbot.waitUntil(
        lambda: len(counter.catalog.items) >= 5 and not counter.catalog.refreshing,
        timeout=WAIT_MS,
    )
    for item in counter.catalog.items[:3]:
        counter.add_catalog_item(item.item_id)
    counter.session.add_free_amount(Decimal("12345.50"), "Other")
    total = counter.session.cart.total
    assert counter.total_label.text() == format_amount(total, "en")
    assert counter.pay_phone_button.text() == "Pay by phone (F11)"

    app.config.set("language", "kk")  # what Save in the settings does

    kk = lambda text, context="CounterScreen": QCoreApplication.translate(context, text)  # noqa: E731
    assert kk("Pay by phone (F11)") != "Pay by phone (F11)"  # the Kazakh catalogue is loaded
    assert counter.pay_phone_button.text() == kk("Pay by phone (F11)")
    assert counter.total_caption.text() == kk("Total")
    assert counter.tabs.tabText(0) == kk("Catalog")
    # Money follows Kazakh conventions (space-grouped, decimal comma) in the total and lines.
    assert counter.total_label.text() == format_amount(total, "kk")
    assert counter.total_label.text() != format_amount(total, "en")
    free_line = counter.cart_model.rowCount() - 1
    line_sum = counter.cart_model.index(free_line, CartModel.TOTAL).data()
    assert line_sum == format_amount(Decimal("12345.50"), "kk")
    assert counter.catalog_status.text() == QCoreApplication.translate(
        "CounterScreen", "%n item(s)", "", len(counter.catalog.items)
    )
    # The top bar too.
    assert app.window.history_button.toolTip() == QCoreApplication.translate(
        "MainWindow", "Sales history, refunds and report (F9)"
    )
    qtbot.wait(50)  # let the layouts take the longer texts
    save(app.window, artifacts_dir / "gallery" / "runtime-en-to-kk-counter.png")

"""Every screen of the real window, in English, Russian and Kazakh, light and dark.

One app per language (against the ``sandbox`` fixture, which has the demo catalog); each screen
is saved in both themes to ``<artifacts>/gallery/<lang>-<theme>-<screen>.png`` for a person to
look at. The test asserts what a cashier would notice: a button or one-line label whose text is
cut off, the total not visible, widgets of the top bar overlapping, main actions too small to
hit on a touch screen.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from pos_app.app import Application, AppOptions, build_application
from pos_app.config import Config
from pos_app.domain.sale import SaleState
from tests.gallery.helpers import clipped_texts, overlapping, save, small_buttons

WAIT_MS = 30_000
THEMES = ("light", "dark")


@dataclass
class Gallery:
    """Saves screens in both themes and collects what a person would find wrong."""

    app: Application
    qtbot: Any
    folder: Path
    language: str
    theme: str = "light"
    problems: list[str] = field(default_factory=list)
    saved: list[Path] = field(default_factory=list)

    def shot(self, widget: QWidget, name: str, *, check: bool = True) -> None:
        """Save ``widget`` in the current theme, switch the theme, save it again."""
        for _ in THEMES:
            self.qtbot.wait(30)  # let layouts settle after the style sheet changed
            path = self.folder / f"{self.language}-{self.theme}-{name}.png"
            self.saved.append(save(widget, path))
            if check:
                self.problems += [
                    f"{self.language}/{self.theme}/{name}: {p}" for p in clipped_texts(widget)
                ]
            self.theme = "dark" if self.theme == "light" else "light"
            self.app.theme.apply(self.theme)

    def wait(self, predicate: Callable[[], bool]) -> None:
        self.qtbot.waitUntil(predicate, timeout=WAIT_MS)


@pytest.fixture
def make_app(
    tmp_path: Path, sandbox: Any, memory_keyring: Any, run_async: Callable[..., Any]
) -> Iterator[Callable[[str], Application]]:
    """``make_app(language)``: the whole app on the sandbox, shut down after the test."""
    built: list[Application] = []

    def make(language: str) -> Application:
        data = tmp_path / f"data-{language}"
        # Stored, as the settings dialog would: the register starts in this language.
        Config(data / "settings.ini").set("language", language)
        app = build_application(
            AppOptions(
                data_dir=data,
                base_url=sandbox.base_url,
                api_key=sandbox.api_key,
                keyring_backend=memory_keyring,
                environ={},
                show_welcome=False,
                network_check_seconds=3600,
                theme="light",
            )
        )
        built.append(app)
        app.show()
        return app

    yield make
    for app in built:
        if not app.is_shut_down:
            run_async(app.shutdown())


def _waiting_sale(gallery: Gallery) -> Any:
    controller = gallery.app.window.checkout

    def ready() -> bool:
        sale_id = controller.current_sale_id
        if sale_id is None:
            return False
        sale = controller.service.sale(sale_id)
        return bool(sale.state == SaleState.WAITING and sale.payment_id is not None)

    gallery.wait(ready)
    return controller.service.sale(controller.current_sale_id)


def _sale_state(gallery: Gallery, state: SaleState) -> None:
    controller = gallery.app.window.checkout
    gallery.wait(
        lambda: (
            controller.current_sale_id is not None
            and controller.service.sale(controller.current_sale_id).state == state
        )
    )


def _fill_cart(app: Application, qtbot: Any) -> None:
    counter = app.window.counter_screen
    items = counter.catalog.items
    session = counter.session
    # A parked sale with a label, and one without.
    for item in items[6:8]:
        counter.add_catalog_item(item.item_id)
    counter.park_label.setText("Table 4")
    assert counter.park()
    counter.add_catalog_item(items[9].item_id)
    assert counter.park()
    # The full cart: catalog items, a quantity, a price override, a free amount, 10 %.
    for item in items[:4]:
        counter.add_catalog_item(item.item_id)
    lines = session.cart.lines
    counter.step_quantity(lines[1].line_id, 2)
    session.override_price(lines[2].line_id, Decimal("800"), "Вчерашняя выпечка")
    session.add_free_amount(Decimal("777.77"), "Свободная сумма")
    counter.discount.setText("10")
    assert counter.apply_discount()
    counter.cart_view.select_row(2)
    visible = [i.image_url for i in items[:8] if i.image_url]
    qtbot.waitUntil(
        lambda: all(counter.catalog_model.has_image(u) for u in visible), timeout=WAIT_MS
    )


def _counter_screens(gallery: Gallery) -> None:
    app, window = gallery.app, gallery.app.window
    counter = window.counter_screen
    gallery.wait(lambda: len(counter.catalog.items) >= 10 and not counter.catalog.refreshing)
    _fill_cart(app, gallery.qtbot)
    gallery.shot(window, "counter")
    # What a cashier must always see in full: the total and the pay buttons.
    assert counter.total_label.isVisible() and counter.total_label.text()
    gallery.problems += [
        f"{gallery.language}: touch target {p}"
        for p in small_buttons(
            [
                counter.pay_phone_button,
                counter.pay_qr_button,
                counter.park_button,
                counter.clear_button,
            ]
        )
    ]
    bar = window.findChild(QWidget, "topBar")
    assert bar is not None
    top = [w for w in bar.findChildren(QWidget) if w.parent() is bar and w.objectName()]
    assert overlapping(top) == [], "widgets of the top bar overlap"

    counter.tabs.setCurrentIndex(1)
    gallery.qtbot.keyClicks(counter.free_amount, "1250")
    gallery.shot(window, "free-amount")
    counter.free_amount.clear()
    counter.tabs.setCurrentIndex(2)
    counter.parked_list.setCurrentIndex(counter.parked_model.index(0, 0))
    gallery.shot(window, "parked")
    counter.tabs.setCurrentIndex(0)

    display = window.checkout.customer_display
    display.resize(1024, 640)
    gallery.shot(display, "display-cart")


def _payment_screens(gallery: Gallery, sandbox: Any) -> None:
    window, qtbot = gallery.app.window, gallery.qtbot
    counter, controller = window.counter_screen, window.checkout
    screen, display = controller.payment_screen, controller.customer_display

    counter.pay_phone_button.click()
    dialog = controller.phone_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.phone_input, "87001234567")
    qtbot.keyClicks(dialog.description_input, "Order 15")
    dialog.check_client()
    gallery.wait(lambda: dialog.client_label.isVisible() and not dialog._check_running)
    gallery.shot(dialog, "phone-dialog")
    qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
    sale = _waiting_sale(gallery)
    gallery.shot(window, "payment-phone-waiting")
    gallery.shot(display, "display-pay-phone")
    sandbox.pay(sale.payment_id)
    _sale_state(gallery, SaleState.PAID)
    gallery.wait(lambda: screen.new_sale_button.isVisibleTo(screen))
    gallery.shot(window, "payment-paid")
    gallery.shot(display, "display-paid")
    qtbot.mouseClick(screen.new_sale_button, Qt.MouseButton.LeftButton)

    counter.session.add_free_amount(Decimal("1500"), "Cappuccino")
    counter.session.add_free_amount(Decimal("890.50"), "Croissant")
    counter.pay_qr_button.click()
    sale = _waiting_sale(gallery)
    gallery.wait(lambda: screen.qr_view.text == sale.qr_url)
    gallery.wait(lambda: bool(screen.qr_countdown_label.text()))
    gallery.shot(window, "payment-qr")
    gallery.shot(display, "display-qr")
    sandbox.expire(sale.payment_id)
    _sale_state(gallery, SaleState.EXPIRED)
    gallery.wait(lambda: screen.retry_button.isVisibleTo(screen))
    gallery.shot(window, "payment-expired")
    gallery.shot(display, "display-not-completed")
    qtbot.mouseClick(screen.back_button, Qt.MouseButton.LeftButton)

    counter.pay_phone_button.click()
    dialog = controller.phone_dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.phone_input, "87770000002")  # a number without Kaspi
    qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
    _sale_state(gallery, SaleState.FAILED)
    gallery.wait(lambda: screen.retry_button.isVisibleTo(screen))
    gallery.shot(window, "payment-failed")
    qtbot.mouseClick(screen.back_button, Qt.MouseButton.LeftButton)
    counter.clear_cart()


def _history_screens(gallery: Gallery) -> None:
    window, qtbot = gallery.app.window, gallery.qtbot
    window.show_history()
    history = window.history_screen
    gallery.wait(lambda: not history.model._loading and history.model.rowCount() > 0)
    paid = [n for n, row in enumerate(history.model.rows()) if row.state == SaleState.PAID]
    assert paid, "the paid sale is not in the history"
    history.view.selectRow(paid[0])
    gallery.wait(lambda: history.detail.detail is not None)
    gallery.shot(window, "history")

    dialog = history.open_refund_dialog()
    assert dialog is not None
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.amount_input, "500")
    dialog.reason_input.setText("Не понравилось")
    gallery.shot(dialog, "refund-dialog")
    dialog.close()

    history.tabs.setCurrentIndex(2)
    gallery.wait(lambda: history.report_view.report is not None)
    gallery.shot(window, "report")
    history.tabs.setCurrentIndex(0)
    window.show_counter()


def _dialogs(gallery: Gallery) -> None:
    app, qtbot = gallery.app, gallery.qtbot
    settings = app.show_settings()
    qtbot.waitExposed(settings)
    gallery.shot(settings, "settings")
    settings.reject()

    wizard = app.show_onboarding()
    qtbot.waitExposed(wizard)
    for page in range(wizard.pages.count()):
        wizard.show_page(page)
        gallery.shot(wizard, f"onboarding-{page}-{wizard.pages.widget(page).objectName()}")
    wizard.close()

    welcome = app.show_welcome()
    qtbot.waitExposed(welcome)
    gallery.shot(welcome, "welcome")
    welcome.close()

    app.window.show_hotkeys()
    hotkeys = app.window.hotkeys_dialog
    assert hotkeys is not None
    qtbot.waitExposed(hotkeys)
    gallery.shot(hotkeys, "hotkeys")
    hotkeys.reject()


@pytest.mark.gui
@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_gallery(
    language: str,
    make_app: Callable[[str], Application],
    sandbox: Any,
    qtbot: Any,
    artifacts_dir: Path,
) -> None:
    app = make_app(language)
    qtbot.waitExposed(app.window)
    gallery = Gallery(app, qtbot, artifacts_dir / "gallery", language)
    _counter_screens(gallery)
    _payment_screens(gallery, sandbox)
    _history_screens(gallery)
    _dialogs(gallery)
    assert len(gallery.saved) >= 40
    assert gallery.problems == [], "\n".join(gallery.problems)

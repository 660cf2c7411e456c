"""Demo mode: with no Kaspi app at hand, the cashier plays the customer from the payment screen."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest
from PySide6.QtGui import QDesktopServices

from pos_app.domain.sale import SaleState
from tests.checkout_ui.conftest import WAIT_MS, tr


@pytest.fixture
def demo_app(demo_app_factory: Callable[..., Any]) -> Any:
    """The whole app in demo mode on ApiPay's side of its embedded sandbox."""
    return demo_app_factory()


def _start_qr_sale(app: Any, qtbot: Any, amount: str) -> Any:
    counter = app.window.counter_screen
    counter.session.add_free_amount(Decimal(amount), "Coffee")
    counter.pay_qr_button.click()
    controller = app.window.checkout

    def waiting() -> bool:
        sale_id = controller.current_sale_id
        if sale_id is None:
            return False
        sale = controller.service.sale(sale_id)
        return sale.state == SaleState.WAITING and sale.payment_id is not None

    qtbot.waitUntil(waiting, timeout=WAIT_MS)
    return controller


def test_customer_pays_from_the_demo_panel(demo_app: Any, qtbot: Any, artifacts_dir: Path) -> None:
    controller = _start_qr_sale(demo_app, qtbot, "1200")
    screen = controller.payment_screen
    qtbot.waitUntil(screen.demo_panel.isVisible, timeout=WAIT_MS)
    demo_app.window.grab().save(str(artifacts_dir / "checkout_demo_customer_panel.png"))
    screen.demo_pay_button.click()
    qtbot.waitUntil(lambda: screen.status_label.text() == tr("Paid"), timeout=WAIT_MS)
    assert not screen.demo_panel.isVisible()  # nothing left to play once paid
    assert demo_app.window.counter_screen.session.cart.is_empty


def test_customer_declines_from_the_demo_panel(demo_app: Any, qtbot: Any) -> None:
    controller = _start_qr_sale(demo_app, qtbot, "900")
    screen = controller.payment_screen
    qtbot.waitUntil(screen.demo_panel.isVisible, timeout=WAIT_MS)
    screen.demo_decline_button.click()
    qtbot.waitUntil(
        lambda: controller.service.sale(controller.current_sale_id).is_final, timeout=WAIT_MS
    )
    assert controller.service.sale(controller.current_sale_id).state != SaleState.PAID


def test_the_customer_page_opens_in_the_browser(
    demo_app: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()))
    controller = _start_qr_sale(demo_app, qtbot, "750")
    screen = controller.payment_screen
    qtbot.waitUntil(screen.demo_panel.isVisible, timeout=WAIT_MS)
    screen.demo_page_button.click()
    qtbot.waitUntil(lambda: bool(opened), timeout=WAIT_MS)
    assert "/pay/" in opened[0]
    page = httpx.get(opened[0], timeout=10)
    assert page.status_code == 200
    assert "750" in page.text


def test_no_demo_panel_with_a_real_account(app_instance: Any, qtbot: Any) -> None:
    """Against a provider account (here the sandbox standing in), the panel never shows."""
    controller = _start_qr_sale(app_instance, qtbot, "500")
    assert not controller.payment_screen.demo
    assert not controller.payment_screen.demo_panel.isVisible()

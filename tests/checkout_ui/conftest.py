"""Helpers of the checkout UI tests: the whole app (``app_instance``) driven like a cashier."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from pos_app.domain.sale import SaleState
from pos_app.journal.sales import SaleRecord
from pos_app.ui.checkout import CheckoutController
from tests.fixtures.sandbox import SandboxHandle

#: A hang detector, not a timing assertion: the machine is shared.
WAIT_MS = 30_000


def tr(text: str, context: str = "PaymentScreen", n: int = -1) -> str:
    """``text`` as the app shows it in its language (the tests hold the English sources)."""
    return QCoreApplication.translate(context, text, None, n)


@dataclass
class Till:
    """The app under test with shortcuts to its checkout parts."""

    app: Any
    sandbox: SandboxHandle
    qtbot: Any

    @property
    def controller(self) -> CheckoutController:
        controller: CheckoutController = self.app.window.checkout
        return controller

    @property
    def counter(self) -> Any:
        return self.app.window.counter_screen

    @property
    def screen(self) -> Any:
        return self.controller.payment_screen

    @property
    def display(self) -> Any:
        return self.controller.customer_display

    def ring_up(self, amount: str = "1500", name: str = "Coffee") -> None:
        """Put a free-amount line on the counter."""
        self.counter.session.add_free_amount(Decimal(amount), name)

    def sale(self) -> SaleRecord:
        """The sale on the payment screen."""
        sale_id = self.controller.current_sale_id
        assert sale_id is not None, "no sale on the payment screen"
        return self.controller.service.sale(sale_id)

    def wait_for(self, predicate: Callable[[], bool], timeout: int = WAIT_MS) -> None:
        self.qtbot.waitUntil(predicate, timeout=timeout)

    def wait_waiting(self) -> SaleRecord:
        """Until the sale on screen waits for the customer (its invoice exists)."""

        def ready() -> bool:
            sale_id = self.controller.current_sale_id
            if sale_id is None:
                return False
            sale = self.controller.service.sale(sale_id)
            return sale.state == SaleState.WAITING and sale.payment_id is not None

        self.wait_for(ready)
        return self.sale()

    def wait_status(self, text: str) -> None:
        """Until ``paymentStatusLabel`` says ``text`` (English source, translated here)."""
        shown = tr(text)
        self.wait_for(lambda: self.screen.status_label.text() == shown)

    def on_payment_screen(self) -> bool:
        return bool(self.app.window.screen_stack.currentWidget() is self.screen)

    def open_phone_dialog(self) -> Any:
        """Press "Pay by phone" and return the dialog."""
        self.counter.pay_phone_button.click()
        dialog = self.controller.phone_dialog
        assert dialog is not None
        self.qtbot.waitExposed(dialog)
        return dialog

    def creates(self) -> list[dict[str, Any]]:
        """The invoice create requests (phone and QR) the sandbox received."""
        return self.sandbox.requests(method="POST", path="/invoices") + self.sandbox.requests(
            method="POST", path="/invoices/qr"
        )


@pytest.fixture
def till(app_instance: Any, sandbox: SandboxHandle, qtbot: Any) -> Till:
    """The app with its window shown, ready to ring up."""
    qtbot.waitExposed(app_instance.window)
    return Till(app_instance, sandbox, qtbot)


@pytest.fixture
def screenshot(artifacts_dir: Path) -> Callable[[QWidget, str], Path]:
    """``screenshot(widget, name)``: save ``widget.grab()`` to the artifacts folder."""

    def save(widget: QWidget, name: str) -> Path:
        path = artifacts_dir / f"checkout_{name}.png"
        assert widget.grab().save(str(path)), f"could not save {path}"
        return path

    return save


@pytest.fixture
def demo_app_factory(
    tmp_path: Path, memory_keyring: Any, run_async: Callable[..., Any], qtbot: Any
) -> Iterator[Callable[..., Any]]:
    """``demo_app_factory(provider="apipay")``: the whole app in demo mode on its own embedded
    sandbox (no key anywhere), shown; shut down in order after the test."""
    from pos_app.app import AppOptions, build_application

    apps: list[Any] = []

    def build(provider: str | None = None) -> Any:
        app = build_application(
            AppOptions(
                data_dir=tmp_path / f"data{len(apps)}",
                demo=True,
                provider=provider,
                keyring_backend=memory_keyring,
                environ={},
                show_welcome=False,
                network_check_seconds=3600,
            )
        )
        apps.append(app)
        app.show()
        qtbot.waitExposed(app.window)
        return app

    yield build
    for app in apps:
        if not app.is_shut_down:
            run_async(app.shutdown())

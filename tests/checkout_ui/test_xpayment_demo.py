"""Demo mode on xPayment (``--demo --provider xpayment``): the cashier rings up one QR sale and
one phone sale through the checkout screen; the embedded sandbox's xPayment side takes them and
the cashier plays the customer from the payment screen's demo panel.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest
from PySide6.QtCore import Qt

from pos_app.domain.sale import SaleState
from pos_app.payments.xpayment import XPaymentProvider
from pos_app.sandbox.xpayment import XPAYMENT_PREFIX
from tests.checkout_ui.conftest import WAIT_MS, tr

UUID_RE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


@pytest.fixture
def xpayment_demo(demo_app_factory: Callable[..., Any]) -> Any:
    """The whole app in demo mode on the xPayment side of its embedded sandbox."""
    return demo_app_factory("xpayment")


def _waiting_sale(app: Any, qtbot: Any) -> Any:
    controller = app.window.checkout

    def waiting() -> bool:
        sale_id = controller.current_sale_id
        if sale_id is None:
            return False
        sale = controller.service.sale(sale_id)
        return sale.state == SaleState.WAITING and sale.payment_id is not None

    qtbot.waitUntil(waiting, timeout=WAIT_MS)
    return controller.service.sale(controller.current_sale_id)


def _xpayment_payment(app: Any, payment_id: str) -> dict[str, Any]:
    """The payment as the sandbox's xPayment API shows it (a plain HTTP client)."""
    sandbox = app.sandbox
    with httpx.Client(
        base_url=sandbox.root_url + XPAYMENT_PREFIX,
        headers={"Authorization": f"Bearer {sandbox.config.xpayment_api_key}"},
        timeout=10,
    ) as api:
        body: dict[str, Any] = api.get(f"/payments/{payment_id}").json()
    return body


def _customer_pays(app: Any, qtbot: Any) -> None:
    screen = app.window.checkout.payment_screen
    qtbot.waitUntil(screen.demo_panel.isVisible, timeout=WAIT_MS)
    screen.demo_pay_button.click()
    qtbot.waitUntil(lambda: screen.status_label.text() == tr("Paid"), timeout=WAIT_MS)


def test_a_qr_sale_and_a_phone_sale_are_paid_on_xpayment(
    xpayment_demo: Any, qtbot: Any, artifacts_dir: Path
) -> None:
    app = xpayment_demo
    assert isinstance(app.provider, XPaymentProvider)
    counter = app.window.counter_screen
    controller = app.window.checkout

    # QR: POST /payments/link; the QR shows the sandbox's pay page
    counter.session.add_free_amount(Decimal("1200"), "Coffee")
    counter.pay_qr_button.click()
    qr_sale = _waiting_sale(app, qtbot)
    assert UUID_RE.fullmatch(qr_sale.payment_id)
    assert controller.payment_screen.qr_view.text.startswith(app.sandbox.root_url + "/pay/")
    app.window.grab().save(str(artifacts_dir / "checkout_xpayment_qr.png"))
    _customer_pays(app, qtbot)
    assert controller.service.sale(qr_sale.sale_id).state == SaleState.PAID
    assert counter.session.cart.is_empty
    paid = _xpayment_payment(app, qr_sale.payment_id)
    assert paid["status"] == "completed" and paid["amount"] == 1200
    assert paid["merchant_order_id"] == qr_sale.sale_id

    # phone: POST /payments with payer_phone in +7 form
    counter.session.add_free_amount(Decimal("2500.50"), "Latte")
    counter.pay_phone_button.click()
    dialog = controller.phone_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.phone_input, "87001234567")
    qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
    phone_sale = _waiting_sale(app, qtbot)
    assert phone_sale.sale_id != qr_sale.sale_id
    _customer_pays(app, qtbot)
    assert controller.service.sale(phone_sale.sale_id).state == SaleState.PAID
    paid = _xpayment_payment(app, phone_sale.payment_id)
    assert paid["status"] == "completed" and paid["amount"] == 2500.5
    assert paid["payer_phone"] == "+77001234567"


@pytest.mark.slow
def test_the_command_line_self_test_runs_on_xpayment(tmp_path: Path) -> None:
    """``pos-app --demo --provider xpayment --self-test`` as a real process."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("POS_APP_API_KEY", None)
    args = ["--demo", "--provider", "xpayment", "--self-test", "--data-dir", str(tmp_path)]
    out = subprocess.run(
        [sys.executable, "-m", "pos_app", *args],
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
        check=False,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    [line] = out.stdout.strip().splitlines()
    assert line.startswith("self-test ok"), line
    assert UUID_RE.search(line), "the sale went through an xPayment payment (UUID id)"

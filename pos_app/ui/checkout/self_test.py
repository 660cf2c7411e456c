"""``--self-test`` through the real UI: ring up, press Pay by QR, the customer pays, see "Paid".

The customer's side is the demo sandbox's control API (``POST /_sandbox/invoices/{id}/pay``);
everything else is the app as a cashier uses it: the counter's cart, ``payByQrButton``, the
checkout service and its watcher, the payment screen.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import httpx

from pos_app.domain.money import format_amount
from pos_app.domain.sale import SaleState

__all__ = ["ui_self_test"]

#: How often the flow looks at the screen while waiting (not a timing assertion).
_STEP = 0.05


async def _until(predicate: Callable[[], bool], what: str, deadline: float) -> None:
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError(f"waiting for {what}")
        await asyncio.sleep(_STEP)


async def ui_self_test(app: Any, limit_seconds: float = 50.0) -> Any:
    """One demo sale through the checkout UI; returns the app's ``SelfTestResult``."""
    from pos_app.app import SelfTestResult

    if app.sandbox is None:
        return SelfTestResult(False, "self-test FAILED: not in demo mode")
    controller = getattr(app.window, "checkout", None)
    if controller is None:
        return SelfTestResult(False, "self-test FAILED: no checkout screen")
    started = time.monotonic()
    deadline = started + limit_seconds
    counter = app.window.counter_screen
    # Let the start-up resume finish first, so the sale below is the one on screen.
    await asyncio.sleep(0)
    counter.session.add_free_amount(Decimal("1500"), "Self-test")
    counter.pay_qr_button.click()

    def sale() -> Any:
        sale_id = controller.current_sale_id
        return controller.service.sale(sale_id) if sale_id else None

    await _until(lambda: sale() is not None and sale().payment_id is not None, "invoice", deadline)
    record = sale()
    if record.state != SaleState.WAITING:
        return SelfTestResult(False, f"self-test FAILED: sale is {record.state.value}")
    if not controller.payment_screen.qr_view.text:
        return SelfTestResult(False, "self-test FAILED: no QR code on the payment screen")
    async with httpx.AsyncClient(base_url=app.sandbox.root_url, timeout=10) as control:
        while True:
            answer = await control.post(f"/_sandbox/invoices/{record.payment_id}/pay")
            if answer.status_code < 400:
                break
            if time.monotonic() > deadline:
                return SelfTestResult(
                    False, f"self-test FAILED: the sandbox refused to pay ({answer.status_code})"
                )
            await asyncio.sleep(0.1)
    await _until(
        lambda: (
            sale().state == SaleState.PAID
            and controller.payment_screen.paid_mark.isVisibleTo(controller.payment_screen)
            and counter.session.cart.is_empty
        ),
        "paid on screen",
        deadline,
    )
    seconds = time.monotonic() - started
    amount = format_amount(record.amount, "en")
    return SelfTestResult(
        True,
        f"self-test ok: demo sale of {amount} paid through the checkout screen "
        f"(invoice {record.payment_id}) in {seconds:.1f} s",
    )

"""Checkout UI: the phone dialog, the payment screen, the QR code, the customer display.

:class:`CheckoutController` wires them to the counter and to the
:class:`~pos_app.services.checkout.CheckoutService` (``MainWindow`` creates it when the app
context has a checkout service). May import: ``pos_app.ui``, ``pos_app.services``,
``pos_app.domain``, ``pos_app.journal`` (records only) and ``pos_app.payments`` (errors only).
"""

from __future__ import annotations

from pos_app.ui.checkout.controller import CheckoutController
from pos_app.ui.checkout.customer_display import CustomerDisplay
from pos_app.ui.checkout.payment_screen import PaymentScreen
from pos_app.ui.checkout.phone_dialog import PhoneDialog

__all__ = ["CheckoutController", "CustomerDisplay", "PaymentScreen", "PhoneDialog"]

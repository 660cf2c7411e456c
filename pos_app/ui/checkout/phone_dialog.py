"""The "pay by phone" dialog: the customer's number, an optional Kaspi check, a description.

Opened with ``open()`` (never ``exec()``: a nested event loop breaks qasync). The dialog does no
payment itself: "Send" emits :attr:`PhoneDialog.sendRequested` once and closes; the checkout
controller starts the sale.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from decimal import Decimal
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos_app.domain.errors import PhoneError
from pos_app.domain.money import format_amount
from pos_app.domain.phone import KzPhone, parse_phone
from pos_app.payments.errors import PaymentError
from pos_app.ui.checkout.phone_input import PHONE_MASK, format_partial, national_digits
from pos_app.ui.checkout.texts import error_text, repolish

__all__ = ["DESCRIPTION_LIMIT", "PhoneDialog"]

log = logging.getLogger("pos_app.ui.checkout")

#: Characters of the description the Kaspi app shows; more are cut off on the customer's side.
DESCRIPTION_LIMIT = 60

Spawn = Callable[[Coroutine[Any, Any, Any]], Any]


class PhoneDialog(QDialog):
    """Ask for the customer's number and send them a payment request (``phoneDialog``).

    Args:
        amount: What the customer will pay.
        locale: ``ru``/``kk``/``en`` for the amount.
        provider: The payment provider (``check_client``), or ``None``.
        spawn: Starts a coroutine that the app keeps referenced.
        phone: A number to start with (Try again).
        description: A description to start with.
        parent: Qt parent.

    Signals:
        sendRequested(object, str): The cashier sent: the :class:`KzPhone` and the description.
    """

    sendRequested = Signal(object, str)

    def __init__(
        self,
        amount: Decimal,
        locale: str,
        provider: Any,
        spawn: Spawn,
        *,
        phone: KzPhone | None = None,
        description: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("phoneDialog")
        self.setWindowTitle(self.tr("Pay by phone"))
        self.setMinimumWidth(600)
        self._provider = provider
        self._spawn = spawn
        self._sent = False
        self._check_running = False
        self.phone: KzPhone | None = None

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.setContentsMargins(24, 20, 24, 20)
        title = QLabel(self.tr("Payment request to the customer's Kaspi app"), self)
        title.setProperty("role", "title")
        title.setWordWrap(True)
        layout.addWidget(title)
        self.amount_label = QLabel(format_amount(amount, locale), self)
        self.amount_label.setObjectName("phoneAmountLabel")
        self.amount_label.setProperty("role", "total")
        layout.addWidget(self.amount_label)

        phone_caption = QLabel(self.tr("Customer's phone number"), self)
        layout.addWidget(phone_caption)
        row = QHBoxLayout()
        self.phone_input = QLineEdit(self)
        self.phone_input.setObjectName("phoneInput")
        self.phone_input.setPlaceholderText(PHONE_MASK)
        self.phone_input.setMaxLength(40)
        self.phone_input.setProperty("role", "phone")
        self.phone_input.setAccessibleName(self.tr("Customer's phone number"))
        phone_caption.setBuddy(self.phone_input)
        row.addWidget(self.phone_input, 1)
        self.check_button = QPushButton(self.tr("Check Kaspi"), self)
        self.check_button.setObjectName("checkClientButton")
        self.check_button.setToolTip(
            self.tr("Ask Kaspi whether this number has the Kaspi app (optional)")
        )
        self.check_button.setAutoDefault(False)
        can_check = bool(getattr(getattr(provider, "capabilities", None), "client_check", False))
        self.check_button.setVisible(can_check)
        row.addWidget(self.check_button)
        layout.addLayout(row)
        self.phone_message = QLabel(self)
        self.phone_message.setObjectName("phoneMessage")
        self.phone_message.setWordWrap(True)
        layout.addWidget(self.phone_message)
        self.client_label = QLabel(self)
        self.client_label.setObjectName("clientCheckLabel")
        self.client_label.setWordWrap(True)
        self.client_label.setVisible(False)
        layout.addWidget(self.client_label)

        description_caption = QLabel(self.tr("Description for the customer (optional)"), self)
        layout.addWidget(description_caption)
        self.description_input = QLineEdit(self)
        self.description_input.setObjectName("descriptionInput")
        self.description_input.setMaxLength(255)
        self.description_input.setPlaceholderText(self.tr("e.g. Order 15, coffee and croissant"))
        description_caption.setBuddy(self.description_input)
        layout.addWidget(self.description_input)
        self.description_hint = QLabel(self)
        self.description_hint.setObjectName("descriptionHint")
        self.description_hint.setWordWrap(True)
        layout.addWidget(self.description_hint)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.cancel_button = QPushButton(self.tr("Back"), self)
        self.cancel_button.setObjectName("phoneCancelButton")
        self.cancel_button.setAutoDefault(False)
        self.send_button = QPushButton(self.tr("Send to Kaspi"), self)
        self.send_button.setObjectName("sendInvoiceButton")
        self.send_button.setProperty("primary", True)
        self.send_button.setMinimumWidth(200)
        self.send_button.setDefault(True)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.send_button)
        layout.addLayout(buttons)

        self.phone_input.textEdited.connect(self._on_phone_edited)
        self.phone_input.textChanged.connect(lambda _text: self._validate())
        self.phone_input.returnPressed.connect(self.send)
        self.description_input.textChanged.connect(lambda _text: self._update_description_hint())
        self.description_input.returnPressed.connect(self.send)
        self.check_button.clicked.connect(self.check_client)
        self.send_button.clicked.connect(self.send)
        self.cancel_button.clicked.connect(self.reject)

        if phone is not None:
            self.phone_input.setText(phone.display)
        self.description_input.setText(description)
        self._validate()
        self._update_description_hint()
        self.phone_input.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- the number ----------------------------------------------------------------------------

    def _on_phone_edited(self, text: str) -> None:
        """Re-shape what was typed or pasted into the mask (when it is a plausible number)."""
        national = national_digits(text)
        if not national:
            return  # nothing to shape yet, or something the validation must explain
        shaped = format_partial(national)
        if shaped != text:
            self.phone_input.setText(shaped)
            self.phone_input.setCursorPosition(len(shaped))

    def _validate(self) -> KzPhone | None:
        """Check the number as it stands; show why it cannot be sent, or that it is fine."""
        text = self.phone_input.text()
        self.client_label.setVisible(False)
        self.phone = None
        national = national_digits(text)
        if not text.strip():
            self._show_phone_message(
                self.tr("Type or paste the number: {mask}").format(mask=PHONE_MASK), "muted"
            )
        elif (
            national is not None
            and len(national) < 10
            and (not national or national.startswith("7"))
        ):
            left = 10 - len(national)
            self._show_phone_message(self.tr("%n more digit(s)", "", left), "muted")
        else:
            try:
                self.phone = parse_phone(text)
            except PhoneError as exc:
                self._show_phone_message(error_text(exc), "error")
            else:
                self._show_phone_message(self.tr("✓ Kazakhstan mobile number"), "ok")
        self.send_button.setEnabled(self.phone is not None and not self._sent)
        self.check_button.setEnabled(self.phone is not None and not self._check_running)
        return self.phone

    def _show_phone_message(self, text: str, role: str) -> None:
        self.phone_message.setText(text)
        self.phone_message.setProperty("role", role)
        repolish(self.phone_message)
        self._fit_height()

    # --- the Kaspi check -------------------------------------------------------------------------

    def check_client(self) -> None:
        """Ask the provider whether the number has Kaspi (in the background)."""
        phone = self._validate()
        if phone is None or self._check_running or self._provider is None:
            return
        self._check_running = True
        self.check_button.setEnabled(False)
        self._show_client(self.tr("Checking…"), "muted")
        self._spawn(self._check(phone))

    async def _check(self, phone: KzPhone) -> None:
        try:
            result = await self._provider.check_client(phone)
        except PaymentError as exc:
            log.info("client check failed: %s", type(exc).__name__)
            if shiboken6.isValid(self):
                self._show_client(
                    self.tr("Could not check the number: {reason}").format(reason=error_text(exc)),
                    "warning",
                )
            return
        finally:
            self._check_running = False
            if shiboken6.isValid(self):
                self.check_button.setEnabled(self.phone is not None)
        if not shiboken6.isValid(self) or self.phone != phone:
            return  # the number was changed meanwhile: the answer is about another one
        if result.has_kaspi:
            # "Асель С." + ". Ask…" would show two full stops.
            name = (result.client_name or "").rstrip(".") or self.tr("name hidden")
            self._show_client(
                self.tr("Has Kaspi: {name}. Ask the customer to confirm the name.").format(
                    name=name
                ),
                "ok",
            )
        else:
            self._show_client(
                self.tr(
                    "No Kaspi on this number: the request cannot reach it. Ask for "
                    "another number or use the QR code."
                ),
                "error",
            )

    def _show_client(self, text: str, role: str) -> None:
        self.client_label.setText(text)
        self.client_label.setProperty("role", role)
        repolish(self.client_label)
        self.client_label.setVisible(True)
        self._fit_height()

    def _fit_height(self) -> None:
        """Grow to show every wrapped line (a dialog keeps the height it opened with)."""
        layout = self.layout()
        if layout is None:
            return
        layout.activate()
        need = (
            layout.totalHeightForWidth(self.width())
            if layout.hasHeightForWidth()
            else layout.totalSizeHint().height()
        )
        if need > self.height():
            self.resize(self.width(), need)

    # --- description and sending -----------------------------------------------------------------

    def _update_description_hint(self) -> None:
        length = len(self.description_input.text())
        if length > DESCRIPTION_LIMIT:
            self.description_hint.setText(
                self.tr("{count}/{limit}: Kaspi shows only the first {limit} characters").format(
                    count=length, limit=DESCRIPTION_LIMIT
                )
            )
            self.description_hint.setProperty("role", "warning")
        else:
            self.description_hint.setText(
                self.tr("{count}/{limit}").format(count=length, limit=DESCRIPTION_LIMIT)
            )
            self.description_hint.setProperty("role", "muted")
        repolish(self.description_hint)

    @property
    def description(self) -> str:
        """The description as it will be sent (trimmed)."""
        return self.description_input.text().strip()

    def send(self) -> None:
        """Send once: the button is disabled before anything else happens (double clicks,
        Enter held down)."""
        if self._sent:
            return
        phone = self._validate()
        if phone is None:
            self.phone_input.setFocus()
            return
        self._sent = True
        self.send_button.setEnabled(False)
        self.phone_input.setReadOnly(True)
        self.sendRequested.emit(phone, self.description)
        self.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Auto-repeated Enter (held down) must not reach the default button again."""
        if event.isAutoRepeat() and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            return
        super().keyPressEvent(event)

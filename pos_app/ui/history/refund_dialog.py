"""The refund dialog: full, partial by amount, or per item; a reason; an exact confirmation.

The dialog checks what the cashier typed with the refund service's own rules
(:meth:`RefundService.check`) on every change, so a refund above what is available is refused
with a message next to the amount field and the confirm button sends nothing. The
confirmation line says exactly what goes back to whom ("1 500 ₸ back to +7 (700) ***-**-67
for invoice 123"). After sending, the dialog stays open and follows the refund until it is
completed or failed (a failure says why).

Opened with ``open()`` (never ``exec()``: it runs inside the qasync loop).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos_app.domain.errors import QT_TRANSLATE_NOOP, DomainError
from pos_app.domain.money import format_amount, parse_amount
from pos_app.domain.sale import RefundState
from pos_app.journal.refunds import RefundLineRequest, RefundRecord
from pos_app.payments.errors import PaymentError
from pos_app.payments.models import Payment, Refund
from pos_app.services.refunds import (
    RefundError,
    RefundRequest,
    RefundService,
    RefundUpdate,
    available_amount,
    check_pin,
    refund_failure_text,
    remaining_counts,
)
from pos_app.ui.models.history_model import refund_state_text

__all__ = ["RefundDialog"]

log = logging.getLogger(__name__)

Spawn = Callable[[Coroutine[Any, Any, Any]], Any]


def _translate(context: str, message: str, params: dict[str, str]) -> str:
    text = QCoreApplication.translate(context, message)
    try:
        return text.format(**params)
    except (KeyError, IndexError, ValueError):
        return text


class RefundDialog(QDialog):
    """Ask for one refund of ``payment`` and follow it.

    Args:
        payment: The payment as last read.
        refunds: Its refunds (what is available and per-item counts left depend on them).
        service: The refund service.
        spawn: Starts a coroutine kept referenced (the app's task registry).
        locale: How amounts are written.
        pin_hash: The manager PIN's salted hash; empty = no PIN asked.
        parent: Qt parent.

    Signals:
        refundChanged(object): the refund (``RefundRecord``) changed; ``None`` payment updates
            come through the service's listeners too.
    """

    refundChanged = Signal(object)

    FULL, AMOUNT, ITEMS = range(3)

    def __init__(
        self,
        payment: Payment,
        refunds: list[Refund],
        service: RefundService,
        spawn: Spawn,
        *,
        locale: str = "ru",
        pin_hash: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("refundDialog")
        self.setWindowTitle(self.tr("Refund"))
        self.setMinimumWidth(560)
        self.payment = payment
        self.refunds = refunds
        self.service = service
        self._spawn = spawn
        self._locale = locale
        self._pin_hash = pin_hash
        self.record: RefundRecord | None = None
        self._sending = False
        self._available = available_amount(payment, refunds)
        self._left = remaining_counts(payment, refunds)
        self._build()
        self._unsubscribe = service.subscribe(self._on_update)
        self.finished.connect(lambda _r: self._unsubscribe())
        self._refresh()

    # --- building ------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        title = QLabel(
            self.tr("Refund for invoice {invoice}").format(invoice=self.payment.id), self
        )
        title.setProperty("role", "title")
        layout.addWidget(title)
        self.available_label = QLabel(
            self.tr("Paid {paid}, available to refund: {available}").format(
                paid=self._money(self.payment.amount), available=self._money(self._available)
            ),
            self,
        )
        self.available_label.setObjectName("refundAvailableLabel")
        layout.addWidget(self.available_label)

        modes = QHBoxLayout()
        self.mode_group = QButtonGroup(self)
        self.full_radio = QRadioButton(self.tr("Everything available"), self)
        self.full_radio.setObjectName("refundFullRadio")
        self.amount_radio = QRadioButton(self.tr("An amount"), self)
        self.amount_radio.setObjectName("refundAmountRadio")
        self.items_radio = QRadioButton(self.tr("Items"), self)
        self.items_radio.setObjectName("refundItemsRadio")
        for mode, radio in enumerate((self.full_radio, self.amount_radio, self.items_radio)):
            self.mode_group.addButton(radio, mode)
            modes.addWidget(radio)
        caps = self.service.provider.capabilities
        self.amount_radio.setEnabled(caps.partial_refunds)
        has_items = any(i.catalog_item_id for i in self.payment.items)
        self.items_radio.setEnabled(caps.item_refunds and has_items)
        self.full_radio.setChecked(True)
        self.mode_group.idToggled.connect(lambda _id, _on: self._refresh())
        layout.addLayout(modes)

        form = QFormLayout()
        amount_row = QVBoxLayout()
        self.amount_input = QLineEdit(self)
        self.amount_input.setObjectName("refundAmountInput")
        self.amount_input.setPlaceholderText(self.tr("e.g. 1500"))
        self.amount_input.textChanged.connect(self._on_amount_typed)
        amount_row.addWidget(self.amount_input)
        self.amount_error = QLabel(self)
        self.amount_error.setObjectName("refundAmountError")
        self.amount_error.setProperty("role", "error")
        self.amount_error.setWordWrap(True)
        self.amount_error.setVisible(False)
        amount_row.addWidget(self.amount_error)
        form.addRow(self.tr("Amount"), amount_row)

        self.items_table = QTableWidget(0, 4, self)
        self.items_table.setObjectName("refundItemsTable")
        self.items_table.setHorizontalHeaderLabels(
            [self.tr("Item"), self.tr("Price"), self.tr("Left"), self.tr("Return")]
        )
        self.items_table.verticalHeader().setVisible(False)
        header = self.items_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self._spins: list[tuple[int, QSpinBox]] = []
        refundable = [i for i in self.payment.items if i.catalog_item_id]
        self.items_table.setRowCount(len(refundable))
        for row, item in enumerate(refundable):
            assert item.catalog_item_id is not None
            self.items_table.setItem(row, 0, QTableWidgetItem(item.name))
            self.items_table.setItem(row, 1, QTableWidgetItem(self._money(item.price)))
            left = self._left.get(item.catalog_item_id, 0)
            self.items_table.setItem(row, 2, QTableWidgetItem(str(left)))
            spin = QSpinBox(self.items_table)
            spin.setObjectName(f"refundItemCount{row}")
            spin.setRange(0, left)
            spin.valueChanged.connect(lambda _v: self._refresh())
            self.items_table.setCellWidget(row, 3, spin)
            self._spins.append((item.catalog_item_id, spin))
        self.items_table.setMaximumHeight(40 + 32 * max(1, len(refundable)))
        form.addRow(self.tr("Items"), self.items_table)
        self.items_error = QLabel(self)
        self.items_error.setObjectName("refundItemsError")
        self.items_error.setProperty("role", "error")
        self.items_error.setVisible(False)
        form.addRow("", self.items_error)
        if not refundable:
            # A free-amount sale has no items to return: no empty table.
            form.setRowVisible(self.items_table, False)
            form.setRowVisible(self.items_error, False)

        self.reason_input = QLineEdit(self)
        self.reason_input.setObjectName("refundReasonInput")
        self.reason_input.setMaxLength(500)
        self.reason_input.setPlaceholderText(self.tr("Why (optional): damaged, wrong item…"))
        form.addRow(self.tr("Reason"), self.reason_input)

        self.pin_input = QLineEdit(self)
        self.pin_input.setObjectName("refundPinInput")
        self.pin_input.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_input.setPlaceholderText(self.tr("Manager PIN"))
        self.pin_error = QLabel(self)
        self.pin_error.setObjectName("refundPinError")
        self.pin_error.setProperty("role", "error")
        self.pin_error.setVisible(False)
        if self._pin_hash:
            form.addRow(self.tr("Manager PIN"), self.pin_input)
            form.addRow("", self.pin_error)
        else:
            self.pin_input.setVisible(False)
        layout.addLayout(form)

        self.confirm_label = QLabel(self)
        self.confirm_label.setObjectName("refundConfirmText")
        self.confirm_label.setWordWrap(True)
        self.confirm_label.setProperty("role", "emphasis")
        layout.addWidget(self.confirm_label)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("refundStatusLabel")
        self.status_label.setWordWrap(True)
        self.status_label.setVisible(False)
        layout.addWidget(self.status_label)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.close_button = QPushButton(self.tr("Close"), self)
        self.close_button.setObjectName("refundCloseButton")
        self.close_button.clicked.connect(self.reject)
        buttons.addWidget(self.close_button)
        self.confirm_button = QPushButton(self.tr("Refund"), self)
        self.confirm_button.setObjectName("confirmRefundButton")
        self.confirm_button.setProperty("role", "primary")
        self.confirm_button.setDefault(True)
        self.confirm_button.clicked.connect(self.confirm)
        buttons.addWidget(self.confirm_button)
        layout.addLayout(buttons)

    # --- state ---------------------------------------------------------------------------

    def _money(self, value: Decimal) -> str:
        return format_amount(value, self._locale)

    def _on_amount_typed(self, text: str) -> None:
        if text.strip() and not self.amount_radio.isChecked() and self.amount_radio.isEnabled():
            self.amount_radio.setChecked(True)
        self._refresh()

    def mode(self) -> int:
        """``FULL``, ``AMOUNT`` or ``ITEMS``."""
        return max(0, self.mode_group.checkedId())

    def request(self) -> RefundRequest:
        """What the inputs ask for.

        Raises:
            RefundError: The amount cannot be read (``refund.amount_invalid``).
        """
        reason = self.reason_input.text().strip() or None
        if self.mode() == self.AMOUNT:
            try:
                amount = parse_amount(self.amount_input.text())
            except DomainError as error:
                raise RefundError(
                    "refund.amount_invalid", error.message, field="amount", **error.params
                ) from error
            return RefundRequest(self.payment.id, amount=amount, reason=reason)
        if self.mode() == self.ITEMS:
            by_id = {i.catalog_item_id: i for i in self.payment.items}
            lines = tuple(
                RefundLineRequest(cid, spin.value(), by_id[cid].name, by_id[cid].price)
                for cid, spin in self._spins
                if spin.value() > 0
            )
            if not lines:
                # Never let "items, none chosen" fall through to a full refund.
                raise RefundError(
                    "refund.nothing_selected",
                    QT_TRANSLATE_NOOP("Refunds", "Choose how many of which item go back."),
                    field="items",
                )
            return RefundRequest(self.payment.id, items=lines, reason=reason)
        return RefundRequest(self.payment.id, reason=reason)

    def _error_text(self, error: RefundError | DomainError) -> str:
        return _translate(error.context, error.message, error.params)

    def _refresh(self) -> None:
        """Re-check the inputs; show the problem next to its field or the exact confirmation."""
        # The amount field stays typeable: typing in it picks "an amount" (see _on_amount_typed).
        self.amount_input.setEnabled(self.amount_radio.isEnabled() and not self._sending)
        self.items_table.setEnabled(self.mode() == self.ITEMS and not self._sending)
        self.amount_error.setVisible(False)
        self.items_error.setVisible(False)
        if self.record is not None:
            return
        try:
            request = self.request()
            amount = self.service.check(self.payment, request, self.refunds)
        except RefundError as error:
            if self.mode() == self.AMOUNT and not self.amount_input.text().strip():
                self.confirm_label.setText(self.tr("Enter the amount to refund."))
            elif error.code == "refund.nothing_selected":
                self.confirm_label.setText(self.tr("Choose the items that come back."))
            else:
                self._show_error(error)
                self.confirm_label.setText("")
            self.confirm_button.setEnabled(False)
            return
        self.confirm_button.setEnabled(not self._sending)
        self.confirm_label.setText(self.confirmation(amount or Decimal("0.00")))

    def _show_error(self, error: RefundError) -> None:
        label = self.items_error if error.field == "items" else self.amount_error
        label.setText(self._error_text(error))
        label.setVisible(True)

    def confirmation(self, amount: Decimal) -> str:
        """The exact sentence: how much goes back to whom for which invoice."""
        who = (
            self.payment.phone.masked
            if self.payment.phone is not None
            else (self.payment.client_name or self.tr("the customer's Kaspi account"))
        )
        return self.tr("{amount} back to {who} for invoice {invoice}").format(
            amount=self._money(amount), who=who, invoice=self.payment.id
        )

    # --- sending -------------------------------------------------------------------------

    def confirm(self) -> None:
        """Check everything again and send the refund (once)."""
        if self._sending or self.record is not None:
            return
        self.pin_error.setVisible(False)
        try:
            request = self.request()
            self.service.check(self.payment, request, self.refunds)
        except RefundError as error:
            # Refused here: nothing is journaled and nothing is sent.
            self._show_error(error)
            self.confirm_button.setEnabled(False)
            return
        if self._pin_hash and not check_pin(self.pin_input.text(), self._pin_hash):
            self.pin_error.setText(self.tr("Wrong PIN."))
            self.pin_error.setVisible(True)
            return
        self._sending = True
        self.confirm_button.setEnabled(False)
        self._set_status(self.tr("Sending the refund…"), "info")
        self._spawn(self._send(request))

    async def _send(self, request: RefundRequest) -> None:
        try:
            record = await self.service.refund(self.payment, request, self.refunds)
        except RefundError as error:
            self._sending = False
            self._show_error(error)
            self._set_status("", "info")
            return
        except PaymentError as error:
            self._sending = False
            self.confirm_button.setEnabled(True)
            self._set_status(_translate(error.context, error.message, error.params), "error")
            return
        self.record = record
        self._sending = False
        self._show_record(record)

    def _on_update(self, update: RefundUpdate) -> None:
        if self.record is not None and update.refund.refund_id == self.record.refund_id:
            self.record = update.refund
            self._show_record(update.refund)

    def _show_record(self, record: RefundRecord) -> None:
        self.refundChanged.emit(record)
        state = refund_state_text(record.state, record.status_raw or "")
        amount = self._money(record.amount or record.requested_amount or Decimal("0.00"))
        if record.state == RefundState.COMPLETED:
            self._set_status(
                self.tr("Refund completed: {amount} went back.").format(amount=amount), "ok"
            )
        elif record.state == RefundState.FAILED:
            reason = (
                QCoreApplication.translate("Refunds", record.error_message or "")
                if record.error_code == "not_created"
                else QCoreApplication.translate(
                    "PaymentError", refund_failure_text(record.error_code)
                )
            )
            self._set_status(self.tr("Refund failed: {reason}").format(reason=reason), "error")
        else:
            self._set_status(
                self.tr("Refund of {amount}: {state}. The dialog follows it.").format(
                    amount=amount, state=state
                ),
                "info",
            )
        self.confirm_button.setEnabled(False)
        self.close_button.setText(self.tr("Close"))

    def _set_status(self, text: str, role: str) -> None:
        self.status_label.setText(text)
        self.status_label.setVisible(bool(text))
        self.status_label.setProperty("role", role)
        self.status_label.style().unpolish(self.status_label)
        self.status_label.style().polish(self.status_label)

"""The payment screen: one sale from "sent" to "paid" (or what else became of it).

A view only: :meth:`PaymentScreen.show_sale` draws a :class:`~pos_app.journal.sales.SaleRecord`
(plus the watcher's connection state); the buttons emit signals the checkout controller acts
on. A one-second timer keeps the elapsed time and the QR countdown current.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from pos_app.domain.money import format_amount
from pos_app.domain.sale import SaleState
from pos_app.journal.sales import SaleRecord
from pos_app.services.watcher import ConnectionState
from pos_app.ui.checkout.texts import format_duration, repolish, utc_now
from pos_app.ui.qr import QrView

__all__ = ["PAID_STATES", "PaymentScreen"]

#: States shown as "Paid" (a refund later does not undo the sale at the counter).
PAID_STATES = frozenset({SaleState.PAID, SaleState.PARTIALLY_REFUNDED, SaleState.REFUNDED})


class PaymentScreen(QWidget):
    """The sale being paid (``paymentScreen``).

    Args:
        locale: ``ru``/``kk``/``en`` for amounts.
        parent: Qt parent.

    Signals:
        cancelRequested: ``cancelPaymentButton`` (the controller asks for confirmation).
        newQrRequested: ``newQrButton``.
        retryRequested: ``retryPaymentButton`` (same cart, same method).
        backRequested: ``backToCartButton``.
        newSaleRequested: ``newSaleButton``.
        saleSelected(str): A sale picked in ``waitingSalesList``.
    """

    cancelRequested = Signal()
    newQrRequested = Signal()
    retryRequested = Signal()
    backRequested = Signal()
    newSaleRequested = Signal()
    saleSelected = Signal(str)
    #: Demo mode only: the cashier plays the customer ("pay", "decline", "page").
    demoCustomerAction = Signal(str)

    def __init__(self, locale: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("paymentScreen")
        self._locale = locale
        self.sale: SaleRecord | None = None
        self.connection = ConnectionState.OK
        self.can_cancel = False
        self.declined = False
        self.error_detail = ""
        self.demo = False
        self._build()
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self._tick)

    # --- building --------------------------------------------------------------------------------

    def _build(self) -> None:
        root = QHBoxLayout(self)
        root.setContentsMargins(24, 20, 24, 20)
        root.setSpacing(24)

        left = QFrame(self)
        left.setObjectName("paymentMainPanel")
        column = QVBoxLayout(left)
        column.setSpacing(8)
        self.title_label = QLabel(left)
        self.title_label.setObjectName("paymentTitleLabel")
        self.title_label.setProperty("role", "title")
        column.addWidget(self.title_label)
        self.amount_label = QLabel(left)
        self.amount_label.setObjectName("paymentAmountLabel")
        self.amount_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column.addWidget(self.amount_label)
        self.phone_info_label = QLabel(left)
        self.phone_info_label.setObjectName("phoneInfoLabel")
        self.phone_info_label.setWordWrap(True)
        column.addWidget(self.phone_info_label)
        self.qr_view = QrView(left)
        self.qr_view.setObjectName("paymentQrView")
        self.qr_view.setToolTip(self.tr("The customer scans this code with the Kaspi app"))
        column.addWidget(self.qr_view, 1)
        self.qr_countdown_label = QLabel(left)
        self.qr_countdown_label.setObjectName("qrCountdownLabel")
        self.qr_countdown_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr_countdown_label.setWordWrap(True)
        column.addWidget(self.qr_countdown_label)
        self.paid_mark = QLabel("✓", left)
        self.paid_mark.setObjectName("paidMark")
        self.paid_mark.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.paid_mark.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.paid_mark.setAccessibleName(self.tr("Paid"))
        column.addWidget(self.paid_mark, 1)
        self.spacer = QWidget(left)
        self.spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        column.addWidget(self.spacer, 1)
        root.addWidget(left, 3)

        right = QFrame(self)
        right.setObjectName("paymentSidePanel")
        side = QVBoxLayout(right)
        side.setSpacing(10)
        self.status_label = QLabel(right)
        self.status_label.setObjectName("paymentStatusLabel")
        self.status_label.setWordWrap(True)
        side.addWidget(self.status_label)
        self.detail_label = QLabel(right)
        self.detail_label.setObjectName("paymentDetailLabel")
        self.detail_label.setWordWrap(True)
        side.addWidget(self.detail_label)
        self.elapsed_label = QLabel(right)
        self.elapsed_label.setObjectName("elapsedLabel")
        self.elapsed_label.setProperty("role", "muted")
        side.addWidget(self.elapsed_label)
        self.message_label = QLabel(right)
        self.message_label.setObjectName("paymentMessageLabel")
        self.message_label.setWordWrap(True)
        self.message_label.setVisible(False)
        side.addWidget(self.message_label)
        side.addStretch(1)

        self.waiting_caption = QLabel(self.tr("Other sales waiting for payment"), right)
        self.waiting_caption.setProperty("role", "muted")
        side.addWidget(self.waiting_caption)
        self.waiting_list = QListWidget(right)
        self.waiting_list.setObjectName("waitingSalesList")
        self.waiting_list.setMaximumHeight(160)
        self.waiting_list.itemActivated.connect(self._on_waiting_activated)
        self.waiting_list.itemClicked.connect(self._on_waiting_activated)
        side.addWidget(self.waiting_list)

        # Demo mode: nobody holds a Kaspi app, so the cashier plays the customer from here.
        self.demo_panel = QFrame(right)
        self.demo_panel.setObjectName("demoCustomerPanel")
        demo = QVBoxLayout(self.demo_panel)
        demo.setContentsMargins(0, 0, 0, 0)
        demo_caption = QLabel(self.tr("Demo: play the customer"), self.demo_panel)
        demo_caption.setProperty("role", "muted")
        demo.addWidget(demo_caption)
        demo_row = QHBoxLayout()
        self.demo_pay_button = self._button(
            self.demo_panel, self.tr("Customer pays"), "demoPayButton"
        )
        self.demo_decline_button = self._button(
            self.demo_panel, self.tr("Customer declines"), "demoDeclineButton"
        )
        demo_row.addWidget(self.demo_pay_button)
        demo_row.addWidget(self.demo_decline_button)
        demo.addLayout(demo_row)
        self.demo_page_button = self._button(
            self.demo_panel, self.tr("Open the customer's page"), "demoCustomerPageButton"
        )
        self.demo_page_button.setToolTip(
            self.tr("The page a customer's phone would show, with Pay and Decline buttons")
        )
        demo.addWidget(self.demo_page_button)
        self.demo_panel.setVisible(False)
        side.addWidget(self.demo_panel)
        self.demo_pay_button.clicked.connect(lambda: self.demoCustomerAction.emit("pay"))
        self.demo_decline_button.clicked.connect(lambda: self.demoCustomerAction.emit("decline"))
        self.demo_page_button.clicked.connect(lambda: self.demoCustomerAction.emit("page"))

        self.cancel_button = self._button(right, self.tr("Cancel payment"), "cancelPaymentButton")
        self.cancel_button.setProperty("role", "danger")
        self.new_qr_button = self._button(right, self.tr("New QR"), "newQrButton")
        self.new_qr_button.setToolTip(
            self.tr("Show another QR code; the old one stays watched in case it was paid")
        )
        self.retry_button = self._button(right, self.tr("Try again"), "retryPaymentButton")
        self.retry_button.setProperty("primary", True)
        self.back_button = self._button(right, self.tr("Back to cart"), "backToCartButton")
        self.new_sale_button = self._button(right, self.tr("New sale"), "newSaleButton")
        self.new_sale_button.setProperty("primary", True)
        for button in (
            self.new_sale_button,
            self.retry_button,
            self.new_qr_button,
            self.back_button,
            self.cancel_button,
        ):
            button.setMinimumHeight(56)
            side.addWidget(button)
        root.addWidget(right, 2)

        self.cancel_button.clicked.connect(lambda: self.cancelRequested.emit())
        self.new_qr_button.clicked.connect(lambda: self.newQrRequested.emit())
        self.retry_button.clicked.connect(lambda: self.retryRequested.emit())
        self.back_button.clicked.connect(lambda: self.backRequested.emit())
        self.new_sale_button.clicked.connect(lambda: self.newSaleRequested.emit())

    @staticmethod
    def _button(parent: QWidget, text: str, name: str) -> QPushButton:
        button = QPushButton(text, parent)
        button.setObjectName(name)
        button.setAutoDefault(True)
        return button

    # --- showing ---------------------------------------------------------------------------------

    def show_sending(self, method: str, amount: Decimal) -> None:
        """Before the sale exists: the amount and "Sending…", no buttons."""
        self.sale = None
        self.declined = False
        self.error_detail = ""
        self.title_label.setText(
            self.tr("Payment by QR") if method == "qr" else self.tr("Payment by phone")
        )
        self._set_amount(amount)
        self.phone_info_label.setVisible(False)
        self.qr_view.set_text(None)
        self.qr_view.setVisible(False)
        self.qr_countdown_label.setVisible(False)
        self.paid_mark.setVisible(False)
        self.spacer.setVisible(True)
        self._set_status(self.tr("Creating the payment…"), "waiting")
        self.detail_label.setText("")
        self.elapsed_label.setText("")
        self.hide_message()
        for button in self._buttons():
            button.setVisible(False)
        self.demo_panel.setVisible(False)
        self._timer.stop()

    def show_sale(self, sale: SaleRecord) -> None:
        """Draw ``sale`` (call again whenever it changes)."""
        self.sale = sale
        paid = sale.state in PAID_STATES
        final = sale.is_final
        self.title_label.setText(
            self.tr("Payment by QR") if sale.method == "qr" else self.tr("Payment by phone")
        )
        self._set_amount(sale.amount)

        if sale.method == "phone" and sale.phone is not None and not paid:
            self.phone_info_label.setText(
                self.tr(
                    "The payment request goes to {phone}. The customer opens the Kaspi app "
                    "and confirms it there."
                ).format(phone=sale.phone.masked)
            )
            self.phone_info_label.setVisible(True)
        else:
            self.phone_info_label.setVisible(False)
        # A QR whenever the provider returned a link (phone invoices may have one too).
        show_qr = bool(sale.qr_url) and not final
        self.qr_view.set_text(sale.qr_url if show_qr else None)
        self.qr_view.setVisible(show_qr)
        self.qr_countdown_label.setVisible(show_qr and sale.qr_expires_at is not None)
        self.paid_mark.setVisible(paid)
        self.spacer.setVisible(not show_qr and not paid)

        self._show_state()
        waiting = sale.state == SaleState.WAITING
        self.demo_panel.setVisible(self.demo and waiting and sale.payment_id is not None)
        self.cancel_button.setVisible(not final and self.can_cancel)
        self.cancel_button.setEnabled(waiting)
        self.new_qr_button.setVisible(sale.method == "qr" and not final)
        self.new_qr_button.setEnabled(waiting)
        failed_like = final and not paid
        self.retry_button.setVisible(failed_like)
        # While waiting too: the sale stays watched and comes back on screen when it is paid.
        self.back_button.setVisible(not paid)
        self.new_sale_button.setVisible(paid)
        if final:
            self._timer.stop()
            default = self.new_sale_button if paid else self.retry_button
            default.setDefault(True)
            default.setFocus(Qt.FocusReason.OtherFocusReason)
        elif not self._timer.isActive():
            self._timer.start()
        self._tick()

    def set_connection(self, state: ConnectionState) -> None:
        """The watcher's connection state (shown while the sale is unfinished)."""
        self.connection = state
        if self.sale is not None:
            self._show_state()

    def show_message(self, text: str, role: str = "info") -> None:
        """A line under the status (a refused cancel, a refund requested …)."""
        self.message_label.setText(text)
        self.message_label.setProperty("role", role)
        repolish(self.message_label)
        self.message_label.setVisible(bool(text))

    def hide_message(self) -> None:
        """Remove the message line."""
        self.message_label.setVisible(False)

    def set_waiting_sales(self, sales: list[SaleRecord]) -> None:
        """List the other unfinished sales (picked to switch to them)."""
        self.waiting_list.clear()
        for sale in sales:
            how = (
                self.tr("QR")
                if sale.method == "qr"
                else (sale.phone.masked if sale.phone is not None else self.tr("phone"))
            )
            when = sale.created_at.astimezone().strftime("%H:%M")
            item = QListWidgetItem(
                f"{when} · {format_amount(sale.amount, self._locale)} · {how}", self.waiting_list
            )
            item.setData(Qt.ItemDataRole.UserRole, sale.sale_id)
        self.waiting_list.setVisible(bool(sales))
        self.waiting_caption.setVisible(bool(sales))

    # --- inside ----------------------------------------------------------------------------------

    def _buttons(self) -> tuple[QPushButton, ...]:
        return (
            self.cancel_button,
            self.new_qr_button,
            self.retry_button,
            self.back_button,
            self.new_sale_button,
        )

    def _set_amount(self, amount: Decimal) -> None:
        self.amount_label.setText(format_amount(amount, self._locale))

    def _set_status(self, text: str, state: str) -> None:
        self.status_label.setText(text)
        self.status_label.setProperty("state", state)
        repolish(self.status_label)

    def _show_state(self) -> None:
        sale = self.sale
        if sale is None:
            return
        state = sale.state
        offline = self.connection != ConnectionState.OK and not sale.is_final
        detail = ""
        if state in PAID_STATES:
            self._set_status(self.tr("Paid"), "paid")
            detail = self.tr("The money has arrived. The cart is cleared for the next customer.")
        elif state == SaleState.CANCELLED:
            if self.declined:
                self._set_status(self.tr("The customer declined the payment"), "cancelled")
            else:
                self._set_status(self.tr("Cancelled"), "cancelled")
            detail = self.tr("No money was taken. Try again or go back to the cart.")
        elif state == SaleState.EXPIRED:
            self._set_status(self.tr("Expired"), "expired")
            detail = self.tr("The customer did not pay in time. No money was taken.")
        elif state == SaleState.FAILED:
            self._set_status(self.tr("Payment failed"), "failed")
            detail = self.error_detail or self.tr("No money was taken.")
        elif state == SaleState.UNKNOWN:
            self._set_status(self.tr("Checking an unknown result…"), "unknown")
            detail = self.tr(
                "The answer to the payment request was lost. The app is asking the payment "
                "service what happened; nothing is sent twice."
            )
            if offline:
                detail += " " + self.tr("Connection lost, retrying…")
        elif offline:
            self._set_status(self.tr("Connection lost, retrying…"), "offline")
            detail = self.tr(
                "The sale is kept safe; its status is checked as soon as the payment service "
                "answers again."
            )
        elif state == SaleState.CREATING:
            self._set_status(self.tr("Creating the payment…"), "waiting")
        elif state == SaleState.CANCELLING:
            self._set_status(self.tr("Cancelling…"), "cancelling")
            detail = self.tr("Waiting for the payment service to confirm the cancellation.")
        else:
            if sale.method == "qr":
                self._set_status(self.tr("Waiting for the customer to scan and pay"), "waiting")
            else:
                self._set_status(self.tr("Waiting for the customer to confirm in Kaspi"), "waiting")
        self.detail_label.setText(detail)
        self.detail_label.setVisible(bool(detail))

    def _tick(self) -> None:
        sale = self.sale
        if sale is None:
            return
        now = utc_now()
        if sale.is_final:
            end = sale.final_at or sale.updated_at
            self.elapsed_label.setText(
                self.tr("Took {time}").format(
                    time=format_duration((end - sale.created_at).total_seconds())
                )
            )
        else:
            self.elapsed_label.setText(
                self.tr("Waiting {time}").format(
                    time=format_duration((now - sale.created_at).total_seconds())
                )
            )
        if sale.qr_expires_at is not None and self.qr_view.isVisible():
            left = (sale.qr_expires_at - now).total_seconds()
            if left > 0:
                self.qr_countdown_label.setText(
                    self.tr("Scan within {time}").format(time=format_duration(left))
                )
                self.qr_countdown_label.setProperty("role", "muted")
                self.qr_view.set_dimmed(False)
            else:
                self.qr_countdown_label.setText(
                    self.tr(
                        "This QR code can no longer be scanned. A payment the customer already "
                        "started may still complete; use New QR to show another code."
                    )
                )
                self.qr_countdown_label.setProperty("role", "warning")
                self.qr_view.set_dimmed(True, self.tr("QR code expired"))
            repolish(self.qr_countdown_label)

    def _on_waiting_activated(self, item: QListWidgetItem) -> None:
        sale_id = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(sale_id, str):
            self.saleSelected.emit(sale_id)

"""The checkout controller: from the counter's "Pay" to "Paid", wiring service and screens.

It listens to :class:`~pos_app.ui.counter.CounterScreen` (``payRequested``), opens the phone
dialog, starts sales on the :class:`~pos_app.services.checkout.CheckoutService`, turns the
service's :class:`~pos_app.services.checkout.CheckoutEvent` stream into what the payment
screen and the customer display show, and resumes unfinished sales at start-up.

Double activation is stopped three times over: the pay buttons are hidden behind the payment
screen the moment a sale starts (synchronously, in the click handler); a start already running
makes further requests no-ops (``_starting``); and the service itself returns the running sale
for the same cart instead of creating another invoice.

Every dialog is opened with ``open()`` and answered through its ``finished`` signal: a nested
``exec()`` loop would break the qasync loop the sales run on.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from pos_app.domain.cart import Cart
from pos_app.domain.errors import DomainError
from pos_app.domain.money import format_amount
from pos_app.domain.phone import KzPhone
from pos_app.domain.sale import SaleState
from pos_app.journal.sales import SaleRecord
from pos_app.payments.errors import PaymentError
from pos_app.services.checkout import (
    NOT_CREATED,
    CheckoutError,
    CheckoutEvent,
    CheckoutEventKind,
    CheckoutService,
)
from pos_app.ui.checkout.customer_display import CustomerDisplay
from pos_app.ui.checkout.payment_screen import PAID_STATES, PaymentScreen
from pos_app.ui.checkout.phone_dialog import PhoneDialog
from pos_app.ui.checkout.texts import error_text, utc_now

__all__ = ["CheckoutController"]

log = logging.getLogger("pos_app.ui.checkout")

Spawn = Callable[..., Any]


def _setting(config: Any, name: str, default: Any) -> Any:
    try:
        return config.get(name)
    except (KeyError, AttributeError):
        return default


class CheckoutController(QObject):
    """Checkout in the main window: the payment screen, the phone dialog, the customer display.

    Args:
        window: The :class:`~pos_app.ui.main_window.MainWindow` (``screen_stack``,
            ``counter_screen``).
        context: The app's :class:`~pos_app.app.AppContext`; ``context.checkout`` is the
            :class:`CheckoutService`.

    Attributes:
        payment_screen: The :class:`PaymentScreen` in the window's stack.
        customer_display: The customer's window (shown per the ``customer_display_screen``
            setting or with Ctrl+D).
        phone_dialog: The open phone dialog, if any.
        confirm_box: The open "cancel the payment?" question, if any.
        double_payment_box: The open "refund one of two payments?" question, if any.
        current_sale_id: The sale the payment screen shows (``None`` at the counter).

    Signals:
        saleShown(str): The payment screen now shows this sale (tests, the self-test).
        refundRequested(str): A refund was sent for this payment id (double payment).
    """

    saleShown = Signal(str)
    refundRequested = Signal(str)

    def __init__(self, window: Any, context: Any, parent: QObject | None = None) -> None:
        super().__init__(parent or window)
        self.window = window
        self.context = context
        self.service: CheckoutService = context.checkout
        self.counter = window.counter_screen
        self._spawn: Spawn = context.spawn
        config = context.config
        self._config = config
        self._locale = str(_setting(config, "language", "ru"))
        self.current_sale_id: str | None = None
        self.phone_dialog: PhoneDialog | None = None
        self.confirm_box: QMessageBox | None = None
        self.double_payment_box: QMessageBox | None = None
        self._starting = False
        self._starting_cart: dict[str, Any] | None = None
        self._new_qr_running = False
        self._closed = False
        self._cancel_requested: set[str] = set()
        self._declined: set[str] = set()
        self._errors: dict[str, str] = {}
        self._cart_cleared_for: set[str] = set()
        self._last_state: dict[str, SaleState] = {}
        self._last_phone: KzPhone | None = None
        self._last_description = ""

        self.payment_screen = PaymentScreen(self._locale, window.screen_stack)
        window.screen_stack.addWidget(self.payment_screen)
        shop = str(_setting(config, "shop_name", "") or "") or getattr(
            context, "default_shop_name", ""
        )
        self.customer_display = CustomerDisplay(self._locale, shop)

        self.counter.payRequested.connect(self.on_pay_requested)
        self.counter.session.changed.connect(self._on_cart_changed)
        screen = self.payment_screen
        screen.cancelRequested.connect(self.ask_cancel)
        screen.newQrRequested.connect(self.new_qr)
        screen.retryRequested.connect(self.retry)
        screen.backRequested.connect(self.back_to_cart)
        screen.newSaleRequested.connect(self.new_sale)
        screen.saleSelected.connect(self.show_sale)
        self._sandbox_root: str | None = getattr(context, "sandbox_root_url", None)
        if getattr(context, "demo", False) and self._sandbox_root:
            screen.demo = True
            screen.demoCustomerAction.connect(self.demo_customer)
        self._unsubscribe = self.service.subscribe(self._on_event)

        shortcut = QShortcut(QKeySequence("Ctrl+D"), window)
        shortcut.setObjectName("customerDisplayShortcut")
        shortcut.setWhatsThis(self.tr("Show or hide the customer display"))
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        shortcut.activated.connect(self.toggle_customer_display)
        self.customer_display_shortcut = shortcut

        self._on_cart_changed()
        index = int(_setting(config, "customer_display_screen", -1))
        if index >= 0:
            # Deferred: the display must not take the focus from the window on start.
            QTimer.singleShot(0, lambda: self._place_display(index))
        self._spawn(self._resume(), name="checkout-resume")

    # --- demo: the cashier plays the customer ---------------------------------------------------

    def demo_customer(self, action: str) -> None:
        """Demo mode: pay, decline, or open the customer's page of the shown sale's invoice."""
        sale = self.service.sale(self.current_sale_id) if self.current_sale_id else None
        if sale is None or sale.payment_id is None or self._sandbox_root is None:
            return
        self._spawn(self._demo_customer(action, sale.payment_id), name=f"demo-customer-{action}")

    async def _demo_customer(self, action: str, payment_id: str) -> None:
        import httpx
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        control = f"{self._sandbox_root}/_sandbox/invoices/{payment_id}"
        try:
            async with httpx.AsyncClient(timeout=10.0) as client:
                if action == "page":
                    answer = await client.get(control)
                    answer.raise_for_status()
                    QDesktopServices.openUrl(QUrl(str(answer.json()["sandbox"]["pay_url"])))
                    return
                answer = await client.post(f"{control}/{action}")
                answer.raise_for_status()
        except (httpx.HTTPError, KeyError, ValueError) as exc:
            log.warning("demo customer action %s failed: %s", action, type(exc).__name__)
            self.payment_screen.show_message(
                self.tr("The demo sandbox did not answer. Try again."), "warning"
            )
            return
        if action == "decline":
            self._declined.add(self.current_sale_id or "")
        # The watcher sees the change on its next poll; nothing else to do here.

    # --- start-up --------------------------------------------------------------------------------

    async def _resume(self) -> None:
        """Resume unfinished sales; show the newest one still waiting."""
        sales = await self.service.resume()
        if self._closed:
            return
        waiting = sorted(
            (s for s in sales if not s.is_final), key=lambda s: s.created_at, reverse=True
        )
        if waiting and self.current_sale_id is None and not self._starting:
            log.info("%d unfinished sale(s) resumed; showing the newest", len(waiting))
            self.show_sale(waiting[0].sale_id)

    # --- starting a payment ----------------------------------------------------------------------

    def on_pay_requested(self, method: str) -> None:
        """The counter's Pay by phone (F11) / by QR (F12)."""
        if self._closed or self._starting:
            return
        current = self._current()
        if current is not None and not current.is_final:
            # A sale is still running: show it rather than start another.
            self._show_payment_page()
            return
        cart = self.counter.session.cart
        if cart.is_empty:
            return
        pending = self._unfinished_sale_of(cart)
        if pending is not None:
            # This very cart already waits for a payment (perhaps by the other method): show
            # it; a second invoice could be paid twice. Cancel it there to switch method.
            self.show_sale(pending.sale_id)
            return
        if method == "phone":
            self.open_phone_dialog()
        elif method == "qr":
            self.start_sale("qr")

    def _unfinished_sale_of(self, cart: Cart) -> SaleRecord | None:
        wanted = cart.to_dict()
        for sale in self.service.journal.unfinished():
            if sale.cart.to_dict() == wanted:
                return sale
        return None

    def open_phone_dialog(self, phone: KzPhone | None = None, description: str = "") -> None:
        """Open the phone dialog for the counter's cart (non-blocking)."""
        if self.phone_dialog is not None and self.phone_dialog.isVisible():
            self.phone_dialog.raise_()
            return
        dialog = PhoneDialog(
            self.counter.session.cart.total,
            self._locale,
            self.context.provider,
            self._spawn,
            phone=phone,
            description=description,
            parent=self.window,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.sendRequested.connect(self._on_phone_send)
        dialog.destroyed.connect(self._forget_phone_dialog)
        self.phone_dialog = dialog
        dialog.open()

    def _forget_phone_dialog(self) -> None:
        self.phone_dialog = None

    def _on_phone_send(self, phone: KzPhone, description: str) -> None:
        self._last_phone = phone
        self._last_description = description
        self.start_sale("phone", phone=phone, description=description)

    def start_sale(
        self, method: str, *, phone: KzPhone | None = None, description: str = ""
    ) -> bool:
        """Start a sale of the counter's cart; ``False`` if one is already starting."""
        if self._starting or self._closed:
            return False
        cart = self.counter.session.cart
        if cart.is_empty:
            return False
        # Synchronously, before any await: the payment screen covers the pay buttons and a
        # second click, Enter or F-key finds ``_starting`` set.
        self._starting = True
        self._starting_cart = cart.to_dict()
        self.current_sale_id = None
        self.payment_screen.set_connection(self.service.connection_state)
        self.payment_screen.show_sending(method, cart.total)
        self._show_payment_page()
        self._spawn(self._start(method, cart, phone, description), name=f"checkout-{method}")
        return True

    async def _start(
        self, method: str, cart: Cart, phone: KzPhone | None, description: str
    ) -> None:
        try:
            if method == "qr":
                sale_id = await self.service.start_qr_sale(cart, description=description or None)
            else:
                assert phone is not None
                sale_id = await self.service.start_phone_sale(
                    cart, phone, description=description or None
                )
        except CheckoutError as exc:
            self._starting = False
            if exc.sale_id is not None:
                self.show_sale(exc.sale_id)
                self.payment_screen.show_message(error_text(exc), "warning")
            else:
                self._back_with_message(error_text(exc))
            return
        except DomainError as exc:
            self._starting = False
            self._back_with_message(error_text(exc))
            return
        except Exception:
            self._starting = False
            log.exception("starting a %s sale failed", method)
            self._back_with_message(self.tr("The payment could not be started. Try again."))
            return
        self._starting = False
        if not self._closed:
            self.show_sale(sale_id)

    def _back_with_message(self, text: str) -> None:
        if self._closed:
            return
        self.current_sale_id = None
        self._show_counter()
        self.counter.show_message(text, "error")

    # --- showing a sale --------------------------------------------------------------------------

    def _current(self) -> SaleRecord | None:
        if self.current_sale_id is None:
            return None
        return self.service.journal.find(self.current_sale_id)

    def show_sale(self, sale_id: str) -> None:
        """Show ``sale_id`` on the payment screen (and the customer display)."""
        if self._closed:
            return
        self.current_sale_id = sale_id
        self.payment_screen.hide_message()
        self.payment_screen.set_connection(self.service.connection_state)
        self._render(self.service.sale(sale_id))
        self._show_payment_page()
        self.saleShown.emit(sale_id)

    def _render(self, sale: SaleRecord) -> None:
        screen = self.payment_screen
        caps = getattr(self.context.provider, "capabilities", None)
        screen.can_cancel = bool(
            getattr(caps, "cancel_qr", False)
            if sale.method == "qr"
            else getattr(caps, "cancel_phone", True)
        )
        screen.declined = sale.sale_id in self._declined
        screen.error_detail = self._error_detail(sale)
        screen.show_sale(sale)
        screen.set_waiting_sales(
            [s for s in self.service.journal.unfinished() if s.sale_id != sale.sale_id]
        )
        display = self.customer_display
        if sale.state in PAID_STATES:
            display.show_paid(sale.amount)
            self._on_paid(sale)
        elif sale.is_final:
            display.show_not_completed()
        else:
            display.show_payment(sale)
            expires = sale.qr_expires_at
            display.set_qr_expired(expires is not None and expires <= utc_now())

    def _error_detail(self, sale: SaleRecord) -> str:
        if sale.state != SaleState.FAILED:
            return ""
        if sale.sale_id in self._errors:
            return self._errors[sale.sale_id]
        if sale.error_code == NOT_CREATED:
            return self.tr("No payment was created. Ring the cart up again.")
        if sale.error_code == "client_not_found":
            return self.tr("This number has no Kaspi. Ask for another number or use the QR.")
        if sale.error_message:
            return self.tr("The payment service says: {reason}").format(reason=sale.error_message)
        return ""

    def _on_paid(self, sale: SaleRecord) -> None:
        """Once per sale: clear the cart it paid for, play the sound."""
        if sale.sale_id in self._cart_cleared_for:
            return
        self._cart_cleared_for.add(sale.sale_id)
        session = self.counter.session
        # Only the cart this sale paid for: never a cart rung up meanwhile.
        if session.cart.to_dict() == sale.cart.to_dict():
            self.counter.clear_cart()
        if bool(_setting(self._config, "sound", True)):
            QApplication.beep()
        log.info("sale %s paid (%s)", sale.sale_id, format_amount(sale.amount, "en"))

    def _show_payment_page(self) -> None:
        stack = self.window.screen_stack
        stack.setCurrentWidget(self.payment_screen)

    def _show_counter(self) -> None:
        self.window.screen_stack.setCurrentWidget(self.counter)
        self.counter.setFocus(Qt.FocusReason.OtherFocusReason)
        self.customer_display.show_cart(self.counter.session.cart)

    # --- service events --------------------------------------------------------------------------

    def _on_event(self, event: CheckoutEvent) -> None:
        if self._closed or not shiboken6.isValid(self.payment_screen):
            return
        if event.kind == CheckoutEventKind.CONNECTION_CHANGED and event.connection is not None:
            self.payment_screen.set_connection(event.connection)
            return
        if event.kind == CheckoutEventKind.DOUBLE_PAYMENT and event.sale and event.other:
            self.ask_refund_double(event.sale, event.other)
            return
        if event.kind == CheckoutEventKind.LATE_INVOICE and event.sale is not None:
            self._on_late_invoice(event)
            return
        sale = event.sale
        if sale is None:
            return
        if event.kind == CheckoutEventKind.CART_OFFERED_BACK and event.error is not None:
            self._errors[sale.sale_id] = error_text(event.error)
        before = self._last_state.get(sale.sale_id)
        self._last_state[sale.sale_id] = sale.state
        if (
            sale.state == SaleState.CANCELLED
            and sale.sale_id not in self._cancel_requested
            and before != SaleState.CANCELLING
        ):
            # Nobody here asked to cancel it: the customer declined in the Kaspi app.
            self._declined.add(sale.sale_id)
        if (
            self._starting
            and self.current_sale_id is None
            and sale.state == SaleState.CREATING
            and sale.cart.to_dict() == self._starting_cart
        ):
            # The sale being started is journaled: show it from now on (a lost answer then
            # shows as "checking", not as an endless "creating").
            self.current_sale_id = sale.sale_id
        current = self._current()
        if current is None:
            if sale.state == SaleState.PAID and before not in PAID_STATES:
                # A sale left waiting in the background was paid: show it, never miss it.
                self.show_sale(sale.sale_id)
            return
        if sale.sale_id == current.sale_id:
            self._render(sale)
            if event.error is not None and not sale.is_final:
                # A cancel the provider refused (or that never left): the sale waits again.
                self._cancel_requested.discard(sale.sale_id)
                self.payment_screen.show_message(
                    self.tr("The payment was not cancelled: {reason}").format(
                        reason=error_text(event.error)
                    ),
                    "warning",
                )
        elif sale.group_id == current.group_id and sale.state in PAID_STATES:
            # The old QR of a "New QR" chain was paid after all: that is the sale that counts.
            self.show_sale(sale.sale_id)
            self.payment_screen.show_message(self.tr("The earlier QR code was paid."), "info")
        else:
            self.payment_screen.set_waiting_sales(
                [s for s in self.service.journal.unfinished() if s.sale_id != current.sale_id]
            )

    def _on_late_invoice(self, event: CheckoutEvent) -> None:
        """A failed sale's invoice reached the provider late: tell the cashier what became of it.

        Taken back (the customer paid it): that sale is shown again, with a word about the
        newer sale of the same cart. Cancelled, or not cancellable, because the cart was rung up
        again meanwhile: a non-blocking notice where the cashier is looking (the payment screen,
        else the counter's message line).
        """
        sale = event.sale
        assert sale is not None
        other = event.other
        rival = other.sale_id if other is not None else "-"
        intro = self.tr("An earlier invoice for this cart reached the payment service late.")
        if sale.state != SaleState.FAILED:
            log.warning(
                "sale %s: late invoice taken back as %s (cart re-rung as %s)",
                sale.sale_id,
                sale.state.value,
                rival,
            )
            if sale.state in PAID_STATES:
                text = intro + " " + self.tr("The customer paid it.")
                if other is not None and not other.is_final:
                    text += " " + self.tr(
                        "Cancel the newer payment request so the customer does not pay twice."
                    )
            else:
                text = intro + " " + self.tr("It is waiting for the customer again.")
            self.show_sale(sale.sale_id)
            self.payment_screen.show_message(text, "warning")
            return
        if event.error is None:
            log.warning(
                "sale %s: late invoice %s cancelled (cart re-rung as %s)",
                sale.sale_id,
                sale.payment_id,
                rival,
            )
            text = intro + " " + self.tr("It was cancelled, so the customer cannot pay it twice.")
            role = "info"
        else:
            log.warning(
                "sale %s: late invoice %s could not be cancelled (%s, %s; cart re-rung as %s)",
                sale.sale_id,
                sale.payment_id,
                type(event.error).__name__,
                event.error.error_code,
                rival,
            )
            text = (
                intro
                + " "
                + self.tr(
                    "It could not be cancelled: cancel it in the Kaspi app or refund it if the "
                    "customer pays it."
                )
            )
            role = "warning"
        if self.window.screen_stack.currentWidget() is self.payment_screen:
            self.payment_screen.show_message(text, role)
        else:
            self.counter.show_message(text, role)

    def _on_cart_changed(self) -> None:
        # While a payment is on screen the display shows the payment, not the cart.
        if self.window.screen_stack.currentWidget() is self.payment_screen:
            return
        self.customer_display.show_cart(self.counter.session.cart)

    # --- cancelling ------------------------------------------------------------------------------

    def ask_cancel(self) -> None:
        """Ask "cancel this payment?" (non-blocking); Yes cancels it at the provider."""
        sale = self._current()
        if sale is None or sale.is_final:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Cancel the payment?"),
            self.tr(
                "Cancel the payment request of {amount}? The customer will not be able to pay "
                "it any more."
            ).format(amount=format_amount(sale.amount, self._locale)),
            QMessageBox.StandardButton.NoButton,
            self.window,
        )
        box.setObjectName("cancelConfirmBox")
        yes = box.addButton(self.tr("Cancel the payment"), QMessageBox.ButtonRole.YesRole)
        yes.setObjectName("confirmCancelButton")
        no = box.addButton(self.tr("Keep waiting"), QMessageBox.ButtonRole.NoRole)
        no.setObjectName("keepWaitingButton")
        box.setDefaultButton(no)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        sale_id = sale.sale_id

        def answered(_result: int) -> None:
            confirmed = box.clickedButton() is yes
            self.confirm_box = None
            if confirmed:
                self.cancel(sale_id)

        box.finished.connect(answered)
        self.confirm_box = box
        box.open()

    def cancel(self, sale_id: str) -> None:
        """Cancel ``sale_id`` without asking (the confirmation was given)."""
        self._cancel_requested.add(sale_id)
        self.payment_screen.cancel_button.setEnabled(False)
        self._spawn(self._cancel(sale_id), name="checkout-cancel")

    async def _cancel(self, sale_id: str) -> None:
        try:
            sale = await self.service.cancel(sale_id)
        except (CheckoutError, PaymentError) as exc:
            log.info("cancel of %s refused: %s", sale_id, type(exc).__name__)
            if not self._closed and self.current_sale_id == sale_id:
                self.payment_screen.show_message(error_text(exc), "error")
                self._render(self.service.sale(sale_id))
            return
        if not self._closed and self.current_sale_id == sale_id:
            self._render(sale)
            if sale.state in PAID_STATES:
                self.payment_screen.show_message(
                    self.tr("Too late to cancel: the customer has already paid."), "info"
                )

    # --- new QR, retry, back, new sale -----------------------------------------------------------

    def new_qr(self) -> None:
        """Issue another QR code for the current QR sale (the old one stays watched)."""
        sale = self._current()
        if sale is None or sale.method != "qr" or self._new_qr_running:
            return
        self._new_qr_running = True
        self.payment_screen.new_qr_button.setEnabled(False)
        self._spawn(self._new_qr(sale.sale_id), name="checkout-new-qr")

    async def _new_qr(self, sale_id: str) -> None:
        try:
            new_id = await self.service.new_qr(sale_id)
        except (CheckoutError, PaymentError, DomainError) as exc:
            if not self._closed:
                self.payment_screen.show_message(error_text(exc), "error")
                self._render(self.service.sale(sale_id))
            return
        finally:
            self._new_qr_running = False
        if not self._closed:
            self.show_sale(new_id)
            self.payment_screen.show_message(
                self.tr("New QR code shown. The previous one is still watched."), "info"
            )

    def _restore_cart(self, sale: SaleRecord) -> None:
        """Put the sale's cart back on the counter if the counter has none."""
        if self.counter.session.cart.is_empty and not sale.cart.is_empty:
            self.counter.session.replace_cart(Cart.from_dict(sale.cart.to_dict()))

    def retry(self) -> None:
        """Try again with the same cart and method."""
        sale = self._current()
        if sale is None or not sale.is_final or sale.state in PAID_STATES:
            return
        self._restore_cart(sale)
        if sale.method == "phone":
            self.open_phone_dialog(sale.phone, sale.description or "")
        else:
            self.start_sale("qr", description=sale.description or "")

    def back_to_cart(self) -> None:
        """Back to the counter with the same cart.

        After a payment that did not go through; or while one waits (the sale stays watched
        and its payment screen comes back when it is paid; Pay on the same cart shows it).
        """
        sale = self._current()
        if sale is not None and sale.state not in PAID_STATES:
            self._restore_cart(sale)
        self.current_sale_id = None
        self._show_counter()

    def new_sale(self) -> None:
        """After "Paid": an empty counter for the next customer."""
        self.current_sale_id = None
        self._show_counter()

    # --- double payment --------------------------------------------------------------------------

    def ask_refund_double(self, later: SaleRecord, earlier: SaleRecord) -> None:
        """Two QR codes of one cart were both paid: offer to refund the later payment."""
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Paid twice"),
            self.tr(
                "The customer paid this cart twice ({amount} each, two QR codes). Refund the "
                "later payment?"
            ).format(amount=format_amount(later.amount, self._locale)),
            QMessageBox.StandardButton.NoButton,
            self.window,
        )
        box.setObjectName("doublePaymentBox")
        yes = box.addButton(self.tr("Refund the later payment"), QMessageBox.ButtonRole.YesRole)
        yes.setObjectName("refundDoubleButton")
        no = box.addButton(self.tr("Not now"), QMessageBox.ButtonRole.NoRole)
        no.setObjectName("keepDoubleButton")
        box.setDefaultButton(no)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def answered(_result: int) -> None:
            self.double_payment_box = None
            if box.clickedButton() is yes and later.payment_id is not None:
                self._spawn(self._refund(later), name="checkout-refund-double")

        box.finished.connect(answered)
        self.double_payment_box = box
        box.open()

    async def _refund(self, sale: SaleRecord) -> None:
        assert sale.payment_id is not None
        try:
            await self.context.provider.refund(
                sale.payment_id, reason="Double payment: paid two QR codes of one cart"
            )
        except PaymentError as exc:
            log.warning("refund of double payment %s failed: %s", sale.sale_id, exc)
            if not self._closed:
                self.payment_screen.show_message(
                    self.tr("The refund failed: {reason}").format(reason=error_text(exc)),
                    "error",
                )
            return
        log.info("sale %s: double payment refunded", sale.sale_id)
        if not self._closed:
            self.payment_screen.show_message(
                self.tr("Refund of {amount} requested.").format(
                    amount=format_amount(sale.amount, self._locale)
                ),
                "info",
            )
            self.refundRequested.emit(sale.payment_id)

    # --- customer display ------------------------------------------------------------------------

    def _place_display(self, index: int) -> None:
        if not self._closed:
            self.customer_display.place(index)

    def toggle_customer_display(self) -> None:
        """Ctrl+D: show the customer display (on its configured screen) or hide it."""
        if self.customer_display.isVisible():
            self.customer_display.hide()
        else:
            self.customer_display.place(int(_setting(self._config, "customer_display_screen", -1)))

    # --- shutdown --------------------------------------------------------------------------------

    def shutdown(self) -> None:
        """Close the dialogs and the customer display; stop listening (the shell's window step)."""
        if self._closed:
            return
        self._closed = True
        self._unsubscribe()
        for widget in (self.phone_dialog, self.confirm_box, self.double_payment_box):
            if widget is not None and shiboken6.isValid(widget):
                widget.close()
        display: QWidget = self.customer_display
        if shiboken6.isValid(display):
            display.close()
            display.deleteLater()

    def amount_text(self, amount: Decimal) -> str:
        """An amount in the cashier's language."""
        return format_amount(amount, self._locale)

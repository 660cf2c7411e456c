"""The customer-facing display: a second window with the cart, the big QR, and "thank you".

It speaks the *customer's* language, which may differ from the cashier's: its strings are
marked with ``QT_TRANSLATE_NOOP("CustomerDisplay", …)`` (so ``pyside6-lupdate`` extracts them
into the usual ``.ts`` files) and translated through a :class:`QTranslator` of its own per
language (``translator.translate(context, text)``), never through the application's installed
translator. A language without a compiled translation shows the English source text.

Placement: the ``customer_display_screen`` setting names a screen index; on an existing screen
the display goes full screen there, otherwise it opens as an ordinary window (the cashier can
drag it to a monitor facing the customer).
"""

from __future__ import annotations

import logging
from decimal import Decimal

from PySide6.QtCore import QObject, Qt, QTranslator, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from pos_app.domain.cart import Cart
from pos_app.domain.errors import QT_TRANSLATE_NOOP
from pos_app.domain.money import format_amount
from pos_app.journal.sales import SaleRecord
from pos_app.paths import resource_path
from pos_app.ui.qr import QrView

__all__ = ["CONTEXT", "LANGUAGES", "CustomerDisplay", "CustomerTexts"]

log = logging.getLogger("pos_app.ui.checkout")

#: The translation context of every customer-facing string.
CONTEXT = "CustomerDisplay"
#: The languages offered on the display, with their own names (never translated).
LANGUAGES: tuple[tuple[str, str], ...] = (("ru", "Русский"), ("kk", "Қазақша"), ("en", "English"))

_WELCOME = QT_TRANSLATE_NOOP("CustomerDisplay", "Welcome!")
_YOUR_PURCHASE = QT_TRANSLATE_NOOP("CustomerDisplay", "Your purchase")
_TOTAL = QT_TRANSLATE_NOOP("CustomerDisplay", "Total")
_DISCOUNT = QT_TRANSLATE_NOOP("CustomerDisplay", "Discount {percent} %")
_TO_PAY = QT_TRANSLATE_NOOP("CustomerDisplay", "To pay")
_SCAN = QT_TRANSLATE_NOOP("CustomerDisplay", "Scan the code with the Kaspi app")
_SCAN_HOW = QT_TRANSLATE_NOOP(
    "CustomerDisplay", "Open Kaspi.kz → Kaspi QR, point the camera at the code and confirm."
)
_CONFIRM_PHONE = QT_TRANSLATE_NOOP("CustomerDisplay", "Confirm the payment in your Kaspi app")
_SENT_TO = QT_TRANSLATE_NOOP("CustomerDisplay", "The request was sent to {phone}.")
_PREPARING = QT_TRANSLATE_NOOP("CustomerDisplay", "Preparing the payment…")
_PAID = QT_TRANSLATE_NOOP("CustomerDisplay", "Paid — thank you!")
_NOT_COMPLETED = QT_TRANSLATE_NOOP("CustomerDisplay", "The payment was not completed")
_NOT_COMPLETED_HOW = QT_TRANSLATE_NOOP(
    "CustomerDisplay", "No money was taken. Please ask the cashier."
)
_QR_EXPIRED = QT_TRANSLATE_NOOP("CustomerDisplay", "QR code expired")
_ITEMS = QT_TRANSLATE_NOOP("CustomerDisplay", "{count} × {price}")


class CustomerTexts(QObject):
    """The customer display's strings in one language, through a translator of its own."""

    def __init__(self, language: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.language = language
        self._translator: QTranslator | None = None
        if language != "en":
            translator = QTranslator(self)
            if translator.load(f"pos_app_{language}", str(resource_path("i18n"))):
                self._translator = translator
            else:
                log.info("customer display: no %s translation, showing English", language)

    @property
    def has_catalogue(self) -> bool:
        """Whether a compiled translation for this language was found."""
        return self._translator is not None

    def text(self, source: str) -> str:
        """``source`` in this language (the English source when it has no translation)."""
        if self._translator is not None:
            translated = self._translator.translate(CONTEXT, source)
            if translated:
                return translated
        return source


class CustomerDisplay(QWidget):
    """The window the customer looks at (``customerDisplay``).

    Args:
        language: The customer's language to start with (``ru``/``kk``/``en``).
        shop_name: Shown on the welcome page.

    Signals:
        languageChanged(str): The customer (or cashier) picked another language.
    """

    languageChanged = Signal(str)

    def __init__(self, language: str, shop_name: str = "") -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.setObjectName("customerDisplay")
        self.setWindowTitle(self.tr("Customer display"))
        self.resize(1024, 640)
        self._shop_name = shop_name
        self._texts = CustomerTexts(language if language in dict(LANGUAGES) else "ru", self)
        self._redraw: tuple[str, object] = ("welcome", None)
        self._build()
        self.show_welcome()

    # --- building --------------------------------------------------------------------------------

    def _build(self) -> None:
        root = QVBoxLayout(self)
        root.setContentsMargins(32, 24, 32, 16)
        root.setSpacing(12)
        self.pages = QStackedWidget(self)
        self.pages.setObjectName("customerPages")
        root.addWidget(self.pages, 1)

        # welcome
        self.welcome_page = QWidget(self.pages)
        welcome = QVBoxLayout(self.welcome_page)
        welcome.addStretch(1)
        self.shop_label = _label(self.welcome_page, "customerShopLabel", center=True)
        welcome.addWidget(self.shop_label)
        self.welcome_label = _label(self.welcome_page, "customerWelcomeLabel", center=True)
        welcome.addWidget(self.welcome_label)
        welcome.addStretch(2)
        self.pages.addWidget(self.welcome_page)

        # cart
        self.cart_page = QWidget(self.pages)
        cart = QVBoxLayout(self.cart_page)
        self.cart_title = _label(self.cart_page, "customerCartTitle")
        cart.addWidget(self.cart_title)
        self.lines_area = QScrollArea(self.cart_page)
        self.lines_area.setObjectName("customerLinesArea")
        self.lines_area.setWidgetResizable(True)
        self.lines_area.setFrameShape(QFrame.Shape.NoFrame)
        self.lines_widget = QWidget()
        self.lines_widget.setObjectName("customerLines")
        self.lines_grid = QGridLayout(self.lines_widget)
        self.lines_grid.setColumnStretch(0, 1)
        self.lines_grid.setVerticalSpacing(14)
        self.lines_area.setWidget(self.lines_widget)
        cart.addWidget(self.lines_area, 1)
        self.discount_label = _label(self.cart_page, "customerDiscountLabel")
        cart.addWidget(self.discount_label)
        total_row = QHBoxLayout()
        self.total_caption = _label(self.cart_page, "customerTotalCaption")
        self.total_label = _label(self.cart_page, "customerTotalLabel")
        self.total_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        total_row.addWidget(self.total_caption)
        total_row.addStretch(1)
        total_row.addWidget(self.total_label)
        cart.addLayout(total_row)
        self.pages.addWidget(self.cart_page)

        # paying
        self.pay_page = QWidget(self.pages)
        pay = QHBoxLayout(self.pay_page)
        pay.setSpacing(32)
        self.qr_view = QrView(self.pay_page)
        self.qr_view.setObjectName("customerQrView")
        pay.addWidget(self.qr_view, 3)
        pay_text = QVBoxLayout()
        pay_text.addStretch(1)
        self.pay_caption = _label(self.pay_page, "customerPayCaption")
        pay_text.addWidget(self.pay_caption)
        self.pay_amount = _label(self.pay_page, "customerAmountLabel")
        pay_text.addWidget(self.pay_amount)
        self.pay_instruction = _label(self.pay_page, "customerInstructionLabel")
        pay_text.addWidget(self.pay_instruction)
        self.pay_detail = _label(self.pay_page, "customerDetailLabel")
        pay_text.addWidget(self.pay_detail)
        pay_text.addStretch(2)
        pay.addLayout(pay_text, 2)
        self.pages.addWidget(self.pay_page)

        # paid / not completed
        self.result_page = QWidget(self.pages)
        result = QVBoxLayout(self.result_page)
        result.addStretch(1)
        self.result_mark = _label(self.result_page, "customerResultMark", center=True)
        result.addWidget(self.result_mark)
        self.result_label = _label(self.result_page, "customerResultLabel", center=True)
        result.addWidget(self.result_label)
        self.result_detail = _label(self.result_page, "customerResultDetail", center=True)
        result.addWidget(self.result_detail)
        result.addStretch(2)
        self.pages.addWidget(self.result_page)

        languages = QHBoxLayout()
        languages.addStretch(1)
        self.language_buttons: dict[str, QPushButton] = {}
        for code, name in LANGUAGES:
            button = QPushButton(name, self)
            button.setObjectName(f"customerLang{code.capitalize()}Button")
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _=False, c=code: self.set_language(c))
            languages.addWidget(button)
            self.language_buttons[code] = button
        root.addLayout(languages)
        self._check_language()

    # --- language --------------------------------------------------------------------------------

    @property
    def language(self) -> str:
        """The customer's language now."""
        return self._texts.language

    def t(self, source: str) -> str:
        """``source`` in the customer's language."""
        return self._texts.text(source)

    def set_language(self, language: str) -> None:
        """Switch the display to ``language`` and redraw what it shows."""
        if language not in dict(LANGUAGES) or language == self.language:
            self._check_language()
            return
        self._texts.deleteLater()
        self._texts = CustomerTexts(language, self)
        self._check_language()
        page, data = self._redraw
        if page == "cart" and isinstance(data, Cart):
            self.show_cart(data)
        elif page == "pay" and isinstance(data, SaleRecord):
            self.show_payment(data)
        elif page == "paid" and isinstance(data, Decimal):
            self.show_paid(data)
        elif page == "not_completed":
            self.show_not_completed()
        else:
            self.show_welcome()
        self.languageChanged.emit(language)

    def _check_language(self) -> None:
        for code, button in self.language_buttons.items():
            button.setChecked(code == self.language)

    def _money(self, value: Decimal) -> str:
        return format_amount(value, self.language)

    # --- pages -----------------------------------------------------------------------------------

    def show_welcome(self) -> None:
        """Nothing rung up: the shop's name and a greeting."""
        self._redraw = ("welcome", None)
        self.shop_label.setText(self._shop_name)
        self.shop_label.setVisible(bool(self._shop_name))
        self.welcome_label.setText(self.t(_WELCOME))
        self.pages.setCurrentWidget(self.welcome_page)

    def show_cart(self, cart: Cart) -> None:
        """The lines being rung up and the total (the welcome page for an empty cart)."""
        if cart.is_empty:
            self.show_welcome()
            return
        self._redraw = ("cart", cart)
        self.cart_title.setText(self.t(_YOUR_PURCHASE))
        while self.lines_grid.count():
            item = self.lines_grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                # Hidden now: deleteLater() alone would leave it painted until the loop runs.
                widget.hide()
                widget.deleteLater()
        for row in range(self.lines_grid.rowCount()):
            self.lines_grid.setRowStretch(row, 0)
        for row, line in enumerate(cart.lines):
            name = _label(self.lines_widget, "customerLineName")
            name.setText(line.name)
            name.setWordWrap(True)
            count = _label(self.lines_widget, "customerLineCount")
            count.setText(
                self.t(_ITEMS).format(count=line.quantity, price=self._money(line.effective_price))
            )
            total = _label(self.lines_widget, "customerLineTotal")
            total.setText(self._money(line.line_total))
            total.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.lines_grid.addWidget(name, row, 0)
            self.lines_grid.addWidget(count, row, 1)
            self.lines_grid.addWidget(total, row, 2)
        self.lines_grid.setRowStretch(len(cart.lines), 1)
        if cart.discount_percent:
            self.discount_label.setText(
                self.t(_DISCOUNT).format(percent=cart.discount_percent)
                + f"  −{self._money(cart.discount_sum)}"
            )
            self.discount_label.setVisible(True)
        else:
            self.discount_label.setVisible(False)
        self.total_caption.setText(self.t(_TOTAL))
        self.total_label.setText(self._money(cart.total))
        self.pages.setCurrentWidget(self.cart_page)

    def show_payment(self, sale: SaleRecord) -> None:
        """The amount and, for a QR sale, the big code (else: "confirm in your Kaspi app")."""
        self._redraw = ("pay", sale)
        self.pay_caption.setText(self.t(_TO_PAY))
        self.pay_amount.setText(self._money(sale.amount))
        if sale.qr_url:
            self.qr_view.set_text(sale.qr_url)
            self.qr_view.setVisible(True)
            self.pay_instruction.setText(self.t(_SCAN))
            self.pay_detail.setText(self.t(_SCAN_HOW))
        else:
            self.qr_view.set_text(None)
            self.qr_view.setVisible(sale.method == "qr")
            if sale.method == "qr":
                self.pay_instruction.setText(self.t(_PREPARING))
                self.pay_detail.setText("")
            else:
                self.pay_instruction.setText(self.t(_CONFIRM_PHONE))
                self.pay_detail.setText(
                    self.t(_SENT_TO).format(phone=sale.phone.masked) if sale.phone else ""
                )
        self.pages.setCurrentWidget(self.pay_page)

    def set_qr_expired(self, expired: bool) -> None:
        """Fade the code once it can no longer be scanned."""
        self.qr_view.set_dimmed(expired, self.t(_QR_EXPIRED))

    def show_paid(self, amount: Decimal) -> None:
        """ "Paid — thank you!" with the amount."""
        self._redraw = ("paid", amount)
        self.result_mark.setText("✓")
        self.result_mark.setProperty("state", "paid")
        self.result_label.setText(self.t(_PAID))
        self.result_detail.setText(self._money(amount))
        self._repolish(self.result_mark)
        self.pages.setCurrentWidget(self.result_page)

    def show_not_completed(self) -> None:
        """The payment ended without money (cancelled, expired, failed)."""
        self._redraw = ("not_completed", None)
        self.result_mark.setText("✕")
        self.result_mark.setProperty("state", "failed")
        self.result_label.setText(self.t(_NOT_COMPLETED))
        self.result_detail.setText(self.t(_NOT_COMPLETED_HOW))
        self._repolish(self.result_mark)
        self.pages.setCurrentWidget(self.result_page)

    @property
    def page(self) -> str:
        """What is shown: ``welcome``, ``cart``, ``pay``, ``paid`` or ``not_completed``."""
        return self._redraw[0]

    @staticmethod
    def _repolish(widget: QWidget) -> None:
        widget.style().unpolish(widget)
        widget.style().polish(widget)

    # --- placement -------------------------------------------------------------------------------

    def place(self, screen_index: int) -> None:
        """Show on screen ``screen_index`` full screen, or as a window when there is none."""
        screens = QGuiApplication.screens()
        if 0 <= screen_index < len(screens):
            screen = screens[screen_index]
            self.setScreen(screen)
            self.setGeometry(screen.geometry())
            self.showFullScreen()
            log.info("customer display on screen %d", screen_index)
        else:
            if screen_index >= 0:
                log.info("customer display: no screen %d, showing a window", screen_index)
            self.showNormal()


def _label(parent: QWidget, name: str, *, center: bool = False) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    if center:
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return label

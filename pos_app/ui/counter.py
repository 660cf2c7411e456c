"""The counter screen: find items, build the cart, park sales, hand the cart to checkout.

Layout: on the left, tabs with the catalog grid (search on top), the free-amount keypad and the
parked sales; on the right, the cart table with its line actions, the discount, the totals in
large type, and park / clear / pay. Everything is reachable from the keyboard:

=========  ==============================================================
F2         search (selects what is typed)
F4         discount
F11 / F12  pay by phone / by QR (``payRequested("phone" | "qr")``)
Enter      in the search: add the selected tile (or the exact code typed)
↑ ↓        in the search: move through the tiles
+ / −      quantity of the selected line (in the cart, or an empty search)
Del        remove the selected line (in the cart)
Esc        close the price panel, else clear the search
=========  ==============================================================

A barcode scanner works wherever the focus is on this screen (:class:`ScannerFilter`).

The screen holds no arithmetic: every change goes through :class:`CartSession` (which saves the
cart to the journal) and every number shown comes from :class:`~pos_app.domain.cart.Cart`.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from collections.abc import Callable, Coroutine
from decimal import Decimal
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QSizePolicy,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pos_app.domain.errors import DomainError
from pos_app.domain.money import format_amount, parse_amount
from pos_app.journal.carts import CartJournal
from pos_app.journal.catalog_cache import CatalogCache, CatalogItem
from pos_app.journal.db import open_journal
from pos_app.paths import DataPaths
from pos_app.services.cart_store import CartSession
from pos_app.services.catalog import CatalogService, ImageStore, catalog_source_for
from pos_app.ui.cart_view import CartView
from pos_app.ui.catalog_view import TILE_IMAGE_SIZE, CatalogDelegate, CatalogView
from pos_app.ui.keypad import Keypad
from pos_app.ui.models.cart_model import CartModel
from pos_app.ui.models.catalog_model import CatalogModel
from pos_app.ui.models.images import ImageLoader
from pos_app.ui.models.parked_model import ParkedModel
from pos_app.ui.scanner import ScannerFilter

__all__ = ["CounterScreen", "domain_message"]

log = logging.getLogger("pos_app.ui.counter")

Spawn = Callable[[Coroutine[Any, Any, Any]], Any]

#: How often the catalog is refreshed in the background while the screen is open.
REFRESH_INTERVAL_MS = 5 * 60 * 1000
#: How long a message under the cart stays.
MESSAGE_MS = 6000


def domain_message(err: DomainError) -> str:
    """The translated, filled-in text of a domain (or payments) error for the cashier."""
    return QCoreApplication.translate(err.context, err.message).format(**err.params)


def _setting(config: Any, name: str, default: Any) -> Any:
    """A setting from the shell's config, or ``default`` while it does not declare it."""
    if config is None:
        return default
    try:
        return config.get(name)
    except (KeyError, AttributeError):
        return default


class CounterScreen(QWidget):
    """The counter (``counterScreen``).

    Args:
        context: The app's services: ``config`` (a :class:`~pos_app.config.Config`),
            ``provider`` (a payment provider or ``None``), ``data_dir`` (the data folder),
            ``spawn`` (starts a coroutine and keeps it referenced) and optionally ``journal``
            (an open journal connection to share).

    Signals:
        payRequested(str): The cashier wants to take payment, ``"phone"`` or ``"qr"``.
    """

    payRequested = Signal(str)

    def __init__(self, context: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("counterScreen")
        self._spawn: Spawn = context.spawn
        config = getattr(context, "config", None)
        self._config = config
        self._locale = str(getattr(config, "language", None) or "ru")
        paths = DataPaths(Path(context.data_dir))
        conn: sqlite3.Connection | None = getattr(context, "journal", None)
        self._owns_journal = conn is None
        self._journal = conn if conn is not None else open_journal(paths.journal_dir)

        provider = getattr(context, "provider", None)
        self.catalog = CatalogService(
            CatalogCache(self._journal), catalog_source_for(provider), self
        )
        self.session = CartSession(CartJournal(self._journal), self)
        self.image_store = ImageStore(paths.cache_dir / "images", base_url=_root_url(provider))
        # Plain Python references for aclose(), which may run after Qt deleted this widget.
        self._image_store_ref = self.image_store
        self._journal_ref: sqlite3.Connection | None = self._journal
        self.image_loader = ImageLoader(self.image_store, self._spawn, TILE_IMAGE_SIZE, parent=self)

        self.catalog_model = CatalogModel(self._locale, self)
        self.catalog_model.set_items(self.catalog.items)
        self.cart_model = CartModel(self.session, self._locale, self)
        self.parked_model = ParkedModel(self.session, self._locale, self)

        self._build()
        # The shell focuses the screen on start: the keyboard lands in the search.
        self.setFocusProxy(self.search)
        self._connect()
        self._install_shortcuts()

        self.scanner = ScannerFilter(
            self,
            min_length=int(_setting(config, "scanner_min_length", 6)),
            max_interval_ms=int(_setting(config, "scanner_max_interval_ms", 35)),
        )
        self.scanner.scanned.connect(self.on_scanned)
        self.scanner.install()

        self._message_timer = QTimer(self)
        self._message_timer.setSingleShot(True)
        self._message_timer.timeout.connect(self._hide_message)
        self._clear_timer = QTimer(self)
        self._clear_timer.setSingleShot(True)
        self._clear_timer.timeout.connect(self._disarm_clear)
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setInterval(REFRESH_INTERVAL_MS)
        self._refresh_timer.timeout.connect(self.start_refresh)
        self._refresh_timer.start()

        self._on_cart_changed()
        self._on_parked_changed()
        self._show_catalog_status()
        if self.session.restore_error is not None:
            self.show_message(domain_message(self.session.restore_error), "error")
        self.start_refresh()

    # --- building -------------------------------------------------------------------------------

    def _build(self) -> None:
        root = QHBoxLayout(self)
        root.setContentsMargins(12, 12, 12, 12)
        root.setSpacing(12)
        root.addWidget(self._build_left(), 3)
        root.addWidget(self._build_right(), 2)

    def _build_left(self) -> QWidget:
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("counterTabs")

        catalog_page = QWidget(self.tabs)
        layout = QVBoxLayout(catalog_page)
        layout.setContentsMargins(0, 8, 0, 0)
        search_row = QHBoxLayout()
        self.search = QLineEdit(catalog_page)
        self.search.setObjectName("catalogSearch")
        self.search.setPlaceholderText(self.tr("Search: name, barcode or code (F2)"))
        self.search.setClearButtonEnabled(True)
        self.search.installEventFilter(self)
        search_row.addWidget(self.search, 1)
        self.refresh_button = QPushButton(self.tr("Update"), catalog_page)
        self.refresh_button.setObjectName("refreshCatalogButton")
        self.refresh_button.setToolTip(self.tr("Load the catalog from the provider again"))
        search_row.addWidget(self.refresh_button)
        layout.addLayout(search_row)

        self.catalog_view = CatalogView(catalog_page)
        self.catalog_view.setModel(self.catalog_model)
        self.catalog_view.setItemDelegate(
            CatalogDelegate(self.image_loader.request, self.catalog_view)
        )
        layout.addWidget(self.catalog_view, 1)
        self.catalog_status = QLabel(catalog_page)
        self.catalog_status.setObjectName("catalogStatusLabel")
        self.catalog_status.setProperty("role", "muted")
        layout.addWidget(self.catalog_status)
        self.tabs.addTab(catalog_page, self.tr("Catalog"))

        free_page = QWidget(self.tabs)
        free_layout = QVBoxLayout(free_page)
        free_layout.setContentsMargins(0, 8, 0, 0)
        caption = QLabel(self.tr("Amount for goods not in the catalog"), free_page)
        caption.setProperty("role", "title")
        free_layout.addWidget(caption)
        self.free_amount = QLineEdit(free_page)
        self.free_amount.setObjectName("freeAmountInput")
        self.free_amount.setPlaceholderText(self.tr("Amount, ₸"))
        self.free_amount.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.free_amount.setProperty("role", "amount")
        free_layout.addWidget(self.free_amount)
        self.free_amount_error = _error_label(free_page, "freeAmountError")
        free_layout.addWidget(self.free_amount_error)
        self.keypad = Keypad(self.free_amount, free_page)
        self.keypad.setMaximumWidth(420)
        free_layout.addWidget(self.keypad, 1)
        self.add_free_button = QPushButton(self.tr("Add to cart"), free_page)
        self.add_free_button.setObjectName("addFreeAmountButton")
        self.add_free_button.setProperty("primary", True)
        free_layout.addWidget(self.add_free_button)
        free_layout.addStretch(0)
        self.tabs.addTab(free_page, self.tr("Free amount"))

        parked_page = QWidget(self.tabs)
        parked_layout = QVBoxLayout(parked_page)
        parked_layout.setContentsMargins(0, 8, 0, 0)
        self.parked_list = QListView(parked_page)
        self.parked_list.setObjectName("parkedList")
        self.parked_list.setModel(self.parked_model)
        self.parked_list.setSpacing(4)
        parked_layout.addWidget(self.parked_list, 1)
        parked_buttons = QHBoxLayout()
        self.resume_button = QPushButton(self.tr("Resume"), parked_page)
        self.resume_button.setObjectName("resumeParkedButton")
        self.resume_button.setProperty("primary", True)
        self.delete_parked_button = QPushButton(self.tr("Delete"), parked_page)
        self.delete_parked_button.setObjectName("deleteParkedButton")
        parked_buttons.addWidget(self.resume_button, 1)
        parked_buttons.addWidget(self.delete_parked_button)
        parked_layout.addLayout(parked_buttons)
        self.tabs.addTab(parked_page, self.tr("Parked"))
        return self.tabs

    def _build_right(self) -> QWidget:
        panel = QFrame(self)
        panel.setObjectName("cartPanel")
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)

        self.cart_view = CartView(panel)
        self.cart_view.setModel(self.cart_model)
        layout.addWidget(self.cart_view, 1)

        line_row = QHBoxLayout()
        self.minus_button = _button(panel, "−", "decreaseQuantityButton")
        self.minus_button.setToolTip(self.tr("One less (−)"))
        self.plus_button = _button(panel, "+", "increaseQuantityButton")
        self.plus_button.setToolTip(self.tr("One more (+)"))
        self.override_button = _button(panel, self.tr("Price…"), "overridePriceButton")
        self.override_button.setToolTip(self.tr("Charge another price for this line"))
        self.remove_button = _button(panel, self.tr("Remove"), "removeLineButton")
        self.remove_button.setToolTip(self.tr("Remove the line (Del)"))
        for button in (self.minus_button, self.plus_button):
            button.setMinimumWidth(56)
        line_row.addWidget(self.minus_button)
        line_row.addWidget(self.plus_button)
        line_row.addWidget(self.override_button, 1)
        line_row.addWidget(self.remove_button, 1)
        layout.addLayout(line_row)
        self.cart_error = _error_label(panel, "cartError")
        layout.addWidget(self.cart_error)

        layout.addWidget(self._build_override_panel(panel))

        discount_row = QHBoxLayout()
        discount_caption = QLabel(self.tr("Discount, % (F4)"), panel)
        self.discount = QLineEdit(panel)
        self.discount.setObjectName("discountInput")
        self.discount.setPlaceholderText(self.tr("1–99"))
        self.discount.setMaximumWidth(110)
        self.discount.setAlignment(Qt.AlignmentFlag.AlignRight)
        discount_caption.setBuddy(self.discount)
        discount_row.addWidget(discount_caption)
        discount_row.addWidget(self.discount)
        discount_row.addStretch(1)
        layout.addLayout(discount_row)
        self.discount_error = _error_label(panel, "discountError")
        layout.addWidget(self.discount_error)

        totals = QGridLayout()
        totals.setColumnStretch(0, 1)
        self.subtotal_label = self._amount_label(panel, "cartSubtotalLabel", "subtotal")
        self.discount_label = self._amount_label(panel, "cartDiscountLabel", "discount")
        self.total_label = self._amount_label(panel, "cartTotalLabel", "total")
        self.total_caption = QLabel(self.tr("Total"), panel)
        self.total_caption.setProperty("role", "total")
        for row, (caption, label) in enumerate(
            (
                (QLabel(self.tr("Subtotal"), panel), self.subtotal_label),
                (QLabel(self.tr("Discount"), panel), self.discount_label),
                (self.total_caption, self.total_label),
            )
        ):
            if row < 2:
                caption.setProperty("role", "subtotal")
            totals.addWidget(caption, row, 0)
            totals.addWidget(label, row, 1)
        layout.addLayout(totals)

        self.message = QLabel(panel)
        self.message.setObjectName("counterMessage")
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        layout.addWidget(self.message)

        park_row = QHBoxLayout()
        self.park_label = QLineEdit(panel)
        self.park_label.setObjectName("parkLabelInput")
        self.park_label.setPlaceholderText(self.tr("Label (optional)"))
        self.park_button = _button(panel, self.tr("Park"), "parkButton")
        self.park_button.setToolTip(self.tr("Put this sale aside and start a new one"))
        self.clear_button = _button(panel, self.tr("Clear"), "clearCartButton")
        self.clear_button.setProperty("role", "danger")
        park_row.addWidget(self.park_label, 1)
        park_row.addWidget(self.park_button)
        park_row.addWidget(self.clear_button)
        layout.addLayout(park_row)

        pay_row = QHBoxLayout()
        self.pay_phone_button = _button(panel, self.tr("Pay by phone (F11)"), "payByPhoneButton")
        self.pay_qr_button = _button(panel, self.tr("Pay by QR (F12)"), "payByQrButton")
        for button in (self.pay_phone_button, self.pay_qr_button):
            button.setProperty("primary", True)
            button.setMinimumHeight(64)
            pay_row.addWidget(button, 1)
        layout.addLayout(pay_row)
        return panel

    def _build_override_panel(self, parent: QWidget) -> QWidget:
        self.override_panel = QFrame(parent)
        self.override_panel.setObjectName("overridePricePanel")
        self.override_panel.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(self.override_panel)
        self.override_title = QLabel(self.override_panel)
        self.override_title.setWordWrap(True)
        grid.addWidget(self.override_title, 0, 0, 1, 3)
        self.override_price = QLineEdit(self.override_panel)
        self.override_price.setObjectName("overridePriceInput")
        self.override_price.setPlaceholderText(self.tr("New price, ₸"))
        self.override_reason = QLineEdit(self.override_panel)
        self.override_reason.setObjectName("overrideReasonInput")
        self.override_reason.setPlaceholderText(self.tr("Reason (required)"))
        grid.addWidget(self.override_price, 1, 0)
        grid.addWidget(self.override_reason, 1, 1, 1, 2)
        self.override_error = _error_label(self.override_panel, "overridePriceError")
        grid.addWidget(self.override_error, 2, 0, 1, 3)
        self.override_apply = _button(self.override_panel, self.tr("Apply"), "overrideApplyButton")
        self.override_apply.setProperty("primary", True)
        self.override_reset = _button(
            self.override_panel, self.tr("Catalog price"), "overrideResetButton"
        )
        self.override_cancel = _button(
            self.override_panel, self.tr("Cancel"), "overrideCancelButton"
        )
        grid.addWidget(self.override_apply, 3, 0)
        grid.addWidget(self.override_reset, 3, 1)
        grid.addWidget(self.override_cancel, 3, 2)
        self.override_panel.setVisible(False)
        self._override_line_id: str | None = None
        return self.override_panel

    def _amount_label(self, parent: QWidget, name: str, role: str) -> QLabel:
        label = QLabel(parent)
        label.setObjectName(name)
        label.setProperty("role", role)
        label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def _connect(self) -> None:
        self.catalog.itemsChanged.connect(self._on_catalog_changed)
        self.catalog.syncStateChanged.connect(lambda _running: self._show_catalog_status())
        self.catalog.syncFailed.connect(self._on_sync_failed)
        self.image_loader.imageReady.connect(self._on_image)
        self.search.textChanged.connect(self._apply_filter)
        self.search.returnPressed.connect(self._on_search_enter)
        self.refresh_button.clicked.connect(self.start_refresh)
        self.catalog_view.itemActivated.connect(self.add_catalog_item)

        self.session.changed.connect(self._on_cart_changed)
        self.session.parkedChanged.connect(self._on_parked_changed)
        self.cart_model.editFailed.connect(self._on_cart_error)
        self.cart_view.removeRequested.connect(self.remove_line)
        self.cart_view.quantityStepRequested.connect(self.step_quantity)
        self.cart_view.selectionModel().currentRowChanged.connect(
            lambda *_: self._update_line_buttons()
        )
        self.minus_button.clicked.connect(lambda: self._step_selected(-1))
        self.plus_button.clicked.connect(lambda: self._step_selected(1))
        self.remove_button.clicked.connect(self._remove_selected)
        self.override_button.clicked.connect(self.open_override)
        self.override_apply.clicked.connect(self._apply_override)
        self.override_price.returnPressed.connect(self._apply_override)
        self.override_reason.returnPressed.connect(self._apply_override)
        self.override_reset.clicked.connect(self._reset_override)
        self.override_cancel.clicked.connect(self.close_override)

        self.discount.returnPressed.connect(self.apply_discount)
        self.discount.editingFinished.connect(self.apply_discount)
        self.free_amount.returnPressed.connect(self.add_free_amount)
        self.keypad.entered.connect(self.add_free_amount)
        self.add_free_button.clicked.connect(self.add_free_amount)

        self.park_button.clicked.connect(self.park)
        self.park_label.returnPressed.connect(self.park)
        self.resume_button.clicked.connect(self.resume_selected)
        self.delete_parked_button.clicked.connect(self._delete_selected_parked)
        self.parked_list.doubleClicked.connect(lambda _index: self.resume_selected())
        self.parked_list.selectionModel().currentRowChanged.connect(
            lambda *_: self._update_parked_buttons()
        )
        self.clear_button.clicked.connect(self._on_clear_clicked)
        self.pay_phone_button.clicked.connect(lambda: self.request_pay("phone"))
        self.pay_qr_button.clicked.connect(lambda: self.request_pay("qr"))

    def _install_shortcuts(self) -> None:
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        shortcuts: list[tuple[str, Callable[[], object], str]] = [
            ("F2", self.focus_search, self.tr("Search the catalog")),
            ("F4", self.focus_discount, self.tr("Discount")),
            ("F11", lambda: self.request_pay("phone"), self.tr("Pay by phone")),
            ("F12", lambda: self.request_pay("qr"), self.tr("Pay by QR")),
            ("Esc", self.on_escape, self.tr("Close the panel / clear the search")),
        ]
        self.shortcuts: list[QShortcut] = []
        for keys, slot, description in shortcuts:
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(context)
            shortcut.setWhatsThis(description)
            shortcut.activated.connect(slot)
            self.shortcuts.append(shortcut)

    def hotkey_help(self) -> list[tuple[str, str]]:
        """The keys this screen answers to without a ``QShortcut``, for the F1 list.

        The search field, the cart table and the scanner filter handle these keys themselves
        (they depend on where the focus is), so the window cannot find them on its own. Built
        on each call: the texts follow a language switch.

        Returns:
            (key as printed on the keyboard, what it does) pairs.
        """
        return [
            (
                "Enter",
                self.tr(
                    "Add the selected item to the cart; confirm the amount, discount or price typed"
                ),
            ),
            ("↑ ↓ PgUp PgDn", self.tr("Move through the items while searching")),
            ("+ / −", self.tr("One more / one less of the selected line")),
            ("Del", self.tr("Remove the selected line")),
            (
                self.tr("Scanner"),
                self.tr("Scan a barcode wherever the cursor is: the item goes into the cart"),
            ),
        ]

    # --- catalog --------------------------------------------------------------------------------

    def start_refresh(self) -> None:
        """Refresh the catalog in the background (no-op without a provider catalog)."""
        if not self.catalog.has_source or self.catalog.refreshing:
            return
        with contextlib.suppress(RuntimeError):  # the app is shutting down
            self._spawn(self.catalog.refresh())

    def _on_catalog_changed(self) -> None:
        self.catalog_model.set_items(self.catalog.items)
        self._apply_filter(self.search.text())
        self._show_catalog_status()

    def _on_sync_failed(self, reason: str) -> None:
        self._show_catalog_status()

    def _show_catalog_status(self) -> None:
        count = len(self.catalog.items)
        failed = self.catalog.last_error is not None
        if self.catalog.refreshing:
            text = self.tr("Updating the catalog…")
        elif failed:
            synced = self.catalog_synced_text()
            text = (
                self.tr("No connection: showing the saved catalog ({when}).").format(when=synced)
                if count
                else self.tr("No connection and no saved catalog yet: use the free amount.")
            )
        elif not self.catalog.has_source and not count:
            text = self.tr("This provider has no catalog: use the free amount.")
        else:
            text = self.tr("%n item(s)", "", count)
        self.catalog_status.setText(text)
        self.catalog_status.setProperty("state", "offline" if failed else "ok")
        _repolish(self.catalog_status)

    def catalog_synced_text(self) -> str:
        """When the saved catalog was last updated, for the status line."""
        synced = self.catalog.synced_at()
        if synced is None:
            return self.tr("never updated")
        return synced.astimezone().strftime("%d.%m %H:%M")

    def _on_image(self, url: str, image: QImage) -> None:
        self.catalog_model.set_image(url, image)

    def _apply_filter(self, text: str | None = None) -> None:
        query = self.search.text() if text is None else text
        self.catalog_model.set_visible_ids(self.catalog.index.filter(query))
        if self.catalog_model.rowCount() > 0:
            self.catalog_view.setCurrentIndex(self.catalog_model.index(0, 0))

    def _on_search_enter(self) -> None:
        text = self.search.text().strip()
        if not text:
            return
        item = self.catalog.find_code(text)
        if item is not None:
            self.add_catalog_item(
                item.item_id, barcode=item.barcode if text == item.barcode else None
            )
        elif not self.catalog_view.activate_current():
            self.show_message(self.tr("Nothing found for “{text}”").format(text=text), "warning")
            return
        self.search.clear()

    def focus_search(self) -> None:
        """F2: show the catalog and put the cursor in the search, text selected."""
        self.close_override()
        self.tabs.setCurrentIndex(0)
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Keys in the search field: arrows move through the tiles, +/− on an empty search."""
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
                self._move_catalog_selection(key)
                return True
            if not self.search.text() and key in (Qt.Key.Key_Plus, Qt.Key.Key_Minus):
                self._step_selected(1 if key == Qt.Key.Key_Plus else -1)
                return True
            if not self.search.text() and key == Qt.Key.Key_Delete:
                self._remove_selected()
                return True
        return super().eventFilter(watched, event)

    def _move_catalog_selection(self, key: int) -> None:
        rows = self.catalog_model.rowCount()
        if rows == 0:
            return
        view = self.catalog_view
        per_row = max(
            1, view.viewport().width() // (view.sizeHintForColumn(0) + 2 * view.spacing())
        )
        step = {
            Qt.Key.Key_Down: per_row,
            Qt.Key.Key_Up: -per_row,
            Qt.Key.Key_PageDown: per_row * 3,
            Qt.Key.Key_PageUp: -per_row * 3,
        }[Qt.Key(key)]
        current = view.currentIndex().row() if view.currentIndex().isValid() else 0
        row = min(max(current + step, 0), rows - 1)
        index = self.catalog_model.index(row, 0)
        view.setCurrentIndex(index)
        view.scrollTo(index)

    # --- cart -------------------------------------------------------------------------------------

    def add_catalog_item(self, item_id: int, barcode: str | None = None) -> bool:
        """Add one of ``item_id`` to the cart; ``False`` (and a message) if it cannot be."""
        item: CatalogItem | None = self.catalog.item(item_id)
        if item is None:
            return False
        try:
            line = self.session.add_item(item, barcode=barcode)
        except DomainError as exc:
            self._on_cart_error(exc)
            return False
        self._select_line(line.line_id)
        return True

    def on_scanned(self, code: str) -> None:
        """A scanner read ``code``: add the item, or say it is unknown (without blocking)."""
        item = self.catalog.find_code(code)
        if item is None:
            self.show_message(
                self.tr("Unknown barcode {code}: not in the catalog").format(code=code), "warning"
            )
            return
        if self.add_catalog_item(item.item_id, barcode=code):
            self.show_message(self.tr("Scanned: {name}").format(name=item.name), "info")

    def add_free_amount(self) -> bool:
        """Add the amount typed in ``freeAmountInput`` as a line."""
        try:
            amount = parse_amount(self.free_amount.text())
            line = self.session.add_free_amount(amount, self.tr("Free amount"))
        except DomainError as exc:
            _show_error(self.free_amount_error, domain_message(exc))
            return False
        _show_error(self.free_amount_error, "")
        self.free_amount.clear()
        self._select_line(line.line_id)
        return True

    def step_quantity(self, line_id: str, delta: int) -> None:
        """Change a line's quantity by ``delta``."""
        try:
            self.session.change_quantity(line_id, delta)
        except DomainError as exc:
            self._on_cart_error(exc)

    def set_quantity(self, line_id: str, quantity: int) -> bool:
        """Set a line's quantity."""
        try:
            self.session.set_quantity(line_id, quantity)
        except DomainError as exc:
            self._on_cart_error(exc)
            return False
        return True

    def remove_line(self, line_id: str) -> None:
        """Remove a line; the next one gets selected."""
        row = self.cart_model.row_of(line_id)
        try:
            self.session.remove(line_id)
        except DomainError as exc:
            self._on_cart_error(exc)
            return
        if row is not None and self.cart_model.rowCount():
            self.cart_view.select_row(min(row, self.cart_model.rowCount() - 1))

    def _step_selected(self, delta: int) -> None:
        line_id = self.cart_view.current_line_id()
        if line_id is not None:
            self.step_quantity(line_id, delta)

    def _remove_selected(self) -> None:
        line_id = self.cart_view.current_line_id()
        if line_id is not None:
            self.remove_line(line_id)

    def _select_line(self, line_id: str) -> None:
        row = self.cart_model.row_of(line_id)
        if row is not None:
            self.cart_view.select_row(row)
            self.cart_view.scrollTo(self.cart_model.index(row, 0))

    def apply_discount(self) -> bool:
        """Apply the percentage typed in ``discountInput`` (empty removes the discount)."""
        text = self.discount.text().strip().rstrip("%").strip()
        current = self.session.cart.discount_percent
        try:
            percent = int(text) if text else None
        except ValueError:
            _show_error(self.discount_error, self.tr("Type the discount as a whole number, 1–99"))
            return False
        if percent == current:
            _show_error(self.discount_error, "")
            return True
        try:
            self.session.set_discount(percent)
        except DomainError as exc:
            _show_error(self.discount_error, domain_message(exc))
            return False
        _show_error(self.discount_error, "")
        return True

    def focus_discount(self) -> None:
        """F4: the discount field."""
        self.discount.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.discount.selectAll()

    # --- price override ---------------------------------------------------------------------------

    def open_override(self) -> None:
        """Open the price panel for the selected line."""
        line_id = self.cart_view.current_line_id()
        if line_id is None:
            self.show_message(self.tr("Select a line first"), "warning")
            return
        line = self.session.cart.line(line_id)
        self._override_line_id = line_id
        self.override_title.setText(self.tr("New price for “{name}”").format(name=line.name))
        self.override_price.setText("")
        self.override_reason.setText(line.override_reason or "")
        _show_error(self.override_error, "")
        self.override_reset.setEnabled(line.price_override is not None)
        self.override_panel.setVisible(True)
        self.override_price.setFocus(Qt.FocusReason.OtherFocusReason)

    def close_override(self) -> None:
        """Close the price panel without changing anything."""
        self.override_panel.setVisible(False)
        self._override_line_id = None

    def _apply_override(self) -> None:
        if self._override_line_id is None:
            return
        try:
            price = parse_amount(self.override_price.text())
            self.session.override_price(self._override_line_id, price, self.override_reason.text())
        except DomainError as exc:
            _show_error(self.override_error, domain_message(exc))
            return
        line_id = self._override_line_id
        self.close_override()
        self._select_line(line_id)
        self.cart_view.setFocus()

    def _reset_override(self) -> None:
        if self._override_line_id is None:
            return
        try:
            self.session.clear_override(self._override_line_id)
        except DomainError as exc:
            _show_error(self.override_error, domain_message(exc))
            return
        self.close_override()

    # --- parking ----------------------------------------------------------------------------------

    def park(self) -> bool:
        """Park the cart with the optional label; ``False`` if the cart is empty."""
        if self.session.cart.is_empty:
            self.show_message(self.tr("The cart is empty: nothing to park"), "warning")
            return False
        self.session.park(self.park_label.text())
        self.park_label.clear()
        self.discount.clear()
        self.show_message(self.tr("Sale parked"), "info")
        return True

    def resume_selected(self) -> bool:
        """Resume the parked sale selected in ``parkedList`` (the current cart is parked)."""
        index = self.parked_list.currentIndex()
        parked = self.parked_model.parked_at(index.row()) if index.isValid() else None
        if parked is None:
            self.show_message(self.tr("Select a parked sale first"), "warning")
            return False
        return self.resume(parked.parked_id)

    def resume(self, parked_id: int) -> bool:
        """Bring back a parked sale."""
        had_cart = not self.session.cart.is_empty
        if not self.session.resume(parked_id):
            self.show_message(self.tr("This parked sale cannot be resumed"), "error")
            return False
        self.tabs.setCurrentIndex(0)
        if had_cart:
            self.show_message(self.tr("Sale resumed; the previous cart was parked"), "info")
        return True

    def _delete_selected_parked(self) -> None:
        index = self.parked_list.currentIndex()
        parked = self.parked_model.parked_at(index.row()) if index.isValid() else None
        if parked is not None:
            self.session.delete_parked(parked.parked_id)

    def _on_parked_changed(self) -> None:
        count = self.parked_model.rowCount()
        self.tabs.setTabText(2, self.tr("Parked (%n)", "", count) if count else self.tr("Parked"))
        self._update_parked_buttons()

    def _update_parked_buttons(self) -> None:
        selected = self.parked_list.currentIndex().isValid()
        self.resume_button.setEnabled(selected)
        self.delete_parked_button.setEnabled(selected)

    # --- clear, pay, totals -----------------------------------------------------------------------

    def _on_clear_clicked(self) -> None:
        # Two presses within a few seconds: one stray tap must not throw a sale away.
        if self.session.cart.is_empty:
            return
        if not self._clear_timer.isActive():
            self.clear_button.setText(self.tr("Really clear?"))
            self._clear_timer.start(4000)
            return
        self.clear_cart()

    def _disarm_clear(self) -> None:
        self._clear_timer.stop()
        self.clear_button.setText(self.tr("Clear"))

    def clear_cart(self) -> None:
        """Empty the cart at once (the button asks twice; this does not)."""
        self._disarm_clear()
        self.session.clear()
        self.discount.clear()

    def request_pay(self, method: str) -> None:
        """Emit ``payRequested`` if the cart can be paid, else say why."""
        if self.session.cart.is_empty:
            return
        try:
            self.session.cart.check_payable()
        except DomainError as exc:
            self.show_message(domain_message(exc), "error")
            return
        self.payRequested.emit(method)

    def _on_cart_changed(self) -> None:
        cart = self.session.cart
        self.subtotal_label.setText(_fmt(cart.subtotal, self._locale))
        discount = cart.discount_sum
        if cart.discount_percent:
            self.discount_label.setText(
                f"−{_fmt(discount, self._locale)} ({cart.discount_percent} %)"
            )
        else:
            self.discount_label.setText(_fmt(discount, self._locale))
        self.total_label.setText(_fmt(cart.total, self._locale))
        if not self.discount.hasFocus():
            self.discount.setText(str(cart.discount_percent or ""))
        payable = not cart.is_empty
        self.pay_phone_button.setEnabled(payable)
        self.pay_qr_button.setEnabled(payable)
        self.park_button.setEnabled(payable)
        self.clear_button.setEnabled(payable)
        if cart.is_empty:
            self._disarm_clear()
            self.close_override()
        _show_error(self.cart_error, "")
        self._update_line_buttons()

    def changeEvent(self, event: QEvent) -> None:
        """On a language switch, re-render what is built from values: amounts, counts."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "total_label"):
            self._rerender_values()

    def _rerender_values(self) -> None:
        language = str(getattr(self._config, "language", None) or self._locale)
        self._locale = language
        for model in (self.catalog_model, self.cart_model, self.parked_model):
            # Money in the tiles, lines and parked sales follows the language's conventions.
            model._locale = language
            cache = getattr(model, "_price_text", None)
            if isinstance(cache, dict):
                cache.clear()  # prices formatted in the old language
            model.layoutChanged.emit()
        self.cart_model.headerDataChanged.emit(
            Qt.Orientation.Horizontal, 0, max(0, self.cart_model.columnCount() - 1)
        )
        self._on_cart_changed()
        self._show_catalog_status()
        self._on_parked_changed()

    def _update_line_buttons(self) -> None:
        selected = self.cart_view.current_line_id() is not None
        for button in (
            self.minus_button,
            self.plus_button,
            self.override_button,
            self.remove_button,
        ):
            button.setEnabled(selected)

    def _on_cart_error(self, err: object) -> None:
        text = domain_message(err) if isinstance(err, DomainError) else str(err)
        _show_error(self.cart_error, text)

    # --- messages, keys, shutdown -----------------------------------------------------------------

    def show_message(self, text: str, kind: str = "info") -> None:
        """A short non-blocking message under the totals (``info``/``warning``/``error``)."""
        self.message.setText(text)
        self.message.setProperty("role", kind)
        _repolish(self.message)
        self.message.setVisible(True)
        self._message_timer.start(MESSAGE_MS)

    def _hide_message(self) -> None:
        self.message.setVisible(False)

    def on_escape(self) -> None:
        """Esc: close the price panel; else clear the search."""
        if self.override_panel.isVisible():
            self.close_override()
            return
        if self.search.text():
            self.search.clear()
            self.search.setFocus()

    async def aclose(self) -> None:
        """Stop background work and close what this screen opened (call before the loop ends).

        Safe to call after Qt has already deleted the widget (only Python objects are closed
        then) and more than once.
        """
        if shiboken6.isValid(self):
            self._refresh_timer.stop()
            self.scanner.uninstall()
        await self._image_store_ref.aclose()
        if self._owns_journal and self._journal_ref is not None:
            self._journal_ref.close()
            self._journal_ref = None

    async def shutdown(self) -> None:
        """The shell's shutdown hook (``App.shutdown`` awaits it): same as :meth:`aclose`."""
        await self.aclose()


def _root_url(provider: object) -> str | None:
    """The provider's base URL (relative picture URLs resolve against it), if it has one."""
    transport = getattr(provider, "transport", None)
    settings = getattr(transport, "settings", None)
    base = getattr(settings, "base_url", None)
    return str(base) if base else None


def _fmt(value: Decimal, locale: str) -> str:
    return format_amount(value, locale)


def _button(parent: QWidget, text: str, name: str) -> QPushButton:
    button = QPushButton(text, parent)
    button.setObjectName(name)
    button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
    return button


def _error_label(parent: QWidget, name: str) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setProperty("role", "error")
    label.setWordWrap(True)
    label.setVisible(False)
    return label


def _show_error(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))


def _repolish(widget: QWidget) -> None:
    """Re-apply the style sheet after a dynamic property changed."""
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)

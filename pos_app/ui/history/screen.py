"""The history screen (``historyScreen``): sales, refunds and the shift report in three tabs.

Sales tab: filters (date preset in shop time, several states, search), the ``historyView``
table over :class:`~pos_app.ui.models.history_model.HistoryModel` (pages load as the view
scrolls), and the detail pane of the selected sale (items, totals, timeline, refunds, the
refund button, a receipt reprint). Refunds tab: every refund of the shop with a state filter.
Report tab: :class:`~pos_app.ui.history.report_view.ReportView`.

All provider I/O runs as coroutines started through the app's ``spawn`` (kept referenced,
cancelled at shutdown); every load carries a generation number so the answer to an old filter
never overwrites a newer one.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QEvent,
    QItemSelection,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QFont, QFontMetrics, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from pos_app.domain.money import format_amount
from pos_app.domain.sale import RefundState, SaleState
from pos_app.journal.carts import CartJournal
from pos_app.journal.refunds import RefundJournal
from pos_app.journal.sales import SalesJournal
from pos_app.payments.base import RefundQuery
from pos_app.payments.errors import PaymentError
from pos_app.payments.models import Payment
from pos_app.receipts.model import Receipt, refund_receipt, sale_receipt
from pos_app.services.history import (
    ALMATY,
    DatePreset,
    HistoryFilter,
    HistoryRow,
    HistoryService,
    SaleDetail,
    write_csv,
)
from pos_app.services.refunds import RefundService, RefundUpdate
from pos_app.services.report import ReportService
from pos_app.ui.history.receipt_preview import ReceiptPreviewDialog
from pos_app.ui.history.refund_dialog import RefundDialog
from pos_app.ui.history.report_view import ReportView
from pos_app.ui.history.timeline import timeline_note
from pos_app.ui.models.history_model import (
    HistoryModel,
    RefundsModel,
    refund_state_text,
    state_text,
)

__all__ = ["DetailPane", "HistoryScreen"]

log = logging.getLogger(__name__)

Spawn = Callable[..., Any]
_SEARCH_DELAY_MS = 350
_REFUNDS_PAGE = 50


def _setting(config: Any, name: str, default: Any) -> Any:
    if config is None:
        return default
    try:
        return config.get(name)
    except (KeyError, AttributeError):
        return getattr(config, name, default)


def _payment_error_text(error: PaymentError) -> str:
    return QCoreApplication.translate(error.context, error.message).format(**error.params)


def _two_line_width(metrics: QFontMetrics, text: str) -> int:
    """The narrowest width that shows ``text`` whole on at most two lines (broken at a space)."""
    best = metrics.horizontalAdvance(text)
    words = text.split(" ")
    for cut in range(1, len(words)):
        first, second = " ".join(words[:cut]), " ".join(words[cut:])
        best = min(best, max(metrics.horizontalAdvance(first), metrics.horizontalAdvance(second)))
    return best


class _WrappingDelegate(QStyledItemDelegate):
    """Lets a column's text wrap onto the row's second line, whatever the view's setting."""

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        """Add word wrapping to the usual options."""
        super().initStyleOption(option, index)
        option.features |= QStyleOptionViewItem.ViewItemFeature.WrapText


class DetailPane(QFrame):
    """The selected sale: items, totals, timeline, refunds; refund and reprint buttons."""

    def __init__(self, locale: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyDetail")
        self._locale = locale
        self.detail: SaleDetail | None = None
        layout = QVBoxLayout(self)
        self.body = QLabel(self)
        self.body.setObjectName("historyDetailText")
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.body.setWordWrap(True)
        self.body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        scroll = QScrollArea(self)
        scroll.setWidget(self.body)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        layout.addWidget(scroll, 1)
        buttons = QHBoxLayout()
        self.refund_button = QPushButton(self.tr("Refund…"), self)
        self.refund_button.setObjectName("refundButton")
        buttons.addWidget(self.refund_button)
        self.reprint_button = QPushButton(self.tr("Receipt…"), self)
        self.reprint_button.setObjectName("reprintButton")
        buttons.addWidget(self.reprint_button)
        self.refund_receipt_button = QPushButton(self.tr("Refund receipt…"), self)
        self.refund_receipt_button.setObjectName("refundReceiptButton")
        buttons.addWidget(self.refund_receipt_button)
        layout.addLayout(buttons)
        self.show_nothing()

    def _money(self, value: Decimal | None) -> str:
        return format_amount(value, self._locale) if value is not None else "—"

    def show_nothing(self, text: str = "") -> None:
        """No sale selected (or a message instead)."""
        self.detail = None
        self.body.setText(html.escape(text or self.tr("Select a sale to see its details.")))
        self.refund_button.setEnabled(False)
        self.reprint_button.setEnabled(False)
        self.refund_receipt_button.setEnabled(False)

    def show_detail(self, detail: SaleDetail) -> None:
        """Fill the pane."""
        self.detail = detail
        row = detail.row
        payment = row.payment
        esc = html.escape
        parts: list[str] = []
        title = (
            self.tr("Invoice {invoice}").format(invoice=row.payment_id)
            if row.payment_id
            else self.tr("Not sent to the provider")
        )
        parts.append(f"<h3>{esc(title)} — {esc(state_text(row.state, row.status_raw))}</h3>")
        facts: list[tuple[str, str]] = []
        if payment is not None and payment.kaspi_invoice_id:
            facts.append((self.tr("Kaspi invoice"), payment.kaspi_invoice_id))
        if row.sale_id:
            facts.append((self.tr("Local sale"), row.sale_id))
        customer = " · ".join(p for p in (row.client_name, row.phone_masked) if p)
        if customer:
            facts.append((self.tr("Customer"), customer))
        if row.register_name or row.cashier_name:
            facts.append(
                (self.tr("Register / cashier"), f"{row.register_name} / {row.cashier_name}")
            )
        if row.description:
            facts.append((self.tr("Description"), row.description))
        parts.append(
            "<table>"
            + "".join(f"<tr><td>{esc(k)}:&nbsp;</td><td>{esc(v)}</td></tr>" for k, v in facts)
            + "</table>"
        )
        lines: list[tuple[str, int, Decimal]] = []
        if payment is not None and payment.items:
            lines = [(i.name, i.count, i.price) for i in payment.items]
        elif detail.cart is not None:
            lines = [(li.name, li.quantity, li.effective_price) for li in detail.cart.lines]
        if lines:
            # Outside the f-string: lupdate does not see a tr() inside one.
            items_title = self.tr("Items")
            parts.append(f"<h4>{esc(items_title)}</h4><table width='100%'>")
            for name, count, price in lines:
                parts.append(
                    f"<tr><td>{esc(name)}</td><td align='right'>{count} × "
                    f"{esc(self._money(price))}</td></tr>"
                )
            parts.append("</table>")
        total = row.amount
        subtotal = payment.subtotal if payment is not None else None
        discount = payment.discount_sum if payment is not None else None
        if subtotal is None and detail.cart is not None:
            subtotal, discount = detail.cart.subtotal, detail.cart.discount_sum
        totals = [(self.tr("Subtotal"), self._money(subtotal or total))]
        if discount:
            totals.append((self.tr("Discount"), "−" + self._money(discount)))
        totals.append((self.tr("Total"), self._money(total)))
        if row.total_refunded:
            totals.append((self.tr("Refunded"), self._money(row.total_refunded)))
        parts.append(
            "<table width='100%'>"
            + "".join(
                f"<tr><td>{esc(k)}</td><td align='right'><b>{esc(v)}</b></td></tr>"
                for k, v in totals
            )
            + "</table>"
        )
        if detail.refunds:
            # Outside the f-string: lupdate does not see a tr() inside one.
            refunds_title = self.tr("Refunds")
            parts.append(f"<h4>{esc(refunds_title)}</h4><ul>")
            for refund in detail.refunds:
                when = (
                    refund.created_at.astimezone(ALMATY).strftime("%d.%m %H:%M")
                    if refund.created_at
                    else ""
                )
                reason = f" — {esc(refund.reason)}" if refund.reason else ""
                parts.append(
                    f"<li>{esc(when)} {esc(self._money(refund.amount))}: "
                    f"{esc(refund_state_text(refund.state, refund.status_raw))}{reason}</li>"
                )
            parts.append("</ul>")
        if detail.timeline:
            # Outside the f-string: lupdate does not see a tr() inside one.
            timeline_title = self.tr("Timeline")
            parts.append(f"<h4>{esc(timeline_title)}</h4><ul>")
            for entry in detail.timeline:
                when = entry.at.astimezone(ALMATY).strftime("%d.%m %H:%M:%S")
                what = entry.what
                try:
                    what = state_text(SaleState(entry.what))
                except ValueError:
                    what = {
                        "created": self.tr("Invoice created"),
                        "paid": self.tr("Paid"),
                        "refund requested": self.tr("Refund requested"),
                        "refund completed": self.tr("Refund completed"),
                        "refund failed": self.tr("Refund failed"),
                    }.get(entry.what, entry.what)
                source = (
                    self.tr("this register")
                    if entry.source == "journal"
                    else self.tr("payment service")
                )
                # The journal's notes are English for the logs: shown in the cashier's words.
                note_shown = timeline_note(entry, self._locale)
                note = f" — {esc(note_shown)}" if note_shown else ""
                parts.append(f"<li>{esc(when)} {esc(what)} <i>[{esc(source)}]</i>{note}</li>")
            parts.append("</ul>")
        self.body.setText("".join(parts))
        refundable = row.state in (SaleState.PAID, SaleState.PARTIALLY_REFUNDED)
        self.refund_button.setEnabled(payment is not None and refundable)
        self.reprint_button.setEnabled(
            payment is not None
            and row.state in (SaleState.PAID, SaleState.PARTIALLY_REFUNDED, SaleState.REFUNDED)
        )
        self.refund_receipt_button.setEnabled(
            any(r.state == RefundState.COMPLETED for r in detail.refunds)
        )


class HistoryScreen(QWidget):
    """Sales history, refunds and the report.

    Args:
        context: The app context (``config``, ``provider``, ``journal``, ``spawn`` …).
        parent: Qt parent.

    Signals:
        sig_back_requested: The cashier wants the counter again.
    """

    sig_back_requested = Signal()

    def __init__(self, context: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyScreen")
        self.context = context
        config = getattr(context, "config", None)
        self._config = config
        self._locale = str(_setting(config, "language", "ru") or "ru")
        self._spawn: Spawn = context.spawn
        conn = context.journal
        provider = context.provider
        self.sales_journal = SalesJournal(conn)
        self.refund_journal = RefundJournal(conn)
        shift_hour = int(_setting(config, "shift_start_hour", 0) or 0)
        self.history = HistoryService(
            provider,
            self.sales_journal,
            self.refund_journal,
            CartJournal(conn),
            shift_start_hour=shift_hour,
        )
        # The app's refund service (it resumes unfinished refunds at start-up, before this
        # screen is ever opened); a screen built on its own (tests) makes its own.
        shared = getattr(context, "refunds", None)
        self._owns_refunds = shared is None
        self.refunds = shared or RefundService(
            self.refund_journal,
            provider,
            register_name=str(_setting(config, "register_name", "") or ""),
            poll_seconds=float(_setting(config, "poll_interval_seconds", 2) or 2),
            locale=self._locale,
        )
        self.report_service = ReportService(provider, self.sales_journal)
        self._generation = 0
        self._next_page = 2
        self._filter = HistoryFilter()
        self._refund_generation = 0
        self._refund_page = 1
        self.refund_dialog: RefundDialog | None = None
        self.receipt_dialog: ReceiptPreviewDialog | None = None
        self.csv_dialog: QFileDialog | None = None
        self.last_error = ""
        self._started = False
        # Created before the inputs: a retranslation may set their text during the build.
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(_SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.reload)
        self._build()
        self.refunds.subscribe(self._on_refund_update)

    # --- building ------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        top = QHBoxLayout()
        self.back_button = QPushButton(self.tr("← Counter"), self)
        self.back_button.setObjectName("historyBackButton")
        self.back_button.setToolTip(self.tr("Back to the counter (Esc)"))
        self.back_button.clicked.connect(self.sig_back_requested.emit)
        top.addWidget(self.back_button)
        title = QLabel(self.tr("Sales history"), self)
        title.setProperty("role", "title")
        top.addWidget(title)
        top.addStretch(1)
        layout.addLayout(top)
        back = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        back.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        back.activated.connect(self.sig_back_requested.emit)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("historyTabs")
        self.tabs.addTab(self._build_sales_tab(), self.tr("Sales"))
        self.tabs.addTab(self._build_refunds_tab(), self.tr("Refunds"))
        self.report_view = ReportView(
            self.report_service,
            self._spawn,
            locale=self._locale,
            shift_start_hour=self.history.shift_start_hour,
            shop_name=str(_setting(self._config, "shop_name", "") or "")
            or getattr(self.context, "default_shop_name", ""),
            parent=self.tabs,
        )
        self.tabs.addTab(self.report_view, self.tr("Shift report"))
        self.tabs.currentChanged.connect(self._on_tab_changed)
        layout.addWidget(self.tabs, 1)

    def _build_sales_tab(self) -> QWidget:
        tab = QWidget(self)
        tab.setObjectName("historySalesTab")
        layout = QVBoxLayout(tab)
        filters = QHBoxLayout()
        self.preset_combo = QComboBox(tab)
        self.preset_combo.setObjectName("datePresetCombo")
        for preset, label in (
            (DatePreset.TODAY, self.tr("Today")),
            (DatePreset.YESTERDAY, self.tr("Yesterday")),
            (DatePreset.SHIFT, self.tr("This shift")),
            (DatePreset.WEEK, self.tr("Last 7 days")),
            (DatePreset.CUSTOM, self.tr("Dates…")),
            (DatePreset.ALL, self.tr("All time")),
        ):
            self.preset_combo.addItem(label, preset.value)
        self.preset_combo.currentIndexChanged.connect(self._on_preset_changed)
        filters.addWidget(self.preset_combo)
        today = QDate.currentDate()
        self.date_from_edit = QDateEdit(today, tab)
        self.date_from_edit.setObjectName("dateFromEdit")
        self.date_to_edit = QDateEdit(today, tab)
        self.date_to_edit.setObjectName("dateToEdit")
        for edit in (self.date_from_edit, self.date_to_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd.MM.yyyy")
            edit.setVisible(False)
            edit.dateChanged.connect(lambda _d: self.reload())
            filters.addWidget(edit)

        self.status_button = QToolButton(tab)
        self.status_button.setObjectName("statusFilterButton")
        self.status_button.setText(self.tr("Status: all"))
        self.status_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.status_button)
        menu.setObjectName("statusFilterMenu")
        self.status_actions: dict[SaleState, QAction] = {}
        for state in (
            SaleState.PAID,
            SaleState.PARTIALLY_REFUNDED,
            SaleState.REFUNDED,
            SaleState.WAITING,
            SaleState.CANCELLED,
            SaleState.EXPIRED,
            SaleState.FAILED,
            SaleState.UNKNOWN,
        ):
            action = QAction(state_text(state), menu)
            action.setObjectName(f"statusFilter_{state.value}")
            action.setCheckable(True)
            action.toggled.connect(lambda _on: self._on_states_changed())
            menu.addAction(action)
            self.status_actions[state] = action
        self.status_button.setMenu(menu)
        filters.addWidget(self.status_button)

        self.search_input = QLineEdit(tab)
        self.search_input.setObjectName("historySearchInput")
        self.search_input.setPlaceholderText(
            self.tr("Search: phone, order id, description, amount")
        )
        self.search_input.setClearButtonEnabled(True)
        self.search_input.textChanged.connect(lambda _t: self._search_timer.start())
        self.search_input.returnPressed.connect(self.reload)
        filters.addWidget(self.search_input, 1)
        self.refresh_button = QPushButton(self.tr("Refresh"), tab)
        self.refresh_button.setObjectName("historyRefreshButton")
        self.refresh_button.clicked.connect(self.reload)
        filters.addWidget(self.refresh_button)
        self.semicolon_check = QCheckBox(self.tr("“;” for Excel"), tab)
        self.semicolon_check.setObjectName("csvSemicolonCheck")
        self.semicolon_check.setToolTip(
            self.tr("Separate columns with ';' and write decimal commas (Russian Excel).")
        )
        filters.addWidget(self.semicolon_check)
        self.export_csv_button = QPushButton(self.tr("Export CSV…"), tab)
        self.export_csv_button.setObjectName("exportCsvButton")
        self.export_csv_button.clicked.connect(self.ask_csv_path)
        filters.addWidget(self.export_csv_button)
        layout.addLayout(filters)

        self.message = QLabel(tab)
        self.message.setObjectName("historyMessage")
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        layout.addWidget(self.message)

        splitter = QSplitter(Qt.Orientation.Horizontal, tab)
        splitter.setObjectName("historySplitter")
        self.model = HistoryModel(self._locale, self)
        self.model.fetchMoreRequested.connect(self._load_more)
        self.model.sortRequested.connect(self._on_sort)
        self.view = QTableView(splitter)
        self.view.setObjectName("historyView")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().setVisible(False)
        self.view.setSortingEnabled(True)
        self.view.horizontalHeader().setSortIndicator(
            HistoryModel.TIME, Qt.SortOrder.DescendingOrder
        )
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # Description takes what is left and elides; the other columns are fitted to what
        # they show (``_fit_columns``), so at 1280 px nothing scrolls sideways.
        header.setSectionResizeMode(HistoryModel.DESCRIPTION, QHeaderView.ResizeMode.Stretch)
        # One line per text (the customer's name elides, never the phone under it); the
        # status, invoice and description may take the row's second line.
        self.view.setWordWrap(False)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        wrapping = _WrappingDelegate(self.view)
        for column in (*self._TWO_LINES, HistoryModel.DESCRIPTION):
            self.view.setItemDelegateForColumn(column, wrapping)
        # Two lines per row (customer name over the masked phone); as tall as the cart's
        # rows, so a finger hits them too.
        self.view.verticalHeader().setDefaultSectionSize(
            max(44, 2 * self.view.fontMetrics().lineSpacing() + 10)
        )
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(0)
        self._fit_timer.timeout.connect(lambda: self._fit_columns(shrink=False))
        self.model.modelReset.connect(lambda: self._fit_columns(shrink=True))
        self.model.rowsInserted.connect(lambda *_: self._fit_timer.start())
        self.model.dataChanged.connect(lambda *_: self._fit_timer.start())
        self._fit_columns(shrink=True)
        self.view.selectionModel().selectionChanged.connect(self._on_selection)
        self.detail = DetailPane(self._locale, splitter)
        self.detail.refund_button.clicked.connect(self.open_refund_dialog)
        self.detail.reprint_button.clicked.connect(lambda: self.open_receipt("sale"))
        self.detail.refund_receipt_button.clicked.connect(lambda: self.open_receipt("refund"))
        splitter.addWidget(self.view)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        # The detail pane needs about 400 px (its three buttons); the table gets the rest.
        splitter.setSizes([830, 400])
        layout.addWidget(splitter, 1)
        return tab

    def _build_refunds_tab(self) -> QWidget:
        tab = QWidget(self)
        tab.setObjectName("historyRefundsTab")
        layout = QVBoxLayout(tab)
        filters = QHBoxLayout()
        self.refund_state_combo = QComboBox(tab)
        self.refund_state_combo.setObjectName("refundStateCombo")
        self.refund_state_combo.addItem(self.tr("All refunds"), "")
        for state in (RefundState.PENDING, RefundState.COMPLETED, RefundState.FAILED):
            self.refund_state_combo.addItem(refund_state_text(state), state.value)
        self.refund_state_combo.currentIndexChanged.connect(lambda _i: self.reload_refunds())
        filters.addWidget(self.refund_state_combo)
        self.refund_preset_combo = QComboBox(tab)
        self.refund_preset_combo.setObjectName("refundPresetCombo")
        for preset, label in (
            (DatePreset.ALL, self.tr("All time")),
            (DatePreset.TODAY, self.tr("Today")),
            (DatePreset.WEEK, self.tr("Last 7 days")),
        ):
            self.refund_preset_combo.addItem(label, preset.value)
        self.refund_preset_combo.currentIndexChanged.connect(lambda _i: self.reload_refunds())
        filters.addWidget(self.refund_preset_combo)
        filters.addStretch(1)
        layout.addLayout(filters)
        self.refunds_model = RefundsModel(self._locale, self)
        self.refunds_model.fetchMoreRequested.connect(self._load_more_refunds)
        self.refunds_view = QTableView(tab)
        self.refunds_view.setObjectName("refundsView")
        self.refunds_view.setModel(self.refunds_model)
        self.refunds_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.refunds_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.refunds_view.verticalHeader().setVisible(False)
        self.refunds_view.setAlternatingRowColors(True)
        self.refunds_view.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.refunds_view, 1)
        return tab

    # --- filters -------------------------------------------------------------------------

    # Columns sized to their heading and their one-line cells.
    _ONE_LINE = (HistoryModel.TIME, HistoryModel.AMOUNT, HistoryModel.REFUNDED)
    # Columns whose words may wrap onto the row's second line ("Partly / refunded").
    _TWO_LINES = (HistoryModel.INVOICE, HistoryModel.STATUS)
    # Shown only when the loaded rows differ in them: this register's journal names one
    # register (and usually one cashier) on every row, and the detail pane shows both.
    _OPTIONAL = (HistoryModel.REGISTER, HistoryModel.CASHIER)
    # A masked phone as the Customer column shows it (digits are equally wide).
    _PHONE_SAMPLE = "+7 (700) ***-**-00"

    def _heading_width(self, column: int) -> int:
        """Room the heading of ``column`` needs (Russian and Kazakh headings are longer)."""
        header = self.view.horizontalHeader()
        font = QFont(header.font())
        font.setWeight(QFont.Weight.DemiBold)  # the style sheet's heading weight
        metrics = QFontMetrics(font)
        text = str(self.model.headerData(column, Qt.Orientation.Horizontal) or "")
        need = metrics.horizontalAdvance(text) + 2 * 8 + 2  # the style sheet's padding
        if HistoryModel.SORT_FIELDS.get(column):
            need += metrics.height() + 12  # the sort arrow (drawn about as wide as tall)
        return need

    def _fit_columns(self, *, shrink: bool) -> None:
        """Size every column but Description (which stretches) to what it shows.

        Args:
            shrink: Also narrow columns (a new filter, a language switch); otherwise only
                widen, so a poll's update does not undo a width the cashier dragged.
        """
        rows = self.model.rows()
        for column in self._OPTIONAL:
            values = {self.model.index(n, column).data() for n in range(len(rows))} - {""}
            self.view.setColumnHidden(column, len(values) < 2)
        metrics = self.view.fontMetrics()
        cell_padding = (
            2 * (self.view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1) + 8
        )
        phone = max(
            [metrics.horizontalAdvance(r.phone_masked) for r in rows if r.phone_masked]
            + [metrics.horizontalAdvance(self._PHONE_SAMPLE)]
        )
        widths = {
            c: max(self._heading_width(c), self.view.sizeHintForColumn(c)) for c in self._ONE_LINE
        }
        for column in self._TWO_LINES:
            texts = {str(self.model.index(n, column).data() or "") for n in range(len(rows))}
            widest = max((_two_line_width(metrics, t) for t in texts), default=0)
            widths[column] = max(self._heading_width(column), widest + cell_padding)
        # A long name elides (the tooltip has it); the masked phone always shows whole.
        widths[HistoryModel.CUSTOMER] = max(
            self._heading_width(HistoryModel.CUSTOMER), phone + cell_padding
        )
        for column in self._OPTIONAL:
            if not self.view.isColumnHidden(column):
                widths[column] = max(
                    self._heading_width(column), self.view.sizeHintForColumn(column)
                )
        for column, width in widths.items():
            if shrink or self.view.columnWidth(column) < width:
                self.view.setColumnWidth(column, width)

    def changeEvent(self, event: QEvent) -> None:
        """Headings change length with the language."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "view"):
            self._fit_columns(shrink=True)

    def current_filter(self) -> HistoryFilter:
        """The filter the inputs describe."""
        preset = DatePreset(self.preset_combo.currentData())
        states = frozenset(s for s, a in self.status_actions.items() if a.isChecked())
        return HistoryFilter(
            preset=preset,
            date_from=self.date_from_edit.date().toPython(),  # type: ignore[arg-type]
            date_to=self.date_to_edit.date().toPython(),  # type: ignore[arg-type]
            states=states,
            search=self.search_input.text().strip(),
            sort_by=self._filter.sort_by,
            descending=self._filter.descending,
        )

    def _on_preset_changed(self) -> None:
        custom = self.preset_combo.currentData() == DatePreset.CUSTOM.value
        self.date_from_edit.setVisible(custom)
        self.date_to_edit.setVisible(custom)
        self.reload()

    def _on_states_changed(self) -> None:
        chosen = [state_text(s) for s, a in self.status_actions.items() if a.isChecked()]
        self.status_button.setText(
            self.tr("Status: {states}").format(states=", ".join(chosen))
            if chosen
            else self.tr("Status: all")
        )
        self.reload()

    def _on_sort(self, field: str, descending: bool) -> None:
        self._filter = HistoryFilter(sort_by=field, descending=descending)
        self.reload()

    def _on_tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.report_view and self.report_view.report is None:
            self.report_view.refresh()
        elif index == 1 and self.refunds_model.rowCount() == 0:
            self.reload_refunds()

    def showEvent(self, event: Any) -> None:
        """Load on first show (the screen is built at start-up, hidden)."""
        super().showEvent(event)
        if not self._started:
            self._started = True
            self.reload()

    # --- loading sales -------------------------------------------------------------------

    def _show_message(self, text: str, role: str = "error") -> None:
        self.message.setText(text)
        self.message.setProperty("role", role)
        self.message.setVisible(bool(text))
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)

    def reload(self) -> None:
        """Load the first page of the current filter (replaces the table)."""
        self._search_timer.stop()
        self._filter = self.current_filter()
        self._generation += 1
        self.model.set_loading(True)
        self._spawn(self._load_first(self._generation, self._filter))

    async def _load_first(self, generation: int, flt: HistoryFilter) -> None:
        try:
            page = await self.history.first_page(flt)
        except PaymentError as error:
            if generation == self._generation:
                self.model.set_loading(False)
                self.last_error = _payment_error_text(error)
                self._show_message(self.last_error)
            return
        if generation != self._generation:
            return  # a newer filter is loading; this answer is stale
        self._next_page = page.next_page
        self.model.reset_rows(page.rows, page.has_more)
        self.detail.show_nothing()
        self._show_message(
            "" if page.rows else self.tr("No sales match these filters."),
            "info",
        )

    def _load_more(self) -> None:
        self._spawn(self._load_page(self._generation, self._filter, self._next_page))

    async def _load_page(self, generation: int, flt: HistoryFilter, page: int) -> None:
        try:
            result = await self.history.next_page(flt, page)
        except PaymentError as error:
            if generation == self._generation:
                self.model.set_loading(False)
                self._show_message(_payment_error_text(error))
            return
        if generation != self._generation:
            return
        self._next_page = result.next_page
        self.model.append_rows(result.rows, result.has_more)

    # --- detail --------------------------------------------------------------------------

    def selected_row(self) -> HistoryRow | None:
        """The row selected in the table."""
        rows = self.view.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _on_selection(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        row = self.selected_row()
        if row is None:
            self.detail.show_nothing()
            return
        self._spawn(self.load_detail(row))

    async def load_detail(self, row: HistoryRow) -> SaleDetail | None:
        """Read the row fresh and show it in the detail pane."""
        try:
            detail = await self.history.detail(row)
        except PaymentError as error:
            self.detail.show_nothing(_payment_error_text(error))
            return None
        current = self.selected_row()
        if current is None or current.key != row.key:
            return None
        self.detail.show_detail(detail)
        if detail.row.payment is not None:
            self.model.update_payment(detail.row.payment)
        return detail

    def _on_refund_update(self, update: RefundUpdate) -> None:
        if update.payment is not None:
            self.model.update_payment(update.payment)
        current = self.selected_row()
        if current is not None and current.payment_id == update.refund.payment_id:
            self._spawn(self.load_detail(current))

    # --- actions -------------------------------------------------------------------------

    def open_refund_dialog(self) -> RefundDialog | None:
        """Open the refund dialog for the selected sale (non-blocking)."""
        detail = self.detail.detail
        if detail is None or detail.row.payment is None:
            return None
        dialog = RefundDialog(
            detail.row.payment,
            list(detail.refunds),
            self.refunds,
            self._spawn,
            locale=self._locale,
            pin_hash=str(_setting(self._config, "refund_pin_hash", "") or ""),
            parent=self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(self._forget_refund_dialog)
        self.refund_dialog = dialog
        dialog.open()
        return dialog

    def _forget_refund_dialog(self) -> None:
        self.refund_dialog = None

    def _shop_name(self) -> str:
        return str(_setting(self._config, "shop_name", "") or "") or getattr(
            self.context, "default_shop_name", ""
        )

    def receipt_for(self, kind: str) -> Receipt | None:
        """The sale (or last completed refund) receipt of the shown sale."""
        detail = self.detail.detail
        if detail is None or detail.row.payment is None:
            return None
        payment: Payment = detail.row.payment
        row = detail.row
        register = row.register_name or str(_setting(self._config, "register_name", "") or "")
        if kind == "refund":
            done = [r for r in detail.refunds if r.state == RefundState.COMPLETED]
            if not done:
                return None
            return refund_receipt(
                payment,
                done[-1],
                shop_name=self._shop_name(),
                register_name=register,
                cashier_name=row.cashier_name,
                method=row.method or None,
            )
        return sale_receipt(
            payment,
            shop_name=self._shop_name(),
            register_name=register,
            cashier_name=row.cashier_name,
            cart=detail.cart,
            method=row.method or None,
        )

    def open_receipt(self, kind: str = "sale") -> ReceiptPreviewDialog | None:
        """Preview the receipt (print or save from there)."""
        receipt = self.receipt_for(kind)
        if receipt is None:
            return None
        dialog = ReceiptPreviewDialog(
            receipt,
            str(_setting(self._config, "receipt_paper", "80") or "80"),
            locale=self._locale,
            printer_name=str(_setting(self._config, "receipt_printer", "") or ""),
            parent=self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.receipt_dialog = dialog
        dialog.open()
        return dialog

    def ask_csv_path(self) -> None:
        """Ask where to save the filtered history as CSV (non-blocking)."""
        dialog = QFileDialog(self, self.tr("Export the history as CSV"))
        dialog.setObjectName("csvExportDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(self.tr("CSV files (*.csv)"))
        dialog.setDefaultSuffix("csv")
        dialog.selectFile("sales.csv")
        dialog.fileSelected.connect(lambda path: self._spawn(self.export_csv(Path(path))))
        self.csv_dialog = dialog
        dialog.open()

    async def export_csv(self, path: Path) -> int | None:
        """Write every row of the current filter (all pages) to ``path``."""
        self.export_csv_button.setEnabled(False)
        try:
            rows = await self.history.all_rows(self.current_filter())
        except PaymentError as error:
            self._show_message(_payment_error_text(error))
            return None
        finally:
            self.export_csv_button.setEnabled(True)
        delimiter = ";" if self.semicolon_check.isChecked() else ","
        count = write_csv(rows, path, delimiter=delimiter)
        self._show_message(
            self.tr("{count} sales exported to {path}").format(count=count, path=path.name),
            "info",
        )
        return count

    # --- refunds tab ---------------------------------------------------------------------

    def _refund_query(self, page: int) -> RefundQuery:
        preset = DatePreset(self.refund_preset_combo.currentData())
        lo, hi = self.history.window(HistoryFilter(preset=preset))
        state = self.refund_state_combo.currentData()
        states = frozenset({RefundState(state)}) if state else frozenset()
        return RefundQuery(
            states=states, date_from=lo, date_to=hi, page=page, per_page=_REFUNDS_PAGE
        )

    def reload_refunds(self) -> None:
        """Load the first page of refunds."""
        self._refund_generation += 1
        self.refunds_model.set_loading(True)
        self._spawn(self._load_refunds(self._refund_generation, 1))

    def _load_more_refunds(self) -> None:
        self._spawn(self._load_refunds(self._refund_generation, self._refund_page + 1))

    async def _load_refunds(self, generation: int, page: int) -> None:
        try:
            listing = await self.history.list_refunds(self._refund_query(page))
        except PaymentError as error:
            if generation == self._refund_generation:
                self.refunds_model.set_loading(False)
                self._show_message(_payment_error_text(error))
            return
        if generation != self._refund_generation:
            return
        self._refund_page = page
        if page == 1:
            self.refunds_model.reset_refunds(listing.items, listing.has_more)
        else:
            self.refunds_model.append_refunds(listing.items, listing.has_more)

    # --- life cycle ----------------------------------------------------------------------

    async def start(self) -> None:
        """Resume unfinished refunds (call once the loop runs)."""
        try:
            await self.refunds.resume()
        except PaymentError as error:
            log.warning("refund resume failed: %s", error)

    async def shutdown(self) -> None:
        """Stop watching refunds if this screen owns the service (else the app stops it)."""
        if self._owns_refunds:
            await self.refunds.aclose()

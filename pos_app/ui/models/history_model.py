"""Table models of the history: sales (:class:`HistoryModel`) and refunds (:class:`RefundsModel`).

Like Anki's browser table, each model holds the row ids in view order plus a cache of the row
objects by id; a refreshed payment replaces its cached row and emits ``dataChanged`` for that
row only. Pages are loaded as the view scrolls: ``canFetchMore`` says whether the provider has
more, ``fetchMore`` asks the owner (through ``fetchMoreRequested``) to load the next page
asynchronously, and the owner hands the rows back with :meth:`HistoryModel.append_rows`. No
I/O happens in the model. Sorting a column asks the owner to reload sorted by the provider
(``sortRequested``), since only the provider sees every page.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, ClassVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from pos_app.domain.money import format_amount
from pos_app.domain.sale import RefundState, SaleState
from pos_app.payments.models import Payment, Refund
from pos_app.services.history import ALMATY, HistoryRow, RowKind
from pos_app.services.refunds import refund_failure_text

__all__ = ["HistoryModel", "RefundsModel", "refund_state_text", "state_text"]

Index = QModelIndex | QPersistentModelIndex

RowKeyRole = Qt.ItemDataRole.UserRole + 1
RowRole = Qt.ItemDataRole.UserRole + 2
SortKeyRole = Qt.ItemDataRole.UserRole + 3


def state_text(state: SaleState | None, raw: str = "") -> str:
    """A sale state in the cashier's words (an unknown provider status is shown raw)."""
    texts = {
        SaleState.DRAFT: QCoreApplication.translate("History", "Draft"),
        SaleState.CREATING: QCoreApplication.translate("History", "Sending"),
        SaleState.UNKNOWN: QCoreApplication.translate("History", "Unknown (checking)"),
        SaleState.WAITING: QCoreApplication.translate("History", "Waiting for payment"),
        SaleState.CANCELLING: QCoreApplication.translate("History", "Cancelling"),
        SaleState.PAID: QCoreApplication.translate("History", "Paid"),
        SaleState.PARTIALLY_REFUNDED: QCoreApplication.translate("History", "Partly refunded"),
        SaleState.REFUNDED: QCoreApplication.translate("History", "Refunded"),
        SaleState.CANCELLED: QCoreApplication.translate("History", "Cancelled"),
        SaleState.EXPIRED: QCoreApplication.translate("History", "Expired"),
        SaleState.FAILED: QCoreApplication.translate("History", "Failed"),
    }
    if state is None:
        return raw if raw != "parked" else QCoreApplication.translate("History", "Parked")
    return texts[state]


def refund_state_text(state: RefundState | None, raw: str = "") -> str:
    """A refund state in the cashier's words."""
    texts = {
        RefundState.CREATING: QCoreApplication.translate("History", "Sending"),
        RefundState.UNKNOWN: QCoreApplication.translate("History", "Unknown (checking)"),
        RefundState.PENDING: QCoreApplication.translate("History", "Processing"),
        RefundState.COMPLETED: QCoreApplication.translate("History", "Completed"),
        RefundState.FAILED: QCoreApplication.translate("History", "Failed"),
    }
    return texts[state] if state is not None else raw


_STATE_COLORS = {
    SaleState.PAID: "#1b7f3b",
    SaleState.PARTIALLY_REFUNDED: "#a15c00",
    SaleState.REFUNDED: "#8a4b00",
    SaleState.FAILED: "#b3261e",
    SaleState.UNKNOWN: "#b3261e",
    SaleState.CANCELLED: "#6b6b6b",
    SaleState.EXPIRED: "#6b6b6b",
}


def _time(value: datetime | None) -> str:
    return value.astimezone(ALMATY).strftime("%d.%m %H:%M") if value else ""


class _PagedModel(QAbstractTableModel):
    """Rows in view order plus a cache of the row objects by key, loaded a page at a time.

    Subclasses say how an item is keyed (:meth:`_key`) and how it is shown; paging, replacing
    a refreshed item in place and the Qt row/fetch plumbing live here once.

    Signals:
        fetchMoreRequested(): the view wants the next page.
    """

    COLUMNS = 0

    fetchMoreRequested = Signal()

    def __init__(self, locale: str = "ru", parent: Any = None) -> None:
        super().__init__(parent)
        self._locale = locale
        self._keys: list[str] = []
        self._items: dict[str, Any] = {}
        self._has_more = False
        self._loading = False

    def _key(self, item: Any) -> str:
        raise NotImplementedError

    def _reset(self, items: Sequence[Any], has_more: bool) -> None:
        """Replace everything (a new filter)."""
        self.beginResetModel()
        self._keys = []
        self._items = {}
        for item in items:
            key = self._key(item)
            if key not in self._items:
                self._keys.append(key)
            self._items[key] = item
        self._has_more = has_more
        self._loading = False
        self.endResetModel()

    def _append(self, items: Sequence[Any], has_more: bool) -> None:
        """Add the next page; items already shown (moved between pages) are updated in place."""
        fresh: dict[str, Any] = {}
        for item in items:
            key = self._key(item)
            if key in self._items:
                self._replace(item)
            else:
                fresh[key] = item
        if fresh:
            first = len(self._keys)
            self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
            for key, item in fresh.items():
                self._keys.append(key)
                self._items[key] = item
            self.endInsertRows()
        self._has_more = has_more
        self._loading = False

    def _replace(self, item: Any) -> None:
        key = self._key(item)
        self._items[key] = item
        position = self._keys.index(key)
        self.dataChanged.emit(self.index(position, 0), self.index(position, self.COLUMNS - 1))

    def _item_at(self, position: int) -> Any:
        if 0 <= position < len(self._keys):
            return self._items[self._keys[position]]
        return None

    def set_loading(self, loading: bool) -> None:
        """Mark a page load under way (no second fetch meanwhile)."""
        self._loading = loading

    # --- Qt model ------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._keys)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMNS

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._has_more and not self._loading

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self._loading = True
            self.fetchMoreRequested.emit()


class HistoryModel(_PagedModel):
    """Rows = history rows (payments, journal-only sales, parked carts).

    Signals:
        fetchMoreRequested(): the view wants the next page (the owner loads it).
        sortRequested(str, bool): sort by the provider field, descending or not.
    """

    TIME, INVOICE, STATUS, AMOUNT, REFUNDED, CUSTOMER, DESCRIPTION, REGISTER, CASHIER = range(9)
    COLUMNS = 9
    RowKeyRole = RowKeyRole
    RowRole = RowRole
    # Provider sort fields per column (``None``: the column cannot be sorted server-side).
    SORT_FIELDS: ClassVar[dict[int, str | None]] = {
        TIME: "created_at",
        INVOICE: "id",
        STATUS: "status",
        AMOUNT: "amount",
        REFUNDED: None,
        CUSTOMER: "client_name",
        DESCRIPTION: None,
        REGISTER: None,
        CASHIER: None,
    }

    sortRequested = Signal(str, bool)

    # --- feeding -------------------------------------------------------------------------

    def _key(self, item: Any) -> str:
        row: HistoryRow = item
        return row.key

    def reset_rows(self, rows: Sequence[HistoryRow], has_more: bool) -> None:
        """Replace everything (a new filter)."""
        self._reset(rows, has_more)

    def append_rows(self, rows: Sequence[HistoryRow], has_more: bool) -> None:
        """Add the next page (rows already shown — a sale that moved pages — are updated)."""
        self._append(rows, has_more)

    def update_payment(self, payment: Payment) -> None:
        """A payment changed (refund, status): update its row if shown."""
        key = "p:" + payment.id
        old = self._items.get(key)
        if old is not None:
            self._replace(HistoryRow(key, RowKind.PAYMENT, payment=payment, sale=old.sale))

    def row_at(self, position: int) -> HistoryRow | None:
        """The row shown at ``position``."""
        row: HistoryRow | None = self._item_at(position)
        return row

    def rows(self) -> list[HistoryRow]:
        """Every loaded row in view order."""
        return [self._items[k] for k in self._keys]

    def position_of(self, key: str) -> int:
        """The view position of row ``key``, or −1."""
        try:
            return self._keys.index(key)
        except ValueError:
            return -1

    # --- Qt model ------------------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        field = self.SORT_FIELDS.get(column)
        if field is not None:
            self.sortRequested.emit(field, order == Qt.SortOrder.DescendingOrder)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = [
            QCoreApplication.translate("History", "Time"),
            QCoreApplication.translate("History", "Invoice"),
            QCoreApplication.translate("History", "Status"),
            QCoreApplication.translate("History", "Amount"),
            QCoreApplication.translate("History", "Refunded"),
            QCoreApplication.translate("History", "Customer"),
            QCoreApplication.translate("History", "Description"),
            QCoreApplication.translate("History", "Register"),
            QCoreApplication.translate("History", "Cashier"),
        ]
        return titles[section] if 0 <= section < len(titles) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._keys)):
            return None
        row = self._items[self._keys[index.row()]]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column in (self.AMOUNT, self.REFUNDED):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column == self.STATUS:
            color = _STATE_COLORS.get(row.state) if row.state is not None else None
            return QBrush(QColor(color)) if color else None
        if role == Qt.ItemDataRole.ToolTipRole and column == self.STATUS:
            return row.status_raw
        if role == Qt.ItemDataRole.ToolTipRole and column in (self.CUSTOMER, self.DESCRIPTION):
            # The cell may be elided: the whole text on hover.
            return self._display(row, column).replace("\n", " · ") or None
        if role == RowKeyRole:
            return row.key
        if role == RowRole:
            return row
        return None

    def _display(self, row: HistoryRow, column: int) -> str:
        if column == self.TIME:
            return _time(row.created_at)
        if column == self.INVOICE:
            if row.kind == RowKind.PARKED:
                return QCoreApplication.translate("History", "parked")
            return row.payment_id or QCoreApplication.translate("History", "not sent")
        if column == self.STATUS:
            return state_text(row.state, row.status_raw)
        if column == self.AMOUNT:
            return format_amount(row.amount, self._locale)
        if column == self.REFUNDED:
            return format_amount(row.total_refunded, self._locale) if row.total_refunded else ""
        if column == self.CUSTOMER:
            # Two lines (the rows are two lines tall): the column stays as narrow as a masked
            # phone number, and a long name is elided without cutting the number.
            return "\n".join(p for p in (row.client_name, row.phone_masked) if p)
        if column == self.DESCRIPTION:
            return row.description
        if column == self.REGISTER:
            return row.register_name
        if column == self.CASHIER:
            return row.cashier_name
        return ""


class RefundsModel(_PagedModel):
    """Rows = refunds (all of the shop's, as ``list_refunds`` pages them).

    Signals:
        fetchMoreRequested(): the view wants the next page.
    """

    TIME, INVOICE, STATUS, AMOUNT, REASON, ERROR = range(6)
    COLUMNS = 6

    def _key(self, item: Any) -> str:
        refund: Refund = item
        return refund.id

    def reset_refunds(self, refunds: Sequence[Refund], has_more: bool) -> None:
        """Replace everything."""
        self._reset(refunds, has_more)

    def append_refunds(self, refunds: Sequence[Refund], has_more: bool) -> None:
        """Add the next page."""
        self._append(refunds, has_more)

    def refund_at(self, position: int) -> Refund | None:
        """The refund shown at ``position``."""
        refund: Refund | None = self._item_at(position)
        return refund

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = [
            QCoreApplication.translate("History", "Time"),
            QCoreApplication.translate("History", "Invoice"),
            QCoreApplication.translate("History", "Status"),
            QCoreApplication.translate("History", "Amount"),
            QCoreApplication.translate("History", "Reason"),
            QCoreApplication.translate("History", "Why it failed"),
        ]
        return titles[section] if 0 <= section < len(titles) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._keys)):
            return None
        refund = self._items[self._keys[index.row()]]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.TIME:
                return _time(refund.created_at)
            if column == self.INVOICE:
                return refund.payment_id
            if column == self.STATUS:
                return refund_state_text(refund.state, refund.status_raw)
            if column == self.AMOUNT:
                return format_amount(refund.amount, self._locale)
            if column == self.REASON:
                return refund.reason or ""
            if column == self.ERROR:
                if refund.state != RefundState.FAILED:
                    return ""
                return QCoreApplication.translate(
                    "PaymentError", refund_failure_text(refund.error_code)
                )
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column == self.AMOUNT:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == RowKeyRole:
            return refund.id
        return None

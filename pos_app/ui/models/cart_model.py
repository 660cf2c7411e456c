"""The lines of the cart session as a table: name, price, quantity, line total.

The model keeps the line ids of its rows and the lines as the cart last reported them (the row
cache). When the session changes it works out what happened — lines appended, one line removed,
or lines changed in place — and emits the matching insert/remove/dataChanged signals, so the
view keeps its selection while the cashier presses + and −. Only the quantity is editable; an
edit goes to the session, never to arithmetic here.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from pos_app.domain.cart import CartLine
from pos_app.domain.errors import DomainError
from pos_app.domain.money import format_amount
from pos_app.services.cart_store import CartSession

__all__ = ["CartModel"]

Index = QModelIndex | QPersistentModelIndex

LineIdRole = Qt.ItemDataRole.UserRole + 1
OriginalPriceRole = Qt.ItemDataRole.UserRole + 2  # catalog price text when overridden, else None
ReasonRole = Qt.ItemDataRole.UserRole + 3


class CartModel(QAbstractTableModel):
    """Rows = cart lines; columns :data:`COLUMNS`.

    Signals:
        editFailed(object): A quantity typed into the table broke a cart rule (the
            :class:`~pos_app.domain.errors.DomainError`).
    """

    NAME, PRICE, QUANTITY, TOTAL = range(4)
    COLUMNS = 4
    LineIdRole = LineIdRole
    OriginalPriceRole = OriginalPriceRole
    ReasonRole = ReasonRole

    editFailed = Signal(object)

    def __init__(self, session: CartSession, locale: str = "ru", parent: Any = None) -> None:
        """Show the lines of ``session``; money written for ``locale``."""
        super().__init__(parent)
        self._session = session
        self._locale = locale
        self._lines: list[CartLine] = list(session.cart.lines)
        session.changed.connect(self.refresh)

    # --- syncing with the session ----------------------------------------------------------------

    def refresh(self) -> None:
        """Bring the rows in line with the session's cart."""
        new = list(self._session.cart.lines)
        old_ids = [line.line_id for line in self._lines]
        new_ids = [line.line_id for line in new]
        if new_ids == old_ids:
            pairs = zip(self._lines, new, strict=True)
            changed = [row for row, (a, b) in enumerate(pairs) if a != b]
            self._lines = new
            if changed:
                self.dataChanged.emit(
                    self.index(min(changed), 0), self.index(max(changed), self.COLUMNS - 1)
                )
            return
        if len(new_ids) > len(old_ids) and new_ids[: len(old_ids)] == old_ids:
            first, last = len(old_ids), len(new_ids) - 1
            self.beginInsertRows(QModelIndex(), first, last)
            self._lines = new
            self.endInsertRows()
            return
        if len(new_ids) == len(old_ids) - 1:
            removed = next(
                (row for row, line_id in enumerate(old_ids) if line_id not in new_ids), None
            )
            if removed is not None and old_ids[:removed] + old_ids[removed + 1 :] == new_ids:
                self.beginRemoveRows(QModelIndex(), removed, removed)
                self._lines = new
                self.endRemoveRows()
                return
        self.beginResetModel()
        self._lines = new
        self.endResetModel()

    # --- reading -------------------------------------------------------------------------------

    def line_at(self, row: int) -> CartLine | None:
        """The line in ``row``."""
        return self._lines[row] if 0 <= row < len(self._lines) else None

    def row_of(self, line_id: str) -> int | None:
        """The row of ``line_id``."""
        return next((r for r, line in enumerate(self._lines) if line.line_id == line_id), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt API
        """Number of lines."""
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt API
        """Name, price, quantity, total."""
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column titles."""
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < self.COLUMNS:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Item"), self.tr("Price"), self.tr("Qty"), self.tr("Sum"))[section]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._alignment(section)
        return None

    def _alignment(self, column: int) -> int:
        if column == self.NAME:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if column == self.QUANTITY:
            return int(Qt.AlignmentFlag.AlignCenter)
        return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """The value of ``role`` for one cell."""
        if not index.isValid() or not 0 <= index.row() < len(self._lines):
            return None
        if not 0 <= index.column() < self.COLUMNS:
            return None
        line = self._lines[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == self.NAME:
                return line.name
            if column == self.PRICE:
                return format_amount(line.effective_price, self._locale)
            if column == self.QUANTITY:
                return line.quantity if role == Qt.ItemDataRole.EditRole else str(line.quantity)
            return format_amount(line.line_total, self._locale)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._alignment(column)
        if role == LineIdRole:
            return line.line_id
        if role == OriginalPriceRole:
            if column == self.PRICE and line.price_override is not None:
                return format_amount(line.unit_price, self._locale)
            return None
        if role == ReasonRole:
            return line.override_reason
        if role == Qt.ItemDataRole.ToolTipRole and line.price_override is not None:
            return self.tr("Price changed from {old} to {new}: {reason}").format(
                old=format_amount(line.unit_price, self._locale),
                new=format_amount(line.price_override, self._locale),
                reason=line.override_reason or "",
            )
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        """Every cell selectable; the quantity editable."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )
        if index.column() == self.QUANTITY:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Set a line's quantity (the only editable cell) through the session."""
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        line = self.line_at(index.row())
        if line is None or index.column() != self.QUANTITY:
            return False
        try:
            quantity = int(str(value).strip())
        except ValueError:
            self.editFailed.emit(
                DomainError(
                    "cart.quantity_not_a_number",
                    QCoreApplication.translate("CartModel", "Type the quantity in digits"),
                    context="CartModel",
                )
            )
            return False
        try:
            self._session.set_quantity(line.line_id, quantity)
        except DomainError as exc:
            self.editFailed.emit(exc)
            return False
        return True  # refresh() already emitted dataChanged

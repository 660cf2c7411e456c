"""The cart table (``cartView``): lines with price, quantity and sum; keyboard-driven.

Del removes the selected line, + and − change its quantity (signals; the counter applies them
through the cart session). An overridden price is drawn as the catalog price struck through,
then the new price.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from pos_app.ui.models.cart_model import CartModel

__all__ = ["CartView", "PriceDelegate"]


class PriceDelegate(QStyledItemDelegate):
    """Draws an overridden price as ``~~1 800 ₸~~ 1 500 ₸`` (catalog price struck through)."""

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        """Room for both prices when the price is overridden (the column sizes to contents)."""
        size = super().sizeHint(option, index)
        original = index.data(CartModel.OriginalPriceRole)
        if original:
            bold = QFont(option.font)
            bold.setBold(True)
            new_text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
            width = (
                QFontMetrics(bold).horizontalAdvance(new_text)
                + QFontMetrics(option.font).horizontalAdvance(str(original))
                + 8
                + 10
            )
            size.setWidth(max(size.width(), width))
        return size

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        """Paint the price cell."""
        original = index.data(CartModel.OriginalPriceRole)
        if not original:
            super().paint(painter, option, index)
            return
        # The background and selection as usual, then our two texts.
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        rect: QRect = opt.rect.adjusted(4, 0, -6, 0)
        palette: QPalette = opt.palette
        painter.save()
        new_text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        font = QFont(opt.font)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        align = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        painter.drawText(rect, int(align), new_text)
        used = painter.fontMetrics().horizontalAdvance(new_text) + 8
        struck = QFont(opt.font)
        struck.setStrikeOut(True)
        painter.setFont(struck)
        painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
        painter.drawText(rect.adjusted(0, 0, -used, 0), int(align), str(original))
        painter.restore()


class CartView(QTableView):
    """The lines of the cart.

    Signals:
        removeRequested(str): Del on a line (its id).
        quantityStepRequested(str, int): + or − on a line (its id, +1 or −1).
    """

    removeRequested = Signal(str)
    quantityStepRequested = Signal(str, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        """Create the table; give it a :class:`CartModel`."""
        super().__init__(parent)
        self.setObjectName("cartView")
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.verticalHeader().setVisible(False)
        # Rows tall enough for a finger.
        self.verticalHeader().setDefaultSectionSize(44)
        self.setItemDelegateForColumn(CartModel.PRICE, PriceDelegate(self))

    def setModel(self, model: QAbstractItemModel | None) -> None:
        """Set the model and size the columns: the name takes the room left."""
        super().setModel(model)
        header = self.horizontalHeader()
        header.setSectionResizeMode(CartModel.NAME, QHeaderView.ResizeMode.Stretch)
        for column in (CartModel.PRICE, CartModel.QUANTITY, CartModel.TOTAL):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        if model is not None:
            # The header does not re-measure on its own when a wider amount arrives in a new
            # line ("777.7…" in the Sum column): ask it once the model has settled.
            for signal in (model.rowsInserted, model.dataChanged, model.modelReset):
                signal.connect(self._refit_columns)

    def _refit_columns(self, *_: object) -> None:
        QTimer.singleShot(0, self, self.horizontalHeader().resizeSections)

    def current_line_id(self) -> str | None:
        """The id of the selected line."""
        index = self.currentIndex()
        if not index.isValid():
            return None
        value = index.siblingAtColumn(CartModel.NAME).data(CartModel.LineIdRole)
        return str(value) if value else None

    def select_row(self, row: int) -> None:
        """Select a whole row and make it current."""
        model = self.model()
        if model is None or not 0 <= row < model.rowCount():
            return
        self.setCurrentIndex(model.index(row, CartModel.QUANTITY))
        self.selectRow(row)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Del removes, + and − change the quantity of the selected line."""
        line_id = self.current_line_id()
        if line_id is not None and self.state() != QAbstractItemView.State.EditingState:
            key = event.key()
            if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.removeRequested.emit(line_id)
                return
            if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
                self.quantityStepRequested.emit(line_id, 1)
                return
            if key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
                self.quantityStepRequested.emit(line_id, -1)
                return
        super().keyPressEvent(event)

"""The catalog grid: a ``QListView`` in icon mode painted by one delegate.

Thousands of items stay smooth because nothing here is a widget per item: the view lays out
uniform tiles in batches and the delegate paints only the visible ones, asking for each tile's
picture as it paints (so only visible pictures load). Colours come from the palette the theme
sets, so the light and dark themes need nothing here.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QFont,
    QFontMetrics,
    QKeyEvent,
    QPainter,
    QPainterPath,
    QPalette,
    QPixmap,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from pos_app.ui.models.catalog_model import CatalogModel

__all__ = ["TILE_IMAGE_SIZE", "TILE_SIZE", "CatalogDelegate", "CatalogView"]

TILE_SIZE = QSize(168, 196)
TILE_IMAGE_SIZE = QSize(152, 96)
_PAD = 8
_RADIUS = 10.0


class CatalogDelegate(QStyledItemDelegate):
    """Paints one tile: picture (or a placeholder letter), name (two lines), price, unit."""

    def __init__(
        self, request_image: Callable[[str], None] | None = None, parent: QWidget | None = None
    ) -> None:
        """``request_image(url)`` is called for tiles painted without their picture."""
        super().__init__(parent)
        self._request_image = request_image

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        """Every tile has the same size (the view relies on it: ``uniformItemSizes``).

        The view widens the tiles so its columns fill the whole width (``tile_size``).
        """
        size = getattr(option.widget, "tile_size", None)
        return size if isinstance(size, QSize) else TILE_SIZE

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        """Draw the tile at ``option.rect``."""
        palette: QPalette = option.palette
        rect: QRect = option.rect.adjusted(3, 3, -3, -3)
        state = option.state
        selected = bool(state & QStyle.StateFlag.State_Selected)
        hovered = bool(state & QStyle.StateFlag.State_MouseOver)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        path = QPainterPath()
        path.addRoundedRect(rect, _RADIUS, _RADIUS)
        background = palette.color(QPalette.ColorRole.Base)
        if hovered:
            background = palette.color(QPalette.ColorRole.AlternateBase)
        painter.fillPath(path, background)
        border = palette.color(QPalette.ColorRole.Highlight if selected else QPalette.ColorRole.Mid)
        pen = painter.pen()
        pen.setColor(border)
        pen.setWidthF(2.5 if selected else 1.0)
        painter.setPen(pen)
        painter.drawPath(path)

        # Picture, or a placeholder: the first letter on a tinted block.
        image_rect = QRect(
            rect.left() + _PAD, rect.top() + _PAD, rect.width() - 2 * _PAD, TILE_IMAGE_SIZE.height()
        )
        pixmap = index.data(Qt.ItemDataRole.DecorationRole)
        if isinstance(pixmap, QPixmap) and not pixmap.isNull():
            target = pixmap.size().scaled(image_rect.size(), Qt.AspectRatioMode.KeepAspectRatio)
            x = image_rect.left() + (image_rect.width() - target.width()) // 2
            y = image_rect.top() + (image_rect.height() - target.height()) // 2
            painter.drawPixmap(QRect(x, y, target.width(), target.height()), pixmap)
        else:
            url = index.data(CatalogModel.ImageUrlRole)
            if url and self._request_image is not None:
                self._request_image(str(url))
            block = QPainterPath()
            block.addRoundedRect(image_rect, 6, 6)
            painter.fillPath(block, palette.color(QPalette.ColorRole.AlternateBase))
            letter_font = QFont(option.font)
            letter_font.setPixelSize(40)
            letter_font.setBold(True)
            painter.setFont(letter_font)
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            name = str(index.data(Qt.ItemDataRole.DisplayRole) or "?")
            painter.drawText(image_rect, Qt.AlignmentFlag.AlignCenter, name[:1].upper())

        # Name: up to two lines, elided.
        text_rect = QRect(
            rect.left() + _PAD,
            image_rect.bottom() + 6,
            rect.width() - 2 * _PAD,
            rect.bottom() - image_rect.bottom() - 6 - _PAD,
        )
        name_font = QFont(option.font)
        name_font.setPixelSize(14)
        painter.setFont(name_font)
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        metrics = painter.fontMetrics()
        name = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        name_rect = QRect(
            text_rect.left(), text_rect.top(), text_rect.width(), 2 * metrics.height()
        )
        painter.drawText(
            name_rect,
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap),
            _elide_two_lines(name, metrics, text_rect.width()),
        )

        # Price (bold) on the left, unit (muted) on the right, on the bottom line.
        price_font = QFont(option.font)
        price_font.setPixelSize(16)
        price_font.setBold(True)
        painter.setFont(price_font)
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        bottom = QRect(text_rect.left(), rect.bottom() - _PAD - 22, text_rect.width(), 22)
        painter.drawText(
            bottom,
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            str(index.data(CatalogModel.PriceTextRole) or ""),
        )
        painter.setFont(name_font)
        painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
        painter.drawText(
            bottom,
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
            "/ " + str(index.data(CatalogModel.UnitRole) or ""),
        )
        painter.restore()


def _elide_two_lines(text: str, metrics: QFontMetrics, width: int) -> str:
    """``text`` cut to what fits in two lines of ``width`` (the second line elided)."""
    words = text.split()
    first = ""
    while words and metrics.horizontalAdvance((first + " " + words[0]).strip()) <= width:
        first = (first + " " + words.pop(0)).strip()
    if not first and words:  # one very long word
        return metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)
    rest = " ".join(words)
    if not rest:
        return first
    return first + "\n" + metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width)


class CatalogView(QListView):
    """The tile grid (``catalogView``).

    Signals:
        itemActivated(int): A tile was clicked or Enter was pressed on it (the item id).
    """

    itemActivated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        """Create the grid; set a :class:`CatalogModel` and a :class:`CatalogDelegate`."""
        super().__init__(parent)
        self.setObjectName("catalogView")
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setMovement(QListView.Movement.Static)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setWrapping(True)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setUniformItemSizes(True)
        # Lay out in batches so 10 000 tiles never freeze the UI after a search.
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self.setBatchSize(300)
        self.setSpacing(4)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionRectVisible(False)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.verticalScrollBar().setSingleStep(24)
        self.setMouseTracking(True)
        self.setDragEnabled(False)
        # Always there: a bar that comes and goes would change the width the columns fill.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.tile_size = QSize(TILE_SIZE)
        self.clicked.connect(self._on_clicked)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Widen the tiles so the columns fill the width (no empty strip on the right)."""
        super().resizeEvent(event)
        spacing = self.spacing()
        # The view keeps ``spacing`` before the first and after the last column.
        available = self.viewport().width() - 2 * spacing - 1
        columns = max(1, available // (TILE_SIZE.width() + spacing))
        width = max(TILE_SIZE.width(), available // columns - spacing)
        if width != self.tile_size.width():
            self.tile_size = QSize(width, TILE_SIZE.height())
            self.scheduleDelayedItemsLayout()

    def _item_id(self, index: QModelIndex) -> int | None:
        value = index.data(CatalogModel.ItemIdRole) if index.isValid() else None
        return int(value) if value is not None else None

    def _on_clicked(self, index: QModelIndex) -> None:
        item_id = self._item_id(index)
        if item_id is not None:
            self.itemActivated.emit(item_id)

    def activate_current(self) -> bool:
        """Emit ``itemActivated`` for the current tile (or the first one); ``False`` if none."""
        index = self.currentIndex()
        if not index.isValid() and self.model() is not None and self.model().rowCount() > 0:
            index = self.model().index(0, 0)
        item_id = self._item_id(index)
        if item_id is None:
            return False
        self.itemActivated.emit(item_id)
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter adds the current tile."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.activate_current()
            event.accept()
            return
        super().keyPressEvent(event)

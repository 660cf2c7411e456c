"""The catalog as a list model: the visible (filtered) ids, items by id, and a row cache."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QImage, QPixmap

from pos_app.domain.money import format_amount
from pos_app.journal.catalog_cache import CatalogItem

__all__ = ["CatalogModel"]

Index = QModelIndex | QPersistentModelIndex

ItemIdRole = Qt.ItemDataRole.UserRole + 1
PriceTextRole = Qt.ItemDataRole.UserRole + 2
UnitRole = Qt.ItemDataRole.UserRole + 3
ImageUrlRole = Qt.ItemDataRole.UserRole + 4
CodeRole = Qt.ItemDataRole.UserRole + 5


class CatalogModel(QAbstractListModel):
    """Catalog tiles: ``DisplayRole`` name, ``DecorationRole`` picture (once loaded), and roles
    for the id, formatted price, unit, picture URL and barcode.

    The model shows a list of ids (``set_visible_ids``, the search result); items live in a dict
    by id, and formatted prices are cached per id, so filtering 10 000 items only swaps a list.
    """

    ItemIdRole = ItemIdRole
    PriceTextRole = PriceTextRole
    UnitRole = UnitRole
    ImageUrlRole = ImageUrlRole
    CodeRole = CodeRole

    def __init__(self, locale: str = "ru", parent: Any = None) -> None:
        """Create an empty model; prices are written for ``locale`` (``ru``/``kk``/``en``)."""
        super().__init__(parent)
        self._locale = locale
        self._items: dict[int, CatalogItem] = {}
        self._ids: list[int] = []
        self._rows: dict[int, int] = {}
        self._price_text: dict[int, str] = {}
        self._pixmaps: dict[str, QPixmap] = {}
        self._ids_by_url: dict[str, list[int]] = {}

    # --- filling -------------------------------------------------------------------------------

    def set_items(self, items: Sequence[CatalogItem]) -> None:
        """Replace the catalog; every item becomes visible."""
        self.beginResetModel()
        self._items = {item.item_id: item for item in items}
        self._ids = [item.item_id for item in items]
        self._rows = {item_id: row for row, item_id in enumerate(self._ids)}
        self._price_text = {}
        self._ids_by_url = {}
        for item in items:
            if item.image_url:
                self._ids_by_url.setdefault(item.image_url, []).append(item.item_id)
        self.endResetModel()

    def set_visible_ids(self, ids: Sequence[int]) -> None:
        """Show only these items, in this order (unknown ids are skipped)."""
        visible = [i for i in ids if i in self._items]
        if visible == self._ids:
            return
        self.beginResetModel()
        self._ids = visible
        self._rows = {item_id: row for row, item_id in enumerate(visible)}
        self.endResetModel()

    def set_image(self, url: str, image: QImage) -> None:
        """A picture arrived (decoded off-thread): show it on every tile that uses ``url``."""
        if image.isNull():
            return
        # QPixmap only on the UI thread: this slot runs there (queued from the worker).
        self._pixmaps[url] = QPixmap.fromImage(image)
        for item_id in self._ids_by_url.get(url, ()):
            row = self.row_of(item_id)
            if row is not None:
                index = self.index(row, 0)
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])

    # --- reading -------------------------------------------------------------------------------

    def item_at(self, row: int) -> CatalogItem | None:
        """The item shown in ``row``."""
        if 0 <= row < len(self._ids):
            return self._items[self._ids[row]]
        return None

    def row_of(self, item_id: int) -> int | None:
        """The row showing ``item_id``, if it is visible."""
        return self._rows.get(item_id)

    def has_image(self, url: str) -> bool:
        """Whether the picture at ``url`` is loaded."""
        return url in self._pixmaps

    def visible_ids(self) -> list[int]:
        """The ids shown, in order."""
        return list(self._ids)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt API
        """Number of visible items (a list has no children)."""
        return 0 if parent.isValid() else len(self._ids)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """The value of ``role`` for the tile at ``index``."""
        if not index.isValid() or index.column() != 0 or not 0 <= index.row() < len(self._ids):
            return None
        item_id = self._ids[index.row()]
        item = self._items[item_id]
        if role == Qt.ItemDataRole.DisplayRole:
            return item.name
        if role == PriceTextRole:
            text = self._price_text.get(item_id)
            if text is None:
                text = self._price_text[item_id] = format_amount(item.price, self._locale)
            return text
        if role == UnitRole:
            return item.unit
        if role == ItemIdRole:
            return item_id
        if role == ImageUrlRole:
            return item.image_url
        if role == CodeRole:
            return item.barcode or item.sku
        if role == Qt.ItemDataRole.DecorationRole:
            return self._pixmaps.get(item.image_url) if item.image_url else None
        if role == Qt.ItemDataRole.ToolTipRole:
            code = item.barcode or item.sku
            price = self.data(index, PriceTextRole)
            return f"{item.name}\n{price} / {item.unit}" + (f"\n{code}" if code else "")
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{item.name}, {self.data(index, PriceTextRole)}"
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        """Tiles are selectable and enabled, never editable."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

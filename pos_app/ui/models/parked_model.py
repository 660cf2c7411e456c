"""Parked sales as a list: "14:05 · 3 lines · 4 500 ₸ · Table 4"."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from pos_app.domain.money import format_amount
from pos_app.services.cart_store import CartSession, ParkedCart

__all__ = ["ParkedModel"]

Index = QModelIndex | QPersistentModelIndex
ParkedIdRole = Qt.ItemDataRole.UserRole + 1


class ParkedModel(QAbstractListModel):
    """The parked carts of a session, oldest first, refreshed when the session says so."""

    ParkedIdRole = ParkedIdRole

    def __init__(self, session: CartSession, locale: str = "ru", parent: Any = None) -> None:
        """Show the parked carts of ``session``."""
        super().__init__(parent)
        self._session = session
        self._locale = locale
        self._parked: list[ParkedCart] = session.parked()
        session.parkedChanged.connect(self.refresh)

    def refresh(self) -> None:
        """Reload the list from the journal."""
        self.beginResetModel()
        self._parked = self._session.parked()
        self.endResetModel()

    def parked_at(self, row: int) -> ParkedCart | None:
        """The parked cart in ``row``."""
        return self._parked[row] if 0 <= row < len(self._parked) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt API
        """Number of parked carts."""
        return 0 if parent.isValid() else len(self._parked)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Label text and the parked id."""
        if not index.isValid() or index.column() != 0 or not 0 <= index.row() < len(self._parked):
            return None
        parked = self._parked[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            when = parked.parked_at.astimezone().strftime("%H:%M")
            text = self.tr("{time} · {count} lines · {total}").format(
                time=when,
                count=parked.line_count,
                total=format_amount(parked.total, self._locale),
            )
            return f"{text} · {parked.label}" if parked.label else text
        if role == ParkedIdRole:
            return parked.parked_id
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        """Selectable, not editable."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

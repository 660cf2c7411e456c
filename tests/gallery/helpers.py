"""What the gallery checks on a screen: texts a person must be able to read in full."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QPushButton, QToolButton, QWidget


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def clipped_texts(root: QWidget) -> list[str]:
    """Visible buttons and one-line labels under ``root`` whose text does not fit their width.

    A label that wraps, shows rich text or a picture is left out (it cannot be measured this
    way); so is one whose text is empty. Each entry names the widget and the text.
    """
    found: list[str] = []
    widgets: Iterable[QWidget] = [root, *root.findChildren(QWidget)]
    for widget in widgets:
        if not widget.isVisibleTo(root) or widget.width() <= 1:
            continue
        if isinstance(widget, QLabel):
            text = widget.text()
            if (
                not text.strip()
                or widget.wordWrap()
                or widget.textFormat() == Qt.TextFormat.RichText
                or "<" in text
                or "\n" in text
            ):
                continue
            need = widget.fontMetrics().horizontalAdvance(text)
            have = widget.contentsRect().width() - 2 * widget.margin() - 2 * widget.indent()
            if need > have + 1:
                found.append(
                    f"{widget.objectName() or type(widget).__name__}: {text!r} ({need}>{have})"
                )
        elif isinstance(widget, (QPushButton, QToolButton)):
            text = _plain(widget.text())
            if not text.strip() or (
                isinstance(widget, QToolButton)
                and widget.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly
            ):
                continue
            hint = widget.minimumSizeHint().width()
            # minimumSizeHint follows the style sheet's padding and the icon.
            if widget.width() + 1 < hint:
                found.append(
                    f"{widget.objectName() or type(widget).__name__}: {text!r} "
                    f"({widget.width()}<{hint})"
                )
    return found


def overlapping(widgets: Iterable[QWidget]) -> list[str]:
    """Pairs of visible widgets (in one parent's coordinates) whose rectangles intersect."""
    shown = [w for w in widgets if w.isVisible() and w.width() > 0]
    pairs: list[str] = []
    for n, first in enumerate(shown):
        a = QRect(first.mapToGlobal(first.rect().topLeft()), first.size())
        for second in shown[n + 1 :]:
            b = QRect(second.mapToGlobal(second.rect().topLeft()), second.size())
            if a.intersects(b):
                pairs.append(f"{first.objectName()} × {second.objectName()}")
    return pairs


def small_buttons(buttons: Iterable[QAbstractButton], minimum: int = 44) -> list[str]:
    """Visible buttons lower than ``minimum`` pixels (too small to hit on a touch screen)."""
    return [
        f"{b.objectName()}: {b.height()} px"
        for b in buttons
        if b.isVisible() and b.height() < minimum
    ]


def save(widget: QWidget, path: Path) -> Path:
    """``widget.grab()`` to ``path`` (the folder is made)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    assert widget.grab().save(str(path)), f"could not save {path}"
    return path

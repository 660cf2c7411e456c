"""An on-screen keypad for typing amounts on a touch screen."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLineEdit, QPushButton, QSizePolicy, QWidget

__all__ = ["Keypad"]

# (text on the key, objectName suffix, row, column)
_KEYS = (
    ("7", "7", 0, 0), ("8", "8", 0, 1), ("9", "9", 0, 2),
    ("4", "4", 1, 0), ("5", "5", 1, 1), ("6", "6", 1, 2),
    ("1", "1", 2, 0), ("2", "2", 2, 1), ("3", "3", 2, 2),
    ("00", "00", 3, 0), ("0", "0", 3, 1), (",", "Comma", 3, 2),
)  # fmt: skip


class Keypad(QWidget):
    """Digit keys, a decimal comma, backspace, clear and Enter, typing into one line edit.

    Signals:
        entered: The Enter key was pressed.
    """

    entered = Signal()

    def __init__(self, target: QLineEdit, parent: QWidget | None = None) -> None:
        """Type into ``target``."""
        super().__init__(parent)
        self.setObjectName("keypad")
        self._target = target
        grid = QGridLayout(self)
        grid.setSpacing(6)
        for text, suffix, row, column in _KEYS:
            button = self._key(text, f"keypad{suffix}Button")
            button.clicked.connect(lambda _=False, t=text: self._insert(t))
            grid.addWidget(button, row, column)
        backspace = self._key("⌫", "keypadBackspaceButton")
        backspace.setToolTip(self.tr("Delete the last character"))
        backspace.clicked.connect(self._target.backspace)
        clear = self._key(self.tr("C"), "keypadClearButton")
        clear.setToolTip(self.tr("Clear the amount"))
        clear.clicked.connect(self._target.clear)
        enter = self._key(self.tr("Add"), "keypadEnterButton")
        enter.setProperty("role", "primary")
        enter.clicked.connect(self.entered)
        grid.addWidget(backspace, 0, 3)
        grid.addWidget(clear, 1, 3)
        grid.addWidget(enter, 2, 3, 2, 1)

    def _key(self, text: str, name: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setProperty("role", "keypad")
        # The keypad is for fingers; keyboard users type into the field directly.
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setMinimumSize(64, 56)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        return button

    def _insert(self, text: str) -> None:
        self._target.insert(text)

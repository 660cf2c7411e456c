"""F1 lists every key the counter answers to, in the cashier's language."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidget

from pos_app.app import Application


def shown_rows(app: Application, qtbot: Any) -> dict[str, str]:
    """Press F1 in the window and read the overlay's table: key → what it does."""
    window = app.window
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.counter_screen.search, Qt.Key.Key_F1)
    dialog = window.hotkeys_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    table = dialog.findChild(QTableWidget, "hotkeysTable")
    assert table is not None
    rows = {}
    for row in range(table.rowCount()):
        key, what = table.item(row, 0), table.item(row, 1)
        assert key is not None and what is not None
        rows[key.text()] = what.text()
    dialog.reject()
    return rows


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "en",
            {
                "Del": "Remove the selected line",
                "+ / −": "One more / one less of the selected line",
                "F11": "Pay by phone",
            },
        ),
        (
            "ru",
            {
                "Del": "Убрать выбранную строку",
                "+ / −": "Увеличить / уменьшить количество в выбранной строке",
                "F11": "Оплата по телефону",
            },
        ),
    ],
)
def test_f1_lists_the_counters_own_keys(
    language: str,
    expected: dict[str, str],
    tmp_path: Path,
    build_app: Callable[..., Application],
    qtbot: Any,
) -> None:
    app = build_app(tmp_path / "data", demo=True, language=language, show_welcome=False)
    app.show()
    rows = shown_rows(app, qtbot)
    for key, what in expected.items():
        assert rows.get(key) == what, (key, rows)
    # Enter, the tile arrows and the scanner are there too, each explained.
    assert rows.get("Enter")
    assert any(key.startswith("↑ ↓") for key in rows)
    scanner = "Scanner" if language == "en" else "Сканер"
    assert scanner in rows
    # Every row is in the window's language: no English left in a Russian list.
    if language == "ru":
        english = [what for what in rows.values() if what.isascii()]
        assert not english, english

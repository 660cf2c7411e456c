"""The scanner filter on its own: what a burst is, and that typing is never lost."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from pos_app.ui.scanner import ScannerFilter

NO = Qt.KeyboardModifier.NoModifier


def _setup(qtbot: Any, **options: Any) -> tuple[ScannerFilter, QLineEdit, list[str]]:
    root = QWidget()
    qtbot.addWidget(root)
    field = QLineEdit(root)
    QVBoxLayout(root).addWidget(field)
    root.show()
    scanner = ScannerFilter(root, **options)
    codes: list[str] = []
    scanner.scanned.connect(codes.append)
    return scanner, field, codes


def _feed(scanner: ScannerFilter, field: QLineEdit, text: str, start: float, gap: float) -> float:
    now = start
    for ch in text:
        scanner.feed(field, ord(ch), NO, ch, now)
        now += gap
    return now


def test_fast_burst_with_enter_is_a_scan(qtbot: Any) -> None:
    scanner, field, codes = _setup(qtbot)
    end = _feed(scanner, field, "4870001000017", 10.0, 0.010)
    assert scanner.feed(field, Qt.Key.Key_Return, NO, "\r", end)
    assert codes == ["4870001000017"] and field.text() == ""


def test_slow_keys_are_typing_and_reach_the_field_in_order(qtbot: Any) -> None:
    scanner, field, codes = _setup(qtbot)
    end = _feed(scanner, field, "87001234567", 10.0, 0.120)
    assert not scanner.feed(field, Qt.Key.Key_Return, NO, "\r", end)
    assert codes == [] and field.text() == "87001234567"


def test_a_short_burst_is_not_a_scan(qtbot: Any) -> None:
    scanner, field, codes = _setup(qtbot, min_length=6)
    end = _feed(scanner, field, "12345", 10.0, 0.005)
    assert not scanner.feed(field, Qt.Key.Key_Return, NO, "\r", end)
    assert codes == [] and field.text() == "12345"


def test_thresholds_are_configurable(qtbot: Any) -> None:
    scanner, field, codes = _setup(qtbot, min_length=4, max_interval_ms=80)
    end = _feed(scanner, field, "ABCD", 10.0, 0.060)
    assert scanner.feed(field, Qt.Key.Key_Return, NO, "\r", end)
    assert codes == ["ABCD"]


def test_held_keys_are_released_after_the_interval(qtbot: Any) -> None:
    scanner, field, codes = _setup(qtbot)
    _feed(scanner, field, "12", 10.0, 0.005)
    assert field.text() == ""  # held back for the interval
    qtbot.waitUntil(lambda: field.text() == "12")
    assert codes == []

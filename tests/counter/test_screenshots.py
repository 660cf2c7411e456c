"""Screenshots of the counter with a full cart, light and dark, for a person to look at."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QLineEdit

from pos_app.ui.theme import ThemeManager
from tests.counter.conftest import SeededCatalog
from tests.counter.test_counter_screen import wait_catalog


@pytest.mark.gui
def test_counter_screenshots(
    qtbot: Any,
    qapp: QApplication,
    seeded: SeededCatalog,
    provider: Any,
    make_counter: Any,
    artifacts_dir: Path,
) -> None:
    screen = make_counter(provider)
    wait_catalog(qtbot, screen, len(seeded.ids))
    for name in ("Капучино", "Латте", "Croissant", "Қымыз", "Ёжик шоколадный"):
        screen.add_catalog_item(seeded.ids[name])
    lines = screen.session.cart.lines
    screen.step_quantity(lines[1].line_id, 2)
    screen.session.override_price(lines[2].line_id, Decimal("800"), "Вчерашняя выпечка")
    screen.session.add_free_amount(Decimal("777.77"), "Свободная сумма")
    screen.findChild(QLineEdit, "discountInput").setText("10")
    screen.apply_discount()
    screen.cart_view.select_row(2)
    if seeded.image_url:
        qtbot.waitUntil(lambda: screen.catalog_model.has_image(seeded.image_url), timeout=20_000)

    palette, style_sheet = qapp.palette(), qapp.styleSheet()
    manager = ThemeManager(qapp)
    try:
        for theme in ("light", "dark"):
            manager.apply(theme)
            qtbot.wait(50)
            path = artifacts_dir / f"counter-{theme}.png"
            assert screen.grab().save(str(path))
            assert path.stat().st_size > 10_000
    finally:
        manager.close()
        qapp.setStyleSheet(style_sheet)
        qapp.setPalette(palette)

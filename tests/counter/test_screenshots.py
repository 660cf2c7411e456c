"""Screenshots of the counter with a full cart, light and dark, for a person to look at."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QLineEdit

from pos_app.ui.theme import ThemeManager
from tests.counter.conftest import make_provider
from tests.counter.test_counter_screen import wait_catalog


@pytest.mark.gui
def test_counter_screenshots(
    qtbot: Any,
    qapp: QApplication,
    sandbox: Any,
    make_counter: Any,
    artifacts_dir: Path,
    run_async: Any,
) -> None:
    """The demo catalog (about 40 items with pictures) and a full cart."""
    provider = make_provider(sandbox.base_url, sandbox.api_key)
    try:
        _screenshots(qtbot, qapp, provider, make_counter, artifacts_dir)
    finally:
        run_async(provider.aclose())


def _screenshots(
    qtbot: Any, qapp: QApplication, provider: Any, make_counter: Any, artifacts_dir: Path
) -> None:
    screen = make_counter(provider)
    wait_catalog(qtbot, screen, 30)
    items = screen.catalog.items
    for item in items[:5]:
        screen.add_catalog_item(item.item_id)
    lines = screen.session.cart.lines
    screen.step_quantity(lines[1].line_id, 2)
    screen.session.override_price(lines[2].line_id, Decimal("800"), "Вчерашняя выпечка")
    screen.session.add_free_amount(Decimal("777.77"), "Свободная сумма")
    screen.findChild(QLineEdit, "discountInput").setText("10")
    screen.apply_discount()
    screen.cart_view.select_row(2)
    # The visible tiles' pictures (loaded lazily, decoded off the UI thread).
    visible = [i.image_url for i in items[:8] if i.image_url]
    qtbot.waitUntil(lambda: all(screen.catalog_model.has_image(u) for u in visible), timeout=30_000)

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

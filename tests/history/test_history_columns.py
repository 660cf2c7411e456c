"""At 1280×800 the sales table fits its window: no sideways scrolling, nothing important cut."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QRect, Qt

from pos_app.app import Application
from pos_app.domain.cart import Cart
from pos_app.domain.sale import SaleState
from pos_app.journal.sales import NOT_CREATED, SalesJournal
from pos_app.ui.history.screen import HistoryScreen
from pos_app.ui.models.history_model import HistoryModel
from tests.history.conftest import Shop, wait_for

WAIT_MS = 30_000

#: Columns whose every cell must show whole on one line.
ONE_LINE = (HistoryModel.TIME, HistoryModel.AMOUNT, HistoryModel.REFUNDED)
#: Columns whose every cell must show whole on the row's two lines.
TWO_LINES = (HistoryModel.INVOICE, HistoryModel.STATUS)


def _sample_sales(app: Application, shop: Shop) -> int:
    """Sales of every width: paid and partly refunded, waiting, a long description, unsent."""
    refunded = shop.sell(amount="125000", description="Свадебный торт на заказ")
    with shop.api() as api:
        answer = api.post(f"/invoices/{refunded}/refund", json={"amount": 25000})
        assert answer.status_code == 201, answer.text
    shop.sandbox.advance(5)  # the refund completes on the sandbox's clock
    wait_for(
        lambda: Decimal(str(shop.invoice(refunded).get("total_refunded") or 0)) > 0,
        "refund completed",
    )
    shop.sell(amount="990", pay=False, description="Ждёт оплаты")
    shop.sell(
        amount="4500",
        description="Очень длинное описание продажи, которое никак не помещается в столбец",
    )
    journal = SalesJournal(app.journal)
    cart = Cart()
    cart.add_free_amount(Decimal("333"), "Не дошла")
    lost = journal.create(provider="apipay", method="qr", cart=cart, amount=Decimal("333"))
    journal.update(lost.sale_id, SaleState.UNKNOWN, note="create answer lost: ReadTimeout")
    journal.update(lost.sale_id, SaleState.FAILED, error_code=NOT_CREATED)
    return refunded


def _open_history(app: Application, qtbot: Any, rows: int) -> HistoryScreen:
    window = app.window
    window.resize(1280, 800)
    qtbot.mouseClick(window.history_button, Qt.MouseButton.LeftButton)
    screen: HistoryScreen = window.history_screen
    qtbot.waitUntil(
        lambda: not screen.model._loading and screen.model.rowCount() >= rows, timeout=WAIT_MS
    )
    qtbot.waitExposed(screen.view)
    return screen


@pytest.mark.parametrize("language", ["ru", "kk", "en"])
def test_the_table_fits_1280_by_800(
    language: str,
    app_in: Callable[[str], Application],
    shop: Shop,
    qtbot: Any,
    artifacts_dir: Path,
) -> None:
    app = app_in(language)
    refunded = _sample_sales(app, shop)
    screen = _open_history(app, qtbot, rows=4)
    view = screen.view
    model = screen.model
    qtbot.waitUntil(lambda: not view.horizontalScrollBar().isVisible(), timeout=WAIT_MS)
    app.window.grab().save(str(artifacts_dir / f"history-columns-{language}-1280x800.png"))

    assert app.window.size().width() == 1280
    assert not view.horizontalScrollBar().isVisible()
    header = view.horizontalHeader()
    shown = [c for c in range(model.columnCount()) if not view.isColumnHidden(c)]
    assert sum(view.columnWidth(c) for c in shown) <= view.viewport().width()

    metrics = view.fontMetrics()
    for position in range(model.rowCount()):
        for column in ONE_LINE:
            text = str(model.index(position, column).data() or "")
            assert metrics.horizontalAdvance(text) + 6 < view.columnWidth(column), (column, text)
        for column in TWO_LINES:
            text = str(model.index(position, column).data() or "")
            room = QRect(0, 0, view.columnWidth(column) - 6, 10 * metrics.lineSpacing())
            laid_out = metrics.boundingRect(room, Qt.TextFlag.TextWordWrap, text)
            assert laid_out.height() <= 2 * metrics.lineSpacing(), (column, text)
            assert laid_out.width() <= room.width(), (column, text)

    row = next(r for r in model.rows() if r.payment_id == str(refunded))
    assert row.phone_masked.startswith("+7 (700)")
    customer = str(model.index(model.position_of(row.key), HistoryModel.CUSTOMER).data())
    assert row.phone_masked in customer.splitlines()
    assert metrics.horizontalAdvance(row.phone_masked) <= view.columnWidth(HistoryModel.CUSTOMER)
    # Room for the cell's margins too: the number is drawn whole, not elided.
    assert metrics.horizontalAdvance(row.phone_masked) + 6 < view.columnWidth(HistoryModel.CUSTOMER)
    # Two lines fit in a row.
    assert view.rowHeight(0) >= 2 * metrics.lineSpacing()
    # The description stretches into what is left and is not squeezed to nothing.
    assert view.columnWidth(HistoryModel.DESCRIPTION) >= 60
    assert header.sectionResizeMode(HistoryModel.DESCRIPTION) == header.ResizeMode.Stretch

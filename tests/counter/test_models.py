"""The counter's Qt models pass pytest-qt's model tester, empty, filled and while changing."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from pos_app.domain.money import format_amount
from pos_app.journal.carts import CartJournal
from pos_app.journal.catalog_cache import CatalogItem
from pos_app.journal.db import open_journal
from pos_app.services.cart_store import CartSession
from pos_app.services.catalog_search import SearchIndex
from pos_app.ui.models import CartModel, CatalogModel, ParkedModel

ITEMS = [
    CatalogItem(1, "Капучино", Decimal("1200.00"), "шт", "4870001000017", None, "/img/1.jpg"),
    CatalogItem(2, "Латте", Decimal("1350.00"), "шт", "4870001000024"),
    CatalogItem(3, "Қымыз", Decimal("1500.00"), "л", None, "KMZ-1"),
]


@pytest.fixture
def session(tmp_path: Path) -> Any:
    conn = open_journal(tmp_path)
    yield CartSession(CartJournal(conn))
    conn.close()


def test_catalog_model(qtmodeltester: Any) -> None:
    model = CatalogModel()
    qtmodeltester.check(model)
    model.set_items(ITEMS)
    qtmodeltester.check(model)
    assert model.rowCount() == 3
    index = model.index(0, 0)
    assert index.data() == "Капучино"
    assert index.data(CatalogModel.PriceTextRole) == format_amount(Decimal("1200"))
    assert index.data(CatalogModel.ImageUrlRole) == "/img/1.jpg"
    assert index.data(Qt.ItemDataRole.DecorationRole) is None  # not loaded yet

    search = SearchIndex(ITEMS)
    model.set_visible_ids(search.filter("kfnnt"))  # "латте" on the wrong layout
    qtmodeltester.check(model)
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == ["Латте"]
    model.set_visible_ids(search.filter(""))

    image = QImage(20, 20, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.darkCyan)
    model.set_image("/img/1.jpg", image)
    assert model.has_image("/img/1.jpg")
    assert model.index(0, 0).data(Qt.ItemDataRole.DecorationRole) is not None
    qtmodeltester.check(model)


def test_cart_model_follows_the_session(qtmodeltester: Any, session: CartSession) -> None:
    model = CartModel(session)
    qtmodeltester.check(model)
    first = session.add_item(ITEMS[0])
    session.add_item(ITEMS[1])
    session.add_free_amount(Decimal("500"), "Free amount")
    qtmodeltester.check(model)
    assert model.rowCount() == 3
    session.override_price(first.line_id, Decimal("1000"), "Постоянный клиент")
    price = model.index(0, CartModel.PRICE)
    assert price.data() == format_amount(Decimal("1000"))
    assert price.data(CartModel.OriginalPriceRole) == format_amount(Decimal("1200"))
    assert "Постоянный клиент" in price.data(Qt.ItemDataRole.ToolTipRole)
    assert model.setData(model.index(1, CartModel.QUANTITY), 4)
    assert model.index(1, CartModel.TOTAL).data() == format_amount(Decimal("5400"))

    failures: list[Any] = []
    model.editFailed.connect(failures.append)
    assert not model.setData(model.index(1, CartModel.QUANTITY), "0")
    assert not model.setData(model.index(1, CartModel.QUANTITY), "два")
    assert [getattr(f, "code", None) for f in failures] == [
        "cart.quantity_too_small",
        "cart.quantity_not_a_number",
    ]
    session.remove(first.line_id)
    qtmodeltester.check(model)
    assert model.rowCount() == 2
    session.clear()
    assert model.rowCount() == 0


def test_parked_model(qtmodeltester: Any, session: CartSession) -> None:
    model = ParkedModel(session)
    qtmodeltester.check(model)
    session.add_item(ITEMS[2], quantity=2)
    session.park("Стол 2")
    session.add_item(ITEMS[0])
    session.park()
    qtmodeltester.check(model)
    assert model.rowCount() == 2
    text = model.index(0, 0).data()
    assert "Стол 2" in text and format_amount(Decimal("3000")) in text

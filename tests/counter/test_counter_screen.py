"""The counter screen end to end: real widgets, the catalog from the sandbox over HTTP."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QListView, QPushButton

from pos_app.domain.money import format_amount
from pos_app.ui.counter import CounterScreen
from pos_app.ui.models.cart_model import CartModel
from tests.counter.conftest import SeededCatalog, make_provider


def wait_catalog(qtbot: Any, screen: CounterScreen, count: int) -> None:
    """Until the background refresh has brought at least ``count`` items."""
    qtbot.waitUntil(lambda: len(screen.catalog.items) >= count, timeout=20_000)
    qtbot.waitUntil(lambda: not screen.catalog.refreshing, timeout=20_000)


def tile_row(screen: CounterScreen, name: str) -> int:
    model = screen.catalog_model
    for row in range(model.rowCount()):
        if model.index(row, 0).data() == name:
            return row
    raise AssertionError(f"no tile {name!r} among {model.rowCount()}")


def click_tile(qtbot: Any, screen: CounterScreen, name: str) -> None:
    view = screen.catalog_view
    index = screen.catalog_model.index(tile_row(screen, name), 0)
    view.scrollTo(index)
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center()
    )


def cart_lines(screen: CounterScreen) -> list[tuple[str, int]]:
    return [(line.name, line.quantity) for line in screen.session.cart.lines]


def select_line(screen: CounterScreen, name: str) -> None:
    row = next(r for r, line in enumerate(screen.session.cart.lines) if line.name == name)
    screen.cart_view.select_row(row)


def type_text(widget: Any, text: str) -> None:
    """Type ``text`` key by key (QTest's keyClicks only knows ASCII; cashiers type Cyrillic)."""
    for ch in text:
        key = ord(ch.upper()) if ch.isascii() else 0
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, ch))


class FakeClock:
    """Monotonic seconds that move by ``step`` on every reading (a scanner: a few ms a key)."""

    def __init__(self, step: float) -> None:
        self.now = 1000.0
        self.step = step

    def __call__(self) -> float:
        self.now += self.step
        return self.now


def scan(qtbot: Any, widget: Any, code: str) -> None:
    """A scanner burst into ``widget``: the code at scanner speed, then Enter."""
    qtbot.keyClicks(widget, code)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def test_ring_up_a_sale_totals_exact(
    qtbot: Any, seeded: SeededCatalog, provider: Any, make_counter: Any
) -> None:
    screen = make_counter(provider)
    wait_catalog(qtbot, screen, len(seeded.ids))
    screen.scanner._clock = FakeClock(0.005)
    pay_phone = screen.findChild(QPushButton, "payByPhoneButton")
    assert not pay_phone.isEnabled(), "paying an empty cart must not be offered"

    # 1. Click a tile.
    click_tile(qtbot, screen, "Капучино")
    # 2. Search + Enter.
    search = screen.findChild(QLineEdit, "catalogSearch")
    type_text(search, "латте")
    qtbot.waitUntil(lambda: search.text() == "латте")
    qtbot.keyClick(search, Qt.Key.Key_Return)
    # 3. Wrong layout: "rfgexbyj" is "капучино" typed on the English layout; merges.
    qtbot.keyClicks(search, "rfgexbyj")
    qtbot.waitUntil(lambda: search.text() == "rfgexbyj")
    qtbot.keyClick(search, Qt.Key.Key_Return)
    assert cart_lines(screen) == [("Капучино", 2), ("Латте", 1)]
    assert pay_phone.isEnabled()

    # + on the selected line (Латте) in the cart, then type the quantity directly.
    cart_view = screen.cart_view
    select_line(screen, "Латте")
    qtbot.keyClick(cart_view, Qt.Key.Key_Plus)
    # A printable key is held back for the scanner's interval, then delivered.
    qtbot.waitUntil(lambda: cart_lines(screen)[1] == ("Латте", 2))
    row = 1
    assert screen.cart_model.setData(screen.cart_model.index(row, CartModel.QUANTITY), "3")
    assert cart_lines(screen)[1] == ("Латте", 3)

    # 4. A scanner burst while the cart has focus.
    scan(qtbot, cart_view, "4870001000055")
    assert cart_lines(screen)[-1] == ("Croissant", 1)

    # Override the croissant's price, with a reason.
    select_line(screen, "Croissant")
    screen.findChild(QPushButton, "overridePriceButton").click()
    price_input = screen.findChild(QLineEdit, "overridePriceInput")
    reason_input = screen.findChild(QLineEdit, "overrideReasonInput")
    price_input.setText("800")
    screen.findChild(QPushButton, "overrideApplyButton").click()
    error = screen.findChild(QLabel, "overridePriceError")
    assert error.isVisible() and "why" in error.text().lower(), "no reason → a clear message"
    reason_input.setText("Вчерашняя выпечка")
    screen.findChild(QPushButton, "overrideApplyButton").click()
    assert not screen.findChild(type(screen.override_panel), "overridePricePanel").isVisible()
    croissant = screen.session.cart.lines[-1]
    assert croissant.price_override == Decimal("800.00")
    price_index = screen.cart_model.index(2, CartModel.PRICE)
    assert price_index.data(CartModel.OriginalPriceRole) == format_amount(Decimal("890.50"))

    # 5. A free amount on the keypad: 777,77.
    screen.tabs.setCurrentIndex(1)
    for key in ("7", "7", "7", "Comma", "7", "7"):
        qtbot.mouseClick(
            screen.findChild(QPushButton, f"keypad{key}Button"), Qt.MouseButton.LeftButton
        )
    free = screen.findChild(QLineEdit, "freeAmountInput")
    assert free.text() == "777,77"
    screen.findChild(QPushButton, "addFreeAmountButton").click()
    assert screen.session.cart.lines[-1].unit_price == Decimal("777.77")
    assert free.text() == ""

    # 6. Three of an item at 333.33 (rounding matters).
    screen.tabs.setCurrentIndex(0)
    search.clear()
    click_tile(qtbot, screen, "Ёжик шоколадный")
    screen.step_quantity(screen.session.cart.lines[-1].line_id, 2)

    # 10 % off.
    discount = screen.findChild(QLineEdit, "discountInput")
    discount.setText("10")
    qtbot.keyClick(discount, Qt.Key.Key_Return)

    # By hand: 2×1200 + 3×1350 + 800 + 777.77 + 3×333.33 = 2400 + 4050 + 800 + 777.77 + 999.99
    subtotal = Decimal("9027.76")
    discount_sum = Decimal("902.78")  # 902.776 rounded half up
    total = Decimal("8124.98")
    cart = screen.session.cart
    assert (cart.subtotal, cart.discount_sum, cart.total) == (subtotal, discount_sum, total)
    assert screen.findChild(QLabel, "cartSubtotalLabel").text() == format_amount(subtotal)
    assert format_amount(discount_sum) in screen.findChild(QLabel, "cartDiscountLabel").text()
    assert screen.findChild(QLabel, "cartTotalLabel").text() == format_amount(total)

    with qtbot.waitSignal(screen.payRequested) as blocker:
        qtbot.keyClick(screen.cart_view, Qt.Key.Key_F12)
    assert blocker.args == ["qr"]


def test_bad_input_shows_a_message_not_a_traceback(
    qtbot: Any, seeded: SeededCatalog, provider: Any, make_counter: Any
) -> None:
    screen = make_counter(provider)
    wait_catalog(qtbot, screen, len(seeded.ids))
    click_tile(qtbot, screen, "Латте")
    discount = screen.findChild(QLineEdit, "discountInput")
    discount.setText("150")
    qtbot.keyClick(discount, Qt.Key.Key_Return)
    error = screen.findChild(QLabel, "discountError")
    assert error.isVisible() and "99" in error.text()
    assert screen.session.cart.discount_percent is None

    screen.tabs.setCurrentIndex(1)
    free = screen.findChild(QLineEdit, "freeAmountInput")
    free.setText("1.500,00")
    screen.findChild(QPushButton, "addFreeAmountButton").click()
    assert screen.findChild(QLabel, "freeAmountError").isVisible()
    assert len(screen.session.cart.lines) == 1

    line_id = screen.session.cart.lines[0].line_id
    screen.step_quantity(line_id, -1)  # would be 0
    assert screen.findChild(QLabel, "cartError").text()
    assert screen.session.cart.lines[0].quantity == 1


def test_park_resume_and_restart(
    qtbot: Any, seeded: SeededCatalog, provider: Any, make_counter: Any, tmp_path: Any
) -> None:
    data_dir = tmp_path / "till"
    screen = make_counter(provider, data_dir)
    wait_catalog(qtbot, screen, len(seeded.ids))
    click_tile(qtbot, screen, "Капучино")
    click_tile(qtbot, screen, "Латте")
    screen.findChild(QLineEdit, "parkLabelInput").setText("Столик 4")
    screen.findChild(QPushButton, "parkButton").click()
    assert screen.session.cart.is_empty
    parked_list = screen.findChild(QListView, "parkedList")
    assert parked_list.model().rowCount() == 1
    label = parked_list.model().index(0, 0).data()
    assert "Столик 4" in label and format_amount(Decimal("2550")) in label

    # A second sale meanwhile, then resume the first: the second one is parked in its place.
    click_tile(qtbot, screen, "Қымыз")
    parked_list.setCurrentIndex(parked_list.model().index(0, 0))
    screen.findChild(QPushButton, "resumeParkedButton").click()
    assert cart_lines(screen) == [("Капучино", 1), ("Латте", 1)]
    assert parked_list.model().rowCount() == 1
    assert "Қымыз" not in cart_lines(screen)

    # Change the cart, then "kill" the app: a new screen on the same folder has it back.
    select_line(screen, "Латте")
    screen.step_quantity(screen.session.cart.lines[1].line_id, 4)
    screen.session.set_discount(15)
    expected = screen.session.cart.to_dict()
    restarted = make_counter(provider, data_dir)
    assert restarted.session.cart.to_dict() == expected
    assert restarted.findChild(QLabel, "cartTotalLabel").text() == format_amount(
        restarted.session.cart.total
    )
    assert restarted.parked_model.rowCount() == 1


def test_scanner_burst_never_lands_in_the_phone_field(
    qtbot: Any, seeded: SeededCatalog, provider: Any, make_counter: Any
) -> None:
    screen = make_counter(provider)
    wait_catalog(qtbot, screen, len(seeded.ids))
    phone = QLineEdit(screen)
    phone.setObjectName("phoneInput")
    phone.show()
    phone.setFocus()
    screen.scanner._clock = FakeClock(0.004)

    scan(qtbot, phone, "4870001000048")
    assert phone.text() == ""
    assert cart_lines(screen) == [("Қымыз", 1)]

    # A person typing (keys far apart) still reaches the field, in order.
    screen.scanner._clock = FakeClock(0.250)
    qtbot.keyClicks(phone, "8700")
    qtbot.waitUntil(lambda: phone.text() == "8700")

    # An unknown code: a message, no line, nothing in the field.
    phone.clear()
    screen.scanner._clock = FakeClock(0.004)
    scan(qtbot, phone, "999000111222")
    assert phone.text() == ""
    message = screen.findChild(QLabel, "counterMessage")
    assert message.isVisible() and "999000111222" in message.text()
    assert len(screen.session.cart.lines) == 1


def test_search_is_forgiving(
    qtbot: Any, seeded: SeededCatalog, provider: Any, make_counter: Any
) -> None:
    screen = make_counter(provider)
    wait_catalog(qtbot, screen, len(seeded.ids))
    search = screen.findChild(QLineEdit, "catalogSearch")

    def names(query: str) -> list[str]:
        search.setText(query)
        model = screen.catalog_model
        return [model.index(r, 0).data() for r in range(model.rowCount())]

    assert names("rfgexbyj") == ["Капучино"]  # wrong layout
    assert names("КАПУЧ") == ["Капучино"]  # case
    assert "Чай зелёный" in names("зеленый")  # ё/е
    assert "Ёжик шоколадный" in names("ежик")
    assert names("қымыз") == ["Қымыз"]  # Kazakh letters
    assert names("кымыз") == ["Қымыз"]  # …typed on a Russian keyboard
    assert names("4870001000031") == ["Чай зелёный"]  # barcode
    assert names("sku-cr") == ["Croissant"]  # SKU
    assert names("скщшыыфте") == ["Croissant"]  # Latin name typed on the Russian layout
    croissant_id = seeded.ids["Croissant"]
    assert names(str(croissant_id))[0] == "Croissant"  # id: the exact match comes first
    assert names("") and len(names("")) >= len(seeded.ids)

    # Esc clears the search.
    search.setText("латте")
    search.setFocus()
    qtbot.keyClick(search, Qt.Key.Key_Escape)
    assert search.text() == ""


def test_catalog_works_offline_from_the_cache(
    qtbot: Any,
    seeded: SeededCatalog,
    catalog_sandbox: Any,
    make_counter: Any,
    tmp_path: Any,
    run_async: Any,
) -> None:
    sandbox = catalog_sandbox
    data_dir = tmp_path / "till"
    online = make_provider(sandbox.base_url, sandbox.api_key)
    try:
        screen = make_counter(online, data_dir)
        wait_catalog(qtbot, screen, len(seeded.ids))
        count = len(screen.catalog.items)
    finally:
        run_async(online.aclose())

    sandbox.server.stop()
    offline = make_provider(sandbox.base_url, sandbox.api_key)
    try:
        screen = make_counter(offline, data_dir)
        # From the cache before any network answer: the counter opens instantly.
        assert len(screen.catalog.items) == count
        assert screen.catalog_model.rowCount() == count
        with qtbot.waitSignal(screen.catalog.syncFailed, timeout=20_000):
            pass
        assert len(screen.catalog.items) == count
        status = screen.findChild(QLabel, "catalogStatusLabel")
        assert status.property("state") == "offline" and status.text()
        click_tile(qtbot, screen, "Латте")
        assert cart_lines(screen) == [("Латте", 1)]
    finally:
        run_async(offline.aclose())


def test_pictures_load_lazily_and_are_cached(
    qtbot: Any, seeded: SeededCatalog, provider: Any, make_counter: Any, tmp_path: Any
) -> None:
    assert seeded.image_url, "the sandbox gave the test item a picture"
    data_dir = tmp_path / "till"
    screen = make_counter(provider, data_dir)
    wait_catalog(qtbot, screen, len(seeded.ids))
    url = seeded.image_url
    screen.findChild(QLineEdit, "catalogSearch").setText("капучино")  # the tile is visible
    qtbot.waitUntil(lambda: screen.catalog_model.has_image(url), timeout=20_000)
    assert screen.image_store.cache_path(url).exists()
    # A restarted counter paints it from the disk cache.
    again = make_counter(provider, data_dir)
    again.findChild(QLineEdit, "catalogSearch").setText("капучино")
    qtbot.waitUntil(lambda: again.catalog_model.has_image(url), timeout=20_000)

"""The history screen in the real window: filters, search, paging, refunds, screenshots."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

from PySide6.QtCore import QCoreApplication, Qt

from pos_app.domain.cart import Cart
from pos_app.domain.money import format_amount
from pos_app.domain.sale import SaleState
from pos_app.journal.sales import SalesJournal
from pos_app.services.history import RowKind
from pos_app.ui.history.refund_dialog import RefundDialog
from pos_app.ui.history.screen import HistoryScreen
from pos_app.ui.models.history_model import HistoryModel
from tests.history.conftest import Shop

WAIT_MS = 30_000


def open_history(app: Any, qtbot: Any) -> HistoryScreen:
    """Click the top bar's History button and wait for the first load."""
    window = app.window
    qtbot.mouseClick(window.history_button, Qt.MouseButton.LeftButton)
    screen: HistoryScreen = window.history_screen
    assert window.screen_stack.currentWidget() is screen
    qtbot.waitUntil(lambda: not screen.model._loading, timeout=WAIT_MS)
    return screen


def reload_and_wait(screen: HistoryScreen, qtbot: Any) -> None:
    screen.reload()
    qtbot.waitUntil(lambda: not screen.model._loading, timeout=WAIT_MS)


def select(screen: HistoryScreen, qtbot: Any, predicate: Any) -> int:
    """Select the first row matching ``predicate`` and wait for its detail."""
    found = [(n, row.key) for n, row in enumerate(screen.model.rows()) if predicate(row)]
    assert found, "no such row"
    position, key = found[0]
    screen.view.selectRow(position)
    qtbot.waitUntil(
        lambda: screen.detail.detail is not None and screen.detail.detail.row.key == key,
        timeout=WAIT_MS,
    )
    return position


def test_filters_search_and_local_sales(
    app_instance: Any, shop: Shop, qtbot: Any, qtmodeltester: Any, artifacts_dir: Path
) -> None:
    paid_a = shop.sell(amount="2750", phone="87051112233", description="Торт Әсем")
    paid_b = shop.sell(cart=[("Қымыз", 2)], description="Қымыз екі")
    waiting = shop.sell(amount="990", description="Ждёт оплаты", pay=False)
    expired = shop.sell(amount="1200", description="Просрочен", pay=False)
    shop.sandbox.expire(expired)
    # A sale this till journaled that never reached the provider.
    journal = SalesJournal(app_instance.journal)
    cart = Cart()
    cart.add_free_amount(Decimal("333"), "Не дошла")
    lost = journal.create(provider="apipay", method="qr", cart=cart, amount=Decimal("333"))
    journal.update(lost.sale_id, SaleState.UNKNOWN, note="test")
    journal.update(lost.sale_id, SaleState.FAILED, error_code="not_created")

    screen = open_history(app_instance, qtbot)
    model = screen.model
    keys = {row.key for row in model.rows()}
    assert {f"p:{i}" for i in (paid_a, paid_b, waiting, expired)} <= keys
    local = [r for r in model.rows() if r.kind == RowKind.LOCAL]
    assert [r.sale_id for r in local] == [lost.sale_id]
    qtmodeltester.check(model)
    screen.window().grab().save(str(artifacts_dir / "history-screen.png"))

    # several states at once
    screen.status_actions[SaleState.PAID].setChecked(True)
    screen.status_actions[SaleState.EXPIRED].setChecked(True)
    qtbot.waitUntil(lambda: not model._loading, timeout=WAIT_MS)
    reload_and_wait(screen, qtbot)
    assert {r.payment_id for r in model.rows()} == {str(paid_a), str(paid_b), str(expired)}
    for action in screen.status_actions.values():
        action.setChecked(False)

    # search by phone, by description and by amount
    for text, expected in (
        ("87051112233", {str(paid_a)}),
        ("Қымыз", {str(paid_b)}),
        ("2 750", {str(paid_a)}),
        ("990", {str(waiting)}),
    ):
        # QTest types ASCII only: Cyrillic and Kazakh text is set, as an input method would.
        screen.search_input.setText(text)
        reload_and_wait(screen, qtbot)
        assert {r.payment_id for r in model.rows() if r.payment_id} == expected, text
        screen.search_input.clear()
    qtmodeltester.check(model)


def test_pages_load_as_the_view_scrolls(app_instance: Any, shop: Shop, qtbot: Any) -> None:
    for n in range(7):
        shop.sell(amount=str(100 + n), pay=False)
    screen = open_history(app_instance, qtbot)
    screen.history.per_page = 3
    reload_and_wait(screen, qtbot)
    model = screen.model
    # The view itself fetches more while its viewport is not full; the rest as it scrolls.
    while model.canFetchMore():
        screen.view.scrollToBottom()
        model.fetchMore()
        qtbot.waitUntil(lambda: not model._loading, timeout=WAIT_MS)
    assert model.rowCount() == 7
    assert len({r.key for r in model.rows()}) == 7
    queries = [
        dict(parse_qsl(r["query"])) for r in shop.sandbox.requests(method="GET", path="/invoices")
    ]
    pages = {q.get("page") for q in queries if q.get("per_page") == "3"}
    assert {"1", "2", "3"} <= pages  # three pages, each asked for once it was needed


def test_partial_refund_through_the_dialog(
    app_instance: Any, shop: Shop, qtbot: Any, artifacts_dir: Path
) -> None:
    invoice = shop.sell(amount="4000", phone="87001234567", description="Обед")
    screen = open_history(app_instance, qtbot)
    select(screen, qtbot, lambda r: r.payment_id == str(invoice))
    assert screen.detail.refund_button.isEnabled()
    qtbot.mouseClick(screen.detail.refund_button, Qt.MouseButton.LeftButton)
    dialog = screen.refund_dialog
    assert isinstance(dialog, RefundDialog) and dialog.isVisible()

    # above what is available: a message next to the field, nothing sent
    qtbot.keyClicks(dialog.amount_input, "4000.01")
    assert dialog.amount_error.isVisible()
    money = lambda value: format_amount(Decimal(value), app_instance.config.language)  # noqa: E731
    assert money("4000") in dialog.amount_error.text()
    assert not dialog.confirm_button.isEnabled()
    dialog.confirm()
    assert shop.refund_posts() == []

    dialog.amount_input.clear()
    qtbot.keyClicks(dialog.amount_input, "1500")
    dialog.reason_input.setText("Не понравилось")
    assert not dialog.amount_error.isVisible()
    # The app runs in Russian: the template comes through the installed translation.
    template = QCoreApplication.translate(
        "RefundDialog", "{amount} back to {who} for invoice {invoice}"
    )
    expected = template.format(amount=money("1500"), who="+7 (700) ***-**-67", invoice=invoice)
    assert dialog.confirm_label.text() == expected
    dialog.grab().save(str(artifacts_dir / "history-refund-dialog.png"))
    qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.record is not None and dialog.record.is_final, timeout=WAIT_MS)
    assert dialog.record is not None and dialog.record.amount == Decimal("1500.00")
    assert money("1500") in dialog.status_label.text()
    dialog.grab().save(str(artifacts_dir / "history-refund-done.png"))
    assert len(shop.refund_posts()) == 1
    # the invoice's amounts and status follow in the table
    position = screen.model.position_of(f"p:{invoice}")
    qtbot.waitUntil(
        lambda: screen.model.row_at(position).state == SaleState.PARTIALLY_REFUNDED,  # type: ignore[union-attr]
        timeout=WAIT_MS,
    )
    refunded = screen.model.index(position, HistoryModel.REFUNDED).data()
    assert refunded == money("1500")
    dialog.close()


def test_per_item_refund_through_the_dialog(app_instance: Any, shop: Shop, qtbot: Any) -> None:
    invoice = shop.sell(cart=[("Қымыз", 1), ("Бауырсақ", 3)])
    screen = open_history(app_instance, qtbot)
    select(screen, qtbot, lambda r: r.payment_id == str(invoice))
    dialog = screen.open_refund_dialog()
    assert dialog is not None
    dialog.items_radio.setChecked(True)
    assert not dialog.confirm_button.isEnabled()  # nothing chosen yet
    spins = {
        dialog.items_table.item(r, 0).text(): dialog.items_table.cellWidget(r, 3)
        for r in range(dialog.items_table.rowCount())
    }
    spins["Бауырсақ"].setValue(2)
    locale = app_instance.config.language
    assert dialog.confirm_label.text().startswith(format_amount(Decimal("500"), locale))
    dialog.confirm()
    qtbot.waitUntil(lambda: dialog.record is not None and dialog.record.is_final, timeout=WAIT_MS)
    assert dialog.record is not None and dialog.record.amount == Decimal("500.00")
    body = shop.refund_posts()
    assert len(body) == 1
    refunds = shop.api().get(f"/invoices/{invoice}/refunds").json()["refunds"]
    assert [(i["name"], i["count"]) for i in refunds[0]["items"]] == [("Бауырсақ", 2)]
    dialog.close()


def test_refund_dialog_asks_the_manager_pin(app_instance: Any, shop: Shop, qtbot: Any) -> None:
    from pos_app.services.refunds import hash_pin

    app_instance.config.set("refund_pin_hash", hash_pin("2468"))
    invoice = shop.sell(amount="700")
    screen = open_history(app_instance, qtbot)
    select(screen, qtbot, lambda r: r.payment_id == str(invoice))
    dialog = screen.open_refund_dialog()
    assert dialog is not None and dialog.pin_input.isVisibleTo(dialog)
    qtbot.keyClicks(dialog.pin_input, "1111")
    dialog.confirm()
    assert dialog.pin_error.isVisible() and shop.refund_posts() == []
    dialog.pin_input.clear()
    qtbot.keyClicks(dialog.pin_input, "2468")
    dialog.confirm()
    qtbot.waitUntil(lambda: dialog.record is not None, timeout=WAIT_MS)
    assert len(shop.refund_posts()) == 1
    assert "2468" not in app_instance.config.path.read_text(encoding="utf-8")
    dialog.close()

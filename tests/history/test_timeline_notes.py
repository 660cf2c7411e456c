"""The detail pane's timeline speaks the cashier's language, not the journal's English notes."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument

from pos_app.app import Application
from pos_app.domain.cart import Cart
from pos_app.domain.sale import SaleState
from pos_app.journal.sales import NOT_CREATED, SalesJournal
from pos_app.ui.history.screen import HistoryScreen
from pos_app.ui.history.timeline import HIDDEN_NOTES, note_text
from tests.conftest import REPO_ROOT
from tests.history.conftest import Shop

WAIT_MS = 30_000

#: Where the notes handed to the journals are written.
NOTE_SOURCES = (
    "pos_app/journal/sales.py",
    "pos_app/journal/refunds.py",
    "pos_app/services/checkout.py",
    "pos_app/services/refunds.py",
)

#: English words of the journal's notes that must never reach the cashier's screen.
ENGLISH_NOTE_WORDS = re.compile(
    r"journaled|\bcreated\b|reconciled|answer lost|cancel requested|cancel refused|\bjournal\b",
    re.IGNORECASE,
)


def _render(node: ast.JoinedStr) -> str:
    """An f-string with sample values in its holes (``!r`` ones quoted, as Python would)."""
    parts: list[str] = []
    for value in node.values:
        if isinstance(value, ast.Constant):
            parts.append(str(value.value))
        elif isinstance(value, ast.FormattedValue):
            parts.append("'x1'" if value.conversion == ord("r") else "x1")
    return "".join(parts)


def _strings(node: ast.expr | None) -> Iterator[str]:
    """The literal notes an expression can produce (``note or f"…"`` gives the f-string)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value:
        yield node.value
    elif isinstance(node, ast.JoinedStr):
        yield _render(node)
    elif isinstance(node, ast.BoolOp):
        for value in node.values:
            yield from _strings(value)
    elif isinstance(node, ast.IfExp):
        yield from _strings(node.body)
        yield from _strings(node.orelse)


def journal_notes() -> set[str]:
    """Every note literal the journals and the services write (read from their sources)."""
    notes: set[str] = set()
    for relative in NOTE_SOURCES:
        tree = ast.parse((REPO_ROOT / relative).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            is_note_keyword = isinstance(node, ast.keyword) and node.arg == "note"
            is_note_assignment = isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == "note" for t in node.targets
            )
            if is_note_keyword or is_note_assignment:
                assert isinstance(node, ast.keyword | ast.Assign)
                notes.update(_strings(node.value))
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                if node.func.attr == "_cancel_failed" and len(node.args) >= 3:
                    notes.update(_strings(node.args[2]))
                elif node.func.attr == "_add_event" and node.args:
                    notes.update(_strings(node.args[-1]))
    return notes


def test_every_note_the_journal_writes_is_known_to_the_timeline() -> None:
    notes = journal_notes()
    # The scan itself works: the well-known ones are there.
    assert {"journaled before create", "journaled before sending", "created"} <= notes
    assert len(notes) >= 25, sorted(notes)
    unknown = sorted(n for n in notes if note_text(n) is None)
    assert not unknown, f"notes the history screen does not know: {unknown}"
    hidden = {n for n in notes if note_text(n) == ""}
    assert hidden == HIDDEN_NOTES & notes
    # What is shown never repeats the journal's English (in English it is rephrased too).
    for note in notes - hidden:
        assert note_text(note) != note, note


def _detail_text(screen: HistoryScreen, qtbot: Any, key: str) -> str:
    position = screen.model.position_of(key)
    assert position >= 0, key
    screen.view.selectRow(position)
    qtbot.waitUntil(
        lambda: screen.detail.detail is not None and screen.detail.detail.row.key == key,
        timeout=WAIT_MS,
    )
    document = QTextDocument()
    document.setHtml(screen.detail.body.text())
    return document.toPlainText()


def test_timeline_notes_in_russian(
    ru_app: Application, shop: Shop, qtbot: Any, artifacts_dir: Path
) -> None:
    journal = SalesJournal(ru_app.journal)
    cart = Cart()
    cart.add_free_amount(Decimal("1500"), "Торт")
    # A sale that went through: sent, invoice created, a refused cancel, then paid.
    paid = journal.create(provider="apipay", method="phone", cart=cart, amount=Decimal("1500"))
    invoice = shop.sell(amount="1500", order_id=paid.sale_id, description="Торт")
    journal.update(
        paid.sale_id, SaleState.WAITING, note="created", payment_id=str(invoice), status_raw="a"
    )
    journal.update(paid.sale_id, SaleState.CANCELLING, note="cancel requested")
    journal.update(paid.sale_id, SaleState.WAITING, note="cancel refused: already_paid")
    journal.update(paid.sale_id, SaleState.PAID, status_raw="paid")
    # A sale whose create answer was lost and that never reached the provider.
    lost_cart = Cart()
    lost_cart.add_free_amount(Decimal("333"), "Не дошла")
    lost = journal.create(provider="apipay", method="qr", cart=lost_cart, amount=Decimal("333"))
    journal.update(lost.sale_id, SaleState.UNKNOWN, note="create answer lost: ReadTimeout")
    journal.update(
        lost.sale_id,
        SaleState.FAILED,
        note="reconciled: no invoice exists",
        error_code=NOT_CREATED,
    )

    window = ru_app.window
    qtbot.mouseClick(window.history_button, Qt.MouseButton.LeftButton)
    screen: HistoryScreen = window.history_screen
    qtbot.waitUntil(
        lambda: not screen.model._loading and screen.model.rowCount() >= 2, timeout=WAIT_MS
    )

    text = _detail_text(screen, qtbot, f"p:{invoice}")
    window.grab().save(str(artifacts_dir / "history-timeline-ru.png"))
    assert "Отмена запрошена" in text
    assert "Платёжный сервис отказал в отмене" in text
    assert "касса" in text
    assert "Ход продажи" in text and "Счёт создан" in text
    assert not ENGLISH_NOTE_WORDS.search(text), text

    text = _detail_text(screen, qtbot, f"s:{lost.sale_id}")
    assert "Нет ответа от платёжного сервиса" in text
    assert "Проверено: счёт не создан" in text
    assert not ENGLISH_NOTE_WORDS.search(text), text

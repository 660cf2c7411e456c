"""The shift report against a hand count, CSV export, PDF report, receipts (raster + PDF)."""

from __future__ import annotations

import csv
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage

from pos_app.receipts.render import (
    RECEIPT_FONT,
    Paper,
    receipt_image,
    save_receipt_pdf,
)
from pos_app.services.history import CSV_COLUMNS
from pos_app.ui.history.report_view import save_report_pdf
from tests.history.conftest import Shop, wait_for
from tests.history.test_history_screen import open_history

KAZAKH = "әғқңөұүһі"


def refund_now(shop: Shop, invoice: int, amount: str) -> None:
    """Refund through the API and wait until the sandbox completes it."""
    with shop.api() as api:
        answer = api.post(f"/invoices/{invoice}/refund", json={"amount": float(amount)})
        assert answer.status_code == 201, answer.text

        def completed() -> bool:
            refunds = api.get(f"/invoices/{invoice}/refunds").json()["refunds"]
            return all(r["status"] == "completed" for r in refunds)

        wait_for(completed, "refund completed")


def dark_pixels(image: QImage) -> int:
    """How many pixels are clearly not white (sampled every 2 px)."""
    count = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            if QColor(image.pixel(x, y)).lightness() < 128:
                count += 1
    return count


def test_report_totals_equal_a_hand_count(
    app_instance: Any, shop: Shop, qtbot: Any, run_async: Any, artifacts_dir: Path
) -> None:
    first = shop.sell(amount="2750")
    shop.sell(cart=[("Қымыз", 2)])  # 3000
    shop.sell(amount="990", pay=False)  # still waiting
    expired = shop.sell(amount="1200", pay=False)
    shop.sandbox.expire(expired)
    refund_now(shop, first, "1000")

    screen = open_history(app_instance, qtbot)
    screen.tabs.setCurrentWidget(screen.report_view)
    report = run_async(screen.report_view.load())
    assert report is not None
    assert (report.sales.count, report.sales.amount) == (2, Decimal("5750.00"))
    assert (report.refunds.count, report.refunds.amount) == (1, Decimal("1000.00"))
    assert report.net_amount == Decimal("4750.00")
    assert (report.pending.count, report.pending.amount) == (1, Decimal("990.00"))
    assert (report.expired.count, report.expired.amount) == (1, Decimal("1200.00"))
    assert report.cancelled.count == 0
    # None of these sales was rung up on this till: they count as sold elsewhere.
    assert (report.other_sources.count, report.other_sources.amount) == (2, Decimal("5750.00"))
    assert report.differences == ()
    assert sum(b.count for b in report.hourly) == 2
    assert sum(b.amount for b in report.hourly) == Decimal("5750.00")
    locale = app_instance.config.language
    from pos_app.domain.money import format_amount

    net_label = screen.report_view.value_labels["reportNet"].text()
    assert net_label == format_amount(Decimal("4750"), locale)
    screen.window().grab().save(str(artifacts_dir / "history-report.png"))

    pdf = save_report_pdf(report, artifacts_dir / "history-report.pdf", shop="Demo Coffee")
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftoppm"):
        raster = artifacts_dir / "history-report-pdf-page"
        subprocess.run(
            ["pdftoppm", "-r", "60", "-png", "-singlefile", str(pdf), str(raster)], check=True
        )
        page = QImage(str(raster) + ".png")
        assert not page.isNull() and dark_pixels(page) > 500


def test_csv_export_opens_with_the_right_columns_and_amounts(
    app_instance: Any, shop: Shop, qtbot: Any, run_async: Any, tmp_path: Path
) -> None:
    first = shop.sell(amount="2750.50", description="Торт «Әсем»")
    second = shop.sell(amount="990", pay=False)
    screen = open_history(app_instance, qtbot)
    path = tmp_path / "sales.csv"
    assert run_async(screen.export_csv(path)) == 2
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0].keys()) == list(CSV_COLUMNS)
    by_id = {r["invoice_id"]: r for r in rows}
    assert by_id[str(first)]["amount"] == "2750.50"
    assert by_id[str(first)]["description"] == "Торт «Әсем»"
    assert by_id[str(first)]["state"] == "paid"
    assert by_id[str(second)]["amount"] == "990.00"
    assert "***" in by_id[str(first)]["phone"]  # masked, never the full number

    screen.semicolon_check.setChecked(True)
    semi = tmp_path / "sales-excel.csv"
    run_async(screen.export_csv(semi))
    with semi.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    assert {r["amount"] for r in rows} == {"2750,50", "990,00"}


def test_receipts_render_with_kazakh_letters(
    app_instance: Any, shop: Shop, qtbot: Any, tmp_path: Path, artifacts_dir: Path
) -> None:
    invoice = shop.sell(cart=[("Қымыз", 2), ("Бауырсақ", 3)], discount=10)
    refund_now(shop, invoice, "500")
    screen = open_history(app_instance, qtbot)
    position = screen.model.position_of(f"p:{invoice}")
    screen.view.selectRow(position)
    qtbot.waitUntil(lambda: screen.detail.detail is not None, timeout=30_000)
    sale = screen.receipt_for("sale")
    refund = screen.receipt_for("refund")
    assert sale is not None and refund is not None
    assert [line.name for line in sale.lines] == ["Қымыз", "Бауырсақ"]
    # 2 × 1 500 + 3 × 250 = 3 750, less 10 % = 3 375
    assert sale.total == Decimal("3375.00") and sale.discount == Decimal("375.00")
    assert refund.total == Decimal("500.00")

    # The chosen font has every Kazakh letter (no tofu boxes).
    metrics = QFontMetrics(QFont(RECEIPT_FONT))
    assert all(metrics.inFontUcs4(ord(ch)) for ch in KAZAKH + KAZAKH.upper())

    for paper in Paper:
        image = receipt_image(sale, paper)
        assert not image.isNull() and dark_pixels(image) > 300
        image.save(str(artifacts_dir / f"receipt-sale-{paper.value}.png"))
    receipt_image(refund, Paper.MM58).save(str(artifacts_dir / "receipt-refund-58.png"))

    pdf = save_receipt_pdf(sale, artifacts_dir / "receipt-sale-80.pdf", Paper.MM80)
    assert pdf.read_bytes().startswith(b"%PDF")
    if not shutil.which("pdftoppm"):
        pytest.skip("pdftoppm (poppler-utils) is not installed: the PDF was not rasterised")
    out = tmp_path / "receipt-page"
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-singlefile", str(pdf), str(out)], check=True)
    page = QImage(str(out) + ".png")
    # 80 mm wide at 150 dpi, as tall as the receipt, with ink on it
    assert abs(page.width() - round(80 / 25.4 * 150)) <= 2
    assert page.height() > page.width() and dark_pixels(page) > 300
    page.save(str(artifacts_dir / "receipt-sale-80-from-pdf.png"))
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True)
    assert "DejaVuSans" in fonts.stdout


def test_receipt_preview_dialog_saves_a_pdf(
    app_instance: Any, shop: Shop, qtbot: Any, tmp_path: Path
) -> None:
    invoice = shop.sell(amount="1500", description="Самса")
    screen = open_history(app_instance, qtbot)
    screen.view.selectRow(screen.model.position_of(f"p:{invoice}"))
    qtbot.waitUntil(lambda: screen.detail.detail is not None, timeout=30_000)
    assert screen.detail.reprint_button.isEnabled()
    dialog = screen.open_receipt("sale")
    assert dialog is not None and dialog.isVisible()
    assert dialog.image_label.pixmap() is not None and not dialog.image_label.pixmap().isNull()
    dialog.paper_combo.setCurrentIndex(dialog.paper_combo.findData("58"))
    path = dialog.save_pdf(tmp_path / "r.pdf")
    assert path.read_bytes().startswith(b"%PDF")
    dialog.close()

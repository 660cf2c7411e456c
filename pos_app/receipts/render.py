"""Draw a :class:`~pos_app.receipts.model.Receipt` onto any ``QPaintDevice``.

One function, :func:`render_receipt`, serves the printer, the PDF file and the tests' images.
It lays the receipt out in tenths of a millimetre (the painter is scaled to the device's
resolution), so 58 mm paper gets a 48 mm column whatever the printer's dpi. Thermal receipts
are as long as their content: :func:`receipt_size_mm` measures it first, and
:func:`save_receipt_pdf` / :func:`print_receipt` set that page size.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from pathlib import Path

import qrcode
from PySide6.QtCore import QCoreApplication, QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPageLayout,
    QPageSize,
    QPaintDevice,
    QPainter,
    QPdfWriter,
)
from PySide6.QtPrintSupport import QPrinter

from pos_app.domain.money import format_amount
from pos_app.receipts.model import SHOP_TZ, Receipt

__all__ = [
    "RECEIPT_FONT",
    "Paper",
    "receipt_image",
    "receipt_size_mm",
    "render_receipt",
    "save_receipt_pdf",
    "setup_printer",
]

#: Chosen explicitly: DejaVu Sans has every Kazakh letter (ә ғ қ ң ө ұ ү һ і).
RECEIPT_FONT = "DejaVu Sans"


class Paper(StrEnum):
    """Receipt paper (the ``receipt_paper`` setting's values)."""

    MM58 = "58"
    MM80 = "80"
    A4 = "A4"


@dataclass(frozen=True)
class _Geometry:
    page_width: float  # mm
    column: float  # printable width, mm
    font: float  # text height, mm
    qr: float  # QR side, mm
    margin: float  # top/bottom (and A4 left) margin, mm


_GEOMETRY = {
    Paper.MM58: _Geometry(58, 48, 2.6, 26, 3),
    Paper.MM80: _Geometry(80, 72, 2.9, 32, 4),
    Paper.A4: _Geometry(210, 120, 3.6, 40, 20),
}
_UNIT = 10.0  # layout units per mm


class _Layout:
    """Walks the receipt top to bottom; draws when it has a painter, else only measures."""

    def __init__(self, painter: QPainter | None, geometry: _Geometry, locale: str) -> None:
        self.p = painter
        self.g = geometry
        self.locale = locale
        self.left = (geometry.page_width - geometry.column) / 2 * _UNIT
        self.width = geometry.column * _UNIT
        self.y = geometry.margin * _UNIT

    def font(self, scale: float = 1.0, bold: bool = False) -> QFont:
        font = QFont(RECEIPT_FONT)
        font.setPixelSize(max(1, round(self.g.font * scale * _UNIT)))
        font.setBold(bold)
        font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
        return font

    def text(
        self,
        text: str,
        *,
        scale: float = 1.0,
        bold: bool = False,
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
    ) -> None:
        font = self.font(scale, bold)
        metrics = QFontMetricsF(font)
        flags = int(align | Qt.TextFlag.TextWordWrap)
        box = metrics.boundingRect(QRectF(0, 0, self.width, 1e6), flags, text)
        if self.p is not None:
            self.p.setFont(font)
            self.p.drawText(QRectF(self.left, self.y, self.width, box.height()), flags, text)
        self.y += box.height() + self.g.font * 0.25 * _UNIT

    def row(self, left: str, right: str, *, scale: float = 1.0, bold: bool = False) -> None:
        font = self.font(scale, bold)
        metrics = QFontMetricsF(font)
        gap = self.g.font * 0.6 * _UNIT
        if metrics.horizontalAdvance(left) + metrics.horizontalAdvance(right) + gap > self.width:
            # No room side by side (a long name on 58 mm paper): the value goes under the label.
            self.text(left, scale=scale, bold=bold)
            self.text(right, scale=scale, bold=bold, align=Qt.AlignmentFlag.AlignRight)
            return
        height = metrics.height()
        if self.p is not None:
            self.p.setFont(font)
            self.p.drawText(
                QRectF(self.left, self.y, self.width, height),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                left,
            )
            self.p.drawText(
                QRectF(self.left, self.y, self.width, height),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                right,
            )
        self.y += height + self.g.font * 0.2 * _UNIT

    def rule(self) -> None:
        self.y += self.g.font * 0.3 * _UNIT
        if self.p is not None:
            pen = self.p.pen()
            pen.setStyle(Qt.PenStyle.DashLine)
            pen.setWidthF(0.25 * _UNIT)
            self.p.setPen(pen)
            self.p.drawLine(QPointF(self.left, self.y), QPointF(self.left + self.width, self.y))
            pen.setStyle(Qt.PenStyle.SolidLine)
            self.p.setPen(pen)
        self.y += self.g.font * 0.6 * _UNIT

    def qr(self, data: str) -> None:
        code = qrcode.QRCode(border=0, error_correction=qrcode.constants.ERROR_CORRECT_M)
        code.add_data(data)
        code.make(fit=True)
        matrix = code.get_matrix()
        side = self.g.qr * _UNIT
        cell = side / len(matrix)
        x0 = self.left + (self.width - side) / 2
        self.y += self.g.font * 0.4 * _UNIT
        if self.p is not None:
            black = QColor("black")
            for r, line in enumerate(matrix):
                for c, dark in enumerate(line):
                    if dark:
                        # 0.15 mm of overlap: no white seams between modules at 203 dpi.
                        self.p.fillRect(
                            QRectF(x0 + c * cell, self.y + r * cell, cell + 1.5, cell + 1.5), black
                        )
        self.y += side + self.g.font * 0.6 * _UNIT

    def money(self, value: Decimal) -> str:
        return format_amount(value, self.locale)


def _walk(layout: _Layout, receipt: Receipt) -> None:
    center = Qt.AlignmentFlag.AlignHCenter
    layout.text(
        receipt.shop_name or QCoreApplication.translate("Receipt", "Shop"),
        scale=1.35,
        bold=True,
        align=center,
    )
    if receipt.register_name:
        layout.text(receipt.register_name, align=center)
    if receipt.when is not None:
        layout.text(receipt.when.astimezone(SHOP_TZ).strftime("%d.%m.%Y %H:%M"), align=center)
    title = (
        QCoreApplication.translate("Receipt", "SALE RECEIPT")
        if receipt.kind == "sale"
        else QCoreApplication.translate("Receipt", "REFUND RECEIPT")
    )
    layout.text(title, scale=1.15, bold=True, align=center)
    layout.rule()
    for line in receipt.lines:
        layout.text(line.name)
        layout.row(
            QCoreApplication.translate("Receipt", "{count} × {price}").format(
                count=line.quantity, price=layout.money(line.price)
            ),
            layout.money(line.total),
        )
    layout.rule()
    if receipt.discount:
        layout.row(
            QCoreApplication.translate("Receipt", "Subtotal"), layout.money(receipt.subtotal)
        )
        layout.row(
            QCoreApplication.translate("Receipt", "Discount"), "−" + layout.money(receipt.discount)
        )
    total_label = (
        QCoreApplication.translate("Receipt", "TOTAL")
        if receipt.kind == "sale"
        else QCoreApplication.translate("Receipt", "REFUNDED")
    )
    layout.row(total_label, layout.money(receipt.total), scale=1.25, bold=True)
    method = (
        QCoreApplication.translate("Receipt", "Kaspi QR")
        if receipt.method == "qr"
        else QCoreApplication.translate("Receipt", "Kaspi (phone)")
    )
    layout.row(QCoreApplication.translate("Receipt", "Payment method"), method)
    layout.row(QCoreApplication.translate("Receipt", "Invoice №"), receipt.invoice_id)
    if receipt.kaspi_invoice_id:
        layout.row(
            QCoreApplication.translate("Receipt", "Kaspi invoice №"), receipt.kaspi_invoice_id
        )
    if receipt.customer:
        layout.row(QCoreApplication.translate("Receipt", "Customer"), receipt.customer)
    if receipt.cashier_name:
        layout.row(QCoreApplication.translate("Receipt", "Cashier"), receipt.cashier_name)
    if receipt.reason:
        layout.text(
            QCoreApplication.translate("Receipt", "Reason: {reason}").format(reason=receipt.reason)
        )
    if receipt.qr:
        layout.qr(receipt.qr)
    layout.text(QCoreApplication.translate("Receipt", "Thank you for your purchase!"), align=center)
    layout.y += layout.g.margin * _UNIT


def receipt_size_mm(receipt: Receipt, paper: Paper | str, locale: str = "ru") -> QSizeF:
    """The page a receipt needs: the paper's width, the content's height (A4: the A4 page)."""
    paper = Paper(paper)
    geometry = _GEOMETRY[paper]
    if paper == Paper.A4:
        return QSizeF(210, 297)
    layout = _Layout(None, geometry, locale)
    _walk(layout, receipt)
    return QSizeF(geometry.page_width, layout.y / _UNIT)


def render_receipt(
    receipt: Receipt, device: QPaintDevice, paper: Paper | str, locale: str = "ru"
) -> None:
    """Paint ``receipt`` onto ``device`` (a printer, PDF writer or image), top-left aligned.

    The device's resolution decides the scale: 1 mm = ``logicalDpiX / 25.4`` device pixels.
    """
    geometry = _GEOMETRY[Paper(paper)]
    painter = QPainter(device)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        scale = device.logicalDpiX() / 25.4 / _UNIT
        painter.scale(scale, scale)
        painter.setPen(QColor("black"))
        _walk(_Layout(painter, geometry, locale), receipt)
    finally:
        painter.end()


def receipt_image(
    receipt: Receipt, paper: Paper | str, *, dpi: int = 203, locale: str = "ru"
) -> QImage:
    """The receipt as a white image at ``dpi`` (203 dpi is what thermal printers print)."""
    size = receipt_size_mm(receipt, paper, locale)
    width = round(size.width() / 25.4 * dpi)
    height = round(size.height() / 25.4 * dpi)
    image = QImage(width, height, QImage.Format.Format_RGB32)
    dots_per_meter = round(dpi / 0.0254)
    image.setDotsPerMeterX(dots_per_meter)
    image.setDotsPerMeterY(dots_per_meter)
    image.fill(QColor("white"))
    render_receipt(receipt, image, paper, locale)
    return image


def _page_size(receipt: Receipt, paper: Paper, locale: str) -> QPageSize:
    if paper == Paper.A4:
        return QPageSize(QPageSize.PageSizeId.A4)
    return QPageSize(receipt_size_mm(receipt, paper, locale), QPageSize.Unit.Millimeter, "Receipt")


def save_receipt_pdf(
    receipt: Receipt, path: Path, paper: Paper | str, *, locale: str = "ru"
) -> Path:
    """Write the receipt as a one-page PDF (page as long as the receipt on thermal paper)."""
    paper = Paper(paper)
    writer = QPdfWriter(str(path))
    writer.setResolution(300)
    writer.setTitle(QCoreApplication.translate("Receipt", "Receipt"))
    writer.setCreator("pos-app")
    writer.setPageSize(_page_size(receipt, paper, locale))
    writer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)
    render_receipt(receipt, writer, paper, locale)
    return path


def setup_printer(
    printer: QPrinter, receipt: Receipt, paper: Paper | str, locale: str = "ru"
) -> None:
    """Give a printer the receipt's page size and no margins (call before the print dialog)."""
    paper = Paper(paper)
    printer.setPageSize(_page_size(receipt, paper, locale))
    printer.setFullPage(True)
    printer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)

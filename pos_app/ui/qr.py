"""QR codes drawn locally and sharp at any size.

The payment link (the provider's ``qr_url``) is encoded on the till with ``qrcode``; nothing is
downloaded, so a QR shows even when the provider's image URL is slow or unreachable.
:class:`QrView` paints the module matrix itself with ``QPainter``: every module becomes a
rectangle of a whole number of device pixels, so the code stays crisp on a 4K customer display
and on a small cashier screen alike (scaling a bitmap would blur the module edges, which some
phone cameras read badly).
"""

from __future__ import annotations

import functools

import qrcode
import qrcode.constants
from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

__all__ = ["QUIET_ZONE", "QrView", "qr_image", "qr_matrix"]

#: Light modules around the code; the QR standard asks for 4.
QUIET_ZONE = 4

_DARK = QColor("#000000")
_LIGHT = QColor("#ffffff")


@functools.lru_cache(maxsize=32)
def qr_matrix(text: str) -> tuple[tuple[bool, ...], ...]:
    """The module matrix of ``text`` (``True`` = dark), without the quiet zone.

    Error correction level M: it survives a scratched screen protector or a glare spot and
    still gives a small code for a payment URL.

    Args:
        text: What to encode (a payment link).

    Returns:
        Rows of modules; the matrix is square.
    """
    code = qrcode.QRCode(border=0, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(text)
    code.make(fit=True)
    return tuple(tuple(bool(cell) for cell in row) for row in code.get_matrix())


def _paint_matrix(
    painter: QPainter, matrix: tuple[tuple[bool, ...], ...], width: int, height: int
) -> QRectF:
    """Paint ``matrix`` centred in ``width`` × ``height`` with whole-pixel modules.

    Returns:
        The rectangle the code (with its quiet zone) covers.
    """
    count = len(matrix)
    total = count + 2 * QUIET_ZONE
    # Whole pixels per module keep every edge on the pixel grid (no blur, no uneven modules);
    # a widget smaller than one pixel per module falls back to fractional modules.
    module = max(1, min(width, height) // total) if min(width, height) >= total else 0
    size = module * total if module else min(width, height)
    step = float(module) if module else size / total
    left = (width - size) / 2
    top = (height - size) / 2
    left, top = float(int(left)), float(int(top))
    area = QRectF(left, top, size, size)
    painter.fillRect(area, _LIGHT)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(_DARK)
    origin_x = left + QUIET_ZONE * step
    origin_y = top + QUIET_ZONE * step
    for y, row in enumerate(matrix):
        x = 0
        while x < count:
            if not row[x]:
                x += 1
                continue
            # One rectangle per run of dark modules: fewer calls, no hairline seams.
            start = x
            while x < count and row[x]:
                x += 1
            painter.drawRect(
                QRectF(origin_x + start * step, origin_y + y * step, (x - start) * step, step)
            )
    return area


def qr_image(text: str, size: int) -> QImage:
    """``text`` as a QR code image of about ``size`` × ``size`` pixels (for files, receipts)."""
    image = QImage(size, size, QImage.Format.Format_RGB32)
    image.fill(_LIGHT)
    painter = QPainter(image)
    try:
        _paint_matrix(painter, qr_matrix(text), size, size)
    finally:
        painter.end()
    return image


class QrView(QWidget):
    """Paints a QR code scaled to the widget, module by module (never a scaled bitmap).

    Args:
        parent: Qt parent.

    A dimmed code (:meth:`set_dimmed`) is drawn faded with a caption over it: the cashier and
    the customer see at once that it should not be scanned any more.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text: str | None = None
        self._matrix: tuple[tuple[bool, ...], ...] | None = None
        self._dimmed = False
        self._caption = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(160, 160)

    @property
    def text(self) -> str | None:
        """What the code encodes (``None``: nothing shown)."""
        return self._text

    @property
    def module_count(self) -> int:
        """Modules per side without the quiet zone (0 when empty)."""
        return len(self._matrix) if self._matrix else 0

    @property
    def dimmed(self) -> bool:
        """Whether the code is shown faded (expired)."""
        return self._dimmed

    def set_text(self, text: str | None) -> None:
        """Show ``text`` as a QR code (``None`` or empty hides it)."""
        if text == self._text:
            return
        self._text = text or None
        self._matrix = qr_matrix(text) if text else None
        self.update()

    def set_dimmed(self, dimmed: bool, caption: str = "") -> None:
        """Fade the code and write ``caption`` over it (or show it normally again)."""
        self._dimmed = dimmed
        self._caption = caption if dimmed else ""
        self.update()

    def sizeHint(self) -> QSize:
        """A comfortable size for phone cameras at arm's length."""
        return QSize(320, 320)

    def hasHeightForWidth(self) -> bool:
        """The code is square."""
        return True

    def heightForWidth(self, width: int) -> int:
        """The code is square."""
        return width

    def paintEvent(self, event: QPaintEvent) -> None:
        """Paint the matrix with whole-pixel modules, then the dimming and its caption."""
        if self._matrix is None:
            return
        painter = QPainter(self)
        try:
            # No antialiasing: module edges must fall exactly on pixel boundaries.
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            area = _paint_matrix(painter, self._matrix, self.width(), self.height())
            if self._dimmed:
                painter.fillRect(area, QColor(255, 255, 255, 200))
                if self._caption:
                    painter.setPen(QColor("#5c6673"))
                    font = painter.font()
                    font.setPixelSize(max(14, int(area.height() / 14)))
                    font.setBold(True)
                    painter.setFont(font)
                    painter.drawText(
                        area.adjusted(12, 12, -12, -12),
                        int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap),
                        self._caption,
                    )
        finally:
            painter.end()

"""The shift / day report screen (``reportView``): totals, differences, sales per hour, PDF.

The chart is drawn with ``QPainter`` (QtCharts is not in PySide6-Essentials) by one function,
:func:`paint_hourly_chart`, used by the on-screen :class:`HourlyChart` and by the PDF export,
so the printed report looks like the screen.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine, Sequence
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPageLayout,
    QPageSize,
    QPainter,
    QPaintEvent,
    QPalette,
    QPdfWriter,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from pos_app.domain.money import format_amount
from pos_app.payments.errors import PaymentError
from pos_app.payments.models import MoneyGroup
from pos_app.receipts.render import RECEIPT_FONT
from pos_app.services.history import ALMATY, DatePreset, date_window
from pos_app.services.report import HourBucket, ReportService, ShiftReport
from pos_app.ui.models.history_model import state_text

__all__ = ["HourlyChart", "ReportView", "paint_hourly_chart", "save_report_pdf"]

log = logging.getLogger(__name__)

Spawn = Callable[[Coroutine[Any, Any, Any]], Any]


def _short_amount(value: Decimal) -> str:
    """A bar label that fits: 12 500 → "12.5k", 1 200 000 → "1.2M"."""
    number = float(value)  # display only: never used for money arithmetic
    if number >= 1_000_000:
        return f"{number / 1_000_000:.1f}M"
    if number >= 1000:
        return f"{number / 1000:.1f}k"
    return f"{number:.0f}"


def paint_hourly_chart(
    painter: QPainter,
    rect: QRectF,
    buckets: Sequence[HourBucket],
    *,
    bar: QColor,
    text: QColor,
    grid: QColor,
    font_px: float,
) -> None:
    """Bars of the amount sold per hour of the day, the hours under them, sums over them.

    Hours without sales outside the busy range are left out, so a shop open 8–22 gets wide
    bars; an empty day shows a sentence instead of an empty axis.
    """
    painter.save()
    font = QFont(RECEIPT_FONT)
    font.setPixelSize(max(1, round(font_px)))
    painter.setFont(font)
    metrics = QFontMetricsF(font)
    busy = [b for b in buckets if b.count]
    if not busy:
        painter.setPen(text)
        painter.drawText(
            rect,
            int(Qt.AlignmentFlag.AlignCenter),
            QCoreApplication.translate("Report", "No sales in this period."),
        )
        painter.restore()
        return
    first = min(b.hour for b in busy)
    last = max(b.hour for b in busy)
    # At least 8 hours on the axis: one busy hour must not become a wall-wide bar.
    while last - first < 7:
        if first > 0:
            first -= 1
        if last - first < 7 and last < 23:
            last += 1
    shown = [b for b in buckets if first <= b.hour <= last]
    top_amount = max(b.amount for b in shown)
    label_h = metrics.height() * 1.3
    plot = QRectF(rect.left(), rect.top() + label_h, rect.width(), rect.height() - 2 * label_h)
    painter.setPen(grid)
    painter.drawLine(plot.bottomLeft(), plot.bottomRight())
    slot = plot.width() / len(shown)
    for n, bucket in enumerate(shown):
        x = plot.left() + n * slot
        height = float(bucket.amount / top_amount) * plot.height() if top_amount else 0.0
        bar_rect = QRectF(x + slot * 0.15, plot.bottom() - height, slot * 0.7, height)
        painter.fillRect(bar_rect, bar)
        painter.setPen(text)
        painter.drawText(
            QRectF(x, plot.bottom() + 2, slot, label_h),
            int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop),
            f"{bucket.hour:02d}",
        )
        if bucket.count:
            painter.drawText(
                QRectF(x - slot * 0.2, bar_rect.top() - label_h, slot * 1.4, label_h),
                int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom),
                _short_amount(bucket.amount),
            )
    painter.restore()


class HourlyChart(QWidget):
    """The sales-per-hour chart on screen (``hourlyChart``)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("hourlyChart")
        self.buckets: tuple[HourBucket, ...] = ()
        self.setMinimumHeight(220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:
        return QSize(600, 260)

    def set_buckets(self, buckets: Sequence[HourBucket]) -> None:
        """Show these hours."""
        self.buckets = tuple(buckets)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        paint_hourly_chart(
            painter,
            QRectF(self.rect()).adjusted(8, 8, -8, -8),
            self.buckets,
            bar=palette.color(QPalette.ColorRole.Highlight),
            text=palette.color(QPalette.ColorRole.WindowText),
            grid=palette.color(QPalette.ColorRole.Mid),
            font_px=max(11.0, self.font().pixelSize() if self.font().pixelSize() > 0 else 13.0),
        )
        painter.end()


def _group_text(group: MoneyGroup, locale: str) -> str:
    return QCoreApplication.translate("Report", "{count} · {amount}").format(
        count=group.count, amount=format_amount(group.amount, locale)
    )


def report_lines(report: ShiftReport, locale: str) -> list[tuple[str, str, str]]:
    """(object name, label, value) of every figure, in screen order."""

    def money(value: Decimal) -> str:
        return format_amount(value, locale)

    return [
        (
            "reportSales",
            QCoreApplication.translate("Report", "Sales"),
            _group_text(report.sales, locale),
        ),
        (
            "reportRefunds",
            QCoreApplication.translate("Report", "Refunds"),
            _group_text(report.refunds, locale),
        ),
        (
            "reportNet",
            QCoreApplication.translate("Report", "Net takings"),
            money(report.net_amount),
        ),
        (
            "reportCancelled",
            QCoreApplication.translate("Report", "Cancelled"),
            _group_text(report.cancelled, locale),
        ),
        (
            "reportExpired",
            QCoreApplication.translate("Report", "Expired"),
            _group_text(report.expired, locale),
        ),
        (
            "reportPending",
            QCoreApplication.translate("Report", "Still waiting"),
            _group_text(report.pending, locale),
        ),
        (
            "reportJournal",
            QCoreApplication.translate("Report", "This register's journal"),
            _group_text(report.journal_sales, locale),
        ),
        (
            "reportOther",
            QCoreApplication.translate("Report", "Sold elsewhere"),
            _group_text(report.other_sources, locale),
        ),
    ]


def difference_text(code: str) -> str:
    """What a :class:`~pos_app.services.report.ReportDifference` code means."""
    texts = {
        "journal_paid_provider_not": QCoreApplication.translate(
            "Report", "paid in the journal, not at the provider"
        ),
        "provider_paid_journal_not": QCoreApplication.translate(
            "Report", "paid at the provider, not in the journal"
        ),
        "missing_at_provider": QCoreApplication.translate(
            "Report", "in the journal, missing at the provider"
        ),
        "never_created": QCoreApplication.translate("Report", "never reached the provider"),
    }
    return texts.get(code, code)


def _window_text(report: ShiftReport) -> str:
    start = report.start.astimezone(ALMATY).strftime("%d.%m.%Y %H:%M")
    end = report.end.astimezone(ALMATY).strftime("%d.%m.%Y %H:%M")
    return QCoreApplication.translate("Report", "{start} – {end}").format(start=start, end=end)


def save_report_pdf(report: ShiftReport, path: Path, *, shop: str, locale: str = "ru") -> Path:
    """The report on an A4 page: title, window, figures, differences, the chart."""
    writer = QPdfWriter(str(path))
    writer.setResolution(150)
    writer.setTitle(QCoreApplication.translate("Report", "Shift report"))
    writer.setCreator("pos-app")
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter)
    painter = QPainter(writer)
    try:
        width = writer.width()
        px_mm = writer.logicalDpiX() / 25.4
        y = 0.0

        def line(text: str, size_mm: float, bold: bool = False, right: str = "") -> None:
            nonlocal y
            font = QFont(RECEIPT_FONT)
            font.setPixelSize(round(size_mm * px_mm))
            font.setBold(bold)
            painter.setFont(font)
            height = QFontMetricsF(font).height()
            painter.drawText(QRectF(0, y, width, height), int(Qt.AlignmentFlag.AlignLeft), text)
            if right:
                painter.drawText(
                    QRectF(0, y, width, height), int(Qt.AlignmentFlag.AlignRight), right
                )
            y += height * 1.25

        line(QCoreApplication.translate("Report", "Shift report"), 7, True)
        line(shop, 4.5)
        line(_window_text(report), 4)
        y += 3 * px_mm
        for _name, label, value in report_lines(report, locale):
            line(label, 4.2, label == QCoreApplication.translate("Report", "Net takings"), value)
        y += 3 * px_mm
        line(QCoreApplication.translate("Report", "Differences with the journal"), 4.5, True)
        if not report.differences:
            line(
                QCoreApplication.translate("Report", "None: the journal and the provider agree."), 4
            )
        for diff in report.differences[:20]:
            line(
                f"{diff.payment_id or diff.sale_id}: {difference_text(diff.code)} "
                f"({state_text(diff.local_state)} / {state_text(diff.provider_state, '—')})",
                3.6,
                right=format_amount(diff.amount, locale),
            )
        y += 4 * px_mm
        line(QCoreApplication.translate("Report", "Sales per hour"), 4.5, True)
        chart = QRectF(0, y, width, 70 * px_mm)
        paint_hourly_chart(
            painter,
            chart,
            report.hourly,
            bar=QColor("#1f6feb"),
            text=QColor("black"),
            grid=QColor("#888888"),
            font_px=3.2 * px_mm,
        )
    finally:
        painter.end()
    return path


class ReportView(QWidget):
    """The report tab: window presets, figures, differences, chart, export to PDF.

    Args:
        service: The report service.
        spawn: Starts a coroutine kept referenced.
        locale: How amounts are written.
        shift_start_hour: When the shift starts.
        shop_name: Printed on the PDF.
        parent: Qt parent.
    """

    def __init__(
        self,
        service: ReportService,
        spawn: Spawn,
        *,
        locale: str = "ru",
        shift_start_hour: int = 0,
        shop_name: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reportView")
        self.service = service
        self._spawn = spawn
        self._locale = locale
        self.shift_start_hour = shift_start_hour
        self.shop_name = shop_name
        self.report: ShiftReport | None = None
        self.pdf_dialog: QFileDialog | None = None
        self._build()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        controls = QHBoxLayout()
        self.window_combo = QComboBox(self)
        self.window_combo.setObjectName("reportWindowCombo")
        for preset, label in (
            (DatePreset.TODAY, self.tr("Today")),
            (DatePreset.SHIFT, self.tr("This shift")),
            (DatePreset.YESTERDAY, self.tr("Yesterday")),
            (DatePreset.WEEK, self.tr("Last 7 days")),
            (DatePreset.CUSTOM, self.tr("Day…")),
        ):
            self.window_combo.addItem(label, preset.value)
        self.window_combo.currentIndexChanged.connect(self._on_window_changed)
        controls.addWidget(self.window_combo)
        self.day_edit = QDateEdit(self)
        self.day_edit.setObjectName("reportDayEdit")
        self.day_edit.setCalendarPopup(True)
        self.day_edit.setDisplayFormat("dd.MM.yyyy")
        self.day_edit.setVisible(False)
        self.day_edit.dateChanged.connect(lambda _d: self.refresh())
        controls.addWidget(self.day_edit)
        controls.addStretch(1)
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        self.refresh_button.setObjectName("reportRefreshButton")
        self.refresh_button.clicked.connect(self.refresh)
        controls.addWidget(self.refresh_button)
        self.export_pdf_button = QPushButton(self.tr("Export PDF…"), self)
        self.export_pdf_button.setObjectName("exportPdfButton")
        self.export_pdf_button.clicked.connect(self.ask_pdf_path)
        controls.addWidget(self.export_pdf_button)
        layout.addLayout(controls)

        self.window_label = QLabel(self)
        self.window_label.setObjectName("reportWindowLabel")
        layout.addWidget(self.window_label)
        self.message = QLabel(self)
        self.message.setObjectName("reportMessage")
        self.message.setProperty("role", "error")
        self.message.setWordWrap(True)
        self.message.setVisible(False)
        layout.addWidget(self.message)

        body = QHBoxLayout()
        figures = QFrame(self)
        figures.setObjectName("reportFigures")
        grid = QGridLayout(figures)
        self.value_labels: dict[str, QLabel] = {}
        names = [
            ("reportSales", self.tr("Sales")),
            ("reportRefunds", self.tr("Refunds")),
            ("reportNet", self.tr("Net takings")),
            ("reportCancelled", self.tr("Cancelled")),
            ("reportExpired", self.tr("Expired")),
            ("reportPending", self.tr("Still waiting")),
            ("reportJournal", self.tr("This register's journal")),
            ("reportOther", self.tr("Sold elsewhere")),
        ]
        for row, (name, label) in enumerate(names):
            grid.addWidget(QLabel(label, figures), row, 0)
            value = QLabel("—", figures)
            value.setObjectName(name + "Value")
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if name == "reportNet":
                value.setProperty("role", "emphasis")
            grid.addWidget(value, row, 1)
            self.value_labels[name] = value
        body.addWidget(figures, 2)
        self.chart = HourlyChart(self)
        body.addWidget(self.chart, 3)
        layout.addLayout(body, 1)
        self.differences_label = QLabel(self)
        self.differences_label.setObjectName("reportDifferences")
        self.differences_label.setWordWrap(True)
        self.differences_label.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.differences_label)

    def _on_window_changed(self) -> None:
        self.day_edit.setVisible(self.window_combo.currentData() == DatePreset.CUSTOM.value)
        self.refresh()

    def report_window(self) -> tuple[datetime, datetime]:
        """The chosen window (aware, shop time)."""
        preset = DatePreset(self.window_combo.currentData())
        day = self.day_edit.date().toPython() if preset == DatePreset.CUSTOM else None
        start, end = date_window(
            preset,
            datetime.now(ALMATY),
            shift_start_hour=self.shift_start_hour,
            date_from=day,  # type: ignore[arg-type]
            date_to=day,  # type: ignore[arg-type]
        )
        assert start is not None and end is not None
        return start, end

    def refresh(self) -> None:
        """Load the report of the chosen window in the background."""
        self.refresh_button.setEnabled(False)
        self._spawn(self.load())

    async def load(self) -> ShiftReport | None:
        """Build and show the report (``None`` when the provider could not be read)."""
        start, end = self.report_window()
        try:
            report = await self.service.build(start, end)
        except PaymentError as error:
            self.message.setText(QCoreApplication.translate(error.context, error.text))
            self.message.setVisible(True)
            return None
        finally:
            self.refresh_button.setEnabled(True)
        self.show_report(report)
        return report

    def show_report(self, report: ShiftReport) -> None:
        """Fill the figures, the differences and the chart."""
        self.report = report
        self.message.setVisible(False)
        self.window_label.setText(_window_text(report))
        for name, _label, value in report_lines(report, self._locale):
            self.value_labels[name].setText(value)
        self.chart.set_buckets(report.hourly)
        if not report.differences:
            self.differences_label.setText(
                self.tr("The journal and the provider agree on this period.")
            )
        else:
            rows = "".join(
                f"<li>{d.payment_id or d.sale_id}: {difference_text(d.code)} — "
                f"{format_amount(d.amount, self._locale)}</li>"
                for d in report.differences[:10]
            )
            self.differences_label.setText(
                self.tr("Differences with the journal:") + f"<ul>{rows}</ul>"
            )

    def ask_pdf_path(self) -> None:
        """Ask where to save the PDF (non-blocking dialog), then save."""
        if self.report is None:
            return
        dialog = QFileDialog(self, self.tr("Save the report as PDF"))
        dialog.setObjectName("reportPdfDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(self.tr("PDF files (*.pdf)"))
        dialog.setDefaultSuffix("pdf")
        dialog.selectFile(f"report-{self.report.start.astimezone(ALMATY):%Y-%m-%d}.pdf")
        dialog.fileSelected.connect(lambda path: self.export_pdf(Path(path)))
        self.pdf_dialog = dialog
        dialog.open()

    def export_pdf(self, path: Path) -> Path | None:
        """Save the shown report to ``path``."""
        if self.report is None:
            return None
        return save_report_pdf(self.report, path, shop=self.shop_name, locale=self._locale)

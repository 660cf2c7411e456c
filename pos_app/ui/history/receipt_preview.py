"""Receipt preview (``receiptPreviewDialog``): the receipt as printed, paper choice, print, PDF.

The preview is the very image :func:`~pos_app.receipts.render.render_receipt` paints; printing
goes through ``QPrintDialog.open()`` (non-blocking) and the same function onto the
``QPrinter``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from pos_app.receipts.model import Receipt
from pos_app.receipts.render import (
    Paper,
    receipt_image,
    render_receipt,
    save_receipt_pdf,
    setup_printer,
)

__all__ = ["ReceiptPreviewDialog"]


class ReceiptPreviewDialog(QDialog):
    """Show a receipt; print it or save it as PDF.

    Args:
        receipt: What to print.
        paper: The ``receipt_paper`` setting (``58``, ``80``, ``A4``).
        locale: How amounts are written.
        printer_name: The ``receipt_printer`` setting (empty: the system default).
        parent: Qt parent.
    """

    def __init__(
        self,
        receipt: Receipt,
        paper: str = "80",
        *,
        locale: str = "ru",
        printer_name: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("receiptPreviewDialog")
        self.setWindowTitle(self.tr("Receipt"))
        self.receipt = receipt
        self._locale = locale
        self._printer_name = printer_name
        self.printer: QPrinter | None = None
        self.print_dialog: QPrintDialog | None = None
        self.pdf_dialog: QFileDialog | None = None
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Paper"), self))
        self.paper_combo = QComboBox(self)
        self.paper_combo.setObjectName("receiptPaperCombo")
        for value, label in (
            (Paper.MM58, self.tr("58 mm")),
            (Paper.MM80, self.tr("80 mm")),
            (Paper.A4, self.tr("A4")),
        ):
            self.paper_combo.addItem(label, value.value)
        self.paper_combo.setCurrentIndex(max(0, self.paper_combo.findData(paper)))
        self.paper_combo.currentIndexChanged.connect(self._render)
        row.addWidget(self.paper_combo)
        row.addStretch(1)
        layout.addLayout(row)
        self.image_label = QLabel(self)
        self.image_label.setObjectName("receiptImage")
        self.image_label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        scroll = QScrollArea(self)
        scroll.setWidget(self.image_label)
        scroll.setWidgetResizable(True)
        scroll.setMinimumSize(420, 520)
        layout.addWidget(scroll, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.pdf_button = QPushButton(self.tr("Save as PDF…"), self)
        self.pdf_button.setObjectName("receiptPdfButton")
        self.pdf_button.clicked.connect(self.ask_pdf_path)
        buttons.addWidget(self.pdf_button)
        self.print_button = QPushButton(self.tr("Print…"), self)
        self.print_button.setObjectName("receiptPrintButton")
        self.print_button.setProperty("role", "primary")
        self.print_button.clicked.connect(self.ask_print)
        buttons.addWidget(self.print_button)
        close = QPushButton(self.tr("Close"), self)
        close.setObjectName("receiptCloseButton")
        close.clicked.connect(self.reject)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self._render()

    @property
    def paper(self) -> Paper:
        """The chosen paper."""
        return Paper(self.paper_combo.currentData())

    def _render(self) -> None:
        # 96 dpi on screen: roughly actual size on a desktop monitor.
        image = receipt_image(self.receipt, self.paper, dpi=110, locale=self._locale)
        self.image_label.setPixmap(QPixmap.fromImage(image))

    def ask_print(self) -> None:
        """Open the system print dialog (non-blocking) and print when accepted."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if self._printer_name:
            printer.setPrinterName(self._printer_name)
        setup_printer(printer, self.receipt, self.paper, self._locale)
        self.printer = printer
        dialog = QPrintDialog(printer, self)
        dialog.setObjectName("receiptPrintDialog")
        dialog.accepted.connect(self.print_now)
        self.print_dialog = dialog
        # open(): never exec() inside the qasync loop (see shared/design.md).
        QDialog.open(dialog)

    def print_now(self) -> None:
        """Print on the printer the dialog set up."""
        if self.printer is not None:
            render_receipt(self.receipt, self.printer, self.paper, self._locale)

    def ask_pdf_path(self) -> None:
        """Ask where to save the PDF (non-blocking)."""
        dialog = QFileDialog(self, self.tr("Save the receipt as PDF"))
        dialog.setObjectName("receiptPdfDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(self.tr("PDF files (*.pdf)"))
        dialog.setDefaultSuffix("pdf")
        dialog.selectFile(f"receipt-{self.receipt.invoice_id}.pdf")
        dialog.fileSelected.connect(lambda path: self.save_pdf(Path(path)))
        self.pdf_dialog = dialog
        dialog.open()

    def save_pdf(self, path: Path) -> Path:
        """Write the receipt to ``path`` on the chosen paper."""
        return save_receipt_pdf(self.receipt, path, self.paper, locale=self._locale)

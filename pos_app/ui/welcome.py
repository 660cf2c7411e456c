"""The first-start welcome: try the demo, or connect an account with an API key.

A short two-page dialog. "Try the demo" closes it (the app already runs on the built-in
sandbox). "Connect an account" shows one key field; the key is handed to the caller through
``sig_api_key_entered`` (the app stores it with :mod:`pos_app.secrets`, never in a file) and the
dialog says the register connects with it on the next start. The full onboarding wizard
(provider choice, organisation check) is a later issue.

Opened with ``open()``, never ``exec()``: a nested event loop inside the qasync loop breaks
running coroutines.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

__all__ = ["WelcomeDialog"]


class WelcomeDialog(QDialog):
    """The first-start welcome.

    Attributes:
        choice: ``"demo"``, ``"connect"`` (a key was saved) or ``""`` (closed otherwise).

    Signals:
        sig_api_key_entered(str): The cashier saved a key (the receiver stores it).
        sig_wizard_requested: The cashier wants the step-by-step setup (the onboarding wizard:
            provider choice, key test, organisation check); the welcome closes.
    """

    sig_api_key_entered = Signal(str)
    sig_wizard_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choice = ""
        self.setObjectName("welcomeDialog")
        self.setWindowTitle(self.tr("Welcome"))
        self.setMinimumWidth(560)
        self.pages = QStackedWidget(self)
        self.pages.setObjectName("welcomePages")
        self.pages.addWidget(self._build_intro())
        self.pages.addWidget(self._build_key_page())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.addWidget(self.pages)

    def _build_intro(self) -> QWidget:
        page = QWidget(self)
        page.setObjectName("welcomeIntroPage")
        column = QVBoxLayout(page)
        column.setSpacing(14)
        title = QLabel(self.tr("Welcome to your new register"), page)
        title.setProperty("role", "title")
        column.addWidget(title)
        text = QLabel(
            self.tr(
                "Take Kaspi payments by phone or QR code. Try everything first in demo mode: "
                "a built-in test server plays the payment service, and no money moves. "
                "Connect your ApiPay account whenever you are ready."
            ),
            page,
        )
        text.setWordWrap(True)
        column.addWidget(text)
        column.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.connect_button = QPushButton(self.tr("Connect an account"), page)
        self.connect_button.setObjectName("connectAccountButton")
        self.connect_button.clicked.connect(self._show_key_page)
        buttons.addWidget(self.connect_button)
        self.demo_button = QPushButton(self.tr("Try the demo"), page)
        self.demo_button.setObjectName("tryDemoButton")
        self.demo_button.setProperty("primary", True)
        self.demo_button.setDefault(True)
        self.demo_button.clicked.connect(self._choose_demo)
        buttons.addWidget(self.demo_button)
        column.addLayout(buttons)
        return page

    def _build_key_page(self) -> QWidget:
        page = QWidget(self)
        page.setObjectName("welcomeKeyPage")
        column = QVBoxLayout(page)
        column.setSpacing(12)
        title = QLabel(self.tr("Connect an account"), page)
        title.setProperty("role", "title")
        column.addWidget(title)
        hint = QLabel(
            self.tr(
                "Paste the API key from your ApiPay dashboard. It is kept in the system's "
                "secure key storage, never in a file."
            ),
            page,
        )
        hint.setWordWrap(True)
        column.addWidget(hint)
        self.wizard_button = QPushButton(self.tr("Step-by-step setup…"), page)
        self.wizard_button.setObjectName("openWizardButton")
        self.wizard_button.setToolTip(
            self.tr("Choose ApiPay.kz or xPayment, test the key and verify the organisation")
        )
        self.wizard_button.clicked.connect(self._open_wizard)
        column.addWidget(self.wizard_button)
        self.key_edit = QLineEdit(page)
        self.key_edit.setObjectName("apiKeyEdit")
        self.key_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.key_edit.setPlaceholderText(self.tr("API key"))
        self.key_edit.textChanged.connect(self._on_key_changed)
        self.key_edit.returnPressed.connect(self._save_key)
        column.addWidget(self.key_edit)
        self.key_status = QLabel(page)
        self.key_status.setObjectName("apiKeyStatusLabel")
        self.key_status.setWordWrap(True)
        self.key_status.setProperty("role", "muted")
        column.addWidget(self.key_status)
        column.addStretch(1)
        buttons = QHBoxLayout()
        self.back_button = QPushButton(self.tr("Back"), page)
        self.back_button.setObjectName("welcomeBackButton")
        self.back_button.clicked.connect(lambda: self.pages.setCurrentIndex(0))
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        self.save_key_button = QPushButton(self.tr("Save key"), page)
        self.save_key_button.setObjectName("saveKeyButton")
        self.save_key_button.setProperty("primary", True)
        self.save_key_button.setEnabled(False)
        self.save_key_button.clicked.connect(self._save_key)
        buttons.addWidget(self.save_key_button)
        self.done_button = QPushButton(self.tr("Continue in demo"), page)
        self.done_button.setObjectName("welcomeDoneButton")
        self.done_button.setVisible(False)
        self.done_button.clicked.connect(self.accept)
        buttons.addWidget(self.done_button)
        column.addLayout(buttons)
        return page

    def _show_key_page(self) -> None:
        self.pages.setCurrentIndex(1)
        self.key_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _open_wizard(self) -> None:
        self.choice = "wizard"
        self.accept()
        self.sig_wizard_requested.emit()

    def _choose_demo(self) -> None:
        self.choice = "demo"
        self.accept()

    def _on_key_changed(self, text: str) -> None:
        self.save_key_button.setEnabled(bool(text.strip()))

    def _save_key(self) -> None:
        key = self.key_edit.text().strip()
        if not key:
            return
        self.choice = "connect"
        self.sig_api_key_entered.emit(key)
        # Drop the key from the widget as soon as it is handed over.
        self.key_edit.clear()
        self.key_edit.setEnabled(False)
        self.save_key_button.setVisible(False)
        self.back_button.setVisible(False)
        self.done_button.setVisible(True)
        self.done_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_key_result(self, session_only: bool) -> None:
        """Say where the key went (called by the receiver of ``sig_api_key_entered``)."""
        if session_only:
            self.key_status.setText(
                self.tr(
                    "Key accepted for this session only: no secure key storage was found. "
                    "Restart the app to connect with it."
                )
            )
        else:
            self.key_status.setText(
                self.tr("Key saved. The register connects with it on the next start.")
            )

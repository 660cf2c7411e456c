"""The first-start welcome: try the demo, or connect an account.

One short page. "Try the demo" closes it (the app already runs on the built-in sandbox).
"Connect an account" closes it and asks for the onboarding wizard (``sig_wizard_requested``;
the app opens :class:`~pos_app.ui.onboarding.OnboardingWizard`): provider choice, key test,
storage in the OS keyring, organisation check — one place where a key is entered.

Opened with ``open()``, never ``exec()``: a nested event loop inside the qasync loop breaks
running coroutines.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

__all__ = ["WelcomeDialog"]


class WelcomeDialog(QDialog):
    """The first-start welcome.

    Attributes:
        choice: ``"demo"``, ``"wizard"`` (connect an account) or ``""`` (closed otherwise).

    Signals:
        sig_wizard_requested: The cashier wants to connect an account (the onboarding wizard:
            provider choice, key test, organisation check); the welcome closes first.
    """

    sig_wizard_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choice = ""
        self.setObjectName("welcomeDialog")
        self.setWindowTitle(self.tr("Welcome"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.addWidget(self._build_intro())

    def _build_intro(self) -> QWidget:
        page = QWidget(self)
        page.setObjectName("welcomeIntroPage")
        column = QVBoxLayout(page)
        column.setSpacing(14)
        title = QLabel(self.tr("Welcome to your new register"), page)
        title.setProperty("role", "title")
        title.setWordWrap(True)  # the Russian and Kazakh titles are longer than one line
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
        self.connect_button.setToolTip(
            self.tr("Choose ApiPay.kz or xPayment, test the key and verify the organisation")
        )
        self.connect_button.clicked.connect(self._open_wizard)
        buttons.addWidget(self.connect_button)
        self.demo_button = QPushButton(self.tr("Try the demo"), page)
        self.demo_button.setObjectName("tryDemoButton")
        self.demo_button.setProperty("primary", True)
        self.demo_button.setDefault(True)
        self.demo_button.clicked.connect(self._choose_demo)
        buttons.addWidget(self.demo_button)
        column.addLayout(buttons)
        return page

    def _open_wizard(self) -> None:
        self.choice = "wizard"
        self.accept()
        self.sig_wizard_requested.emit()

    def _choose_demo(self) -> None:
        self.choice = "demo"
        self.accept()


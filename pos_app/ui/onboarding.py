"""The onboarding wizard: try the demo, or connect ApiPay.kz or xPayment step by step.

Pages (one ``QStackedWidget``; the dialog is opened with ``open()``, never ``exec()``, because
a nested event loop inside the qasync loop breaks running coroutines):

1. **choice** — try the demo / connect ApiPay.kz / connect xPayment;
2. **steps** (ApiPay) — what the owner does first, as the ApiPay guide says: register in the
   dashboard, add the service phone in Kaspi Business as *Cashier*, copy the API key;
3. **key** — API address and key (masked, with a show toggle; pasted spaces and line breaks are
   trimmed). *Test* first checks the address is an http(s) URL (xPayment publishes none: the
   shop types the one it was given), then makes one authenticated read through the provider —
   ApiPay: the keyless ``GET /status`` first, then ``GET /invoices``; xPayment:
   ``GET /payments`` (one cursor page; its API has no page-size parameter). A key that works
   is stored in the OS keyring through :class:`~pos_app.secrets.SecretStore` (session-only
   memory when no keyring works — never a file) and the provider and address in the settings;
4. **verify** (ApiPay, optional) — IIN/BIN with its check digit (``validate_iin_bin``), then
   ``POST /organizations/verify`` and a 120 s countdown polling
   ``GET /organizations/{id}/status`` every 2 s: verified, failed (rejected), or timed out
   (410), each with a way forward (try again / skip);
5. **done** — what happens next.

Every network call runs as a task on the qasync loop (``spawn``), so the window stays live; a
failure is shown under the button that caused it, in the cashier's language, with what to do.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx
from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from pos_app.config import DEFAULT_BASE_URLS, Config
from pos_app.domain.errors import DomainError
from pos_app.domain.iin import validate_iin_bin
from pos_app.i18n import translate_error
from pos_app.payments.base import PaymentQuery
from pos_app.payments.errors import (
    AuthenticationError,
    ForbiddenError,
    NetworkError,
    NotFoundError,
    PaymentError,
    ProtocolError,
    ProviderUnavailableError,
    RateLimitedError,
    ValidationError,
    VerificationExpiredError,
)
from pos_app.payments.transport import RetryPolicy, Timeouts
from pos_app.secrets import SecretStore

__all__ = [
    "DASHBOARD_URL",
    "SERVICE_PHONE",
    "OnboardingWizard",
    "ProviderFactory",
    "clean_key",
    "default_provider_factory",
    "is_http_url",
]

log = logging.getLogger(__name__)

#: Where an ApiPay account is opened and the key is found (ApiPay's own guide, seed 001).
DASHBOARD_URL = "https://apipay.kz/login"
#: The phone number the owner adds in Kaspi Business as a Cashier (seed 002), as shown.
SERVICE_PHONE = "+7 705 661 09 34"
#: ApiPay's support for connecting Kaspi Business (seed 001).
SUPPORT_WHATSAPP = "+7 708 516 74 89"

VERIFY_TIMEOUT_SECONDS = 120
VERIFY_POLL_SECONDS = 2.0

#: Builds a provider for a test: ``(provider name, base URL, key) -> provider``.
ProviderFactory = Callable[[str, str, str], Any]
Spawn = Callable[[Coroutine[Any, Any, Any]], "asyncio.Task[Any]"]


# A key test is one try with short time-outs: the person is watching "Checking the key…", and
# four tries against an address that swallows packets would keep them there for half a minute.
# *Test* can be pressed again. (A plain comment: lupdate takes "#:" ones as translator notes.)
KEY_TEST_OPTIONS: dict[str, Any] = {
    "retry": RetryPolicy(max_attempts=1),
    "timeouts": Timeouts(connect=5.0, read=10.0, write=10.0, pool=5.0),
}


def default_provider_factory(name: str, base_url: str, key: str) -> Any:
    """The real provider classes, set up for a key test (one HTTP client each; the caller
    closes it)."""
    if name == "xpayment":
        from pos_app.payments.xpayment import XPaymentProvider

        return XPaymentProvider.from_key(key, base_url=base_url, **KEY_TEST_OPTIONS)
    from pos_app.payments.apipay import ApiPayProvider

    return ApiPayProvider.from_key(key, base_url=base_url, **KEY_TEST_OPTIONS)


def clean_key(text: str) -> str:
    """The key as pasted, without the spaces and line breaks copying tends to add."""
    return "".join(text.split())


def is_http_url(text: str) -> bool:
    """Whether ``text`` can be an API address: ``http(s)://`` and a server name, no spaces."""
    if not text or any(ch.isspace() for ch in text):
        return False
    try:
        parts = urlsplit(text)
        _ = parts.port  # raises ValueError for a port that is not a number
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def _default_spawn(coro: Coroutine[Any, Any, Any]) -> asyncio.Task[Any]:
    return asyncio.get_event_loop().create_task(coro)


@dataclass
class _Status:
    """A message under a button: its kind (``ok``/``error``/``busy``/``info``) and text."""

    kind: str
    render: Callable[[], str]


class OnboardingWizard(QDialog):
    """Connect the register to a payment account, or choose the demo.

    Args:
        config: The settings (provider and API address are written here, never the key).
        secrets: Where the key goes (the OS keyring, or memory for this session).
        spawn: Starts a coroutine on the qasync loop and keeps it referenced (the app's
            ``TaskRegistry.spawn``); the default creates a plain task.
        provider_factory: Builds the provider that tests the key (tests may swap it).
        poll_seconds: Pause between two verification status checks.
        parent: Qt parent.

    Attributes:
        choice: ``demo``, ``apipay``, ``xpayment`` (a key was stored) or ``""``.
        key_source: Where the stored key went (``keyring`` / ``session``) or ``""``.
        verification: ``""``, ``pending``, ``verified``, ``failed``, ``timeout`` or ``error``.

    Signals:
        sig_demo_chosen: The cashier chose the demo.
        sig_key_stored(str): A tested key was stored for this provider (``apipay``/``xpayment``).
    """

    sig_demo_chosen = Signal()
    sig_key_stored = Signal(str)

    PAGE_CHOICE, PAGE_STEPS, PAGE_KEY, PAGE_VERIFY, PAGE_DONE = range(5)

    def __init__(
        self,
        config: Config,
        secrets: SecretStore,
        spawn: Spawn | None = None,
        provider_factory: ProviderFactory | None = None,
        *,
        poll_seconds: float = VERIFY_POLL_SECONDS,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.config = config
        self.secrets = secrets
        self._spawn = spawn or _default_spawn
        self._factory = provider_factory or default_provider_factory
        self.poll_seconds = poll_seconds
        self.choice = ""
        self.key_source = ""
        self.verification = ""
        self.provider_name: str = config.provider
        self._tasks: set[asyncio.Task[Any]] = set()
        self._key_status: _Status | None = None
        self._url_status: _Status | None = None
        self._iin_status: _Status | None = None
        self._verify_status: _Status | None = None
        self._remaining = VERIFY_TIMEOUT_SECONDS
        self._tested_key = ""
        self._tested_url = ""

        self.setObjectName("onboardingWizard")
        # The wizard retranslates itself on a language change (the generic pass skips it).
        self.setProperty("i18n_skip", True)
        self.setMinimumSize(640, 520)
        self.pages = QStackedWidget(self)
        self.pages.setObjectName("onboardingPages")
        self.pages.addWidget(self._build_choice_page())
        self.pages.addWidget(self._build_steps_page())
        self.pages.addWidget(self._build_key_page())
        self.pages.addWidget(self._build_verify_page())
        self.pages.addWidget(self._build_done_page())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.addWidget(self.pages)

        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._tick)
        self.finished.connect(self._on_finished)
        self.retranslate()

    # -- building ---------------------------------------------------------------------------

    @staticmethod
    def _title(parent: QWidget) -> QLabel:
        label = QLabel(parent)
        label.setProperty("role", "title")
        label.setWordWrap(True)
        return label

    @staticmethod
    def _text(parent: QWidget, name: str = "") -> QLabel:
        label = QLabel(parent)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setOpenExternalLinks(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        if name:
            label.setObjectName(name)
        return label

    @staticmethod
    def _status_label(parent: QWidget, name: str) -> QLabel:
        label = QLabel(parent)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setProperty("role", "muted")
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def _build_choice_page(self) -> QWidget:
        page = QWidget(self)
        page.setObjectName("choicePage")
        column = QVBoxLayout(page)
        column.setSpacing(14)
        self.choice_title = self._title(page)
        column.addWidget(self.choice_title)
        self.choice_text = self._text(page)
        column.addWidget(self.choice_text)
        self.demo_choice_button = QPushButton(page)
        self.demo_choice_button.setObjectName("demoChoiceButton")
        self.demo_choice_button.setProperty("primary", True)
        self.demo_choice_button.setMinimumHeight(48)
        self.demo_choice_button.clicked.connect(self._choose_demo)
        column.addWidget(self.demo_choice_button)
        self.apipay_choice_button = QPushButton(page)
        self.apipay_choice_button.setObjectName("apipayChoiceButton")
        self.apipay_choice_button.setMinimumHeight(48)
        self.apipay_choice_button.clicked.connect(lambda: self._choose_provider("apipay"))
        column.addWidget(self.apipay_choice_button)
        self.xpayment_choice_button = QPushButton(page)
        self.xpayment_choice_button.setObjectName("xpaymentChoiceButton")
        self.xpayment_choice_button.setMinimumHeight(48)
        self.xpayment_choice_button.clicked.connect(lambda: self._choose_provider("xpayment"))
        column.addWidget(self.xpayment_choice_button)
        column.addStretch(1)
        return page

    def _build_steps_page(self) -> QWidget:
        page = QWidget(self)
        page.setObjectName("stepsPage")
        column = QVBoxLayout(page)
        column.setSpacing(12)
        self.steps_title = self._title(page)
        column.addWidget(self.steps_title)
        self.steps_text = self._text(page, "stepsText")
        column.addWidget(self.steps_text)
        column.addStretch(1)
        row = QHBoxLayout()
        self.steps_back_button = QPushButton(page)
        self.steps_back_button.setObjectName("stepsBackButton")
        self.steps_back_button.clicked.connect(lambda: self._go(self.PAGE_CHOICE))
        row.addWidget(self.steps_back_button)
        row.addStretch(1)
        self.steps_next_button = QPushButton(page)
        self.steps_next_button.setObjectName("stepsNextButton")
        self.steps_next_button.setProperty("primary", True)
        self.steps_next_button.clicked.connect(lambda: self._go(self.PAGE_KEY))
        row.addWidget(self.steps_next_button)
        column.addLayout(row)
        return page

    def _build_key_page(self) -> QWidget:
        page = QWidget(self)
        page.setObjectName("keyPage")
        column = QVBoxLayout(page)
        column.setSpacing(12)
        self.key_title = self._title(page)
        column.addWidget(self.key_title)
        self.key_hint = self._text(page, "keyHint")
        column.addWidget(self.key_hint)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.base_url_label = QLabel(page)
        self.base_url_input = QLineEdit(page)
        self.base_url_input.setObjectName("baseUrlInput")
        self.base_url_input.setInputMethodHints(Qt.InputMethodHint.ImhUrlCharactersOnly)
        self.base_url_input.textEdited.connect(self._on_base_url_edited)
        # What is wrong with the address goes right under the field (shown only then).
        url_box = QWidget(page)
        url_column = QVBoxLayout(url_box)
        url_column.setContentsMargins(0, 0, 0, 0)
        url_column.setSpacing(4)
        url_column.addWidget(self.base_url_input)
        self.base_url_status_label = self._status_label(url_box, "baseUrlStatusLabel")
        self.base_url_status_label.setVisible(False)
        url_column.addWidget(self.base_url_status_label)
        form.addRow(self.base_url_label, url_box)
        self.api_key_label = QLabel(page)
        self.api_key_input = QLineEdit(page)
        self.api_key_input.setObjectName("apiKeyInput")
        self.api_key_input.setEchoMode(QLineEdit.EchoMode.Password)
        self.api_key_input.textChanged.connect(self._on_key_edited)
        self.api_key_input.returnPressed.connect(self.test_key)
        form.addRow(self.api_key_label, self.api_key_input)
        column.addLayout(form)
        # Show/hide is a button beside Paste, not an action inside the field: with the theme's
        # 40 px input height Qt draws a field's own action icons clipped at its bottom edge.
        self.show_key_action = QAction(self)
        self.show_key_action.setObjectName("showKeyAction")
        self.show_key_action.setCheckable(True)
        self.show_key_action.toggled.connect(self._toggle_key_visible)
        self.show_key_button = QPushButton(page)
        self.show_key_button.setObjectName("showKeyButton")
        self.show_key_button.setCheckable(True)
        self.show_key_button.toggled.connect(self.show_key_action.setChecked)
        self.show_key_action.toggled.connect(self.show_key_button.setChecked)
        row = QHBoxLayout()
        self.paste_button = QPushButton(page)
        self.paste_button.setObjectName("pasteKeyButton")
        self.paste_button.clicked.connect(self._paste_key)
        row.addWidget(self.paste_button)
        row.addWidget(self.show_key_button)
        row.addStretch(1)
        self.test_key_button = QPushButton(page)
        self.test_key_button.setObjectName("testKeyButton")
        self.test_key_button.setProperty("primary", True)
        self.test_key_button.setEnabled(False)
        self.test_key_button.clicked.connect(self.test_key)
        row.addWidget(self.test_key_button)
        column.addLayout(row)
        self.key_status_label = self._status_label(page, "keyStatusLabel")
        column.addWidget(self.key_status_label)
        column.addStretch(1)
        nav = QHBoxLayout()
        self.key_back_button = QPushButton(page)
        self.key_back_button.setObjectName("keyBackButton")
        self.key_back_button.clicked.connect(self._key_back)
        nav.addWidget(self.key_back_button)
        nav.addStretch(1)
        self.key_next_button = QPushButton(page)
        self.key_next_button.setObjectName("keyNextButton")
        self.key_next_button.setProperty("primary", True)
        self.key_next_button.setEnabled(False)
        self.key_next_button.clicked.connect(self._key_next)
        nav.addWidget(self.key_next_button)
        column.addLayout(nav)
        return page

    def _build_verify_page(self) -> QWidget:
        page = QWidget(self)
        page.setObjectName("verifyPage")
        column = QVBoxLayout(page)
        column.setSpacing(12)
        self.verify_title = self._title(page)
        column.addWidget(self.verify_title)
        self.verify_hint = self._text(page, "verifyHint")
        column.addWidget(self.verify_hint)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.iin_label = QLabel(page)
        self.iin_input = QLineEdit(page)
        self.iin_input.setObjectName("iinInput")
        self.iin_input.setMaxLength(20)  # twelve digits, plus the spaces people type
        self.iin_input.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        self.iin_input.textChanged.connect(self._on_iin_edited)
        self.iin_input.returnPressed.connect(self.start_verification)
        form.addRow(self.iin_label, self.iin_input)
        column.addLayout(form)
        self.iin_status_label = self._status_label(page, "iinStatusLabel")
        column.addWidget(self.iin_status_label)
        row = QHBoxLayout()
        row.addStretch(1)
        self.verify_button = QPushButton(page)
        self.verify_button.setObjectName("verifyButton")
        self.verify_button.setProperty("primary", True)
        self.verify_button.setEnabled(False)
        self.verify_button.clicked.connect(self.start_verification)
        row.addWidget(self.verify_button)
        column.addLayout(row)
        self.countdown_bar = QProgressBar(page)
        self.countdown_bar.setObjectName("verifyCountdown")
        self.countdown_bar.setRange(0, VERIFY_TIMEOUT_SECONDS)
        self.countdown_bar.setTextVisible(True)
        self.countdown_bar.setVisible(False)
        column.addWidget(self.countdown_bar)
        self.verify_status_label = self._status_label(page, "verifyStatusLabel")
        column.addWidget(self.verify_status_label)
        column.addStretch(1)
        nav = QHBoxLayout()
        self.verify_back_button = QPushButton(page)
        self.verify_back_button.setObjectName("verifyBackButton")
        self.verify_back_button.clicked.connect(self._verify_back)
        nav.addWidget(self.verify_back_button)
        nav.addStretch(1)
        self.verify_next_button = QPushButton(page)
        self.verify_next_button.setObjectName("verifyNextButton")
        self.verify_next_button.clicked.connect(self._verify_next)
        nav.addWidget(self.verify_next_button)
        column.addLayout(nav)
        return page

    def _build_done_page(self) -> QWidget:
        page = QWidget(self)
        page.setObjectName("donePage")
        column = QVBoxLayout(page)
        column.setSpacing(12)
        self.done_title = self._title(page)
        column.addWidget(self.done_title)
        self.done_text = self._text(page, "doneText")
        column.addWidget(self.done_text)
        column.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.finish_button = QPushButton(page)
        self.finish_button.setObjectName("finishButton")
        self.finish_button.setProperty("primary", True)
        self.finish_button.clicked.connect(self.accept)
        row.addWidget(self.finish_button)
        column.addLayout(row)
        return page

    # -- texts ------------------------------------------------------------------------------

    def _provider_title(self) -> str:
        return "ApiPay.kz" if self.provider_name == "apipay" else "xPayment"

    def retranslate(self) -> None:
        """Set every text in the current language (also called on a language change)."""
        self.setWindowTitle(self.tr("Connect the register"))
        self.choice_title.setText(self.tr("How do you want to start?"))
        self.choice_text.setText(
            self.tr(
                "Try everything first in demo mode: a built-in test server plays the payment "
                "service and no money moves. Connect a real account whenever you are ready."
            )
        )
        self.demo_choice_button.setText(self.tr("Try the demo"))
        self.apipay_choice_button.setText(self.tr("Connect ApiPay.kz"))
        self.xpayment_choice_button.setText(self.tr("Connect xPayment"))

        self.steps_title.setText(self.tr("Before you connect ApiPay.kz"))
        self.steps_text.setText(
            self.tr(
                "<ol>"
                "<li><b>Register.</b> Open <a href=\"{dashboard}\">apipay.kz</a> and sign in "
                "with WhatsApp.</li>"
                "<li><b>Add the service phone in Kaspi Business.</b> In the Kaspi Business app "
                "open Settings → Employees → Add employee, enter <b>{phone}</b>, choose the "
                "role <b>Cashier</b> and confirm. This lets ApiPay.kz issue invoices for your "
                "shop.</li>"
                "<li><b>Copy the API key.</b> In the ApiPay.kz dashboard open "
                "Settings → Connection and copy the key.</li>"
                "</ol>"
                "<p>Need help? ApiPay.kz support on WhatsApp: {support}.</p>"
            ).format(dashboard=DASHBOARD_URL, phone=SERVICE_PHONE, support=SUPPORT_WHATSAPP)
        )
        self.steps_back_button.setText(self.tr("Back"))
        self.steps_next_button.setText(self.tr("I have the key"))

        self.key_title.setText(self.tr("API key for {provider}").format(
            provider=self._provider_title()
        ))
        if self.provider_name == "apipay":
            self.key_hint.setText(
                self.tr(
                    "Paste the key from the ApiPay.kz dashboard (Settings → Connection). It is "
                    "kept in the system's secure key storage, never in a file."
                )
            )
        else:
            self.key_hint.setText(
                self.tr(
                    "Enter the API address and the device API key xPayment gave you. The key "
                    "is kept in the system's secure key storage, never in a file."
                )
            )
        self.base_url_label.setText(self.tr("API address"))
        self.api_key_label.setText(self.tr("API key"))
        self.api_key_input.setPlaceholderText(self.tr("Paste the key here"))
        self.show_key_action.setText(self.tr("Show the key"))
        self.show_key_action.setToolTip(self.tr("Show or hide the key"))
        self.show_key_button.setText(self.tr("Show the key"))
        self.show_key_button.setToolTip(self.tr("Show or hide the key"))
        self.paste_button.setText(self.tr("Paste"))
        self.test_key_button.setText(self.tr("Test the key"))
        self.key_back_button.setText(self.tr("Back"))
        self.key_next_button.setText(
            self.tr("Next") if self.provider_name == "apipay" else self.tr("Finish")
        )

        self.verify_title.setText(self.tr("Verify your organisation (optional)"))
        self.verify_hint.setText(
            self.tr(
                "Enter the shop's IIN or BIN. ApiPay.kz then sends a request to the owner's "
                "Kaspi Business app; confirm it there within 2 minutes."
            )
        )
        self.iin_label.setText(self.tr("IIN / BIN"))
        self.iin_input.setPlaceholderText(self.tr("12 digits"))
        self.verify_back_button.setText(self.tr("Back"))
        self._render_verify_buttons()
        self.countdown_bar.setFormat(self.tr("%v s left"))

        self.done_title.setText(self.tr("All set"))
        self._render_done()
        self.finish_button.setText(self.tr("Start working"))

        for label, status in (
            (self.base_url_status_label, self._url_status),
            (self.key_status_label, self._key_status),
            (self.iin_status_label, self._iin_status),
            (self.verify_status_label, self._verify_status),
        ):
            self._show_status(label, status)

    def _render_verify_buttons(self) -> None:
        state = self.verification
        if state in ("failed", "timeout", "error"):
            self.verify_button.setText(self.tr("Try again"))
        else:
            self.verify_button.setText(self.tr("Send the request"))
        self.verify_next_button.setText(
            self.tr("Next") if state == "verified" else self.tr("Skip for now")
        )

    def _render_done(self) -> None:
        if self.choice == "demo":
            text = self.tr("The register runs in demo mode. No money moves.")
        else:
            text = self.tr(
                "The key is saved. Restart the app to take payments with {provider}."
            ).format(provider=self._provider_title())
            if self.key_source == "session":
                text += " " + self.tr(
                    "No secure key storage works on this computer, so the key is kept for "
                    "this session only: enter it again after a restart, or set up the "
                    "system's key storage."
                )
            if self.verification == "verified":
                text += " " + self.tr("Your organisation is verified.")
        self.done_text.setText(text)

    def changeEvent(self, event: QEvent) -> None:
        """Retranslate when the language is switched."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    @staticmethod
    def _show_status(label: QLabel, status: _Status | None) -> None:
        label.setText(status.render() if status is not None else "")
        label.setProperty("state", status.kind if status is not None else "")
        label.style().unpolish(label)
        label.style().polish(label)

    def _set_key_status(self, kind: str, render: Callable[[], str]) -> None:
        self._key_status = _Status(kind, render)
        self._show_status(self.key_status_label, self._key_status)

    def _set_url_status(self, render: Callable[[], str] | None) -> None:
        """Show (an error) or hide the message under the API address."""
        self._url_status = None if render is None else _Status("error", render)
        self._show_status(self.base_url_status_label, self._url_status)
        self.base_url_status_label.setVisible(render is not None)

    def _set_iin_status(self, kind: str, render: Callable[[], str]) -> None:
        self._iin_status = _Status(kind, render)
        self._show_status(self.iin_status_label, self._iin_status)

    def _set_verify_status(self, kind: str, render: Callable[[], str]) -> None:
        self._verify_status = _Status(kind, render)
        self._show_status(self.verify_status_label, self._verify_status)

    # -- navigation -------------------------------------------------------------------------

    def _go(self, page: int) -> None:
        self.pages.setCurrentIndex(page)
        if page == self.PAGE_KEY:
            self.api_key_input.setFocus(Qt.FocusReason.OtherFocusReason)
        elif page == self.PAGE_VERIFY:
            self.iin_input.setFocus(Qt.FocusReason.OtherFocusReason)

    def _choose_demo(self) -> None:
        self.choice = "demo"
        self.sig_demo_chosen.emit()
        self.accept()

    def _choose_provider(self, name: str) -> None:
        self.provider_name = name
        stored = self.config.base_url if self.config.provider == name else ""
        self.base_url_input.setText(stored or DEFAULT_BASE_URLS.get(name, ""))
        self._key_status = None
        self._tested_key = ""
        self._tested_url = ""
        self._set_url_status(None)
        self.key_next_button.setEnabled(False)
        self.retranslate()
        self._on_key_edited()
        self._go(self.PAGE_STEPS if name == "apipay" else self.PAGE_KEY)

    def _key_back(self) -> None:
        self._go(self.PAGE_STEPS if self.provider_name == "apipay" else self.PAGE_CHOICE)

    def _key_next(self) -> None:
        if self.provider_name == "apipay":
            self._go(self.PAGE_VERIFY)
        else:
            self._finish_connected()

    def _verify_back(self) -> None:
        self._stop_countdown()
        self._go(self.PAGE_KEY)

    def _verify_next(self) -> None:
        self._stop_countdown()
        self._finish_connected()

    def _finish_connected(self) -> None:
        self.choice = self.provider_name
        self._render_done()
        self._go(self.PAGE_DONE)

    def show_page(self, page: int) -> None:
        """Jump to a page (the settings dialog opens the key page of the current provider)."""
        if page in (self.PAGE_STEPS, self.PAGE_KEY, self.PAGE_VERIFY):
            self._choose_provider(self.config.provider)
        self._go(page)

    # -- the key ----------------------------------------------------------------------------

    def _toggle_key_visible(self, visible: bool) -> None:
        self.api_key_input.setEchoMode(
            QLineEdit.EchoMode.Normal if visible else QLineEdit.EchoMode.Password
        )

    def _paste_key(self) -> None:
        self.api_key_input.setText(clean_key(QGuiApplication.clipboard().text()))

    def _on_base_url_edited(self, *_: object) -> None:
        if self._url_status is not None:
            self._set_url_status(None)
        self._on_key_edited()

    def _on_key_edited(self, *_: object) -> None:
        raw = self.api_key_input.text()
        cleaned = clean_key(raw)
        if cleaned != raw:
            # Pasted text often carries a line break or spaces: the key never has them.
            self.api_key_input.setText(cleaned)
            return
        self._refresh_test_button(running=self._busy("key"))
        if cleaned != self._tested_key or self._base_url() != self._tested_url:
            self.key_next_button.setEnabled(False)

    def _base_url(self) -> str:
        return self.base_url_input.text().strip().rstrip("/")

    def _refresh_test_button(self, *, running: bool) -> None:
        # Only the key is required to press Test: a missing or odd address is then explained
        # under its field (xPayment's starts empty, and a grey button says nothing).
        self.test_key_button.setEnabled(bool(self.api_key_input.text()) and not running)

    def _busy(self, name: str) -> bool:
        return any(t.get_name() == name and not t.done() for t in self._tasks)

    def _run(self, coro: Coroutine[Any, Any, Any], name: str) -> asyncio.Task[Any]:
        task = self._spawn(coro)
        task.set_name(name)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    def test_key(self) -> asyncio.Task[Any] | None:
        """Check the entered key against the service and store it when it works.

        Returns:
            The running check (tests wait for it), or ``None`` when there is nothing to test.
        """
        key = clean_key(self.api_key_input.text())
        base_url = self._base_url()
        if not key or self._busy("key"):
            return None
        if not is_http_url(base_url):
            self._key_status = None
            self._show_status(self.key_status_label, None)
            self._set_url_status(self._empty_url_text if not base_url else self._bad_url_text)
            self.base_url_input.setFocus(Qt.FocusReason.OtherFocusReason)
            return None
        self._set_url_status(None)
        self.test_key_button.setEnabled(False)
        self.key_next_button.setEnabled(False)
        self._set_key_status("busy", lambda: self.tr("Checking the key…"))
        return self._run(self._test_key(self.provider_name, base_url, key), "key")

    async def _test_key(self, provider_name: str, base_url: str, key: str) -> None:
        try:
            ok = await self._check_key(provider_name, base_url, key)
        finally:
            self._refresh_test_button(running=False)
        if not ok:
            return
        stored = self.secrets.set_api_key(provider_name, self.config.api_account, key)
        self.key_source = stored.source
        self._tested_key = key
        self._tested_url = base_url
        self.config.set("provider", provider_name)
        default = DEFAULT_BASE_URLS.get(provider_name, "")
        self.config.set("base_url", "" if base_url == default.rstrip("/") else base_url)
        log.info("onboarding: key for %s tested and kept in %s", provider_name, stored.source)
        where = self.secrets.backend_description
        if stored.source == "keyring":
            self._set_key_status(
                "ok",
                lambda: self.tr("The key works. It is saved in: {storage}.").format(storage=where),
            )
        else:
            self._set_key_status("ok", self._session_only_text)
        self.key_next_button.setEnabled(True)
        self.sig_key_stored.emit(provider_name)

    def _empty_url_text(self) -> str:
        return self.tr("Enter the API address of {provider} (it starts with https://).").format(
            provider=self._provider_title()
        )

    def _bad_url_text(self) -> str:
        return self.tr(
            "The API address must start with https:// (or http://) followed by the server "
            "name, without spaces, e.g. https://api.example.kz/v1."
        )

    def _session_only_text(self) -> str:
        trouble = self.secrets.trouble
        if trouble == "locked":
            why = self.tr("The system's key storage is locked.")
        elif trouble == "denied":
            why = self.tr("The system's key storage refused to keep the key.")
        else:
            why = self.tr("No secure key storage was found on this computer.")
        return (
            self.tr("The key works.")
            + " "
            + why
            + " "
            + self.tr(
                "It is kept for this session only (never written to a file): enter it again "
                "after a restart."
            )
        )

    async def _check_key(self, provider_name: str, base_url: str, key: str) -> bool:
        """Whether the key works; shows any failure under the Test button.

        ApiPay: the keyless ``GET /status`` first (is there a service at this address?), then
        ``GET /invoices``. xPayment has no keyless call: its one authenticated read,
        ``GET /payments``, also tells a wrong address (404 or an answer that is not the API).
        """
        if provider_name == "apipay":
            try:
                async with httpx.AsyncClient(timeout=httpx.Timeout(10.0)) as client:
                    answer = await client.get(base_url + "/status")
            except httpx.HTTPError as exc:
                log.info("onboarding: status check failed (%s)", type(exc).__name__)
                self._set_key_status("error", self._no_network_text)
                return False
            if answer.status_code >= 500:
                self._set_key_status("error", self._service_down_text)
                return False
            if answer.status_code == 404:
                self._set_key_status("error", lambda: self._no_service_text(provider_name))
                return False
        provider = self._factory(provider_name, base_url, key)
        try:
            await provider.list_payments(PaymentQuery(per_page=1))
        except AuthenticationError:
            self._set_key_status("error", lambda: self._refused_key_text(provider_name))
            return False
        except NotFoundError:
            self._set_key_status("error", lambda: self._no_service_text(provider_name))
            return False
        except ProtocolError as err:
            if provider_name == "xpayment":
                # No keyless status call to ask first: a web page (or anything that is not the
                # API) answering at this address shows up here.
                self._set_key_status("error", lambda: self._no_service_text(provider_name))
            else:
                self._set_key_status("error", lambda e=err: translate_error(e))  # type: ignore[misc]
            return False
        except ForbiddenError as err:
            # The key is right, the account is not ready: keep the key, say what to do.
            log.info("onboarding: key valid, account refused (%s)", err.error_code)
            self._set_key_status("error", lambda e=err: self._forbidden_text(e))  # type: ignore[misc]
            return err.error_code in ("organization_required", "organization_not_verified")
        except (NetworkError, httpx.HTTPError):
            self._set_key_status("error", self._no_network_text)
            return False
        except ProviderUnavailableError:
            self._set_key_status("error", self._service_down_text)
            return False
        except RateLimitedError:
            self._set_key_status(
                "error",
                lambda: self.tr("Too many requests right now. Wait a minute and test again."),
            )
            return False
        except PaymentError as err:
            self._set_key_status("error", lambda e=err: translate_error(e))  # type: ignore[misc]
            return False
        finally:
            with contextlib.suppress(Exception):
                await provider.aclose()
        return True

    def _refused_key_text(self, provider_name: str) -> str:
        if provider_name == "xpayment":
            return self.tr(
                "The key was not accepted. Check the device API key xPayment gave you (all of "
                "it, nothing more) and test again."
            )
        return self.tr(
            "The key was not accepted. Copy it again from the dashboard (all of it, nothing "
            "more) and test again."
        )

    def _no_service_text(self, provider_name: str) -> str:
        if provider_name == "xpayment":
            return self.tr(
                "There is no xPayment service at this address. Check the API address xPayment "
                "gave you, then test again."
            )
        return self.tr(
            "There is no ApiPay.kz service at this address. Check the API address (it usually "
            "ends with /api/v1)."
        )

    def _no_network_text(self) -> str:
        return self.tr(
            "No connection to the payment service. Check the internet connection and the API "
            "address, then test again."
        )

    def _service_down_text(self) -> str:
        return self.tr(
            "The payment service is not available right now. Try again in a few minutes."
        )

    def _forbidden_text(self, err: ForbiddenError) -> str:
        if err.error_code in ("organization_required", "organization_not_verified"):
            return self.tr(
                "The key works, but the organisation is not verified yet. Verify it on the "
                "next page."
            )
        if err.error_code == "tariff_inactive":
            return self.tr(
                "The key works, but the shop's ApiPay.kz plan is not active. Renew it in the "
                "dashboard, then test again."
            )
        return translate_error(err) + " " + self.tr("Then test the key again.")

    # -- organisation verification ----------------------------------------------------------

    def _on_iin_edited(self, text: str) -> None:
        digits = "".join(ch for ch in text if not ch.isspace())
        self.verify_button.setEnabled(bool(digits) and not self._busy("verify"))
        if self._iin_status is not None:
            self._iin_status = None
            self._show_status(self.iin_status_label, None)

    def start_verification(self) -> asyncio.Task[Any] | None:
        """Check the IIN/BIN and start the verification (polls until an outcome).

        Returns:
            The running verification (tests wait for it), or ``None`` when it did not start.
        """
        if self._busy("verify"):
            return None
        try:
            idn = validate_iin_bin(self.iin_input.text())
        except DomainError as err:
            self._set_iin_status("error", lambda e=err: translate_error(e))  # type: ignore[misc]
            return None
        key = self._tested_key or clean_key(self.api_key_input.text())
        base_url = self.base_url_input.text().strip().rstrip("/")
        self.verify_button.setEnabled(False)
        self.verification = "pending"
        self._render_verify_buttons()
        self._set_verify_status("busy", lambda: self.tr("Sending the request…"))
        return self._run(self._verify(base_url, key, idn), "verify")

    async def _verify(self, base_url: str, key: str, idn: str) -> None:
        provider = self._factory("apipay", base_url, key)
        try:
            outcome = await self._verify_with(provider.organizations, idn)
        finally:
            self._stop_countdown()
            with contextlib.suppress(Exception):
                await provider.aclose()
        self.verify_button.setEnabled(bool(self.iin_input.text().strip()))
        self.verification = outcome
        self._render_verify_buttons()
        log.info("onboarding: organisation verification %s", outcome)

    async def _verify_with(self, organizations: Any, idn: str) -> str:
        try:
            started = await organizations.verify(idn)
        except ValidationError as err:
            self._set_verify_status("error", lambda e=err: self._refused_text(e))  # type: ignore[misc]
            return "error"
        except PaymentError as err:
            self._set_verify_status("error", lambda e=err: self._verify_error_text(e))  # type: ignore[misc]
            return "error"
        self._start_countdown()
        self._set_verify_status(
            "busy",
            lambda: self.tr(
                "Request sent. Open Kaspi Business on the owner's phone and confirm it."
            ),
        )
        loop = asyncio.get_running_loop()
        # The service decides the time-out (410: VerificationExpiredError); the local deadline
        # only stops a poll that would otherwise never end when the service says nothing.
        deadline = loop.time() + VERIFY_TIMEOUT_SECONDS + 10
        while True:
            try:
                current = await organizations.status(started.id)
            except PaymentError as err:
                if isinstance(err, VerificationExpiredError):
                    self._set_verify_status("error", self._timeout_text)
                    return "timeout"
                if isinstance(err, NetworkError | ProviderUnavailableError | RateLimitedError):
                    # A lost poll is not an outcome: keep asking until the deadline.
                    current = None
                else:
                    self._set_verify_status("error", lambda e=err: self._verify_error_text(e))  # type: ignore[misc]
                    return "error"
            if current is not None:
                if current.time_remaining is not None:
                    self._remaining = max(0, current.time_remaining)
                    self._show_remaining()
                if current.status == "verified":
                    self._set_verify_status(
                        "ok",
                        lambda: self.tr("The organisation is verified. You can take payments."),
                    )
                    return "verified"
                if current.status == "failed":
                    self._set_verify_status(
                        "error",
                        lambda: self.tr(
                            "The request was declined in Kaspi Business. Check the IIN/BIN and "
                            "that the service phone is added as Cashier, then try again."
                        ),
                    )
                    return "failed"
            if loop.time() >= deadline:
                self._set_verify_status("error", self._timeout_text)
                return "timeout"
            await asyncio.sleep(self.poll_seconds)

    def _timeout_text(self) -> str:
        return self.tr(
            "Nobody confirmed the request within 2 minutes. Keep Kaspi Business open on the "
            "owner's phone and try again."
        )

    def _refused_text(self, err: ValidationError) -> str:
        return self.tr("The service did not accept this IIN/BIN. Check the number.") + (
            "" if not err.params else " " + translate_error(err)
        )

    def _verify_error_text(self, err: PaymentError) -> str:
        if isinstance(err, NetworkError):
            return self._no_network_text()
        if isinstance(err, AuthenticationError):
            return self.tr("The key was not accepted. Go back and test the key again.")
        return translate_error(err)

    def _start_countdown(self) -> None:
        self._remaining = VERIFY_TIMEOUT_SECONDS
        self.countdown_bar.setVisible(True)
        self._show_remaining()
        self._countdown.start()

    def _stop_countdown(self) -> None:
        self._countdown.stop()
        self.countdown_bar.setVisible(False)

    def _tick(self) -> None:
        self._remaining = max(0, self._remaining - 1)
        self._show_remaining()

    def _show_remaining(self) -> None:
        self.countdown_bar.setValue(self._remaining)

    @property
    def remaining_seconds(self) -> int:
        """Seconds left to confirm, as the countdown shows it."""
        return self._remaining

    # -- closing ----------------------------------------------------------------------------

    def _on_finished(self, _result: int) -> None:
        self._stop_countdown()
        for task in list(self._tasks):
            task.cancel()
        # The key is in the keyring (or memory) now: do not leave it in a widget.
        self.api_key_input.clear()

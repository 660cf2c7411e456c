"""Application entry point: command line → QApplication → qasync loop → services + window.

Start order (:func:`build_application`), each step logged:

1. **paths + logging** — the data folder (``--data-dir`` or platformdirs) and the rotating,
   redacted log in ``<data>/logs/``;
2. **config** — ``settings.ini`` (QSettings) plus this run's command-line overrides; the
   translations and the theme it names;
3. **secrets** — the keyring (or session-only memory); the key is ``AppOptions.api_key``, else
   ``POS_APP_API_KEY``, else the stored one. No key (or ``--demo``) means demo mode;
4. **sandbox** (demo mode only) — the embedded sandbox on 127.0.0.1 in ``<data>/sandbox``
   (its ApiPay side, or its xPayment side with ``--provider xpayment``);
5. **HTTP client / provider** — one ``httpx.AsyncClient`` per provider account (inside the
   provider) and the keyless network monitor's client;
6. **journal** — ``<data>/journal/journal.sqlite3`` (WAL, migrated);
7. **services** — the network monitor (and what later issues add);
8. **window** — ``MainWindow`` with the counter screen; the first-start welcome.

Shutdown (:meth:`Application.shutdown`) runs the reverse, on the still-running loop:

1. window closed (and the welcome / hotkeys dialogs);
2. running tasks cancelled *and awaited* (:class:`~pos_app.tasks.TaskRegistry`);
3. services stopped (a screen's ``shutdown()`` hook, the monitor);
4. HTTP clients closed — before the loop ends, or httpx warns about unclosed transports;
5. journal closed;
6. sandbox stopped;
7. theme and log handlers released.

Scripts and tests build the whole app in-process without the command line::

    app = build_application(AppOptions(data_dir=tmp, base_url=url, api_key=key))
    ...
    await app.shutdown()
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import importlib
import inspect
import logging
import os
import signal
import sqlite3
import sys
import threading
import time
import uuid
from collections.abc import Awaitable, Callable, Coroutine, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

import httpx
from PySide6.QtCore import QCoreApplication, Qt, QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QWidget

from pos_app import APP_NAME, ORG_NAME, __version__, logging_setup
from pos_app.config import Config
from pos_app.paths import DataPaths, default_data_dir
from pos_app.secrets import ApiKey, KeyringBackend, SecretStore, resolve_api_key
from pos_app.tasks import TaskRegistry

__all__ = [
    "AppContext",
    "AppOptions",
    "Application",
    "NetworkMonitor",
    "SelfTestResult",
    "build_application",
    "main",
    "payments_self_test",
    "protect_singletons",
]

log = logging.getLogger(__name__)

T = TypeVar("T")

#: Seconds between two keyless ``GET <base>/status`` checks of the network indicator.
NETWORK_CHECK_SECONDS = 30.0
#: The self-test gives up after this long (the sandbox answers in well under a second).
SELF_TEST_TIMEOUT_SECONDS = 60.0


# ---------------------------------------------------------------------------------------------
# a work-around for PySide6 6.12 on Python 3.11
# ---------------------------------------------------------------------------------------------

_singletons_protected = False


def protect_singletons() -> None:
    """Keep ``None``/``True``/``False`` alive despite PySide6 6.12's refcount bug on Python 3.11.

    PySide6 6.12 is built for the stable ABI (``abi3``) and its void methods (``setText``,
    ``QTimer.start``/``stop``, ``QObject.killTimer`` …) give back ``None`` without taking a
    reference: one reference to ``None`` is lost per call. Python ≥ 3.12 makes ``None``
    immortal, so nothing happens there; on 3.11 the count reaches zero after a few thousand
    calls (qasync calls ``killTimer`` on every ``asyncio.sleep``), and the process aborts with
    "none_dealloc: deallocating None". This does on 3.11 what 3.12 does: it adds 2**40 references
    to the three singletons once, so they can never be freed. Drop it with Python 3.11 support.
    """
    global _singletons_protected
    if _singletons_protected or sys.version_info >= (3, 12):
        return
    # pyproject pins PySide6 below 6.12; the guard stays for a 6.12 installed by hand.
    from PySide6 import __version_info__ as pyside_version

    if tuple(pyside_version[:2]) != (6, 12):
        return
    import ctypes

    for obj in (None, True, False):
        # ob_refcnt is the first field of every object in CPython's (non-debug) layout.
        ctypes.c_ssize_t.from_address(id(obj)).value += 1 << 40
    _singletons_protected = True


# ---------------------------------------------------------------------------------------------
# options and context
# ---------------------------------------------------------------------------------------------


@dataclass
class AppOptions:
    """Everything that decides how the app starts (the command line fills one of these).

    Attributes:
        data_dir: The data folder (``None``: the per-user default).
        demo: Force demo mode (the embedded sandbox) even with a key.
        provider: ``apipay`` or ``xpayment`` for this run (not stored).
        base_url: API base URL for this run (not stored).
        api_key: A key for this run (tests, scripts); never stored, never logged.
        language: ``ru``, ``kk`` or ``en`` for this run.
        theme: ``light``, ``dark`` or ``system`` for this run.
        show_welcome: ``None``: on the first start in demo mode; ``True``/``False`` forces it.
        keyring_backend: A keyring backend (tests pass an in-memory one).
        environ: Where ``POS_APP_API_KEY`` is read (default ``os.environ``).
        console_log: Also log to stderr.
        network_check_seconds: Interval of the network indicator's checks; 0 disables them.
        sandbox_overrides: Extra ``SandboxConfig`` fields for the demo sandbox.
        self_test_flow: The sale the self-test rings up (default: the checkout UI flow,
            :func:`pos_app.ui.checkout.self_test.ui_self_test`; else :func:`payments_self_test`).
        watcher_settings: Poll intervals of the payment watcher (``WatcherSettings``; default
            from the ``poll_interval_seconds`` setting). Tests pass faster ones.
    """

    data_dir: Path | None = None
    demo: bool = False
    provider: str | None = None
    base_url: str | None = None
    api_key: str | None = field(default=None, repr=False)
    language: str | None = None
    theme: str | None = None
    show_welcome: bool | None = None
    keyring_backend: KeyringBackend | None = None
    environ: Mapping[str, str] | None = field(default=None, repr=False)
    console_log: bool = False
    network_check_seconds: float = NETWORK_CHECK_SECONDS
    sandbox_overrides: Mapping[str, Any] = field(default_factory=dict)
    self_test_flow: Callable[[Application], Awaitable[SelfTestResult]] | None = None
    watcher_settings: Any = None


@dataclass
class AppContext:
    """What screens get from the app (``CounterScreen(context)``).

    Attributes:
        config: The settings.
        provider: The payments provider (``PaymentProvider``).
        data_dir: The data folder.
        paths: Its files and sub-folders (``cache_dir``, ``journal_dir`` …).
        spawn: Start a coroutine that is kept referenced and cancelled on exit.
        journal: The journal database connection (UI thread only).
        secrets: The key store.
        demo: Demo mode (the embedded sandbox).
        default_shop_name: Shown when the ``shop_name`` setting is empty (demo: the sandbox's).
        sandbox_root_url: The demo sandbox's root URL (control API), else ``None``.
        checkout: The ``CheckoutService`` (phone and QR sales, the payment watcher).
        refunds: The ``RefundService`` (refunds journaled before they are sent, then watched).
    """

    config: Config
    provider: Any
    data_dir: Path
    paths: DataPaths
    spawn: Callable[..., asyncio.Task[Any]]
    journal: sqlite3.Connection
    secrets: SecretStore
    demo: bool
    default_shop_name: str = ""
    sandbox_root_url: str | None = None
    checkout: Any = None
    refunds: Any = None


@dataclass(frozen=True)
class SelfTestResult:
    """The outcome of ``--self-test``: ``line`` is what gets printed."""

    ok: bool
    line: str


# ---------------------------------------------------------------------------------------------
# services owned by the shell
# ---------------------------------------------------------------------------------------------


class NetworkMonitor:
    """Checks whether the payment service answers and tells the window.

    It calls the keyless ``GET <base>/status`` of ApiPay, so it neither spends the key's rate
    limit budget in a way that matters (one call per interval) nor sends the key anywhere.
    Any HTTP answer below 500 counts as "online": the service is reachable.
    """

    def __init__(self, base_url: str, report: Callable[[str], None], interval: float) -> None:
        self._url = base_url.rstrip("/") + "/status"
        self._report = report
        self.interval = interval
        self.client = httpx.AsyncClient(timeout=httpx.Timeout(5.0), follow_redirects=False)

    async def check(self) -> str:
        """One check; returns and reports ``online`` or ``offline``."""
        from pos_app.ui.main_window import NetworkState

        try:
            response = await self.client.get(self._url)
        except httpx.HTTPError as exc:
            log.info("network check: %s", type(exc).__name__)
            state = NetworkState.OFFLINE
        else:
            state = NetworkState.ONLINE if response.status_code < 500 else NetworkState.OFFLINE
        self._report(state)
        return state

    async def run(self) -> None:
        """Check forever at the interval (cancelled at shutdown)."""
        while True:
            await self.check()
            await asyncio.sleep(self.interval)

    async def aclose(self) -> None:
        """Close the HTTP client."""
        await self.client.aclose()


def make_provider(name: str, base_url: str, api_key: str, config: Config) -> Any:
    """The payments provider for ``name`` over its own HTTP client.

    Raises:
        ValueError: An unknown provider, or one this build does not include yet.
    """
    if name == "apipay":
        from pos_app.payments.apipay import ApiPayProvider

        return ApiPayProvider.from_key(
            api_key, base_url=base_url, rate_limit_per_minute=config.requests_per_minute
        )
    if name == "xpayment":
        try:
            xpayment: Any = importlib.import_module("pos_app.payments.xpayment")
        except ImportError as exc:
            raise ValueError("the xPayment provider is not part of this build yet") from exc
        factory: Any = xpayment.XPaymentProvider
        return factory.from_key(
            api_key, base_url=base_url, rate_limit_per_minute=config.requests_per_minute
        )
    raise ValueError(f"unknown provider {name!r}")


# ---------------------------------------------------------------------------------------------
# the application
# ---------------------------------------------------------------------------------------------


class Application:
    """The running app: services, window, and the ordered shutdown.

    Built by :func:`build_application`; attributes are public for tests and scripts.
    """

    def __init__(self, options: AppOptions, qapp: QApplication) -> None:
        self.options = options
        self.qapp = qapp
        self.tasks = TaskRegistry()
        self.paths: DataPaths
        self.config: Config
        self.secrets: SecretStore
        self.api_key: ApiKey | None = None
        self.demo = False
        self.sandbox: Any = None
        self.provider: Any = None
        self.monitor: NetworkMonitor | None = None
        self.journal: sqlite3.Connection | None = None
        self.context: AppContext
        self.theme: Any = None
        self.window: Any = None
        self.welcome: Any = None
        self.checkout: Any = None
        self.refunds: Any = None
        self.translators: list[QTranslator] = []
        self.i18n: Any = None
        self.onboarding: Any = None
        self.settings_dialog: Any = None
        self.log_file: Path | None = None
        self.is_shut_down = False
        self._shutting_down = False

    # -- running things ---------------------------------------------------------------------

    def spawn(self, coro: Coroutine[Any, Any, T], *, name: str | None = None) -> asyncio.Task[T]:
        """Start ``coro`` on the loop, kept referenced and cancelled at shutdown."""
        return self.tasks.spawn(coro, name=name)

    # -- building (called in order by build_application) -----------------------------------

    def _start_logging(self) -> None:
        root = self.options.data_dir or default_data_dir()
        self.paths = DataPaths(root.expanduser().resolve()).ensure()
        self.log_file = logging_setup.setup_logging(
            self.paths.logs_dir, console=self.options.console_log
        )
        log.info("pos-app %s starting, data folder %s", __version__, self.paths.root)

    def _load_config(self) -> None:
        self.config = Config(self.paths.settings_file)
        for name in ("provider", "base_url", "language", "theme"):
            value = getattr(self.options, name)
            if value is not None:
                self.config.override(name, value)
        from pos_app.i18n import Translations, initial_language

        self.i18n = Translations(self.qapp)
        # An explicit --lang (AppOptions.language) wins over the saved and the system language.
        language = self.options.language or initial_language(self.config)
        if language != self.config.language:
            self.config.override("language", language)  # the system's language, not stored
        self._install_translations(language)
        self.config.sig_changed.connect(self._on_setting_changed)
        from pos_app.ui.theme import ThemeManager

        self.theme = ThemeManager(self.qapp)
        self.theme.apply(self.config.theme)
        log.info("config loaded (language %s, theme %s)", self.config.language, self.config.theme)

    def _install_translations(self, language: str) -> None:
        self.i18n.install(language)
        # The same list object: shutdown removes whatever is installed at that time.
        self.translators = self.i18n.translators

    def _open_secrets(self) -> None:
        self.secrets = SecretStore(self.options.keyring_backend)
        self.secrets.probe()
        log.info(
            "keyring backend %s%s",
            self.secrets.backend_name,
            " (session only)" if self.secrets.session_only else "",
        )
        if self.options.api_key:
            logging_setup.register_secret(self.options.api_key)
            self.api_key = ApiKey(self.options.api_key, "session")
        else:
            self.api_key = resolve_api_key(
                self.secrets, self.config.provider, self.config.api_account, self.options.environ
            )
        self.demo = self.options.demo or self.api_key is None
        log.info(
            "mode: %s",
            "demo" if self.demo else f"{self.config.provider} (key from {self.api_key.source})"
            if self.api_key
            else "demo",
        )

    def _start_sandbox(self) -> None:
        if not self.demo:
            return
        from pos_app.sandbox.embedded import EmbeddedSandbox, SandboxConfig

        settings: dict[str, Any] = {
            "data_dir": self.paths.sandbox_dir,
            "auto_pay_after_seconds": None,
            **self.options.sandbox_overrides,
        }
        self.sandbox = EmbeddedSandbox(SandboxConfig(**settings))
        self.sandbox.start()
        log.info("demo sandbox started at %s", self.sandbox.root_url)

    def _make_provider(self) -> None:
        if self.demo:
            # --provider picks which side of the embedded sandbox the demo runs on.
            name, base_url, key = "apipay", self.sandbox.base_url, self.sandbox.api_key
            if self.options.provider == "xpayment":
                from pos_app.sandbox.xpayment import XPAYMENT_PREFIX

                name, base_url = "xpayment", self.sandbox.root_url + XPAYMENT_PREFIX
                key = self.sandbox.config.xpayment_api_key
        else:
            assert self.api_key is not None
            name, base_url, key = self.config.provider, self.config.base_url, self.api_key.value
            if not base_url:
                raise ValueError(f"no base URL configured for provider {name!r}")
        self.provider = make_provider(name, base_url, key, self.config)
        if self.options.network_check_seconds > 0:
            self.monitor = NetworkMonitor(
                base_url, self._report_network, self.options.network_check_seconds
            )
        log.info("provider %s at %s", name, base_url)

    def _open_journal(self) -> None:
        from pos_app.journal.db import open_journal

        self.journal = open_journal(self.paths.journal_dir)
        log.info("journal open")

    def _start_services(self) -> None:
        if self.monitor is not None:
            self.spawn(self.monitor.run(), name="network-monitor")
        from pos_app.journal.sales import SalesJournal
        from pos_app.services.checkout import CheckoutService
        from pos_app.services.watcher import WatcherSettings

        assert self.journal is not None
        # Started (and unfinished sales resumed) by the checkout UI once it listens.
        self.checkout = CheckoutService(
            SalesJournal(self.journal),
            self.provider,
            register_name=self.config.register_name,
            watcher_settings=self.options.watcher_settings
            or WatcherSettings(interval=float(self.config.poll_interval_seconds)),
        )
        from pos_app.journal.refunds import RefundJournal
        from pos_app.services.refunds import RefundService

        self.refunds = RefundService(
            RefundJournal(self.journal),
            self.provider,
            register_name=self.config.register_name,
            poll_seconds=float(self.config.poll_interval_seconds),
            locale=self.config.language,
        )
        log.info("services started")

    def _build_window(self) -> None:
        from pos_app.ui.main_window import MainWindow

        assert self.journal is not None
        self.context = AppContext(
            config=self.config,
            provider=self.provider,
            data_dir=self.paths.root,
            paths=self.paths,
            spawn=self.spawn,
            journal=self.journal,
            secrets=self.secrets,
            demo=self.demo,
            default_shop_name=self.sandbox.config.shop_name if self.sandbox else "",
            sandbox_root_url=self.sandbox.root_url if self.sandbox else None,
            checkout=self.checkout,
            refunds=self.refunds,
        )
        self.window = MainWindow(self.context)
        self.window.set_theme_checked(self.theme.requested)
        self.window.sig_theme_requested.connect(self._on_theme_requested)
        self.window.sig_settings_requested.connect(self.show_settings)
        self.window.resize(1280, 800)
        # Refunds left unfinished by the last run: reconcile lost answers, watch queued ones.
        self.spawn(self._resume_refunds(), name="refund-resume")
        log.info("window built")

    async def _resume_refunds(self) -> None:
        from pos_app.payments.errors import PaymentError

        try:
            await self.refunds.resume()
        except PaymentError as error:
            log.warning("refund resume failed: %s", error)

    # -- user actions -----------------------------------------------------------------------

    def _report_network(self, state: str) -> None:
        if self.window is not None and not self._shutting_down:
            self.window.set_network_state(state)

    def _on_theme_requested(self, name: str) -> None:
        self.config.set("theme", name)
        self.theme.apply(name)
        self.window.set_theme_checked(name)

    def _on_setting_changed(self, name: str) -> None:
        """Apply what can change while the app runs: the language and the theme."""
        if self._shutting_down:
            return
        if name == "language" and self.config.language != self.i18n.language:
            self.i18n.switch(self.config.language)
        elif name == "theme" and self.theme is not None and self.window is not None:
            self.theme.apply(self.config.theme)
            self.window.set_theme_checked(self.config.theme)

    def show_settings(self) -> Any:
        """Open the settings dialog (non-blocking), or raise the one already open."""
        from pos_app.ui.settings_dialog import SettingsDialog

        if self.settings_dialog is not None and self.settings_dialog.isVisible():
            self.settings_dialog.raise_()
            return self.settings_dialog
        dialog = SettingsDialog(
            self.config, self.secrets, self.paths, open_wizard=self.show_onboarding,
            parent=self.window,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda: setattr(self, "settings_dialog", None))
        self.settings_dialog = dialog
        dialog.open()
        return dialog

    def show_onboarding(self) -> Any:
        """Open the onboarding wizard (non-blocking): demo, or connect an account."""
        from pos_app.ui.onboarding import OnboardingWizard

        if self.onboarding is not None and self.onboarding.isVisible():
            self.onboarding.raise_()
            return self.onboarding
        wizard = OnboardingWizard(self.config, self.secrets, spawn=self.spawn, parent=self.window)
        wizard.sig_key_stored.connect(
            lambda _provider: self.window.set_session_only(self.secrets.session_only)
        )
        wizard.finished.connect(lambda _result: self.config.set("welcome_shown", True))
        self.onboarding = wizard
        wizard.open()
        return wizard

    def should_show_welcome(self) -> bool:
        """First start (never shown before) in demo mode, unless the options say otherwise."""
        if self.options.show_welcome is not None:
            return self.options.show_welcome
        return self.api_key is None and not self.config.welcome_shown

    def show(self) -> None:
        """Show the window, and the welcome over it on a first start."""
        self.window.show()
        # The counter (its search field) takes the keyboard, not the first top-bar button.
        self.window.counter_screen.setFocus(Qt.FocusReason.OtherFocusReason)
        if self.should_show_welcome():
            self.show_welcome()

    def show_welcome(self) -> Any:
        """Open the welcome dialog (non-blocking) and remember that it was shown."""
        from pos_app.ui.welcome import WelcomeDialog

        dialog = WelcomeDialog(self.window)
        dialog.sig_wizard_requested.connect(self.show_onboarding)
        dialog.finished.connect(lambda _result: self.config.set("welcome_shown", True))
        self.welcome = dialog
        dialog.open()
        return dialog

    # -- shutdown ---------------------------------------------------------------------------

    async def shutdown(self) -> None:
        """Stop everything in the reverse of the start order (see the module docstring).

        Safe to call twice; every step runs even when an earlier one failed.
        """
        if self._shutting_down:
            return
        self._shutting_down = True
        log.info("shutdown: window")
        for dialog in (
            self.welcome,
            self.onboarding,
            self.settings_dialog,
            getattr(self.window, "hotkeys_dialog", None),
        ):
            with _logged("closing a dialog"):
                if dialog is not None:
                    dialog.close()
        checkout_ui = getattr(self.window, "checkout", None)
        if checkout_ui is not None:
            with _logged("closing the checkout dialogs and customer display"):
                checkout_ui.shutdown()
        if self.window is not None:
            with _logged("closing the window"):
                self.window.hide()

        log.info("shutdown: %d running task(s)", len(self.tasks.running))
        with _logged("cancelling tasks"):
            await self.tasks.cancel_all()

        log.info("shutdown: services")
        for screen_name in ("counter_screen", "history_screen_if_built"):
            screen = getattr(self.window, screen_name, None)
            hook = getattr(screen, "shutdown", None)
            if callable(hook):
                with _logged(f"stopping the {screen_name}"):
                    result = hook()
                    if inspect.isawaitable(result):
                        await result
        if self.checkout is not None:
            with _logged("stopping the payment watcher"):
                await self.checkout.aclose()
        if self.refunds is not None:
            with _logged("stopping the refund watcher"):
                await self.refunds.aclose()

        log.info("shutdown: HTTP clients")
        if self.monitor is not None:
            with _logged("closing the monitor's client"):
                await self.monitor.aclose()
        if self.provider is not None:
            with _logged("closing the provider"):
                await self.provider.aclose()

        log.info("shutdown: journal")
        if self.journal is not None:
            with _logged("closing the journal"):
                self.journal.close()

        if self.sandbox is not None:
            log.info("shutdown: sandbox")
            with _logged("stopping the sandbox"):
                await _in_thread(self.sandbox.stop, "sandbox-stop")

        with _logged("releasing the window"):
            if self.window is not None:
                self.window.close()
                self.window.deleteLater()
            if self.theme is not None:
                self.theme.close()
            for translator in self.translators:
                QCoreApplication.removeTranslator(translator)
        log.info("shutdown complete")
        self.is_shut_down = True
        logging_setup.shutdown_logging()

    # -- self-test --------------------------------------------------------------------------

    async def self_test(self) -> SelfTestResult:
        """Ring up and pay one demo sale end to end (``--self-test``)."""
        flow = self.options.self_test_flow
        if flow is None:
            flow = payments_self_test
            if getattr(self.window, "checkout", None) is not None:
                from pos_app.ui.checkout.self_test import ui_self_test

                flow = ui_self_test
        return await flow(self)


async def _in_thread(func: Callable[[], None], name: str) -> None:
    """Run ``func`` on a plain Python thread and wait for it without blocking the UI.

    Not ``run_in_executor``: qasync's default executor is made of QThreads that outlive the
    loop and make Qt complain ("QThread: Destroyed while thread is still running") at exit.
    """
    loop = asyncio.get_running_loop()
    done: asyncio.Future[None] = loop.create_future()

    def finish(exc: BaseException | None) -> None:
        if done.done():
            return
        if exc is None:
            done.set_result(None)
        else:
            done.set_exception(exc)

    def target() -> None:
        try:
            func()
        except BaseException as exc:  # handed to the awaiting coroutine
            loop.call_soon_threadsafe(finish, exc)
        else:
            loop.call_soon_threadsafe(finish, None)

    threading.Thread(target=target, name=name, daemon=True).start()
    await done


@contextlib.contextmanager
def _logged(what: str) -> Any:
    """Log (not raise) a failure of one shutdown step so the later steps still run."""
    try:
        yield
    except Exception:
        log.exception("shutdown: %s failed", what)


def build_application(options: AppOptions, qapp: QApplication | None = None) -> Application:
    """Build the whole app in the documented order, without showing it.

    Args:
        options: How to start (data folder, key, base URL …).
        qapp: The ``QApplication`` (default: the existing instance, else a new one).

    Returns:
        The :class:`Application`; call :meth:`Application.show` to show it and
        ``await app.shutdown()`` (on the running loop) to stop it.

    Raises:
        Exception: Whatever a step raised, after undoing the steps already done.
    """
    protect_singletons()
    instance = QApplication.instance()
    if qapp is None:
        qapp = instance if isinstance(instance, QApplication) else QApplication([APP_NAME])
    qapp.setApplicationName(APP_NAME)
    qapp.setOrganizationName(ORG_NAME)
    qapp.setApplicationVersion(__version__)
    app = Application(options, qapp)
    steps = (
        app._start_logging,
        app._load_config,
        app._open_secrets,
        app._start_sandbox,
        app._make_provider,
        app._open_journal,
        app._start_services,
        app._build_window,
    )
    try:
        for step in steps:
            step()
    except BaseException:
        log.exception("start failed")
        _undo_partial_start(app)
        raise
    return app


def _undo_partial_start(app: Application) -> None:
    """Release what a failed start had opened (no loop may be running here)."""
    for task in app.tasks.running:
        task.cancel()
    if app.journal is not None:
        with contextlib.suppress(Exception):
            app.journal.close()
    for client_owner in (app.monitor, app.provider):
        if client_owner is None:
            continue
        with contextlib.suppress(Exception):
            closer = client_owner.aclose()
            # No running loop to await on: close the coroutine; the sockets go with the process.
            closer.close()
    if app.sandbox is not None:
        with contextlib.suppress(Exception):
            app.sandbox.stop()
    if app.theme is not None:
        app.theme.close()


# ---------------------------------------------------------------------------------------------
# self-test
# ---------------------------------------------------------------------------------------------


async def payments_self_test(app: Application) -> SelfTestResult:
    """One demo sale through the payments layer: create a QR invoice, pay it, see it paid.

    The customer's side is the sandbox's control API (``POST /_sandbox/invoices/{id}/pay``).
    The checkout issue replaces this with the real UI flow (``AppOptions.self_test_flow``).
    """
    from pos_app.domain.cart import Cart
    from pos_app.domain.money import format_amount
    from pos_app.domain.sale import SaleState
    from pos_app.payments.base import CreatePayment

    if app.sandbox is None:
        return SelfTestResult(False, "self-test FAILED: not in demo mode")
    started = time.monotonic()
    cart = Cart()
    cart.add_free_amount(Decimal("1500"), name="Self-test")
    order_id = f"selftest-{uuid.uuid4().hex[:12]}"
    payment = await app.provider.create_qr_payment(
        CreatePayment(order_id=order_id, cart=cart, description="pos-app self-test")
    )
    async with httpx.AsyncClient(base_url=app.sandbox.root_url, timeout=10) as control:
        # The invoice is "processing" for a moment after creation; paying it then is refused.
        for _ in range(100):
            answer = await control.post(f"/_sandbox/invoices/{payment.id}/pay")
            if answer.status_code < 400:
                break
            await asyncio.sleep(0.1)
        else:
            return SelfTestResult(
                False, f"self-test FAILED: the sandbox refused to pay ({answer.status_code})"
            )
    while True:
        current = await app.provider.get_payment(payment.id)
        if current.state == SaleState.PAID:
            break
        if current.state is not None and current.state not in (
            SaleState.WAITING,
            SaleState.CREATING,
        ):
            return SelfTestResult(False, f"self-test FAILED: sale ended {current.status_raw}")
        await asyncio.sleep(0.1)
    seconds = time.monotonic() - started
    amount = format_amount(current.amount, "en")
    return SelfTestResult(
        True, f"self-test ok: demo sale of {amount} paid (invoice {current.id}) in {seconds:.1f} s"
    )


async def _self_test_main(options: AppOptions, qapp: QApplication) -> SelfTestResult:
    try:
        app = build_application(options, qapp)
    except Exception as exc:
        return SelfTestResult(False, f"self-test FAILED: start: {logging_setup.redact(str(exc))}")
    try:
        app.show()
        result = await asyncio.wait_for(app.self_test(), SELF_TEST_TIMEOUT_SECONDS)
    except Exception as exc:
        log.exception("self-test failed")
        text = logging_setup.redact(str(exc) or type(exc).__name__)
        result = SelfTestResult(False, f"self-test FAILED: {text}")
    finally:
        await app.shutdown()
    return result


# ---------------------------------------------------------------------------------------------
# command line
# ---------------------------------------------------------------------------------------------


def build_arg_parser() -> argparse.ArgumentParser:
    """The command line of ``pos-app``."""
    parser = argparse.ArgumentParser(prog="pos-app", description="Kaspi Pay point of sale")
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    parser.add_argument(
        "--keyring-info",
        action="store_true",
        help="print which keyring backend stores the API key, and whether it works; exit",
    )
    parser.add_argument(
        "--demo", action="store_true", help="run on the built-in sandbox (no real payments)"
    )
    parser.add_argument("--provider", choices=("apipay", "xpayment"), help="payment provider")
    parser.add_argument("--base-url", metavar="URL", help="API base URL of the provider")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        type=Path,
        help="folder for everything the app writes (settings, journal, cache, logs)",
    )
    parser.add_argument("--lang", choices=("ru", "kk", "en"), help="interface language")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="build the window offscreen, pay one demo sale, print one line, exit 0 or 1",
    )
    return parser


def options_from_args(args: argparse.Namespace) -> AppOptions:
    """The :class:`AppOptions` the command line asks for."""
    return AppOptions(
        data_dir=args.data_dir,
        demo=args.demo,
        provider=args.provider,
        base_url=args.base_url,
        language=args.lang,
        console_log=True,
    )


def _make_qapp() -> QApplication:
    instance = QApplication.instance()
    if isinstance(instance, QApplication):
        return instance
    return QApplication([sys.argv[0] if sys.argv else APP_NAME])


def run_self_test(options: AppOptions) -> int:
    """``--self-test``: offscreen, demo mode, one sale; prints one line; returns 0 or 1."""
    # Must be set before the QApplication exists; the self-test never needs a display.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import qasync

    options = replace(options, demo=True, show_welcome=False, console_log=False)
    qapp = _make_qapp()
    loop = qasync.QEventLoop(qapp)
    asyncio.set_event_loop(loop)
    with loop:
        result = loop.run_until_complete(_self_test_main(options, qapp))
    print(result.line)
    return 0 if result.ok else 1


#: Set in the environment, the GUI prints ``startup-probe: window shown`` once the main window
#: has been shown and painted, then closes normally (``packaging/bench_startup.py`` times it).
STARTUP_PROBE_ENV = "POS_APP_STARTUP_PROBE"


async def _run_gui(app: Application) -> int:
    closed = asyncio.Event()
    app.window.sig_close_requested.connect(closed.set)
    app.show()
    if os.environ.get(STARTUP_PROBE_ENV):
        # A zero timer fires after the show and first paint events queued by show().
        def probe() -> None:
            print("startup-probe: window shown", flush=True)
            app.window.close()

        QTimer.singleShot(0, probe)
    await closed.wait()
    await app.shutdown()
    return 0


def run_gui(options: AppOptions) -> int:
    """Start the window on a qasync loop and run until it is closed."""
    import qasync

    qapp = _make_qapp()
    # The app quits after its ordered shutdown, not when Qt sees the last window go.
    qapp.setQuitOnLastWindowClosed(False)
    loop = qasync.QEventLoop(qapp)
    asyncio.set_event_loop(loop)
    try:
        app = build_application(options, qapp)
    except Exception as exc:
        print(f"pos-app: cannot start: {logging_setup.redact(str(exc))}", file=sys.stderr)
        return 1

    def on_signal(_signum: int, _frame: object) -> None:
        # Ctrl+C / SIGTERM close the window, which runs the same shutdown as the close button.
        app.window.close()

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    # Python only runs signal handlers between bytecodes; a tick lets it while Qt waits.
    tick = QTimer()
    tick.start(250)
    tick.timeout.connect(lambda: None)
    with loop:
        code: int = loop.run_until_complete(_run_gui(app))
    return code


def print_keyring_info() -> int:
    """``--keyring-info``: one line naming the keyring backend; exit 0 when it works."""
    store = SecretStore()
    works = store.probe()
    state = "works" if works else f"not usable ({store.trouble}): keys kept for the session only"
    print(f"keyring: {store.backend_name} ({store.backend_description}) — {state}")
    return 0 if works else 1


def main(argv: Sequence[str] | None = None) -> int:
    """Run the app; returns the process exit code."""
    protect_singletons()
    args = build_arg_parser().parse_args(argv)
    if args.version:
        print(f"pos-app {__version__}")
        return 0
    if args.keyring_info:
        return print_keyring_info()
    options = options_from_args(args)
    if args.self_test:
        return run_self_test(options)
    return run_gui(options)


# Re-exported for type hints in screens without importing Qt widgets here at module level.
ScreenFactory = Callable[[AppContext], QWidget]

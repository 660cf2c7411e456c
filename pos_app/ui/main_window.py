"""The main window: top bar, banners, the screen stack and the status bar.

Layout, top to bottom::

    topBar         shop / register name · DEMO badge · network status · hotkeys · theme
    keyringBanner  (only when no keyring works: the API key lives for this session only)
    screenStack    the counter screen (later: checkout, history, settings …)
    statusBar      mode and endpoint, version

The counter screen comes from ``pos_app.ui.counter.CounterScreen(context)`` when that module
is importable; otherwise a placeholder says so, so the shell starts on its own. Buttons for
screens that do not exist yet (settings, history) are not shown at all rather than disabled.

F1 opens a list of every shortcut in the window: each ``QShortcut`` whose ``whatsThis`` is set
and each ``QAction`` with a shortcut, the ``hotkey_help()`` pairs of each screen in the stack
(keys its widgets handle themselves, such as Del in the cart), plus whatever was added with
:meth:`register_hotkey`, so a screen documents its hotkeys where it creates them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QStatusBar,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from pos_app import __version__
from pos_app.ui.theme import icon

if TYPE_CHECKING:
    from pos_app.app import AppContext

__all__ = ["HotkeysDialog", "MainWindow", "NetworkState"]

log = logging.getLogger(__name__)


class NetworkState:
    """The values of the ``networkStatus`` indicator's ``state`` property."""

    UNKNOWN = "unknown"
    ONLINE = "online"
    OFFLINE = "offline"
    KEY_REJECTED = "key_rejected"


def load_counter_screen() -> Callable[[Any], QWidget] | None:
    """The counter screen class, or ``None`` when ``pos_app.ui.counter`` is not there (yet)."""
    try:
        from pos_app.ui.counter import CounterScreen
    except ImportError as exc:
        # Only a missing module means "not built yet"; a broken one must still be seen in logs.
        log.warning("counter screen not available: %s", exc)
        return None
    factory: Callable[[Any], QWidget] = CounterScreen
    return factory


class HotkeysDialog(QDialog):
    """The F1 overlay: every shortcut of the window with what it does."""

    def __init__(self, rows: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("hotkeysDialog")
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.setMinimumSize(520, 420)
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Keyboard shortcuts"))
        title.setProperty("role", "title")
        layout.addWidget(title)
        table = QTableWidget(len(rows), 2, self)
        table.setObjectName("hotkeysTable")
        table.setHorizontalHeaderLabels([self.tr("Key"), self.tr("Action")])
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        table.setShowGrid(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for row, (keys, what) in enumerate(rows):
            table.setItem(row, 0, QTableWidgetItem(keys))
            table.setItem(row, 1, QTableWidgetItem(what))
        layout.addWidget(table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.setObjectName("hotkeysButtons")
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


class MainWindow(QMainWindow):
    """The register's one window.

    Args:
        context: The app's services (``config``, ``provider``, ``data_dir``, ``spawn`` …).
        parent: Qt parent (none in the app).

    Signals:
        sig_close_requested: The user closed the window (the app then shuts down in order).
        sig_theme_requested(str): The user picked ``light``, ``dark`` or ``system``.
        sig_settings_requested: The user asked for the settings (button or Ctrl+,).
    """

    sig_close_requested = Signal()
    sig_theme_requested = Signal(str)
    sig_settings_requested = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._hotkeys: list[tuple[str, str]] = []
        self.hotkeys_dialog: HotkeysDialog | None = None
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("Point of sale"))
        self.setMinimumSize(QSize(960, 640))

        central = QWidget(self)
        central.setObjectName("centralWidget")
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self._build_top_bar())
        column.addWidget(self._build_keyring_banner())
        self.screen_stack = QStackedWidget(central)
        self.screen_stack.setObjectName("screenStack")
        column.addWidget(self.screen_stack, 1)
        self.setCentralWidget(central)
        self._build_status_bar()

        self.counter_screen = self._build_counter_screen()
        self.screen_stack.addWidget(self.counter_screen)
        # The payment screen, phone dialog and customer display (when there is a checkout).
        self.checkout: Any = None
        if getattr(context, "checkout", None) is not None and hasattr(
            self.counter_screen, "payRequested"
        ):
            from pos_app.ui.checkout import CheckoutController

            self.checkout = CheckoutController(self, context)

        # The history screen: F9 or the top-bar button, Esc/back returns. Built on first use
        # (``history_screen``): its module and widgets are not needed to start ringing up.
        self._history_screen: Any = None
        history_shortcut = QShortcut(QKeySequence(Qt.Key.Key_F9), self)
        history_shortcut.setObjectName("historyShortcut")
        history_shortcut.setWhatsThis(self.tr("Sales history, refunds and report"))
        history_shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        history_shortcut.activated.connect(self.toggle_history)

        help_shortcut = QShortcut(QKeySequence(Qt.Key.Key_F1), self)
        help_shortcut.setObjectName("hotkeysShortcut")
        help_shortcut.setWhatsThis(self.tr("Show this list of shortcuts"))
        help_shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        help_shortcut.activated.connect(self.show_hotkeys)

        self.refresh_identity()
        self.set_demo(context.demo)
        self.set_network_state(NetworkState.UNKNOWN)
        self.set_session_only(context.secrets.session_only)
        context.config.sig_changed.connect(self._on_setting_changed)

    # -- building ---------------------------------------------------------------------------

    def _build_top_bar(self) -> QWidget:
        bar = QFrame(self)
        bar.setObjectName("topBar")
        row = QHBoxLayout(bar)
        row.setContentsMargins(16, 8, 12, 8)
        row.setSpacing(12)

        self.shop_name_label = QLabel(bar)
        self.shop_name_label.setObjectName("shopNameLabel")
        row.addWidget(self.shop_name_label)
        self.register_name_label = QLabel(bar)
        self.register_name_label.setObjectName("registerNameLabel")
        row.addWidget(self.register_name_label)

        self.demo_badge = QLabel(self.tr("DEMO"), bar)
        self.demo_badge.setObjectName("demoBadge")
        self.demo_badge.setToolTip(
            self.tr("Demo mode: payments go to a built-in test server; no money moves.")
        )
        row.addWidget(self.demo_badge)
        row.addStretch(1)

        self.network_status = QLabel(bar)
        self.network_status.setObjectName("networkStatus")
        row.addWidget(self.network_status)

        self.history_button = QToolButton(bar)
        self.history_button.setObjectName("historyButton")
        self.history_button.setIcon(icon("history"))
        self.history_button.setIconSize(QSize(24, 24))
        self.history_button.setToolTip(self.tr("Sales history, refunds and report (F9)"))
        self.history_button.setAccessibleName(self.tr("Sales history"))
        self.history_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.history_button.clicked.connect(self.toggle_history)
        row.addWidget(self.history_button)

        self.hotkeys_button = QToolButton(bar)
        self.hotkeys_button.setObjectName("hotkeysButton")
        self.hotkeys_button.setIcon(icon("keyboard"))
        self.hotkeys_button.setIconSize(QSize(24, 24))
        self.hotkeys_button.setToolTip(self.tr("Keyboard shortcuts (F1)"))
        self.hotkeys_button.setAccessibleName(self.tr("Keyboard shortcuts"))
        self.hotkeys_button.clicked.connect(self.show_hotkeys)
        # Reachable with Tab, but never takes the focus from the counter on start or on a click.
        self.hotkeys_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        row.addWidget(self.hotkeys_button)

        self.theme_button = QToolButton(bar)
        self.theme_button.setObjectName("themeButton")
        self.theme_button.setIcon(icon("theme"))
        self.theme_button.setIconSize(QSize(24, 24))
        self.theme_button.setToolTip(self.tr("Colour theme"))
        self.theme_button.setAccessibleName(self.tr("Colour theme"))
        self.theme_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.theme_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.theme_button)
        menu.setObjectName("themeMenu")
        group = QActionGroup(menu)
        self.theme_actions: dict[str, QAction] = {}
        for name, label in (
            ("light", self.tr("Light")),
            ("dark", self.tr("Dark")),
            ("system", self.tr("As the system")),
        ):
            action = QAction(label, menu)
            action.setObjectName(f"theme{name.capitalize()}Action")
            action.setCheckable(True)
            action.setData(name)
            group.addAction(action)
            menu.addAction(action)
            action.triggered.connect(lambda _=False, n=name: self.sig_theme_requested.emit(n))
            self.theme_actions[name] = action
        self.theme_button.setMenu(menu)
        row.addWidget(self.theme_button)

        self.settings_button = QToolButton(bar)
        self.settings_button.setObjectName("settingsButton")
        self.settings_button.setIcon(icon("settings"))
        self.settings_button.setIconSize(QSize(24, 24))
        self.settings_button.setToolTip(self.tr("Settings (Ctrl+,)"))
        self.settings_button.setAccessibleName(self.tr("Settings"))
        self.settings_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.settings_button.clicked.connect(self.sig_settings_requested)
        row.addWidget(self.settings_button)
        settings_shortcut = QShortcut(QKeySequence("Ctrl+,"), self)
        settings_shortcut.setObjectName("settingsShortcut")
        settings_shortcut.setWhatsThis(self.tr("Open the settings"))
        settings_shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        settings_shortcut.activated.connect(self.sig_settings_requested)
        return bar

    def _build_keyring_banner(self) -> QWidget:
        banner = QFrame(self)
        banner.setObjectName("keyringBanner")
        row = QHBoxLayout(banner)
        row.setContentsMargins(16, 8, 16, 8)
        self.keyring_banner_label = QLabel(
            self.tr(
                "No secure key storage was found on this computer: the API key is kept for "
                "this session only and must be entered again after a restart."
            ),
            banner,
        )
        self.keyring_banner_label.setObjectName("keyringBannerLabel")
        self.keyring_banner_label.setWordWrap(True)
        row.addWidget(self.keyring_banner_label, 1)
        self.keyring_banner = banner
        return banner

    def _build_status_bar(self) -> None:
        bar = QStatusBar(self)
        bar.setObjectName("statusBar")
        bar.setSizeGripEnabled(False)
        self.mode_label = QLabel(bar)
        self.mode_label.setObjectName("modeLabel")
        bar.addWidget(self.mode_label, 1)
        version = QLabel(self.tr("Version {version}").format(version=__version__), bar)
        version.setObjectName("versionLabel")
        bar.addPermanentWidget(version)
        self.setStatusBar(bar)

    def _build_counter_screen(self) -> QWidget:
        factory = load_counter_screen()
        if factory is not None:
            screen = factory(self.context)
            if not screen.objectName():
                screen.setObjectName("counterScreen")
            return screen
        placeholder = QWidget(self)
        placeholder.setObjectName("counterPlaceholder")
        layout = QVBoxLayout(placeholder)
        layout.addStretch(1)
        title = QLabel(self.tr("Counter"), placeholder)
        title.setObjectName("placeholderTitle")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(title)
        text = QLabel(self.tr("The counter screen is not part of this build yet."), placeholder)
        text.setObjectName("placeholderText")
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(text)
        layout.addStretch(2)
        return placeholder

    # -- state shown ------------------------------------------------------------------------

    def refresh_identity(self) -> None:
        """Show the shop and register names from the settings."""
        config = self.context.config
        shop = config.shop_name or self.context.default_shop_name or self.tr("My shop")
        self.shop_name_label.setText(shop)
        self.register_name_label.setText(config.register_name)
        self.register_name_label.setVisible(bool(config.register_name))

    def set_demo(self, demo: bool) -> None:
        """Show or hide the DEMO badge and describe the mode in the status bar."""
        self.demo_badge.setVisible(demo)
        if demo:
            self.mode_label.setText(self.tr("Demo mode: built-in test server, no real payments"))
        else:
            provider = {"apipay": "ApiPay", "xpayment": "xPayment"}.get(
                self.context.config.provider, self.context.config.provider
            )
            self.mode_label.setText(
                self.tr("{provider} · {url}").format(
                    provider=provider, url=self.context.config.base_url
                )
            )

    def set_network_state(self, state: str) -> None:
        """Update the network indicator (``NetworkState`` values)."""
        texts = {
            NetworkState.UNKNOWN: self.tr("● Connecting…"),
            NetworkState.ONLINE: self.tr("● Online"),
            NetworkState.OFFLINE: self.tr("● Offline"),
            NetworkState.KEY_REJECTED: self.tr("● Key rejected"),
        }
        tips = {
            NetworkState.UNKNOWN: self.tr("Checking the connection to the payment service"),
            NetworkState.ONLINE: self.tr("The payment service answers"),
            NetworkState.OFFLINE: self.tr(
                "The payment service does not answer; sales stay in the journal"
            ),
            NetworkState.KEY_REJECTED: self.tr("The payment service refused the API key"),
        }
        self.network_status.setText(texts.get(state, texts[NetworkState.UNKNOWN]))
        self.network_status.setToolTip(tips.get(state, ""))
        self.network_status.setProperty("state", state)
        # A dynamic property only restyles after a re-polish.
        self.network_status.style().unpolish(self.network_status)
        self.network_status.style().polish(self.network_status)

    @property
    def network_state(self) -> str:
        """The indicator's current state."""
        return str(self.network_status.property("state"))

    def set_session_only(self, session_only: bool) -> None:
        """Show the banner that says the key is not stored beyond this session."""
        self.keyring_banner.setVisible(session_only)

    def set_theme_checked(self, requested: str) -> None:
        """Tick the theme menu entry for ``requested``."""
        action = self.theme_actions.get(requested)
        if action is not None:
            action.setChecked(True)

    def _on_setting_changed(self, name: str) -> None:
        if name in ("shop_name", "register_name"):
            self.refresh_identity()

    # -- screens ----------------------------------------------------------------------------

    @property
    def history_screen(self) -> Any:
        """The history screen, built the first time it is asked for."""
        if self._history_screen is None:
            from pos_app.ui.history import HistoryScreen

            screen = HistoryScreen(self.context, self.screen_stack)
            screen.sig_back_requested.connect(self.show_counter)
            self.screen_stack.addWidget(screen)
            self._history_screen = screen
        return self._history_screen

    @property
    def history_screen_if_built(self) -> Any:
        """The history screen if it was ever opened, else ``None`` (shutdown must not build it)."""
        return self._history_screen

    def show_history(self) -> None:
        """Switch the stack to the history screen."""
        self.screen_stack.setCurrentWidget(self.history_screen)
        self.history_screen.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_counter(self) -> None:
        """Switch the stack back to the counter."""
        self.screen_stack.setCurrentWidget(self.counter_screen)
        self.counter_screen.setFocus(Qt.FocusReason.OtherFocusReason)

    def toggle_history(self) -> None:
        """History if the counter shows, else back to the counter."""
        if self.screen_stack.currentWidget() is self.history_screen:
            self.show_counter()
        else:
            self.show_history()

    # -- hotkeys ----------------------------------------------------------------------------

    def register_hotkey(self, keys: str, description: str) -> None:
        """List a shortcut in the F1 overlay that is not a ``QShortcut``/``QAction`` here."""
        self._hotkeys.append((keys, description))

    def hotkey_rows(self) -> list[tuple[str, str]]:
        """Every shortcut of the window: (key text, what it does), sorted by key."""
        native = QKeySequence.SequenceFormat.NativeText
        rows: dict[str, str] = {}
        for shortcut in self.findChildren(QShortcut):
            if shortcut.isEnabled() and shortcut.whatsThis() and not shortcut.key().isEmpty():
                rows[shortcut.key().toString(native)] = shortcut.whatsThis()
        for action in self.findChildren(QAction):
            if action.isEnabled() and not action.shortcut().isEmpty():
                label = action.whatsThis() or action.text().replace("&", "")
                rows[action.shortcut().toString(native)] = label
        for index in range(self.screen_stack.count()):
            # Keys a screen handles in its own widgets (Del in the cart, the scanner …) have no
            # QShortcut to find: the screen lists them itself, in the current language.
            screen_help = getattr(self.screen_stack.widget(index), "hotkey_help", None)
            if callable(screen_help):
                rows.update(screen_help())
        for keys, description in self._hotkeys:
            rows[keys] = description

        def order(item: tuple[str, str]) -> tuple[int, str]:
            key = item[0]
            # F-keys first, in numeric order (F2 before F10), then the rest alphabetically.
            if key.startswith("F") and key[1:].isdigit():
                return (0, f"{int(key[1:]):03d}")
            return (1, key)

        return sorted(rows.items(), key=order)

    def show_hotkeys(self) -> None:
        """Open the shortcuts overlay (non-blocking: ``open()``, never ``exec()``)."""
        if self.hotkeys_dialog is not None and self.hotkeys_dialog.isVisible():
            self.hotkeys_dialog.raise_()
            return
        self.hotkeys_dialog = HotkeysDialog(self.hotkey_rows(), self)
        self.hotkeys_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.hotkeys_dialog.destroyed.connect(self._forget_hotkeys_dialog)
        self.hotkeys_dialog.open()

    def _forget_hotkeys_dialog(self) -> None:
        self.hotkeys_dialog = None

    # -- closing ----------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing the window asks the app to shut down in order."""
        self.sig_close_requested.emit()
        event.accept()

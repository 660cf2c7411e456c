"""The app's settings: declared once, stored with QSettings (INI) in the data folder.

Every setting is a :class:`Setting` in :data:`SETTINGS` (name, type, default, allowed values,
help text); the settings dialog, the tests and the typed getters of :class:`Config` all read that
one table, so a default lives in exactly one place.

No secret is ever stored here: the API key goes through :mod:`pos_app.secrets` (the OS keyring).
:meth:`Config.set` refuses names that are not declared, which also keeps a stray ``api_key``
out of the INI file.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, cast

from PySide6.QtCore import QObject, QSettings, Signal

from pos_app.domain.errors import QT_TRANSLATE_NOOP

__all__ = [
    "DEFAULT_BASE_URLS",
    "SETTINGS",
    "Config",
    "Language",
    "ProviderName",
    "ReceiptPaper",
    "Setting",
    "ThemeName",
    "defaults",
    "setting",
]

ProviderName = Literal["apipay", "xpayment"]
Language = Literal["ru", "kk", "en"]
ThemeName = Literal["light", "dark", "system"]
ReceiptPaper = Literal["58", "80", "A4"]

#: The API base each provider starts with. xPayment publishes none: the cashier enters it.
DEFAULT_BASE_URLS: Mapping[str, str] = {
    "apipay": "https://api.apipay.kz/api/v1",
    "xpayment": "",
}


@dataclass(frozen=True)
class Setting:
    """One declared setting.

    Attributes:
        name: Key in the INI file and in :meth:`Config.get`.
        type: ``str``, ``int``, ``float`` or ``bool``; values read back are converted to it.
        default: Used when the file has no value (or an unreadable one).
        help: One English sentence for the settings dialog (a translation source).
        choices: Allowed values, when the setting is a choice.
        minimum: Smallest allowed number (``int``/``float`` settings).
        maximum: Largest number the settings dialog offers (not enforced on read).
        label: Short English name in the settings dialog (a translation source).
        section: Group in the settings dialog: ``connection``, ``appearance``, ``hardware``,
            ``receipts``.
        hidden: Internal state, not shown in the settings dialog.
    """

    name: str
    type: type
    default: Any
    help: str
    choices: tuple[Any, ...] | None = None
    minimum: float | None = None
    maximum: float | None = None
    label: str = ""
    section: str = ""
    hidden: bool = False

    def convert(self, raw: Any) -> Any:
        """Turn what QSettings hands back (INI gives strings) into this setting's type.

        Raises:
            ValueError: The value cannot be converted or is not allowed.
        """
        value: Any
        if self.type is bool:
            if isinstance(raw, bool):
                value = raw
            elif str(raw).strip().lower() in {"1", "true", "yes", "on"}:
                value = True
            elif str(raw).strip().lower() in {"0", "false", "no", "off"}:
                value = False
            else:
                raise ValueError(f"{self.name}: not a boolean")
        elif self.type is int:
            value = int(str(raw).strip())
        elif self.type is float:
            value = float(str(raw).strip())
        else:
            value = str(raw)
        if self.choices is not None and value not in self.choices:
            raise ValueError(f"{self.name}: not one of {self.choices}")
        if self.minimum is not None and value < self.minimum:
            raise ValueError(f"{self.name}: below {self.minimum}")
        return value


#: Every setting the app has, in the order the settings dialog shows them. Labels and help
#: texts are English sources marked for ``pyside6-lupdate`` (context ``Settings``); the dialog
#: shows them through ``QCoreApplication.translate("Settings", ...)``.
SETTINGS: tuple[Setting, ...] = (
    Setting(
        "provider",
        str,
        "apipay",
        QT_TRANSLATE_NOOP("Settings", "The service that takes the Kaspi payments."),
        choices=("apipay", "xpayment"),
        label=QT_TRANSLATE_NOOP("Settings", "Payment provider"),
        section="connection",
    ),
    Setting(
        "base_url",
        str,
        "",
        QT_TRANSLATE_NOOP(
            "Settings", "API address; leave empty to use the provider's standard address."
        ),
        label=QT_TRANSLATE_NOOP("Settings", "API address"),
        section="connection",
    ),
    Setting(
        "api_account",
        str,
        "default",
        QT_TRANSLATE_NOOP("Settings", "Name of the provider account the API key belongs to."),
        label=QT_TRANSLATE_NOOP("Settings", "Account name"),
        section="connection",
        hidden=True,
    ),
    Setting(
        "requests_per_minute",
        int,
        60,
        QT_TRANSLATE_NOOP(
            "Settings", "Most requests per minute to the payment service (ApiPay allows 60)."
        ),
        minimum=1,
        maximum=600,
        label=QT_TRANSLATE_NOOP("Settings", "Request budget per minute"),
        section="connection",
    ),
    Setting(
        "poll_interval_seconds",
        int,
        2,
        QT_TRANSLATE_NOOP("Settings", "How often a waiting payment is checked, in seconds."),
        minimum=1,
        maximum=60,
        label=QT_TRANSLATE_NOOP("Settings", "Payment check interval"),
        section="connection",
    ),
    Setting(
        "language",
        str,
        "ru",
        QT_TRANSLATE_NOOP("Settings", "Language of the register's screens and receipts."),
        choices=("ru", "kk", "en"),
        label=QT_TRANSLATE_NOOP("Settings", "Language"),
        section="appearance",
    ),
    Setting(
        "theme",
        str,
        "system",
        QT_TRANSLATE_NOOP("Settings", "Light, dark, or the same as the computer."),
        choices=("light", "dark", "system"),
        label=QT_TRANSLATE_NOOP("Settings", "Colour theme"),
        section="appearance",
    ),
    Setting(
        "sound",
        bool,
        True,
        QT_TRANSLATE_NOOP("Settings", "Play a sound when a payment arrives or fails."),
        label=QT_TRANSLATE_NOOP("Settings", "Sounds"),
        section="appearance",
    ),
    Setting(
        "customer_display_screen",
        int,
        -1,
        QT_TRANSLATE_NOOP(
            "Settings", "The screen that shows the customer the total and the QR code."
        ),
        minimum=-1,
        label=QT_TRANSLATE_NOOP("Settings", "Customer display"),
        section="hardware",
    ),
    Setting(
        "receipt_printer",
        str,
        "",
        QT_TRANSLATE_NOOP("Settings", "Printer for receipts; empty means the system default."),
        label=QT_TRANSLATE_NOOP("Settings", "Receipt printer"),
        section="hardware",
    ),
    Setting(
        "receipt_paper",
        str,
        "80",
        QT_TRANSLATE_NOOP("Settings", "Width of the receipt paper."),
        choices=("58", "80", "A4"),
        label=QT_TRANSLATE_NOOP("Settings", "Paper width"),
        section="hardware",
    ),
    Setting(
        "shop_name",
        str,
        "",
        QT_TRANSLATE_NOOP("Settings", "Shown in the top bar and printed on receipts."),
        label=QT_TRANSLATE_NOOP("Settings", "Shop name"),
        section="receipts",
    ),
    Setting(
        "register_name",
        str,
        "",
        QT_TRANSLATE_NOOP("Settings", "Name of this register on receipts, e.g. 'Register 1'."),
        label=QT_TRANSLATE_NOOP("Settings", "Register name"),
        section="receipts",
    ),
    Setting(
        "shift_start_hour",
        int,
        0,
        QT_TRANSLATE_NOOP(
            "Settings", "Hour the shop's shift (working day) starts, for the shift report."
        ),
        minimum=0,
        maximum=23,
        label=QT_TRANSLATE_NOOP("Settings", "Shift starts at"),
        section="receipts",
    ),
    Setting(
        "refund_pin_hash",
        str,
        "",
        # A salted PBKDF2 hash (pos_app.services.refunds.hash_pin), never the PIN itself.
        "Salted hash of the manager PIN refunds need; empty = refunds need no PIN.",
        hidden=True,
    ),
    Setting(
        "welcome_shown",
        bool,
        False,
        "The first-start welcome has been shown.",
        hidden=True,
    ),
)

_BY_NAME: dict[str, Setting] = {s.name: s for s in SETTINGS}


def setting(name: str) -> Setting:
    """The declaration of ``name``.

    Raises:
        KeyError: ``name`` is not a declared setting.
    """
    return _BY_NAME[name]


def defaults() -> dict[str, Any]:
    """Every setting's declared default, by name (tests compare against these)."""
    return {s.name: s.default for s in SETTINGS}


class Config(QObject):
    """The settings of one data folder, with typed getters.

    Args:
        path: The INI file (``DataPaths.settings_file``).
        parent: Qt parent.

    Signals:
        sig_changed(str): A setting was changed through :meth:`set` (its name).
    """

    sig_changed = Signal(str)

    def __init__(self, path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._settings = QSettings(str(path), QSettings.Format.IniFormat)
        self._overrides: dict[str, Any] = {}

    # -- generic access ----------------------------------------------------------------------

    def get(self, name: str) -> Any:
        """The value of setting ``name`` (its declared default when unset or unreadable).

        Raises:
            KeyError: ``name`` is not a declared setting.
        """
        if name in self._overrides:
            return self._overrides[name]
        return self.stored(name)

    def set(self, name: str, value: Any) -> None:
        """Store ``value`` (validated against the declaration) and emit ``sig_changed``.

        Raises:
            KeyError: ``name`` is not a declared setting (secrets have none, on purpose).
            ValueError: The value has the wrong type or is not allowed.
        """
        setting = _BY_NAME[name]
        checked = setting.convert(value)
        # A value the user picks now replaces a command-line override for the rest of the run.
        self._overrides.pop(name, None)
        if checked == self.stored(name) and self._settings.contains(name):
            return
        self._settings.setValue(name, checked)
        self._settings.sync()
        self.sig_changed.emit(name)

    def override(self, name: str, value: Any) -> None:
        """Use ``value`` for this run only (command-line options); nothing is written.

        Raises:
            KeyError: ``name`` is not a declared setting.
            ValueError: The value has the wrong type or is not allowed.
        """
        self._overrides[name] = _BY_NAME[name].convert(value)

    def stored(self, name: str) -> Any:
        """The value in the file (or the default), ignoring run-only overrides."""
        setting = _BY_NAME[name]
        raw = self._settings.value(name)
        if raw is None:
            return setting.default
        try:
            return setting.convert(raw)
        except ValueError:
            # A hand-edited or older file must not stop the register from starting.
            return setting.default

    def is_stored(self, name: str) -> bool:
        """Whether the file holds a value for ``name`` (else the default applies)."""
        _ = _BY_NAME[name]
        return bool(self._settings.contains(name))

    def reset(self, name: str) -> None:
        """Forget the stored value of ``name`` so its default applies again."""
        _ = _BY_NAME[name]
        self._settings.remove(name)
        self._settings.sync()
        self.sig_changed.emit(name)

    def sync(self) -> None:
        """Write pending changes to disk."""
        self._settings.sync()

    # -- typed getters -----------------------------------------------------------------------

    @property
    def provider(self) -> ProviderName:
        """``apipay`` or ``xpayment``."""
        return cast(ProviderName, self.get("provider"))

    @property
    def base_url(self) -> str:
        """The API base URL: the stored one, else the provider's default."""
        stored = cast(str, self.get("base_url")).strip()
        return stored or DEFAULT_BASE_URLS.get(self.provider, "")

    @property
    def api_account(self) -> str:
        """The keyring account name the key is stored under (with the provider)."""
        return cast(str, self.get("api_account"))

    @property
    def language(self) -> Language:
        """``ru``, ``kk`` or ``en``."""
        return cast(Language, self.get("language"))

    @property
    def theme(self) -> ThemeName:
        """``light``, ``dark`` or ``system``."""
        return cast(ThemeName, self.get("theme"))

    @property
    def poll_interval_seconds(self) -> int:
        """Seconds between status checks of waiting payments."""
        return cast(int, self.get("poll_interval_seconds"))

    @property
    def requests_per_minute(self) -> int:
        """Client-side request budget per minute."""
        return cast(int, self.get("requests_per_minute"))

    @property
    def shop_name(self) -> str:
        """The shop's name (may be empty)."""
        return cast(str, self.get("shop_name"))

    @property
    def register_name(self) -> str:
        """This register's name (may be empty)."""
        return cast(str, self.get("register_name"))

    @property
    def sound(self) -> bool:
        """Sounds on or off."""
        return cast(bool, self.get("sound"))

    @property
    def customer_display_screen(self) -> int:
        """Screen index of the customer display, -1 for none."""
        return cast(int, self.get("customer_display_screen"))

    @property
    def receipt_printer(self) -> str:
        """The receipt printer's name; empty means the system default printer."""
        return cast(str, self.get("receipt_printer"))

    @property
    def receipt_paper(self) -> ReceiptPaper:
        """``58``, ``80`` or ``A4``."""
        return cast(ReceiptPaper, self.get("receipt_paper"))

    @property
    def welcome_shown(self) -> bool:
        """Whether the first-start welcome was shown already."""
        return cast(bool, self.get("welcome_shown"))

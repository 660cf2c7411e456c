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

__all__ = [
    "DEFAULT_BASE_URLS",
    "SETTINGS",
    "Config",
    "Language",
    "ProviderName",
    "ReceiptPaper",
    "Setting",
    "ThemeName",
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
        help: One English sentence for the settings dialog and ``--help``-style listings.
        choices: Allowed values, when the setting is a choice.
        minimum: Smallest allowed number (``int``/``float`` settings).
    """

    name: str
    type: type
    default: Any
    help: str
    choices: tuple[Any, ...] | None = None
    minimum: float | None = None

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


#: Every setting the app has, in the order the settings dialog shows them.
SETTINGS: tuple[Setting, ...] = (
    Setting("provider", str, "apipay", "Payment provider.", choices=("apipay", "xpayment")),
    Setting(
        "base_url",
        str,
        "",
        "API base URL; empty means the provider's default (ApiPay: https://api.apipay.kz/api/v1).",
    ),
    Setting("api_account", str, "default", "Name of the provider account the API key belongs to."),
    Setting("language", str, "ru", "Interface language.", choices=("ru", "kk", "en")),
    Setting("theme", str, "system", "Colour theme.", choices=("light", "dark", "system")),
    Setting(
        "poll_interval_seconds",
        int,
        2,
        "How often waiting payments are checked, in seconds.",
        minimum=1,
    ),
    Setting(
        "requests_per_minute",
        int,
        60,
        "Client-side rate limit for the provider API (ApiPay allows 60 per key and minute).",
        minimum=1,
    ),
    Setting("shop_name", str, "", "Shop name shown in the top bar and on receipts."),
    Setting("register_name", str, "", "Name of this register (e.g. 'Register 1')."),
    Setting("sound", bool, True, "Play a sound when a payment arrives or fails."),
    Setting(
        "customer_display_screen",
        int,
        -1,
        "Screen index for the customer-facing display; -1 turns it off.",
        minimum=-1,
    ),
    Setting("receipt_paper", str, "80", "Receipt paper width.", choices=("58", "80", "A4")),
    Setting("welcome_shown", bool, False, "The first-start welcome has been shown."),
)

_BY_NAME: dict[str, Setting] = {s.name: s for s in SETTINGS}


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
    def receipt_paper(self) -> ReceiptPaper:
        """``58``, ``80`` or ``A4``."""
        return cast(ReceiptPaper, self.get("receipt_paper"))

    @property
    def welcome_shown(self) -> bool:
        """Whether the first-start welcome was shown already."""
        return cast(bool, self.get("welcome_shown"))

"""Languages: loading the translations, switching them at runtime, locale-aware formatting.

The app speaks Russian, Kazakh and English. English is the source language of every string in
the code (``self.tr("...")``, ``QCoreApplication.translate(context, "...")`` and the
``QT_TRANSLATE_NOOP(context, "...")`` markers of ``domain``/``payments``); the Russian and
Kazakh texts live in ``resources/i18n/pos_app_{ru,kk}.ts`` and are compiled to ``.qm`` by
``packaging/update_translations.py``.

Switching at runtime (:meth:`Translations.switch`) swaps the ``QTranslator`` objects, so every
widget receives ``QEvent.LanguageChange``. Widgets that rebuild their texts on that event (the
onboarding wizard, the settings dialog) simply do so. For the rest of the window — widgets that
set their texts once in ``__init__`` with ``self.tr`` — :func:`retranslate_widgets` walks every
widget and action and puts the new language's text in place of the old one, found through the
``.ts`` files: an exact translation is looked up, and a formatted one (``"Version {version}"``
→ ``"Версия 0.1.0"``) is matched against its template so the filled-in values carry over.
Texts that are not UI strings (shop names, catalog items, what the cashier typed) match no
translation and are left alone; a widget can opt out with the dynamic property
``i18n_skip = True``.

Formatting follows the language, not the machine: :func:`format_money` (the domain's
``format_amount``), :func:`format_number`, :func:`format_date`, :func:`format_datetime`.
"""

from __future__ import annotations

import functools
import logging
import re
import string
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QDateTime,
    QEvent,
    QLibraryInfo,
    QLocale,
    QObject,
    QTime,
    QTranslator,
    Signal,
)
from PySide6.QtGui import QAction, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QTabWidget,
    QWidget,
)

from pos_app.domain.money import format_amount
from pos_app.paths import resource_path

__all__ = [
    "LANGUAGES",
    "LANGUAGE_NAMES",
    "Translations",
    "format_date",
    "format_datetime",
    "format_money",
    "format_number",
    "format_time",
    "initial_language",
    "locale_for",
    "retranslate_widgets",
    "system_language",
    "translate_error",
    "translations_dir",
]

log = logging.getLogger(__name__)

#: The languages the app ships, in the order the settings offer them.
LANGUAGES: tuple[str, ...] = ("ru", "kk", "en")
#: Each language in its own words (never translated: a cashier must find their own language).
LANGUAGE_NAMES: Mapping[str, str] = {"ru": "Русский", "kk": "Қазақша", "en": "English"}
#: The locale used for dates and numbers of each language (Kazakhstan's conventions).
_LOCALES: Mapping[str, str] = {"ru": "ru_KZ", "kk": "kk_KZ", "en": "en_GB"}
#: Used when neither the settings nor the system say anything usable.
FALLBACK_LANGUAGE = "ru"
TS_BASENAME = "pos_app"


def translations_dir() -> Path:
    """``resources/i18n`` (the ``.ts`` sources and the compiled ``.qm`` files)."""
    return resource_path("i18n")


def system_language(locale: QLocale | None = None) -> str:
    """The app language that fits the system locale: ``ru``, ``kk`` or ``en``.

    A locale the app does not speak gives Russian, the language most registers in Kazakhstan
    run in. The ``C``/POSIX locale (no language configured at all: build servers, CI, bare
    containers) gives English, the language the texts are written in.
    """
    current = locale if locale is not None else QLocale.system()
    language = current.language()
    if language == QLocale.Language.C:
        return "en"
    if language == QLocale.Language.Kazakh:
        return "kk"
    if language == QLocale.Language.Russian:
        return "ru"
    if language == QLocale.Language.English:
        return "en"
    return FALLBACK_LANGUAGE


class _LanguageConfig(Protocol):
    def is_stored(self, name: str) -> bool: ...
    def get(self, name: str) -> Any: ...


def initial_language(config: _LanguageConfig, locale: QLocale | None = None) -> str:
    """The language to start in: the saved (or command-line) one, else the system's."""
    value = str(config.get("language"))
    if config.is_stored("language") or value != FALLBACK_LANGUAGE:
        return value
    return system_language(locale)


def locale_for(language: str) -> QLocale:
    """The ``QLocale`` whose conventions the app uses for ``language``."""
    return QLocale(_LOCALES.get(language, _LOCALES[FALLBACK_LANGUAGE]))


# -- formatting -----------------------------------------------------------------------------


def format_money(value: Decimal, language: str, *, currency: bool = True) -> str:
    """An amount in tenge the way ``language`` writes it (``15 000 ₸`` / ``15,000 ₸``)."""
    return format_amount(value, language, currency=currency)


def format_number(value: int | Decimal, language: str) -> str:
    """A count or quantity with the language's group and decimal separators."""
    locale = locale_for(language)
    if isinstance(value, Decimal) and value != value.to_integral_value():
        # Decimal → text → locale by hand: QLocale only takes floats, and money never goes here.
        whole, _, fraction = f"{value:f}".partition(".")
        return f"{locale.toString(int(whole))}{locale.decimalPoint()}{fraction}"
    return locale.toString(int(value))


def format_date(
    value: date, language: str, fmt: QLocale.FormatType = QLocale.FormatType.ShortFormat
) -> str:
    """A date (``31.01.2025`` in ru/kk) in ``language``'s conventions, always a 4-digit year."""
    locale = locale_for(language)
    return locale.toString(
        QDate(value.year, value.month, value.day), _full_year(locale.dateFormat(fmt))
    )


def _full_year(pattern: str) -> str:
    # Some locales' short formats (kk_KZ) write "25" for 2025: ambiguous on a receipt.
    return pattern if "yyyy" in pattern else pattern.replace("yy", "yyyy")


def format_time(value: datetime, language: str) -> str:
    """A time of day, hours and minutes (24-hour clock in every language the app ships)."""
    return locale_for(language).toString(QTime(value.hour, value.minute), "HH:mm")


def format_datetime(
    value: datetime, language: str, fmt: QLocale.FormatType = QLocale.FormatType.ShortFormat
) -> str:
    """A date and time in the local time zone, in ``language``'s conventions."""
    local = value.astimezone() if value.tzinfo is not None else value
    qdt = QDateTime(
        QDate(local.year, local.month, local.day), QTime(local.hour, local.minute, local.second)
    )
    locale = locale_for(language)
    return locale.toString(qdt, _full_year(locale.dateTimeFormat(fmt)))


class _TranslatableError(Protocol):
    @property
    def context(self) -> str: ...
    @property
    def message(self) -> str: ...
    @property
    def params(self) -> Mapping[str, str]: ...


def translate_error(error: _TranslatableError) -> str:
    """The cashier's text of a ``DomainError``/``PaymentError`` in the current language."""
    template = QCoreApplication.translate(error.context, error.message)
    try:
        return template.format(**error.params)
    except (KeyError, IndexError, ValueError):
        # A translation that broke a placeholder must not hide the error: use the source.
        try:
            return error.message.format(**error.params)
        except (KeyError, IndexError, ValueError):
            return error.message


# -- the catalogue of translated texts (read from the .ts files) ---------------------------


@dataclass(frozen=True)
class _Entry:
    context: str
    source: str


@dataclass
class _Catalogue:
    """Every UI text of one language: exact texts and templates with placeholders."""

    exact: dict[str, list[_Entry]]
    patterns: list[tuple[re.Pattern[str], _Entry]]

    def find(self, text: str, preferred: Iterable[str]) -> tuple[_Entry, dict[str, str]] | None:
        """The message ``text`` was made from (and the values put into it), or ``None``."""
        wanted = list(preferred)
        hits = self.exact.get(text)
        if hits:
            return _pick(hits, wanted), {}
        matches: list[tuple[_Entry, dict[str, str]]] = []
        for pattern, entry in self.patterns:
            found = pattern.fullmatch(text)
            if found is not None:
                matches.append((entry, found.groupdict()))
        if not matches:
            return None
        best = _pick([entry for entry, _ in matches], wanted)
        return next(m for m in matches if m[0] == best)


def _pick(entries: list[_Entry], preferred: list[str]) -> _Entry:
    for context in preferred:
        for entry in entries:
            if entry.context == context:
                return entry
    return entries[0]


def _template_pattern(template: str) -> re.Pattern[str] | None:
    """A regex that matches ``template`` filled in, with one named group per placeholder."""
    parts: list[str] = []
    names: set[str] = set()
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError:
        return None
    for literal, field, spec, conversion in parsed:
        parts.append(re.escape(literal))
        if field is None:
            continue
        if not field.isidentifier() or spec or conversion or field in names:
            return None
        names.add(field)
        parts.append(f"(?P<{field}>.+?)")
    if not names:
        return None
    return re.compile("".join(parts), re.DOTALL)


def _ts_file(language: str, folder: Path | None = None) -> Path:
    return (folder or translations_dir()) / f"{TS_BASENAME}_{language}.ts"


@functools.lru_cache(maxsize=8)
def _load_catalogue(language: str, folder: Path | None = None) -> _Catalogue:
    """The texts of ``language``; English reads the sources out of the Russian file."""
    source_side = language == "en"
    path = _ts_file(FALLBACK_LANGUAGE if source_side else language, folder)
    exact: dict[str, list[_Entry]] = {}
    patterns: list[tuple[re.Pattern[str], _Entry]] = []
    if not path.is_file():
        log.warning("translation source %s not found: runtime retranslation is limited", path)
        return _Catalogue(exact, patterns)
    root = ET.parse(path).getroot()
    for context in root.iter("context"):
        context_name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            text = source
            if not source_side:
                if translation is None or translation.get("type") in ("unfinished", "obsolete"):
                    continue
                text = translation.text or ""
            if not text:
                continue
            entry = _Entry(context_name, source)
            exact.setdefault(text, []).append(entry)
            pattern = _template_pattern(text)
            if pattern is not None:
                patterns.append((pattern, entry))
    return _Catalogue(exact, patterns)


# -- retranslating widgets that do not do it themselves ------------------------------------

_WIDGET_TEXTS: tuple[tuple[type[QObject], str, str], ...] = (
    (QAbstractButton, "text", "setText"),
    (QLabel, "text", "setText"),
    (QGroupBox, "title", "setTitle"),
    (QMenu, "title", "setTitle"),
    (QLineEdit, "placeholderText", "setPlaceholderText"),
)
_COMMON_TEXTS: tuple[tuple[str, str], ...] = (
    ("toolTip", "setToolTip"),
    ("whatsThis", "setWhatsThis"),
    ("statusTip", "setStatusTip"),
    ("accessibleName", "setAccessibleName"),
)
_ACTION_TEXTS: tuple[tuple[str, str], ...] = (
    ("text", "setText"),
    ("toolTip", "setToolTip"),
    ("whatsThis", "setWhatsThis"),
)


def _contexts_of(obj: QObject) -> list[str]:
    """Translation contexts to prefer for ``obj``: its classes, then its parents' classes."""
    names: list[str] = []
    current: QObject | None = obj
    while current is not None:
        for cls in type(current).__mro__:
            if cls.__module__.startswith("pos_app") and cls.__name__ not in names:
                names.append(cls.__name__)
        current = current.parent()
    return names


def _skipped(obj: QObject) -> bool:
    current: QObject | None = obj
    while current is not None:
        if current.property("i18n_skip"):
            return True
        current = current.parent()
    return False


class _Retranslator:
    def __init__(self, old: _Catalogue) -> None:
        self.old = old
        self.changed = 0

    def new_text(self, obj: QObject, text: str) -> str | None:
        if not text or not text.strip():
            return None
        found = self.old.find(text, _contexts_of(obj))
        if found is None:
            return None
        entry, params = found
        template = QCoreApplication.translate(entry.context, entry.source)
        try:
            result = template.format(**params) if params else template
        except (KeyError, IndexError, ValueError):
            return None
        return result if result != text else None

    def apply(self, obj: QObject, getter: str, setter: str) -> None:
        current = getattr(obj, getter)()
        if not isinstance(current, str):
            return
        replacement = self.new_text(obj, current)
        if replacement is not None:
            getattr(obj, setter)(replacement)
            self.changed += 1


def _all_objects(widgets: Iterable[QWidget]) -> Iterator[QObject]:
    seen: set[int] = set()
    for widget in widgets:
        for obj in (widget, *widget.findChildren(QAction), *widget.findChildren(QShortcut)):
            if id(obj) not in seen:
                seen.add(id(obj))
                yield obj


def retranslate_widgets(old_language: str, widgets: Iterable[QWidget] | None = None) -> int:
    """Put the current language's texts into widgets that still show ``old_language``'s.

    Call it after the new translators are installed.

    Args:
        old_language: The language the widgets were built in.
        widgets: Where to look (default: every widget of the application).

    Returns:
        How many texts were replaced.
    """
    catalogue = _load_catalogue(old_language)
    worker = _Retranslator(catalogue)
    targets = list(widgets) if widgets is not None else list(QApplication.allWidgets())
    for obj in _all_objects(targets):
        if _skipped(obj):
            continue
        if isinstance(obj, QWidget):
            for cls, getter, setter in _WIDGET_TEXTS:
                if isinstance(obj, cls):
                    worker.apply(obj, getter, setter)
            for getter, setter in _COMMON_TEXTS:
                worker.apply(obj, getter, setter)
            if obj.isWindow():
                worker.apply(obj, "windowTitle", "setWindowTitle")
            if isinstance(obj, QTabWidget):
                for index in range(obj.count()):
                    text = obj.tabText(index)
                    replacement = worker.new_text(obj, text)
                    if replacement is not None:
                        obj.setTabText(index, replacement)
                        worker.changed += 1
        elif isinstance(obj, QAction):
            for getter, setter in _ACTION_TEXTS:
                worker.apply(obj, getter, setter)
        elif isinstance(obj, QShortcut):
            worker.apply(obj, "whatsThis", "setWhatsThis")
    return worker.changed


# -- the translators ------------------------------------------------------------------------


class Translations(QObject):
    """The installed translators of the application, and switching them.

    Args:
        app: The application the translators are installed in.
        folder: Where ``pos_app_<lang>.qm`` lives (default ``resources/i18n``).

    Signals:
        sig_language_changed(str): The language was switched (the new one).
    """

    sig_language_changed = Signal(str)

    def __init__(self, app: QCoreApplication, folder: Path | None = None) -> None:
        super().__init__(app)
        self._app = app
        self._folder = folder or translations_dir()
        self.translators: list[QTranslator] = []
        self.language = "en"

    def _candidates(self, language: str) -> list[tuple[Path, str]]:
        qt_folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
        return [(self._folder, f"{TS_BASENAME}_{language}"), (qt_folder, f"qtbase_{language}")]

    def install(self, language: str) -> list[str]:
        """Install ``language``'s translators (removing any earlier ones); no retranslation.

        Returns:
            The translation files that were loaded (English: only its plural forms).
        """
        self.remove()
        QLocale.setDefault(locale_for(language))
        loaded: list[str] = []
        # English is the source: its own file only carries plural forms, and Qt has no
        # qtbase_en. Other languages load ours and Qt's.
        candidates = self._candidates(language)
        if language == "en":
            candidates = candidates[:1]
        for folder, base in candidates:
            translator = QTranslator(self)
            if translator.load(base, str(folder)):
                QCoreApplication.installTranslator(translator)
                self.translators.append(translator)
                loaded.append(base)
                log.info("translation %s installed", base)
            elif base.startswith(TS_BASENAME):
                log.warning("translation %s not found in %s", base, folder)
        self.language = language
        return loaded

    def switch(self, language: str) -> int:
        """Change the language of the running app: translators, locale, visible texts.

        Returns:
            How many texts of widgets that do not retranslate themselves were replaced.
        """
        if language == self.language:
            return 0
        old = self.language
        self.install(language)
        # Qt posts LanguageChange to the widgets; deliver it now so that widgets which
        # retranslate themselves are done before the generic pass and before we return.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
        changed = retranslate_widgets(old)
        log.info("language switched from %s to %s (%d texts replaced)", old, language, changed)
        self.sig_language_changed.emit(language)
        return changed

    def remove(self) -> None:
        """Uninstall every translator this object installed."""
        for translator in self.translators:
            QCoreApplication.removeTranslator(translator)
        self.translators.clear()

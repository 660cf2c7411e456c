"""Look and feel: light and dark palettes, the style sheet, and the SVG icons.

One QSS template (``resources/styles/app.qss``) serves both themes: its ``$name`` placeholders
are filled from a :class:`Palette`. The Fusion style is used everywhere so a register looks the
same on Windows and Linux, and a ``QPalette`` built from the same colours covers what QSS does
not (native dialogs, scroll bars).

Icons are SVG files drawn with ``stroke="currentColor"``; :func:`icon` returns a ``QIcon``
whose engine renders the SVG at whatever size and device pixel ratio is asked (crisp on HiDPI)
in the colour of the theme active *when it paints*, so switching the theme recolours every
icon without rebuilding any widget.

``system`` follows ``QStyleHints.colorScheme()`` and switches live when the desktop does.
"""

from __future__ import annotations

import contextlib
import functools
import logging
from dataclasses import asdict, dataclass
from string import Template
from typing import Literal

from PySide6.QtCore import QObject, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QIconEngine, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

from pos_app.paths import resource_path

__all__ = ["DARK", "LIGHT", "Palette", "ThemeManager", "icon", "load_style_sheet"]

log = logging.getLogger(__name__)

ResolvedTheme = Literal["light", "dark"]


@dataclass(frozen=True)
class Palette:
    """The colours of one theme (hex strings, the names used in ``app.qss``)."""

    name: ResolvedTheme
    bg: str
    surface: str
    input_bg: str
    alt_row: str
    text: str
    muted: str
    disabled: str
    border: str
    hover: str
    pressed: str
    selection: str
    accent: str
    accent_hover: str
    on_accent: str
    focus: str
    focus_on_accent: str
    ok: str
    danger: str
    badge_bg: str
    badge_border: str
    badge_text: str
    warn_bg: str
    warn_border: str
    warn_text: str
    icon: str


LIGHT = Palette(
    name="light",
    bg="#f4f6f8",
    surface="#ffffff",
    input_bg="#ffffff",
    alt_row="#f8fafb",
    text="#1d232b",
    muted="#5c6673",
    disabled="#a3abb5",
    border="#d5dbe2",
    hover="#eef1f4",
    pressed="#e2e7ec",
    selection="#cfe9e3",
    accent="#0f7a68",
    accent_hover="#0c6a5a",
    on_accent="#ffffff",
    focus="#2b7de9",
    focus_on_accent="#9cc7ff",
    ok="#137a3d",
    danger="#c0342b",
    badge_bg="#fff1cc",
    badge_border="#e9c46a",
    badge_text="#7a4b00",
    warn_bg="#fff6dd",
    warn_border="#f0d48a",
    warn_text="#6b4500",
    icon="#3a4452",
)

DARK = Palette(
    name="dark",
    bg="#16191e",
    surface="#1f242b",
    input_bg="#171b20",
    alt_row="#232931",
    text="#e7eaee",
    muted="#9aa4b1",
    disabled="#5b6470",
    border="#343b45",
    hover="#29303a",
    pressed="#323a45",
    selection="#1f4d45",
    accent="#2bb596",
    accent_hover="#34c7a6",
    on_accent="#08211c",
    focus="#6aa8ff",
    focus_on_accent="#e7eaee",
    ok="#4fd18b",
    danger="#ff7b72",
    badge_bg="#4a3710",
    badge_border="#8a6a20",
    badge_text="#ffd98a",
    warn_bg="#3a2f12",
    warn_border="#6b5520",
    warn_text="#ffe2a0",
    icon="#c9d1da",
)

_PALETTES: dict[ResolvedTheme, Palette] = {"light": LIGHT, "dark": DARK}

#: The palette icons paint with; changed by :meth:`ThemeManager.apply`.
_active: Palette = LIGHT


@functools.cache
def _style_template() -> Template:
    return Template(resource_path("styles", "app.qss").read_text(encoding="utf-8"))


def load_style_sheet(palette: Palette) -> str:
    """The application style sheet for ``palette``.

    Besides the palette's colours the template names ``$arrow_up``/``$arrow_down``: the
    theme's arrow pictures for combo and spin boxes.

    Raises:
        KeyError: The template uses a name the palette lacks (caught by the tests).
    """
    styles = resource_path("styles")
    arrows = {
        # QSS wants forward slashes in url(), also on Windows.
        f"arrow_{way}": (styles / f"arrow-{way}-{palette.name}.svg").as_posix()
        for way in ("up", "down")
    }
    return _style_template().substitute({**asdict(palette), **arrows})


@functools.cache
def _svg_source(name: str) -> str:
    return resource_path("icons", f"{name}.svg").read_text(encoding="utf-8")


class _SvgIconEngine(QIconEngine):
    """Renders one SVG icon in the active theme's icon colour, at any size."""

    def __init__(self, name: str, color: str | None = None) -> None:
        super().__init__()
        self._name = name
        self._color = color

    def _renderer(self, mode: QIcon.Mode) -> QSvgRenderer:
        color = self._color or _active.icon
        if mode == QIcon.Mode.Disabled:
            color = _active.disabled
        svg = _svg_source(self._name).replace("currentColor", color)
        return QSvgRenderer(svg.encode("utf-8"))

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        """Draw the icon into ``rect``."""
        self._renderer(mode).render(painter, QRectF(rect))

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        """A transparent pixmap of ``size`` with the icon drawn in it."""
        pm = QPixmap(size)
        pm.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pm)
        self.paint(painter, QRect(0, 0, size.width(), size.height()), mode, state)
        painter.end()
        return pm

    def scaledPixmap(
        self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float
    ) -> QPixmap:
        """A pixmap rendered at device pixels for ``scale`` (HiDPI)."""
        device = QSize(round(size.width() * scale), round(size.height() * scale))
        pm = self.pixmap(device, mode, state)
        pm.setDevicePixelRatio(scale)
        return pm

    def clone(self) -> QIconEngine:
        """A copy (Qt copies engines when icons are copied)."""
        return _SvgIconEngine(self._name, self._color)

    def key(self) -> str:
        """Engine identifier."""
        return "pos_app_svg"


def icon(name: str, color: str | None = None) -> QIcon:
    """The icon ``resources/icons/<name>.svg`` (``cart``, ``qr``, ``phone``, …).

    Args:
        name: File name without ``.svg``.
        color: A fixed colour; by default the active theme's icon colour (follows theme changes).
    """
    return QIcon(_SvgIconEngine(name, color))


def _qpalette(p: Palette) -> QPalette:
    pal = QPalette()
    role = QPalette.ColorRole
    group = QPalette.ColorGroup
    pal.setColor(role.Window, QColor(p.bg))
    pal.setColor(role.WindowText, QColor(p.text))
    pal.setColor(role.Base, QColor(p.input_bg))
    pal.setColor(role.AlternateBase, QColor(p.alt_row))
    pal.setColor(role.Text, QColor(p.text))
    pal.setColor(role.Button, QColor(p.surface))
    pal.setColor(role.ButtonText, QColor(p.text))
    pal.setColor(role.Highlight, QColor(p.accent))
    pal.setColor(role.HighlightedText, QColor(p.on_accent))
    pal.setColor(role.ToolTipBase, QColor(p.surface))
    pal.setColor(role.ToolTipText, QColor(p.text))
    pal.setColor(role.PlaceholderText, QColor(p.muted))
    pal.setColor(role.Link, QColor(p.focus))
    for r in (role.WindowText, role.Text, role.ButtonText):
        pal.setColor(group.Disabled, r, QColor(p.disabled))
    return pal


class ThemeManager(QObject):
    """Applies a theme to the application and keeps ``system`` in step with the desktop.

    Signals:
        sig_theme_changed(str): The resolved theme changed (``light`` or ``dark``).
    """

    sig_theme_changed = Signal(str)

    def __init__(self, app: QApplication, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self._requested = "system"
        self.palette: Palette = LIGHT
        app.setStyle("Fusion")
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._on_system_scheme)

    @property
    def requested(self) -> str:
        """What the settings ask for: ``light``, ``dark`` or ``system``."""
        return self._requested

    @staticmethod
    def system_theme() -> ResolvedTheme:
        """The desktop's colour scheme (light when it does not say)."""
        scheme = QGuiApplication.styleHints().colorScheme()
        return "dark" if scheme == Qt.ColorScheme.Dark else "light"

    def resolve(self, requested: str) -> ResolvedTheme:
        """``light``/``dark`` for a requested theme name."""
        if requested in ("light", "dark"):
            return requested  # type: ignore[return-value]
        return self.system_theme()

    def apply(self, requested: str) -> Palette:
        """Switch to ``requested`` (``light``, ``dark`` or ``system``) now."""
        global _active
        self._requested = requested
        palette = _PALETTES[self.resolve(requested)]
        changed = palette is not self.palette or palette is not _active
        self.palette = palette
        _active = palette
        self._app.setPalette(_qpalette(palette))
        self._app.setStyleSheet(load_style_sheet(palette))
        if changed:
            log.info("theme %s (%s)", palette.name, requested)
            self.sig_theme_changed.emit(palette.name)
        return palette

    def _on_system_scheme(self, _scheme: Qt.ColorScheme) -> None:
        if self._requested == "system":
            self.apply("system")

    def close(self) -> None:
        """Stop following the desktop (the app is shutting down)."""
        with contextlib.suppress(RuntimeError, TypeError):  # already disconnected
            QGuiApplication.styleHints().colorSchemeChanged.disconnect(self._on_system_scheme)

"""Barcode scanners that type like keyboards: recognise their bursts and keep them out of fields.

A USB/Bluetooth scanner in keyboard mode "types" the barcode within a few milliseconds and then
presses Enter. :class:`ScannerFilter` is an application-level event filter that watches key
presses aimed at widgets inside one root widget (the counter screen):

* a printable key is **held back** (swallowed and buffered) for ``max_interval_ms``;
* if the next printable key arrives within that time it joins the burst;
* Enter after at least ``min_length`` buffered characters ends a scan: the burst is swallowed
  and :attr:`ScannerFilter.scanned` is emitted with the code — nothing lands in the focused field
  (for instance a ``phoneInput`` being typed into);
* anything else (a pause longer than the interval, another key, a short burst before Enter) means
  a person is typing: the held-back keys are replayed to their widget, in order, before the new
  key goes through.

So a person's keystrokes reach their field ``max_interval_ms`` later (35 ms by default, below
what anyone notices), and a scanner's never do. Timestamps come from ``clock`` (monotonic
seconds), which tests can replace; :meth:`ScannerFilter.feed` takes an explicit time.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

__all__ = ["ScannerFilter"]

_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_ALLOWED_MODIFIERS = Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier


@dataclass
class _HeldKey:
    target: QWidget
    key: int
    modifiers: Qt.KeyboardModifier
    text: str


class ScannerFilter(QObject):
    """Turns fast key bursts ending in Enter into :attr:`scanned` signals.

    Signals:
        scanned(str): A scanner read this code.
    """

    scanned = Signal(str)

    def __init__(
        self,
        root: QWidget,
        *,
        min_length: int = 6,
        max_interval_ms: int = 35,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """Watch keys aimed at ``root`` and its children.

        Args:
            root: Only key presses for widgets in this widget's window, inside it, are watched.
            min_length: Fewest characters a scan has (shorter bursts + Enter are typing).
            max_interval_ms: Longest gap between two keys of one burst.
            clock: Monotonic time in seconds.
        """
        super().__init__(root)
        self._root = root
        self.min_length = min_length
        self.max_interval_ms = max_interval_ms
        self._clock = clock
        self._held: list[_HeldKey] = []
        self._last_time = 0.0
        self._replaying = False
        self._enabled = True
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.flush)

    # --- installation ------------------------------------------------------------------------

    def install(self) -> None:
        """Start watching (installs the filter on the application)."""
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def uninstall(self) -> None:
        """Stop watching; held keys are replayed."""
        self.flush()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def set_enabled(self, enabled: bool) -> None:
        """Pause or resume recognising scans (held keys are replayed when pausing)."""
        if not enabled:
            self.flush()
        self._enabled = enabled

    # --- the filter --------------------------------------------------------------------------

    def _watched(self, obj: QObject) -> QWidget | None:
        if not isinstance(obj, QWidget) or not shiboken6.isValid(self._root):
            return None
        if obj is self._root or self._root.isAncestorOf(obj):
            return obj
        return None

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        """Qt calls this for every event in the application."""
        if self._replaying or not self._enabled or event.type() != QEvent.Type.KeyPress:
            return False
        target = self._watched(obj)
        if target is None or not isinstance(event, QKeyEvent):
            return False
        return self.feed(target, event.key(), event.modifiers(), event.text(), self._clock())

    def feed(
        self,
        target: QWidget,
        key: int,
        modifiers: Qt.KeyboardModifier,
        text: str,
        now: float,
    ) -> bool:
        """Process one key press at time ``now`` (seconds).

        Returns:
            ``True`` if the key was swallowed (held back or part of a scan).
        """
        gap_ok = bool(self._held) and (now - self._last_time) * 1000 <= self.max_interval_ms
        if self._held and not gap_ok:
            self.flush()
        if key in _ENTER_KEYS:
            if len(self._held) >= self.min_length:
                code = "".join(h.text for h in self._held)
                self._held.clear()
                self._timer.stop()
                self.scanned.emit(code)
                return True
            self.flush()
            return False
        printable = (
            len(text) == 1
            and text.isprintable()
            and not text.isspace()
            and not (modifiers & ~_ALLOWED_MODIFIERS)
        )
        if not printable:
            self.flush()
            return False
        self._held.append(_HeldKey(target, key, modifiers, text))
        self._last_time = now
        # Human typing ends the burst by pausing; replay as soon as the interval is over.
        self._timer.start(max(1, self.max_interval_ms))
        return True

    def flush(self) -> None:
        """Replay the held-back keys to their widgets (a person was typing)."""
        self._timer.stop()
        held, self._held = self._held, []
        if not held:
            return
        self._replaying = True
        try:
            for h in held:
                if not shiboken6.isValid(h.target):
                    continue
                for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                    QApplication.sendEvent(h.target, QKeyEvent(kind, h.key, h.modifiers, h.text))
        finally:
            self._replaying = False

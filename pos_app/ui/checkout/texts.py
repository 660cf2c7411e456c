"""Small helpers shared by the checkout widgets: error texts, times, restyling."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

__all__ = ["error_text", "format_duration", "repolish", "utc_now"]


def error_text(err: Any) -> str:
    """The translated, filled-in message of a domain, payments or checkout error.

    These errors carry ``context``/``message``/``params`` (see docs/contracts.md); anything
    else falls back to its ``str()`` (never shown for errors that may hold secrets: the
    payments errors' ``str`` is already redacted).
    """
    context = getattr(err, "context", None)
    message = getattr(err, "message", None)
    if isinstance(context, str) and isinstance(message, str):
        params = getattr(err, "params", None) or {}
        try:
            return QCoreApplication.translate(context, message).format(**params)
        except (KeyError, IndexError, ValueError):
            return QCoreApplication.translate(context, message)
    return str(err)


def format_duration(seconds: float) -> str:
    """``m:ss`` (or ``h:mm:ss``) for a count of seconds; negative counts as 0."""
    total = max(0, int(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"


def utc_now() -> datetime:
    """Now, timezone-aware (the journal's times are UTC)."""
    return datetime.now(UTC)


def repolish(widget: QWidget) -> None:
    """Re-apply the style sheet after a dynamic property changed."""
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()

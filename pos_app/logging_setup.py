"""Logging: a rotating file in ``<data>/logs/`` with secrets and phone numbers redacted.

Every handler this module installs carries a :class:`RedactingFilter`, which rewrites each
record *before* it is formatted: the API key (and any other value given to
:func:`register_secret`) becomes ``<redacted>``, and every Kazakhstan phone number, in whatever
format it was typed (``+7 700 123 45 67``, ``87001234567``, ``8 (700) 123-45-67``,
``7001234567``…), is masked to ``+7 (700) ***-**-67``. The traceback text is redacted too, so an
exception that echoes a request cannot leak through the log either.

The filter sits on the handlers rather than on loggers because a record that propagates from a
child logger (``pos_app.payments.apipay``) to the root never passes the root *logger's* filters,
only its handlers'.
"""

from __future__ import annotations

import logging
import logging.handlers
import re
import sys
import threading
from pathlib import Path

__all__ = [
    "LOG_FILE_NAME",
    "RedactingFilter",
    "mask_phones",
    "redact",
    "register_secret",
    "setup_logging",
]

LOG_FILE_NAME = "pos-app.log"
REDACTED = "<redacted>"
_MAX_BYTES = 1_000_000
_BACKUPS = 5
#: Shorter values are not worth redacting and would mangle ordinary words.
_MIN_SECRET_LENGTH = 6

_lock = threading.Lock()
_secrets: tuple[str, ...] = ()

# A separator between digit groups: at most one space, hyphen or dot (people type
# "8 700 123 45 67", "8-700-123-45-67", "8.700.123.45.67"). One at most keeps ordinary runs of
# numbers ("12 345 678 90 12") from being taken for phones too eagerly.
_SEP = r"[ \t\-.]?"
PHONE_RE = re.compile(
    rf"""
    (?<!\d)
    (?:
        (?:\+[ ]?7|8|7){_SEP}\(?[ ]?(?P<code1>\d{{3}})[ ]?\)?   # with the +7 / 8 / 7 prefix
      | \(?(?P<code2>7\d{{2}})\)?                              # bare ten digits: codes are 7xx
    )
    {_SEP}(?P<a>\d{{3}}){_SEP}(?P<b>\d{{2}}){_SEP}(?P<c>\d{{2}})
    (?!\d)
    """,
    re.VERBOSE,
)


def register_secret(value: str | None) -> None:
    """Redact ``value`` from every log record from now on (API keys, tokens)."""
    global _secrets
    if not value or len(value) < _MIN_SECRET_LENGTH:
        return
    with _lock:
        if value not in _secrets:
            # Longest first so a key that contains another registered value is removed whole.
            _secrets = tuple(sorted((*_secrets, value), key=len, reverse=True))


def _mask(match: re.Match[str]) -> str:
    code = match.group("code1") or match.group("code2")
    return f"+7 ({code}) ***-**-{match.group('c')}"


def mask_phones(text: str) -> str:
    """Mask every Kazakhstan phone number in ``text`` to ``+7 (700) ***-**-67``."""
    return PHONE_RE.sub(_mask, text)


def redact(text: str) -> str:
    """``text`` with registered secrets replaced and phone numbers masked."""
    for secret in _secrets:
        if secret in text:
            text = text.replace(secret, REDACTED)
    return mask_phones(text)


class RedactingFilter(logging.Filter):
    """Rewrites a record's message, traceback and stack text through :func:`redact`."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Redact in place; never drops a record."""
        try:
            message = record.getMessage()
        except Exception:  # a bad %-format must not hide the record (nor crash the handler)
            message = f"{record.msg!s} {record.args!r}"
        record.msg = redact(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            # Format the traceback now so the formatter uses this (redacted) cached text.
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


class _PosHandlerMixin:
    """Marks handlers installed by :func:`setup_logging` so a second call replaces them."""

    pos_app_handler = True


class _RotatingHandler(_PosHandlerMixin, logging.handlers.RotatingFileHandler):
    pass


class _StreamHandler(_PosHandlerMixin, logging.StreamHandler):  # type: ignore[type-arg]
    pass


def setup_logging(logs_dir: Path, *, level: int = logging.INFO, console: bool = False) -> Path:
    """Send the app's log records to ``<logs_dir>/pos-app.log`` (rotating), redacted.

    Calling it again (a second app built in one test process) replaces the handlers installed
    before, so each data folder gets its own log.

    Args:
        logs_dir: The folder for the log files (created).
        level: The root level.
        console: Also write to stderr (the command line does; tests do not).

    Returns:
        The log file's path.
    """
    logs_dir.mkdir(parents=True, exist_ok=True)
    path = logs_dir / LOG_FILE_NAME
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "pos_app_handler", False):
            root.removeHandler(handler)
            handler.close()
    formatter = logging.Formatter("%(asctime)s %(levelname)-7s %(name)s: %(message)s")
    handlers: list[logging.Handler] = [
        _RotatingHandler(path, maxBytes=_MAX_BYTES, backupCount=_BACKUPS, encoding="utf-8")
    ]
    if console:
        handlers.append(_StreamHandler(sys.stderr))
    for handler in handlers:
        handler.setFormatter(formatter)
        handler.addFilter(RedactingFilter())
        root.addHandler(handler)
    root.setLevel(level)
    # Third-party chatter that would bury the app's own lines at INFO.
    for noisy in ("httpx", "httpcore", "uvicorn", "uvicorn.error", "asyncio"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    return path


def shutdown_logging() -> None:
    """Flush and close the handlers :func:`setup_logging` installed."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "pos_app_handler", False):
            root.removeHandler(handler)
            handler.close()

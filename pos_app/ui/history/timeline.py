"""The notes of a sale's timeline in the cashier's words.

The journals (``pos_app.journal.sales`` / ``refunds``) and the services that write to them
(``pos_app.services.checkout`` / ``refunds``) keep a short English note with each event, for
the logs and for support: ``"journaled before create"``, ``"create answer lost: ReadTimeout"``,
``"late invoice 123 adopted"`` … Those stay English. The detail pane shows them through
:func:`note_text`, which maps each known note to a translated sentence (the invoice number
kept where it helps) or to nothing when the note only repeats the state or is bookkeeping.

A note this table does not know is not shown either (it is English and internal by
construction); ``tests/history/test_timeline_notes.py`` reads the journal and service sources
and fails when one of their notes is missing here.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QCoreApplication

from pos_app.domain.money import format_amount
from pos_app.domain.sale import SaleState
from pos_app.services.history import TimelineEntry
from pos_app.ui.models.history_model import state_text

__all__ = ["HIDDEN_NOTES", "note_text", "timeline_note"]

log = logging.getLogger(__name__)

# Notes that tell a cashier nothing the timeline's state does not already say.
HIDDEN_NOTES = frozenset(
    {
        "journaled before create",  # the "Sending" step itself
        "journaled before sending",  # the same for a refund
        "created",  # the next state (waiting for payment) says it
        "existing invoice fetched",  # a resumed sale read its invoice again
        "cancel answered",  # the state (cancelled) says it
        "settled while creating",  # a bookkeeping step on the way to the final state
        "sent",  # a refund sent; its state follows
    }
)


def _fixed() -> dict[str, str]:
    """Notes without variable parts → their text (built per call: follows the language)."""
    return {
        "app stopped while creating": QCoreApplication.translate(
            "History",
            "The app was closed while the invoice was being sent; checked with the payment service",
        ),
        "create failed unexpectedly": QCoreApplication.translate(
            "History", "Sending went wrong; checking whether the invoice was created"
        ),
        "reconciled: no invoice exists": QCoreApplication.translate(
            "History", "Checked: no invoice was created"
        ),
        "reconciled: invoice found": QCoreApplication.translate(
            "History", "Checked: the invoice was created"
        ),
        "cancel requested": QCoreApplication.translate("History", "Cancellation requested"),
        "cancel requested again": QCoreApplication.translate(
            "History", "Cancellation requested again"
        ),
        "app stopped while sending": QCoreApplication.translate(
            "History",
            "The app was closed while the refund was being sent; checked with the payment service",
        ),
        "reconciled: no refund exists": QCoreApplication.translate(
            "History", "Checked: no refund was made"
        ),
        "reconciled: refund found": QCoreApplication.translate(
            "History", "Checked: the refund was made"
        ),
    }


def _state_word(value: str) -> str:
    try:
        return state_text(SaleState(value))
    except ValueError:
        return value


Render = Callable[[re.Match[str]], str]

# Notes with variable parts (invoice numbers, error class names, status words), in the
# order they are tried; each pattern must match the whole note.
_PATTERNS: tuple[tuple[re.Pattern[str], Render], ...] = (
    (
        re.compile(r"duplicate idempotency key \(invoice (?P<invoice>[^)]*)\)"),
        lambda m: QCoreApplication.translate(
            "History", "Already sent before: invoice {invoice}"
        ).format(invoice=m["invoice"]),
    ),
    (
        re.compile(r"create answer lost: .*"),
        lambda m: QCoreApplication.translate(
            "History", "No answer from the payment service; checking whether the invoice exists"
        ),
    ),
    (
        re.compile(r"late invoice (?P<invoice>\S+) found \S*"),
        lambda m: QCoreApplication.translate("History", "Invoice {invoice} turned up later").format(
            invoice=m["invoice"]
        ),
    ),
    (
        re.compile(r"late invoice (?P<invoice>\S+) adopted"),
        lambda m: QCoreApplication.translate(
            "History", "Invoice {invoice} turned up later; the sale continues with it"
        ).format(invoice=m["invoice"]),
    ),
    (
        re.compile(r"late invoice (?P<invoice>\S+) cannot be cancelled; cart re-rung as \S+"),
        lambda m: QCoreApplication.translate(
            "History",
            "Invoice {invoice} turned up later and cannot be cancelled; the cart was rung up "
            "again as another sale",
        ).format(invoice=m["invoice"]),
    ),
    (
        re.compile(r"late invoice (?P<invoice>\S+) cancelled; cart re-rung as \S+"),
        lambda m: QCoreApplication.translate(
            "History",
            "Invoice {invoice} turned up later and was cancelled; the cart was rung up again as "
            "another sale",
        ).format(invoice=m["invoice"]),
    ),
    (
        re.compile(r"cancel refused: .*"),
        lambda m: QCoreApplication.translate("History", "The payment service refused to cancel"),
    ),
    (
        re.compile(r"cancel failed: .*"),
        lambda m: QCoreApplication.translate("History", "The cancellation did not go through"),
    ),
    (
        re.compile(r"unknown provider status (?P<status>.*)"),
        lambda m: QCoreApplication.translate(
            "History", "The payment service reported an unknown status: {status}"
        ).format(status=m["status"].strip("'\"")),
    ),
    (
        re.compile(r"provider says (?P<state>\w+); not reachable, kept"),
        lambda m: QCoreApplication.translate(
            "History", "The payment service says “{state}”; the status was kept"
        ).format(state=_state_word(m["state"])),
    ),
    (
        re.compile(r"create refused: .*"),
        lambda m: QCoreApplication.translate("History", "The payment service refused the invoice"),
    ),
    (
        re.compile(r"answer lost: .*"),
        lambda m: QCoreApplication.translate(
            "History", "No answer from the payment service; checking whether the refund was made"
        ),
    ),
    (
        re.compile(r"refused: .*"),
        lambda m: QCoreApplication.translate("History", "The payment service refused the refund"),
    ),
)


def note_text(note: str) -> str | None:
    """A journal note in the cashier's words.

    Args:
        note: The English note the journal stored with an event.

    Returns:
        The translated text; ``""`` for a known note not worth showing (or no note);
        ``None`` for a note this table does not know (the caller shows nothing).
    """
    note = note.strip()
    if not note or note in HIDDEN_NOTES:
        return ""
    fixed = _fixed().get(note)
    if fixed is not None:
        return fixed
    for pattern, render in _PATTERNS:
        match = pattern.fullmatch(note)
        if match is not None:
            return render(match)
    return None


def timeline_note(entry: TimelineEntry, locale: str) -> str:
    """What to show after a timeline entry: ``""`` for nothing.

    The provider's entries carry an amount (a refund's), shown as money; the journal's carry
    a note, shown through :func:`note_text`.
    """
    if not entry.note:
        return ""
    if entry.source == "provider":
        try:
            return format_amount(Decimal(entry.note), locale)
        except (InvalidOperation, ValueError):
            return ""
    text = note_text(entry.note)
    if text is None:
        # Internal English: kept out of the cashier's view, still in the journal and here.
        log.debug("timeline note not shown: %r", entry.note)
        return ""
    return text

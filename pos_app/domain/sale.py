"""The life of a sale: its states, the moves allowed between them, the providers' words for them.

All allowed transitions are in one table, :data:`TRANSITIONS`::

    DRAFT ──► CREATING ──► WAITING ──► PAID ──► PARTIALLY_REFUNDED ──► REFUNDED
      │           │           │   └──► CANCELLED / EXPIRED / FAILED
      │           │           └──► CANCELLING ──► CANCELLED (or PAID: the customer was faster)
      │           └──► UNKNOWN (the answer was lost: reconcile by order id before anything else)
      │                   └──► CREATING (resend, same idempotency key) / WAITING / PAID / …
      └──► CANCELLED (the cashier dropped the draft)

Staying in the same state is always allowed (a poll that sees no change). A sale found already
refunded (``WAITING → REFUNDED`` after a restart) is allowed because the provider's word wins
over what we last saw.

Provider statuses map to states through :func:`map_apipay_status` and
:func:`map_xpayment_status`; an unknown status maps to ``None`` — never an exception — and the
caller keeps the raw string to show it.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from enum import StrEnum

from pos_app.domain.errors import QT_TRANSLATE_NOOP, TransitionError

__all__ = [
    "FINAL_STATES",
    "TRANSITIONS",
    "RefundState",
    "SaleState",
    "can_transition",
    "is_final",
    "map_apipay_status",
    "map_refund_status",
    "map_xpayment_status",
    "transition",
]


class SaleState(StrEnum):
    """Where a sale is, in the app's own words (one model for both providers)."""

    DRAFT = "draft"  # cart being filled, nothing sent
    CREATING = "creating"  # the create request is on its way
    UNKNOWN = "unknown"  # the create answer was lost: the invoice may or may not exist
    WAITING = "waiting"  # the invoice exists, the customer has not paid yet
    CANCELLING = "cancelling"  # cancel asked, the provider has not confirmed
    PAID = "paid"
    PARTIALLY_REFUNDED = "partially_refunded"
    REFUNDED = "refunded"
    CANCELLED = "cancelled"
    EXPIRED = "expired"
    FAILED = "failed"


class RefundState(StrEnum):
    """Where a refund is."""

    CREATING = "creating"  # the refund request is on its way
    UNKNOWN = "unknown"  # its answer was lost: look the refunds of the sale up
    PENDING = "pending"  # queued at the provider
    COMPLETED = "completed"
    FAILED = "failed"


_S = SaleState
_PAID_FAMILY = frozenset({_S.PAID, _S.PARTIALLY_REFUNDED, _S.REFUNDED})
_ENDED_UNPAID = frozenset({_S.CANCELLED, _S.EXPIRED, _S.FAILED})

TRANSITIONS: dict[SaleState, frozenset[SaleState]] = {
    _S.DRAFT: frozenset({_S.CREATING, _S.CANCELLED}),
    _S.CREATING: frozenset({_S.WAITING, _S.PAID, _S.FAILED, _S.UNKNOWN}),
    # Reconciliation finds the invoice in whatever state it has reached by now, or not at all
    # (then the sale is resent with the same idempotency key: back to CREATING).
    _S.UNKNOWN: frozenset({_S.CREATING, _S.WAITING, _S.CANCELLING} | _PAID_FAMILY | _ENDED_UNPAID),
    _S.WAITING: frozenset({_S.CANCELLING} | _PAID_FAMILY | _ENDED_UNPAID),
    # A refused cancel leaves the invoice pending (back to WAITING); a customer faster than the
    # cancel makes it PAID.
    _S.CANCELLING: frozenset({_S.WAITING} | _PAID_FAMILY | _ENDED_UNPAID),
    _S.PAID: frozenset({_S.PARTIALLY_REFUNDED, _S.REFUNDED}),
    _S.PARTIALLY_REFUNDED: frozenset({_S.REFUNDED}),
    _S.REFUNDED: frozenset(),
    _S.CANCELLED: frozenset(),
    _S.EXPIRED: frozenset(),
    _S.FAILED: frozenset(),
}

#: States after which the payment cannot change by itself: no more polling.
FINAL_STATES = frozenset(_PAID_FAMILY | _ENDED_UNPAID)


def can_transition(old: SaleState, new: SaleState) -> bool:
    """Whether a sale may move from ``old`` to ``new`` (staying put is always allowed)."""
    return old == new or new in TRANSITIONS[old]


def transition(old: SaleState, new: SaleState) -> SaleState:
    """Move a sale from ``old`` to ``new``.

    Returns:
        ``new``.

    Raises:
        TransitionError: ``sale.bad_transition`` when the table does not allow it.
    """
    if not can_transition(old, new):
        raise TransitionError(
            "sale.bad_transition",
            QT_TRANSLATE_NOOP("Domain", "A sale cannot go from {old} to {new}"),
            {"old": old.value, "new": new.value},
        )
    return new


def is_final(state: SaleState) -> bool:
    """Whether the payment is settled (paid, refunded, cancelled, expired, failed): stop polling."""
    return state in FINAL_STATES


def _norm(raw: object) -> str:
    return raw.strip().lower() if isinstance(raw, str) else ""


def _as_decimal(value: Decimal | int | str) -> Decimal:
    try:
        number = Decimal(value) if not isinstance(value, str) else Decimal(value.strip())
    except (InvalidOperation, TypeError, ValueError):
        return Decimal(0)
    return number if number.is_finite() else Decimal(0)


_APIPAY: dict[str, SaleState] = {
    "processing": _S.WAITING,
    "pending": _S.WAITING,
    "cancelling": _S.CANCELLING,
    "paid": _S.PAID,
    "partially_refunded": _S.PARTIALLY_REFUNDED,
    "refunded": _S.REFUNDED,  # 2.0 only; 2.1 says paid + is_fully_refunded
    "cancelled": _S.CANCELLED,
    "expired": _S.EXPIRED,
    "error": _S.FAILED,
}

_XPAYMENT: dict[str, SaleState] = {
    "pending": _S.WAITING,
    "qrtokencreated": _S.WAITING,  # the status of a fresh POST /payments/link
    "completed": _S.PAID,
    "cancelled": _S.CANCELLED,
    "failed": _S.FAILED,
    "expired": _S.EXPIRED,
}

_REFUNDS: dict[str, RefundState] = {
    "pending": RefundState.PENDING,
    "processing": RefundState.PENDING,  # ApiPay 2.1 refund queue
    "completed": RefundState.COMPLETED,
    "failed": RefundState.FAILED,
}


def map_apipay_status(
    raw: str,
    *,
    is_fully_refunded: bool = False,
    total_refunded: Decimal | int | str = Decimal(0),
) -> SaleState | None:
    """Map an ApiPay invoice status (2.0 or 2.1) to a :class:`SaleState`.

    2.1 keeps a refunded invoice ``paid`` and says how much came back; the amounts win: a paid
    invoice with ``is_fully_refunded`` is REFUNDED, with ``total_refunded > 0`` PARTIALLY_REFUNDED.

    Args:
        raw: The ``status`` field (case and surrounding spaces ignored).
        is_fully_refunded: The invoice's ``is_fully_refunded``.
        total_refunded: The invoice's ``total_refunded`` (a string like ``"500.00"`` is fine;
            something unreadable counts as 0).

    Returns:
        The state, or ``None`` for a status this app does not know.
    """
    state = _APIPAY.get(_norm(raw))
    if state in (_S.PAID, _S.PARTIALLY_REFUNDED):
        if is_fully_refunded:
            return _S.REFUNDED
        if _as_decimal(total_refunded) > 0:
            return _S.PARTIALLY_REFUNDED
    return state


def map_xpayment_status(raw: str) -> SaleState | None:
    """Map an xPayment payment status to a :class:`SaleState` (``None`` when unknown)."""
    return _XPAYMENT.get(_norm(raw))


def map_refund_status(raw: str) -> RefundState | None:
    """Map an ApiPay or xPayment refund status to a :class:`RefundState` (``None`` when unknown)."""
    return _REFUNDS.get(_norm(raw))

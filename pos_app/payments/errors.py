"""One error hierarchy for every payment provider, with messages the UI can translate.

Every failure of a provider call ends as a :class:`PaymentError` subclass chosen by what the
caller can *do* about it (re-enter the key, fix a field, wait, try later, reconcile), never by the
provider's free text. Branch on the class and on ``error_code`` (ApiPay 2.1's ``ErrorCode``
enum, or 2.0's ``error`` slug); the Russian ``message`` of the provider is kept in
``server_message`` for the log only.

The cashier-facing text is an English template written as
``QT_TRANSLATE_NOOP("PaymentError", "...")`` so ``pyside6-lupdate`` extracts it; the UI shows::

    QCoreApplication.translate(err.context, err.message).format(**err.params)

``str(err)`` / ``repr(err)`` carry only that English text (and the codes): never the API key,
never a full phone number, never the raw response body.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pos_app.domain.errors import QT_TRANSLATE_NOOP

__all__ = [
    "CONTEXT",
    "AuthenticationError",
    "ConflictError",
    "DuplicateIdempotencyError",
    "ForbiddenError",
    "NetworkError",
    "NotFoundError",
    "NotSupportedError",
    "PaymentError",
    "ProtocolError",
    "ProviderUnavailableError",
    "RateLimitedError",
    "ServerError",
    "ValidationError",
    "VerificationExpiredError",
    "may_have_happened",
    "message_for_code",
]

CONTEXT = "PaymentError"


# Messages for the provider's stable error codes. The class default is used for any code not
# listed here: a new code from the provider degrades to a generic, still correct message.
_CODE_MESSAGES: dict[str, str] = {
    "tariff_inactive": QT_TRANSLATE_NOOP(
        "PaymentError",
        "The shop's ApiPay subscription is not active. Renew the plan in the ApiPay dashboard.",
    ),
    "kyc_rejected": QT_TRANSLATE_NOOP(
        "PaymentError", "Issuing invoices is blocked for this shop. Contact ApiPay support."
    ),
    "organization_required": QT_TRANSLATE_NOOP(
        "PaymentError", "The shop's organisation is not verified yet. Verify it in the settings."
    ),
    "kaspi_session_expired": QT_TRANSLATE_NOOP(
        "PaymentError",
        "The Kaspi cashier session has expired. Reconnect the cashier in the ApiPay dashboard.",
    ),
    "kaspi_session_invalid": QT_TRANSLATE_NOOP(
        "PaymentError",
        "The Kaspi cashier session is not valid. Reconnect the cashier in the ApiPay dashboard.",
    ),
    "kaspi_session_not_configured": QT_TRANSLATE_NOOP(
        "PaymentError", "The Kaspi cashier is not connected yet. Contact ApiPay support."
    ),
    "invoices_disabled": QT_TRANSLATE_NOOP(
        "PaymentError",
        "Creating payments is paused for maintenance. No payment was created; try again later.",
    ),
    "invoice_already_paid": QT_TRANSLATE_NOOP("PaymentError", "The payment is already paid."),
    "invoice_already_cancelled": QT_TRANSLATE_NOOP(
        "PaymentError", "The payment is already cancelled."
    ),
    "refund_window_expired": QT_TRANSLATE_NOOP(
        "PaymentError", "The time allowed for a refund of this payment has passed."
    ),
    "refund_amount_exceeds_available": QT_TRANSLATE_NOOP(
        "PaymentError", "The refund is larger than what is left to refund on this payment."
    ),
    "client_not_found": QT_TRANSLATE_NOOP(
        "PaymentError", "This phone number has no Kaspi account."
    ),
    "content_rejected": QT_TRANSLATE_NOOP(
        "PaymentError", "The description was rejected by the content check. Change it."
    ),
    "trial_daily_limit": QT_TRANSLATE_NOOP(
        "PaymentError", "The daily limit of the trial plan is reached."
    ),
    "tariff_limit_reached": QT_TRANSLATE_NOOP(
        "PaymentError", "The limit of the shop's ApiPay plan is reached."
    ),
    "outstanding_recipient_limit": QT_TRANSLATE_NOOP(
        "PaymentError", "Too many unpaid payments for this phone number."
    ),
    "outstanding_org_limit": QT_TRANSLATE_NOOP(
        "PaymentError", "Too many unpaid payments for this shop."
    ),
    "kyc_daily_limit_reached": QT_TRANSLATE_NOOP(
        "PaymentError", "The shop is being checked: one invoice a day until it is approved."
    ),
    "verification_timeout": QT_TRANSLATE_NOOP(
        "PaymentError",
        "The owner did not confirm in Kaspi Business in time. Start the verification again.",
    ),
    "kaspi_error": QT_TRANSLATE_NOOP(
        "PaymentError", "Kaspi returned an error. Try again in a moment."
    ),
    "catalog_item_not_found": QT_TRANSLATE_NOOP(
        "PaymentError", "An item of the cart is not in the provider's catalog any more."
    ),
    "cart_items_mismatch": QT_TRANSLATE_NOOP(
        "PaymentError", "The cart does not match the provider's catalog. Sync the catalog."
    ),
}


def message_for_code(error_code: str | None, default: str) -> str:
    """The cashier-facing template for a provider error code.

    Args:
        error_code: The provider's stable code, or ``None``.
        default: The template of the error class, used for unknown codes.

    Returns:
        A template marked for translation in the ``PaymentError`` context.
    """
    if error_code is None:
        return default
    return _CODE_MESSAGES.get(error_code, default)


class PaymentError(Exception):
    """A payment provider call failed.

    Attributes:
        context: Translation context of ``message`` (always ``"PaymentError"``).
        message: English source template for the cashier.
        params: Values for ``message.format(**params)``, all strings, never secret.
        error_code: The provider's stable reason code (``"tariff_inactive"`` …) or ``None``.
        status_code: The HTTP status, ``None`` when no answer arrived.
        server_message: The provider's own text (often Russian) for the log; never shown as is.
        outcome_unknown: ``True`` when a *create* may or may not have happened and the client
            could not find out (see ``pos_app.payments.apipay``): the sale is ``UNKNOWN`` and is
            reconciled later with ``find_by_order_id``.
        retryable: Whether trying the same call later can succeed.
    """

    default_message: str = QT_TRANSLATE_NOOP(
        "PaymentError", "The payment service returned an error."
    )
    retryable: bool = False

    context: str
    message: str
    params: dict[str, str]
    error_code: str | None
    status_code: int | None
    server_message: str | None
    outcome_unknown: bool

    def __init__(
        self,
        message: str | None = None,
        *,
        error_code: str | None = None,
        status_code: int | None = None,
        params: Mapping[str, object] | None = None,
        server_message: str | None = None,
    ) -> None:
        """Create the error.

        Args:
            message: Template marked with ``QT_TRANSLATE_NOOP("PaymentError", ...)``; ``None``
                picks the one for ``error_code`` or the class default.
            error_code: The provider's stable code.
            status_code: The HTTP status of the answer.
            params: Values for the template's placeholders (converted to ``str``).
            server_message: The provider's text, kept for the log only.
        """
        self.context = CONTEXT
        self.message = message or message_for_code(error_code, self.default_message)
        self.params = {key: str(value) for key, value in (params or {}).items()}
        self.error_code = error_code
        self.status_code = status_code
        self.server_message = server_message
        self.outcome_unknown = False
        super().__init__(self.text)

    @property
    def text(self) -> str:
        """The English message with its parameters filled in (what ``str(err)`` returns)."""
        try:
            return self.message.format(**self.params)
        except (KeyError, IndexError, ValueError):
            return self.message

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(error_code={self.error_code!r}, "
            f"status_code={self.status_code!r}, message={self.text!r})"
        )


class AuthenticationError(PaymentError):
    """The API key is missing, wrong or revoked (401)."""

    default_message = QT_TRANSLATE_NOOP(
        "PaymentError", "The API key was not accepted. Check it in the settings."
    )


class ForbiddenError(PaymentError):
    """The account may not do this (403): inactive plan, KYC refusal, unverified organisation.

    Attributes:
        expires_at: For ``tariff_inactive``, when the plan ended (ISO text) or ``None``.
        reason: For ``tariff_inactive``: ``expired``, ``cancelled`` or ``none``.
    """

    default_message = QT_TRANSLATE_NOOP(
        "PaymentError", "The payment service does not allow this operation for the shop."
    )
    expires_at: str | None = None
    reason: str | None = None


class NotFoundError(PaymentError):
    """The payment, refund or item does not exist for this account (404)."""

    default_message = QT_TRANSLATE_NOOP("PaymentError", "The payment service does not know it.")


class NotSupportedError(PaymentError):
    """The provider has no such operation (see its ``Capabilities``)."""

    default_message = QT_TRANSLATE_NOOP(
        "PaymentError", "This payment provider does not support the operation."
    )


class VerificationExpiredError(PaymentError):
    """The organisation's verification ran out of time (ApiPay 410 ``verification_timeout``).

    The owner did not confirm the request in Kaspi Business within its 120 s; the
    verification is over (``failed``) and must be started again. ``status_code`` stays 410.
    """

    default_message = QT_TRANSLATE_NOOP(
        "PaymentError",
        "The owner did not confirm in Kaspi Business in time. Start the verification again.",
    )

    def __init__(self, message: str | None = None, **kwargs: Any) -> None:
        """Create the error; ``error_code`` defaults to ``verification_timeout``."""
        if kwargs.get("error_code") is None:
            kwargs["error_code"] = "verification_timeout"
        super().__init__(message, **kwargs)


class ValidationError(PaymentError):
    """The provider rejected fields of the request (422).

    Attributes:
        fields: Field name → the provider's messages for it (the provider's language).
    """

    default_message = QT_TRANSLATE_NOOP(
        "PaymentError", "The payment service rejected the data: {fields}."
    )
    fields: dict[str, list[str]]

    def __init__(
        self,
        message: str | None = None,
        *,
        fields: Mapping[str, list[str]] | None = None,
        **kwargs: Any,
    ) -> None:
        """Create the error; ``fields`` names are put into the ``{fields}`` parameter."""
        self.fields = {key: list(value) for key, value in (fields or {}).items()}
        params = dict(kwargs.pop("params", None) or {})
        params.setdefault("fields", ", ".join(sorted(self.fields)) or "?")
        super().__init__(message, params=params, **kwargs)


class ConflictError(PaymentError):
    """The operation does not fit the payment's current state (409, and ApiPay's 400 refusals).

    Examples: cancelling a paid invoice, refunding more than is left, an expired Kaspi session.
    """

    default_message = QT_TRANSLATE_NOOP(
        "PaymentError", "The payment service refused this operation in the payment's state."
    )


class DuplicateIdempotencyError(ConflictError):
    """A create with an order id that already has a payment (ApiPay 409).

    Attributes:
        invoice_id: The id of the payment that exists, as a string.
        existing_status: Its raw status, when the provider said.
    """

    default_message = QT_TRANSLATE_NOOP("PaymentError", "A payment for this sale already exists.")

    def __init__(
        self,
        invoice_id: str | None,
        existing_status: str | None = None,
        **kwargs: Any,
    ) -> None:
        """Create the error for the existing payment ``invoice_id``."""
        self.invoice_id = invoice_id
        self.existing_status = existing_status
        kwargs.setdefault("error_code", "duplicate_idempotency_key")
        super().__init__(None, **kwargs)


class RateLimitedError(PaymentError):
    """Too many requests (429).

    Attributes:
        retry_after: Seconds to wait before the next request, when the provider said.
    """

    default_message = QT_TRANSLATE_NOOP(
        "PaymentError", "Too many requests to the payment service. Wait {seconds} s."
    )
    retryable = True

    def __init__(self, retry_after: float | None = None, **kwargs: Any) -> None:
        """Create the error with the wait the provider asked for."""
        self.retry_after = retry_after
        params = dict(kwargs.pop("params", None) or {})
        params.setdefault("seconds", "?" if retry_after is None else f"{retry_after:g}")
        super().__init__(kwargs.pop("message", None), params=params, **kwargs)


class ProviderUnavailableError(PaymentError):
    """Kaspi or the provider is temporarily unavailable (502/503)."""

    default_message = QT_TRANSLATE_NOOP(
        "PaymentError", "Kaspi is not available right now. Try again in a moment."
    )
    retryable = True


class ServerError(PaymentError):
    """The provider failed internally (500 and other 5xx)."""

    default_message = QT_TRANSLATE_NOOP(
        "PaymentError", "The payment service had an internal error. Try again in a moment."
    )
    retryable = True


class NetworkError(PaymentError):
    """No answer: time-out, connection refused or reset, DNS, TLS.

    Attributes:
        request_sent: ``False`` when the request certainly never reached the server (connect
            failure), so a create certainly did not happen.
    """

    default_message = QT_TRANSLATE_NOOP(
        "PaymentError", "No connection to the payment service. Check the internet connection."
    )
    retryable = True
    request_sent: bool = True


class ProtocolError(PaymentError):
    """The answer could not be understood: not JSON, or not the documented shape."""

    default_message = QT_TRANSLATE_NOOP(
        "PaymentError", "The payment service sent an answer the app does not understand."
    )
    retryable = False  # the same request would most likely get the same answer


def may_have_happened(error: PaymentError) -> bool:
    """Whether a write (create, refund, cancel) that failed with ``error`` may have been done.

    ``True`` for a lost answer: ``outcome_unknown``, a network error after the request left,
    a 5xx, an unreadable answer. Then the caller must look the outcome up (reconcile) before
    anything else — never send the write again blindly.
    """
    if error.outcome_unknown:
        return True
    if isinstance(error, NetworkError):
        return error.request_sent
    return isinstance(error, ServerError | ProtocolError)

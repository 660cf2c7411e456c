"""Errors of the domain core, with messages the UI can translate.

The domain cannot call Qt's ``tr``. Every user-facing message is an English source template
written inline as ``QT_TRANSLATE_NOOP("Domain", "...")`` so ``pyside6-lupdate`` extracts it into
the ``.ts`` files (it only sees string *literals* passed straight to a function of that name).
The UI shows an error with::

    QCoreApplication.translate(err.context, err.message).format(**err.params)

``str(err)`` is the English text already formatted, for logs. Never put a secret or a full phone
number into ``params``: they end up in ``str(err)``.
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = [
    "QT_TRANSLATE_NOOP",
    "CartError",
    "DomainError",
    "IinError",
    "MoneyError",
    "PhoneError",
    "TransitionError",
]


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark ``text`` for translation in ``context`` without translating it.

    The name is the one ``pyside6-lupdate`` looks for, hence not snake_case.

    Args:
        context: The translation context (``"Domain"`` for this package).
        text: The English source string, a literal.

    Returns:
        ``text`` unchanged.
    """
    return text


class DomainError(ValueError):
    """A rule of the domain was broken by the input; the message says which, for the cashier.

    Attributes:
        context: Translation context of ``message`` (``"Domain"``).
        code: Stable machine code, e.g. ``"money.too_many_decimals"``: branch on this, never on
            the text.
        message: English source template, e.g. ``"The amount must be at most {max}"``.
        params: Values for ``message.format(**params)``, all strings.
    """

    context: str
    code: str
    message: str
    params: dict[str, str]

    def __init__(
        self,
        code: str,
        message: str,
        params: Mapping[str, object] | None = None,
        *,
        context: str = "Domain",
    ) -> None:
        """Create the error.

        Args:
            code: Stable machine code (``"<area>.<reason>"``).
            message: English template marked with ``QT_TRANSLATE_NOOP(context, ...)``.
            params: Values for the template's ``{placeholders}``; converted to ``str``.
            context: Translation context of ``message``.
        """
        self.context = context
        self.code = code
        self.message = message
        self.params = {key: str(value) for key, value in (params or {}).items()}
        super().__init__(self.text)

    @property
    def text(self) -> str:
        """The English message with its parameters filled in (what ``str(err)`` returns)."""
        try:
            return self.message.format(**self.params)
        except (KeyError, IndexError, ValueError):
            # A template and its params out of step must not turn one error into another.
            return self.message

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"{type(self).__name__}(code={self.code!r}, message={self.text!r})"


class MoneyError(DomainError):
    """An amount the cashier typed or the app computed cannot be used."""


class PhoneError(DomainError):
    """A phone number is not a Kazakhstan mobile number."""


class IinError(DomainError):
    """An IIN/BIN is not 12 digits with a valid check digit."""


class CartError(DomainError):
    """An operation on the cart would break one of its rules."""


class TransitionError(DomainError):
    """A sale cannot move from its current state to the requested one."""

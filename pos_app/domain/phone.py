"""Kazakhstan mobile phone numbers: read what the cashier types, write what each API wants.

Accepted shapes: ``+7 700 123 45 67``, ``8 (700) 123-45-67``, ``87001234567``, ``77001234567``,
``7001234567``, ``+7(700)1234567`` — digits with spaces, brackets, hyphens or dots between them.

Kazakhstan shares the country code +7 with Russia, so the length alone proves nothing: the number
is checked with ``phonenumbers`` (Google's libphonenumber metadata) and must belong to region
``KZ`` and be a MOBILE number (Kaspi invoices go to a phone with the Kaspi app). A Moscow number
(``+7 495 …``) and an Almaty landline (``+7 727 …``) are refused with ``phone.not_kz_mobile``.

Codes of :class:`~pos_app.domain.errors.PhoneError`: ``phone.empty``, ``phone.invalid_chars``,
``phone.wrong_length``, ``phone.not_kz_mobile``. Messages never contain the number itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers

from pos_app.domain.errors import QT_TRANSLATE_NOOP, PhoneError

__all__ = ["KzPhone", "parse_phone"]

# What may stand between the digits of a phone number as people write it.
_SEPARATORS = re.compile(r"[\s()\-.\u2010-\u2015]+")
_NATIONAL = re.compile(r"[0-9]{10}", re.ASCII)
_MOBILE_TYPES = frozenset(
    {phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE}
)


@dataclass(frozen=True)
class KzPhone:
    """A Kazakhstan mobile number, stored as its 10 national digits (``"7001234567"``).

    Build it with :func:`parse_phone`; the constructor only checks the shape.
    """

    national: str

    def __post_init__(self) -> None:
        if not _NATIONAL.fullmatch(self.national):
            raise ValueError("KzPhone.national must be exactly 10 ASCII digits")

    @property
    def apipay(self) -> str:
        """The ApiPay ``phone_number`` form: ``"87001234567"``."""
        return f"8{self.national}"

    @property
    def e164(self) -> str:
        """The international form (xPayment ``payer_phone``): ``"+77001234567"``."""
        return f"+7{self.national}"

    @property
    def display(self) -> str:
        """For people: ``"+7 (700) 123-45-67"``."""
        n = self.national
        return f"+7 ({n[:3]}) {n[3:6]}-{n[6:8]}-{n[8:]}"

    @property
    def masked(self) -> str:
        """For logs and receipts, the last two digits only: ``"+7 (700) ***-**-67"``."""
        return f"+7 ({self.national[:3]}) ***-**-{self.national[8:]}"

    def __repr__(self) -> str:
        # A full phone number must never reach a log line, so not even through repr().
        return f"KzPhone({self.masked!r})"

    def __str__(self) -> str:
        return self.masked


def _not_kz_mobile() -> PhoneError:
    return PhoneError(
        "phone.not_kz_mobile",
        QT_TRANSLATE_NOOP("Domain", "This is not a Kazakhstan mobile number"),
    )


def _wrong_length() -> PhoneError:
    return PhoneError(
        "phone.wrong_length",
        QT_TRANSLATE_NOOP(
            "Domain", "A mobile number has 10 digits after +7 or 8, like +7 700 123 45 67"
        ),
    )


def _national_digits(text: str) -> str:
    """The 10 national digits of what was typed, before any check of the number plan."""
    stripped = text.strip()
    if not stripped:
        raise PhoneError("phone.empty", QT_TRANSLATE_NOOP("Domain", "Enter a phone number"))
    international = stripped.startswith("+")
    body = _SEPARATORS.sub("", stripped[1:] if international else stripped)
    if not (body.isascii() and body.isdigit()):
        raise PhoneError(
            "phone.invalid_chars",
            QT_TRANSLATE_NOOP(
                "Domain", "A phone number may contain only digits, spaces, +, brackets and -"
            ),
        )
    if international:
        # "+" then a country code: only +7 can be Kazakhstan.
        if not body.startswith("7"):
            raise _not_kz_mobile()
        body = body[1:]
    elif len(body) == 11:
        # 8 is the domestic trunk prefix, 7 the country code typed without "+".
        if body[0] not in "78":
            raise _not_kz_mobile()
        body = body[1:]
    if len(body) != 10:
        raise _wrong_length()
    return body


def parse_phone(text: str) -> KzPhone:
    """Read a Kazakhstan mobile number in any usual shape.

    Args:
        text: What the cashier typed.

    Returns:
        The normalised number.

    Raises:
        PhoneError: ``phone.empty``, ``phone.invalid_chars``, ``phone.wrong_length`` or
            ``phone.not_kz_mobile`` (a Russian number, a Kazakh landline, an unassigned range).
    """
    national = _national_digits(text)
    try:
        number = phonenumbers.parse(f"+7{national}", "KZ")
    except phonenumbers.NumberParseException as exc:
        raise _not_kz_mobile() from exc
    if (
        phonenumbers.region_code_for_number(number) != "KZ"
        or phonenumbers.number_type(number) not in _MOBILE_TYPES
    ):
        raise _not_kz_mobile()
    return KzPhone(str(number.national_number).zfill(10))

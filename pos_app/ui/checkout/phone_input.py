"""Reading a phone number as it is typed or pasted, and showing it in the ``+7 (7XX) …`` mask.

A fixed ``inputMask`` cannot take what cashiers paste (``8 700 123 45 67``, ``+77001234567``,
``7001234567``): its literal characters fight the pasted ones. So the field is free text that is
re-shaped after every edit into ``+7 (700) 123-45-67`` when it holds a plausible number, and left
as typed otherwise (letters, too many digits) so the validation message can say what is wrong.
The final word on a number is always :func:`pos_app.domain.phone.parse_phone`.
"""

from __future__ import annotations

import re

__all__ = ["PHONE_MASK", "format_partial", "national_digits"]

#: The shape shown as the field's placeholder.
PHONE_MASK = "+7 (7XX) XXX-XX-XX"

_DIGITS = re.compile(r"\d")
_ALLOWED = re.compile(r"[\d\s()+\-.\u2010-\u2015]*")


def national_digits(text: str) -> str | None:
    """The national digits typed so far (at most 10), or ``None`` if ``text`` is not re-shapeable.

    ``None`` means: leave the text as it is and let the validation explain it (letters, a
    foreign country code, more digits than a number has).
    """
    stripped = text.strip()
    if not _ALLOWED.fullmatch(stripped):
        return None
    if stripped.startswith("+"):
        digits = "".join(_DIGITS.findall(stripped[1:]))
        if not digits:
            return ""
        if not digits.startswith("7"):
            return None  # another country: keep it visible
        digits = digits[1:]
    else:
        digits = "".join(_DIGITS.findall(stripped))
        if len(digits) >= 11 and digits[0] in "78":
            digits = digits[1:]  # trunk prefix 8 or country code 7 typed without "+"
        elif digits.startswith("8"):
            digits = digits[1:]  # a national number never starts with 8: the trunk prefix
    if len(digits) > 10:
        return None
    return digits


def format_partial(national: str) -> str:
    """``national`` (0–10 digits) in the mask, as far as it goes: ``+7 (700) 12``."""
    if not national:
        return ""
    # A separator appears only once a digit follows it, so Backspace is never undone.
    text = "+7 (" + national[:3]
    if len(national) > 3:
        text += ") " + national[3:6]
    if len(national) > 6:
        text += "-" + national[6:8]
    if len(national) > 8:
        text += "-" + national[8:10]
    return text

"""IIN (individual) and BIN (business) identification numbers of Kazakhstan.

Both are 12 digits; the 12th is a check digit computed from the first 11 (the official
algorithm):

1. ``s = Σ dᵢ·wᵢ mod 11`` with weights ``1, 2, …, 11``;
2. if ``s == 10``, again with weights ``3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2``;
3. if it is still 10, no check digit exists: such an 11-digit prefix is never issued.

The check digit does not catch every typo, and nothing here pretends it does: the 11th digit has
weight 11 ≡ 0 (mod 11) in the first pass, so changing it goes unnoticed unless the number needed
the second pass; and a typo elsewhere that sends the number into the second pass can land on the
same check digit by chance (about 1 in 1000 such typos).

Codes of :class:`~pos_app.domain.errors.IinError`: ``iin.empty``, ``iin.invalid_chars``,
``iin.wrong_length``, ``iin.bad_check_digit``.
"""

from __future__ import annotations

import re

from pos_app.domain.errors import QT_TRANSLATE_NOOP, IinError

__all__ = ["iin_check_digit", "validate_iin_bin"]

_FIRST_PASS = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
_SECOND_PASS = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)
_ELEVEN_DIGITS = re.compile(r"[0-9]{11}", re.ASCII)
_SPACES = re.compile(r"\s+")


def iin_check_digit(first11: str) -> int | None:
    """Compute the check digit of an IIN/BIN from its first 11 digits.

    Args:
        first11: Exactly 11 ASCII digits.

    Returns:
        The check digit 0–9, or ``None`` when the second pass also gives 10 (no valid number
        starts with these digits).

    Raises:
        ValueError: When ``first11`` is not 11 digits (a programming error, not user input).
    """
    if not _ELEVEN_DIGITS.fullmatch(first11):
        raise ValueError("iin_check_digit() needs exactly 11 digits")
    digits = [int(c) for c in first11]
    for weights in (_FIRST_PASS, _SECOND_PASS):
        check = sum(d * w for d, w in zip(digits, weights, strict=True)) % 11
        if check != 10:
            return check
    return None


def validate_iin_bin(text: str) -> str:
    """Check an IIN/BIN as typed (spaces allowed between digits).

    Args:
        text: What was typed.

    Returns:
        The 12 digits.

    Raises:
        IinError: ``iin.empty``, ``iin.invalid_chars`` (letters or other signs),
            ``iin.wrong_length`` or ``iin.bad_check_digit``.
    """
    digits = _SPACES.sub("", text)
    if not digits:
        raise IinError("iin.empty", QT_TRANSLATE_NOOP("Domain", "Enter the IIN or BIN"))
    if not (digits.isascii() and digits.isdigit()):
        raise IinError(
            "iin.invalid_chars",
            QT_TRANSLATE_NOOP("Domain", "An IIN or BIN contains only digits"),
        )
    if len(digits) != 12:
        raise IinError(
            "iin.wrong_length",
            QT_TRANSLATE_NOOP("Domain", "An IIN or BIN has 12 digits, this one has {count}"),
            {"count": len(digits)},
        )
    if iin_check_digit(digits[:11]) != int(digits[11]):
        raise IinError(
            "iin.bad_check_digit",
            QT_TRANSLATE_NOOP(
                "Domain", "This IIN or BIN is not valid: check the digits for a typo"
            ),
        )
    return digits

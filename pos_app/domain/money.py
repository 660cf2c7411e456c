"""Money: tenge as ``Decimal`` with two places, read from what a cashier types, written per locale.

**The one rounding rule.** Every amount the app computes is rounded by :func:`round_money`, and
only there: ``ROUND_HALF_UP`` to ``0.01`` tenge (half a tiyn goes up: ``0.005 → 0.01``,
``2.675 → 2.68``; negative values mirror it, ``-0.005 → -0.01``). Floats are refused: a float
has already lost the cents before we could round them.

Limits are ApiPay's (``amount``: ``minimum 0.01``, ``maximum 99999999.99``): :data:`MIN_AMOUNT`
and :data:`MAX_AMOUNT`; :func:`check_amount` enforces them.

**Reading input** (:func:`parse_amount`). Accepted: ``1500``, ``1 500``, ``1500,5``,
``1 500.50``, ``1,500.50``, ``15,000``, ``1 500 ₸``, ``1500 тг``, with ordinary, no-break
(U+00A0), narrow no-break (U+202F) or thin spaces, and whitespace around. How separators are
read:

* spaces group thousands (groups of three after the first group of one to three digits);
* a single comma or point is the decimal separator (``1500,5`` = ``1500.5``), except that a comma
  followed by exactly three digits after one to three leading digits (``1,500``, ``15,000``) is
  an English thousands separator — that is how :func:`format_amount` writes ``en`` amounts, and
  nobody charges a fraction of a tiyn;
* commas before a single point are thousands separators (``1,500.50``);
* anything else with both kinds or several points (``1.500,00``, ``1.500.000``) is refused as
  ambiguous rather than guessed.

Every refusal is a :class:`~pos_app.domain.errors.MoneyError` with one of the codes
``money.empty``, ``money.negative``, ``money.not_a_number``, ``money.ambiguous``,
``money.too_many_decimals``, ``money.too_small``, ``money.too_large``.

**Writing** (:func:`format_amount`): ``ru``/``kk`` ``15 000 ₸``, ``1 500,50 ₸`` (narrow no-break
space U+202F between groups, no-break space U+00A0 before ``₸``); ``en`` ``15,000 ₸``,
``1,500.50 ₸``. Whole amounts show no decimals. ``parse_amount(format_amount(x, loc)) == x``.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from pos_app.domain.errors import QT_TRANSLATE_NOOP, MoneyError

__all__ = [
    "CENT",
    "CURRENCY_SIGN",
    "LOCALES",
    "MAX_AMOUNT",
    "MIN_AMOUNT",
    "check_amount",
    "format_amount",
    "parse_amount",
    "round_money",
    "to_api_string",
]

CENT = Decimal("0.01")
MIN_AMOUNT = Decimal("0.01")
MAX_AMOUNT = Decimal("99999999.99")
CURRENCY_SIGN = "₸"
LOCALES = ("ru", "kk", "en")

NBSP = "\u00a0"
NNBSP = "\u202f"

# (group separator, decimal separator) per locale.
_SEPARATORS: dict[str, tuple[str, str]] = {
    "ru": (NNBSP, ","),
    "kk": (NNBSP, ","),
    "en": (",", "."),
}

# A currency mark the cashier may type before or after the number: ₸, тг, тг., тенге, KZT.
_CURRENCY_SUFFIX = re.compile(r"\s*(?:₸|тг\.?|тенге|kzt)\s*$", re.IGNORECASE)
_CURRENCY_PREFIX = re.compile(r"^\s*(?:₸|kzt)\s*", re.IGNORECASE)
_WHITESPACE = re.compile(r"\s+")
_ALLOWED = re.compile(r"[0-9 .,]+", re.ASCII)
_DIGITS = re.compile(r"[0-9]*", re.ASCII)
_EN_THOUSANDS = re.compile(r"[1-9][0-9]{0,2}(?:,[0-9]{3})+", re.ASCII)
_MINUS_SIGNS = ("-", "\u2212", "\u2013")  # hyphen-minus, minus sign, en dash


def round_money(value: Decimal | int | str) -> Decimal:
    """Round to tiyn by THE rule of the app: ``ROUND_HALF_UP`` to ``0.01``.

    Args:
        value: A ``Decimal``, an ``int`` or a decimal string (``"1500.505"``). Never a float.

    Returns:
        The value quantized to two places.

    Raises:
        TypeError: For a float (or bool): it has already lost precision.
        MoneyError: ``money.not_a_number`` for a string that is not a number, NaN or infinity.
    """
    if isinstance(value, bool) or not isinstance(value, Decimal | int | str):
        raise TypeError(f"round_money() takes Decimal, int or str, not {type(value).__name__}")
    try:
        number = Decimal(value.strip()) if isinstance(value, str) else Decimal(value)
    except InvalidOperation:
        number = Decimal("NaN")
    if not number.is_finite():
        raise MoneyError("money.not_a_number", QT_TRANSLATE_NOOP("Domain", "Enter a number"))
    return number.quantize(CENT, rounding=ROUND_HALF_UP)


def check_amount(value: Decimal) -> Decimal:
    """Check that ``value`` is a payable amount: 0.01 … 99 999 999.99 with at most two decimals.

    Args:
        value: The amount.

    Returns:
        The amount with exactly two places (``Decimal("1500")`` → ``Decimal("1500.00")``).

    Raises:
        MoneyError: ``money.not_a_number``, ``money.negative``, ``money.too_large``,
            ``money.too_many_decimals`` or ``money.too_small``.
    """
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise TypeError(f"check_amount() takes Decimal, not {type(value).__name__}")
    value = Decimal(value)
    if not value.is_finite():
        raise MoneyError("money.not_a_number", QT_TRANSLATE_NOOP("Domain", "Enter a number"))
    if value < 0:
        raise MoneyError(
            "money.negative", QT_TRANSLATE_NOOP("Domain", "The amount cannot be negative")
        )
    if value > MAX_AMOUNT:
        raise MoneyError(
            "money.too_large",
            QT_TRANSLATE_NOOP("Domain", "The amount must be at most {max}"),
            {"max": format_amount(MAX_AMOUNT)},
        )
    if value != value.quantize(CENT):
        raise MoneyError(
            "money.too_many_decimals",
            QT_TRANSLATE_NOOP("Domain", "Use at most two digits after the decimal point"),
        )
    if value < MIN_AMOUNT:
        raise MoneyError(
            "money.too_small",
            QT_TRANSLATE_NOOP("Domain", "The amount must be at least {min}"),
            {"min": format_amount(MIN_AMOUNT)},
        )
    return value.quantize(CENT)


def _ambiguous() -> MoneyError:
    return MoneyError(
        "money.ambiguous",
        QT_TRANSLATE_NOOP("Domain", "Cannot read this amount: type it like 1 500 or 1 500,50"),
    )


def _not_a_number() -> MoneyError:
    return MoneyError(
        "money.not_a_number", QT_TRANSLATE_NOOP("Domain", "Enter the amount in digits")
    )


def _split(body: str) -> tuple[str, str, str | None]:
    """Split a number of digits, spaces, points and commas into (integer, fraction, group sep)."""
    dots, commas = body.count("."), body.count(",")
    if dots and commas:
        # Only the English shape: commas group thousands, then one decimal point.
        if dots == 1 and body.rindex(",") < body.index("."):
            integer, fraction = body.split(".")
            return integer, fraction, ","
        raise _ambiguous()
    if dots > 1:
        raise _ambiguous()
    if commas > 1:
        return body, "", ","
    if commas == 1 and _EN_THOUSANDS.fullmatch(body):
        return body, "", ","
    separator = "." if dots else "," if commas else None
    if separator is None:
        return body, "", None
    integer, fraction = body.split(separator)
    return integer, fraction, None


def _join_groups(integer: str, comma_groups: bool) -> str:
    """Remove thousands separators from ``integer`` after checking they group by three."""
    has_spaces = " " in integer
    if comma_groups and has_spaces:
        raise _ambiguous()
    separator = "," if comma_groups else " " if has_spaces else None
    if separator is None:
        if not _DIGITS.fullmatch(integer):
            raise _not_a_number()
        return integer
    groups = integer.split(separator)
    first, rest = groups[0], groups[1:]
    if not (1 <= len(first) <= 3 and first.isascii() and first.isdigit()):
        raise _ambiguous()
    if any(len(g) != 3 or not (g.isascii() and g.isdigit()) for g in rest):
        raise _ambiguous()
    return "".join(groups)


def parse_amount(text: str) -> Decimal:
    """Read an amount the way a cashier types it (see the module docstring for the rules).

    Args:
        text: The text of the amount field.

    Returns:
        The amount with two places, within :data:`MIN_AMOUNT` … :data:`MAX_AMOUNT`.

    Raises:
        MoneyError: With the reason in ``code`` (``money.empty``, ``money.negative``,
            ``money.not_a_number``, ``money.ambiguous``, ``money.too_many_decimals``,
            ``money.too_small``, ``money.too_large``).
    """
    body = _CURRENCY_PREFIX.sub("", _CURRENCY_SUFFIX.sub("", text.strip())).strip()
    if not body:
        raise MoneyError("money.empty", QT_TRANSLATE_NOOP("Domain", "Enter an amount"))
    if body.startswith(_MINUS_SIGNS):
        raise MoneyError(
            "money.negative", QT_TRANSLATE_NOOP("Domain", "The amount cannot be negative")
        )
    body = _WHITESPACE.sub(" ", body)
    if not _ALLOWED.fullmatch(body):
        raise _not_a_number()
    integer, fraction, group = _split(body)
    digits = _join_groups(integer, comma_groups=group == ",")
    if not _DIGITS.fullmatch(fraction):
        raise _not_a_number()
    if not digits and not fraction:
        raise _not_a_number()
    if len(fraction) > 2:
        raise MoneyError(
            "money.too_many_decimals",
            QT_TRANSLATE_NOOP("Domain", "Use at most two digits after the decimal point"),
        )
    return check_amount(Decimal(f"{digits or '0'}.{fraction or '0'}"))


def _locale_key(locale: str) -> str:
    """``"ru_KZ"``, ``"en-US"``, ``"KK"`` → ``"ru"``, ``"en"``, ``"kk"``; unknown → ``"ru"``."""
    key = locale.replace("-", "_").split("_", 1)[0].lower()
    return key if key in _SEPARATORS else "ru"


def format_amount(value: Decimal, locale: str = "ru", *, currency: bool = True) -> str:
    """Write an amount for people: ``15 000 ₸``, ``1 500,50 ₸`` (ru/kk), ``1,500.50 ₸`` (en).

    Args:
        value: The amount (rounded by :func:`round_money` first).
        locale: ``"ru"``, ``"kk"`` or ``"en"`` (a region suffix like ``"ru_KZ"`` is ignored;
            anything else is written the Russian way).
        currency: Append ``" ₸"`` (with a no-break space).

    Returns:
        The text; whole amounts show no decimals, others exactly two.
    """
    group, decimal = _SEPARATORS[_locale_key(locale)]
    amount = round_money(value)
    sign = "-" if amount < 0 else ""
    whole, cents = f"{abs(amount):.2f}".split(".")
    text = sign + f"{int(whole):,}".replace(",", group)
    if cents != "00":
        text += decimal + cents
    return f"{text}{NBSP}{CURRENCY_SIGN}" if currency else text


def to_api_string(value: Decimal) -> str:
    """Write an amount the way the APIs answer it: ``"15000.00"`` (rounded by the one rule)."""
    return f"{round_money(value):.2f}"

"""Money: what a cashier may type, how amounts are written, and the one rounding rule."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pos_app.domain.errors import DomainError, MoneyError
from pos_app.domain.money import (
    CENT,
    LOCALES,
    MAX_AMOUNT,
    MIN_AMOUNT,
    check_amount,
    format_amount,
    parse_amount,
    round_money,
    to_api_string,
)

NBSP = "\u00a0"
NNBSP = "\u202f"

amounts = st.decimals(min_value=MIN_AMOUNT, max_value=MAX_AMOUNT, places=2)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1500", "1500.00"),
        ("1 500", "1500.00"),
        ("1500,5", "1500.50"),
        ("1 500.50", "1500.50"),
        ("1 500 ₸", "1500.00"),
        ("1500 тг", "1500.00"),
        ("1500тг.", "1500.00"),
        ("1500 тенге", "1500.00"),
        ("1500 KZT", "1500.00"),
        ("₸ 1500", "1500.00"),
        (f"1{NBSP}500", "1500.00"),
        (f"1{NNBSP}500,50{NBSP}₸", "1500.50"),
        ("1\u2009500", "1500.00"),  # thin space
        ("  1500  \t", "1500.00"),
        ("15,000 ₸", "15000.00"),
        ("1,500.50 ₸", "1500.50"),
        ("1,500,000", "1500000.00"),
        ("0,01", "0.01"),
        (".5", "0.50"),
        ("1500.", "1500.00"),
        ("99 999 999,99", "99999999.99"),
        ("007", "7.00"),
    ],
)
def test_parse_amount_reads_what_a_cashier_types(text: str, expected: str) -> None:
    value = parse_amount(text)
    assert value == Decimal(expected)
    assert value.as_tuple().exponent == -2


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "money.empty"),
        ("   ", "money.empty"),
        (f"{NBSP}{NNBSP}", "money.empty"),
        ("₸", "money.empty"),
        ("-5", "money.negative"),
        ("−5", "money.negative"),  # U+2212 minus sign
        ("- 1 500", "money.negative"),
        ("abc", "money.not_a_number"),
        ("12a", "money.not_a_number"),
        ("+5", "money.not_a_number"),
        ("1_500", "money.not_a_number"),
        ("١٥٠٠", "money.not_a_number"),  # Arabic-Indic digits
        (",", "money.not_a_number"),
        ("1500, 50", "money.not_a_number"),
        ("1e3", "money.not_a_number"),
        ("NaN", "money.not_a_number"),
        ("1,2,3", "money.ambiguous"),
        ("1.500,00", "money.ambiguous"),
        ("1.500.000", "money.ambiguous"),
        ("1 50 0", "money.ambiguous"),
        ("15 00", "money.ambiguous"),
        ("1 500,000.00", "money.ambiguous"),
        ("1500,505", "money.too_many_decimals"),
        ("1.505", "money.too_many_decimals"),
        ("0,001", "money.too_many_decimals"),
        ("0", "money.too_small"),
        ("0,00", "money.too_small"),
        ("100000000", "money.too_large"),
        ("99 999 999,999", "money.too_many_decimals"),
        ("100 000 000 ₸", "money.too_large"),
    ],
)
def test_parse_amount_refuses_with_a_reason(text: str, code: str) -> None:
    with pytest.raises(MoneyError) as info:
        parse_amount(text)
    err = info.value
    assert err.code == code
    assert err.context == "Domain"
    assert err.message  # an English source template for the UI
    assert str(err) == err.message.format(**err.params)


def test_limit_messages_name_the_limit() -> None:
    with pytest.raises(MoneyError) as too_large:
        parse_amount("100000000")
    assert too_large.value.params == {"max": format_amount(MAX_AMOUNT)}
    assert "99" in str(too_large.value)
    with pytest.raises(MoneyError) as too_small:
        parse_amount("0")
    assert too_small.value.params == {"min": format_amount(MIN_AMOUNT)}


def test_money_error_is_a_value_error() -> None:
    with pytest.raises(ValueError):
        parse_amount("abc")
    assert issubclass(MoneyError, DomainError)


@pytest.mark.parametrize(
    ("value", "locale", "expected"),
    [
        ("15000", "ru", f"15{NNBSP}000{NBSP}₸"),
        ("1500.50", "ru", f"1{NNBSP}500,50{NBSP}₸"),
        ("1500.5", "kk", f"1{NNBSP}500,50{NBSP}₸"),
        ("15000", "en", f"15,000{NBSP}₸"),
        ("1500.50", "en", f"1,500.50{NBSP}₸"),
        ("0.01", "ru", f"0,01{NBSP}₸"),
        ("999", "en", f"999{NBSP}₸"),
        ("99999999.99", "ru", f"99{NNBSP}999{NNBSP}999,99{NBSP}₸"),
        ("1500.00", "ru_KZ", f"1{NNBSP}500{NBSP}₸"),
        ("1500.00", "en-US", f"1,500{NBSP}₸"),
        ("-1500.50", "ru", f"-1{NNBSP}500,50{NBSP}₸"),
    ],
)
def test_format_amount(value: str, locale: str, expected: str) -> None:
    assert format_amount(Decimal(value), locale) == expected


def test_format_amount_without_currency_and_default_locale() -> None:
    assert format_amount(Decimal("1500.5"), currency=False) == f"1{NNBSP}500,50"
    assert format_amount(Decimal("1500.5"), "en", currency=False) == "1,500.50"
    assert format_amount(Decimal("2.675"), "en", currency=False) == "2.68"  # rounded first


@settings(deadline=None)
@given(value=amounts, locale=st.sampled_from(LOCALES), currency=st.booleans())
def test_formatted_amounts_read_back(value: Decimal, locale: str, currency: bool) -> None:
    assert parse_amount(format_amount(value, locale, currency=currency)) == value


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("0.005"), "0.01"),
        (Decimal("0.004"), "0.00"),
        (Decimal("2.675"), "2.68"),
        (Decimal("2.665"), "2.67"),
        (Decimal("-0.005"), "-0.01"),
        (Decimal("1500"), "1500.00"),
        (1500, "1500.00"),
        ("1500.125", "1500.13"),
        (" 10.005 ", "10.01"),
    ],
)
def test_round_money_is_half_up_to_tiyn(value: Decimal | int | str, expected: str) -> None:
    rounded = round_money(value)
    assert rounded == Decimal(expected)
    assert rounded.as_tuple().exponent == -2


def test_round_money_refuses_floats_and_garbage() -> None:
    with pytest.raises(TypeError):
        round_money(0.1)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        round_money(True)
    with pytest.raises(MoneyError) as info:
        round_money("abc")
    assert info.value.code == "money.not_a_number"
    with pytest.raises(MoneyError):
        round_money(Decimal("Infinity"))


@pytest.mark.parametrize(
    ("value", "code"),
    [
        (Decimal("0"), "money.too_small"),
        (Decimal("-1"), "money.negative"),
        (Decimal("0.001"), "money.too_many_decimals"),
        (Decimal("100000000"), "money.too_large"),
        (Decimal("NaN"), "money.not_a_number"),
        (Decimal("1E+30"), "money.too_large"),
    ],
)
def test_check_amount_refuses(value: Decimal, code: str) -> None:
    with pytest.raises(MoneyError) as info:
        check_amount(value)
    assert info.value.code == code


def test_check_amount_gives_two_places() -> None:
    assert str(check_amount(Decimal("1500"))) == "1500.00"
    assert check_amount(MIN_AMOUNT) == MIN_AMOUNT
    assert check_amount(MAX_AMOUNT) == MAX_AMOUNT
    assert check_amount(Decimal("1.50")) == Decimal("1.5")


def test_to_api_string() -> None:
    assert to_api_string(Decimal(15000)) == "15000.00"
    assert to_api_string(Decimal("0.5")) == "0.50"
    assert to_api_string(Decimal("1500.005")) == "1500.01"


@settings(deadline=None)
@given(
    value=st.decimals(allow_nan=False, allow_infinity=False, min_value=-(10**9), max_value=10**9)
)
def test_round_money_is_idempotent_and_close(value: Decimal) -> None:
    rounded = round_money(value)
    assert round_money(rounded) == rounded
    assert abs(rounded - value) <= CENT / 2

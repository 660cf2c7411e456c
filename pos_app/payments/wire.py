"""What goes on the wire: JSON with exact money, tolerant readers for the answers' fields.

Request bodies are encoded by :func:`encode_json` (the standard encoder has no exact way to
write a :class:`~decimal.Decimal` as a JSON *number*: its ``default`` hook can only hand back a
float). Answers are decoded by :func:`decode_json` with ``parse_float=Decimal`` so that a money
number such as ``available_for_refund: 10000.5`` never passes through a float either.

The ``read_*`` helpers turn one field of an answer into a Python value. They raise
:class:`~pos_app.payments.errors.ProtocolError` only through the ``required_*`` variants: what the
app relies on (ids, statuses, amounts) is strict, the rest degrades to ``None``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from pos_app.domain.money import round_money
from pos_app.payments.errors import ProtocolError

__all__ = [
    "decode_json",
    "encode_json",
    "format_date_bound",
    "read_bool",
    "read_datetime",
    "read_int",
    "read_money",
    "read_str",
    "required_id",
    "required_money",
    "required_str",
]


def _encode(value: Any, out: list[str]) -> None:
    if value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError("a non-finite Decimal cannot go on the wire")
        # "f" never produces an exponent: 1E+3 -> "1000", 0.10 -> "0.10" (a valid JSON number).
        out.append(format(value, "f"))
    elif isinstance(value, int):
        out.append(str(value))
    elif isinstance(value, float):
        # Floats are not money in this app, but e.g. a duration could be one.
        if not math.isfinite(value):
            raise ValueError("a non-finite float cannot go on the wire")
        out.append(repr(value))
    elif isinstance(value, str):
        out.append(json.dumps(value, ensure_ascii=False))
    elif isinstance(value, Mapping):
        out.append("{")
        for index, (key, item) in enumerate(value.items()):
            if not isinstance(key, str):
                raise TypeError(f"JSON object keys must be str, not {type(key).__name__}")
            if index:
                out.append(",")
            out.append(json.dumps(key, ensure_ascii=False))
            out.append(":")
            _encode(item, out)
        out.append("}")
    elif isinstance(value, list | tuple):
        out.append("[")
        for index, item in enumerate(value):
            if index:
                out.append(",")
            _encode(item, out)
        out.append("]")
    else:
        raise TypeError(f"cannot encode {type(value).__name__} as JSON")


def encode_json(value: Any) -> bytes:
    """Encode a request body; ``Decimal`` becomes a JSON number with its exact digits.

    Args:
        value: dicts, lists, tuples, str, int, bool, None, Decimal (and finite floats).

    Returns:
        UTF-8 JSON.

    Raises:
        TypeError: For a value of another type.
        ValueError: For NaN or infinity.
    """
    out: list[str] = []
    _encode(value, out)
    return "".join(out).encode("utf-8")


def decode_json(content: bytes) -> Any:
    """Decode an answer; JSON numbers with a fraction become ``Decimal``, never ``float``.

    Raises:
        ProtocolError: The content is not JSON.
    """
    try:
        return json.loads(content, parse_float=Decimal)
    except (ValueError, UnicodeDecodeError) as exc:
        # The body itself stays out of the message: it is not ours to log in full.
        raise ProtocolError(server_message=f"invalid JSON: {type(exc).__name__}") from None


def read_str(data: Mapping[str, Any], key: str) -> str | None:
    """A string field; numbers are turned into their text (ids), anything else is ``None``."""
    value = data.get(key)
    if isinstance(value, str):
        return value
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        return str(value)
    return None


def read_int(data: Mapping[str, Any], key: str) -> int | None:
    """An integer field (also accepted as a string of digits)."""
    value = data.get(key)
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value)
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return int(value)
    return None


def read_bool(data: Mapping[str, Any], key: str) -> bool | None:
    """A boolean field (``true``/``false``, ``1``/``0``)."""
    value = data.get(key)
    if isinstance(value, bool):
        return value
    if value in (0, 1):
        return bool(value)
    return None


def parse_money(value: Any) -> Decimal | None:
    """Money from a string (``"15000.00"``) or a number (``10000``, ``Decimal("12.5")``)."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | Decimal | str):
        try:
            return round_money(Decimal(str(value).strip()))
        except (InvalidOperation, ValueError):
            return None
    return None


def read_money(data: Mapping[str, Any], key: str) -> Decimal | None:
    """A money field as ``Decimal`` with 2 places, or ``None`` when absent or unreadable."""
    return parse_money(data.get(key))


def parse_datetime(value: Any) -> datetime | None:
    """An aware ``datetime`` from ISO 8601 text.

    Accepts ``Z``, ``+00:00``, ``+05:00``, fractions of a second and a space instead of ``T``.
    A stamp without an offset is taken as UTC (what ApiPay documents for its resources).
    """
    if not isinstance(value, str) or not value:
        return None
    try:
        stamp = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=UTC)
    return stamp


def read_datetime(data: Mapping[str, Any], key: str) -> datetime | None:
    """A time stamp field (see :func:`parse_datetime`)."""
    return parse_datetime(data.get(key))


def required_str(data: Mapping[str, Any], key: str, what: str) -> str:
    """A string field the app cannot do without; :class:`ProtocolError` when missing."""
    value = read_str(data, key)
    if value is None or value == "":
        raise ProtocolError(server_message=f"{what}: field {key!r} missing or not a string")
    return value


def required_id(data: Mapping[str, Any], key: str, what: str) -> str:
    """An id (ApiPay int, xPayment UUID) exposed as ``str``; :class:`ProtocolError` if absent."""
    return required_str(data, key, what)


def required_money(data: Mapping[str, Any], key: str, what: str) -> Decimal:
    """A money field the app cannot do without; :class:`ProtocolError` when missing."""
    value = read_money(data, key)
    if value is None:
        raise ProtocolError(server_message=f"{what}: field {key!r} missing or not money")
    return value


def as_mapping(value: Any, what: str) -> Mapping[str, Any]:
    """The answer (or a part of it) as a JSON object; :class:`ProtocolError` otherwise."""
    if not isinstance(value, Mapping):
        raise ProtocolError(server_message=f"{what}: expected a JSON object")
    return value


def as_list(value: Any, what: str) -> list[Any]:
    """A JSON array; :class:`ProtocolError` otherwise."""
    if not isinstance(value, list):
        raise ProtocolError(server_message=f"{what}: expected a JSON array")
    return value


def format_date_bound(value: date | datetime) -> str:
    """A ``date_from``/``date_to`` value: bare date, shop-local time, or an explicit offset."""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            return value.strftime("%Y-%m-%d %H:%M:%S")  # ApiPay reads it as Asia/Almaty
        return value.isoformat(timespec="seconds")
    return value.isoformat()

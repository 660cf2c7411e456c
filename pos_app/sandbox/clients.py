"""Sandbox routes: ``POST /clients/check`` — is this phone number a Kaspi client?

The answer is deterministic by number so tests and demos can get both answers:

* ``87770000001`` → has Kaspi, "Иван И." (the spec's sandbox example);
* ``87770000002`` → no Kaspi (the spec's sandbox example);
* any other number ending in ``00`` → no Kaspi;
* every other number → has Kaspi, with a name picked from the digits ("Имя Ф." format).

Invoices use the same rule: an invoice to a number without Kaspi ends in ``error``
(``client_not_found``) instead of ``pending``.
"""

from __future__ import annotations

import re

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from pos_app.sandbox.engine import SandboxEngine
from pos_app.sandbox.http import json_body, ok

_FIRST_NAMES = ("Айгуль", "Ержан", "Мария", "Данияр", "Алия", "Сергей", "Жанар", "Асель")
_INITIALS = ("А.", "Б.", "К.", "Н.", "С.", "Т.", "Ж.", "М.")
_SEPARATORS = re.compile(r"[\s\-()+.]")


def normalize_phone(text: str) -> str | None:
    """``77001234567``, ``+7 700 123-45-67``, ``87001234567``, ``7001234567`` → ``87001234567``.

    Returns:
        The 11-digit ``8XXXXXXXXXX`` form, or ``None`` when the text is not such a number.
    """
    digits = _SEPARATORS.sub("", text)
    if not digits.isdigit():
        return None
    if len(digits) == 10:
        return "8" + digits
    if len(digits) == 11 and digits[0] in "78":
        return "8" + digits[1:]
    return None


def lookup(phone: str) -> str | None:
    """The Kaspi client name for a normalized phone, or ``None`` if it has no Kaspi."""
    if phone == "87770000001":
        return "Иван И."
    if phone == "87770000002" or phone.endswith("00"):
        return None
    n = int(phone[-4:])
    return f"{_FIRST_NAMES[n % len(_FIRST_NAMES)]} {_INITIALS[(n // 7) % len(_INITIALS)]}"


def install(engine: SandboxEngine) -> list[BaseRoute]:
    """``POST /api/v1/clients/check``."""

    async def check(request: Request) -> Response:
        data, error = await json_body(request)
        if error is not None or data is None:
            return _invalid()
        raw = data.get("phone")
        if not isinstance(raw, str) or not raw.strip() or len(raw) > 32:
            return _invalid()
        phone = normalize_phone(raw)
        if phone is None:
            return _invalid()
        name = lookup(phone)
        return ok({"phone": phone, "has_kaspi": name is not None, "client_name": name})

    return [Route("/api/v1/clients/check", check, methods=["POST"])]


def _invalid() -> JSONResponse:
    """The endpoint's own 422 shape (``{error, field, message}``, not the usual envelope)."""
    return JSONResponse(
        {
            "error": "Validation failed",
            "field": "phone",
            "message": "Phone must be normalizable to 8XXXXXXXXXX (11 digits).",
        },
        status_code=422,
    )

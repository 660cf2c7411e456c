"""Answer helpers in the ApiPay 2.1 envelopes, shared by every route module."""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

CENT = Decimal("0.01")
MIN_AMOUNT = Decimal("0.01")
MAX_AMOUNT = Decimal("99999999.99")


def cents(value: Decimal | int | str) -> Decimal:
    """Round to 0.01 half-up: the sandbox's own reading of the money rule (never the app's)."""
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def money(value: Decimal | int | str | None) -> str | None:
    """Money as the API writes it in answers: a string with two decimals (``"15000.00"``)."""
    if value is None:
        return None
    return f"{cents(value):.2f}"


def money_number(value: Decimal | int | str) -> int | float:
    """Money where the spec wants a JSON number (``available_for_refund``): ``10000``, ``12.5``."""
    amount = cents(value)
    if amount == amount.to_integral_value():
        return int(amount)
    return float(amount)


def ok(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> JSONResponse:
    """A JSON answer."""
    return JSONResponse(data, status_code=status, headers=headers)


def business_error(status: int, error_code: str, message: str, **extra: Any) -> JSONResponse:
    """2.1 business error: ``{"error", "error_code", "message"}`` plus any extra fields."""
    body = {"error": error_code, "error_code": error_code, "message": message, **extra}
    return JSONResponse(body, status_code=status)


def validation_error(
    errors: dict[str, list[str]], message: str = "Validation failed"
) -> JSONResponse:
    """422 with ``{"message", "errors": {field: [..]}}``."""
    return JSONResponse({"message": message, "errors": errors}, status_code=422)


def plain_error(status_code: int, error: str, message: str, **extra: Any) -> JSONResponse:
    """An error whose slug is not in the 2.1 ``ErrorCode`` enum: ``{"error", "message"}`` only."""
    return JSONResponse({"error": error, "message": message, **extra}, status_code=status_code)


def not_found(what: str = "Resource") -> JSONResponse:
    """404 in the business envelope."""
    return JSONResponse({"error": "not_found", "message": f"{what} not found"}, status_code=404)


def unauthorized() -> JSONResponse:
    """401 as the spec's ``Unauthorized`` response."""
    return JSONResponse(
        {"error": "Invalid API key", "message": "The provided API key is invalid or inactive"},
        status_code=401,
    )


async def json_body(
    request: Request, *, exact: bool = False
) -> tuple[dict[str, Any] | None, Response | None]:
    """The request's JSON object, or a 422 answer explaining why it could not be read.

    Args:
        request: the incoming request.
        exact: read JSON fractions as ``Decimal`` (money) instead of ``float``.
    """
    raw = await request.body()
    if not raw.strip():
        return {}, None
    try:
        data = json.loads(raw, parse_float=Decimal) if exact else json.loads(raw)
    except ValueError:
        return None, validation_error({"body": ["The request body must be valid JSON."]})
    if not isinstance(data, dict):
        return None, validation_error({"body": ["The request body must be a JSON object."]})
    return data, None


def paginate(rows: list[Any], page: int, per_page: int) -> dict[str, Any]:
    """The 2.1 flat pagination envelope ``{current_page, data, total}`` around one page of ``rows``.

    ``rows`` is the whole filtered list; this slices it. The production server is Laravel and
    may add the paginator's other keys (``per_page``, ``last_page``, ``next_page_url`` …), but
    2.1 documents only these three for ``GET /invoices`` and ``GET /refunds`` (2.0 puts
    ``per_page``/``last_page`` in a ``meta`` object, not here), so the sandbox sends no more: a
    client that relied on an undocumented key would fail its tests here, not in a shop.
    """
    start = (page - 1) * per_page
    return {"current_page": page, "data": rows[start : start + per_page], "total": len(rows)}


def int_param(request: Request, name: str, default: int, lo: int, hi: int) -> int:
    """A bounded integer query parameter (bad or missing values fall back to the default)."""
    try:
        value = int(request.query_params.get(name, default))
    except ValueError:
        return default
    return max(lo, min(hi, value))

"""Error answers, in the shapes the specs document, map to the error the cashier can act on."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from pos_app.payments.apipay_parse import apipay_error
from pos_app.payments.errors import (
    AuthenticationError,
    ConflictError,
    DuplicateIdempotencyError,
    ForbiddenError,
    NotFoundError,
    PaymentError,
    ProviderUnavailableError,
    RateLimitedError,
    ServerError,
    ValidationError,
)
from tests.payments.helpers import example_of, resolve, response_examples

NO_HEADERS = httpx.Headers()


def _business(body: Any) -> Any:
    """The spec says ``error`` duplicates ``error_code``; its schema example only shows
    ``error`` (``error_code`` is the bare enum), so a real body carries the same slug in both."""
    if isinstance(body, dict) and isinstance(body.get("error"), str) and "error_code" in body:
        body = dict(body, error_code=body["error"])
    return body


def _schema(spec: dict[str, Any], name: str) -> Any:
    return _business(example_of(spec, {"$ref": f"#/components/schemas/{name}"}))


def _from_response(spec: dict[str, Any], name: str) -> Any:
    return _business(
        example_of(spec, _response(spec, name)["content"]["application/json"]["schema"])
    )


def _response(spec: dict[str, Any], name: str) -> dict[str, Any]:
    return resolve(spec, {"$ref": f"#/components/responses/{name}"})


def _assert_cashier_text(error: PaymentError) -> None:
    # The text for the cashier is the English template, never the provider's Russian message.
    assert error.context == "PaymentError"
    assert str(error) and not any("а" <= ch <= "я" for ch in str(error).lower())


def test_tariff_inactive_is_forbidden_with_its_own_message(spec_21: dict[str, Any]) -> None:
    body = _schema(spec_21, "TariffInactiveResponse")
    error = apipay_error(403, body, NO_HEADERS)
    assert isinstance(error, ForbiddenError)
    assert error.error_code == "tariff_inactive"
    assert "subscription is not active" in error.message
    assert error.reason == "expired"
    assert error.expires_at == "2026-07-19T15:01:00+00:00"
    _assert_cashier_text(error)


def test_kyc_rejected_is_forbidden(spec_21: dict[str, Any]) -> None:
    body = _from_response(spec_21, "KycRejected")
    error = apipay_error(403, body, NO_HEADERS)
    assert isinstance(error, ForbiddenError) and error.error_code == "kyc_rejected"
    _assert_cashier_text(error)


def test_validation_body_gives_fields(spec_21: dict[str, Any]) -> None:
    error = apipay_error(422, _schema(spec_21, "ValidationErrorBody"), NO_HEADERS)
    assert isinstance(error, ValidationError)
    assert list(error.fields) == ["phone_number"]
    assert error.fields["phone_number"][0].startswith("Phone number must be")
    assert error.params["fields"] == "phone_number"


def test_client_check_422_single_field(spec_21: dict[str, Any]) -> None:
    for body in response_examples(spec_21, "/clients/check", "post", 422):
        error = apipay_error(422, body, NO_HEADERS)
        assert isinstance(error, ValidationError) and "phone" in error.fields


def test_duplicate_idempotency_carries_the_invoice(spec_21: dict[str, Any]) -> None:
    error = apipay_error(409, _schema(spec_21, "DuplicateIdempotencyResponse"), NO_HEADERS)
    assert isinstance(error, DuplicateIdempotencyError)
    assert error.invoice_id == "12345"
    assert error.existing_status == "pending"
    assert error.error_code == "duplicate_idempotency_key"


def test_session_expired_is_a_conflict_not_a_duplicate(spec_21: dict[str, Any]) -> None:
    body = dict(_schema(spec_21, "SessionExpiredResponse"), error_code="kaspi_session_expired")
    error = apipay_error(409, body, NO_HEADERS)
    assert type(error) is ConflictError
    assert "Reconnect the cashier" in error.message


def test_rate_limit_cap_reads_retry_after_from_header_and_body(spec_21: dict[str, Any]) -> None:
    body = _from_response(spec_21, "RateLimitCap")
    from_body = apipay_error(429, body, NO_HEADERS)
    assert isinstance(from_body, RateLimitedError) and from_body.retry_after == 60
    assert from_body.error_code == "outstanding_recipient_limit"
    from_header = apipay_error(429, {}, httpx.Headers({"Retry-After": "2"}))
    assert isinstance(from_header, RateLimitedError) and from_header.retry_after == 2
    assert "Wait 2 s" in str(from_header)
    legacy = apipay_error(429, {"retry_after": 7}, NO_HEADERS)
    assert isinstance(legacy, RateLimitedError) and legacy.retry_after == 7


def test_invoice_creation_unavailable_examples(spec_21: dict[str, Any]) -> None:
    content = _response(spec_21, "InvoiceCreationUnavailable")["content"]["application/json"]
    codes = set()
    for example in content["examples"].values():
        error = apipay_error(503, example["value"], NO_HEADERS)
        assert isinstance(error, ProviderUnavailableError)
        codes.add(error.error_code)
    assert codes == {"kaspi_session_invalid", "invoices_disabled"}


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (401, AuthenticationError),
        (404, NotFoundError),
        (500, ServerError),
        (502, ProviderUnavailableError),
        (503, ProviderUnavailableError),
        (400, ConflictError),
    ],
)
def test_status_classes(spec_21: dict[str, Any], status: int, cls: type[PaymentError]) -> None:
    body = _schema(spec_21, "ErrorResponse")
    error = apipay_error(status, body, NO_HEADERS)
    assert type(error) is cls
    assert error.status_code == status
    _assert_cashier_text(error)


def test_unauthorized_example(spec_21: dict[str, Any]) -> None:
    body = _from_response(spec_21, "Unauthorized")
    error = apipay_error(401, body, NO_HEADERS)
    assert isinstance(error, AuthenticationError)
    assert error.server_message == "The provided API key is invalid or inactive"


def test_organisation_not_verified_20_is_forbidden(spec_20: dict[str, Any]) -> None:
    bodies = [_business(b) for b in response_examples(spec_20, "/invoices", "post", 400)]
    errors = [apipay_error(400, body, NO_HEADERS) for body in bodies]
    assert any(
        isinstance(e, ForbiddenError) and e.error_code == "organization_required" for e in errors
    )
    assert any(e.error_code == "kaspi_session_not_configured" for e in errors)


def test_non_json_error_page_still_maps_by_status() -> None:
    error = apipay_error(502, None, NO_HEADERS)
    assert isinstance(error, ProviderUnavailableError) and error.error_code is None

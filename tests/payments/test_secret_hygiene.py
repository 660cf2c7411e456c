"""The API key never shows in a repr, a log line or an exception text, whatever goes wrong."""

from __future__ import annotations

import logging
import socket
import uuid
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from pos_app.payments.apipay import ApiPayProvider, apipay_settings
from pos_app.payments.base import CreatePayment, PaymentQuery
from pos_app.payments.errors import PaymentError
from pos_app.payments.transport import RetryPolicy, Secret, Timeouts
from tests.fixtures.sandbox import SandboxHandle, make_sandbox
from tests.payments.helpers import run
from tests.payments.test_apipay_sandbox import PHONE, free_cart

KEY = f"pos-secret-{uuid.uuid4().hex}"
WRONG_KEY = f"pos-wrong-{uuid.uuid4().hex}"


@pytest.fixture
def keyed_sandbox(tmp_path: Path) -> Iterator[SandboxHandle]:
    """A sandbox whose key is a unique string that must never leak."""
    server = make_sandbox(tmp_path / "sb", api_key=KEY)
    handle = SandboxHandle(server)
    try:
        yield handle
    finally:
        handle.close()
        server.stop()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def test_key_never_leaks(keyed_sandbox: SandboxHandle, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)  # every logger, httpx and httpcore included
    sandbox = keyed_sandbox
    errors: list[PaymentError] = []
    reprs: list[str] = []
    retry = RetryPolicy(max_attempts=2, base_delay=0.01, max_delay=0.02)

    def provider(key: str = KEY, base_url: str | None = None, **kw: object) -> ApiPayProvider:
        settings = apipay_settings(
            key,
            base_url=base_url or sandbox.base_url,
            retry=retry,
            **kw,  # type: ignore[arg-type]
        )
        reprs.extend([repr(settings), str(settings), repr(settings.api_key), f"{settings.api_key}"])
        return ApiPayProvider(settings)

    async def collect(coro: object) -> None:
        try:
            await coro  # type: ignore[misc]
        except PaymentError as error:
            errors.append(error)

    async def main() -> None:
        good = provider()
        reprs.extend([repr(good), str(good), repr(good.transport), repr(good.catalog)])
        try:
            paid = await good.create_phone_payment(CreatePayment("ok", free_cart("100"), PHONE))
            sandbox.pay(paid.id)
            # 404 not found
            await collect(good.get_payment("987654"))
            # 422 validation
            await collect(
                good.create_phone_payment(
                    CreatePayment("long", free_cart("1"), PHONE, description="x" * 600)
                )
            )
            # 400 conflict: refund more than was paid
            await collect(good.refund(paid.id, amount=Decimal("5000")))
            # 429, 500, 502, 503, malformed JSON, dropped connection
            for kind in ("rate_limit_429", "error_500", "kaspi_502", "unavailable_503"):
                sandbox.inject_fault(kind, method="GET", path="/invoices", count=2)
                await collect(good.list_payments(PaymentQuery()))
            sandbox.inject_fault("malformed_json", method="GET", path="/invoices")
            await collect(good.list_payments(PaymentQuery()))
            sandbox.inject_fault("drop_before", method="POST", path="/invoices/qr", count=4)
            sandbox.inject_fault("error_500", method="GET", path="/invoices", count=8)
            await collect(good.create_qr_payment(CreatePayment("dropped", free_cart("1"))))
        finally:
            await good.aclose()
        # time-out
        slow = provider(timeouts=Timeouts(connect=1, read=0.2, write=1, pool=1))
        sandbox.inject_fault("delay", method="GET", path="/refunds", delay_seconds=1, count=2)
        try:
            await collect(slow.transport.request("GET", "/refunds"))
        finally:
            await slow.aclose()
        # 401 with a wrong key, and connection refused
        wrong = provider(WRONG_KEY)
        refused = provider(base_url=f"http://127.0.0.1:{_free_port()}/api/v1")
        try:
            await collect(wrong.get_payment("1"))
            await collect(refused.get_payment("1"))
        finally:
            await wrong.aclose()
            await refused.aclose()

    run(main())

    kinds = {type(e).__name__ for e in errors}
    assert kinds >= {
        "NotFoundError",
        "ValidationError",
        "ConflictError",
        "RateLimitedError",
        "ServerError",
        "ProviderUnavailableError",
        "ProtocolError",
        "NetworkError",
        "AuthenticationError",
    }, kinds
    texts = reprs + [str(e) for e in errors] + [repr(e) for e in errors]
    texts += [str(e.server_message) for e in errors] + [str(e.params) for e in errors]
    texts += [record.getMessage() for record in caplog.records]
    texts += [repr(record.args) for record in caplog.records]
    for secret in (KEY, WRONG_KEY):
        leaks = [text for text in texts if secret in text]
        assert not leaks, leaks[:3]


def test_secret_wrapper() -> None:
    secret = Secret("abc")
    assert secret.reveal() == "abc"
    assert "abc" not in repr(secret) + str(secret) + f"{secret}" + f"{secret!r}"
    with pytest.raises(TypeError):
        import pickle

        pickle.dumps(secret)

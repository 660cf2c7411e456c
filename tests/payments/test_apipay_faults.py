"""Faults provoked through the sandbox's control API: lost answers, 429, 5xx, broken JSON."""

from __future__ import annotations

import time
from decimal import Decimal
from typing import Any

import pytest

from pos_app.domain.sale import SaleState
from pos_app.payments.apipay import ApiPayProvider
from pos_app.payments.base import CreatePayment
from pos_app.payments.errors import (
    NetworkError,
    ProtocolError,
    ProviderUnavailableError,
    RateLimitedError,
    ServerError,
)
from pos_app.payments.transport import RetryPolicy, Timeouts
from tests.fixtures.sandbox import SandboxHandle
from tests.payments.helpers import run
from tests.payments.test_apipay_sandbox import (
    PHONE,
    free_cart,
    invoices_in_sandbox,
    provider_for,
    with_provider,
)


def posts_to(sandbox: SandboxHandle, path: str) -> list[dict[str, Any]]:
    return [r for r in sandbox.requests() if r["method"] == "POST" and r["path"].endswith(path)]


def test_dropped_connection_after_create_is_reconciled_to_one_invoice(
    sandbox: SandboxHandle,
) -> None:
    sandbox.inject_fault("drop_after", method="POST", path="/invoices")

    async def scenario(provider: ApiPayProvider) -> Any:
        return await provider.create_phone_payment(
            CreatePayment("lost-answer", free_cart("1200"), PHONE)
        )

    payment = with_provider(sandbox, scenario)
    assert payment.external_order_id == "lost-answer"
    assert payment.amount == Decimal("1200.00")
    invoices = invoices_in_sandbox(sandbox, "lost-answer")
    assert [str(i["id"]) for i in invoices] == [payment.id]
    assert len(posts_to(sandbox, "/invoices")) == 1  # found, not sent again


def test_dropped_connection_before_the_server_acts_sends_again_once(
    sandbox: SandboxHandle,
) -> None:
    sandbox.inject_fault("drop_before", method="POST", path="/invoices/qr")

    async def scenario(provider: ApiPayProvider) -> Any:
        return await provider.create_qr_payment(CreatePayment("dropped", free_cart("300")))

    payment = with_provider(sandbox, scenario)
    assert payment.qr_url  # the second, answered create carries the QR
    assert len(invoices_in_sandbox(sandbox, "dropped")) == 1
    assert len(posts_to(sandbox, "/invoices/qr")) == 2


def test_time_out_on_create_never_makes_two_invoices(sandbox: SandboxHandle) -> None:
    sandbox.inject_fault("delay", method="POST", path="/invoices", delay_seconds=1.0)

    async def scenario(provider: ApiPayProvider) -> Any:
        return await provider.create_phone_payment(CreatePayment("slow", free_cart("450"), PHONE))

    payment = with_provider(
        sandbox, scenario, timeouts=Timeouts(connect=2, read=0.3, write=2, pool=2)
    )
    assert payment.external_order_id == "slow"
    # let the delayed first request finish on the server, then count
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if all(r["status"] is not None for r in posts_to(sandbox, "/invoices")):
            break
        time.sleep(0.05)
    invoices = invoices_in_sandbox(sandbox, "slow")
    assert [str(i["id"]) for i in invoices] == [payment.id]


def test_time_out_after_the_server_created_the_invoice_finds_it(sandbox: SandboxHandle) -> None:
    """The invoice exists but its answer comes too late: the client looks it up by its order
    id and returns it — one POST, one invoice, nothing re-sent."""
    sandbox.inject_fault("delay_after", method="POST", path="/invoices", delay_seconds=1.5)

    async def scenario(provider: ApiPayProvider) -> Any:
        return await provider.create_phone_payment(CreatePayment("late", free_cart("650"), PHONE))

    payment = with_provider(
        sandbox, scenario, timeouts=Timeouts(connect=2, read=0.3, write=2, pool=2)
    )
    assert payment.external_order_id == "late"
    assert [str(i["id"]) for i in invoices_in_sandbox(sandbox, "late")] == [payment.id]
    assert len(posts_to(sandbox, "/invoices")) == 1


def test_create_with_unreadable_answer_is_reconciled(sandbox: SandboxHandle) -> None:
    sandbox.inject_fault("malformed_json", method="POST", path="/invoices")

    async def scenario(provider: ApiPayProvider) -> Any:
        return await provider.create_phone_payment(CreatePayment("garbled", free_cart("10"), PHONE))

    payment = with_provider(sandbox, scenario)
    assert payment.external_order_id == "garbled"
    assert len(invoices_in_sandbox(sandbox, "garbled")) == 1


def test_malformed_json_on_a_read_is_a_protocol_error(sandbox: SandboxHandle) -> None:
    async def scenario(provider: ApiPayProvider) -> None:
        created = await provider.create_qr_payment(CreatePayment("mj", free_cart("10")))
        sandbox.inject_fault("malformed_json", method="GET", path=r"/invoices/\d+")
        with pytest.raises(ProtocolError):
            await provider.get_payment(created.id)
        # the client is still usable afterwards
        assert (await provider.get_payment(created.id)).id == created.id

    with_provider(sandbox, scenario)


def test_reads_are_retried_after_a_500(sandbox: SandboxHandle) -> None:
    async def scenario(provider: ApiPayProvider) -> None:
        created = await provider.create_qr_payment(CreatePayment("r500", free_cart("10")))
        sandbox.inject_fault("error_500", method="GET", path=r"/invoices/\d+", count=2)
        assert (await provider.get_payment(created.id)).id == created.id

    with_provider(sandbox, scenario)
    gets = [r for r in sandbox.requests() if r["method"] == "GET"]
    assert [r["status"] for r in gets] == [500, 500, 200]


def test_reads_give_up_after_the_bounded_attempts(sandbox: SandboxHandle) -> None:
    sandbox.inject_fault("error_500", method="GET", path="/invoices", count=10)

    async def scenario(provider: ApiPayProvider) -> None:
        with pytest.raises(ServerError):
            await provider.find_by_order_id("x")

    with_provider(sandbox, scenario, retry=RetryPolicy(max_attempts=3, base_delay=0.01))
    assert len([r for r in sandbox.requests() if r["method"] == "GET"]) == 3


@pytest.mark.parametrize(("kind", "status"), [("kaspi_502", 502), ("unavailable_503", 503)])
def test_kaspi_unavailable(sandbox: SandboxHandle, kind: str, status: int) -> None:
    sandbox.inject_fault(kind, method="POST", path="/invoices/qr", count=5)

    async def scenario(provider: ApiPayProvider) -> None:
        with pytest.raises(ProviderUnavailableError) as caught:
            await provider.create_qr_payment(CreatePayment(f"k{status}", free_cart("10")))
        assert caught.value.status_code == status
        assert "Kaspi is not available" in str(caught.value) or caught.value.error_code

    with_provider(sandbox, scenario)
    assert invoices_in_sandbox(sandbox, f"k{status}") == []
    # a create is never blindly retried
    assert len(posts_to(sandbox, "/invoices/qr")) == 1


def test_429_pauses_the_next_request_for_retry_after(sandbox: SandboxHandle) -> None:
    sandbox.inject_fault("rate_limit_429", method="POST", path="/invoices", retry_after=2)

    async def scenario(provider: ApiPayProvider) -> float:
        with pytest.raises(RateLimitedError) as caught:
            await provider.create_phone_payment(CreatePayment("busy", free_cart("10"), PHONE))
        assert caught.value.retry_after == 2
        clock = provider.transport.clock
        before = clock.monotonic()
        await provider.find_by_order_id("busy")
        return clock.monotonic() - before

    waited = with_provider(sandbox, scenario)
    assert waited >= 2.0  # a lower bound only: the machine may be slow, never fast


def test_429_on_a_read_is_waited_out_and_retried(sandbox: SandboxHandle) -> None:
    sandbox.inject_fault("rate_limit_429", method="GET", path="/invoices", retry_after=1)

    async def scenario(provider: ApiPayProvider) -> None:
        assert await provider.find_by_order_id("nothing") is None

    with_provider(sandbox, scenario)
    statuses = [r["status"] for r in sandbox.requests() if r["method"] == "GET"]
    assert statuses == [429, 200]


def test_connection_refused_is_a_network_error_and_not_sent() -> None:
    from pos_app.payments.apipay import apipay_settings

    async def main() -> None:
        # a port nobody listens on: bind, read the number, close
        import socket

        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        provider = ApiPayProvider(
            apipay_settings(
                "k", base_url=f"http://127.0.0.1:{port}/api/v1", retry=RetryPolicy(max_attempts=1)
            )
        )
        try:
            with pytest.raises(NetworkError) as caught:
                await provider.create_phone_payment(CreatePayment("refused", free_cart("1"), PHONE))
            assert caught.value.request_sent is False
            assert caught.value.outcome_unknown is False
        finally:
            await provider.aclose()

    run(main())


def test_unknown_outcome_when_the_lookup_fails_too(sandbox: SandboxHandle) -> None:
    sandbox.inject_fault("drop_after", method="POST", path="/invoices")
    sandbox.inject_fault("error_500", method="GET", path="/invoices", count=10)

    async def scenario(provider: ApiPayProvider) -> None:
        with pytest.raises(NetworkError) as caught:
            await provider.create_phone_payment(CreatePayment("unknown", free_cart("1"), PHONE))
        assert caught.value.outcome_unknown is True

    with_provider(sandbox, scenario, retry=RetryPolicy(max_attempts=2, base_delay=0.01))
    # later, the services' reconciliation finds the sale's invoice
    sandbox.control.delete("/faults").raise_for_status()
    found = run(_find(provider_for(sandbox), "unknown"))
    assert found is not None and found.state is SaleState.WAITING


async def _find(provider: ApiPayProvider, order_id: str) -> Any:
    try:
        return await provider.find_by_order_id(order_id)
    finally:
        await provider.aclose()

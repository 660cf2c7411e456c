"""``XPaymentProvider`` against the sandbox's xPayment side over real HTTP on 127.0.0.1.

Every interface operation, the faults the gate injects (lost answers on create → reconciled,
5xx, 429, malformed JSON), asynchronous refunds polled to the end, cursor pages and a status
the app does not know. No fake transport: the sandbox provokes every case here.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

import httpx
import pytest

from pos_app.domain.cart import Cart
from pos_app.domain.phone import parse_phone
from pos_app.domain.sale import RefundState, SaleState
from pos_app.payments.base import CreatePayment, PaymentProvider, PaymentQuery, RefundQuery
from pos_app.payments.errors import (
    AuthenticationError,
    ConflictError,
    NotFoundError,
    NotSupportedError,
    PaymentError,
    ProtocolError,
    RateLimitedError,
    ServerError,
    ValidationError,
)
from pos_app.payments.transport import RetryPolicy
from pos_app.payments.xpayment import (
    XPaymentProvider,
    parse_payment,
    parse_refund,
    xpayment_error,
    xpayment_settings,
)
from tests.fixtures.sandbox import SandboxHandle, running_sandbox
from tests.fixtures.shared import shared_dir
from tests.payments.helpers import example_of, run

T = TypeVar("T")

PHONE = parse_phone("+77001234567")
FAST_RETRY = RetryPolicy(max_attempts=4, base_delay=0.01, max_delay=0.05)
PAYMENTS = "/xpayment/v1/payments"


@pytest.fixture(scope="module")
def swagger() -> dict[str, Any]:
    path = shared_dir() / "seeds" / "004_1f3b4d9993b5ce59.txt"
    if not path.is_file():
        pytest.fail(f"xPayment spec {path} is missing (set POS_APP_SHARED_DIR)")
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _example(swagger: dict[str, Any], name: str) -> Any:
    return example_of(swagger, {"$ref": f"#/definitions/{name}"})


def test_spec_examples_parse(swagger: dict[str, Any]) -> None:
    payment = parse_payment(_example(swagger, "handler.paymentObject"))
    assert payment.id == "uuid"
    assert payment.amount == Decimal("1500.00")
    assert payment.state is SaleState.WAITING
    assert payment.phone == PHONE
    assert payment.external_order_id == "order-uuid"
    refund = parse_refund(_example(swagger, "handler.refundObject"))
    assert refund.amount == Decimal("500.00") and refund.state is RefundState.PENDING
    error = xpayment_error(422, _example(swagger, "handler.errorResponse"), httpx.Headers())
    assert isinstance(error, ValidationError) and error.error_code == "validation_error"


def provider_for(
    sandbox: SandboxHandle, key: str | None = None, **options: Any
) -> XPaymentProvider:
    options.setdefault("retry", FAST_RETRY)
    options.setdefault("rate_limit_per_minute", 6000)
    settings = xpayment_settings(
        key or sandbox.xpayment_api_key, base_url=sandbox.xpayment_base_url, **options
    )
    return XPaymentProvider(settings)


def with_provider(
    sandbox: SandboxHandle, scenario: Callable[[XPaymentProvider], Awaitable[T]], **options: Any
) -> T:
    async def main() -> T:
        provider = provider_for(sandbox, **options)
        try:
            return await scenario(provider)
        finally:
            await provider.aclose()

    return run(main())


def cart(amount: str) -> Cart:
    result = Cart()
    result.add_free_amount(Decimal(amount))
    return result


def payments_of(sandbox: SandboxHandle, order_id: str) -> list[dict[str, Any]]:
    """What the sandbox holds for one sale, read with a plain HTTP client."""
    with sandbox.xpayment_api() as api:
        data: list[dict[str, Any]] = api.get(
            "/payments", params={"merchant_order_id": order_id}
        ).json()["data"]
    return data


async def settle(
    provider: XPaymentProvider, payment_id: str, wanted: SaleState, tries: int = 200
) -> Any:
    """Poll until the payment reaches ``wanted`` (the sandbox's timers run in real time)."""
    import asyncio

    payment = await provider.get_payment(payment_id)
    for _ in range(tries):
        if payment.state is wanted:
            return payment
        await asyncio.sleep(0.02)
        payment = await provider.get_payment(payment_id)
    raise AssertionError(f"{payment_id} stayed {payment.status_raw}")


def test_from_key_keeps_the_key_out_of_repr(sandbox: SandboxHandle) -> None:
    async def main() -> None:
        provider = XPaymentProvider.from_key(
            sandbox.xpayment_api_key, base_url=sandbox.xpayment_base_url, rate_limit_per_minute=30
        )
        assert sandbox.xpayment_api_key not in repr(provider)
        assert provider.transport.limiter.global_bucket.rate_per_minute == 30
        await provider.aclose()

    run(main())


def test_a_phone_sale_is_paid_refunded_in_two_parts_and_read_back(sandbox: SandboxHandle) -> None:
    async def scenario(provider: XPaymentProvider) -> None:
        assert isinstance(provider, PaymentProvider)
        created = await provider.create_phone_payment(
            CreatePayment("sale-x", cart("1500.50"), PHONE, "Order 42")
        )
        assert created.state is SaleState.WAITING and created.amount == Decimal("1500.50")
        assert created.phone == PHONE and created.external_order_id == "sale-x"
        assert created.description == "Order 42"
        sandbox.pay(created.id)
        paid = await provider.get_payment(created.id)
        assert paid.state is SaleState.PAID and paid.paid_at is not None
        assert paid.available_for_refund == Decimal("1500.50")
        first = await provider.refund(created.id, amount=Decimal("500.25"), reason="Returned")
        assert first.state is RefundState.PENDING and first.amount == Decimal("500.25")
        # asynchronous: poll the refund until the sandbox completes it
        import asyncio

        for _ in range(200):
            refunds = await provider.list_payment_refunds(created.id)
            if refunds[0].state is RefundState.COMPLETED:
                break
            await asyncio.sleep(0.02)
        assert [r.state for r in refunds] == [RefundState.COMPLETED]
        partly = await provider.get_payment(created.id)
        assert partly.state is SaleState.PARTIALLY_REFUNDED
        assert partly.total_refunded == Decimal("500.25")
        assert partly.available_for_refund == Decimal("1000.25")
        # no amount: the whole rest, never above what is left
        rest = await provider.refund(created.id)
        assert rest.amount == Decimal("1000.25")
        # everything is refunded or on its way: nothing is left
        with pytest.raises(ConflictError):
            await provider.refund(created.id, amount=Decimal("0.01"))
        done = await settle(provider, created.id, SaleState.REFUNDED)
        assert done.is_fully_refunded and done.available_for_refund == Decimal("0.00")
        with pytest.raises(ConflictError):
            await provider.refund(created.id, amount=Decimal("1"))
        listed = await provider.list_refunds(RefundQuery(payment_id=created.id))
        assert {r.id for r in listed.items} == {first.id, rest.id}
        completed = await provider.list_refunds(
            RefundQuery(states=frozenset({RefundState.COMPLETED}))
        )
        assert {r.id for r in completed.items} >= {first.id, rest.id}

    with_provider(sandbox, scenario)


def test_a_failed_refund_is_reported_and_gives_the_money_back(tmp_path: Path) -> None:
    with running_sandbox(tmp_path, refund_seconds=60) as sandbox:

        async def scenario(provider: XPaymentProvider) -> None:
            created = await provider.create_phone_payment(
                CreatePayment("sale-f", cart("300"), PHONE)
            )
            sandbox.pay(created.id)
            refund = await provider.refund(created.id, amount=Decimal("100"))
            waiting = await provider.get_payment(created.id)
            assert waiting.available_for_refund == Decimal("200.00")
            with pytest.raises(ValidationError):  # never above what is left
                await provider.refund(created.id, amount=Decimal("200.01"))
            sandbox.fail_xpayment_refund(refund.id, "Kaspi said no")
            [failed] = await provider.list_payment_refunds(created.id)
            assert failed.state is RefundState.FAILED and failed.error_message == "Kaspi said no"
            again = await provider.get_payment(created.id)
            assert again.state is SaleState.PAID
            assert again.available_for_refund == Decimal("300.00")

        with_provider(sandbox, scenario)


def test_a_qr_sale_shows_our_pay_page_and_is_cancellable(sandbox: SandboxHandle) -> None:
    async def scenario(provider: XPaymentProvider) -> None:
        qr = await provider.create_qr_payment(CreatePayment("sale-q", cart("200")))
        assert qr.state is SaleState.WAITING and qr.amount == Decimal("200.00")
        assert qr.qr_url and qr.qr_url.startswith(sandbox.root_url + "/pay/")
        assert qr.qr_expires_at is not None
        async with httpx.AsyncClient(timeout=10) as browser:
            assert (await browser.get(qr.qr_url)).status_code == 200
        found = await provider.find_by_order_id("sale-q")
        assert found is not None and found.id == qr.id
        cancelled = await provider.cancel_payment(qr.id)
        assert cancelled.state is SaleState.CANCELLED
        with pytest.raises(ConflictError):
            await provider.cancel_payment(qr.id)
        statuses = await provider.get_statuses([qr.id, "00000000-0000-0000-0000-000000000000"])
        assert set(statuses) == {qr.id} and statuses[qr.id].state is SaleState.CANCELLED

    with_provider(sandbox, scenario)


def test_customer_decline_expiry_and_no_kaspi(sandbox: SandboxHandle) -> None:
    async def scenario(provider: XPaymentProvider) -> None:
        declined = await provider.create_phone_payment(CreatePayment("s-d", cart("10"), PHONE))
        sandbox.decline(declined.id)
        assert (await provider.get_payment(declined.id)).state is SaleState.CANCELLED
        expired = await provider.create_phone_payment(CreatePayment("s-e", cart("10"), PHONE))
        sandbox.expire(expired.id)
        assert (await provider.get_payment(expired.id)).state is SaleState.EXPIRED
        nobody = parse_phone("+77770000002")
        failed = await provider.create_phone_payment(CreatePayment("s-n", cart("10"), nobody))
        await settle(provider, failed.id, SaleState.FAILED)

    with_provider(sandbox, scenario)


def test_unknown_status_is_kept_raw(sandbox: SandboxHandle) -> None:
    async def scenario(provider: XPaymentProvider) -> None:
        created = await provider.create_phone_payment(CreatePayment("s-u", cart("10"), PHONE))
        sandbox.set_xpayment_status(created.id, "on_hold")
        odd = await provider.get_payment(created.id)
        assert odd.state is None and odd.status_raw == "on_hold"

    with_provider(sandbox, scenario)


def test_listing_walks_cursor_pages_with_filters(tmp_path: Path) -> None:
    with running_sandbox(tmp_path, xpayment_page_size=2) as sandbox:

        async def scenario(provider: XPaymentProvider) -> None:
            made = [
                (
                    await provider.create_phone_payment(
                        CreatePayment(f"s-{n}", cart(str(10 + n)), PHONE)
                    )
                ).id
                for n in range(5)
            ]
            sandbox.pay(made[1])
            seen: list[str] = []
            cursor: str | None = None
            while True:
                page = await provider.list_payments(PaymentQuery(cursor=cursor))
                assert len(page.items) <= 2
                seen += [p.id for p in page.items]
                if not page.has_more:
                    break
                cursor = page.next_cursor
            assert seen == list(reversed(made))
            paid = await provider.list_payments(PaymentQuery(states=frozenset({SaleState.PAID})))
            assert [p.id for p in paid.items] == [made[1]]
            by_order = await provider.list_payments(PaymentQuery(order_id="s-3"))
            assert [p.id for p in by_order.items] == [made[3]]
            by_phone = await provider.list_payments(PaymentQuery(phone=PHONE))
            assert len(by_phone.items) == 2 and by_phone.has_more
            with pytest.raises(NotSupportedError):
                await provider.list_payments(
                    PaymentQuery(states=frozenset({SaleState.PAID, SaleState.CANCELLED}))
                )

        with_provider(sandbox, scenario)


def test_what_xpayment_does_not_offer(sandbox: SandboxHandle) -> None:
    async def scenario(provider: XPaymentProvider) -> None:
        assert not provider.capabilities.client_check
        with pytest.raises(NotSupportedError):
            await provider.check_client(PHONE)
        with pytest.raises(NotFoundError):
            await provider.get_payment("00000000-0000-0000-0000-000000000000")
        with pytest.raises(ValidationError):
            await provider.create_phone_payment(CreatePayment("s-v", cart("10")))

    with_provider(sandbox, scenario)


def test_a_wrong_device_key_is_an_authentication_error(sandbox: SandboxHandle) -> None:
    async def main() -> None:
        provider = provider_for(sandbox, key="not-the-key")
        try:
            with pytest.raises(AuthenticationError):
                await provider.list_payments(PaymentQuery())
        finally:
            await provider.aclose()

    run(main())


@pytest.mark.parametrize("kind", ["drop_after", "malformed_json", "delay_after"])
def test_a_lost_create_answer_is_reconciled_to_exactly_one_payment(
    sandbox: SandboxHandle, kind: str
) -> None:
    sandbox.inject_fault(kind, method="POST", path=PAYMENTS, delay_seconds=3)

    async def scenario(provider: XPaymentProvider) -> Any:
        return await provider.create_phone_payment(CreatePayment("sale-lost", cart("10"), PHONE))

    from pos_app.payments.transport import Timeouts

    payment = with_provider(sandbox, scenario, timeouts=Timeouts(read=1.0))
    assert payment.external_order_id == "sale-lost"
    assert [p["payment_id"] for p in payments_of(sandbox, "sale-lost")] == [payment.id]
    assert len(sandbox.requests(method="POST", path=PAYMENTS)) == 1


def test_a_lost_link_answer_is_reconciled_with_its_qr(sandbox: SandboxHandle) -> None:
    sandbox.inject_fault("drop_after", method="POST", path=PAYMENTS + "/link")

    async def scenario(provider: XPaymentProvider) -> Any:
        return await provider.create_qr_payment(CreatePayment("sale-lq", cart("20")))

    payment = with_provider(sandbox, scenario)
    assert payment.qr_url and payment.qr_url.startswith(sandbox.root_url + "/pay/")
    assert [p["payment_id"] for p in payments_of(sandbox, "sale-lq")] == [payment.id]


def test_a_create_dropped_before_the_server_acted_is_sent_again_once(
    sandbox: SandboxHandle,
) -> None:
    sandbox.inject_fault("drop_before", method="POST", path=PAYMENTS)

    async def scenario(provider: XPaymentProvider) -> Any:
        return await provider.create_phone_payment(CreatePayment("sale-b", cart("10"), PHONE))

    payment = with_provider(sandbox, scenario)
    assert [p["payment_id"] for p in payments_of(sandbox, "sale-b")] == [payment.id]


def test_a_5xx_on_create_is_looked_up_then_retried_with_the_same_key(
    sandbox: SandboxHandle,
) -> None:
    sandbox.inject_fault("error_500", method="POST", path=PAYMENTS)

    async def scenario(provider: XPaymentProvider) -> Any:
        return await provider.create_phone_payment(CreatePayment("sale-5", cart("10"), PHONE))

    payment = with_provider(sandbox, scenario)
    assert [p["payment_id"] for p in payments_of(sandbox, "sale-5")] == [payment.id]
    assert [e["status"] for e in sandbox.requests(method="POST", path=PAYMENTS)] == [500, 201]


def test_a_create_that_keeps_failing_is_outcome_unknown(sandbox: SandboxHandle) -> None:
    sandbox.inject_fault("error_500", method="POST", path=PAYMENTS, count=2)

    async def scenario(provider: XPaymentProvider) -> Any:
        return await provider.create_phone_payment(CreatePayment("sale-u", cart("10"), PHONE))

    with pytest.raises(ServerError) as caught:
        with_provider(sandbox, scenario)
    assert caught.value.outcome_unknown
    assert payments_of(sandbox, "sale-u") == []


def test_reads_retry_5xx_429_and_malformed_json(sandbox: SandboxHandle) -> None:
    async def scenario(provider: XPaymentProvider) -> None:
        created = await provider.create_phone_payment(CreatePayment("s-r", cart("10"), PHONE))
        path = f"{PAYMENTS}/{created.id}"
        sandbox.inject_fault("error_500", method="GET", path=path)
        sandbox.inject_fault("rate_limit_429", method="GET", path=path, retry_after=1)
        sandbox.inject_fault("unavailable_503", method="GET", path=path)
        assert (await provider.get_payment(created.id)).id == created.id
        statuses = [e["status"] for e in sandbox.requests(method="GET", path=path)]
        assert statuses == [500, 429, 503, 200]
        sandbox.inject_fault("malformed_json", method="GET", path=PAYMENTS, count=10)
        with pytest.raises(ProtocolError):
            await provider.list_payments(PaymentQuery())

    with_provider(sandbox, scenario)


def test_a_429_on_create_is_raised_with_its_wait_and_nothing_is_made(
    sandbox: SandboxHandle,
) -> None:
    sandbox.inject_fault("rate_limit_429", method="POST", path=PAYMENTS, retry_after=7)

    async def scenario(provider: XPaymentProvider) -> Any:
        return await provider.create_phone_payment(CreatePayment("sale-429", cart("10"), PHONE))

    with pytest.raises(RateLimitedError) as caught:
        with_provider(sandbox, scenario)
    assert caught.value.retry_after == 7 and not caught.value.outcome_unknown
    assert payments_of(sandbox, "sale-429") == []


def test_a_lost_cancel_answer_is_outcome_unknown(sandbox: SandboxHandle) -> None:
    async def scenario(provider: XPaymentProvider) -> None:
        created = await provider.create_phone_payment(CreatePayment("s-c", cart("10"), PHONE))
        sandbox.inject_fault("drop_after", method="POST", path=f"{PAYMENTS}/{created.id}/cancel")
        with pytest.raises(PaymentError) as caught:
            await provider.cancel_payment(created.id)
        assert caught.value.outcome_unknown
        assert (await provider.get_payment(created.id)).state is SaleState.CANCELLED

    with_provider(sandbox, scenario)

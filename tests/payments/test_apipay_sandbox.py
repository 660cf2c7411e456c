"""Every ApiPay operation of the client against the sandbox server over loopback (real HTTP)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from decimal import Decimal
from typing import Any, TypeVar

import pytest

from pos_app.domain.cart import Cart
from pos_app.domain.phone import parse_phone
from pos_app.domain.sale import RefundState, SaleState
from pos_app.payments.apipay import ApiPayProvider, apipay_settings
from pos_app.payments.apipay_services import NewCatalogItem
from pos_app.payments.base import (
    CreatePayment,
    PaymentProvider,
    PaymentQuery,
    RefundItemRequest,
    RefundQuery,
)
from pos_app.payments.errors import (
    AuthenticationError,
    ConflictError,
    NotFoundError,
    PaymentError,
    ValidationError,
    VerificationExpiredError,
)
from pos_app.payments.transport import RetryPolicy, Timeouts
from tests.fixtures.sandbox import SandboxHandle
from tests.payments.helpers import run

T = TypeVar("T")

PHONE = parse_phone("87001234567")
FAST_RETRY = RetryPolicy(max_attempts=4, base_delay=0.01, max_delay=0.05)


def provider_for(sandbox: SandboxHandle, **options: Any) -> ApiPayProvider:
    """A client of the sandbox with quick back-off (the limiter is the real one)."""
    options.setdefault("retry", FAST_RETRY)
    options.setdefault("rate_limit_per_minute", 6000)
    return ApiPayProvider(apipay_settings(sandbox.api_key, base_url=sandbox.base_url, **options))


def with_provider(
    sandbox: SandboxHandle, scenario: Callable[[ApiPayProvider], Awaitable[T]], **options: Any
) -> T:
    """Run ``scenario`` with a fresh client, closed afterwards."""

    async def main() -> T:
        provider = provider_for(sandbox, **options)
        try:
            return await scenario(provider)
        finally:
            await provider.aclose()
            assert provider.transport.is_closed

    return run(main())


def free_cart(amount: str) -> Cart:
    cart = Cart()
    cart.add_free_amount(Decimal(amount))
    return cart


def invoices_in_sandbox(sandbox: SandboxHandle, order_id: str) -> list[dict[str, Any]]:
    """The sandbox's invoices of one sale, read with a plain HTTP client (the demo data the
    sandbox may seed is left out)."""
    with sandbox.api() as api:
        answer = api.get("/invoices", params={"per_page": 100, "search": order_id})
        data: list[dict[str, Any]] = answer.json()["data"]
    return [invoice for invoice in data if invoice.get("external_order_id") == order_id]


async def wait_state(
    provider: ApiPayProvider, payment_id: str, wanted: SaleState, tries: int = 100
) -> Any:
    """Poll until the payment reaches ``wanted`` (the sandbox moves processing → pending)."""
    import asyncio

    payment = await provider.get_payment(payment_id)
    for _ in range(tries):
        if payment.state is wanted:
            return payment
        await asyncio.sleep(0.05)
        payment = await provider.get_payment(payment_id)
    raise AssertionError(f"payment stayed {payment.status_raw}")


def test_the_provider_satisfies_the_interface(sandbox: SandboxHandle) -> None:
    async def scenario(provider: ApiPayProvider) -> None:
        assert isinstance(provider, PaymentProvider)
        assert provider.capabilities.cancel_qr is False
        assert provider.capabilities.client_check is True

    with_provider(sandbox, scenario)


def test_phone_payment_is_created_waits_and_is_paid(sandbox: SandboxHandle) -> None:
    async def scenario(provider: ApiPayProvider) -> None:
        created = await provider.create_phone_payment(
            CreatePayment("sale-1", free_cart("1500.50"), PHONE, "Coffee")
        )
        assert created.state is SaleState.WAITING
        assert created.amount == Decimal("1500.50")
        assert isinstance(created.id, str)
        pending = await wait_state(provider, created.id, SaleState.WAITING)
        assert pending.external_order_id == "sale-1"
        assert pending.phone == PHONE
        sandbox.pay(created.id)
        paid = await wait_state(provider, created.id, SaleState.PAID)
        assert paid.paid_at is not None and paid.paid_at.utcoffset() is not None

    with_provider(sandbox, scenario)


def test_repeated_create_of_one_sale_gives_the_same_invoice(sandbox: SandboxHandle) -> None:
    async def scenario(provider: ApiPayProvider) -> tuple[str, str]:
        req = CreatePayment("sale-dup", free_cart("700"), PHONE)
        first = await provider.create_phone_payment(req)
        second = await provider.create_phone_payment(req)  # a double click
        return first.id, second.id

    first, second = with_provider(sandbox, scenario)
    assert first == second
    assert len(invoices_in_sandbox(sandbox, "sale-dup")) == 1


def test_qr_payment_has_a_qr_and_cannot_be_cancelled(sandbox: SandboxHandle) -> None:
    async def scenario(provider: ApiPayProvider) -> None:
        qr = await provider.create_qr_payment(CreatePayment("sale-qr", free_cart("250")))
        assert qr.state is SaleState.WAITING
        assert qr.qr_url and qr.qr_image_url
        assert qr.qr_expires_at is not None
        assert qr.phone is None
        with pytest.raises((ConflictError, ValidationError)):
            await provider.cancel_payment(qr.id)

    with_provider(sandbox, scenario)


def test_bulk_statuses_skip_unknown_ids(sandbox: SandboxHandle) -> None:
    async def scenario(provider: ApiPayProvider) -> None:
        a = await provider.create_phone_payment(CreatePayment("s-a", free_cart("10"), PHONE))
        b = await provider.create_qr_payment(CreatePayment("s-b", free_cart("20")))
        sandbox.pay(b.id)
        statuses = await provider.get_statuses([a.id, b.id, "999999", "not-a-number"])
        assert set(statuses) == {a.id, b.id}
        assert statuses[b.id].state is SaleState.PAID
        assert statuses[a.id].state is SaleState.WAITING

    with_provider(sandbox, scenario)


def test_cancel_a_phone_payment(sandbox: SandboxHandle) -> None:
    async def scenario(provider: ApiPayProvider) -> None:
        created = await provider.create_phone_payment(CreatePayment("s-c", free_cart("99"), PHONE))
        await wait_state(provider, created.id, SaleState.WAITING)
        cancelled = await provider.cancel_payment(created.id)
        assert cancelled.state in (SaleState.CANCELLED, SaleState.CANCELLING)
        assert (await wait_state(provider, created.id, SaleState.CANCELLED)).id == created.id

    with_provider(sandbox, scenario)


def test_refunds_partial_then_the_rest(sandbox: SandboxHandle) -> None:
    async def scenario(provider: ApiPayProvider) -> None:
        created = await provider.create_phone_payment(
            CreatePayment("s-r", free_cart("1000"), PHONE)
        )
        await wait_state(provider, created.id, SaleState.WAITING)
        sandbox.pay(created.id)
        await wait_state(provider, created.id, SaleState.PAID)

        part = await provider.refund(created.id, amount=Decimal("300.25"), reason="broken cup")
        assert part.amount == Decimal("300.25")
        assert part.state in (RefundState.PENDING, RefundState.COMPLETED)
        assert part.payment_id == created.id
        await wait_state(provider, created.id, SaleState.PARTIALLY_REFUNDED)

        rest = await provider.refund(created.id)  # no amount: everything left
        assert rest.amount == Decimal("699.75")
        refunded = await wait_state(provider, created.id, SaleState.REFUNDED)
        assert refunded.total_refunded == Decimal("1000.00")

        refunds = await provider.list_payment_refunds(created.id)
        assert sorted(r.amount for r in refunds) == [Decimal("300.25"), Decimal("699.75")]
        page = await provider.list_refunds(RefundQuery(payment_id=created.id))
        assert {r.id for r in page.items} == {r.id for r in refunds}
        done = await provider.list_refunds(RefundQuery(states=frozenset({RefundState.COMPLETED})))
        assert all(r.state is RefundState.COMPLETED for r in done.items)

        with pytest.raises(ConflictError):
            await provider.refund(created.id, amount=Decimal("1.00"))  # nothing left

    with_provider(sandbox, scenario)


def test_cart_payment_and_item_refund_with_the_catalog(sandbox: SandboxHandle) -> None:
    async def scenario(provider: ApiPayProvider) -> None:
        units = await provider.catalog.units()
        assert units
        result = await provider.catalog.create_items(
            [NewCatalogItem("Latte", Decimal("1800"), units[0].id, external_ref="latte-1")]
        )
        assert not result.rejected
        item = result.items[0]
        cart = Cart()
        cart.add_item(item.id, "Latte", "шт", Decimal("1800.00"), quantity=2)
        created = await provider.create_phone_payment(CreatePayment("s-cart", cart, PHONE))
        assert created.amount == Decimal("3600.00")
        full = await wait_state(provider, created.id, SaleState.WAITING)
        assert [(i.catalog_item_id, i.count) for i in full.items] == [(item.id, 2)]
        sandbox.pay(created.id)
        await wait_state(provider, created.id, SaleState.PAID)
        refund = await provider.refund(
            created.id, items=[RefundItemRequest(catalog_item_id=item.id, count=1)]
        )
        assert refund.amount == Decimal("1800.00")

    with_provider(sandbox, scenario)


def test_listing_pages_and_filters(sandbox: SandboxHandle) -> None:
    async def scenario(provider: ApiPayProvider) -> None:
        ids = []
        for n in range(3):
            created = await provider.create_phone_payment(
                CreatePayment(f"zq-list-{n}", free_cart(f"{n + 1}00"), PHONE)
            )
            ids.append(created.id)
        sandbox.pay(ids[0])
        # "zq-list" narrows the listing to this test's sales (the sandbox may hold demo data)
        first = await provider.list_payments(PaymentQuery(search="zq-list", per_page=2))
        assert len(first.items) == 2 and first.has_more and first.total == 3
        second = await provider.list_payments(PaymentQuery(search="zq-list", per_page=2, page=2))
        assert len(second.items) == 1 and not second.has_more
        paid = await provider.list_payments(
            PaymentQuery(search="zq-list", states=frozenset({SaleState.PAID}))
        )
        assert [p.id for p in paid.items] == [ids[0]]
        one = await provider.list_payments(PaymentQuery(order_id="zq-list-2"))
        assert [p.id for p in one.items] == [ids[2]]
        oldest_first = await provider.list_payments(
            PaymentQuery(search="zq-list", descending=False, sort_by="id")
        )
        assert [p.id for p in oldest_first.items] == ids

    with_provider(sandbox, scenario)


def test_find_by_order_id(sandbox: SandboxHandle) -> None:
    async def scenario(provider: ApiPayProvider) -> None:
        created = await provider.create_qr_payment(CreatePayment("find-me", free_cart("5")))
        await provider.create_qr_payment(CreatePayment("find-me-not", free_cart("6")))
        found = await provider.find_by_order_id("find-me")
        assert found is not None and found.id == created.id
        assert await provider.find_by_order_id("never-sent") is None

    with_provider(sandbox, scenario)


def test_check_client(sandbox: SandboxHandle) -> None:
    async def scenario(provider: ApiPayProvider) -> None:
        yes = await provider.check_client(parse_phone("87770000001"))
        assert yes.has_kaspi and yes.client_name == "Иван И."
        no = await provider.check_client(parse_phone("87770000002"))
        assert not no.has_kaspi and no.client_name is None

    with_provider(sandbox, scenario)


def test_unknown_payment_is_not_found(sandbox: SandboxHandle) -> None:
    async def scenario(provider: ApiPayProvider) -> None:
        with pytest.raises(NotFoundError):
            await provider.get_payment("424242")

    with_provider(sandbox, scenario)


def test_wrong_key_is_an_authentication_error(sandbox: SandboxHandle) -> None:
    async def main() -> None:
        provider = ApiPayProvider(apipay_settings("wrong-key", base_url=sandbox.base_url))
        try:
            with pytest.raises(AuthenticationError):
                await provider.get_payment("1")
        finally:
            await provider.aclose()

    run(main())


def test_shift_summary(sandbox: SandboxHandle) -> None:
    from datetime import date, timedelta

    async def scenario(provider: ApiPayProvider) -> None:
        today = date.today()
        window = (today - timedelta(days=1), today + timedelta(days=1))
        # the sandbox may hold demo sales: compare with the totals before this sale
        before = await provider.reports.shift_summary(*window)
        created = await provider.create_phone_payment(
            CreatePayment("shift", free_cart("1000"), PHONE)
        )
        sandbox.pay(created.id)
        await wait_state(provider, created.id, SaleState.PAID)
        await provider.refund(created.id, amount=Decimal("100"))
        await wait_state(provider, created.id, SaleState.PARTIALLY_REFUNDED)
        after = await provider.reports.shift_summary(*window)
        assert after.sales.amount - before.sales.amount == Decimal("1000.00")
        assert after.sales.count - before.sales.count == 1
        assert after.net_amount == after.sales.amount - after.refunds.amount

    with_provider(sandbox, scenario)


def test_subscriptions_round_trip(sandbox: SandboxHandle) -> None:
    async def scenario(provider: ApiPayProvider) -> None:
        created = await provider.subscriptions.create(
            PHONE, "monthly", amount=Decimal("5000"), description="Gym"
        )
        assert created.status == "active"
        again = await provider.subscriptions.get(created.id)
        assert again.id == created.id and again.amount == Decimal("5000.00")
        paused = await provider.subscriptions.pause(created.id)
        assert paused.status == "paused"
        listing = await provider.subscriptions.list()
        assert [s.id for s in listing.items] == [created.id]

    with_provider(sandbox, scenario)


def test_client_sends_user_agent_and_is_closed_cleanly(sandbox: SandboxHandle) -> None:
    from pos_app.payments.transport import USER_AGENT

    assert USER_AGENT.startswith("pos-app/")

    async def scenario(provider: ApiPayProvider) -> None:
        client = provider.transport._client
        assert client.headers["User-Agent"] == USER_AGENT
        assert client.timeout.connect == Timeouts().connect
        await provider.list_payments(PaymentQuery())

    with_provider(sandbox, scenario)


def test_verification_time_out_is_its_own_error_and_still_a_410(sandbox: SandboxHandle) -> None:
    async def scenario(provider: ApiPayProvider) -> VerificationExpiredError:
        started = await provider.organizations.verify("900501300120")
        sandbox.engine.clock.advance(121)  # the owner never confirms within 120 s
        with pytest.raises(VerificationExpiredError) as caught:
            await provider.organizations.status(started.id)
        return caught.value

    error = with_provider(sandbox, scenario)
    assert isinstance(error, PaymentError)  # callers catching PaymentError still do
    assert error.status_code == 410 and error.error_code == "verification_timeout"
    assert "Start the verification again" in str(error)

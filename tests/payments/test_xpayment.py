"""xPayment fits the provider-neutral interface.

The sandbox speaks ApiPay only, so the peer here is a small in-memory xPayment behind
``httpx.MockTransport`` (the one place these tests use a fake transport). Its answers are built
from the Swagger spec's own example values.
"""

from __future__ import annotations

import json
import uuid
from decimal import Decimal
from typing import Any

import httpx
import pytest

from pos_app.domain.cart import Cart
from pos_app.domain.phone import parse_phone
from pos_app.domain.sale import RefundState, SaleState
from pos_app.payments.base import CreatePayment, PaymentProvider, PaymentQuery
from pos_app.payments.errors import (
    ConflictError,
    NotSupportedError,
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
from tests.fixtures.shared import shared_dir
from tests.payments.helpers import example_of, run

PHONE = parse_phone("+77001234567")


@pytest.fixture(scope="module")
def swagger() -> dict[str, Any]:
    path = shared_dir() / "seeds" / "004_1f3b4d9993b5ce59.txt"
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


class FakeXPayment:
    """Just enough of xPayment to drive the client: payments, links, refunds, cancel."""

    def __init__(self, swagger: dict[str, Any]) -> None:
        self.template = _example(swagger, "handler.paymentObject")
        self.link_template = _example(swagger, "handler.paymentLinkResponse")
        self.payments: dict[str, dict[str, Any]] = {}
        self.refunds: list[dict[str, Any]] = []
        self.posts = 0
        self.drop_next_create_answer = False

    def handle(self, request: httpx.Request) -> httpx.Response:
        assert request.headers["Authorization"] == "Bearer dev-key"
        path = request.url.path.removeprefix("/v1")
        body = json.loads(request.content) if request.content else {}
        if request.method == "POST" and path in ("/payments", "/payments/link"):
            self.posts += 1
            assert request.headers["X-Idempotency-Key"] == body["merchant_order_id"]
            pid = str(uuid.uuid4())
            payment = dict(
                self.template,
                payment_id=pid,
                amount=body["amount"],
                merchant_order_id=body["merchant_order_id"],
                status="pending",
                created_at="2026-04-06T11:39:53.000+05:00",
            )
            self.payments[pid] = payment
            if self.drop_next_create_answer:
                self.drop_next_create_answer = False
                raise httpx.ReadError("connection reset after the server acted")
            if path == "/payments/link":
                return httpx.Response(200, json=dict(self.link_template, payment_id=pid))
            return httpx.Response(201, json=payment)
        if request.method == "GET" and path == "/payments":
            wanted = request.url.params.get("merchant_order_id")
            data = [p for p in self.payments.values() if wanted in (None, p["merchant_order_id"])]
            return httpx.Response(200, json={"data": data, "has_more": False, "next_cursor": ""})
        parts = path.strip("/").split("/")
        if parts[0] == "payments" and len(parts) >= 2:
            payment = self.payments.get(parts[1])
            if payment is None:
                return httpx.Response(404, json={"error": "NOT_FOUND", "message": "no"})
            if len(parts) == 2:
                return httpx.Response(200, json=payment)
            if parts[2] == "cancel":
                if payment["status"] != "pending":
                    return httpx.Response(409, json={"error": "CONFLICT", "message": "x"})
                payment["status"] = "cancelled"
                return httpx.Response(200, json=payment)
            if parts[2] == "refund":
                refund = {
                    "refund_id": str(uuid.uuid4()),
                    "payment_id": parts[1],
                    "amount": body["amount"],
                    "status": "pending",
                }
                self.refunds.append(refund)
                return httpx.Response(202, json=refund)
            if parts[2] == "refunds":
                mine = [r for r in self.refunds if r["payment_id"] == parts[1]]
                return httpx.Response(200, json={"data": mine, "has_more": False})
        return httpx.Response(500, json={"error": "INTERNAL", "message": "unexpected"})


def _provider(fake: FakeXPayment) -> XPaymentProvider:
    return XPaymentProvider(
        xpayment_settings(
            "dev-key",
            base_url="https://xpayment.example/v1",
            retry=RetryPolicy(base_delay=0.01, max_delay=0.02),
        ),
        http_transport=httpx.MockTransport(fake.handle),
    )


def _cart(amount: str) -> Cart:
    cart = Cart()
    cart.add_free_amount(Decimal(amount))
    return cart


def test_from_key_builds_a_closed_over_client() -> None:
    async def main() -> None:
        provider = XPaymentProvider.from_key(
            "dev-key", base_url="https://xpayment.example/v1", rate_limit_per_minute=30
        )
        assert "dev-key" not in repr(provider)
        assert provider.transport.limiter.global_bucket.rate_per_minute == 30
        await provider.aclose()

    run(main())


def test_the_same_interface_works_for_xpayment(swagger: dict[str, Any]) -> None:
    fake = FakeXPayment(swagger)

    async def main() -> None:
        provider = _provider(fake)
        try:
            assert isinstance(provider, PaymentProvider)
            assert not provider.capabilities.client_check
            created = await provider.create_phone_payment(
                CreatePayment("sale-x", _cart("1500.50"), PHONE, "Order")
            )
            assert created.state is SaleState.WAITING
            assert created.amount == Decimal("1500.50")
            qr = await provider.create_qr_payment(CreatePayment("sale-q", _cart("200")))
            assert qr.qr_url and qr.qr_url.startswith("https://qr.kaspi.kz/")
            assert qr.qr_expires_at is not None and qr.state is SaleState.WAITING
            statuses = await provider.get_statuses([created.id, "missing"])
            assert set(statuses) == {created.id}
            cancelled = await provider.cancel_payment(created.id)
            assert cancelled.state is SaleState.CANCELLED
            with pytest.raises(ConflictError):
                await provider.cancel_payment(created.id)
            refund = await provider.refund(qr.id, amount=Decimal("50"))
            assert refund.state is RefundState.PENDING and refund.amount == Decimal("50.00")
            assert [r.id for r in await provider.list_payment_refunds(qr.id)] == [refund.id]
            page = await provider.list_payments(PaymentQuery())
            assert len(page.items) == 2 and not page.has_more
            found = await provider.find_by_order_id("sale-q")
            assert found is not None and found.id == qr.id
            with pytest.raises(NotSupportedError):
                await provider.check_client(PHONE)
        finally:
            await provider.aclose()

    run(main())


def test_lost_create_answer_is_reconciled(swagger: dict[str, Any]) -> None:
    fake = FakeXPayment(swagger)
    fake.drop_next_create_answer = True

    async def main() -> Any:
        provider = _provider(fake)
        try:
            return await provider.create_phone_payment(
                CreatePayment("sale-lost", _cart("10"), PHONE)
            )
        finally:
            await provider.aclose()

    payment = run(main())
    assert payment.external_order_id == "sale-lost"
    assert fake.posts == 1 and len(fake.payments) == 1

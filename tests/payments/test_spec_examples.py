"""The example answers of both ApiPay specs (taken from the YAML, never retyped) parse.

Each test walks the operation's response ``example``/``examples`` and the example values of its
schema (see ``helpers.response_examples``), parses them with the client's readers and checks the
values a cashier would see.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from pos_app.domain.phone import parse_phone
from pos_app.domain.sale import RefundState, SaleState
from pos_app.payments.apipay_parse import (
    parse_client_check,
    parse_invoice,
    parse_page,
    parse_refund,
    parse_status,
    parse_summary,
)
from pos_app.payments.apipay_services import (
    parse_catalog_item,
    parse_organization,
    parse_subscription,
    parse_subscription_invoice,
)
from tests.payments.helpers import response_examples

SPECS = ["spec_20", "spec_21"]


@pytest.fixture(params=SPECS)
def spec(request: pytest.FixtureRequest) -> dict[str, Any]:
    """Each of the two ApiPay specs in turn."""
    data: dict[str, Any] = request.getfixturevalue(request.param)
    return data


def test_get_invoice_examples_parse(spec: dict[str, Any]) -> None:
    for example in response_examples(spec, "/invoices/{id}", "get", 200):
        payment = parse_invoice(example)
        assert payment.id == "42"
        assert payment.amount == Decimal("15000.00")
        # 2.0 gives "paid" as the example; 2.1's status is the bare enum (first: processing).
        expected = {"paid": SaleState.PAID, "processing": SaleState.WAITING}
        assert payment.state is expected[payment.status_raw]
        assert payment.phone is not None and payment.phone.apipay == "87001234567"
        assert payment.kaspi_invoice_id == "13234689513"
        assert payment.total_refunded == Decimal("0.00")
        assert payment.is_fully_refunded is False
        assert payment.items and payment.items[0].price == Decimal("1800.00")
        assert payment.items[0].count == 2


def test_create_invoice_example_is_processing(spec: dict[str, Any]) -> None:
    for example in response_examples(spec, "/invoices", "post", 201):
        payment = parse_invoice(example)
        assert payment.id == "42"
        assert payment.status_raw == "processing"
        assert payment.state is SaleState.WAITING
        assert payment.paid_at is None


def test_qr_invoice_example_carries_the_qr(spec_21: dict[str, Any]) -> None:
    for example in response_examples(spec_21, "/invoices/qr", "post", 201):
        payment = parse_invoice(example)
        assert payment.state is SaleState.WAITING
        assert payment.qr_url == "https://qr.kaspi.kz/..."
        assert payment.qr_expires_at is not None
        assert payment.qr_expires_at.utcoffset() is not None
        assert payment.phone is None


def test_list_invoices_examples_both_paginations(spec: dict[str, Any]) -> None:
    for example in response_examples(spec, "/invoices", "get", 200):
        page = parse_page(example, parse_invoice, per_page=10)
        assert page.total == 48
        assert page.page == 1
        assert page.has_more is True
        assert page.items[0].amount in (Decimal("5000.00"), Decimal("15000.00"))


def test_list_invoices_21_summary_parses(spec_21: dict[str, Any]) -> None:
    for example in response_examples(spec_21, "/invoices", "get", 200):
        summary = parse_summary(example["summary"])
        assert summary.net_amount == Decimal("530910.00")
        assert summary.sales.amount == Decimal("554342.00")
        assert summary.sales.count == 50
        assert summary.refunded_later == Decimal("12000.00")
        assert summary.period_from is not None
        assert summary.period_from.utcoffset() is not None


def test_status_check_examples(spec: dict[str, Any]) -> None:
    for example in response_examples(spec, "/invoices/status/check", "post", 200):
        statuses = [parse_status(raw) for raw in example["invoices"]]
        assert statuses[0].id == "42"
        assert statuses[0].state is SaleState.PAID
        assert statuses[0].amount == Decimal("5000.00")


def test_invoice_refunds_examples(spec: dict[str, Any]) -> None:
    for example in response_examples(spec, "/invoices/{id}/refunds", "get", 200):
        refunds = [parse_refund(raw, payment_id="42") for raw in example["refunds"]]
        assert refunds[0].amount == Decimal("5000.00")
        assert refunds[0].state is RefundState.COMPLETED
        assert refunds[0].payment_id == "42"


def test_refund_created_example(spec: dict[str, Any]) -> None:
    for example in response_examples(spec, "/invoices/{id}/refund", "post", 201):
        refund = parse_refund(example["refund"], payment_id="42")
        assert refund.state is RefundState.PENDING
        assert refund.id == "5"
        # available_for_refund is a JSON number in this answer: read exactly.
        assert Decimal(str(example["invoice"]["available_for_refund"])) == Decimal(10000)


def test_list_refunds_examples(spec: dict[str, Any]) -> None:
    for example in response_examples(spec, "/refunds", "get", 200):
        page = parse_page(example, parse_refund, per_page=10)
        assert page.total == 25
        refund = page.items[0]
        assert refund.external_order_id in ("order_123", None)
        assert refund.provider_refund_id == "REF-123"
        assert refund.state is RefundState.COMPLETED


def test_cancel_21_example_is_a_full_invoice(spec_21: dict[str, Any]) -> None:
    for example in response_examples(spec_21, "/invoices/{id}/cancel", "post", 200):
        payment = parse_invoice(example["invoice"])
        assert payment.id == "42"


def test_client_check_example(spec_21: dict[str, Any]) -> None:
    for example in response_examples(spec_21, "/clients/check", "post", 200):
        check = parse_client_check(example, parse_phone("87001234567"))
        assert check.has_kaspi is True
        assert check.client_name == "Иван И."
        assert check.phone.apipay == "87001234567"


def test_get_subscription_wrapped_and_flat(spec: dict[str, Any]) -> None:
    for example in response_examples(spec, "/subscriptions/{id}", "get", 200):
        subscription = parse_subscription(example)
        assert subscription.id == "10"
        assert subscription.phone_number == "87001234567"


def test_subscription_invoices_example(spec_21: dict[str, Any]) -> None:
    for example in response_examples(spec_21, "/subscriptions/{id}/invoices", "get", 200):
        page = parse_page(example, parse_subscription_invoice, per_page=20)
        assert page.items[0].amount == Decimal("5000.00")
        assert page.total == 3


def test_catalog_list_example(spec_21: dict[str, Any]) -> None:
    for example in response_examples(spec_21, "/catalog", "get", 200):
        page = parse_page(example, parse_catalog_item, per_page=50)
        assert page.items[0].selling_price == Decimal("1800.00")
        assert page.has_more is True  # meta: current_page 1 of last_page 2


def test_organization_status_from_seed_shape() -> None:
    # Seed 002 gives the shape only in prose; this is its JSON block.
    status = parse_organization(
        {
            "organization": {
                "id": 1,
                "idn": "123456789012",
                "status": "verified",
                "time_remaining": 95,
            }
        }
    )
    assert status.is_final and status.id == "1"


def test_unknown_status_is_kept_raw() -> None:
    payment = parse_invoice({"id": 7, "status": "on_hold", "amount": "10.00", "new_field": [1]})
    assert payment.state is None
    assert payment.status_raw == "on_hold"


def test_fully_refunded_20_and_21_agree() -> None:
    old = parse_invoice(
        {"id": 1, "status": "refunded", "amount": "100.00", "total_refunded": "100.00"}
    )
    new = parse_invoice(
        {
            "id": 1,
            "status": "paid",
            "amount": "100.00",
            "total_refunded": "100.00",
            "is_fully_refunded": True,
        }
    )
    assert old.state is new.state is SaleState.REFUNDED
    assert old.is_fully_refunded and new.is_fully_refunded

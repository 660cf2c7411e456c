"""An invoice's life as the cashier sees it: create, wait, paid / declined / expired / cancelled."""

from __future__ import annotations

import threading
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx

from tests.fixtures.sandbox import SandboxHandle, make_sandbox, running_sandbox
from tests.sandbox.helpers import add_catalog_item, create_invoice, unique, wait_pending


def status_of(api: httpx.Client, invoice_id: int) -> str:
    status: str = api.get(f"/invoices/{invoice_id}").json()["status"]
    return status


def test_processing_then_pending_then_paid(sandbox: SandboxHandle, api: httpx.Client) -> None:
    created = create_invoice(api, amount=1500.5)
    assert created["status"] == "processing"
    assert created["amount"] == "1500.50"
    pending = wait_pending(sandbox, api, created["id"])
    assert pending["status"] == "pending"
    assert pending["client_name"]  # Kaspi knows the customer now
    sandbox.pay(created["id"])
    paid = api.get(f"/invoices/{created['id']}").json()
    assert paid["status"] == "paid"
    assert paid["paid_at"].endswith("+00:00")
    assert paid["is_fully_refunded"] is False


def test_customer_declines(sandbox: SandboxHandle, api: httpx.Client) -> None:
    created = create_invoice(api)
    sandbox.decline(created["id"])
    assert status_of(api, created["id"]) == "cancelled"


def test_expires_when_the_clock_passes_its_lifetime(
    sandbox: SandboxHandle, api: httpx.Client
) -> None:
    created = create_invoice(api)
    sandbox.advance(sandbox.config.invoice_lifetime_seconds - 10)
    assert status_of(api, created["id"]) == "pending"
    sandbox.advance(11)
    assert status_of(api, created["id"]) == "expired"


def test_number_without_kaspi_ends_in_error(sandbox: SandboxHandle, api: httpx.Client) -> None:
    created = create_invoice(api, phone_number="87001234500")
    invoice = wait_pending(sandbox, api, created["id"])
    assert invoice["status"] == "error"
    assert invoice["error_code"] == "client_not_found"


def test_cancel_pending_invoice(sandbox: SandboxHandle, api: httpx.Client) -> None:
    created = create_invoice(api)
    r = api.post(f"/invoices/{created['id']}/cancel")
    assert r.status_code == 200
    assert r.json()["invoice"]["status"] == "cancelled"
    # a paid invoice cannot be cancelled
    other = create_invoice(api)
    sandbox.pay(other["id"])
    refused = api.post(f"/invoices/{other['id']}/cancel")
    assert refused.status_code == 400
    assert refused.json()["error_code"] == "invoice_already_paid"


def test_qr_invoice_scan_pay_and_no_cancel(sandbox: SandboxHandle, api: httpx.Client) -> None:
    qr = api.post("/invoices/qr", json={"amount": 990}).json()
    assert qr["status"] == "pending"
    assert qr["is_qr_token"] is True
    assert qr["phone"] is None
    assert qr["qr_token_url"].startswith(sandbox.root_url + "/pay/")
    assert api.post(f"/invoices/{qr['id']}/cancel").status_code == 400
    sandbox.control.post(f"/invoices/{qr['id']}/scan").raise_for_status()
    assert sandbox.control.post(f"/invoices/{qr['id']}/scan").status_code == 409
    sandbox.pay(qr["id"])
    assert status_of(api, qr["id"]) == "paid"


def test_unscanned_qr_expires_with_its_code(sandbox: SandboxHandle, api: httpx.Client) -> None:
    qr = api.post("/invoices/qr", json={"amount": 990}).json()
    scanned = api.post("/invoices/qr", json={"amount": 990}).json()
    sandbox.control.post(f"/invoices/{scanned['id']}/scan").raise_for_status()
    sandbox.advance(sandbox.config.qr_lifetime_seconds + 1)
    assert status_of(api, qr["id"]) == "expired"
    assert status_of(api, scanned["id"]) == "pending"  # a started payment outlives the code


def test_qr_simulate_on_create(sandbox: SandboxHandle, api: httpx.Client) -> None:
    r = api.post("/invoices/qr", json={"amount": 100, "simulate": "paid"})
    assert r.json()["status"] == "paid"


def test_simulate_status_moves_pending_invoices(sandbox: SandboxHandle, api: httpx.Client) -> None:
    created = create_invoice(api)
    sandbox.advance(1)
    r = api.post(f"/invoices/{created['id']}/simulate-status", json={"status": "expired"})
    assert r.status_code == 200
    assert r.json()["invoice"]["status"] == "expired"


def test_auto_pay_for_unattended_demos(tmp_path: Path) -> None:
    with running_sandbox(tmp_path, auto_pay_after_seconds=3) as handle, handle.api() as api:
        created = create_invoice(api)
        handle.advance(1)
        assert status_of(api, created["id"]) == "pending"
        handle.advance(3)
        assert status_of(api, created["id"]) == "paid"


def test_cart_invoice_prices_from_catalog_with_override_and_discount(
    sandbox: SandboxHandle, api: httpx.Client
) -> None:
    latte = add_catalog_item(sandbox, "Latte", "1800")
    cake = add_catalog_item(sandbox, "Cake", "1234.55")
    created = create_invoice(
        api,
        cart_items=[
            {"catalog_item_id": latte, "count": 2},
            {"catalog_item_id": cake, "count": 3, "price": 999.99},
        ],
        discount_percentage=15,
        amount=1,  # ignored with a cart
    )
    subtotal = Decimal("3600.00") + Decimal("2999.97")
    discount = (subtotal * 15 / 100).quantize(Decimal("0.01"), rounding="ROUND_HALF_UP")
    assert created["subtotal"] == str(subtotal)
    assert created["discount_sum"] == str(discount)
    assert created["discount_percentage"] == "15"
    assert created["amount"] == str(subtotal - discount)
    items = api.get(f"/invoices/{created['id']}").json()["items"]
    assert [(i["name"], i["price"], i["count"]) for i in items] == [
        ("Latte", "1800.00", 2),
        ("Cake", "999.99", 3),
    ]


def test_unknown_catalog_item_is_422_on_its_field(api: httpx.Client) -> None:
    r = api.post(
        "/invoices",
        json={
            "phone_number": "87001234567",
            "cart_items": [{"catalog_item_id": 987654, "count": 1}],
        },
    )
    assert r.status_code == 422
    assert "cart_items.0.catalog_item_id" in r.json()["errors"]


def test_validation_rules(api: httpx.Client) -> None:
    cases: list[tuple[dict[str, Any], str]] = [
        ({"amount": 100}, "phone_number"),
        ({"phone_number": "77001234567", "amount": 100}, "phone_number"),
        ({"phone_number": "87001234567"}, "amount"),
        ({"phone_number": "87001234567", "amount": 100_000_000}, "amount"),
        ({"phone_number": "87001234567", "amount": 0.001}, "amount"),
        ({"phone_number": "87001234567", "amount": 10, "description": "x" * 501}, "description"),
        (
            {"phone_number": "87001234567", "amount": 10, "discount_percentage": 100},
            "discount_percentage",
        ),
    ]
    for body, field in cases:
        r = api.post("/invoices", json=body)
        assert r.status_code == 422, body
        assert field in r.json()["errors"], (body, r.json())
    ok = api.post("/invoices", json={"phone_number": "87001234567", "amount": 99999999.99})
    assert ok.status_code == 201


def test_idempotency_key_and_reuse_after_expiry(sandbox: SandboxHandle, api: httpx.Client) -> None:
    key = unique("idem")
    first = create_invoice(api, external_order_id_idempotency=key)
    dup = api.post(
        "/invoices",
        json={"phone_number": "87001234567", "amount": 1500, "external_order_id_idempotency": key},
    )
    assert dup.status_code == 409
    assert dup.json()["error"] == "duplicate_idempotency_key"
    assert dup.json()["invoice_id"] == first["id"]
    assert dup.json()["status"] == "processing"
    sandbox.expire(first["id"])
    again = create_invoice(api, external_order_id_idempotency=key)
    assert again["id"] != first["id"]
    # and the new one blocks the key again
    assert (
        api.post(
            "/invoices",
            json={"phone_number": "87001234567", "amount": 1, "external_order_id_idempotency": key},
        ).json()["invoice_id"]
        == again["id"]
    )


def test_twenty_concurrent_creates_with_one_key_make_one_invoice(
    sandbox: SandboxHandle,
) -> None:
    key = unique("race")
    results: list[int] = []
    lock = threading.Lock()
    barrier = threading.Barrier(20)

    def create() -> None:
        with sandbox.api() as client:
            barrier.wait()
            r = client.post(
                "/invoices",
                json={
                    "phone_number": "87001234567",
                    "amount": 700,
                    "external_order_id_idempotency": key,
                    "external_order_id": key,
                },
            )
            with lock:
                results.append(r.status_code)

    threads = [threading.Thread(target=create) for _ in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == [201] + [409] * 19
    with sandbox.api() as api:
        found = api.get("/invoices", params={"search": key}).json()
    assert found["total"] == 1


def test_state_survives_a_restart(tmp_path: Path) -> None:
    server = make_sandbox(tmp_path)
    with httpx.Client(base_url=server.base_url, headers={"X-API-Key": server.api_key}) as api:
        created = create_invoice(api, description="before restart")
        control = httpx.post(f"{server.root_url}/_sandbox/invoices/{created['id']}/pay")
        control.raise_for_status()
    server.stop()
    again = make_sandbox(tmp_path)
    try:
        with httpx.Client(base_url=again.base_url, headers={"X-API-Key": again.api_key}) as api:
            invoice = api.get(f"/invoices/{created['id']}").json()
            assert invoice["status"] == "paid"
            assert invoice["description"] == "before restart"
            newer = create_invoice(api)
            assert newer["id"] > created["id"]
    finally:
        again.stop()


def test_status_check_in_bulk(sandbox: SandboxHandle, api: httpx.Client) -> None:
    a = create_invoice(api)
    b = create_invoice(api)
    sandbox.pay(b["id"])
    sandbox.advance(1)
    r = api.post("/invoices/status/check", json={"invoice_ids": [a["id"], b["id"], 424242]})
    statuses = {i["id"]: i["status"] for i in r.json()["invoices"]}
    assert statuses == {a["id"]: "pending", b["id"]: "paid"}

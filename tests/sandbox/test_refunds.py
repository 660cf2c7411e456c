"""Refunds as the cashier sees them: full, partial, per item, never above what is left."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx

from tests.fixtures.sandbox import SandboxHandle, running_sandbox
from tests.sandbox.helpers import add_catalog_item, create_invoice, paid_invoice


def refund(api: httpx.Client, invoice_id: int, **body: Any) -> httpx.Response:
    return api.post(f"/invoices/{invoice_id}/refund", json=body)


def test_full_refund_keeps_paid_and_marks_fully_refunded(
    sandbox: SandboxHandle, api: httpx.Client
) -> None:
    paid = paid_invoice(sandbox, api, amount=15000)
    r = refund(api, paid["id"])
    assert r.status_code == 201
    assert r.json()["refund"]["status"] == "pending"
    assert r.json()["refund"]["amount"] == "15000.00"
    assert r.json()["invoice"]["available_for_refund"] == 0
    assert r.json()["invoice"]["pending_refund_amount"] == 15000
    sandbox.advance(1)
    invoice = api.get(f"/invoices/{paid['id']}").json()
    assert invoice["status"] == "paid"
    assert invoice["is_fully_refunded"] is True
    assert invoice["total_refunded"] == "15000.00"
    refunds = api.get(f"/invoices/{paid['id']}/refunds").json()
    assert refunds["refunds"][0]["status"] == "completed"
    assert refunds["refunds"][0]["kaspi_refund_id"]
    nothing_left = refund(api, paid["id"], amount=1)
    assert nothing_left.status_code == 400
    assert nothing_left.json()["error_code"] == "refund_amount_exceeds_available"


def test_partial_refunds_then_the_rest(sandbox: SandboxHandle, api: httpx.Client) -> None:
    paid = paid_invoice(sandbox, api, amount=1000)
    assert refund(api, paid["id"], amount=300.5).status_code == 201
    # the pending refund already counts against what is available
    over = refund(api, paid["id"], amount=700)
    assert over.status_code == 400
    assert over.json()["error_code"] == "refund_amount_exceeds_available"
    sandbox.advance(1)
    invoice = api.get(f"/invoices/{paid['id']}").json()
    assert invoice["status"] == "partially_refunded"
    assert invoice["total_refunded"] == "300.50"
    assert invoice["is_fully_refunded"] is False
    rest = refund(api, paid["id"])
    assert rest.json()["refund"]["amount"] == "699.50"
    sandbox.advance(1)
    invoice = api.get(f"/invoices/{paid['id']}").json()
    assert invoice["status"] == "partially_refunded"
    assert invoice["is_fully_refunded"] is True
    listing = api.get(f"/invoices/{paid['id']}/refunds").json()
    assert listing["total"] == 2
    assert listing["invoice"]["available_for_refund"] == 0


def test_refund_per_item_counts_what_is_left(sandbox: SandboxHandle, api: httpx.Client) -> None:
    tea = add_catalog_item(sandbox, "Tea", "500")
    bun = add_catalog_item(sandbox, "Bun", "250")
    created = create_invoice(
        api,
        cart_items=[{"catalog_item_id": tea, "count": 3}, {"catalog_item_id": bun, "count": 2}],
        discount_percentage=10,
    )
    assert created["amount"] == "1800.00"  # (1500 + 500) − 10 %
    sandbox.pay(created["id"])
    first = refund(api, created["id"], return_items=[{"catalog_item_id": tea, "count": 2}])
    assert first.status_code == 201
    assert first.json()["refund"]["amount"] == "900.00"  # 2 × 500 − 10 %
    too_many = refund(api, created["id"], return_items=[{"catalog_item_id": tea, "count": 2}])
    assert too_many.status_code == 422
    assert "return_items.0.count" in too_many.json()["errors"]
    not_bought = refund(api, created["id"], return_items=[{"catalog_item_id": 999, "count": 1}])
    assert "return_items.0.catalog_item_id" in not_bought.json()["errors"]
    both = refund(
        api, created["id"], return_items=[{"catalog_item_id": bun, "count": 1, "amount": 5}]
    )
    assert both.status_code == 422
    by_amount = refund(api, created["id"], return_items=[{"catalog_item_id": bun, "amount": 100}])
    assert by_amount.status_code == 201
    sandbox.advance(1)
    items = api.get(f"/invoices/{created['id']}/refunds").json()["refunds"]
    assert [(i["items"][0]["name"], i["items"][0]["count"]) for i in items] == [
        ("Tea", 2),
        ("Bun", 0),
    ]
    assert api.get(f"/invoices/{created['id']}").json()["total_refunded"] == "1000.00"


def test_refund_needs_a_paid_invoice(sandbox: SandboxHandle, api: httpx.Client) -> None:
    created = create_invoice(api)
    r = refund(api, created["id"])
    assert r.status_code == 400
    assert api.post("/invoices/999999/refund", json={}).status_code == 404


def test_failed_refund_gives_the_money_back_to_available(tmp_path: Path) -> None:
    # The refund stays pending until the test decides.
    with running_sandbox(tmp_path, refund_seconds=30) as sandbox, sandbox.api() as api:
        paid = paid_invoice(sandbox, api, amount=500)
        refund_id = refund(api, paid["id"], amount=200).json()["refund"]["id"]
        sandbox.control.post(f"/refunds/{refund_id}/fail").raise_for_status()
        listing = api.get(f"/invoices/{paid['id']}/refunds").json()
        assert listing["refunds"][0]["status"] == "failed"
        assert listing["refunds"][0]["error_code"] == "kaspi_error"
        assert listing["invoice"]["available_for_refund"] == 500
        assert listing["invoice"]["total_refunded"] == "0.00"


def test_refund_list_filters(tmp_path: Path) -> None:
    # Refunds stay pending until the clock is advanced.
    with running_sandbox(tmp_path, refund_seconds=30) as sandbox, sandbox.api() as api:
        a = paid_invoice(sandbox, api, amount=100)
        b = paid_invoice(sandbox, api, amount=200)
        refund(api, a["id"])
        refund(api, b["id"], amount=50)
        sandbox.advance(31)
        refund(api, b["id"], amount=10)  # still pending
        mine = api.get("/refunds", params={"invoice_id": b["id"]}).json()
        assert mine["total"] == 2
        assert {r["invoice"]["id"] for r in mine["data"]} == {b["id"]}
        pending = api.get("/refunds", params={"status[]": "pending", "invoice_id": b["id"]}).json()
        assert [r["amount"] for r in pending["data"]] == ["10.00"]
        done = api.get(
            "/refunds", params={"status[]": ["completed", "failed"], "per_page": 100}
        ).json()
        ours = [r["amount"] for r in done["data"] if r["invoice_id"] in (a["id"], b["id"])]
        assert sorted(ours) == ["100.00", "50.00"]

"""Every answer of the invoice, refund and client operations matches the 2.1 spec's schemas.

Success and error answers alike, through real HTTP. Strict: no undocumented keys.
"""

from __future__ import annotations

from typing import Any

import httpx

from tests.fixtures.contract import assert_matches_schema, assert_matches_spec
from tests.fixtures.sandbox import SandboxHandle
from tests.sandbox.helpers import add_catalog_item, create_invoice, paid_invoice, unique

Spec = dict[str, Any]


def test_status_and_unauthorized(sandbox: SandboxHandle, spec_21: Spec) -> None:
    r = httpx.get(sandbox.base_url + "/status")
    assert_matches_spec(spec_21, "GET", "/status", r.status_code, r.json())
    assert r.json()["timestamp"].endswith("+00:00")
    r = httpx.get(sandbox.base_url + "/invoices", headers={"X-API-Key": "wrong"})
    assert r.status_code == 401
    assert_matches_spec(spec_21, "GET", "/invoices", 401, r.json())


def test_create_invoice_answers(sandbox: SandboxHandle, api: httpx.Client, spec_21: Spec) -> None:
    key = unique("idem")
    r = api.post(
        "/invoices",
        json={"phone_number": "87001234567", "amount": 15000, "external_order_id_idempotency": key},
    )
    assert r.status_code == 201
    assert_matches_spec(spec_21, "POST", "/invoices", 201, r.json())
    assert r.json()["amount"] == "15000.00"
    assert r.json()["created_at"].endswith("+00:00")

    dup = api.post(
        "/invoices",
        json={"phone_number": "87001234567", "amount": 15000, "external_order_id_idempotency": key},
    )
    assert dup.status_code == 409
    assert_matches_spec(spec_21, "POST", "/invoices", 409, dup.json())

    bad = api.post("/invoices", json={"phone_number": "+77001234567", "amount": 0})
    assert bad.status_code == 422
    assert_matches_spec(spec_21, "POST", "/invoices", 422, bad.json())


def test_cart_invoice_answer(sandbox: SandboxHandle, api: httpx.Client, spec_21: Spec) -> None:
    item = add_catalog_item(sandbox, "Latte", "1800")
    r = api.post(
        "/invoices",
        json={
            "phone_number": "87001234567",
            "cart_items": [{"catalog_item_id": item, "count": 2}],
            "discount_percentage": 10,
        },
    )
    assert r.status_code == 201, r.text
    assert_matches_spec(spec_21, "POST", "/invoices", 201, r.json())
    got = api.get(f"/invoices/{r.json()['id']}")
    assert_matches_spec(spec_21, "GET", "/invoices/{id}", 200, got.json())


def test_qr_invoice_answers(sandbox: SandboxHandle, api: httpx.Client, spec_21: Spec) -> None:
    r = api.post("/invoices/qr", json={"amount": 2500, "description": "Кофе"})
    assert r.status_code == 201
    assert_matches_spec(spec_21, "POST", "/invoices/qr", 201, r.json())
    bad = api.post("/invoices/qr", json={"amount": 100, "description": "x" * 101})
    assert bad.status_code == 422
    assert_matches_spec(spec_21, "POST", "/invoices/qr", 422, bad.json())
    # the QR invoice reads back without a phone number (the schema has no null for it)
    got = api.get(f"/invoices/{r.json()['id']}")
    assert_matches_spec(spec_21, "GET", "/invoices/{id}", 200, got.json())


def test_get_and_list_answers(sandbox: SandboxHandle, api: httpx.Client, spec_21: Spec) -> None:
    paid = paid_invoice(sandbox, api, description=unique("list"))
    api.post(f"/invoices/{paid['id']}/refund", json={"amount": 100})
    sandbox.advance(5)
    create_invoice(api)
    r = api.get(f"/invoices/{paid['id']}")
    assert_matches_spec(spec_21, "GET", "/invoices/{id}", 200, r.json())
    missing = api.get("/invoices/999999")
    assert missing.status_code == 404
    assert_matches_spec(spec_21, "GET", "/invoices/{id}", 404, missing.json())

    listing = api.get("/invoices", params={"with_summary": 1, "per_page": 5})
    assert listing.status_code == 200
    assert_matches_spec(spec_21, "GET", "/invoices", 200, listing.json())
    body = listing.json()
    for row in body["data"]:
        assert_matches_schema(spec_21, "InvoiceListItem", row)
    assert_matches_schema(spec_21, "InvoiceListSummary", body["summary"])
    bad = api.get("/invoices", params={"date_from": "yesterday"})
    assert bad.status_code == 422
    assert_matches_spec(spec_21, "GET", "/invoices", 422, bad.json())


def test_cancel_answers(sandbox: SandboxHandle, api: httpx.Client, spec_21: Spec) -> None:
    created = create_invoice(api)
    r = api.post(f"/invoices/{created['id']}/cancel")
    assert r.status_code == 200
    assert_matches_spec(spec_21, "POST", "/invoices/{id}/cancel", 200, r.json())
    again = api.post(f"/invoices/{created['id']}/cancel")
    assert again.status_code == 400
    assert_matches_spec(spec_21, "POST", "/invoices/{id}/cancel", 400, again.json())
    assert again.json()["error_code"] == "invoice_already_cancelled"
    qr = api.post("/invoices/qr", json={"amount": 100}).json()
    refused = api.post(f"/invoices/{qr['id']}/cancel")
    assert refused.status_code == 400
    assert_matches_spec(spec_21, "POST", "/invoices/{id}/cancel", 400, refused.json())
    assert api.post("/invoices/999999/cancel").status_code == 404


def test_status_check_answers(sandbox: SandboxHandle, api: httpx.Client, spec_21: Spec) -> None:
    a = create_invoice(api)
    r = api.post("/invoices/status/check", json={"invoice_ids": [a["id"], 999999]})
    assert r.status_code == 200
    assert_matches_spec(spec_21, "POST", "/invoices/status/check", 200, r.json())
    assert [i["id"] for i in r.json()["invoices"]] == [a["id"]]
    too_many = api.post("/invoices/status/check", json={"invoice_ids": list(range(1, 102))})
    assert too_many.status_code == 422
    assert_matches_spec(spec_21, "POST", "/invoices/status/check", 422, too_many.json())


def test_simulate_answers(sandbox: SandboxHandle, api: httpx.Client, spec_21: Spec) -> None:
    path = "/invoices/{invoice}/simulate-status"
    qr = api.post("/invoices/qr", json={"amount": 100}).json()
    scanned = api.post(f"/invoices/{qr['id']}/simulate-status", json={"status": "qr_scanned"})
    assert scanned.status_code == 200
    assert_matches_spec(spec_21, "POST", path, 200, scanned.json())
    twice = api.post(f"/invoices/{qr['id']}/simulate-status", json={"status": "qr_scanned"})
    assert twice.status_code == 400
    assert twice.json()["error"] == "already_scanned"
    assert_matches_spec(spec_21, "POST", path, 400, twice.json())
    paid = api.post(f"/invoices/{qr['id']}/simulate-status", json={"status": "paid"})
    assert_matches_spec(spec_21, "POST", path, 200, paid.json())
    late = api.post(f"/invoices/{qr['id']}/simulate-status", json={"status": "expired"})
    assert late.status_code == 400
    assert late.json()["current_status"] == "paid"
    assert_matches_spec(spec_21, "POST", path, 400, late.json())
    missing = api.post("/invoices/999999/simulate-status", json={"status": "paid"})
    assert missing.status_code == 404
    assert_matches_spec(spec_21, "POST", path, 404, missing.json())
    invalid = api.post(f"/invoices/{qr['id']}/simulate-status", json={"status": "refunded"})
    assert invalid.status_code == 422


def test_simulated_error_code_is_the_documented_one(
    sandbox: SandboxHandle, api: httpx.Client, spec_21: Spec
) -> None:
    # The operation's text names error_code "sandbox_simulated_error", which the ErrorCode
    # enum lacks: the sandbox follows the text; everything else in the answer matches.
    created = create_invoice(api)
    sandbox.advance(1)
    r = api.post(
        f"/invoices/{created['id']}/simulate-status",
        json={"status": "error", "error_message": "boom"},
    )
    assert r.status_code == 200
    body = r.json()
    assert body["invoice"]["error_code"] == "sandbox_simulated_error"
    assert body["invoice"]["error_message"] == "boom"
    del body["invoice"]["error_code"]
    assert_matches_spec(spec_21, "POST", "/invoices/{invoice}/simulate-status", 200, body)


def test_refund_answers(sandbox: SandboxHandle, api: httpx.Client, spec_21: Spec) -> None:
    item = add_catalog_item(sandbox, "Tea", "500")
    created = api.post(
        "/invoices",
        json={"phone_number": "87001234567", "cart_items": [{"catalog_item_id": item, "count": 3}]},
    ).json()
    sandbox.pay(created["id"])
    path = "/invoices/{id}/refund"
    r = api.post(f"/invoices/{created['id']}/refund", json={"amount": 200, "reason": "сдача"})
    assert r.status_code == 201
    assert_matches_spec(spec_21, "POST", path, 201, r.json())
    over = api.post(f"/invoices/{created['id']}/refund", json={"amount": 5000})
    assert over.status_code == 400
    assert_matches_spec(spec_21, "POST", path, 400, over.json())
    bad_items = api.post(
        f"/invoices/{created['id']}/refund",
        json={"return_items": [{"catalog_item_id": item, "count": 9}]},
    )
    assert bad_items.status_code == 422
    assert_matches_spec(spec_21, "POST", path, 422, bad_items.json())
    per_item = api.post(
        f"/invoices/{created['id']}/refund",
        json={"return_items": [{"catalog_item_id": item, "count": 1}]},
    )
    assert per_item.status_code == 201
    sandbox.advance(5)

    listed = api.get(f"/invoices/{created['id']}/refunds")
    assert_matches_spec(spec_21, "GET", "/invoices/{id}/refunds", 200, listed.json())
    assert listed.json()["refunds"][1]["items"][0]["count"] == 1
    everything = api.get("/refunds", params={"invoice_id": created["id"]})
    assert_matches_spec(spec_21, "GET", "/refunds", 200, everything.json())
    for row in everything.json()["data"]:
        assert_matches_schema(spec_21, "RefundWithInvoice", row)
    bad = api.get("/refunds", params={"invoice_id": 999999})
    assert bad.status_code == 422
    assert_matches_spec(spec_21, "GET", "/refunds", 422, bad.json())

    unpaid = create_invoice(api)
    refused = api.post(f"/invoices/{unpaid['id']}/refund", json={})
    assert refused.status_code == 400
    assert_matches_spec(spec_21, "POST", path, 400, refused.json())


def test_clients_check_answers(sandbox: SandboxHandle, api: httpx.Client, spec_21: Spec) -> None:
    yes = api.post("/clients/check", json={"phone": "+7 (700) 123-45-67"})
    assert yes.status_code == 200
    assert_matches_spec(spec_21, "POST", "/clients/check", 200, yes.json())
    assert yes.json()["phone"] == "87001234567"
    assert yes.json()["has_kaspi"] is True
    no = api.post("/clients/check", json={"phone": "87001234500"})
    assert_matches_spec(spec_21, "POST", "/clients/check", 200, no.json())
    assert no.json() == {"phone": "87001234500", "has_kaspi": False, "client_name": None}
    bad = api.post("/clients/check", json={"phone": "12345"})
    assert bad.status_code == 422
    assert_matches_spec(spec_21, "POST", "/clients/check", 422, bad.json())


def test_webhook_bodies_match_their_schemas(
    sandbox: SandboxHandle, api: httpx.Client, spec_21: Spec
) -> None:
    events: list[tuple[str, dict[str, Any]]] = []
    sandbox.engine.on_event(lambda name, body: events.append((name, body)))
    paid = paid_invoice(sandbox, api)
    api.post(f"/invoices/{paid['id']}/refund", json={"amount": 500})
    sandbox.advance(5)
    qr = api.post("/invoices/qr", json={"amount": 300}).json()
    sandbox.control.post(f"/invoices/{qr['id']}/scan").raise_for_status()
    cancelled = create_invoice(api)
    api.post(f"/invoices/{cancelled['id']}/cancel")

    names = [name for name, _ in events]
    assert {"invoice.status_changed", "invoice.refunded", "invoice.qr_scanned"} <= set(names)
    schema_of = {
        "invoice.status_changed": "WebhookInvoiceStatusChanged",
        "invoice.refunded": "WebhookInvoiceRefunded",
        "invoice.qr_scanned": "WebhookInvoiceQrScanned",
    }
    for name, body in events:
        assert body["event"] == name
        assert body["timestamp"].endswith("+00:00")
        assert_matches_schema(spec_21, schema_of[name], body)
    statuses = [b["invoice"]["status"] for n, b in events if n == "invoice.status_changed"]
    assert "processing" not in statuses  # technical statuses send no webhook
    assert {"pending", "paid", "partially_refunded", "cancelled"} <= set(statuses)

"""The sandbox's xPayment side over real HTTP: every operation, checked against the Swagger 2.0
spec (success and error answers), the life cycle on the sandbox clock and the customer's page.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.fixtures.sandbox import SandboxHandle, running_sandbox
from tests.sandbox.xpayment_helpers import (
    TIME_RE,
    UUID_RE,
    assert_answer,
    assert_money,
    load_swagger,
)

PHONE = "+77001234567"


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    return load_swagger()


@pytest.fixture
def xp(sandbox: SandboxHandle) -> Iterator[httpx.Client]:
    with sandbox.xpayment_api() as client:
        yield client


def create(
    xp: httpx.Client, spec: dict[str, Any], amount: Any = 1500, *, key: str = "", **extra: Any
) -> dict[str, Any]:
    body = {"amount": amount, "payer_phone": PHONE, **extra}
    headers = {"X-Idempotency-Key": key} if key else {}
    answer = xp.post("/payments", json=body, headers=headers)
    result: dict[str, Any] = assert_answer(spec, "POST", "/payments", answer, 201)
    return result


def get(xp: httpx.Client, spec: dict[str, Any], payment_id: str) -> dict[str, Any]:
    answer = xp.get(f"/payments/{payment_id}")
    result: dict[str, Any] = assert_answer(spec, "GET", "/payments/{paymentID}", answer, 200)
    return result


def paid(sandbox: SandboxHandle, xp: httpx.Client, spec: dict[str, Any], amount: Any) -> str:
    payment = create(xp, spec, amount)
    sandbox.pay(payment["payment_id"])
    return str(payment["payment_id"])


def test_a_phone_payment_has_the_spec_shape_and_is_paid_by_the_customer(
    sandbox: SandboxHandle, xp: httpx.Client, spec: dict[str, Any]
) -> None:
    payment = create(
        xp,
        spec,
        1500.5,
        comment="Order #42",
        merchant_order_id="sale-1",
        metadata={"till": 2},
    )
    assert UUID_RE.fullmatch(payment["payment_id"])
    assert payment["status"] == "pending"
    assert payment["amount"] == 1500.5
    assert_money(payment["amount"])
    assert payment["currency"] == "KZT" and payment["payer_phone"] == PHONE
    assert payment["metadata"] == {"till": 2} and payment["comment"] == "Order #42"
    assert TIME_RE.fullmatch(payment["created_at"])
    sandbox.pay(payment["payment_id"])
    done = get(xp, spec, payment["payment_id"])
    assert done["status"] == "completed" and TIME_RE.fullmatch(done["completed_at"])


def test_a_number_without_kaspi_fails(
    sandbox: SandboxHandle, xp: httpx.Client, spec: dict[str, Any]
) -> None:
    answer = xp.post("/payments", json={"amount": 100, "payer_phone": "+77770000002"})
    payment = assert_answer(spec, "POST", "/payments", answer, 201)
    sandbox.advance(1)
    assert get(xp, spec, payment["payment_id"])["status"] == "failed"


def test_decline_expire_and_clock_expiry(
    sandbox: SandboxHandle, xp: httpx.Client, spec: dict[str, Any]
) -> None:
    declined = create(xp, spec)["payment_id"]
    sandbox.decline(declined)
    assert get(xp, spec, declined)["status"] == "cancelled"
    expired = create(xp, spec)["payment_id"]
    sandbox.expire(expired)
    assert get(xp, spec, expired)["status"] == "expired"
    late = create(xp, spec)["payment_id"]
    sandbox.advance(sandbox.config.invoice_lifetime_seconds + 1)
    assert get(xp, spec, late)["status"] == "expired"
    # the customer cannot pay an expired payment
    assert sandbox.control.post(f"/invoices/{late}/pay").status_code == 409


def test_same_idempotency_key_gives_the_same_payment(
    xp: httpx.Client, spec: dict[str, Any]
) -> None:
    first = create(xp, spec, 700, key="key-1", merchant_order_id="sale-k")
    again = create(xp, spec, 700, key="key-1", merchant_order_id="sale-k")
    assert again["payment_id"] == first["payment_id"]
    listed = xp.get("/payments", params={"merchant_order_id": "sale-k"}).json()["data"]
    assert [p["payment_id"] for p in listed] == [first["payment_id"]]
    other = xp.post(
        "/payments",
        json={"amount": 800, "payer_phone": PHONE},
        headers={"X-Idempotency-Key": "key-1"},
    )
    body = assert_answer(spec, "POST", "/payments", other, 422)
    assert body["error"] == "VALIDATION_ERROR"


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"amount": 100}, 400),
        ({"payer_phone": PHONE}, 400),
        ({"amount": "100", "payer_phone": PHONE}, 422),
        ({"amount": 0, "payer_phone": PHONE}, 422),
        ({"amount": 1.005, "payer_phone": PHONE}, 422),
        ({"amount": 100, "payer_phone": "87001234567"}, 422),
        ({"amount": 100, "payer_phone": PHONE, "metadata": [1]}, 422),
    ],
)
def test_bad_payment_requests_are_validation_errors(
    xp: httpx.Client, spec: dict[str, Any], body: dict[str, Any], status: int
) -> None:
    answer = xp.post("/payments", json=body)
    assert assert_answer(spec, "POST", "/payments", answer, status)["error"] == "VALIDATION_ERROR"


def test_the_device_key_is_required(sandbox: SandboxHandle, spec: dict[str, Any]) -> None:
    with httpx.Client(base_url=sandbox.xpayment_base_url, timeout=10) as anonymous:
        answer = anonymous.get("/payments")
        assert assert_answer(spec, "GET", "/payments", answer, 401)["error"] == "UNAUTHORIZED"
        wrong = anonymous.get("/payments", headers={"Authorization": "Bearer nope"})
        assert wrong.status_code == 401
        # the ApiPay key header is not an xPayment key
        apipay = anonymous.get("/payments", headers={"X-API-Key": sandbox.api_key})
        assert apipay.status_code == 401


def test_unknown_payment_and_refund_are_404(xp: httpx.Client, spec: dict[str, Any]) -> None:
    missing = "00000000-0000-0000-0000-000000000000"
    body = assert_answer(spec, "GET", "/payments/{paymentID}", xp.get(f"/payments/{missing}"), 404)
    assert body["error"] == "NOT_FOUND"
    assert_answer(spec, "GET", "/refunds/{refundID}", xp.get(f"/refunds/{missing}"), 404)
    answer = xp.post(f"/payments/{missing}/cancel", json={})
    assert_answer(spec, "POST", "/payments/{paymentID}/cancel", answer, 404)
    answer = xp.post(f"/payments/{missing}/refund", json={"amount": 1})
    assert_answer(spec, "POST", "/payments/{paymentID}/refund", answer, 404)


def test_cancel_only_while_pending(
    sandbox: SandboxHandle, xp: httpx.Client, spec: dict[str, Any]
) -> None:
    payment_id = create(xp, spec)["payment_id"]
    answer = xp.post(f"/payments/{payment_id}/cancel", json={"reason": "Customer left"})
    body = assert_answer(spec, "POST", "/payments/{paymentID}/cancel", answer, 200)
    assert body["status"] == "cancelled" and body["cancel_reason"] == "Customer left"
    assert TIME_RE.fullmatch(body["cancelled_at"])
    again = xp.post(f"/payments/{payment_id}/cancel", json={})
    assert_answer(spec, "POST", "/payments/{paymentID}/cancel", again, 409)
    done = paid(sandbox, xp, spec, 100)
    answer = xp.post(f"/payments/{done}/cancel")
    assert assert_answer(spec, "POST", "/payments/{paymentID}/cancel", answer, 409)["error"]


def test_refunds_are_asynchronous_and_never_above_what_is_left(
    sandbox: SandboxHandle, xp: httpx.Client, spec: dict[str, Any]
) -> None:
    payment_id = paid(sandbox, xp, spec, 1000)
    path = "/payments/{paymentID}/refund"
    first = assert_answer(
        spec, "POST", path, xp.post(f"/payments/{payment_id}/refund", json={"amount": 600}), 202
    )
    assert first["status"] == "pending" and UUID_RE.fullmatch(first["refund_id"])
    assert_money(first["amount"])
    # 600 is still on its way: only 400 is left
    too_much = xp.post(f"/payments/{payment_id}/refund", json={"amount": 400.01})
    assert assert_answer(spec, "POST", path, too_much, 400)["error"] == "VALIDATION_ERROR"
    sandbox.advance(1)
    done = assert_answer(
        spec, "GET", "/refunds/{refundID}", xp.get(f"/refunds/{first['refund_id']}"), 200
    )
    assert done["status"] == "completed" and TIME_RE.fullmatch(done["completed_at"])
    rest = xp.post(f"/payments/{payment_id}/refund", json={"amount": 400, "reason": "Returned"})
    second = assert_answer(spec, "POST", path, rest, 202)
    sandbox.fail_xpayment_refund(second["refund_id"], "Kaspi said no")
    failed = xp.get(f"/refunds/{second['refund_id']}").json()
    assert failed["status"] == "failed" and failed["fail_reason"] == "Kaspi said no"
    # the failed refund gave the money back to what is left
    third = xp.post(f"/payments/{payment_id}/refund", json={"amount": 400})
    assert_answer(spec, "POST", path, third, 202)
    sandbox.advance(1)
    nothing = xp.post(f"/payments/{payment_id}/refund", json={"amount": 1})
    assert assert_answer(spec, "POST", path, nothing, 409)["error"] == "NOT_REFUNDABLE"
    # a refunded payment stays completed
    assert get(xp, spec, payment_id)["status"] == "completed"
    listed = assert_answer(
        spec,
        "GET",
        "/payments/{paymentID}/refunds",
        xp.get(f"/payments/{payment_id}/refunds"),
        200,
    )
    assert [r["status"] for r in listed["data"]] == ["completed", "failed", "completed"]


def test_a_pending_payment_is_not_refundable(xp: httpx.Client, spec: dict[str, Any]) -> None:
    payment_id = create(xp, spec)["payment_id"]
    answer = xp.post(f"/payments/{payment_id}/refund", json={"amount": 1})
    assert_answer(spec, "POST", "/payments/{paymentID}/refund", answer, 409)
    missing = xp.post(f"/payments/{payment_id}/refund", json={})
    assert_answer(spec, "POST", "/payments/{paymentID}/refund", missing, 400)


def test_refund_listing_filters_and_pages(tmp_path: Path, spec: dict[str, Any]) -> None:
    with (
        running_sandbox(tmp_path, xpayment_page_size=2, refund_seconds=30) as sandbox,
        sandbox.xpayment_api() as xp,
    ):
        payment_id = paid(sandbox, xp, spec, 1000)
        other = paid(sandbox, xp, spec, 1000)
        for _ in range(3):
            xp.post(f"/payments/{payment_id}/refund", json={"amount": 10})
        xp.post(f"/payments/{other}/refund", json={"amount": 10})
        seen: list[str] = []
        cursor = ""
        while True:
            answer = xp.get("/refunds", params={"payment_id": payment_id, "cursor": cursor})
            page = assert_answer(spec, "GET", "/refunds", answer, 200)
            seen += [r["refund_id"] for r in page["data"]]
            assert all(r["payment_id"] == payment_id for r in page["data"])
            if not page["has_more"]:
                assert page["next_cursor"] == ""
                break
            cursor = page["next_cursor"]
        assert len(seen) == len(set(seen)) == 3
        pending = xp.get("/refunds", params={"status": "pending"}).json()
        assert pending["data"] and all(r["status"] == "pending" for r in pending["data"])
        sandbox.advance(31)
        assert xp.get("/refunds", params={"status": "pending"}).json()["data"] == []
        bad = xp.get("/refunds", params={"status": "done"})
        # GET /refunds documents no 400; the envelope is still xPayment's
        assert bad.status_code == 400 and bad.json()["error"] == "VALIDATION_ERROR"


def test_payment_listing_filters_and_cursor_pages(tmp_path: Path, spec: dict[str, Any]) -> None:
    with running_sandbox(tmp_path, xpayment_page_size=2) as sandbox, sandbox.xpayment_api() as xp:
        ids = [
            create(xp, spec, 100 + n, merchant_order_id=f"o-{n}")["payment_id"] for n in range(5)
        ]
        sandbox.pay(ids[0])
        seen: list[str] = []
        cursor = None
        while True:
            answer = xp.get("/payments", params={"cursor": cursor} if cursor else {})
            page = assert_answer(spec, "GET", "/payments", answer, 200)
            assert len(page["data"]) <= 2
            seen += [p["payment_id"] for p in page["data"]]
            if not page["has_more"]:
                break
            cursor = page["next_cursor"]
            # a payment made between pages does not shift them
            if len(seen) == 2:
                create(xp, spec, 5)
        assert seen == list(reversed(ids)), "newest first, each once"
        completed = xp.get("/payments", params={"status": "completed"}).json()["data"]
        assert [p["payment_id"] for p in completed] == [ids[0]]
        by_order = xp.get("/payments", params={"merchant_order_id": "o-3"}).json()["data"]
        assert [p["payment_id"] for p in by_order] == [ids[3]]
        by_phone = xp.get("/payments", params={"payer_phone": "+77000000001"}).json()
        assert by_phone["data"] == [] and by_phone["has_more"] is False
        bad = xp.get("/payments", params={"cursor": "not-a-cursor"})
        assert bad.status_code == 400 and bad.json()["error"] == "VALIDATION_ERROR"


def test_a_payment_link_is_our_pay_page(
    sandbox: SandboxHandle, xp: httpx.Client, spec: dict[str, Any]
) -> None:
    answer = xp.post(
        "/payments/link",
        json={"amount": 250.75, "merchant_order_id": "qr-1"},
        headers={"X-Idempotency-Key": "qr-1"},
    )
    link = assert_answer(spec, "POST", "/payments/link", answer, 200)
    assert link["status"] == "QrTokenCreated"
    assert link["qr_token"].startswith(sandbox.root_url + "/pay/")
    assert TIME_RE.fullmatch(link["expire_date"])
    assert link["ext_tran_id"] == f"QR{link['qr_operation_id']}"
    same = xp.post(
        "/payments/link",
        json={"amount": 250.75, "merchant_order_id": "qr-1"},
        headers={"X-Idempotency-Key": "qr-1"},
    ).json()
    assert same == link
    payment = get(xp, spec, link["payment_id"])
    assert payment["status"] == "pending" and payment["amount"] == 250.75
    assert "payer_phone" not in payment
    with httpx.Client(follow_redirects=True, timeout=10) as browser:
        page = browser.get(link["qr_token"], params={"lang": "en"})
        assert page.status_code == 200 and "250.75" in page.text
        token = link["qr_token"].rsplit("/", 1)[1]
        browser.post(f"{sandbox.root_url}/pay/{token}/pay", params={"lang": "en"})
    assert get(xp, spec, link["payment_id"])["status"] == "completed"
    bad = xp.post("/payments/link", json={"merchant_order_id": "x"})
    assert_answer(spec, "POST", "/payments/link", bad, 400)


def test_a_qr_payment_expires_unscanned_and_can_be_cancelled(
    sandbox: SandboxHandle, xp: httpx.Client, spec: dict[str, Any]
) -> None:
    first = xp.post("/payments/link", json={"amount": 10}).json()["payment_id"]
    sandbox.advance(sandbox.config.qr_lifetime_seconds + 1)
    assert get(xp, spec, first)["status"] == "expired"
    second = xp.post("/payments/link", json={"amount": 10}).json()["payment_id"]
    cancelled = xp.post(f"/payments/{second}/cancel", json={"reason": "Changed mind"}).json()
    assert cancelled["status"] == "cancelled"


def test_an_unknown_raw_status_is_answered_as_is(
    sandbox: SandboxHandle, xp: httpx.Client, spec: dict[str, Any]
) -> None:
    payment_id = create(xp, spec)["payment_id"]
    sandbox.set_xpayment_status(payment_id, "on_hold")
    assert get(xp, spec, payment_id)["status"] == "on_hold"
    sandbox.set_xpayment_status(payment_id, None)
    assert get(xp, spec, payment_id)["status"] == "pending"


def test_static_qr_payments_by_order_number(
    sandbox: SandboxHandle, xp: httpx.Client, spec: dict[str, Any]
) -> None:
    made = sandbox.control.post(
        "/xpayment/static-qr-payments", json={"amount": 12, "comment": "Order #45"}
    )
    number = made.json()["order_number"]
    path = "/static-qr-payments/{orderNumber}"
    body = assert_answer(spec, "GET", path, xp.get(f"/static-qr-payments/{number}"), 200)
    assert body["order_number"] == number and body["amount"] == 12
    assert body["kaspi_operation_id"] == int(number[2:])
    assert_answer(spec, "GET", path, xp.get("/static-qr-payments/QR1"), 404)


def test_webhook_simulation_reaches_the_subscriptions(
    sandbox: SandboxHandle, xp: httpx.Client, spec: dict[str, Any]
) -> None:
    listed = xp.get("/webhook-simulate/subscriptions")
    assert assert_answer(spec, "GET", "/webhook-simulate/subscriptions", listed, 200) == {
        "subscriptions": []
    }
    sink = f"{sandbox.root_url}/_sandbox/xpayment/webhook-sink"
    sub = sandbox.control.post(
        "/xpayment/subscriptions", json={"url": sink, "events": ["payment.completed"]}
    ).json()
    dead = sandbox.control.post(
        "/xpayment/subscriptions", json={"url": "http://127.0.0.1:9/hook", "events": ["*"]}
    ).json()
    listed = xp.get("/webhook-simulate/subscriptions")
    subs = assert_answer(spec, "GET", "/webhook-simulate/subscriptions", listed, 200)
    assert {s["id"] for s in subs["subscriptions"]} == {sub["id"], dead["id"]}
    create(xp, spec, 100, merchant_order_id="hooked")
    answer = xp.post(
        "/webhook-simulate", json={"event": "payment.completed", "merchant_order_id": "hooked"}
    )
    results = assert_answer(spec, "POST", "/webhook-simulate", answer, 200)["results"]
    by_sub = {r["subscription_id"]: r for r in results}
    assert by_sub[sub["id"]]["success"] is True
    assert by_sub[dead["id"]]["success"] is False and by_sub[dead["id"]]["error"]
    received = sandbox.control.get("/xpayment/webhook-sink").json()
    assert len(received) == 1
    assert received[0]["body"]["event"] == "payment.completed"
    assert received[0]["body"]["data"]["merchant_order_id"] == "hooked"
    assert received[0]["headers"]["x-webhook-signature"]
    unknown = xp.post(
        "/webhook-simulate", json={"event": "payment.completed", "subscription_id": "nope"}
    )
    assert_answer(spec, "POST", "/webhook-simulate", unknown, 404)
    bad = xp.post("/webhook-simulate", json={"event": "invoice.paid"})
    assert_answer(spec, "POST", "/webhook-simulate", bad, 400)


def test_gate_faults_rate_limit_and_request_log_apply(tmp_path: Path, spec: dict[str, Any]) -> None:
    with (
        running_sandbox(tmp_path, rate_limit_per_minute=3) as sandbox,
        sandbox.xpayment_api() as xp,
    ):
        # the API prefix may be left out of a fault's path, as for ApiPay's /api/v1
        sandbox.inject_fault("error_500", method="GET", path="/payments")
        failed = xp.get("/payments")
        assert assert_answer(spec, "GET", "/payments", failed, 500)["error"] == "INTERNAL_ERROR"
        # a canned fault answers before the limit counts; three more fit in the window
        for _ in range(3):
            assert xp.get("/payments").status_code == 200
        limited = xp.get("/payments")
        assert limited.status_code == 429 and int(limited.headers["Retry-After"]) >= 1
        assert limited.json()["error"] == "RATE_LIMITED"
        # ApiPay's window is its own
        with sandbox.api() as apipay:
            assert apipay.get("/invoices").status_code == 200
        sandbox.advance(61)
        assert xp.get("/payments").status_code == 200
        log = sandbox.requests(path="/xpayment/v1/payments")
        assert [e["status"] for e in log] == [500, 200, 200, 200, 429, 200]
        assert log[0]["fault"] == "error_500"

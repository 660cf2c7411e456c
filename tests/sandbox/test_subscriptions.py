"""Sandbox subscriptions: billing on the sandbox clock, retries, grace, pause/resume/cancel."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.fixtures.contract import assert_matches_schema, assert_matches_spec
from tests.fixtures.sandbox import SandboxHandle, running_sandbox

PHONE = "87011234567"  # a Kaspi client in the sandbox
DAY = 86400
#: Fields the 2.1 spec's text says some subscription webhooks merge into the envelope's root.
ROOT_EXTRAS: dict[str, set[str]] = {
    "subscription.payment_succeeded": {"invoice_id", "amount", "paid_at"},
    "subscription.payment_failed": {"invoice_id", "amount", "reason", "attempt_number"},
    "subscription.grace_period_started": {"grace_period_days", "expires_at"},
}


class Events:
    """Records the ``subscription.*`` events the sandbox emits (what webhooks would carry)."""

    def __init__(self) -> None:
        self.items: list[tuple[str, dict[str, Any]]] = []

    def __call__(self, event: str, body: dict[str, Any]) -> None:
        if event.startswith("subscription."):
            self.items.append((event, body))

    @property
    def names(self) -> list[str]:
        return [name for name, _ in self.items]


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[SandboxHandle]:
    """An empty shop (no demo data)."""
    with running_sandbox(tmp_path / "sandbox", seed_demo_data=False) as handle:
        yield handle


@pytest.fixture
def events(sandbox: SandboxHandle) -> Events:
    recorder = Events()
    sandbox.engine.on_event(recorder)
    return recorder


def subscribe(api: httpx.Client, **fields: Any) -> dict[str, Any]:
    body = {"phone_number": PHONE, "billing_period": "monthly", "amount": 5000, **fields}
    r = api.post("/subscriptions", json=body)
    assert r.status_code == 201, r.text
    sub: dict[str, Any] = r.json()["subscription"]
    return sub


def bills(api: httpx.Client, sub_id: int) -> list[dict[str, Any]]:
    """The subscription's invoices, oldest first."""
    data: list[dict[str, Any]] = api.get(f"/subscriptions/{sub_id}/invoices").json()["data"]
    return list(reversed(data))


def test_created_subscription_issues_its_first_invoice(
    sandbox: SandboxHandle, api: httpx.Client, events: Events, spec_21: dict[str, Any]
) -> None:
    r = api.post(
        "/subscriptions",
        json={
            "phone_number": PHONE,
            "billing_period": "monthly",
            "amount": 5000,
            "subscriber_name": "Айгерим",
            "description": "Кофе по подписке",
            "metadata": {"plan": "gold"},
        },
    )
    assert r.status_code == 201
    assert_matches_spec(spec_21, "post", "/subscriptions", 201, r.json())
    sub = r.json()["subscription"]
    assert sub["status"] == "active" and sub["amount"] == "5000.00"
    assert sub["billing_period_label"] == "Ежемесячно"
    assert sub["metadata"] == {"plan": "gold"}

    [first] = bills(api, sub["id"])
    assert first["status"] == "pending" and first["attempt_number"] == 1
    assert first["amount"] == "5000.00"
    invoice = api.get(f"/invoices/{first['invoice_id']}").json()
    assert invoice["amount"] == "5000.00"
    assert invoice["description"] == "Кофе по подписке"

    sandbox.pay(first["invoice_id"])
    [paid] = bills(api, sub["id"])
    assert paid["status"] == "paid" and paid["paid_at"]
    page = api.get(f"/subscriptions/{sub['id']}/invoices")
    assert_matches_spec(spec_21, "get", "/subscriptions/{id}/invoices", 200, page.json())
    assert page.json()["meta"] == {"current_page": 1, "total": 1, "per_page": 20}

    detail = api.get(f"/subscriptions/{sub['id']}").json()
    assert_matches_spec(spec_21, "get", "/subscriptions/{id}", 200, detail)
    assert detail["stats"] == {
        "total_payments": 1,
        "successful_payments": 1,
        "failed_payments": 0,
        "total_collected": "5000.00",
    }
    assert detail["last_payment"]["status"] == "paid"

    assert events.names == ["subscription.created", "subscription.payment_succeeded"]
    succeeded = events.items[1][1]
    assert succeeded["invoice_id"] == first["invoice_id"]
    assert succeeded["amount"] == "5000.00"
    for event, body in events.items:
        # The spec's text lists each event's extra fields merged into the root; the rest of
        # the envelope must be exactly the documented one.
        extras = ROOT_EXTRAS.get(event, set())
        envelope = {k: v for k, v in body.items() if k not in extras}
        assert_matches_schema(spec_21, "WebhookSubscriptionEvent", envelope)


def test_next_period_is_billed_when_the_clock_reaches_it(
    sandbox: SandboxHandle, api: httpx.Client
) -> None:
    sub = subscribe(api, billing_period="weekly")
    sandbox.pay(bills(api, sub["id"])[0]["invoice_id"])
    sandbox.advance(6 * DAY)
    assert len(bills(api, sub["id"])) == 1
    sandbox.advance(DAY)
    first, second = bills(api, sub["id"])
    assert second["status"] == "pending"
    assert second["billing_period_start"] > first["billing_period_start"]
    # a big jump bills one period, not every period jumped over
    sandbox.pay(second["invoice_id"])
    sandbox.advance(30 * DAY)
    assert len(bills(api, sub["id"])) == 3


def test_failed_payments_retry_then_grace_then_expired(
    sandbox: SandboxHandle, api: httpx.Client, events: Events, spec_21: dict[str, Any]
) -> None:
    sub = subscribe(api, max_retry_attempts=2, retry_interval_hours=1, grace_period_days=2)
    first = bills(api, sub["id"])[0]
    sandbox.expire(first["invoice_id"])
    state = api.get(f"/subscriptions/{sub['id']}").json()
    assert state["failed_attempts"] == 1 and state["in_grace_period"] is False
    assert bills(api, sub["id"])[0]["failure_reason"] == "Invoice expired"

    sandbox.advance(3600)  # the retry comes after retry_interval_hours
    retry = bills(api, sub["id"])[1]
    assert retry["attempt_number"] == 2 and retry["status"] == "pending"
    sandbox.decline(retry["invoice_id"])
    state = api.get(f"/subscriptions/{sub['id']}").json()
    assert state["failed_attempts"] == 2
    assert state["in_grace_period"] is True
    assert state["status"] == "active"

    sandbox.advance(2 * DAY)
    state = api.get(f"/subscriptions/{sub['id']}").json()
    assert state["status"] == "expired"
    assert state["next_billing_at"] is None
    assert events.names == [
        "subscription.created",
        "subscription.payment_failed",
        "subscription.payment_failed",
        "subscription.grace_period_started",
        "subscription.expired",
    ]
    failed = [body for name, body in events.items if name == "subscription.payment_failed"]
    assert [f["attempt_number"] for f in failed] == [1, 2]
    assert [f["reason"] for f in failed] == ["Invoice expired", "Invoice cancelled"]
    grace = events.items[3][1]
    assert grace["grace_period_days"] == 2 and grace["expires_at"]
    assert_matches_schema(spec_21, "WebhookSubscriptionEvent", events.items[4][1])


def test_unpaid_invoice_expires_by_itself(sandbox: SandboxHandle, api: httpx.Client) -> None:
    sub = subscribe(api)
    sandbox.advance(sandbox.config.invoice_lifetime_seconds + 1)
    [first] = bills(api, sub["id"])
    assert first["status"] == "failed"
    assert api.get(f"/subscriptions/{sub['id']}").json()["failed_attempts"] == 1


def test_payment_during_grace_clears_it(sandbox: SandboxHandle, api: httpx.Client) -> None:
    sub = subscribe(api, billing_period="daily", max_retry_attempts=1, grace_period_days=3)
    sandbox.expire(bills(api, sub["id"])[0]["invoice_id"])
    assert api.get(f"/subscriptions/{sub['id']}").json()["in_grace_period"] is True
    sandbox.advance(DAY)  # the next day's invoice is issued during the grace period
    sandbox.pay(bills(api, sub["id"])[-1]["invoice_id"])
    state = api.get(f"/subscriptions/{sub['id']}").json()
    assert state["in_grace_period"] is False and state["failed_attempts"] == 0
    sandbox.advance(3 * DAY)
    assert api.get(f"/subscriptions/{sub['id']}").json()["status"] == "active"


def test_pause_resume_cancel(
    sandbox: SandboxHandle, api: httpx.Client, events: Events, spec_21: dict[str, Any]
) -> None:
    sub = subscribe(api, billing_period="daily")
    sandbox.pay(bills(api, sub["id"])[0]["invoice_id"])

    r = api.post(f"/subscriptions/{sub['id']}/pause")
    assert r.status_code == 200
    assert_matches_spec(spec_21, "post", "/subscriptions/{id}/pause", 200, r.json())
    assert r.json()["subscription"]["status"] == "paused"
    assert r.json()["subscription"]["paused_at"]
    assert api.post(f"/subscriptions/{sub['id']}/pause").status_code == 400

    sandbox.advance(5 * DAY)  # nothing is billed while paused
    assert len(bills(api, sub["id"])) == 1

    r = api.post(f"/subscriptions/{sub['id']}/resume")
    assert_matches_spec(spec_21, "post", "/subscriptions/{id}/resume", 200, r.json())
    resumed = r.json()["subscription"]
    assert resumed["status"] == "active"
    now = sandbox.control.get("/clock").json()["now"]
    assert resumed["next_billing_at"] >= now  # missed days are not billed retroactively
    assert len(bills(api, sub["id"])) == 1
    assert api.post(f"/subscriptions/{sub['id']}/resume").status_code == 400

    r = api.post(f"/subscriptions/{sub['id']}/cancel")
    assert_matches_spec(spec_21, "post", "/subscriptions/{id}/cancel", 200, r.json())
    assert r.json()["subscription"]["status"] == "cancelled"
    assert r.json()["subscription"]["next_billing_at"] is None
    assert api.post(f"/subscriptions/{sub['id']}/cancel").status_code == 400
    assert api.post(f"/subscriptions/{sub['id']}/resume").status_code == 400
    sandbox.advance(3 * DAY)
    assert len(bills(api, sub["id"])) == 1
    assert events.names[-3:] == [
        "subscription.paused",
        "subscription.resumed",
        "subscription.cancelled",
    ]


def test_list_filters_and_paginates(api: httpx.Client, spec_21: dict[str, Any]) -> None:
    for n in range(3):
        subscribe(api, external_subscriber_id=f"C-{n}")
    other = subscribe(api, phone_number="87019998877")
    api.post(f"/subscriptions/{other['id']}/pause")
    r = api.get("/subscriptions", params={"per_page": 2})
    assert_matches_spec(spec_21, "get", "/subscriptions", 200, r.json())
    assert r.json()["meta"]["total"] == 4 and r.json()["meta"]["last_page"] == 2
    assert r.json()["data"][0]["id"] == other["id"]  # newest first
    paused = api.get("/subscriptions", params={"status": "paused"}).json()["data"]
    assert [s["id"] for s in paused] == [other["id"]]
    one = api.get("/subscriptions", params={"external_subscriber_id": "C-1"}).json()["data"]
    assert [s["external_subscriber_id"] for s in one] == ["C-1"]
    assert api.get("/subscriptions", params={"phone_number": PHONE}).json()["meta"]["total"] == 3


def test_update_changes_amount_and_retry_settings(
    api: httpx.Client, spec_21: dict[str, Any]
) -> None:
    sub = subscribe(api)
    r = api.put(
        f"/subscriptions/{sub['id']}",
        json={"amount": 7500, "max_retry_attempts": 5, "billing_day": 15},
    )
    assert r.status_code == 200
    assert_matches_spec(spec_21, "put", "/subscriptions/{id}", 200, r.json())
    changed = r.json()["subscription"]
    assert changed["amount"] == "7500.00"
    assert changed["max_retry_attempts"] == 5
    assert changed["billing_day"] == 15
    bad = api.put(f"/subscriptions/{sub['id']}", json={"amount": 50})
    assert bad.status_code == 422
    assert_matches_spec(spec_21, "put", "/subscriptions/{id}", 422, bad.json())


def test_cart_subscription_is_priced_from_the_catalog(
    sandbox: SandboxHandle, api: httpx.Client
) -> None:
    created = api.post(
        "/catalog",
        json={"items": [{"name": "Молоко 1 л / Сүт 1 л", "selling_price": 550, "unit_id": 3}]},
    ).json()["data"][0]
    sandbox.advance(1)
    sub = subscribe(api, amount=None, cart_items=[{"catalog_item_id": created["id"], "count": 4}])
    assert sub["amount"] == "2200.00"
    assert sub["cart_items"][0]["count"] == 4
    invoice = api.get(f"/invoices/{bills(api, sub['id'])[0]['invoice_id']}").json()
    assert invoice["amount"] == "2200.00"
    assert [i["name"] for i in invoice["items"]] == ["Молоко 1 л / Сүт 1 л"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (
            {"phone_number": "+77011234567", "billing_period": "monthly", "amount": 5000},
            "phone_number",
        ),
        ({"phone_number": PHONE, "billing_period": "hourly", "amount": 5000}, "billing_period"),
        ({"phone_number": PHONE, "billing_period": "monthly"}, "amount"),
        ({"phone_number": PHONE, "billing_period": "monthly", "amount": 99}, "amount"),
        (
            {"phone_number": PHONE, "billing_period": "monthly", "amount": 500, "billing_day": 31},
            "billing_day",
        ),
        (
            {
                "phone_number": PHONE,
                "billing_period": "monthly",
                "cart_items": [{"catalog_item_id": 404, "count": 1}],
            },
            "cart_items.0.catalog_item_id",
        ),
    ],
)
def test_invalid_requests_are_422(
    api: httpx.Client, spec_21: dict[str, Any], body: dict[str, Any], field: str
) -> None:
    r = api.post("/subscriptions", json=body)
    assert r.status_code == 422
    assert_matches_spec(spec_21, "post", "/subscriptions", 422, r.json())
    assert field in r.json()["errors"]


def test_unknown_subscription_is_404(api: httpx.Client) -> None:
    for method, path in [
        ("GET", "/subscriptions/999"),
        ("PUT", "/subscriptions/999"),
        ("POST", "/subscriptions/999/pause"),
        ("POST", "/subscriptions/999/resume"),
        ("POST", "/subscriptions/999/cancel"),
        ("GET", "/subscriptions/999/invoices"),
    ]:
        assert api.request(method, path, json={}).status_code == 404, path


def test_future_start_bills_on_that_day(sandbox: SandboxHandle, api: httpx.Client) -> None:
    start = sandbox.engine.clock.now().date() + timedelta(days=3)
    sub = subscribe(api, started_at=start.isoformat())
    assert bills(api, sub["id"]) == []
    sandbox.advance(3 * DAY)
    assert len(bills(api, sub["id"])) == 1


def test_control_pay_and_fail_shortcuts(sandbox: SandboxHandle, api: httpx.Client) -> None:
    sub = subscribe(api, billing_period="daily")
    r = sandbox.control.post(f"/subscriptions/{sub['id']}/pay")
    assert r.status_code == 200 and r.json()["invoice"]["status"] == "paid"
    assert sandbox.control.post(f"/subscriptions/{sub['id']}/pay").status_code == 409
    sandbox.advance(DAY)
    r = sandbox.control.post(f"/subscriptions/{sub['id']}/fail")
    assert r.json()["invoice"]["status"] == "failed"
    assert r.json()["subscription"]["failed_attempts"] == 1


def test_demo_mode_auto_pays_subscription_invoices(tmp_path: Path) -> None:
    with (
        running_sandbox(tmp_path, seed_demo_data=False, auto_pay_after_seconds=2) as handle,
        handle.api() as api,
    ):
        sub = subscribe(api)
        handle.advance(3)
        assert bills(api, sub["id"])[0]["status"] == "paid"

"""Sandbox webhooks: signed deliveries to an independent receiver, retries, the delivery log."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from tests.fixtures.contract import assert_matches_schema, assert_matches_spec
from tests.fixtures.sandbox import SandboxHandle, running_sandbox

SECRET = "whsec-test-0123"
WAIT_SECONDS = 20.0  # generous upper bound for a shared 2-core machine; not a timing assertion


class Receiver:
    """A tiny HTTP server on 127.0.0.1 that records what it gets and checks the signature."""

    def __init__(self, secret: str) -> None:
        self.secret = secret
        self.received: list[dict[str, Any]] = []
        self.fail_next = 0  # answer 500 to this many requests first
        self.lock = threading.Lock()
        self.arrived = threading.Condition(self.lock)
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                raw = self.rfile.read(int(self.headers["Content-Length"]))
                expected = "sha256=" + hmac.new(secret.encode(), raw, hashlib.sha256).hexdigest()
                given = self.headers.get("X-Webhook-Signature", "")
                with receiver.lock:
                    failing = receiver.fail_next > 0
                    receiver.fail_next -= 1 if failing else 0
                    receiver.received.append(
                        {
                            "raw": raw,
                            "body": json.loads(raw),
                            "signature_ok": hmac.compare_digest(expected, given),
                            "answered": 500 if failing else 200,
                        }
                    )
                    receiver.arrived.notify_all()
                self.send_response(500 if failing else 200)
                self.end_headers()
                self.wfile.write(b"oops" if failing else b"ok")

            def log_message(self, *args: Any) -> None:  # keep test output clean
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def wait_for(self, count: int) -> list[dict[str, Any]]:
        """Block until ``count`` requests arrived (fails after a generous bound)."""
        deadline = time.monotonic() + WAIT_SECONDS
        with self.arrived:
            while len(self.received) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    pytest.fail(f"expected {count} webhook requests, got {len(self.received)}")
                self.arrived.wait(left)
            return list(self.received)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    r = Receiver(SECRET)
    try:
        yield r
    finally:
        r.close()


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[SandboxHandle]:
    """An empty shop (no demo data)."""
    with running_sandbox(tmp_path / "sandbox", seed_demo_data=False) as handle:
        yield handle


def configure(sandbox: SandboxHandle, url: str, **extra: Any) -> dict[str, Any]:
    r = sandbox.control.post("/webhooks", json={"url": url, "secret": SECRET, **extra})
    r.raise_for_status()
    data: dict[str, Any] = r.json()
    return data


def deliveries(sandbox: SandboxHandle, count: int) -> list[dict[str, Any]]:
    """The delivery log once it holds ``count`` attempts (logged right after each answer)."""
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        log: list[dict[str, Any]] = sandbox.control.get("/webhooks/deliveries").json()
        if len(log) >= count or time.monotonic() > deadline:
            return log
        time.sleep(0.02)


def test_settings_never_show_the_secret(sandbox: SandboxHandle, receiver: Receiver) -> None:
    shown = configure(sandbox, receiver.url)
    assert shown["url"] == receiver.url
    assert shown["secret_set"] is True
    assert SECRET not in json.dumps(shown)
    assert SECRET not in sandbox.control.get("/webhooks").text


def test_test_event_arrives_signed(
    sandbox: SandboxHandle, receiver: Receiver, spec_21: dict[str, Any]
) -> None:
    configure(sandbox, receiver.url)
    sandbox.control.post("/webhooks/test").raise_for_status()
    [got] = receiver.wait_for(1)
    assert got["signature_ok"], "the HMAC-SHA256 of the raw body must match"
    assert got["body"]["event"] == "webhook.test"
    assert_matches_schema(spec_21, "WebhookTest", got["body"])


def test_catalog_item_sync_is_announced(
    sandbox: SandboxHandle, receiver: Receiver, spec_21: dict[str, Any]
) -> None:
    configure(sandbox, receiver.url)
    with sandbox.api() as api:
        api.post(
            "/catalog",
            json={"items": [{"name": "Айран 1 л", "selling_price": 650, "unit_id": 3}]},
        )
        sandbox.engine.clock.advance(5)
        api.get("/catalog")  # any request moves time-driven state forward
    [got] = receiver.wait_for(1)
    assert got["signature_ok"]
    assert got["body"]["event"] == "catalog.item_processed"
    assert got["body"]["catalog_item"]["status"] == "active"
    assert_matches_schema(spec_21, "WebhookCatalogItemProcessed", got["body"])


def test_failed_delivery_is_retried_and_logged(
    sandbox: SandboxHandle, receiver: Receiver, spec_21: dict[str, Any]
) -> None:
    configure(sandbox, receiver.url, backoff_seconds=0.05, max_attempts=4)
    receiver.fail_next = 2
    sandbox.control.post("/webhooks/test").raise_for_status()
    got = receiver.wait_for(3)
    assert [g["answered"] for g in got] == [500, 500, 200]
    assert len({g["raw"] for g in got}) == 1, "a retry sends the very same signed body"
    assert all(g["signature_ok"] for g in got)

    log = deliveries(sandbox, 3)
    assert [e["status"] for e in log] == ["failed", "failed", "success"]
    assert [e["response_status"] for e in log] == [500, 500, 200]
    assert log[0]["retry_of"] is None
    assert log[1]["retry_of"] == log[2]["retry_of"] == log[0]["id"]
    with sandbox.api() as api:
        page = api.get("/webhook-logs", params={"status": "failed"})
        assert_matches_spec(spec_21, "get", "/webhook-logs", 200, page.json())
        assert page.json()["total"] == 2
        one = api.get(f"/webhook-logs/{log[2]['id']}")
        assert_matches_spec(spec_21, "get", "/webhook-logs/{id}", 200, one.json())
        assert one.json()["response_status"] == 200


def test_retries_are_bounded(sandbox: SandboxHandle, receiver: Receiver) -> None:
    configure(sandbox, receiver.url, backoff_seconds=0.02, max_attempts=3)
    receiver.fail_next = 100
    sandbox.control.post("/webhooks/test").raise_for_status()
    receiver.wait_for(3)
    log = deliveries(sandbox, 3)
    assert [e["attempt"] for e in log] == [1, 2, 3]
    assert all(e["status"] == "failed" for e in log)
    # after the last attempt nothing more is sent (a later event is the only next request)
    sandbox.control.post("/webhooks/test").raise_for_status()
    got = receiver.wait_for(4)
    assert len(got) == 4


def test_unreachable_receiver_does_not_block_the_api(sandbox: SandboxHandle) -> None:
    # nothing listens on this port: each attempt fails at once, requests still answer
    configure(sandbox, "http://127.0.0.1:9/hook", backoff_seconds=0.05, max_attempts=2)
    sandbox.control.post("/webhooks/test").raise_for_status()
    with sandbox.api() as api:
        assert api.get("/catalog/units").status_code == 200
    log = deliveries(sandbox, 2)
    assert [e["status"] for e in log] == ["failed", "failed"]
    assert log[0]["response_status"] is None and log[0]["error_message"]


def test_without_a_url_nothing_is_sent(sandbox: SandboxHandle, receiver: Receiver) -> None:
    configure(sandbox, receiver.url)
    sandbox.control.delete("/webhooks").raise_for_status()
    sandbox.control.post("/webhooks/test").raise_for_status()
    with sandbox.api() as api:
        api.get("/catalog/units")
    assert sandbox.control.get("/webhooks/deliveries").json() == []
    assert receiver.received == []


def test_events_emitted_by_other_modules_are_delivered_unchanged(
    sandbox: SandboxHandle, receiver: Receiver
) -> None:
    configure(sandbox, receiver.url)
    body = {
        "event": "invoice.status_changed",
        "invoice": {"id": 7, "amount": "1500.00", "status": "paid", "is_sandbox": True},
        "source": "sandbox",
        "timestamp": "2026-01-01T10:00:00+00:00",
    }
    sandbox.engine.emit("invoice.status_changed", body)  # from the test thread, off the loop
    sandbox.engine.emit("internal.something", {"x": 1})  # not a spec event: never sent
    with sandbox.api() as api:
        api.get("/catalog/units")
    [got] = receiver.wait_for(1)
    assert got["body"] == body
    assert got["signature_ok"]
    assert deliveries(sandbox, 1)[0]["invoice_id"] == 7

"""Fixtures of the history tests: a sandbox without demo data, a seeded catalog, sales.

Every sale here is made through the sandbox's own API (create, then the customer pays through
the control API), so each test knows exactly what the provider holds.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from pos_app.app import Application, AppOptions, build_application
from pos_app.payments.apipay import ApiPayProvider, apipay_settings
from pos_app.payments.transport import RetryPolicy
from tests.fixtures.sandbox import SandboxHandle, make_sandbox

#: Catalog items the tests sell: (name, price, unit_id).
ITEMS: tuple[tuple[str, str, int], ...] = (
    ("Қымыз", "1500.00", 3),
    ("Бауырсақ", "250.00", 1),
    ("Капучино", "1200.00", 1),
)

#: A hang detector, not a timing assertion: the machine is shared.
WAIT_SECONDS = 30.0
QUICK_RETRY = RetryPolicy(max_attempts=4, base_delay=0.01, max_delay=0.05)


def wait_for(predicate: Any, what: str, timeout: float = WAIT_SECONDS) -> Any:
    """Poll ``predicate`` until it returns something truthy (no timing is asserted)."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)


@dataclass
class Shop:
    """A sandbox with a known catalog, and helpers to make sales on it."""

    sandbox: SandboxHandle
    items: dict[str, int]

    def api(self) -> httpx.Client:
        """A keyed client for the sandbox API."""
        return self.sandbox.api()

    def sell(
        self,
        *,
        amount: str | None = None,
        cart: list[tuple[str, int]] | None = None,
        discount: int | None = None,
        phone: str = "87001234567",
        description: str = "Test sale",
        order_id: str | None = None,
        pay: bool = True,
    ) -> int:
        """Create an invoice (by amount or catalog items) and, unless told not to, pay it."""
        body: dict[str, Any] = {"phone_number": phone, "description": description}
        if cart:
            body["cart_items"] = [
                {"catalog_item_id": self.items[name], "count": count} for name, count in cart
            ]
            if discount:
                body["discount_percentage"] = discount
        else:
            body["amount"] = float(amount or "1000")
        if order_id:
            body["external_order_id"] = order_id
        with self.api() as api:
            created = api.post("/invoices", json=body)
            assert created.status_code == 201, created.text
            invoice_id = int(created.json()["id"])
        if pay:

            def paid() -> bool:
                r = self.sandbox.control.post(f"/invoices/{invoice_id}/pay")
                return r.status_code < 400

            wait_for(paid, f"invoice {invoice_id} paid")
        return invoice_id

    def invoice(self, invoice_id: int) -> dict[str, Any]:
        """The invoice as the API gives it."""
        with self.api() as api:
            data: dict[str, Any] = api.get(f"/invoices/{invoice_id}").json()
        return data

    def refund_posts(self) -> list[dict[str, Any]]:
        """Every refund request the API received."""
        return [r for r in self.sandbox.requests(method="POST") if r["path"].endswith("/refund")]


def seed_catalog(sandbox: SandboxHandle) -> dict[str, int]:
    """Put :data:`ITEMS` in the sandbox's catalog and wait until they are active."""
    with sandbox.api() as api:
        items = [
            {"name": name, "selling_price": price, "unit_id": unit} for name, price, unit in ITEMS
        ]
        created = api.post("/catalog", json={"items": items})
        assert created.status_code in (200, 201, 202), created.text
        sandbox.advance(5)  # queued items activate after catalog_sync_seconds (sandbox clock)

        def listed() -> list[dict[str, Any]] | None:
            rows: list[dict[str, Any]] = api.get("/catalog", params={"per_page": 100}).json()[
                "data"
            ]
            active = {r["name"] for r in rows if r.get("status", "active") == "active"}
            return rows if all(name in active for name, _, _ in ITEMS) else None

        rows = wait_for(listed, "catalog items active")
    return {r["name"]: int(r["id"]) for r in rows}


def open_shop(path: Path, **overrides: Any) -> Iterator[Shop]:
    """A sandbox without demo data plus the catalog (a generator for fixtures)."""
    server = make_sandbox(path, seed_demo_data=False, **overrides)
    handle = SandboxHandle(server)
    try:
        yield Shop(handle, seed_catalog(handle))
    finally:
        handle.close()
        server.stop()


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[SandboxHandle]:
    """Overrides the shared fixture: no demo data, so every sale is one the test made.

    ``app_instance`` builds the app against this sandbox too.
    """
    server = make_sandbox(tmp_path / "sandbox", seed_demo_data=False)
    handle = SandboxHandle(server)
    try:
        yield handle
    finally:
        handle.close()
        server.stop()


@pytest.fixture
def shop(sandbox: SandboxHandle) -> Shop:
    """The test's sandbox (no demo data) with :data:`ITEMS` in its catalog."""
    return Shop(sandbox, seed_catalog(sandbox))


@pytest.fixture
def slow_refund_shop(tmp_path: Path) -> Iterator[Shop]:
    """Like ``shop``, but refunds stay pending until the test completes or fails them."""
    yield from open_shop(tmp_path / "slow-sandbox", refund_seconds=3600.0)


def make_provider(sandbox: SandboxHandle) -> ApiPayProvider:
    """An ApiPay client for the sandbox with generous limits and quick read retries."""
    return ApiPayProvider(
        apipay_settings(
            sandbox.api_key,
            base_url=sandbox.base_url,
            rate_limit_per_minute=100_000,
            retry=QUICK_RETRY,
        )
    )


@pytest.fixture
def app_in(
    tmp_path: Path,
    sandbox: SandboxHandle,
    memory_keyring: Any,
    run_async: Callable[..., Any],
) -> Iterator[Callable[[str], Application]]:
    """``app_in(language)``: the whole app in that language against the test's sandbox."""
    built: list[Application] = []

    def build(language: str) -> Application:
        app = build_application(
            AppOptions(
                data_dir=tmp_path / f"data-{language}",
                base_url=sandbox.base_url,
                api_key=sandbox.api_key,
                keyring_backend=memory_keyring,
                environ={},
                show_welcome=False,
                network_check_seconds=3600,
                language=language,
            )
        )
        built.append(app)
        app.show()
        return app

    yield build
    for app in built:
        if not app.is_shut_down:
            run_async(app.shutdown())


@pytest.fixture
def ru_app(app_in: Callable[[str], Application]) -> Application:
    """The whole app in Russian against the test's sandbox."""
    return app_in("ru")

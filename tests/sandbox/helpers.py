"""Small shortcuts for the sandbox tests (real HTTP against the ``sandbox`` fixture)."""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

import httpx

from tests.fixtures.sandbox import SandboxHandle


def unique(prefix: str = "t") -> str:
    """A value no demo-data row contains (for ``search`` and idempotency keys)."""
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


def create_invoice(api: httpx.Client, **fields: Any) -> dict[str, Any]:
    """POST /invoices with sensible defaults; asserts 201 and returns the body."""
    body: dict[str, Any] = {"phone_number": "87001234567", "amount": 1500}
    body.update(fields)
    r = api.post("/invoices", json=body)
    assert r.status_code == 201, r.text
    data: dict[str, Any] = r.json()
    return data


def wait_pending(sandbox: SandboxHandle, api: httpx.Client, invoice_id: int) -> dict[str, Any]:
    """Move past the processing moment on the sandbox clock and read the invoice."""
    sandbox.advance(1)
    data: dict[str, Any] = api.get(f"/invoices/{invoice_id}").json()
    return data


def paid_invoice(sandbox: SandboxHandle, api: httpx.Client, **fields: Any) -> dict[str, Any]:
    """A phone invoice the customer has paid."""
    created = create_invoice(api, **fields)
    sandbox.pay(created["id"])
    data: dict[str, Any] = api.get(f"/invoices/{created['id']}").json()
    assert data["status"] == "paid"
    return data


def add_catalog_item(sandbox: SandboxHandle, name: str, price: str) -> int:
    """Put an active item into the sandbox catalog (the catalog module's demo-data helper)."""
    from pos_app.sandbox import catalog

    return catalog.insert_item(sandbox.engine, name=name, price=Decimal(price), unit_id=1)

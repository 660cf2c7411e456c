"""Sandbox settings: one dataclass, shared by the embedded server, the CLI and the tests."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DEFAULT_API_KEY = "sandbox-demo-key"
DEFAULT_XPAYMENT_API_KEY = "sandbox-xpayment-device-key"


@dataclass
class SandboxConfig:
    """How a sandbox instance behaves.

    Times are in seconds of the sandbox clock (which tests can advance through the control API).
    """

    data_dir: Path
    api_key: str = DEFAULT_API_KEY
    shop_name: str = "Demo Coffee"
    rate_limit_per_minute: int = 60
    processing_seconds: float = 0.3
    invoice_lifetime_seconds: float = 600.0
    qr_lifetime_seconds: float = 300.0
    refund_seconds: float = 0.5
    catalog_sync_seconds: float = 1.0
    auto_pay_after_seconds: float | None = None
    organization_auto_verify_seconds: float | None = None
    seed_demo_data: bool = True
    #: The URL the customer's phone reaches the sandbox at (QR codes point there). ``None`` means
    #: the server's own root URL.
    public_url: str | None = None
    #: The xPayment device key (``Authorization: Bearer …`` under ``/xpayment/v1``).
    xpayment_api_key: str = DEFAULT_XPAYMENT_API_KEY
    #: Items per xPayment cursor page (the spec names no page size; tests make it small).
    xpayment_page_size: int = 20

    def __repr__(self) -> str:  # the key stays out of logs even for the sandbox
        return f"SandboxConfig(data_dir={self.data_dir!r}, shop_name={self.shop_name!r})"

"""``pos-app-sandbox``: run the sandbox server standalone."""

from __future__ import annotations

import argparse
import logging
from collections.abc import Sequence
from pathlib import Path

import uvicorn

from pos_app.sandbox.config import DEFAULT_API_KEY, SandboxConfig
from pos_app.sandbox.server import create_app


def build_parser() -> argparse.ArgumentParser:
    """The command line of ``pos-app-sandbox``."""
    p = argparse.ArgumentParser(
        prog="pos-app-sandbox",
        description="A local ApiPay.kz-compatible server for demos and tests",
    )
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8787, help="port (default 8787)")
    p.add_argument("--data-dir", type=Path, default=Path("sandbox-data"), help="state folder")
    p.add_argument("--api-key", default=DEFAULT_API_KEY, help="the key clients must send")
    p.add_argument("--shop-name", default="Demo Coffee", help="shown on the customer's page")
    p.add_argument("--rate-limit", type=int, default=60, help="requests per minute per key")
    p.add_argument("--invoice-lifetime", type=float, default=600.0, help="seconds until expiry")
    p.add_argument(
        "--auto-pay",
        type=float,
        default=None,
        metavar="SECONDS",
        help="pay every invoice automatically after this many seconds",
    )
    p.add_argument(
        "--public-url",
        default=None,
        help="URL a phone on the same network uses to reach this server (QR codes)",
    )
    p.add_argument("--no-demo-data", action="store_true", help="start with an empty shop")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run until interrupted."""
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    config = SandboxConfig(
        data_dir=args.data_dir,
        api_key=args.api_key,
        shop_name=args.shop_name,
        rate_limit_per_minute=args.rate_limit,
        invoice_lifetime_seconds=args.invoice_lifetime,
        auto_pay_after_seconds=args.auto_pay,
        public_url=args.public_url,
        seed_demo_data=not args.no_demo_data,
    )
    app, engine = create_app(config)
    engine.root_url = f"http://{args.host}:{args.port}"
    print(f"sandbox API at {engine.root_url}/api/v1 (X-API-Key: {args.api_key})", flush=True)
    uvicorn.run(app, host=args.host, port=args.port, log_level="info")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

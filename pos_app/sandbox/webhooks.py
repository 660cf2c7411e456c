"""Sandbox webhooks: signed POSTs of the spec's events to a configured URL, with retries.

Every module announces what happened through ``engine.emit(event, body)`` with the exact 2.1
webhook body. This module listens and, when a URL is configured (control API
``POST /_sandbox/webhooks {"url", "secret"}``), POSTs the body to it with
``X-Webhook-Signature: sha256=<hex HMAC-SHA256(raw body, secret)>`` (no header without a
secret, as the spec says).

Deliveries never block request handling: each one is an ``asyncio`` task on the server's loop
with its own ``httpx.AsyncClient``. A failed attempt (network error or non-2xx answer) is
retried with a doubling pause (``backoff_seconds``, real time, short for tests) up to
``max_attempts`` in total. Every attempt is logged in the shape of the spec's
``WebhookLogEntry`` (``GET /_sandbox/webhooks/deliveries``, and ``GET /api/v1/webhook-logs``
as the production API offers it).
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
import time
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import httpx
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from pos_app.sandbox.catalog import json_answer, read_json, ts
from pos_app.sandbox.clock import iso
from pos_app.sandbox.engine import SandboxEngine
from pos_app.sandbox.http import validation_error

log = logging.getLogger(__name__)

#: The events of the 2.1 spec's ``x-webhooks`` section; anything else emitted stays internal.
SPEC_EVENTS = frozenset(
    {
        "invoice.status_changed",
        "invoice.qr_scanned",
        "invoice.refunded",
        "qr_refund.identified",
        "qr_refund.completed",
        "qr_refund.expired",
        "catalog.item_processed",
        "catalog.batch_processed",
        "receipt.issued",
        "receipt.failed",
        "subscription.created",
        "subscription.payment_succeeded",
        "subscription.payment_failed",
        "subscription.grace_period_started",
        "subscription.expired",
        "subscription.paused",
        "subscription.resumed",
        "subscription.cancelled",
        "webhook.test",
    }
)

DEFAULT_MAX_ATTEMPTS = 4  # the first try and three retries, as the spec says for catalog events
DEFAULT_BACKOFF_SECONDS = 1.0
DEFAULT_TIMEOUT_SECONDS = 5.0  # the spec asks receivers to answer within 5 s
RESPONSE_BODY_LIMIT = 4096
SOURCE_NAME = "Sandbox key"

SCHEMA = """
CREATE TABLE IF NOT EXISTS webhook_settings (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    url TEXT,
    secret TEXT,
    max_attempts INTEGER NOT NULL,
    backoff_seconds REAL NOT NULL,
    timeout_seconds REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS webhook_deliveries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    event TEXT,
    invoice_id INTEGER,
    url TEXT NOT NULL,
    request_body TEXT NOT NULL,
    signature TEXT,
    response_status INTEGER,
    response_body TEXT,
    status TEXT NOT NULL,
    response_time_ms INTEGER,
    error_message TEXT,
    attempt INTEGER NOT NULL,
    retry_of INTEGER,
    created_at REAL NOT NULL
);
"""


def sign(body: bytes, secret: str) -> str:
    """The ``X-Webhook-Signature`` value for a raw body: ``sha256=<hex>``."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def encode_body(payload: dict[str, Any]) -> bytes:
    """The raw JSON body sent (and signed): UTF-8, compact, ``Decimal`` as a JSON number."""
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), default=_decimal)
    return text.encode("utf-8")


def _decimal(value: Any) -> Any:
    if isinstance(value, Decimal):  # money in webhook bodies is a string ("15000.00") anyway
        return str(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


@dataclass
class _Settings:
    url: str
    secret: str
    max_attempts: int
    backoff_seconds: float
    timeout_seconds: float


@dataclass
class _Job:
    event: str
    body: bytes
    invoice_id: int | None
    settings: _Settings


@dataclass
class _State:
    loop: asyncio.AbstractEventLoop | None = None
    tasks: set[asyncio.Task[None]] = field(default_factory=set)
    waiting: list[_Job] = field(default_factory=list)  # emitted off the loop, started by tick


def install(engine: SandboxEngine) -> list[BaseRoute]:
    """Create the tables, listen to events and return the control and log routes."""
    engine.store.script(SCHEMA)
    state = _State()

    def settings() -> _Settings | None:
        row = engine.store.one("SELECT * FROM webhook_settings WHERE id = 1")
        if row is None or not row["url"]:
            return None
        return _Settings(
            url=row["url"],
            secret=row["secret"] or "",
            max_attempts=int(row["max_attempts"]),
            backoff_seconds=float(row["backoff_seconds"]),
            timeout_seconds=float(row["timeout_seconds"]),
        )

    def reset() -> None:
        for task in list(state.tasks):
            task.cancel()
        state.waiting.clear()
        engine.store.clear("webhook_settings", "webhook_deliveries")

    engine.on_reset(reset)

    def start(job: _Job) -> None:
        """Run one delivery as a task on the server loop (we are on that loop)."""
        task = asyncio.get_running_loop().create_task(_deliver(engine, job))
        state.tasks.add(task)
        task.add_done_callback(state.tasks.discard)

    def listener(event: str, payload: dict[str, Any]) -> None:
        if event not in SPEC_EVENTS:
            return
        current = settings()
        if current is None:
            return
        job = _Job(event, encode_body(payload), _invoice_id(payload), current)
        server_loop = engine.loop or state.loop
        try:
            running: asyncio.AbstractEventLoop | None = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        # Compare with the SERVER's loop: the emitting thread may run a loop of its own (a GUI
        # test's qasync loop counts as running on the main thread) that would never deliver.
        if server_loop is not None and running is server_loop:
            start(job)
        elif server_loop is not None:
            server_loop.call_soon_threadsafe(start, job)
        else:  # the server has not started yet: its first tick starts the job
            state.waiting.append(job)

    engine.on_event(listener)

    def ticker() -> None:
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            return
        if engine.loop is not None and running is not engine.loop:
            return  # a tick from another thread's loop must not adopt that loop
        state.loop = running
        while state.waiting:
            start(state.waiting.pop(0))

    engine.add_ticker(ticker)

    async def configure(request: Request) -> Response:
        """``POST /_sandbox/webhooks {url, secret, max_attempts?, backoff_seconds?, …}``."""
        body, error = await read_json(request)
        if error is not None or body is None:
            return error or validation_error({"body": ["Invalid body."]})
        url = body.get("url")
        if url is not None and not (
            isinstance(url, str) and url.startswith(("http://", "https://"))
        ):
            return validation_error({"url": ["The url must be an http(s) URL."]})
        secret = body.get("secret")
        if secret is not None and not isinstance(secret, str):
            return validation_error({"secret": ["The secret must be a string."]})
        errors: dict[str, list[str]] = {}
        attempts = _number(body, "max_attempts", DEFAULT_MAX_ATTEMPTS, 1, 10, errors)
        backoff = _number(body, "backoff_seconds", DEFAULT_BACKOFF_SECONDS, 0, 60, errors)
        timeout = _number(body, "timeout_seconds", DEFAULT_TIMEOUT_SECONDS, 0.1, 60, errors)
        if errors:
            return validation_error(errors)
        engine.store.execute(
            "INSERT OR REPLACE INTO webhook_settings"
            " (id, url, secret, max_attempts, backoff_seconds, timeout_seconds)"
            " VALUES (1, ?, ?, ?, ?, ?)",
            (url or None, secret or None, int(attempts), float(backoff), float(timeout)),
        )
        return show(request)

    def show(request: Request) -> Response:
        current = settings()
        if current is None:
            return json_answer({"url": None, "secret_set": False})
        return json_answer(
            {
                "url": current.url,
                "secret_set": bool(current.secret),  # the secret itself is never shown
                "max_attempts": current.max_attempts,
                "backoff_seconds": current.backoff_seconds,
                "timeout_seconds": current.timeout_seconds,
            }
        )

    async def get_settings(request: Request) -> Response:
        return show(request)

    async def disable(request: Request) -> Response:
        engine.store.execute("DELETE FROM webhook_settings")
        return show(request)

    async def deliveries(request: Request) -> Response:
        """``GET /_sandbox/webhooks/deliveries``: every attempt, oldest first."""
        rows = _filtered(engine, request)
        return json_answer([_entry(r, extended=True) for r in rows])

    async def send_test(request: Request) -> Response:
        """``POST /_sandbox/webhooks/test``: the ``webhook.test`` event of the dashboard."""
        engine.emit(
            "webhook.test",
            {
                "event": "webhook.test",
                "invoice": {
                    "id": None,
                    "status": "test",
                    "external_order_id": "TEST-ORDER-123",
                    "amount": "1000.00",
                    "is_sandbox": True,
                    "kaspi_source_type": "GOLD",
                    "kaspi_sale_type": "Remote",
                },
                "source": SOURCE_NAME,
                "timestamp": iso(engine.clock.now()),
            },
        )
        return json_answer({"message": "Test webhook queued"}, 202)

    async def api_logs(request: Request) -> Response:
        """``GET /api/v1/webhook-logs``: the flat ``{current_page, data, total}`` envelope."""
        q = request.query_params
        if q.get("status") and q["status"] not in ("success", "failed"):
            return validation_error({"status": ["The selected status is invalid."]})
        rows = list(reversed(_filtered(engine, request)))
        if q.get("sort_order") == "asc":
            rows.reverse()
        try:
            page = max(1, int(q.get("page", 1)))
            per_page = max(1, min(100, int(q.get("per_page", 20))))
        except ValueError:
            return validation_error({"page": ["The page must be an integer."]})
        start_at = (page - 1) * per_page
        data = [_entry(r) for r in rows[start_at : start_at + per_page]]
        return json_answer({"current_page": page, "data": data, "total": len(rows)})

    async def api_log(request: Request) -> Response:
        row = engine.store.one(
            "SELECT * FROM webhook_deliveries WHERE id = ?", (int(request.path_params["id"]),)
        )
        if row is None:
            return JSONResponse({"message": "Not found"}, status_code=404)
        return json_answer(_entry(row))

    return [
        Route("/_sandbox/webhooks", configure, methods=["POST"]),
        Route("/_sandbox/webhooks", get_settings, methods=["GET"]),
        Route("/_sandbox/webhooks", disable, methods=["DELETE"]),
        Route("/_sandbox/webhooks/deliveries", deliveries, methods=["GET"]),
        Route("/_sandbox/webhooks/test", send_test, methods=["POST"]),
        Route("/api/v1/webhook-logs", api_logs, methods=["GET"]),
        Route("/api/v1/webhook-logs/{id:int}", api_log, methods=["GET"]),
    ]


async def _deliver(engine: SandboxEngine, job: _Job) -> None:
    """POST one event until the receiver accepts it or the attempts run out."""
    s = job.settings
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "ApiPay-Sandbox-Webhook/1.0",
        "X-Webhook-Event": job.event,
    }
    signature = sign(job.body, s.secret) if s.secret else None
    if signature:
        headers["X-Webhook-Signature"] = signature
    first_id: int | None = None
    async with httpx.AsyncClient(timeout=s.timeout_seconds, follow_redirects=False) as client:
        for attempt in range(1, s.max_attempts + 1):
            status: int | None = None
            text: str | None = None
            error: str | None = None
            started = time.monotonic()
            try:
                response = await client.post(s.url, content=job.body, headers=headers)
                status, text = response.status_code, response.text[:RESPONSE_BODY_LIMIT]
                if not 200 <= status < 300:
                    error = f"Receiver answered HTTP {status}"
            except httpx.HTTPError as exc:
                error = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
            elapsed_ms = int((time.monotonic() - started) * 1000)
            cur = engine.store.execute(
                "INSERT INTO webhook_deliveries (event, invoice_id, url, request_body, signature,"
                " response_status, response_body, status, response_time_ms, error_message,"
                " attempt, retry_of, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    job.event,
                    job.invoice_id,
                    s.url,
                    job.body.decode("utf-8"),
                    signature,
                    status,
                    text,
                    "failed" if error else "success",
                    elapsed_ms,
                    error,
                    attempt,
                    first_id,
                    engine.clock.now().timestamp(),
                ),
            )
            if first_id is None:
                first_id = cur.lastrowid
            if error is None:
                return
            if attempt < s.max_attempts:
                log.info("webhook %s attempt %d failed (%s); retrying", job.event, attempt, error)
                await asyncio.sleep(s.backoff_seconds * 2 ** (attempt - 1))
    log.warning("webhook %s gave up after %d attempts", job.event, s.max_attempts)


def _invoice_id(payload: dict[str, Any]) -> int | None:
    invoice = payload.get("invoice")
    candidate = invoice.get("id") if isinstance(invoice, dict) else payload.get("invoice_id")
    return candidate if isinstance(candidate, int) and not isinstance(candidate, bool) else None


def _number(
    body: dict[str, Any],
    name: str,
    default: float,
    lo: float,
    hi: float,
    errors: dict[str, list[str]],
) -> float:
    value = body.get(name)
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        errors[name] = [f"The {name} must be a number."]
        return default
    if not lo <= float(value) <= hi:
        errors[name] = [f"The {name} must be between {lo} and {hi}."]
    return float(value)


def _filtered(engine: SandboxEngine, request: Request) -> list[Any]:
    q = request.query_params
    sql = "SELECT * FROM webhook_deliveries WHERE 1 = 1"
    params: list[Any] = []
    if q.get("event"):
        sql += " AND event = ?"
        params.append(q["event"])
    if q.get("status"):
        sql += " AND status = ?"
        params.append(q["status"])
    if q.get("invoice_id", "").isdigit():
        sql += " AND invoice_id = ?"
        params.append(int(q["invoice_id"]))
    return engine.store.query(sql + " ORDER BY id", params)


def _entry(row: Any, *, extended: bool = False) -> dict[str, Any]:
    """One attempt in the shape of the spec's ``WebhookLogEntry``.

    ``extended`` (the control API's log) adds ``attempt`` and the ``signature`` sent.
    """
    entry = {
        "id": row["id"],
        "api_key_id": 1,
        "api_key_name": SOURCE_NAME,
        "invoice_id": row["invoice_id"],
        "event": row["event"],
        "url": row["url"],
        "request_body": row["request_body"],
        "response_body": row["response_body"],
        "response_status": row["response_status"],
        "status": row["status"],
        "response_time_ms": row["response_time_ms"],
        "error_message": row["error_message"],
        "created_at": ts(row["created_at"]),
        "retry_of": row["retry_of"],
    }
    if extended:
        entry["attempt"] = row["attempt"]
        entry["signature"] = row["signature"]
    return entry

"""The gate in front of ``/api/v1`` and ``/xpayment/v1``: request log, faults, key, rate limit,
tickers (xPayment: ``Authorization: Bearer`` device key, its own error envelope and window).

A pure ASGI middleware so that fault injection can drop connections and corrupt bodies.

Dropping a connection: uvicorn hands the application the ``send`` method of its per-request
cycle object, which holds the socket's asyncio transport. :class:`SandboxApp` (server.py) puts
that transport into the scope as ``sandbox.transport``; closing it without an answer makes the
client see the server hang up (httpx raises ``RemoteProtocolError: Server disconnected without
sending a response``). For ``drop_after`` the request first runs to completion, its answer is
thrown away, then the connection is closed: the invoice exists but the client never learns it.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import re
from typing import Any

from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from pos_app.sandbox import xpayment
from pos_app.sandbox.clock import iso
from pos_app.sandbox.engine import SandboxEngine
from pos_app.sandbox.faults import Fault, LoggedRequest
from pos_app.sandbox.http import unauthorized
from pos_app.sandbox.xpayment import XPAYMENT_PREFIX

API_PREFIX = "/api/v1"
NO_KEY_PATHS = {f"{API_PREFIX}/status"}

#: The 2.1 spec's general limit. Per-endpoint caps apply only while the configured general limit
#: is at most this (a test that raises the limit to thousands wants no caps at all).
SPEC_GENERAL_LIMIT = 200

#: Per-endpoint caps of the 2.1 spec that are cheap to model: (method, path regex, bucket, cap,
#: counts against the general limit too).
ENDPOINT_CAPS: tuple[tuple[str, re.Pattern[str], str, int, bool], ...] = (
    ("POST", re.compile(r"/api/v1/invoices/qr"), "qr", 60, True),
    ("POST", re.compile(r"/api/v1/clients/check"), "clients_check", 60, True),
    ("POST", re.compile(r"/api/v1/invoices/\d+/simulate-status"), "simulate", 60, False),
)


def too_many_requests(retry_after: int) -> JSONResponse:
    """429 with the ``Retry-After`` header and both body spellings of the wait."""
    return JSONResponse(
        {
            "message": "Too Many Requests",
            "retry_after": retry_after,
            "retry_after_seconds": retry_after,
        },
        status_code=429,
        headers={"Retry-After": str(retry_after)},
    )


def fault_response(fault: Fault) -> JSONResponse | None:
    """The canned answer of a fault that answers instead of the server, if it is one."""
    if fault.kind == "error_500":
        return JSONResponse({"message": "Server Error"}, status_code=500)
    if fault.kind == "kaspi_502":
        return JSONResponse(
            {
                "error": "kaspi_error",
                "error_code": "kaspi_error",
                "message": "Kaspi returned an error. Please retry later.",
            },
            status_code=502,
        )
    if fault.kind == "unavailable_503":
        return JSONResponse(
            {
                "error": "invoices_disabled",
                "error_code": "invoices_disabled",
                "message": "Invoice creation is temporarily unavailable due to maintenance. "
                "Please retry later.",
            },
            status_code=503,
        )
    if fault.kind == "rate_limit_429":
        return too_many_requests(max(1, int(fault.retry_after)))
    return None


class ApiGate:
    """Logs, injects faults, checks the key and the rate limit, runs the tickers."""

    def __init__(self, app: ASGIApp, engine: SandboxEngine) -> None:
        self.app = app
        self.engine = engine

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith((API_PREFIX, XPAYMENT_PREFIX)):
            await self.app(scope, receive, send)
            return
        # xPayment: same log, faults and limits, its own key header and error envelope.
        is_xpayment = scope["path"].startswith(XPAYMENT_PREFIX)
        engine = self.engine
        method: str = scope["method"]
        path: str = scope["path"]
        entry = LoggedRequest(
            method=method,
            path=path,
            query=bytes(scope.get("query_string", b"")).decode("latin-1"),
            time=iso(engine.clock.now()) or "",
        )
        engine.request_log.add(entry)

        async def logged_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                entry.status = message["status"]
            await send(message)

        fault = engine.faults.take(method, path)
        if fault is not None:
            entry.fault = fault.kind
            if fault.kind == "delay":
                await asyncio.sleep(max(0.0, fault.delay_seconds))
                fault = None
            elif fault.kind == "drop_before":
                await _drop(scope, send)
                return
            else:
                canned = (
                    xpayment.fault_response(fault.kind, int(fault.retry_after))
                    if is_xpayment
                    else fault_response(fault)
                )
                if canned is not None:
                    await canned(scope, receive, logged_send)
                    return

        if is_xpayment:
            refusal = self._xpayment_refusal(scope, method)
            if refusal is not None:
                await refusal(scope, receive, logged_send)
                return
        elif path not in NO_KEY_PATHS:
            key = _header(scope, b"x-api-key")
            if not hmac.compare_digest(key.encode(), engine.config.api_key.encode()):
                await unauthorized()(scope, receive, logged_send)
                return
            wait = self._rate_limit(method, path)
            if wait is not None:
                await too_many_requests(wait)(scope, receive, logged_send)
                return

        engine.tick()
        if fault is None:
            await self.app(scope, receive, logged_send)
            return
        # drop_after / delay_after / malformed_json: the server really acts; only the answer
        # is spoiled (lost, late or garbled).
        captured: list[Message] = []

        async def capture(message: Message) -> None:
            if message["type"] == "http.response.start":
                entry.status = message["status"]
            captured.append(message)

        await self.app(scope, receive, capture)
        if fault.kind == "drop_after":
            await _drop(scope, send)
            return
        if fault.kind == "delay_after":
            # A slow answer to work already done: the client may give up (time-out) while the
            # invoice exists — the case a create must reconcile rather than resend.
            await asyncio.sleep(max(0.0, fault.delay_seconds))
            with contextlib.suppress(Exception):  # the client may be gone by now
                for message in captured:
                    await send(message)
            return
        await _send_malformed(captured, send)

    def _xpayment_refusal(self, scope: Scope, method: str) -> Response | None:
        """401 (no/wrong ``Authorization: Bearer`` device key) or 429, else ``None`` (counted)."""
        engine = self.engine
        given = _header(scope, b"authorization")
        scheme, _, key = given.partition(" ")
        expected = engine.config.xpayment_api_key.encode()
        if scheme.lower() != "bearer" or not hmac.compare_digest(key.strip().encode(), expected):
            return xpayment.unauthorized()
        # One general window per device key; xPayment documents no per-endpoint caps.
        wait = engine.rate_limiter.hit(
            "xpayment", "general", engine.config.rate_limit_per_minute, engine.clock.now()
        )
        return None if wait is None else xpayment.too_many_requests(wait)

    def _rate_limit(self, method: str, path: str) -> int | None:
        """Seconds to wait if this request is over a limit, else ``None`` (and counted)."""
        engine = self.engine
        now = engine.clock.now()
        general = engine.config.rate_limit_per_minute
        counts_general = True
        if general <= SPEC_GENERAL_LIMIT:
            for cap_method, rx, bucket, cap, also_general in ENDPOINT_CAPS:
                if method == cap_method and rx.fullmatch(path):
                    wait = engine.rate_limiter.hit("key", bucket, cap, now)
                    if wait is not None:
                        return wait
                    counts_general = also_general
                    break
        if counts_general:
            return engine.rate_limiter.hit("key", "general", general, now)
        return None


async def _drop(scope: Scope, send: Send) -> None:
    """Close the client's connection without (or instead of) an answer."""
    transport: Any = scope.get("sandbox.transport")
    if transport is not None:
        transport.close()
        # let the loop run connection_lost so uvicorn knows not to answer with a 500
        for _ in range(3):
            await asyncio.sleep(0)
        return
    # Not under uvicorn: promise a body, send half of it, then fail; the server hangs up.
    await send(
        {
            "type": "http.response.start",
            "status": 200,
            "headers": [(b"content-type", b"application/json"), (b"content-length", b"64")],
        }
    )
    await send({"type": "http.response.body", "body": b'{"id": ', "more_body": True})
    raise ConnectionAbortedError("sandbox fault: connection dropped")


async def _send_malformed(captured: list[Message], send: Send) -> None:
    """Replay a captured answer with its JSON body cut in half (same status)."""
    start = next((m for m in captured if m["type"] == "http.response.start"), None)
    body = b"".join(m.get("body", b"") for m in captured if m["type"] == "http.response.body")
    status = start["status"] if start else 200
    broken = body[: max(1, len(body) // 2)] if body else b'{"data": ['
    try:  # make sure the cut really is invalid JSON (a one-character body might not be)
        json.loads(broken)
        broken += b"{"
    except ValueError:
        pass
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(broken)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": broken, "more_body": False})


def _header(scope: Scope, name: bytes) -> str:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return bytes(value).decode("latin-1")
    return ""

"""The control API for tests and demos, outside ``/api/v1`` and without a key.

``POST /_sandbox/reset`` — everything back to a fresh state (tables, faults, request log,
rate-limit windows, real time).
``GET /_sandbox/clock``, ``POST /_sandbox/clock/advance {"seconds"}`` — the sandbox clock.
``POST /_sandbox/faults {"kind", "method", "path", "count", "delay_seconds", "retry_after"}``,
``GET /_sandbox/faults``, ``DELETE /_sandbox/faults`` — see :mod:`pos_app.sandbox.faults`.
``POST /_sandbox/invoices/{id}/pay|decline|expire|scan`` — the customer acts (409 when the
invoice's status does not allow it); ``GET /_sandbox/invoices/{id}`` — the invoice plus its pay
page and QR image links. ``{id}`` may also be an xPayment payment UUID (its invoice is meant),
so the app's demo customer works the same on both providers.
``POST /_sandbox/refunds/{id}/complete|fail`` — decide a pending refund now.
``GET /_sandbox/requests?method=&path=`` — what the API received, oldest first.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from pos_app.sandbox import invoices, refunds, xpayment
from pos_app.sandbox.clock import iso, iso_stamp
from pos_app.sandbox.engine import SandboxEngine
from pos_app.sandbox.http import json_body, ok, plain_error, validation_error

PREFIX = "/_sandbox"


def install(engine: SandboxEngine) -> list[BaseRoute]:
    """The control routes."""

    async def reset(request: Request) -> Response:
        engine.reset()
        return ok({"status": "ok"})

    async def clock(request: Request) -> Response:
        return ok({"now": iso(engine.clock.now())})

    async def advance(request: Request) -> Response:
        data, error = await json_body(request)
        if error is not None or data is None:
            return error or validation_error({"body": ["Invalid body."]})
        seconds = data.get("seconds")
        if isinstance(seconds, bool) or not isinstance(seconds, int | float) or seconds < 0:
            return validation_error({"seconds": ["A number of seconds (0 or more) is required."]})
        engine.clock.advance(float(seconds))
        engine.tick()
        return ok({"now": iso(engine.clock.now())})

    async def add_fault(request: Request) -> Response:
        data, error = await json_body(request)
        if error is not None or data is None:
            return error or validation_error({"body": ["Invalid body."]})
        try:
            fault = engine.faults.add(
                str(data.get("kind", "")),
                method=str(data.get("method") or ""),
                path=str(data.get("path") or ""),
                count=int(data.get("count") or 1),
                delay_seconds=float(data.get("delay_seconds") or 1.0),
                retry_after=int(data.get("retry_after") or 1),
            )
        except (TypeError, ValueError) as exc:
            return validation_error({"fault": [str(exc)]})
        return ok(fault.to_dict(), status=201)

    async def list_faults(request: Request) -> Response:
        return ok(engine.faults.list())

    async def clear_faults(request: Request) -> Response:
        engine.faults.clear()
        return ok({"status": "ok"})

    actions: dict[str, Callable[[SandboxEngine, int], Any]] = {
        "pay": invoices.pay_invoice,
        "decline": invoices.decline_invoice,
        "expire": invoices.expire_invoice,
        "scan": invoices.scan_invoice,
    }

    def described(invoice_id: int) -> dict[str, Any] | None:
        r = invoices.row(engine, invoice_id)
        if r is None:
            return None
        body = invoices.invoice_json(r, invoices.items_of(engine, invoice_id))
        body["sandbox"] = {
            "pay_url": invoices.pay_url(engine, r),
            "qr_image_url": invoices.qr_image_url(engine, r) if r["is_qr"] else None,
            "is_qr": bool(r["is_qr"]),
            "qr_scanned": bool(r["qr_scanned"]),
            "qr_expires_at": iso_stamp(r["qr_expires_at"]),
            "expires_at": iso_stamp(r["expires_at"]),
            "idempotency_key": r["idempotency_key"],
        }
        return body

    def target(request: Request) -> int | None:
        """The invoice meant by the path: its number, or an xPayment payment's UUID."""
        invoice_id = invoices.path_id(request)
        if invoice_id is None:
            invoice_id = xpayment.invoice_id_for(engine, str(request.path_params["id"]))
        return invoice_id

    async def invoice_action(request: Request) -> Response:
        engine.tick()
        invoice_id = target(request)
        action = actions.get(request.path_params["action"])
        if invoice_id is None or action is None:
            return plain_error(404, "not_found", "Unknown invoice or action")
        try:
            action(engine, invoice_id)
        except KeyError:
            return plain_error(404, "not_found", "Invoice not found")
        except invoices.InvoiceStateError as exc:
            return plain_error(409, "invalid_state", exc.message, status=exc.status)
        return ok({"invoice": described(invoice_id)})

    async def invoice_view(request: Request) -> Response:
        engine.tick()
        invoice_id = target(request)
        body = described(invoice_id) if invoice_id is not None else None
        if body is None:
            return plain_error(404, "not_found", "Invoice not found")
        return ok(body)

    async def refund_action(request: Request) -> Response:
        engine.tick()
        refund_id = invoices.path_id(request)
        action = request.path_params["action"]
        if refund_id is None or action not in ("complete", "fail"):
            return plain_error(404, "not_found", "Unknown refund or action")
        try:
            if action == "complete":
                done = refunds.complete_refund(engine, refund_id)
            else:
                data, _ = await json_body(request)
                data = data or {}
                done = refunds.fail_refund(
                    engine,
                    refund_id,
                    code=str(data.get("error_code") or "kaspi_error"),
                    message=str(data.get("error_message") or "Kaspi rejected the refund."),
                )
        except KeyError:
            return plain_error(404, "not_found", "Refund not found")
        except refunds.RefundStateError as exc:
            return plain_error(409, "invalid_state", str(exc))
        return ok({"refund": refunds.refund_json(engine, done)})

    async def requests_log(request: Request) -> Response:
        q = request.query_params
        return ok(engine.request_log.find(q.get("method", ""), q.get("path", "")))

    return [
        Route(f"{PREFIX}/reset", reset, methods=["POST"]),
        Route(f"{PREFIX}/clock", clock, methods=["GET"]),
        Route(f"{PREFIX}/clock/advance", advance, methods=["POST"]),
        Route(f"{PREFIX}/faults", add_fault, methods=["POST"]),
        Route(f"{PREFIX}/faults", list_faults, methods=["GET"]),
        Route(f"{PREFIX}/faults", clear_faults, methods=["DELETE"]),
        Route(f"{PREFIX}/invoices/{{id}}", invoice_view, methods=["GET"]),
        Route(f"{PREFIX}/invoices/{{id}}/{{action}}", invoice_action, methods=["POST"]),
        Route(f"{PREFIX}/refunds/{{id:int}}/{{action}}", refund_action, methods=["POST"]),
        Route(f"{PREFIX}/requests", requests_log, methods=["GET"]),
    ]

"""Sandbox routes: organisation verification by IIN/BIN (seed 002, base ``/api/v1`` here).

``POST /organizations/verify {"idn"}`` starts a verification (``pending``); the owner confirms
it in Kaspi Business within 120 s. In the sandbox the owner's phone is a page,
``/verify/<token>`` with *Confirm* and *Reject* buttons (its URL comes back as
``sandbox_confirm_url``), or the control API ``POST /_sandbox/organizations/{id}/confirm`` /
``reject``; with ``config.organization_auto_verify_seconds`` set the sandbox confirms by itself.
``GET /organizations/{id}/status`` answers ``verified`` / ``failed``, or ``410`` once 120 s of
sandbox time have passed without an answer.

The IIN/BIN check digit is implemented here on purpose, independently of ``pos_app.domain``:
two readings of the algorithm catch each other's mistakes.
"""

from __future__ import annotations

import html
import math
from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import BaseRoute, Route

from pos_app.sandbox.catalog import json_answer, read_json, ts
from pos_app.sandbox.engine import SandboxEngine
from pos_app.sandbox.http import validation_error

API = "/api/v1"
VERIFY_TIMEOUT_SECONDS = 120.0
ACTIONS = ("confirm", "reject")

SCHEMA = """
CREATE TABLE IF NOT EXISTS organizations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    idn TEXT NOT NULL,
    status TEXT NOT NULL,
    token TEXT NOT NULL UNIQUE,
    failure_reason TEXT,
    created_at REAL NOT NULL,
    decided_at REAL
);
"""


def iin_bin_check_digit(first11: str) -> int | None:
    """The 12th digit of a Kazakhstan IIN/BIN, or ``None`` when no digit can be valid.

    Weights 1..11, sum mod 11; a result of 10 means a second pass with weights 3..11, 1, 2;
    10 again means the number cannot exist.
    """
    digits = [int(c) for c in first11]
    first = sum(d * w for d, w in zip(digits, range(1, 12), strict=True)) % 11
    if first != 10:
        return first
    weights = [*range(3, 12), 1, 2]
    second = sum(d * w for d, w in zip(digits, weights, strict=True)) % 11
    return None if second == 10 else second


def idn_errors(idn: Any) -> list[str]:
    """Why ``idn`` is not a valid IIN/BIN (empty when it is)."""
    if not isinstance(idn, str) or not idn:
        return ["The idn field is required."]
    if not idn.isascii() or not idn.isdigit():
        return ["The idn must contain digits only."]
    if len(idn) != 12:
        return ["The idn must be 12 digits."]
    if iin_bin_check_digit(idn[:11]) != int(idn[11]):
        return ["The idn check digit is invalid."]
    return []


def install(engine: SandboxEngine) -> list[BaseRoute]:
    """Create the table, register the auto-confirm ticker and return the routes."""
    engine.store.script(SCHEMA)

    engine.on_reset(lambda: engine.store.clear("organizations", restart_ids=True))

    def now() -> float:
        return engine.clock.now().timestamp()

    def timed_out(row: Any) -> bool:
        elapsed = now() - float(row["created_at"])
        return bool(row["status"] == "pending" and elapsed >= VERIFY_TIMEOUT_SECONDS)

    def settle(row: Any) -> Any:
        """Apply a time-out that has happened; return the current row."""
        if timed_out(row):
            engine.store.execute(
                "UPDATE organizations SET status = 'failed', failure_reason = 'timeout',"
                " decided_at = ? WHERE id = ? AND status = 'pending'",
                (row["created_at"] + VERIFY_TIMEOUT_SECONDS, row["id"]),
            )
            return engine.store.one("SELECT * FROM organizations WHERE id = ?", (row["id"],))
        return row

    def decide(row: Any, verified: bool) -> Any:
        row = settle(row)
        if row["status"] == "pending":
            engine.store.execute(
                "UPDATE organizations SET status = ?, failure_reason = ?, decided_at = ?"
                " WHERE id = ?",
                (
                    "verified" if verified else "failed",
                    None if verified else "rejected",
                    now(),
                    row["id"],
                ),
            )
        return engine.store.one("SELECT * FROM organizations WHERE id = ?", (row["id"],))

    def auto_confirm() -> None:
        delay = engine.config.organization_auto_verify_seconds
        if delay is None:
            return
        due = engine.store.query(
            "SELECT * FROM organizations WHERE status = 'pending' AND created_at <= ?",
            (now() - delay,),
        )
        for row in due:
            if not timed_out(row):
                decide(row, verified=True)

    engine.add_ticker(auto_confirm)

    def public(row: Any) -> dict[str, Any]:
        remaining = 0
        if row["status"] == "pending":
            left = VERIFY_TIMEOUT_SECONDS - (now() - row["created_at"])
            remaining = max(0, math.ceil(left))
        return {
            "id": row["id"],
            "idn": row["idn"],
            "status": row["status"],
            "time_remaining": remaining,
        }

    def confirm_url(row: Any) -> str:
        return f"{engine.public_url}/verify/{row['token']}"

    async def start(request: Request) -> Response:
        body, error = await read_json(request)
        if error is not None or body is None:
            return error or validation_error({"body": ["Invalid body."]})
        idn = body.get("idn")
        problems = idn_errors(idn)
        if problems:
            return validation_error({"idn": problems})
        token = engine.new_token()
        cur = engine.store.execute(
            "INSERT INTO organizations (idn, status, token, created_at)"
            " VALUES (?, 'pending', ?, ?)",
            (idn, token, now()),
        )
        row: Any = engine.store.one("SELECT * FROM organizations WHERE id = ?", (cur.lastrowid,))
        return json_answer(
            {
                "organization": {"id": row["id"], "status": "pending"},
                "message": "Verification started. Please confirm in Kaspi Business app.",
                # sandbox only: where "the owner's phone" confirms
                "sandbox_confirm_url": confirm_url(row),
            }
        )

    async def status(request: Request) -> Response:
        row = engine.store.one(
            "SELECT * FROM organizations WHERE id = ?", (int(request.path_params["id"]),)
        )
        if row is None:
            return JSONResponse(
                {"error": "not_found", "message": "Organization not found"}, status_code=404
            )
        row = settle(row)
        if row["failure_reason"] == "timeout":
            return JSONResponse(
                {
                    "error": "verification_timeout",
                    "message": "Verification timed out after 120 seconds. Start again.",
                    "organization": public(row),
                },
                status_code=410,
            )
        return json_answer({"organization": public(row)})

    def by_token(request: Request) -> Any:
        return engine.store.one(
            "SELECT * FROM organizations WHERE token = ?", (request.path_params["token"],)
        )

    async def page(request: Request) -> Response:
        row = by_token(request)
        if row is None:
            return HTMLResponse(_page("Not found", "<p>This link is not valid.</p>"), 404)
        row = settle(row)
        return HTMLResponse(_verify_page(engine, row, public(row)["time_remaining"]))

    async def page_decide(request: Request) -> Response:
        row = by_token(request)
        if row is None or request.path_params["action"] not in ACTIONS:
            return HTMLResponse(_page("Not found", "<p>This link is not valid.</p>"), 404)
        row = decide(row, verified=request.path_params["action"] == "confirm")
        return HTMLResponse(_verify_page(engine, row, 0))

    async def control_show(request: Request) -> Response:
        row = engine.store.one(
            "SELECT * FROM organizations WHERE id = ?", (int(request.path_params["id"]),)
        )
        if row is None:
            return JSONResponse({"error": "not_found"}, status_code=404)
        row = settle(row)
        return json_answer(
            {
                **public(row),
                "token": row["token"],
                "confirm_url": confirm_url(row),
                "failure_reason": row["failure_reason"],
                "created_at": ts(row["created_at"]),
                "decided_at": ts(row["decided_at"]),
            }
        )

    async def control_decide(request: Request) -> Response:
        row = engine.store.one(
            "SELECT * FROM organizations WHERE id = ?", (int(request.path_params["id"]),)
        )
        if row is None or request.path_params["action"] not in ACTIONS:
            return JSONResponse({"error": "not_found"}, status_code=404)
        row = decide(row, verified=request.path_params["action"] == "confirm")
        return json_answer({"organization": public(row), "failure_reason": row["failure_reason"]})

    return [
        Route(f"{API}/organizations/verify", start, methods=["POST"]),
        Route(f"{API}/organizations/{{id:int}}/status", status, methods=["GET"]),
        Route("/verify/{token}", page, methods=["GET"]),
        Route("/verify/{token}/{action:str}", page_decide, methods=["POST"]),
        Route("/_sandbox/organizations/{id:int}", control_show, methods=["GET"]),
        Route("/_sandbox/organizations/{id:int}/{action:str}", control_decide, methods=["POST"]),
    ]


def _page(title: str, content: str) -> str:
    return f"""<!doctype html>
<html lang="ru"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title>
<style>
body {{ font-family: system-ui, sans-serif; background: #f2f4f7; margin: 0; }}
main {{ max-width: 420px; margin: 40px auto; background: #fff; border-radius: 16px;
        padding: 28px; box-shadow: 0 4px 18px rgba(0,0,0,.08); text-align: center; }}
h1 {{ font-size: 20px; }} .idn {{ font-size: 22px; letter-spacing: 2px; margin: 12px 0; }}
button {{ font-size: 17px; border: 0; border-radius: 10px; padding: 12px 22px; margin: 6px;
          cursor: pointer; color: #fff; }}
.confirm {{ background: #e30611; }} .reject {{ background: #7a7f87; }}
.note {{ color: #666; font-size: 14px; }}
</style></head><body><main>{content}</main></body></html>"""


def _verify_page(engine: SandboxEngine, row: Any, remaining: int) -> str:
    """The owner's screen: what is asked, and Confirm / Reject while it is pending."""
    idn = html.escape(row["idn"])
    shop = html.escape(engine.config.shop_name)
    if row["status"] == "pending":
        token = html.escape(row["token"])
        content = f"""<h1>Kaspi Business — подтверждение</h1>
<p>ApiPay.kz запрашивает доступ к организации для магазина «{shop}»</p>
<div class="idn">ИИН/БИН {idn}</div>
<p class="note">Осталось {remaining} с (Sandbox)</p>
<form method="post" action="/verify/{token}/confirm" style="display:inline">
<button class="confirm" type="submit" id="confirm">Подтвердить / Confirm</button></form>
<form method="post" action="/verify/{token}/reject" style="display:inline">
<button class="reject" type="submit" id="reject">Отклонить / Reject</button></form>"""
        return _page("Kaspi Business", content)
    if row["status"] == "verified":
        text = "Организация подтверждена. / Organisation verified."
    elif row["failure_reason"] == "timeout":
        text = "Время на подтверждение истекло. / The request timed out."
    else:
        text = "Запрос отклонён. / Request rejected."
    return _page("Kaspi Business", f"<h1>{html.escape(text)}</h1><div class='idn'>{idn}</div>")

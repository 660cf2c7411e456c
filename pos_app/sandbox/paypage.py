"""The customer's side: a pay page per invoice (``/pay/<token>``) and its QR code PNG.

A phone on the same network (through ``config.public_url``) or a browser plays the customer:
the page shows the shop, the amount and the items with **Pay** and **Decline** buttons (plain
HTML forms, no script, no external assets), in Russian, Kazakh or English (``?lang=`` first,
then ``Accept-Language``, else Russian). Opening the page of a QR invoice counts as scanning
its QR code.
"""

from __future__ import annotations

import html
import io
from decimal import Decimal
from typing import Any

import qrcode
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from pos_app.sandbox import invoices
from pos_app.sandbox.clock import parse_iso
from pos_app.sandbox.engine import SandboxEngine

LANGUAGES = ("ru", "kk", "en")

TEXTS: dict[str, dict[str, str]] = {
    "ru": {
        "title": "Оплата счёта",
        "invoice": "Счёт №{id}",
        "to_pay": "К оплате",
        "items": "Состав",
        "subtotal": "Сумма без скидки",
        "discount": "Скидка {pct}%",
        "pay": "Оплатить",
        "decline": "Отклонить",
        "processing": "Счёт отправляется в Kaspi…",
        "pending": "Ожидает оплаты",
        "paid": "Оплачено. Спасибо!",
        "partially_refunded": "Оплачено (есть возврат)",
        "cancelled": "Счёт отклонён или отменён",
        "cancelling": "Счёт отменяется",
        "expired": "Срок оплаты истёк",
        "error": "Ошибка счёта",
        "demo": "Демо-режим: деньги не списываются",
        "not_found": "Счёт не найден",
        "pcs": "шт",
    },
    "kk": {
        "title": "Шотты төлеу",
        "invoice": "Шот №{id}",
        "to_pay": "Төлеуге",
        "items": "Құрамы",
        "subtotal": "Жеңілдіксіз сома",
        "discount": "Жеңілдік {pct}%",
        "pay": "Төлеу",
        "decline": "Бас тарту",
        "processing": "Шот Kaspi-ге жіберілуде…",
        "pending": "Төлемді күтуде",
        "paid": "Төленді. Рақмет!",
        "partially_refunded": "Төленді (қайтарым бар)",
        "cancelled": "Шоттан бас тартылды немесе жойылды",
        "cancelling": "Шот жойылуда",
        "expired": "Төлеу мерзімі өтті",
        "error": "Шот қатесі",
        "demo": "Демо режим: ақша шешілмейді",
        "not_found": "Шот табылмады",
        "pcs": "дана",
    },
    "en": {
        "title": "Pay invoice",
        "invoice": "Invoice #{id}",
        "to_pay": "Amount due",
        "items": "Items",
        "subtotal": "Before discount",
        "discount": "Discount {pct}%",
        "pay": "Pay",
        "decline": "Decline",
        "processing": "The invoice is being sent to Kaspi…",
        "pending": "Waiting for payment",
        "paid": "Paid. Thank you!",
        "partially_refunded": "Paid (partly refunded)",
        "cancelled": "The invoice was declined or cancelled",
        "cancelling": "The invoice is being cancelled",
        "expired": "The invoice has expired",
        "error": "The invoice failed",
        "demo": "Demo mode: no money is charged",
        "not_found": "Invoice not found",
        "pcs": "pcs",
    },
}

STYLE = """
*{box-sizing:border-box}body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,
sans-serif;background:#f2f3f5;color:#1d1d1f}main{max-width:28rem;margin:0 auto;padding:1rem}
.card{background:#fff;border-radius:1rem;padding:1.25rem;box-shadow:0 1px 4px #0002}
h1{font-size:1.1rem;margin:0 0 .25rem}.muted{color:#6e6e73;font-size:.9rem}
.amount{font-size:2.2rem;font-weight:700;margin:.75rem 0}ul{list-style:none;padding:0;margin:0}
li{display:flex;justify-content:space-between;gap:1rem;padding:.4rem 0;border-bottom:1px solid #eee}
.state{margin:1rem 0;padding:.75rem;border-radius:.6rem;background:#eef4ff}
.state.paid{background:#e7f7ec}.state.bad{background:#fdecec}
form{display:flex;gap:.75rem;margin-top:1rem}button{flex:1;font-size:1.1rem;padding:.9rem;
border:0;border-radius:.7rem;cursor:pointer}.pay{background:#f14635;color:#fff}
.decline{background:#e5e5ea;color:#1d1d1f}nav{text-align:center;margin-top:1rem}
nav a{margin:0 .4rem;color:#6e6e73}
"""


def pick_language(request: Request) -> str:
    """``?lang=`` if known, else the best ``Accept-Language`` match, else Russian."""
    wanted = (request.query_params.get("lang") or "").lower()
    if wanted in LANGUAGES:
        return wanted
    ranked: list[tuple[float, str]] = []
    for part in request.headers.get("accept-language", "").split(","):
        pieces = part.strip().split(";")
        tag = pieces[0].strip().lower()
        q = 1.0
        for p in pieces[1:]:
            if p.strip().startswith("q="):
                try:
                    q = float(p.strip()[2:])
                except ValueError:
                    q = 0.0
        base = "kk" if tag.startswith(("kk", "kz")) else tag.split("-")[0]
        if base in LANGUAGES:
            ranked.append((q, base))
    if ranked:
        ranked.sort(key=lambda t: -t[0])
        return ranked[0][1]
    return "ru"


def format_tenge(value: Decimal | str, lang: str) -> str:
    """``15 000 ₸`` / ``1 500,50 ₸`` (ru, kk) or ``15,000 ₸`` / ``1,500.50 ₸`` (en)."""
    amount = Decimal(value)
    whole = amount == amount.to_integral_value()
    text = f"{amount:,.0f}" if whole else f"{amount:,.2f}"
    if lang != "en":
        text = text.replace(",", "\u202f").replace(".", ",")
    return f"{text}\u00a0₸"


def render(engine: SandboxEngine, token: str, lang: str) -> tuple[int, str]:
    """The page's status code and HTML."""
    t = TEXTS[lang]
    e = html.escape
    r = invoices.row_by_token(engine, token)
    head = (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
    )
    if r is None:
        return 404, (
            f"{head}<title>{e(t['not_found'])}</title><style>{STYLE}</style></head>"
            f'<body><main><div class="card"><h1>{e(t["not_found"])}</h1></div></main></body></html>'
        )
    status = r["status"]
    refresh = '<meta http-equiv="refresh" content="2">' if status == "processing" else ""
    lines = invoices.items_of(engine, r["id"])
    items_html = ""
    if lines:
        rows = "".join(
            f"<li><span>{e(i['name'])} × {i['count']}</span>"
            f"<span>{e(format_tenge(Decimal(i['price']) * i['count'], lang))}</span></li>"
            for i in lines
        )
        items_html = f'<p class="muted">{e(t["items"])}</p><ul>{rows}</ul>'
    if r["discount_percentage"] is not None and r["subtotal"] is not None:
        items_html += (
            f"<ul><li><span>{e(t['subtotal'])}</span>"
            f"<span>{e(format_tenge(r['subtotal'], lang))}</span></li>"
            f"<li><span>{e(t['discount'].format(pct=r['discount_percentage']))}</span>"
            f"<span>−{e(format_tenge(r['discount_sum'] or '0', lang))}</span></li></ul>"
        )
    if r["description"]:
        items_html = f'<p class="muted">{e(r["description"])}</p>' + items_html
    css = "paid" if status in invoices.PAID else ("bad" if status in invoices.REUSABLE else "")
    state = f'<div class="state {css}" id="state" data-status="{e(status)}">{e(t[status])}</div>'
    buttons = ""
    if status in ("pending", "processing"):
        query = f"?lang={lang}"
        buttons = (
            f'<form method="post" action="/pay/{e(token)}/pay{query}">'
            f'<button class="pay" type="submit" name="action" value="pay">{e(t["pay"])}</button>'
            f'<button class="decline" type="submit" formaction="/pay/{e(token)}/decline{query}"'
            f' name="action" value="decline">{e(t["decline"])}</button></form>'
        )
    links = " ".join(
        f'<a href="/pay/{e(token)}?lang={code}">{name}</a>'
        for code, name in (("ru", "Русский"), ("kk", "Қазақша"), ("en", "English"))
    )
    page = (
        f"{head}{refresh}<title>{e(t['title'])} — {e(engine.config.shop_name)}</title>"
        f'<style>{STYLE}</style></head><body><main><div class="card">'
        f"<h1>{e(engine.config.shop_name)}</h1>"
        f'<div class="muted">{e(t["invoice"].format(id=r["id"]))}</div>'
        f'<div class="muted">{e(t["to_pay"])}</div>'
        f'<div class="amount" id="amount">{e(format_tenge(r["amount"], lang))}</div>'
        f"{items_html}{state}{buttons}"
        f'<p class="muted">{e(t["demo"])}</p></div><nav>{links}</nav></main></body></html>'
    )
    return 200, page


def qr_png(data: str) -> bytes:
    """A PNG of a QR code for ``data``."""
    qr = qrcode.QRCode(border=2, box_size=8)
    qr.add_data(data)
    qr.make(fit=True)
    image: Any = qr.make_image()
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def install(engine: SandboxEngine) -> list[BaseRoute]:
    """``GET /pay/{token}``, ``POST /pay/{token}/pay|decline``, ``GET /qr/{token}.png``."""

    async def page(request: Request) -> Response:
        engine.tick()
        token = request.path_params["token"]
        r = invoices.row_by_token(engine, token)
        if r is not None and r["is_qr"] and r["status"] == "pending" and not r["qr_scanned"]:
            invoices.scan_invoice(engine, r["id"])  # the customer scanned the code
        status, body = render(engine, token, pick_language(request))
        return HTMLResponse(body, status_code=status, headers={"Cache-Control": "no-store"})

    async def act(request: Request) -> Response:
        engine.tick()
        token = request.path_params["token"]
        action = request.path_params["action"]
        r = invoices.row_by_token(engine, token)
        if r is None or action not in ("pay", "decline"):
            status, body = render(engine, token, pick_language(request))
            return HTMLResponse(body, status_code=status)
        try:
            if action == "pay":
                invoices.pay_invoice(engine, r["id"])
            else:
                invoices.decline_invoice(engine, r["id"])
        except invoices.InvoiceStateError:
            pass  # the page shows the invoice's real state
        return RedirectResponse(f"/pay/{token}?lang={pick_language(request)}", status_code=303)

    async def qr_image(request: Request) -> Response:
        engine.tick()
        token = request.path_params["token"]
        r = invoices.row_by_token(engine, token)
        expires = parse_iso(r["qr_expires_at"]) if r is not None else None
        # 2.1: the PNG lives until qr_expires_at + 60 s, then 404
        if (
            r is None
            or not r["is_qr"]
            or expires is None
            or ((engine.clock.now() - expires).total_seconds() > 60)
        ):
            return Response(b"", status_code=404)
        png = qr_png(invoices.pay_url(engine, r))
        return Response(png, media_type="image/png", headers={"Cache-Control": "no-store"})

    return [
        Route("/pay/{token}", page, methods=["GET"]),
        Route("/pay/{token}/{action:str}", act, methods=["POST"]),
        Route("/qr/{token}.png", qr_image, methods=["GET"]),
    ]

"""The customer's page: it renders in three languages and its buttons pay or decline."""

from __future__ import annotations

import io
import re

import httpx
import pytest
from PIL import Image

from tests.fixtures.sandbox import SandboxHandle
from tests.sandbox.helpers import add_catalog_item, create_invoice


def pay_url(sandbox: SandboxHandle, invoice_id: int) -> str:
    url: str = sandbox.control.get(f"/invoices/{invoice_id}").json()["sandbox"]["pay_url"]
    return url


@pytest.mark.parametrize(
    ("lang", "pay", "decline", "amount"),
    [
        ("ru", "Оплатить", "Отклонить", "15\u202f000,50\u00a0₸"),
        ("kk", "Төлеу", "Бас тарту", "15\u202f000,50\u00a0₸"),
        ("en", "Pay", "Decline", "15,000.50\u00a0₸"),
    ],
)
def test_page_in_three_languages(
    sandbox: SandboxHandle, api: httpx.Client, lang: str, pay: str, decline: str, amount: str
) -> None:
    created = create_invoice(api, amount=15000.5, description="Заказ 7")
    page = httpx.get(pay_url(sandbox, created["id"]), params={"lang": lang})
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    text = page.text
    assert f'<html lang="{lang}">' in text
    assert pay in text and decline in text
    assert amount in text
    assert sandbox.config.shop_name in text
    assert 'name="viewport"' in text
    assert not re.search(r"(src|href)=\"https?://", text)  # no external assets


def test_language_from_accept_language(sandbox: SandboxHandle, api: httpx.Client) -> None:
    created = create_invoice(api)
    url = pay_url(sandbox, created["id"])
    kk = httpx.get(url, headers={"Accept-Language": "kk-KZ,ru;q=0.8"})
    assert '<html lang="kk">' in kk.text
    en = httpx.get(url, headers={"Accept-Language": "de-DE, en;q=0.5"})
    assert '<html lang="en">' in en.text
    fallback = httpx.get(url, headers={"Accept-Language": "fr"})
    assert '<html lang="ru">' in fallback.text


def test_items_and_discount_are_shown(sandbox: SandboxHandle, api: httpx.Client) -> None:
    item = add_catalog_item(sandbox, "Капучино", "1200")
    created = create_invoice(
        api, cart_items=[{"catalog_item_id": item, "count": 2}], discount_percentage=5
    )
    text = httpx.get(pay_url(sandbox, created["id"]), params={"lang": "en"}).text
    assert "Капучино × 2" in text
    assert "Discount 5%" in text
    assert "2,280\u00a0₸" in text  # 2400 − 5 %


def test_pay_button_pays(sandbox: SandboxHandle, api: httpx.Client) -> None:
    created = create_invoice(api)
    url = pay_url(sandbox, created["id"])
    page = httpx.get(url, params={"lang": "en"}).text
    action = re.search(r'<form method="post" action="([^"]+)"', page)
    assert action is not None
    done = httpx.post(sandbox.root_url + action.group(1), follow_redirects=True)
    assert done.status_code == 200
    assert "Paid. Thank you!" in done.text
    assert "<button" not in done.text
    assert api.get(f"/invoices/{created['id']}").json()["status"] == "paid"


def test_decline_button_cancels(sandbox: SandboxHandle, api: httpx.Client) -> None:
    created = create_invoice(api)
    page = httpx.get(pay_url(sandbox, created["id"]), params={"lang": "ru"}).text
    action = re.search(r'formaction="([^"]+)"', page)
    assert action is not None
    done = httpx.post(sandbox.root_url + action.group(1), follow_redirects=True)
    assert "Счёт отклонён" in done.text
    assert api.get(f"/invoices/{created['id']}").json()["status"] == "cancelled"


def test_qr_code_points_to_the_page_and_opening_it_scans(
    sandbox: SandboxHandle, api: httpx.Client
) -> None:
    events: list[str] = []
    sandbox.engine.on_event(lambda name, body: events.append(name))
    qr = api.post("/invoices/qr", json={"amount": 700}).json()
    png = httpx.get(qr["qr_image_url"])
    assert png.status_code == 200
    assert png.headers["content-type"] == "image/png"
    image = Image.open(io.BytesIO(png.content))
    assert image.size[0] == image.size[1] and image.size[0] > 100
    page = httpx.get(qr["qr_token_url"])
    assert page.status_code == 200
    assert events.count("invoice.qr_scanned") == 1
    httpx.get(qr["qr_token_url"])
    assert events.count("invoice.qr_scanned") == 1  # once per QR
    # the picture disappears a minute after the code stops being scannable
    sandbox.advance(sandbox.config.qr_lifetime_seconds + 61)
    assert httpx.get(qr["qr_image_url"]).status_code == 404


def test_unknown_token_is_404(sandbox: SandboxHandle) -> None:
    r = httpx.get(sandbox.root_url + "/pay/nope")
    assert r.status_code == 404

"""Demo data: a believable shop on first start, sane items, pictures, a week of history."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from PIL import Image

from tests.fixtures.contract import assert_matches_spec
from tests.fixtures.sandbox import SandboxHandle, make_sandbox, running_sandbox

UNIT_NAMES = {1: "штука", 2: "килограмм", 3: "литр"}


def ean13_ok(code: str) -> bool:
    """An independent EAN-13 check: weights 1,3,… over all 13 digits sum to a multiple of 10."""
    if len(code) != 13 or not code.isdigit():
        return False
    return sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(code)) % 10 == 0


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[SandboxHandle]:
    with running_sandbox(tmp_path / "sandbox", seed_demo_data=True) as handle:
        yield handle


@pytest.fixture
def items(sandbox: SandboxHandle, spec_21: dict[str, Any]) -> list[dict[str, Any]]:
    with sandbox.api() as api:
        r = api.get("/catalog", params={"per_page": 200})
    assert_matches_spec(spec_21, "get", "/catalog", 200, r.json())
    data: list[dict[str, Any]] = r.json()["data"]
    return data


def test_catalog_has_about_forty_active_items(items: list[dict[str, Any]]) -> None:
    assert 35 <= len(items) <= 50
    assert {i["status"] for i in items} == {"active"}
    assert len({i["name"] for i in items}) == len(items)
    assert any(" / " in i["name"] for i in items)  # most labels carry both languages


def test_every_item_is_sane(items: list[dict[str, Any]]) -> None:
    for item in items:
        # bilingual label "Kazakh / Russian", or one word where both languages agree
        parts = item["name"].split(" / ")
        assert len(parts) in (1, 2) and all(p.strip() for p in parts), item["name"]
        assert 100 <= item["selling_price"] <= 5000, item  # tenge, a shop's prices
        assert item["selling_price"] == int(item["selling_price"])  # tenge, no tiyn here
        assert item["unit_id"] in UNIT_NAMES, item
        assert ean13_ok(item["barcode"]), item["barcode"]
        assert item["image_url"]
    barcodes = [i["barcode"] for i in items]
    assert len(set(barcodes)) == len(barcodes)
    # packaged goods carry a Kazakhstan (487) code; by-weight goods are sold by the kilogram
    assert any(b.startswith("487") for b in barcodes)
    units = {i["unit_id"] for i in items}
    assert units == {1, 2, 3}


def test_examples_from_a_real_shop_are_there(items: list[dict[str, Any]]) -> None:
    names = {i["name"] for i in items}
    assert {"Капучино", "Нан / Хлеб", "Сүт 1 л / Молоко 1 л"} <= names
    apples = next(i for i in items if i["name"] == "Алма / Яблоки")
    assert UNIT_NAMES[apples["unit_id"]] == "килограмм"


def test_pictures_are_flat_illustrations_cached_on_disk(
    sandbox: SandboxHandle, items: list[dict[str, Any]]
) -> None:
    cup = next(i for i in items if i["name"] == "Капучино")
    apple = next(i for i in items if i["name"] == "Алма / Яблоки")
    pictures = []
    for item in (cup, apple):
        r = httpx.get(item["image_url"])
        assert r.status_code == 200 and r.headers["content-type"] == "image/jpeg"
        picture = Image.open(io.BytesIO(r.content))
        assert picture.size == (512, 512)
        # flat shapes compress well; random noise of this size would be far above 100 KB
        assert len(r.content) < 60_000
        pictures.append(r.content)
    assert pictures[0] != pictures[1]
    # the apple is mostly red in the middle: a picture of the item, not a placeholder
    pixel = Image.open(io.BytesIO(pictures[1])).convert("RGB").getpixel((256, 300))
    assert isinstance(pixel, tuple)
    red, green, blue = pixel[:3]
    assert red > 150 and green < 100 and blue < 100
    cached = list((sandbox.config.data_dir / "catalog_images").glob("*.jpg"))
    assert len(cached) == 2
    assert httpx.get(cup["image_url"]).content == pictures[0]  # served from the cache


def test_a_week_of_sales_and_some_refunds(sandbox: SandboxHandle) -> None:
    with sandbox.api() as api:
        r = api.get("/invoices", params={"per_page": 100})
        sales = r.json()["data"]
        refunds = api.get("/refunds", params={"per_page": 100}).json()["data"]
    assert r.json()["total"] >= 30
    now = sandbox.engine.clock.now()
    times = [datetime.fromisoformat(s["created_at"]) for s in sales]
    assert all(now - timedelta(days=8) <= t <= now for t in times)
    days = {t.date() for t in times}
    assert len(days) >= 6, "history spreads over the week"
    statuses = {s["status"] for s in sales}
    assert "paid" in statuses and statuses & {"expired", "cancelled"}
    assert any(s.get("is_fully_refunded") for s in sales) or any(
        s["status"] == "partially_refunded" for s in sales
    )
    assert 2 <= len(refunds) <= 10
    assert {rf["status"] for rf in refunds} == {"completed"}


def test_reset_brings_the_demo_shop_back(sandbox: SandboxHandle) -> None:
    with sandbox.api() as api:
        first = api.get("/catalog", params={"per_page": 200}).json()["data"][0]
        api.delete(f"/catalog/{first['id']}")
        sandbox.control.post("/reset").raise_for_status()
        again = api.get("/catalog", params={"per_page": 200}).json()["data"]
    assert again[0]["name"] == first["name"]
    assert httpx.get(again[0]["image_url"]).status_code == 200


def test_a_restart_does_not_seed_twice(tmp_path: Path) -> None:
    for _ in range(2):
        server = make_sandbox(tmp_path, seed_demo_data=True)
        try:
            with httpx.Client(
                base_url=server.base_url, headers={"X-API-Key": server.api_key}
            ) as api:
                total = api.get("/catalog").json()["meta"]["total"]
                image = api.get("/catalog").json()["data"][0]["image_url"]
                assert httpx.get(image).status_code == 200
        finally:
            server.stop()
    assert 35 <= total <= 50


def test_no_demo_data_when_switched_off(tmp_path: Path) -> None:
    with running_sandbox(tmp_path, seed_demo_data=False) as handle, handle.api() as api:
        assert api.get("/catalog").json()["meta"]["total"] == 0
        assert api.get("/invoices").json()["total"] == 0

"""The sandbox catalog over real HTTP: units, the item life cycle, images, answer shapes."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from PIL import Image

from tests.fixtures.contract import assert_matches_spec
from tests.fixtures.sandbox import SandboxHandle, running_sandbox

SYNC = 30.0


def synced(sandbox: SandboxHandle) -> None:
    """Move the sandbox clock past the catalog sync (the control API ticks once)."""
    sandbox.advance(SYNC + 1)


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[SandboxHandle]:
    """An empty shop (no demo catalog), so counts are exact.

    Syncing takes SYNC seconds of sandbox time, far more than a slow machine needs between
    two requests, so "pending" is observable and "active" comes only from moving the clock.
    """
    with running_sandbox(
        tmp_path / "sandbox", seed_demo_data=False, catalog_sync_seconds=SYNC
    ) as handle:
        yield handle


def png_bytes(
    size: tuple[int, int] = (300, 200), colour: tuple[int, int, int] = (200, 80, 40)
) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, colour).save(buf, "PNG")
    return buf.getvalue()


def create(api: httpx.Client, *items: dict[str, Any]) -> httpx.Response:
    return api.post("/catalog", json={"items": list(items)})


def latte(**extra: Any) -> dict[str, Any]:
    return {"name": "Латте / Латте", "selling_price": 1500, "unit_id": 1, **extra}


def test_units_list_has_pieces_kilograms_and_litres(
    api: httpx.Client, spec_21: dict[str, Any]
) -> None:
    r = api.get("/catalog/units")
    assert_matches_spec(spec_21, "get", "/catalog/units", 200, r.json())
    names = {u["name"] for u in r.json()["data"]}
    assert {"штука", "килограмм", "литр"} <= names
    assert all(u["name_kaz"] for u in r.json()["data"])


def test_created_item_is_pending_then_active(
    sandbox: SandboxHandle, api: httpx.Client, spec_21: dict[str, Any]
) -> None:
    r = create(api, latte(barcode="4870001000015"))
    assert r.status_code == 202
    body = r.json()
    assert_matches_spec(spec_21, "post", "/catalog", 202, body)
    assert body["rejected"] == []
    item = body["data"][0]
    assert item["status"] == "pending"
    assert item["selling_price"] == 1500
    # the default listing shows active items only, so the new one is not there yet
    assert api.get("/catalog").json()["meta"]["total"] == 0
    pending = api.get("/catalog", params={"statuses[]": "pending"}).json()
    assert [i["id"] for i in pending["data"]] == [item["id"]]

    synced(sandbox)
    listing = api.get("/catalog")
    assert_matches_spec(spec_21, "get", "/catalog", 200, listing.json())
    [active] = listing.json()["data"]
    assert active["status"] == "active"
    assert active["kaspi_item_id"]
    assert active["ntin_missing"] is True  # a barcode without NTIN


def test_price_with_tiyn_is_kept_exactly(sandbox: SandboxHandle, api: httpx.Client) -> None:
    create(api, latte(selling_price=1234.5))
    synced(sandbox)
    r = api.get("/catalog")
    assert '"selling_price": 1234.50' in r.text  # a JSON number with two decimals, not a string
    assert r.json()["data"][0]["selling_price"] == pytest.approx(1234.5)


def test_invalid_items_are_rejected_one_by_one(api: httpx.Client, spec_21: dict[str, Any]) -> None:
    r = create(
        api,
        latte(),
        {"name": "", "selling_price": 0, "unit_id": 999},
        latte(name="Long barcode", barcode="1" * 40),
    )
    assert r.status_code == 202
    body = r.json()
    assert_matches_spec(spec_21, "post", "/catalog", 202, body)
    assert len(body["data"]) == 1
    bad, long_code = body["rejected"]
    assert bad["index"] == 1 and bad["error_code"] == "catalog_item_invalid"
    assert set(bad["errors"]) == {"name", "selling_price", "unit_id"}
    assert long_code["index"] == 2 and long_code["error_code"] == "barcode_too_long"
    assert "errors" not in long_code


@pytest.mark.parametrize("body", [{}, {"items": []}, {"items": "x"}, {"items": [latte()] * 101}])
def test_structural_errors_are_422(
    api: httpx.Client, spec_21: dict[str, Any], body: dict[str, Any]
) -> None:
    r = api.post("/catalog", json=body)
    assert r.status_code == 422
    assert_matches_spec(spec_21, "post", "/catalog", 422, r.json())
    assert "items" in r.json()["errors"]


def test_same_external_ref_merges_instead_of_duplicating(
    sandbox: SandboxHandle, api: httpx.Client
) -> None:
    first = create(api, latte(external_ref="1C-42")).json()["data"][0]
    again = create(api, latte(external_ref="1C-42", selling_price=1700, name="Латте XL")).json()
    merged = again["data"][0]
    assert merged["id"] == first["id"]
    assert merged["matched_existing"] is True
    assert merged["selling_price"] == 1700
    assert merged["name"] == "Латте XL"


def test_same_barcode_other_name_keeps_the_existing_item(api: httpx.Client) -> None:
    first = create(api, latte(barcode="4870001000015")).json()["data"][0]
    other = create(api, latte(name="Раф", barcode="4870001000015", selling_price=1900)).json()
    match = other["data"][0]
    assert match["id"] == first["id"]
    assert match["name_differs"] is True
    assert match["name"] == "Латте / Латте"
    assert match["selling_price"] == 1500


def test_search_is_case_insensitive_in_cyrillic_and_paginates(
    sandbox: SandboxHandle, api: httpx.Client
) -> None:
    names = [f"Сок яблочный {n}" for n in range(5)] + ["Нан / Хлеб"]
    create(api, *({"name": n, "selling_price": 500, "unit_id": 1} for n in names))
    synced(sandbox)
    found = api.get("/catalog", params={"search": "СОК", "per_page": 2, "page": 2}).json()
    assert found["meta"]["total"] == 5
    assert found["meta"]["current_page"] == 2 and found["meta"]["last_page"] == 3
    assert [i["name"] for i in found["data"]] == ["Сок яблочный 2", "Сок яблочный 3"]
    assert found["links"]["next"] and found["links"]["prev"]
    bread = api.get("/catalog", params={"first_char": "н"}).json()["data"]
    assert [i["name"] for i in bread] == ["Нан / Хлеб"]


def test_targeted_read_returns_every_status_without_pagination(
    api: httpx.Client, spec_21: dict[str, Any]
) -> None:
    item = create(api, latte(external_ref="A-1")).json()["data"][0]
    r = api.get("/catalog", params={"external_refs[]": "A-1"})
    assert set(r.json()) == {"data"}
    assert_matches_spec(spec_21, "get", "/catalog", 200, r.json())
    assert r.json()["data"][0]["id"] == item["id"]
    assert r.json()["data"][0]["status"] == "pending"
    too_many = api.get("/catalog", params=[("ids[]", str(n)) for n in range(201)])
    assert too_many.status_code == 422
    assert_matches_spec(spec_21, "get", "/catalog", 422, too_many.json())
    assert too_many.json()["error_code"] == "catalog_match_overflow"


def test_keyset_cursor_walks_every_item_once(sandbox: SandboxHandle, api: httpx.Client) -> None:
    create(api, *({"name": f"Товар {n}", "selling_price": 100, "unit_id": 1} for n in range(7)))
    synced(sandbox)
    seen: list[int] = []
    cursor = ""
    while True:
        page = api.get("/catalog", params={"cursor": cursor, "per_page": 3}).json()
        seen += [i["id"] for i in page["data"]]
        cursor = page["meta"]["next_cursor"]
        if not cursor:
            break
    assert seen == sorted(seen) and len(seen) == 7


def test_update_changes_price_and_unknown_item_is_404(
    sandbox: SandboxHandle, api: httpx.Client, spec_21: dict[str, Any]
) -> None:
    item = create(api, latte()).json()["data"][0]
    synced(sandbox)
    r = api.patch(f"/catalog/{item['id']}", json={"selling_price": 1600, "unit_id": 1})
    assert r.status_code == 202
    assert_matches_spec(spec_21, "patch", "/catalog/{id}", 202, r.json())
    assert r.json()["catalog_item_id"] == item["id"]
    assert api.get("/catalog").json()["data"][0]["selling_price"] == 1600
    bad = api.patch(f"/catalog/{item['id']}", json={"selling_price": -1})
    assert bad.status_code == 422
    assert_matches_spec(spec_21, "patch", "/catalog/{id}", 422, bad.json())
    assert "selling_price" in bad.json()["errors"]
    assert api.patch("/catalog/9999", json={"name": "x"}).status_code == 404


def test_delete_goes_through_deleting_and_disappears(
    sandbox: SandboxHandle, api: httpx.Client, spec_21: dict[str, Any]
) -> None:
    item = create(api, latte()).json()["data"][0]
    synced(sandbox)
    r = api.delete(f"/catalog/{item['id']}")
    assert r.status_code == 202
    assert_matches_spec(spec_21, "delete", "/catalog/{id}", 202, r.json())
    one = api.get("/catalog", params={"ids[]": item["id"]}).json()["data"][0]
    assert one["status"] == "deleting"
    synced(sandbox)
    assert api.get("/catalog").json()["data"] == []
    gone = api.get("/catalog", params={"statuses[]": "deleted"}).json()["data"]
    assert [i["id"] for i in gone] == [item["id"]]
    assert api.delete(f"/catalog/{item['id']}").status_code == 404


def test_upload_same_image_twice_gives_same_id_and_item_shows_it(
    sandbox: SandboxHandle, api: httpx.Client, spec_21: dict[str, Any]
) -> None:
    data = png_bytes((900, 600))
    first = api.post("/catalog/upload-image", files={"image": ("a.png", data, "image/png")})
    second = api.post("/catalog/upload-image", files={"image": ("copy.png", data, "image/png")})
    assert first.status_code == 200
    assert_matches_spec(spec_21, "post", "/catalog/upload-image", 200, first.json())
    assert first.json()["image_id"] == second.json()["image_id"]
    other = api.post(
        "/catalog/upload-image",
        files={"image": ("b.png", png_bytes(colour=(0, 90, 200)), "image/png")},
    )
    assert other.json()["image_id"] != first.json()["image_id"]

    item = create(api, latte(image_id=first.json()["image_id"])).json()["data"][0]
    served = httpx.get(item["image_url"])
    assert served.status_code == 200
    assert served.headers["content-type"] == "image/jpeg"
    picture = Image.open(io.BytesIO(served.content))
    assert picture.format == "JPEG"
    assert max(picture.size) == 512  # re-encoded to at most 512 px, proportions kept
    assert picture.size == (512, 341)


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"definitely not an image", "invalid_file_type"),
        (b"GIF89a" + b"\x00" * 64, "invalid_file_type"),
        ("tiny", "image_rejected"),
    ],
)
def test_upload_of_a_non_image_is_422(api: httpx.Client, content: bytes | str, code: str) -> None:
    data = png_bytes((20, 20)) if content == "tiny" else content
    assert isinstance(data, bytes)
    r = api.post("/catalog/upload-image", files={"image": ("photo.png", data, "image/png")})
    assert r.status_code == 422
    assert r.json()["error"] == code


def test_upload_without_file_is_422(api: httpx.Client) -> None:
    r = api.post("/catalog/upload-image", data={"other": "x"})
    assert r.status_code == 422
    assert "image" in r.json()["errors"]


def test_unknown_image_id_is_rejected(api: httpx.Client) -> None:
    r = create(api, latte(image_id="00000000-0000-0000-0000-000000000000"))
    assert r.json()["rejected"][0]["errors"] == {"image_id": ["The selected image id is invalid."]}


def test_get_item_gives_invoice_pricing(sandbox: SandboxHandle, api: httpx.Client) -> None:
    from pos_app.sandbox.catalog import get_item

    item = create(api, latte(unit_id=2, selling_price=2990.9)).json()["data"][0]
    priced = get_item(sandbox.engine, item["id"])
    assert priced is not None
    assert priced["price"] == "2990.90"
    assert priced["unit"] == "кг"
    assert priced["status"] == "pending"
    assert get_item(sandbox.engine, 4242) is None


def test_key_is_required(sandbox: SandboxHandle) -> None:
    assert httpx.get(sandbox.base_url + "/catalog").status_code == 401


def test_instant_mode_answers_like_the_published_sandbox(tmp_path: Path) -> None:
    with (
        running_sandbox(tmp_path, catalog_sync_seconds=0, seed_demo_data=False) as handle,
        handle.api() as api,
    ):
        r = create(api, latte())
        assert r.status_code == 201
        assert r.json()["data"][0]["status"] == "active"
        item_id = r.json()["data"][0]["id"]
        assert api.patch(f"/catalog/{item_id}", json={"name": "Флэт уайт"}).status_code == 200
        assert api.delete(f"/catalog/{item_id}").status_code == 200
        assert api.get("/catalog").json()["data"] == []


def test_a_deleted_item_sent_again_by_its_reference_is_created_anew_in_the_same_row(
    sandbox: SandboxHandle, api: httpx.Client
) -> None:
    item = create(api, latte(external_ref="1C-7")).json()["data"][0]
    synced(sandbox)
    api.delete(f"/catalog/{item['id']}")
    synced(sandbox)
    again = create(api, latte(external_ref="1C-7", selling_price=1800)).json()["data"][0]
    assert again["id"] == item["id"]
    one = api.get("/catalog", params={"ids[]": item["id"]}).json()["data"][0]
    assert (one["status"], one["selling_price"]) == ("pending", 1800)
    synced(sandbox)
    assert [(i["id"], i["status"]) for i in api.get("/catalog").json()["data"]] == [
        (item["id"], "active")
    ]

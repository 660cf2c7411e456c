"""Fixtures of the counter tests: a seeded sandbox catalog and counter screens on a data folder."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from pos_app.config import Config
from pos_app.paths import DataPaths
from pos_app.payments.apipay import ApiPayProvider
from pos_app.payments.transport import RetryPolicy
from pos_app.tasks import TaskRegistry
from pos_app.ui.counter import CounterScreen
from tests.fixtures.sandbox import SandboxHandle, make_sandbox

#: The items the tests sell: (name, price, unit_id, barcode, external_ref).
TEST_ITEMS: tuple[tuple[str, str, int, str, str | None], ...] = (
    ("Капучино", "1200.00", 1, "4870001000017", None),
    ("Латте", "1350.00", 1, "4870001000024", None),
    ("Чай зелёный", "650.00", 1, "4870001000031", None),
    ("Қымыз", "1500.00", 3, "4870001000048", None),
    ("Croissant", "890.50", 1, "4870001000055", "SKU-CR-1"),
    ("Ёжик шоколадный", "333.33", 1, "4870001000062", None),
)


@dataclass
class SeededCatalog:
    """Ids of the test items on the sandbox, by name."""

    ids: dict[str, int]
    image_url: str | None


def _png(color: tuple[int, int, int]) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (200, 160), color).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def catalog_sandbox(tmp_path: Path) -> Iterator[SandboxHandle]:
    """A real sandbox without the demo data, so the tests know every item in its catalog."""
    server = make_sandbox(tmp_path / "catalog-sandbox", seed_demo_data=False)
    handle = SandboxHandle(server)
    try:
        yield handle
    finally:
        handle.close()
        server.stop()


@pytest.fixture
def seeded(catalog_sandbox: SandboxHandle, qtbot: Any) -> SeededCatalog:
    """The sandbox with :data:`TEST_ITEMS` active in its catalog (the first one with a picture)."""
    sandbox = catalog_sandbox
    with sandbox.api() as api:
        upload = api.post(
            "/catalog/upload-image", files={"image": ("cup.png", _png((180, 110, 60)), "image/png")}
        )
        upload.raise_for_status()
        image_id = upload.json()["image_id"]
        items = []
        for n, (name, price, unit_id, barcode, ref) in enumerate(TEST_ITEMS):
            item: dict[str, Any] = {
                "name": name,
                "selling_price": price,
                "unit_id": unit_id,
                "barcode": barcode,
            }
            if ref:
                item["external_ref"] = ref
            if n == 0:
                item["image_id"] = image_id
            items.append(item)
        created = api.post("/catalog", json={"items": items})
        assert created.status_code in (200, 201, 202), created.text
        sandbox.advance(5)  # the sandbox activates queued items after catalog_sync_seconds

        def all_active() -> bool:
            listed = api.get("/catalog", params={"per_page": 200}).json()["data"]
            names = {row["name"] for row in listed if row.get("status", "active") == "active"}
            return all(name in names for name, *_ in TEST_ITEMS)

        qtbot.waitUntil(all_active, timeout=15_000)
        listed = api.get("/catalog", params={"per_page": 200}).json()["data"]
    ids = {row["name"]: int(row["id"]) for row in listed}
    image_url = next((row.get("image_url") for row in listed if row["name"] == "Капучино"), None)
    return SeededCatalog(ids=ids, image_url=image_url)


@dataclass
class Context:
    """What the shell hands to ``CounterScreen`` (``AppContext``'s counter-relevant part)."""

    config: Config
    provider: Any
    data_dir: Path
    spawn: Callable[..., Any]


@pytest.fixture
def make_counter(
    tmp_path: Path, qtbot: Any, run_async: Callable[..., Any]
) -> Iterator[Callable[..., CounterScreen]]:
    """``make_counter(provider, data_dir=…)``: a shown counter screen; closed after the test."""
    made: list[tuple[CounterScreen, TaskRegistry]] = []

    def make(provider: Any, data_dir: Path | None = None) -> CounterScreen:
        folder = data_dir or tmp_path / "data"
        paths = DataPaths(folder).ensure()
        registry = TaskRegistry()
        context = Context(
            config=Config(paths.settings_file),
            provider=provider,
            data_dir=folder,
            spawn=registry.spawn,
        )
        screen = CounterScreen(context)
        qtbot.addWidget(screen)
        screen.resize(1280, 800)
        screen.show()
        made.append((screen, registry))
        return screen

    yield make
    for screen, registry in made:
        close_counter(screen, registry, run_async)


def close_counter(screen: CounterScreen, registry: TaskRegistry, run_async: Any) -> None:
    """Shut a screen down the way the shell does: stop tasks, then close what it opened."""
    run_async(registry.cancel_all())
    if not getattr(screen, "_closed_for_test", False):
        screen._closed_for_test = True  # type: ignore[attr-defined]
        run_async(screen.aclose())


def make_provider(base_url: str, api_key: str) -> ApiPayProvider:
    """An ApiPay client that does not retry (an offline test should fail fast)."""
    return ApiPayProvider.from_key(
        api_key,
        base_url=base_url,
        rate_limit_per_minute=10_000,
        retry=RetryPolicy(max_attempts=1),
    )


@pytest.fixture
def provider(
    catalog_sandbox: SandboxHandle, run_async: Callable[..., Any]
) -> Iterator[ApiPayProvider]:
    """An ApiPay client for :func:`catalog_sandbox`, closed after the test."""
    client = make_provider(catalog_sandbox.base_url, catalog_sandbox.api_key)
    yield client
    run_async(client.aclose())

"""Demo data: a Kazakh coffee shop / minimarket, so a new user's sandbox is not empty.

Seeded at start when ``config.seed_demo_data`` is set and the catalog and the invoices are
empty (and again after ``POST /_sandbox/reset``):

* 42 catalog items with Kazakh / Russian names, tenge prices, units шт / кг / л and EAN-13
  barcodes with valid check digits (``487…`` for packaged goods, in-store ``20…`` codes for
  drinks made at the counter and goods sold by weight);
* a picture per item: a flat illustration by category (cup, bottle, carton, loaf, fruit, box)
  in the item's own colour, drawn with Pillow on first request and cached in the data folder;
* past sales over the last 7 days (paid, some expired / cancelled, phone and QR), with a few
  full and partial refunds, through ``invoices.seed_invoice`` and ``refunds.seed_refund``.

Everything is deterministic (a fixed random seed), so screenshots and tests are repeatable.
"""

from __future__ import annotations

import io
import logging
import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from functools import partial
from typing import Any

from PIL import Image, ImageDraw
from starlette.routing import BaseRoute

from pos_app.sandbox import catalog, invoices, refunds
from pos_app.sandbox.engine import SandboxEngine

log = logging.getLogger(__name__)

PIECE, KG, LITRE = 1, 2, 3
IMAGE_NAMESPACE = uuid.UUID("6f1c2b9e-3f55-4d1a-9a57-0c1d2e3f4a5b")
SIDE = 512
_SCALE = 2  # drawn at twice the size and scaled down: smooth edges without an AA library


@dataclass(frozen=True)
class DemoItem:
    """One product of the demo shop."""

    key: str
    name: str  # "Kazakh / Russian" as a bilingual shop labels it; one word when both agree
    price: int  # tenge
    unit_id: int
    shape: str  # cup, bottle, carton, loaf, fruit, box
    colour: str  # "#rrggbb"
    packaged: bool  # has a manufacturer's barcode (else an in-store code)


ITEMS: tuple[DemoItem, ...] = (
    DemoItem("espresso", "Эспрессо", 700, PIECE, "cup", "#6b3e26", False),
    DemoItem("americano", "Американо", 900, PIECE, "cup", "#4a2c1a", False),
    DemoItem("cappuccino", "Капучино", 1200, PIECE, "cup", "#c8a27a", False),
    DemoItem("latte", "Латте", 1300, PIECE, "cup", "#d9b99b", False),
    DemoItem("raf", "Раф кофе", 1500, PIECE, "cup", "#e0c29f", False),
    DemoItem("flat-white", "Флэт уайт", 1400, PIECE, "cup", "#b88a5e", False),
    DemoItem("cocoa", "Какао", 1000, PIECE, "cup", "#7b4a2e", False),
    DemoItem("green-tea", "Көк шай / Зелёный чай", 600, PIECE, "cup", "#7fb24f", False),
    DemoItem("milk-tea", "Сүтті шай / Чай с молоком", 500, PIECE, "cup", "#b07d4f", False),
    DemoItem(
        "hot-chocolate", "Ыстық шоколад / Горячий шоколад", 1100, PIECE, "cup", "#5a3220", False
    ),
    DemoItem("bread", "Нан / Хлеб", 200, PIECE, "loaf", "#d9a05b", True),
    DemoItem("baursak", "Бауырсақ / Баурсаки", 2400, KG, "loaf", "#e0b36a", False),
    DemoItem("croissant", "Круассан", 800, PIECE, "loaf", "#e8b04a", False),
    DemoItem("bun", "Тоқаш / Булочка", 250, PIECE, "loaf", "#e3a857", False),
    DemoItem("samsa", "Самса", 450, PIECE, "loaf", "#d4954a", False),
    DemoItem("pirozhok", "Бәліш / Пирожок", 300, PIECE, "loaf", "#c98d47", False),
    DemoItem("water", "Су 0,5 л / Вода 0,5 л", 200, PIECE, "bottle", "#6ec1e4", True),
    DemoItem(
        "soda", "Газдалған су 1 л / Газированная вода 1 л", 350, PIECE, "bottle", "#3f8fc9", True
    ),
    DemoItem(
        "apple-juice", "Алма шырыны 1 л / Яблочный сок 1 л", 750, PIECE, "bottle", "#8fbf2f", True
    ),
    DemoItem(
        "orange-juice",
        "Апельсин шырыны 1 л / Апельсиновый сок 1 л",
        850,
        PIECE,
        "bottle",
        "#f59e0b",
        True,
    ),
    DemoItem("cola", "Кола 0,5 л", 450, PIECE, "bottle", "#c8102e", True),
    DemoItem("kumys", "Қымыз / Кумыс", 2500, LITRE, "bottle", "#d8cfb8", False),
    DemoItem("shubat", "Шұбат / Шубат", 2800, LITRE, "bottle", "#e6dcc3", False),
    DemoItem("milk", "Сүт 1 л / Молоко 1 л", 520, PIECE, "carton", "#4f8fd6", True),
    DemoItem("kefir", "Кефир 1 л", 560, PIECE, "carton", "#2fa39a", True),
    DemoItem("ayran", "Айран 1 л", 550, PIECE, "carton", "#5db0e0", True),
    DemoItem("sour-cream", "Қаймақ 20% / Сметана 20%", 650, PIECE, "carton", "#e0b84f", True),
    DemoItem("apples", "Алма / Яблоки", 790, KG, "fruit", "#d62d20", False),
    DemoItem("bananas", "Банан / Бананы", 990, KG, "fruit", "#f2c523", False),
    DemoItem("oranges", "Апельсин / Апельсины", 1150, KG, "fruit", "#ff8c1a", False),
    DemoItem("pears", "Алмұрт / Груши", 1090, KG, "fruit", "#a8c545", False),
    DemoItem("lemons", "Лимон / Лимоны", 1290, KG, "fruit", "#f7e04a", False),
    DemoItem("grapes", "Жүзім / Виноград", 1890, KG, "fruit", "#7b3fa8", False),
    DemoItem("tomatoes", "Қызанақ / Помидоры", 1190, KG, "fruit", "#e5383b", False),
    DemoItem("cucumbers", "Қияр / Огурцы", 890, KG, "fruit", "#3f8f2a", False),
    DemoItem("sugar", "Қант 1 кг / Сахар 1 кг", 520, PIECE, "box", "#9aa5b1", True),
    DemoItem(
        "tea", "Қара шай 100 пакет / Чай чёрный 100 пак.", 1450, PIECE, "box", "#2e7d32", True
    ),
    DemoItem("chocolate", "Шоколад", 650, PIECE, "box", "#8d5524", True),
    DemoItem("cookies", "Печенье", 480, PIECE, "box", "#c98b4f", True),
    DemoItem("rice", "Күріш 1 кг / Рис 1 кг", 780, PIECE, "box", "#c7b98f", True),
    DemoItem("eggs", "Жұмыртқа 10 дана / Яйца 10 шт", 850, PIECE, "box", "#e6b980", True),
    DemoItem("pasta", "Макарон 400 г / Макароны 400 г", 390, PIECE, "box", "#e9a93a", True),
)


# --------------------------------------------------------------------------------------------
# Barcodes


def ean13_check_digit(first12: str) -> int:
    """The EAN-13 check digit: weights 1, 3, 1, 3 … over the first 12 digits."""
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(first12))
    return (10 - total % 10) % 10


def demo_barcode(index: int, packaged: bool) -> str:
    """A valid EAN-13: ``487`` (Kazakhstan) + a maker code, or an in-store ``20…`` code."""
    first12 = f"4870123{index:05d}" if packaged else f"2000000{index:05d}"
    return first12 + str(ean13_check_digit(first12))


# --------------------------------------------------------------------------------------------
# Pictures


def _rgb(colour: str) -> tuple[int, int, int]:
    value = int(colour.lstrip("#"), 16)
    return (value >> 16) & 255, (value >> 8) & 255, value & 255


def _mix(a: tuple[int, int, int], b: tuple[int, int, int], t: float) -> tuple[int, int, int]:
    """``a`` moved towards ``b`` by ``t`` (0..1)."""
    r, g, bl = (round(x + (y - x) * t) for x, y in zip(a, b, strict=True))
    return r, g, bl


WHITE = (255, 255, 255)
INK = (60, 45, 40)


def _cup(d: ImageDraw.ImageDraw, c: tuple[int, int, int], s: int) -> None:
    d.ellipse((s * 0.16, s * 0.70, s * 0.84, s * 0.86), fill=_mix(WHITE, INK, 0.08))  # saucer
    d.ellipse((s * 0.60, s * 0.40, s * 0.82, s * 0.62), outline=WHITE, width=int(s * 0.045))
    d.rounded_rectangle((s * 0.24, s * 0.34, s * 0.66, s * 0.76), radius=s * 0.09, fill=WHITE)
    d.ellipse((s * 0.24, s * 0.29, s * 0.66, s * 0.41), fill=_mix(WHITE, INK, 0.1))
    d.ellipse((s * 0.27, s * 0.305, s * 0.63, s * 0.395), fill=c)  # the drink
    d.ellipse((s * 0.36, s * 0.325, s * 0.54, s * 0.375), fill=_mix(c, WHITE, 0.55))
    d.rectangle((s * 0.24, s * 0.52, s * 0.66, s * 0.58), fill=c)  # a band in the item colour
    for x in (0.36, 0.45, 0.54):  # steam
        d.arc((s * x, s * 0.10, s * (x + 0.07), s * 0.26), 100, 260, fill=WHITE, width=s // 70)


def _bottle(d: ImageDraw.ImageDraw, c: tuple[int, int, int], s: int) -> None:
    d.rounded_rectangle((s * 0.43, s * 0.08, s * 0.57, s * 0.16), radius=s * 0.02, fill=INK)
    d.rectangle((s * 0.45, s * 0.15, s * 0.55, s * 0.28), fill=_mix(c, WHITE, 0.35))
    d.rounded_rectangle((s * 0.32, s * 0.26, s * 0.68, s * 0.88), radius=s * 0.1, fill=c)
    d.rectangle((s * 0.32, s * 0.48, s * 0.68, s * 0.68), fill=WHITE)
    d.ellipse((s * 0.44, s * 0.53, s * 0.56, s * 0.63), fill=c)
    d.rounded_rectangle(
        (s * 0.37, s * 0.31, s * 0.42, s * 0.45), radius=s * 0.02, fill=_mix(c, WHITE, 0.5)
    )


def _carton(d: ImageDraw.ImageDraw, c: tuple[int, int, int], s: int) -> None:
    d.polygon(
        [(s * 0.30, s * 0.30), (s * 0.50, s * 0.14), (s * 0.70, s * 0.30)], fill=_mix(c, INK, 0.2)
    )
    d.rectangle((s * 0.46, s * 0.10, s * 0.54, s * 0.16), fill=_mix(c, INK, 0.3))
    d.rectangle((s * 0.30, s * 0.30, s * 0.70, s * 0.86), fill=WHITE)
    d.rectangle((s * 0.30, s * 0.62, s * 0.70, s * 0.86), fill=c)
    d.ellipse((s * 0.40, s * 0.38, s * 0.60, s * 0.58), fill=c)
    d.ellipse((s * 0.455, s * 0.435, s * 0.545, s * 0.525), fill=WHITE)


def _loaf(d: ImageDraw.ImageDraw, c: tuple[int, int, int], s: int) -> None:
    d.ellipse((s * 0.14, s * 0.66, s * 0.86, s * 0.84), fill=_mix(WHITE, INK, 0.08))  # board
    d.chord((s * 0.16, s * 0.30, s * 0.84, s * 1.02), 180, 360, fill=c)
    d.rectangle((s * 0.16, s * 0.655, s * 0.84, s * 0.75), fill=_mix(c, INK, 0.15))
    for x in (0.30, 0.44, 0.58):  # scores on the crust
        d.arc(
            (s * x, s * 0.38, s * (x + 0.14), s * 0.62),
            200,
            320,
            fill=_mix(c, WHITE, 0.45),
            width=s // 60,
        )


def _fruit(d: ImageDraw.ImageDraw, c: tuple[int, int, int], s: int) -> None:
    d.ellipse((s * 0.24, s * 0.78, s * 0.76, s * 0.88), fill=_mix(WHITE, INK, 0.1))  # shadow
    d.line((s * 0.50, s * 0.30, s * 0.53, s * 0.16), fill=INK, width=s // 40)  # stem
    d.ellipse((s * 0.53, s * 0.14, s * 0.72, s * 0.26), fill=(86, 160, 60))  # leaf
    d.ellipse((s * 0.22, s * 0.28, s * 0.78, s * 0.84), fill=c)
    d.ellipse((s * 0.33, s * 0.38, s * 0.45, s * 0.52), fill=_mix(c, WHITE, 0.55))  # shine


def _box(d: ImageDraw.ImageDraw, c: tuple[int, int, int], s: int) -> None:
    d.polygon(
        [(s * 0.22, s * 0.34), (s * 0.34, s * 0.22), (s * 0.80, s * 0.22), (s * 0.68, s * 0.34)],
        fill=_mix(c, WHITE, 0.3),
    )
    d.polygon(
        [(s * 0.68, s * 0.34), (s * 0.80, s * 0.22), (s * 0.80, s * 0.74), (s * 0.68, s * 0.86)],
        fill=_mix(c, INK, 0.3),
    )
    d.rectangle((s * 0.22, s * 0.34, s * 0.68, s * 0.86), fill=c)
    d.rounded_rectangle((s * 0.28, s * 0.48, s * 0.62, s * 0.68), radius=s * 0.03, fill=WHITE)
    d.line((s * 0.33, s * 0.58, s * 0.57, s * 0.58), fill=c, width=s // 45)


SHAPES: dict[str, Callable[[ImageDraw.ImageDraw, tuple[int, int, int], int], None]] = {
    "cup": _cup,
    "bottle": _bottle,
    "carton": _carton,
    "loaf": _loaf,
    "fruit": _fruit,
    "box": _box,
}


def draw_item(item: DemoItem) -> bytes:
    """The item's picture as JPEG bytes: its category's shape in its colour on a soft tint."""
    colour = _rgb(item.colour)
    size = SIDE * _SCALE
    image = Image.new("RGB", (size, size), _mix(colour, WHITE, 0.82))
    draw = ImageDraw.Draw(image)
    draw.ellipse(
        (size * 0.08, size * 0.08, size * 0.92, size * 0.92), fill=_mix(colour, WHITE, 0.92)
    )
    SHAPES[item.shape](draw, colour, size)
    image = image.resize((SIDE, SIDE), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=88, optimize=True)
    return out.getvalue()


def image_id_for(item: DemoItem) -> str:
    """A stable image id per demo item (the same after every reset)."""
    return str(uuid.uuid5(IMAGE_NAMESPACE, item.key))


# --------------------------------------------------------------------------------------------
# Seeding


def _table_empty(engine: SandboxEngine, table: str) -> bool:
    row = engine.store.one(f"SELECT COUNT(*) AS n FROM {table}")  # table names are constants here
    return row is None or int(row["n"]) == 0


def seed_catalog(engine: SandboxEngine) -> dict[str, int]:
    """Insert the demo items (active, with pictures); returns key → item id."""
    ids: dict[str, int] = {}
    created = engine.clock.now() - timedelta(days=30)
    for index, item in enumerate(ITEMS, start=1):
        image_id = image_id_for(item)
        catalog.reserve_image(engine, image_id)
        catalog.register_lazy_image(engine, image_id, partial(draw_item, item))
        ids[item.key] = catalog.insert_item(
            engine,
            name=item.name,
            price=Decimal(item.price),
            unit_id=item.unit_id,
            barcode=demo_barcode(index, item.packaged),
            image_id=image_id,
            external_ref=f"demo-{item.key}",
            created_at=(created + timedelta(minutes=index)).timestamp(),
        )
    return ids


def _phone(rng: random.Random) -> str:
    """A sandbox phone that has Kaspi (the sandbox says no for numbers ending in 00)."""
    while True:
        phone = "8" + rng.choice(("700", "701", "702", "705", "707", "747", "771", "775", "778"))
        phone += f"{rng.randrange(10_000_000):07d}"
        if not phone.endswith("00") and phone != "87770000002":
            return phone


def seed_sales(engine: SandboxEngine, ids: dict[str, int], days: int = 7) -> tuple[int, int]:
    """Past sales and a few refunds over the last ``days`` days; returns (sales, refunds)."""
    rng = random.Random(20240901)  # fixed: the same history every time
    now = engine.clock.now()
    by_key = {item.key: item for item in ITEMS}
    keys = list(ids)
    coffee = [k for k in keys if by_key[k].shape == "cup"]
    paid: list[tuple[int, datetime, list[dict[str, Any]]]] = []
    sales = 0
    for day in range(days, -1, -1):
        base = (now - timedelta(days=day)).replace(hour=3, minute=0, second=0, microsecond=0)
        for _ in range(rng.randint(5, 9)):
            # 08:00–21:00 in Almaty (UTC+5) is 03:00–16:00 UTC
            at = base + timedelta(minutes=rng.randrange(13 * 60), seconds=rng.randrange(60))
            if at >= now - timedelta(minutes=5):
                continue
            picks = rng.sample(keys, rng.randint(1, 3))
            if rng.random() < 0.5:  # most customers of a coffee shop take a coffee
                picks = list(dict.fromkeys([rng.choice(coffee), *picks]))
            lines = [
                {
                    "catalog_item_id": ids[k],
                    "name": by_key[k].name,
                    "price": Decimal(by_key[k].price),
                    "count": rng.randint(1, 2) if by_key[k].unit_id == PIECE else 1,
                    "unit_id": by_key[k].unit_id,
                    "barcode": demo_barcode(keys.index(k) + 1, by_key[k].packaged),
                }
                for k in picks
            ]
            roll = rng.random()
            status = "paid" if roll < 0.86 else "expired" if roll < 0.94 else "cancelled"
            is_qr = rng.random() < 0.45
            invoice_id = invoices.seed_invoice(
                engine,
                status=status,
                created_at=at,
                phone=None if is_qr else _phone(rng),
                items=lines,
                discount_percentage=rng.choice((5, 10)) if rng.random() < 0.15 else None,
                is_qr=is_qr,
                description="Покупка в «" + engine.config.shop_name + "»",
            )
            sales += 1
            if status == "paid":
                paid.append((invoice_id, at, lines))
    refunded = 0
    for invoice_id, at, lines in rng.sample(paid, min(4, len(paid))):
        when = min(at + timedelta(hours=rng.randint(1, 20)), now - timedelta(minutes=1))
        if refunded % 2 == 0 or len(lines) == 1:
            refunds.seed_refund(engine, invoice_id, created_at=when, reason="Клиент передумал")
        else:
            line = lines[0]
            refunds.seed_refund(
                engine,
                invoice_id,
                created_at=when,
                items=[{"catalog_item_id": line["catalog_item_id"], "count": 1}],
                reason="Возврат одной позиции",
            )
        refunded += 1
    return sales, refunded


def seed(engine: SandboxEngine) -> None:
    """Seed the demo shop if the catalog and the sales history are both empty."""
    if not engine.config.seed_demo_data:
        return
    if not (_table_empty(engine, "catalog_items") and _table_empty(engine, "invoices")):
        # the data folder already has a shop: only the pictures' drawers need registering
        for item in ITEMS:
            catalog.register_lazy_image(engine, image_id_for(item), partial(draw_item, item))
        return
    with engine.store.transaction():  # one commit: fast start-up
        ids = seed_catalog(engine)
        sales, refunded = seed_sales(engine, ids)
    log.info("demo data: %d items, %d sales, %d refunds", len(ids), sales, refunded)


def install(engine: SandboxEngine) -> list[BaseRoute]:
    """Seed now, and again after every reset (this module installs last: tables exist)."""
    seed(engine)
    engine.on_reset(lambda: seed(engine))
    return []

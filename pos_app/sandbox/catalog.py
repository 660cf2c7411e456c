"""Sandbox routes: the product catalog (units, items, images).

Items follow the production life cycle the app must show: ``POST /catalog`` answers ``202`` with
items ``pending``; the ticker activates them after ``config.catalog_sync_seconds`` of sandbox
time (``catalog.item_processed`` webhook). ``DELETE`` puts an item in ``deleting`` and the
ticker finishes it (``deleted``: gone from the default listing). With
``catalog_sync_seconds <= 0`` the sandbox answers as the published sandbox does: ``201`` with
items active at once, ``200`` for update and delete.

Images (``POST /catalog/upload-image``) are checked and re-encoded with Pillow (JPEG ≤ 512 px)
and de-duplicated by the MD5 of the result; they are served without a key at
``/catalog-images/<image_id>.jpg`` (the item's ``image_url``), as a CDN would.

Public helpers other sandbox modules use: :func:`get_item` (pricing ``cart_items``),
:func:`read_json`, :func:`meta_page`, :func:`json_answer` and :func:`store_image`.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import re
import uuid
import weakref
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from PIL import Image, UnidentifiedImageError
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import BaseRoute, Route

from pos_app.sandbox.clock import iso
from pos_app.sandbox.engine import SandboxEngine
from pos_app.sandbox.http import business_error, money, validation_error

API = "/api/v1"
IMAGE_ROUTE = "/catalog-images"

#: Kaspi's units of measure (``GET /catalog/units``): id, name, Kazakh name, short label.
UNITS: tuple[tuple[int, str, str, str], ...] = (
    (1, "штука", "дана", "шт"),
    (2, "килограмм", "килограмм", "кг"),
    (3, "литр", "литр", "л"),
    (4, "грамм", "грамм", "г"),
    (5, "метр", "метр", "м"),
    (6, "упаковка", "қаптама", "уп"),
    (7, "миллилитр", "миллилитр", "мл"),
    (8, "пара", "жұп", "пар"),
)
UNIT_SHORT = {uid: short for uid, _, _, short in UNITS}

MAX_BATCH = 100
SANDBOX_CATALOG_LIMIT = 1000
TARGETED_LIMIT = 200
MAX_IMAGE_BYTES = 6 * 1024 * 1024
MIN_SIDE, MAX_SIDE, MAX_PIXELS = 64, 6000, 12_000_000
STORED_SIDE = 512
STATUSES = ("active", "pending", "deleting", "deleted", "failed")

SCHEMA = """
CREATE TABLE IF NOT EXISTS catalog_images (
    id TEXT PRIMARY KEY,
    md5 TEXT UNIQUE,
    file TEXT NOT NULL,
    created_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS catalog_items (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kaspi_item_id TEXT,
    name TEXT NOT NULL,
    unit_id INTEGER NOT NULL,
    selling_price TEXT NOT NULL,
    image_id TEXT,
    barcode TEXT,
    ntin TEXT,
    gtin TEXT,
    external_ref TEXT,
    status TEXT NOT NULL,
    error_code TEXT,
    error_message TEXT,
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL,
    pending_op TEXT,
    sync_due_at REAL
);
CREATE INDEX IF NOT EXISTS catalog_items_due ON catalog_items (pending_op, sync_due_at);
"""

# Lazily drawn images (demo data): image_id → a function returning the JPEG bytes. Drawing 40
# pictures at every start would slow the sandbox down; they are drawn on first request instead.
_image_sources: weakref.WeakKeyDictionary[SandboxEngine, dict[str, Callable[[], bytes]]] = (
    weakref.WeakKeyDictionary()
)


# --------------------------------------------------------------------------------------------
# Shared helpers (used by the other modules of this author: subscriptions, organisations …)


class DecimalJSONResponse(JSONResponse):
    """JSON whose ``Decimal`` values are written as exact JSON numbers (``1800.50``).

    The standard encoder cannot write a ``Decimal`` as a number and going through ``float``
    would break the team's money rule, so decimals become marked strings that are unquoted
    after encoding.
    """

    _MARK = "\x00num:"
    _UNQUOTE = re.compile(r'"\\u0000num:(-?\d+(?:\.\d+)?)"')

    def render(self, content: Any) -> bytes:
        """Encode ``content`` (UTF-8, no ASCII escaping, decimals as numbers)."""
        text = json.dumps(_mark_decimals(content, self._MARK), ensure_ascii=False)
        return self._UNQUOTE.sub(r"\1", text).encode("utf-8")


def _mark_decimals(value: Any, mark: str) -> Any:
    if isinstance(value, Decimal):
        return f"{mark}{value}"
    if isinstance(value, dict):
        return {k: _mark_decimals(v, mark) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_mark_decimals(v, mark) for v in value]
    if isinstance(value, str):
        return value.replace("\x00", "")  # nothing a client sent can turn into a number
    return value


def json_answer(data: Any, status: int = 200) -> Response:
    """A JSON answer that may contain ``Decimal`` numbers."""
    return DecimalJSONResponse(data, status_code=status)


async def read_json(request: Request) -> tuple[dict[str, Any] | None, Response | None]:
    """The request's JSON object with numbers as ``Decimal``/``int``, or a 422 answer."""
    raw = await request.body()
    if not raw.strip():
        return {}, None
    try:
        data = json.loads(raw, parse_float=Decimal)
    except ValueError:
        return None, validation_error({"body": ["The request body must be valid JSON."]})
    if not isinstance(data, dict):
        return None, validation_error({"body": ["The request body must be a JSON object."]})
    return data, None


def as_decimal(value: Any) -> Decimal | None:
    """A JSON number (or numeric string) as ``Decimal``; ``None`` for anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, Decimal | int):
        return Decimal(value)
    if isinstance(value, str):
        try:
            result = Decimal(value.strip())
        except InvalidOperation:
            return None
        return result if result.is_finite() else None
    return None


def ts(epoch: float | None) -> str | None:
    """A stored epoch time as the 2.1 spec writes times (UTC ``+00:00``)."""
    if epoch is None:
        return None
    return iso(datetime.fromtimestamp(epoch, UTC))


def meta_page(request: Request, rows: Sequence[Any], page: int, per_page: int) -> dict[str, Any]:
    """The 2.1 meta envelope ``{data, links, meta}`` around one page of ``rows`` (all rows)."""
    total = len(rows)
    last_page = max(1, -(-total // per_page))
    start = (page - 1) * per_page
    data = list(rows[start : start + per_page])
    path = str(request.url.replace(query=""))

    def link(n: int) -> str:
        return f"{path}?page={n}&per_page={per_page}"

    return {
        "data": data,
        "links": {
            "first": link(1),
            "last": link(last_page),
            "prev": link(page - 1) if page > 1 else None,
            "next": link(page + 1) if page < last_page else None,
        },
        "meta": {
            "current_page": page,
            "from": start + 1 if data else None,
            "last_page": last_page,
            "path": path,
            "per_page": per_page,
            "to": start + len(data) if data else None,
            "total": total,
        },
    }


def page_params(request: Request, default_per_page: int, max_per_page: int) -> tuple[int, int]:
    """``page`` (≥ 1) and ``per_page`` (1..max) from the query; bad values fall back."""

    def get(name: str, default: int) -> int:
        try:
            return int(request.query_params.get(name, default))
        except ValueError:
            return default

    return max(1, get("page", 1)), max(1, min(max_per_page, get("per_page", default_per_page)))


# --------------------------------------------------------------------------------------------
# Public API for the other sandbox modules


def get_item(engine: SandboxEngine, item_id: int) -> dict[str, Any] | None:
    """A catalog item as invoices need it, or ``None`` when unknown or deleted.

    Returns:
        ``{"id", "name", "price" ("1500.00"), "unit" ("шт"), "unit_id", "status",
        "barcode", "image_url"}``; ``status`` may be ``pending``/``deleting``/``failed``, the
        caller decides whether such an item may be sold.
    """
    row = engine.store.one("SELECT * FROM catalog_items WHERE id = ?", (item_id,))
    if row is None or row["status"] == "deleted":
        return None
    return {
        "id": row["id"],
        "name": row["name"],
        "price": money(row["selling_price"]),
        "unit": UNIT_SHORT.get(row["unit_id"], "шт"),
        "unit_id": row["unit_id"],
        "status": row["status"],
        "barcode": row["barcode"],
        "image_url": _image_url(engine, row["image_id"]),
    }


def store_image(engine: SandboxEngine, data: bytes) -> str:
    """Check, re-encode and store an image; the same result bytes give the same id.

    Raises:
        ImageRejected: not a JPEG/PNG, or outside the allowed size.
    """
    jpeg = normalise_image(data)
    return _save_image(engine, jpeg)


def register_lazy_image(engine: SandboxEngine, image_id: str, draw: Callable[[], bytes]) -> None:
    """Serve ``image_id`` from ``draw()`` (JPEG bytes), drawn on first request and cached.

    The row must already exist in ``catalog_images`` (see :func:`reserve_image`).
    """
    _image_sources.setdefault(engine, {})[image_id] = draw


def reserve_image(engine: SandboxEngine, image_id: str) -> None:
    """Record an image id whose file is drawn later (:func:`register_lazy_image`)."""
    engine.store.execute(
        "INSERT OR IGNORE INTO catalog_images (id, md5, file, created_at) VALUES (?, NULL, ?, ?)",
        (image_id, f"{image_id}.jpg", engine.clock.now().timestamp()),
    )


def insert_item(
    engine: SandboxEngine,
    *,
    name: str,
    price: Decimal,
    unit_id: int,
    barcode: str | None = None,
    image_id: str | None = None,
    external_ref: str | None = None,
    active: bool = True,
    created_at: float | None = None,
) -> int:
    """Add one item directly (demo data); ``active`` items skip the sync queue."""
    now = engine.clock.now().timestamp()
    created = created_at if created_at is not None else now
    cur = engine.store.execute(
        "INSERT INTO catalog_items (name, unit_id, selling_price, image_id, barcode,"
        " external_ref, status, created_at, updated_at, pending_op, sync_due_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            name,
            unit_id,
            money(price),
            image_id,
            barcode,
            external_ref,
            "active" if active else "pending",
            created,
            created,
            None if active else "create",
            None if active else now + engine.config.catalog_sync_seconds,
        ),
    )
    item_id = int(cur.lastrowid or 0)
    if active:
        engine.store.execute(
            "UPDATE catalog_items SET kaspi_item_id = ? WHERE id = ?", (_kaspi_id(item_id), item_id)
        )
    return item_id


def item_count(engine: SandboxEngine) -> int:
    """How many items exist (any status)."""
    row = engine.store.one("SELECT COUNT(*) AS n FROM catalog_items")
    return int(row["n"]) if row else 0


class ImageRejected(ValueError):
    """An upload that is not an acceptable image; ``code`` is the API's error code."""

    def __init__(self, code: str, message: str, status: int = 422) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status


def normalise_image(data: bytes) -> bytes:
    """Check an upload as the spec says and re-encode it to JPEG ≤ 512×512.

    Raises:
        ImageRejected: ``file_too_large`` (413), ``invalid_file_type`` or ``image_rejected``.
    """
    if len(data) > MAX_IMAGE_BYTES:
        raise ImageRejected("file_too_large", "The image must not exceed 6 MB.", 413)
    try:
        with Image.open(io.BytesIO(data)) as probe:
            kind = probe.format
            width, height = probe.size
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise ImageRejected("invalid_file_type", "The file must be a JPEG or PNG image.") from exc
    if kind not in ("JPEG", "PNG"):
        raise ImageRejected("invalid_file_type", "The file must be a JPEG or PNG image.")
    if not (MIN_SIDE <= width <= MAX_SIDE and MIN_SIDE <= height <= MAX_SIDE):
        raise ImageRejected("image_rejected", "Image sides must be between 64 and 6000 pixels.")
    if width * height > MAX_PIXELS:
        raise ImageRejected("image_rejected", "The image must not exceed 12 megapixels.")
    try:
        with Image.open(io.BytesIO(data)) as img:
            img.load()
            rgb = _flatten(img)
    except (OSError, ValueError) as exc:  # truncated or corrupt despite a valid header
        raise ImageRejected("image_rejected", "The image file is damaged.") from exc
    rgb.thumbnail((STORED_SIDE, STORED_SIDE), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    rgb.save(out, "JPEG", quality=85, optimize=True)
    return out.getvalue()


def _flatten(img: Image.Image) -> Image.Image:
    """RGB on white (JPEG has no transparency)."""
    if img.mode in ("RGBA", "LA") or (img.mode == "P" and "transparency" in img.info):
        rgba = img.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return img.convert("RGB")


def _images_dir(engine: SandboxEngine) -> Path:
    path = engine.config.data_dir / "catalog_images"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _save_image(engine: SandboxEngine, jpeg: bytes) -> str:
    digest = hashlib.md5(jpeg).hexdigest()
    existing = engine.store.one("SELECT id FROM catalog_images WHERE md5 = ?", (digest,))
    if existing is not None:
        return str(existing["id"])
    image_id = str(uuid.uuid4())
    (_images_dir(engine) / f"{image_id}.jpg").write_bytes(jpeg)
    engine.store.execute(
        "INSERT INTO catalog_images (id, md5, file, created_at) VALUES (?, ?, ?, ?)",
        (image_id, digest, f"{image_id}.jpg", engine.clock.now().timestamp()),
    )
    return image_id


def _image_url(engine: SandboxEngine, image_id: str | None) -> str | None:
    if not image_id:
        return None
    return f"{engine.public_url}{IMAGE_ROUTE}/{image_id}.jpg"


def _kaspi_id(item_id: int) -> str:
    return f"SBX-{item_id:07d}"


# --------------------------------------------------------------------------------------------
# Answers


def _item_json(engine: SandboxEngine, row: Any, **markers: bool) -> dict[str, Any]:
    name: str = row["name"]
    body: dict[str, Any] = {
        "id": row["id"],
        "kaspi_item_id": row["kaspi_item_id"],
        "name": name,
        "unit_id": row["unit_id"],
        "selling_price": Decimal(row["selling_price"]),
        "date_added": ts(row["created_at"]),
        "image_url": _image_url(engine, row["image_id"]),
        "first_char": name[:1].upper() or None,
        "nds_percentage": None,
        "barcode": row["barcode"],
        "ntin": row["ntin"],
        "gtin": row["gtin"],
        "unified_goods_id": None,
        "external_ref": row["external_ref"],
        "ntin_missing": bool(row["barcode"]) and not row["ntin"],
        "matched_existing": markers.get("matched_existing", False),
        "status": row["status"],
        "error_message": row["error_message"],
        "created_at": ts(row["created_at"]),
        "synced_at": ts(row["updated_at"]),
    }
    if markers.get("name_differs"):
        body["name_differs"] = True
    if row["error_code"]:  # ErrorCode is not nullable in the spec: leave it out when empty
        body["error_code"] = row["error_code"]
    return body


def _not_found() -> Response:
    return business_error(404, "catalog_item_not_found", "Catalog item not found")


# --------------------------------------------------------------------------------------------
# Validation of one POST/PATCH item


def _check_fields(
    engine: SandboxEngine, item: dict[str, Any], *, partial: bool
) -> tuple[dict[str, Any], dict[str, list[str]], bool]:
    """Clean the fields of one item.

    Returns:
        (clean values, field → messages, whether the only problem is a too long barcode).
    """
    errors: dict[str, list[str]] = {}
    clean: dict[str, Any] = {}
    barcode_too_long = False

    if "name" in item or not partial:
        name = item.get("name")
        if not isinstance(name, str) or not name.strip():
            errors["name"] = ["The name field is required."]
        elif len(name) > 255:
            errors["name"] = ["The name may not be greater than 255 characters."]
        else:
            clean["name"] = name.strip()
    if "selling_price" in item or not partial:
        price = as_decimal(item.get("selling_price"))
        if price is None:
            errors["selling_price"] = ["The selling price must be a number."]
        elif price < Decimal("0.01"):
            errors["selling_price"] = ["The selling price must be at least 0.01."]
        elif price > Decimal("99999999.99") or price != price.quantize(Decimal("0.01")):
            errors["selling_price"] = ["The selling price must have at most two decimals."]
        else:
            clean["selling_price"] = price
    if "unit_id" in item or not partial:
        unit_id = item.get("unit_id")
        if isinstance(unit_id, bool) or not isinstance(unit_id, int):
            errors["unit_id"] = ["The unit id field is required."]
        elif unit_id not in UNIT_SHORT:
            errors["unit_id"] = ["The selected unit id is invalid."]
        else:
            clean["unit_id"] = unit_id
    if item.get("image_id") is not None:
        image_id = item["image_id"]
        known = isinstance(image_id, str) and engine.store.one(
            "SELECT id FROM catalog_images WHERE id = ?", (image_id,)
        )
        if not known:
            errors["image_id"] = ["The selected image id is invalid."]
        else:
            clean["image_id"] = image_id
    elif "image_id" in item and partial:
        errors["image_id"] = ["The image id must be a string."]
    if "barcode" in item:
        barcode = item["barcode"]
        if barcode is None or barcode == "":
            clean["barcode"] = None
        elif not isinstance(barcode, str):
            errors["barcode"] = ["The barcode must be a string."]
        elif len(barcode) > 32:
            barcode_too_long = True
            errors["barcode"] = ["The barcode may not be greater than 32 characters."]
        else:
            clean["barcode"] = barcode.strip()
    for field, limit in (("ntin", 50), ("gtin", 50), ("external_ref", 191)):
        if item.get(field) is not None:
            value = item[field]
            if not isinstance(value, str):
                errors[field] = [f"The {field} must be a string."]
            elif len(value) > limit:
                errors[field] = [f"The {field} may not be greater than {limit} characters."]
            else:
                clean[field] = value.strip() or None
    return clean, errors, barcode_too_long and len(errors) == 1


# --------------------------------------------------------------------------------------------
# Routes


def install(engine: SandboxEngine) -> list[BaseRoute]:
    """Create the catalog tables, register the sync ticker and return the routes."""
    engine.store.script(SCHEMA)
    sync_seconds = engine.config.catalog_sync_seconds

    engine.on_reset(lambda: engine.store.clear("catalog_items", "catalog_images", restart_ids=True))

    def sync() -> None:
        """Finish queued creates, updates and deletions whose time has come."""
        now = engine.clock.now().timestamp()
        due = engine.store.query(
            "SELECT * FROM catalog_items WHERE pending_op IS NOT NULL AND sync_due_at <= ?"
            " ORDER BY id",
            (now,),
        )
        for row in due:
            op = row["pending_op"]
            if op == "delete":
                engine.store.execute(
                    "UPDATE catalog_items SET status = 'deleted', pending_op = NULL,"
                    " sync_due_at = NULL, updated_at = ? WHERE id = ?",
                    (now, row["id"]),
                )
                continue
            engine.store.execute(
                "UPDATE catalog_items SET status = 'active', kaspi_item_id = ?, error_code = NULL,"
                " error_message = NULL, pending_op = NULL, sync_due_at = NULL, updated_at = ?"
                " WHERE id = ?",
                (row["kaspi_item_id"] or _kaspi_id(row["id"]), now, row["id"]),
            )
            _emit_processed(engine, row["id"])

    engine.add_ticker(sync)

    def queue(item_id: int, op: str) -> None:
        engine.store.execute(
            "UPDATE catalog_items SET pending_op = ?, sync_due_at = ? WHERE id = ?",
            (op, engine.clock.now().timestamp() + sync_seconds, item_id),
        )

    async def units(request: Request) -> Response:
        data = [{"id": uid, "name": name, "name_kaz": kaz} for uid, name, kaz, _ in UNITS]
        return json_answer({"data": data})

    async def list_items(request: Request) -> Response:
        q = request.query_params

        def many(name: str) -> list[str]:
            return [v for v in q.getlist(f"{name}[]") + q.getlist(name) if v != ""]

        statuses = many("statuses")
        bad = [s for s in statuses if s not in STATUSES]
        if bad:
            return validation_error({"statuses": ["The selected statuses is invalid."]})
        ids, barcodes = many("ids"), many("barcodes")
        ntins, refs = many("ntins"), many("external_refs")
        rows = engine.store.query(
            "SELECT * FROM catalog_items"
            " WHERE NOT (status = 'deleted' AND kaspi_item_id IS NULL) ORDER BY id"
        )
        targeted = bool(ids or barcodes or ntins or refs)
        if targeted:
            wanted = len(ids) + len(barcodes) + len(ntins) + len(refs)
            if wanted > TARGETED_LIMIT:
                return business_error(
                    422,
                    "catalog_match_overflow",
                    f"Too many values for a targeted request: {wanted} (limit {TARGETED_LIMIT}"
                    " in total over ntins/barcodes/ids/external_refs). Split the request.",
                )
            rows = [
                r
                for r in rows
                if str(r["id"]) in ids
                or (r["barcode"] and r["barcode"] in barcodes)
                or (r["ntin"] and r["ntin"] in ntins)
                or (r["external_ref"] and r["external_ref"] in refs)
            ]
            if statuses:
                rows = [r for r in rows if r["status"] in statuses]
        else:
            allowed = statuses or ["active"]
            rows = [r for r in rows if r["status"] in allowed]
        # The SQL LIKE/lower() of SQLite only folds ASCII; names are Cyrillic, so filter here.
        search = (q.get("search") or "").strip().casefold()
        if search:
            rows = [
                r for r in rows if search in r["name"].casefold() or (r["barcode"] or "") == search
            ]
        if q.get("barcode"):
            rows = [r for r in rows if r["barcode"] == q["barcode"]]
        first = (q.get("first_char") or "").strip().casefold()
        if first:
            rows = [r for r in rows if r["name"][:1].casefold() == first[:1]]
        if (q.get("without_ntin") or "").lower() in ("1", "true"):
            rows = [r for r in rows if not r["ntin"]]
        if targeted:
            return json_answer({"data": [_item_json(engine, r) for r in rows]})
        after = q.get("updated_after")
        if after:
            try:
                since = datetime.fromisoformat(after.replace("Z", "+00:00"))
            except ValueError:
                return validation_error({"updated_after": ["Not a valid date."]})
            if since.tzinfo is None:
                since = since.replace(tzinfo=UTC)
            rows = sorted(
                (r for r in rows if r["updated_at"] > since.timestamp()),
                key=lambda r: (r["updated_at"], r["id"]),
            )
        page, per_page = page_params(request, 50, 200)
        if "cursor" in q:
            return _keyset(request, engine, rows, q.get("cursor") or "", per_page)
        body = meta_page(request, [_item_json(engine, r) for r in rows], page, per_page)
        return json_answer(body)

    async def create_items(request: Request) -> Response:
        body, error = await read_json(request)
        if error is not None or body is None:
            return error or validation_error({"body": ["Invalid body."]})
        items = body.get("items")
        if not isinstance(items, list) or not items:
            return validation_error({"items": ["The items field is required."]})
        if len(items) > MAX_BATCH:
            return validation_error(
                {"items": [f"The items may not have more than {MAX_BATCH} items."]}
            )
        live = engine.store.one("SELECT COUNT(*) AS n FROM catalog_items WHERE status != 'deleted'")
        if live is not None and int(live["n"]) + len(items) > SANDBOX_CATALOG_LIMIT:
            return business_error(
                400,
                "sandbox_catalog_limit",
                f"The sandbox catalog is limited to {SANDBOX_CATALOG_LIMIT} items.",
            )
        data: list[dict[str, Any]] = []
        rejected: list[dict[str, Any]] = []
        with engine.store.transaction():
            for index, raw in enumerate(items):
                outcome = _create_one(engine, index, raw, sync_seconds)
                if "index" in outcome:
                    rejected.append(outcome)
                else:
                    data.append(outcome)
        return json_answer({"data": data, "rejected": rejected}, 202 if sync_seconds > 0 else 201)

    async def update_item(request: Request) -> Response:
        item_id = _path_id(request)
        row = _live_row(engine, item_id)
        if row is None:
            return _not_found()
        body, error = await read_json(request)
        if error is not None or body is None:
            return error or validation_error({"body": ["Invalid body."]})
        body.pop("external_ref", None)  # never changed by an update (spec)
        clean, errors, _ = _check_fields(engine, body, partial=True)
        deleted_image = body.get("is_image_deleted")
        if deleted_image is not None and not isinstance(deleted_image, bool):
            errors["is_image_deleted"] = ["The is image deleted field must be true or false."]
        if row["status"] == "deleting":
            errors.setdefault("id", []).append("The item is being deleted.")
        if errors:
            return validation_error(errors)
        if deleted_image:
            clean["image_id"] = None
        if "selling_price" in clean:
            clean["selling_price"] = money(clean["selling_price"])
        now = engine.clock.now().timestamp()
        sets = ", ".join(f"{k} = ?" for k in clean)
        with engine.store.transaction():
            if clean:
                engine.store.execute(
                    f"UPDATE catalog_items SET {sets}, updated_at = ? WHERE id = ?",
                    (*clean.values(), now, item_id),
                )
            if sync_seconds > 0:
                if row["status"] == "failed" and not row["kaspi_item_id"]:
                    # a rejected creation is sent again by PATCH (spec)
                    engine.store.execute(
                        "UPDATE catalog_items SET status = 'pending', error_code = NULL,"
                        " error_message = NULL WHERE id = ?",
                        (item_id,),
                    )
                    queue(item_id, "create")
                elif row["pending_op"] is None:
                    queue(item_id, "update")
            elif row["status"] == "failed":
                engine.store.execute(
                    "UPDATE catalog_items SET status = 'active', error_code = NULL,"
                    " error_message = NULL, kaspi_item_id = ? WHERE id = ?",
                    (_kaspi_id(item_id), item_id),
                )
        if sync_seconds > 0:
            return json_answer(
                {"message": "Catalog item update queued", "catalog_item_id": item_id}, 202
            )
        return json_answer({"message": "Catalog item updated", "catalog_item_id": item_id})

    async def delete_item(request: Request) -> Response:
        item_id = _path_id(request)
        row = _live_row(engine, item_id)
        if row is None:
            return _not_found()
        now = engine.clock.now().timestamp()
        if sync_seconds <= 0 or not row["kaspi_item_id"]:
            # never reached Kaspi (or the sandbox deletes at once): gone now
            engine.store.execute(
                "UPDATE catalog_items SET status = 'deleted', pending_op = NULL,"
                " sync_due_at = NULL, updated_at = ? WHERE id = ?",
                (now, item_id),
            )
            if sync_seconds <= 0:
                return json_answer({"message": "Catalog item deleted", "catalog_item_id": item_id})
        else:
            engine.store.execute(
                "UPDATE catalog_items SET status = 'deleting', updated_at = ? WHERE id = ?",
                (now, item_id),
            )
            queue(item_id, "delete")
        return json_answer(
            {"message": "Catalog item deletion queued", "catalog_item_id": item_id}, 202
        )

    async def upload_image(request: Request) -> Response:
        try:
            form = await request.form(max_part_size=MAX_IMAGE_BYTES + 1024)
        except Exception:  # any unreadable multipart body is the client's mistake
            return _upload_validation("The image field is required.")
        upload = form.get("image")
        if not isinstance(upload, UploadFile):
            return _upload_validation("The image field is required.")
        data = await upload.read(MAX_IMAGE_BYTES + 1)
        await form.close()
        try:
            image_id = store_image(engine, data)
        except ImageRejected as exc:
            return JSONResponse({"error": exc.code, "message": exc.message}, status_code=exc.status)
        return json_answer({"image_id": image_id})

    async def serve_image(request: Request) -> Response:
        name = request.path_params["name"]
        image_id = name.removesuffix(".jpg")
        row = engine.store.one("SELECT * FROM catalog_images WHERE id = ?", (image_id,))
        if row is None:
            return Response("not found", status_code=404, media_type="text/plain")
        path = _images_dir(engine) / row["file"]
        if not path.is_file():
            draw = _image_sources.get(engine, {}).get(image_id)
            if draw is None:
                return Response("not found", status_code=404, media_type="text/plain")
            jpeg = draw()
            path.write_bytes(jpeg)
            digest = hashlib.md5(jpeg).hexdigest()
            engine.store.execute(
                "UPDATE catalog_images SET md5 = ? WHERE id = ? AND NOT EXISTS"
                " (SELECT 1 FROM catalog_images WHERE md5 = ?)",
                (digest, image_id, digest),
            )
        return FileResponse(
            path, media_type="image/jpeg", headers={"Cache-Control": "max-age=3600"}
        )

    async def control_fail(request: Request) -> Response:
        """``POST /_sandbox/catalog/{id}/fail``: Kaspi rejects the item's pending sync."""
        item_id = _path_id(request)
        row = _live_row(engine, item_id)
        if row is None:
            return _not_found()
        body, _ = await read_json(request)
        body = body or {}
        code = str(body.get("error_code") or "kaspi_error")
        message = str(body.get("error_message") or "Kaspi rejected the item")
        engine.store.execute(
            "UPDATE catalog_items SET status = 'failed', error_code = ?, error_message = ?,"
            " pending_op = NULL, sync_due_at = NULL, updated_at = ? WHERE id = ?",
            (code, message, engine.clock.now().timestamp(), item_id),
        )
        _emit_processed(engine, item_id)
        fresh = engine.store.one("SELECT * FROM catalog_items WHERE id = ?", (item_id,))
        return json_answer(_item_json(engine, fresh))

    return [
        Route(f"{API}/catalog/units", units, methods=["GET"]),
        Route(f"{API}/catalog/upload-image", upload_image, methods=["POST"]),
        Route(f"{API}/catalog", list_items, methods=["GET"]),
        Route(f"{API}/catalog", create_items, methods=["POST"]),
        Route(f"{API}/catalog/{{id:int}}", update_item, methods=["PATCH"]),
        Route(f"{API}/catalog/{{id:int}}", delete_item, methods=["DELETE"]),
        Route(f"{IMAGE_ROUTE}/{{name}}", serve_image, methods=["GET"]),
        Route("/_sandbox/catalog/{id:int}/fail", control_fail, methods=["POST"]),
    ]


def _upload_validation(message: str) -> Response:
    return JSONResponse(
        {"error": "validation_error", "message": message, "errors": {"image": [message]}},
        status_code=422,
    )


def _path_id(request: Request) -> int:
    return int(request.path_params["id"])


def _live_row(engine: SandboxEngine, item_id: int) -> Any:
    row = engine.store.one("SELECT * FROM catalog_items WHERE id = ?", (item_id,))
    if row is None or row["status"] == "deleted":
        return None
    return row


def _keyset(
    request: Request, engine: SandboxEngine, rows: list[Any], cursor: str, per_page: int
) -> Response:
    """Keyset pagination: the cursor is the last id of the previous page (opaque to clients)."""
    after = 0
    if cursor:
        try:
            after = int(base64.urlsafe_b64decode(cursor.encode() + b"==").decode())
        except (ValueError, UnicodeDecodeError):
            return validation_error({"cursor": ["The cursor is invalid."]})
    rest = [r for r in rows if r["id"] > after]
    chunk = rest[:per_page]
    before = [r for r in rows if r["id"] <= after]

    def encode(n: int) -> str:
        return base64.urlsafe_b64encode(str(n).encode()).decode().rstrip("=")

    next_cursor = encode(chunk[-1]["id"]) if len(rest) > per_page else None
    prev_cursor = None
    if before:
        start = before[-per_page - 1]["id"] if len(before) > per_page else 0
        prev_cursor = encode(start)
    path = str(request.url.replace(query=""))
    return json_answer(
        {
            "data": [_item_json(engine, r) for r in chunk],
            "links": {
                "first": f"{path}?cursor=",
                "last": None,
                "prev": f"{path}?cursor={prev_cursor}" if prev_cursor is not None else None,
                "next": f"{path}?cursor={next_cursor}" if next_cursor else None,
            },
            "meta": {
                "path": path,
                "per_page": per_page,
                "next_cursor": next_cursor,
                "prev_cursor": prev_cursor,
            },
        }
    )


def _create_one(engine: SandboxEngine, index: int, raw: Any, sync_seconds: float) -> dict[str, Any]:
    """Create or match one POST item; a dict with ``index`` is a rejection."""
    if not isinstance(raw, dict):
        return _rejection(index, {}, {"item": ["Each item must be an object."]}, False)
    clean, errors, only_barcode = _check_fields(engine, raw, partial=False)
    if errors:
        return _rejection(index, raw, errors, only_barcode)
    now = engine.clock.now().timestamp()
    store = engine.store
    ref = clean.get("external_ref")
    if ref:
        row = store.one("SELECT * FROM catalog_items WHERE external_ref = ?", (ref,))
        if row is not None:
            return _merge_by_ref(engine, row, clean, now, sync_seconds)
    for field in ("barcode", "ntin"):
        value = clean.get(field)
        if not value:
            continue
        row = store.one(
            f"SELECT * FROM catalog_items WHERE {field} = ? AND status != 'deleted'"
            " ORDER BY id LIMIT 1",
            (value,),
        )
        if row is None:
            continue
        if row["name"] == clean["name"]:
            _fill(engine, row, clean, now, with_name=False)
            fresh = store.one("SELECT * FROM catalog_items WHERE id = ?", (row["id"],))
            return _item_json(engine, fresh, matched_existing=True)
        return _item_json(engine, row, matched_existing=True, name_differs=True)
    values = _creation_values(clean, now, sync_seconds)
    values.update(external_ref=ref, created_at=now)
    cur = store.execute(
        f"INSERT INTO catalog_items ({', '.join(values)})"
        f" VALUES ({', '.join('?' for _ in values)})",
        tuple(values.values()),
    )
    item_id = int(cur.lastrowid or 0)
    if values["status"] == "active":
        store.execute(
            "UPDATE catalog_items SET kaspi_item_id = ? WHERE id = ?", (_kaspi_id(item_id), item_id)
        )
    return _item_json(engine, store.one("SELECT * FROM catalog_items WHERE id = ?", (item_id,)))


def _creation_values(clean: dict[str, Any], now: float, sync_seconds: float) -> dict[str, Any]:
    """The columns an item gets when it is (re-)created from a validated request body.

    With a positive ``sync_seconds`` the item waits ``pending`` for the simulated Kaspi sync;
    otherwise it is active at once.
    """
    active = sync_seconds <= 0
    return {
        "name": clean["name"],
        "unit_id": clean["unit_id"],
        "selling_price": money(clean["selling_price"]),
        "image_id": clean.get("image_id"),
        "barcode": clean.get("barcode"),
        "ntin": clean.get("ntin"),
        "gtin": clean.get("gtin"),
        "status": "active" if active else "pending",
        "updated_at": now,
        "pending_op": None if active else "create",
        "sync_due_at": None if active else now + sync_seconds,
    }


def _merge_by_ref(
    engine: SandboxEngine, row: Any, clean: dict[str, Any], now: float, sync_seconds: float
) -> dict[str, Any]:
    """Tier 1 of match-and-merge: the client's own reference names an existing item."""
    store = engine.store
    if row["status"] == "failed":
        return _item_json(engine, row, matched_existing=True)
    if row["status"] == "deleted":  # re-issued: the same row goes through creation again
        values = _creation_values(clean, now, sync_seconds)
        values.update(error_code=None, error_message=None)
        store.execute(
            f"UPDATE catalog_items SET {', '.join(f'{k} = ?' for k in values)} WHERE id = ?",
            (*values.values(), row["id"]),
        )
    else:
        _fill(engine, row, clean, now, with_name=True)
    fresh = store.one("SELECT * FROM catalog_items WHERE id = ?", (row["id"],))
    return _item_json(engine, fresh, matched_existing=True)


def _fill(
    engine: SandboxEngine, row: Any, clean: dict[str, Any], now: float, *, with_name: bool
) -> None:
    """Update the price (and the name), fill empty identifiers; never touch external_ref."""
    values: dict[str, Any] = {"selling_price": money(clean["selling_price"])}
    if with_name:
        values["name"] = clean["name"]
    for field in ("barcode", "ntin", "gtin"):
        if clean.get(field) and not row[field]:
            values[field] = clean[field]
    sets = ", ".join(f"{k} = ?" for k in values)
    engine.store.execute(
        f"UPDATE catalog_items SET {sets}, updated_at = ? WHERE id = ?",
        (*values.values(), now, row["id"]),
    )


def _rejection(
    index: int, raw: dict[str, Any], errors: dict[str, list[str]], barcode_too_long: bool
) -> dict[str, Any]:
    def echo(field: str) -> str | None:
        value = raw.get(field)
        return value if isinstance(value, str) else None

    details = "; ".join(m for msgs in errors.values() for m in msgs)
    body: dict[str, Any] = {
        "index": index,
        "error_code": "barcode_too_long" if barcode_too_long else "catalog_item_invalid",
        "error_message": f"The item failed validation: {details} Fix the fields and send it again.",
        "name": echo("name"),
        "barcode": echo("barcode"),
        "external_ref": echo("external_ref"),
    }
    if not barcode_too_long:
        body["errors"] = errors
    return body


def _emit_processed(engine: SandboxEngine, item_id: int) -> None:
    """``catalog.item_processed`` for an item that became active or failed."""
    row = engine.store.one("SELECT * FROM catalog_items WHERE id = ?", (item_id,))
    if row is None:
        return
    engine.emit(
        "catalog.item_processed",
        {
            "event": "catalog.item_processed",
            "catalog_item": {
                "id": row["id"],
                "external_ref": row["external_ref"],
                "kaspi_item_id": row["kaspi_item_id"],
                "name": row["name"],
                "barcode": row["barcode"],
                "ntin": row["ntin"],
                "gtin": row["gtin"],
                "ntin_missing": bool(row["barcode"]) and not row["ntin"],
                "status": row["status"],
                "error_code": row["error_code"],
                "error_message": row["error_message"],
            },
            "timestamp": iso(engine.clock.now()),
        },
    )

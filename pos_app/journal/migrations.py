"""The journal's schema, one :class:`~pos_app.journal.db.Migration` per step.

Append new steps at the end with the next version number; never edit a step that has shipped
(a shop's database has already run it). The sales journal (checkout issue) goes in as version 3.
"""

from __future__ import annotations

from pos_app.journal.db import Migration

__all__ = ["MIGRATIONS"]

MIGRATIONS: list[Migration] = [
    Migration(
        version=1,
        name="catalog_cache",
        statements=(
            # Money as TEXT: Decimal round-trips exactly; SQLite REAL would be a float.
            """CREATE TABLE catalog_item (
                item_id    INTEGER PRIMARY KEY,
                name       TEXT    NOT NULL,
                price      TEXT    NOT NULL,
                unit       TEXT    NOT NULL,
                barcode    TEXT,
                sku        TEXT,
                image_url  TEXT,
                position   INTEGER NOT NULL
            )""",
            "CREATE INDEX catalog_item_barcode ON catalog_item(barcode)",
            """CREATE TABLE catalog_meta (
                key   TEXT PRIMARY KEY,
                value TEXT NOT NULL
            )""",
        ),
    ),
    Migration(
        version=2,
        name="carts",
        statements=(
            # One row per counter ("main"): the cart being rung up, saved on every change.
            """CREATE TABLE current_cart (
                counter    TEXT PRIMARY KEY,
                data       TEXT NOT NULL,
                updated_at TEXT NOT NULL
            )""",
            """CREATE TABLE parked_cart (
                parked_id  INTEGER PRIMARY KEY AUTOINCREMENT,
                counter    TEXT NOT NULL,
                label      TEXT NOT NULL DEFAULT '',
                total      TEXT NOT NULL,
                line_count INTEGER NOT NULL,
                data       TEXT NOT NULL,
                parked_at  TEXT NOT NULL
            )""",
        ),
    ),
]

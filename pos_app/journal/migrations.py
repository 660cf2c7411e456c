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
    Migration(
        version=3,
        name="sales_journal",
        statements=(
            # The write-ahead sales journal: a row is written (state "creating") *before* the
            # create request leaves, so a crash or a lost answer never loses a sale; sale_id is
            # the provider's external_order_id and idempotency key. Money as TEXT (Decimal).
            """CREATE TABLE sales (
                sale_id         TEXT PRIMARY KEY,
                provider        TEXT NOT NULL,
                method          TEXT NOT NULL CHECK (method IN ('phone', 'qr')),
                cart            TEXT NOT NULL,
                amount          TEXT NOT NULL,
                phone           TEXT,
                description     TEXT,
                payment_id      TEXT,
                status_raw      TEXT,
                state           TEXT NOT NULL,
                qr_url          TEXT,
                qr_expires_at   TEXT,
                error_code      TEXT,
                error_message   TEXT,
                group_id        TEXT NOT NULL,
                register_name   TEXT NOT NULL DEFAULT '',
                cashier_name    TEXT NOT NULL DEFAULT '',
                created_at      TEXT NOT NULL,
                updated_at      TEXT NOT NULL,
                final_at        TEXT
            )""",
            "CREATE INDEX sales_state ON sales(state)",
            "CREATE INDEX sales_group ON sales(group_id)",
            "CREATE INDEX sales_created ON sales(created_at)",
            """CREATE TABLE sale_events (
                event_id    INTEGER PRIMARY KEY AUTOINCREMENT,
                sale_id     TEXT NOT NULL REFERENCES sales(sale_id),
                at          TEXT NOT NULL,
                old_state   TEXT,
                new_state   TEXT NOT NULL,
                status_raw  TEXT,
                note        TEXT NOT NULL DEFAULT ''
            )""",
            "CREATE INDEX sale_events_sale ON sale_events(sale_id, event_id)",
        ),
    ),
    Migration(
        version=4,
        name="refund_journal",
        statements=(
            # The write-ahead refund journal (history issue): a row is written (state
            # "creating") before the refund request leaves, so a lost answer is reconciled
            # against the payment's refunds instead of being re-sent. Money as TEXT (Decimal).
            """CREATE TABLE refunds (
                refund_id           TEXT PRIMARY KEY,
                provider            TEXT NOT NULL,
                payment_id          TEXT NOT NULL,
                sale_id             TEXT,
                kind                TEXT NOT NULL CHECK (kind IN ('full', 'amount', 'items')),
                requested_amount    TEXT,
                items               TEXT NOT NULL DEFAULT '[]',
                reason              TEXT,
                state               TEXT NOT NULL,
                status_raw          TEXT,
                provider_refund_id  TEXT,
                amount              TEXT,
                error_code          TEXT,
                error_message       TEXT,
                register_name       TEXT NOT NULL DEFAULT '',
                cashier_name        TEXT NOT NULL DEFAULT '',
                created_at          TEXT NOT NULL,
                updated_at          TEXT NOT NULL,
                final_at            TEXT
            )""",
            "CREATE INDEX refunds_payment ON refunds(payment_id)",
            "CREATE INDEX refunds_state ON refunds(state)",
            """CREATE TABLE refund_events (
                event_id    INTEGER PRIMARY KEY AUTOINCREMENT,
                refund_id   TEXT NOT NULL REFERENCES refunds(refund_id),
                at          TEXT NOT NULL,
                old_state   TEXT,
                new_state   TEXT NOT NULL,
                status_raw  TEXT,
                note        TEXT NOT NULL DEFAULT ''
            )""",
            "CREATE INDEX refund_events_refund ON refund_events(refund_id, event_id)",
        ),
    ),
]

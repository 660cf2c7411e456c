"""Journal: local SQLite storage (WAL mode).

Lives here: the write-ahead sales journal (a sale is written before its create request), the
refund journal, the catalog cache, saved and parked carts, schema migrations.

May import: ``pos_app.domain`` and the standard library (sqlite3). Never Qt, ``payments``,
``services`` or ``ui``.
"""

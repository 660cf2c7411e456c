"""How long each keystroke's filter takes over a 10 000-item catalog (prints numbers).

Builds the real :class:`~pos_app.ui.models.CatalogModel` and :class:`CatalogView` offscreen,
then types a few queries character by character, timing the whole step a keystroke costs:
``SearchIndex.filter`` plus ``CatalogModel.set_visible_ids`` plus one round of event
processing (the view's batched relayout). Run::

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_catalog_search.py [N]
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Run from a checkout without installing: the repository root on the path.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtWidgets import QApplication

from pos_app.journal.catalog_cache import CatalogItem
from pos_app.services.catalog_search import SearchIndex
from pos_app.ui.catalog_view import CatalogDelegate, CatalogView
from pos_app.ui.models.catalog_model import CatalogModel

WORDS = (
    "Капучино", "Латте", "Американо", "Чай зелёный", "Қымыз", "Шұбат", "Croissant", "Ёжик",
    "Сок яблочный", "Вода", "Молоко", "Хлеб", "Сыр", "Бәліш", "Самса", "Шоколад", "Печенье",
)  # fmt: skip
QUERIES = ("капучино", "rfgexbyj", "ежик 12", "қымыз", "4870000001234", "самса 99")


def catalog(n: int) -> list[CatalogItem]:
    """``n`` items with varied names, prices and barcodes."""
    return [
        CatalogItem(
            item_id=i,
            name=f"{WORDS[i % len(WORDS)]} {i}",
            price=Decimal(100 + (i * 37) % 5000),
            unit="шт",
            barcode=f"48700{i:08d}",
        )
        for i in range(1, n + 1)
    ]


def main() -> None:
    """Build the model and view, type the queries, print per-keystroke timings."""
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    app = QApplication.instance() or QApplication(sys.argv)
    items = catalog(n)
    started = time.perf_counter()
    index = SearchIndex(items)
    model = CatalogModel()
    model.set_items(items)
    view = CatalogView()
    view.setModel(model)
    view.setItemDelegate(CatalogDelegate(None, view))
    view.resize(900, 700)
    view.show()
    app.processEvents()
    print(
        f"{n} items: index + model + first layout {1000 * (time.perf_counter() - started):.1f} ms"
    )

    all_times: list[float] = []
    for query in QUERIES:
        times: list[float] = []
        for length in range(1, len(query) + 1):
            t0 = time.perf_counter()
            model.set_visible_ids(index.filter(query[:length]))
            app.processEvents()
            times.append(1000 * (time.perf_counter() - t0))
        all_times.extend(times)
        print(
            f"{query!r:18} {len(times):2} keystrokes  median {statistics.median(times):6.2f} ms"
            f"  max {max(times):6.2f} ms  → {model.rowCount()} shown"
        )
        model.set_visible_ids(index.filter(""))
        app.processEvents()
    print(
        f"all keystrokes: median {statistics.median(all_times):.2f} ms, max {max(all_times):.2f} ms"
    )
    view.close()
    view.deleteLater()
    model.deleteLater()
    app.processEvents()


if __name__ == "__main__":
    main()

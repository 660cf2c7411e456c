"""Catalog search without Qt: forgiving matching and narrowing as the cashier types."""

from __future__ import annotations

from decimal import Decimal

from pos_app.journal.catalog_cache import CatalogItem
from pos_app.services.catalog_search import SearchIndex, normalize, query_variants


def test_normalize_folds_case_yo_and_kazakh_letters() -> None:
    assert normalize("  Ёлка  ЗЕЛЁНАЯ ") == "елка зеленая"
    assert normalize("ӘҒҚҢӨҰҮҺІ") == "агкноуухи"


def test_query_variants_read_the_other_layout() -> None:
    assert "капучино" in query_variants("rfgexbyj")
    assert "coffee" in query_variants("сщаауу")
    assert query_variants("4870001000017") == ["4870001000017"]


def _catalog(n: int) -> list[CatalogItem]:
    words = ["Капучино", "Латте", "Чай", "Қымыз", "Croissant", "Ёжик", "Сок", "Вода"]
    return [
        CatalogItem(
            item_id=i,
            name=f"{words[i % len(words)]} {i}",
            price=Decimal(100 + i % 900),
            unit="шт",
            barcode=f"48700{i:08d}",
        )
        for i in range(1, n + 1)
    ]


def test_typing_narrows_and_matches_a_full_scan() -> None:
    items = _catalog(10_000)
    index = SearchIndex(items)
    fresh = SearchIndex(items)
    for query in ("к", "ка", "кап", "капу", "капуч", "капучино 1", "капучино 12"):
        narrowed = index.filter(query)  # reuses the previous result
        assert narrowed == fresh.filter(query)  # …and agrees with a scan from scratch
        fresh.filter("")
    found = index.filter("капучино 12")
    assert found and all(items[i - 1].name.startswith("Капучино") for i in found)
    assert 120 in found  # "Капучино 120"


def test_words_in_any_order_and_exact_codes_first() -> None:
    items = _catalog(100)
    index = SearchIndex(items)
    assert index.filter("5 ежик") == index.filter("ёжик 5")
    assert index.filter("4870000000042")[0] == 42
    assert index.find_code("4870000000042") == 42
    assert index.find_code("42") == 42
    assert index.find_code("nope") is None

"""Forgiving catalog search: case, ё/е, Kazakh letters and the wrong keyboard layout.

A cashier types fast and on whatever layout the keyboard happens to be in. Each item gets one
precomputed *search key* (its name, barcode, SKU and id, normalised), and each query is expanded
into a few normalised *variants*; an item matches when every word of the query is a substring of
its key in at least one variant. Normalising:

* ``casefold()``;
* ``ё`` → ``е`` (Russian texts write either);
* Kazakh letters → the nearest Russian letter (``қ`` → ``к``, ``ә`` → ``а``, ``ү``/``ұ`` → ``у``,
  ``і`` → ``и`` …), so a cashier with a Russian-only keyboard finds "Қымыз" by typing "кымыз",
  and a query typed *with* Kazakh letters still matches;
* query variants: as typed, and the text re-read through the Russian ЙЦУКЕН ↔ US QWERTY layout
  in both directions (``rfgexbyj`` → ``капучино``, ``сщааууы`` → ``coffees``).

Speed: a search over 10 000 keys is a plain Python substring scan (a few milliseconds), and a
query that extends the previous one only rescans the previous result (typing narrows).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pos_app.journal.catalog_cache import CatalogItem

__all__ = ["SearchIndex", "normalize", "query_variants", "search_key"]

_RU = "йцукенгшщзхъфывапролджэячсмитьбюё"
_EN = "qwertyuiop[]asdfghjkl;'zxcvbnm,.`"
_EN_TO_RU = str.maketrans(_EN + _EN.upper(), _RU + _RU.upper())
_RU_TO_EN = str.maketrans(_RU + _RU.upper(), _EN + _EN.upper())

# After casefold(), so lower case is enough.
_FOLD = str.maketrans(
    {
        "ё": "е",
        "ә": "а",
        "ғ": "г",
        "қ": "к",
        "ң": "н",
        "ө": "о",
        "ұ": "у",
        "ү": "у",
        "һ": "х",
        "і": "и",
    }
)


def normalize(text: str) -> str:
    """Fold ``text`` for matching: casefold, ё → е, Kazakh letters → Russian, one space."""
    return " ".join(text.casefold().translate(_FOLD).split())


def search_key(item: CatalogItem) -> str:
    """The normalised text an item is found by: name, barcode, SKU, id (space separated)."""
    parts = [item.name, item.barcode or "", item.sku or "", str(item.item_id)]
    return normalize(" ".join(parts))


def query_variants(query: str) -> list[str]:
    """The normalised readings of a query: as typed and through the other keyboard layout.

    Digits are the same on both layouts, so a barcode stays itself in every variant.
    """
    variants = [normalize(query), normalize(query.translate(_EN_TO_RU))]
    variants.append(normalize(query.translate(_RU_TO_EN)))
    unique: list[str] = []
    for variant in variants:
        if variant not in unique:
            unique.append(variant)
    return unique


@dataclass
class _LastSearch:
    query: str
    ids: list[int]


class SearchIndex:
    """Precomputed search keys of a catalog, answering "which ids match this query"."""

    def __init__(self, items: Iterable[CatalogItem] = ()) -> None:
        """Index ``items`` (in display order)."""
        self._ids: list[int] = []
        self._keys: dict[int, str] = {}
        self._codes: dict[str, int] = {}
        self._last: _LastSearch | None = None
        self.rebuild(items)

    def rebuild(self, items: Iterable[CatalogItem]) -> None:
        """Re-index after the catalog changed."""
        self._ids = []
        self._keys = {}
        self._codes = {}
        self._last = None
        for item in items:
            self._ids.append(item.item_id)
            self._keys[item.item_id] = search_key(item)
            for code in (item.barcode, item.sku):
                if code:
                    self._codes.setdefault(code.strip().casefold(), item.item_id)
        for item_id in self._ids:
            self._codes.setdefault(str(item_id), item_id)

    def find_code(self, code: str) -> int | None:
        """The id of the item whose barcode, SKU or id is exactly ``code``."""
        return self._codes.get(code.strip().casefold())

    def filter(self, query: str) -> list[int]:
        """The ids matching ``query``, in display order, exact code matches first.

        Args:
            query: What the cashier typed; blank means every item.
        """
        query = query.strip()
        if not normalize(query):
            self._last = None
            return list(self._ids)
        # Typing narrows: a query that extends the previous one only needs its matches scanned.
        last = self._last
        candidates: Sequence[int] = self._ids
        # Every variant is a character-wise translation, so an extended query's matches are a
        # subset of the shorter one's.
        if last is not None and query.startswith(last.query):
            candidates = last.ids
        word_variants = [v.split() for v in query_variants(query)]
        keys = self._keys
        matches = [
            item_id
            for item_id in candidates
            if any(all(word in keys[item_id] for word in words) for words in word_variants)
        ]
        self._last = _LastSearch(query, matches)
        exact = self.find_code(query)
        if exact is not None and exact in matches and matches[0] != exact:
            return [exact, *(i for i in matches if i != exact)]
        return list(matches)

"""Catalog use-cases: the cached catalog, its background refresh, and item pictures.

The counter must open instantly and keep selling while the network is down, so the catalog is
read from the journal's cache first (:class:`CatalogService` loads it in its constructor) and
refreshed from the provider in the background (:meth:`CatalogService.refresh`, a coroutine on
the qasync loop). A failed refresh keeps the cache and says why (:attr:`CatalogService.syncFailed`).

Pictures (:class:`ImageStore`) come from a disk cache in the data folder or, once, over HTTP;
decoding them is the UI's job, in a worker thread.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Protocol, runtime_checkable
from urllib.parse import urljoin

import httpx
from PySide6.QtCore import QObject, Signal

from pos_app.journal.catalog_cache import CatalogCache, CatalogItem
from pos_app.services.catalog_search import SearchIndex

__all__ = [
    "CatalogItem",
    "CatalogService",
    "CatalogSource",
    "ImageStore",
    "ProviderCatalogSource",
    "catalog_source_for",
]

log = logging.getLogger("pos_app.services.catalog")


@runtime_checkable
class CatalogSource(Protocol):
    """Where the catalog comes from (the provider's catalog API, or a test double)."""

    async def fetch_catalog(self) -> Sequence[CatalogItem]:
        """The provider's whole active catalog, in display order.

        Raises:
            Exception: Any failure (network, provider); the service keeps its cache.
        """
        ...


# ApiPay names units in full ("штука"); a tile and a receipt line want the short form.
_SHORT_UNITS = {
    "штука": "шт",
    "штук": "шт",
    "килограмм": "кг",
    "грамм": "г",
    "литр": "л",
    "миллилитр": "мл",
    "метр": "м",
    "упаковка": "уп",
    "пачка": "пач",
    "порция": "порц",
}


class _ProviderItem(Protocol):
    id: int
    name: str
    selling_price: Decimal | None
    unit_id: int | None
    barcode: str | None
    external_ref: str | None
    image_url: str | None


class _ProviderUnit(Protocol):
    id: int
    name: str


class _ProviderPage(Protocol):
    @property
    def items(self) -> Sequence[_ProviderItem]: ...
    @property
    def has_more(self) -> bool: ...


class ProviderCatalog(Protocol):
    """What :class:`ProviderCatalogSource` needs of a provider's catalog (``ApiPayCatalog``)."""

    async def units(self) -> Sequence[_ProviderUnit]: ...

    async def list_items(self, *, page: int = 1, per_page: int = 50) -> _ProviderPage: ...


class ProviderCatalogSource:
    """A :class:`CatalogSource` over a provider's catalog API (``provider.catalog``)."""

    #: Pages are fetched until the provider says there are no more, but never beyond this, so a
    #: provider that always answers ``has_more`` cannot keep the refresh running forever.
    MAX_PAGES = 500
    PER_PAGE = 200

    def __init__(self, catalog: ProviderCatalog) -> None:
        """Read items through ``catalog``."""
        self._catalog = catalog

    async def fetch_catalog(self) -> list[CatalogItem]:
        """Every active item with a price, units resolved to short names."""
        try:
            units = {
                u.id: _SHORT_UNITS.get(u.name.strip().lower(), u.name.strip())
                for u in await self._catalog.units()
            }
        except Exception as exc:  # units are cosmetic: sell with "шт" rather than fail
            log.info("catalog units not loaded: %s", exc)
            units = {}
        items: list[CatalogItem] = []
        seen: set[int] = set()
        for page_number in range(1, self.MAX_PAGES + 1):
            page = await self._catalog.list_items(page=page_number, per_page=self.PER_PAGE)
            for raw in page.items:
                if raw.selling_price is None or raw.id in seen:
                    continue  # an item without a price cannot be sold at the counter
                seen.add(raw.id)
                items.append(
                    CatalogItem(
                        item_id=int(raw.id),
                        name=raw.name,
                        price=raw.selling_price,
                        unit=units.get(raw.unit_id, "шт") if raw.unit_id is not None else "шт",
                        barcode=raw.barcode or None,
                        sku=raw.external_ref or None,
                        image_url=raw.image_url or None,
                    )
                )
            if not page.has_more or not page.items:
                break
        return items


def catalog_source_for(provider: object) -> CatalogSource | None:
    """The catalog source of a payment provider, or ``None`` if it keeps no catalog."""
    capabilities = getattr(provider, "capabilities", None)
    catalog = getattr(provider, "catalog", None)
    if catalog is None or (capabilities is not None and not getattr(capabilities, "catalog", True)):
        return None
    if isinstance(catalog, CatalogSource):
        return catalog
    return ProviderCatalogSource(catalog)


class CatalogService(QObject):
    """The catalog the counter sells from: cached items, an exact-code index and refresh.

    Signals:
        itemsChanged: The item list was replaced (after a refresh brought something new).
        syncStateChanged(bool): A refresh started (``True``) or ended (``False``).
        syncFailed(str): A refresh failed; the argument is a short English reason for the log
            and the status line (the UI shows its own translated text).
    """

    itemsChanged = Signal()
    syncStateChanged = Signal(bool)
    syncFailed = Signal(str)

    def __init__(
        self,
        cache: CatalogCache,
        source: CatalogSource | None,
        parent: QObject | None = None,
    ) -> None:
        """Load the cache at once; ``source`` may be ``None`` (a provider without a catalog)."""
        super().__init__(parent)
        self._cache = cache
        self._source = source
        self._items: list[CatalogItem] = cache.load()
        self._by_id = {item.item_id: item for item in self._items}
        self.index = SearchIndex(self._items)
        self._refreshing = False
        self._last_error: str | None = None

    @property
    def last_error(self) -> str | None:
        """Why the last refresh failed (``None`` after a successful one, or before any)."""
        return self._last_error

    @property
    def items(self) -> list[CatalogItem]:
        """Every item, in display order."""
        return self._items

    @property
    def has_source(self) -> bool:
        """Whether there is a provider catalog to refresh from."""
        return self._source is not None

    @property
    def refreshing(self) -> bool:
        """A refresh is running."""
        return self._refreshing

    def synced_at(self) -> datetime | None:
        """When the cache was last filled from the provider (``None``: never)."""
        return self._cache.synced_at()

    def item(self, item_id: int) -> CatalogItem | None:
        """The item with ``item_id``, if the catalog has it."""
        return self._by_id.get(item_id)

    def find_code(self, code: str) -> CatalogItem | None:
        """The item whose barcode, SKU or id is exactly ``code`` (what a scanner reads)."""
        item_id = self.index.find_code(code)
        return None if item_id is None else self._by_id.get(item_id)

    def set_items(self, items: Sequence[CatalogItem]) -> None:
        """Replace the items (and the cache) with ``items``; emits ``itemsChanged``."""
        self._cache.replace(items)
        self._apply(list(items))

    def _apply(self, items: list[CatalogItem]) -> None:
        self._items = items
        self._by_id = {item.item_id: item for item in items}
        self.index.rebuild(items)
        self.itemsChanged.emit()

    async def refresh(self) -> bool:
        """Fetch the catalog from the provider and replace the cache if it changed.

        Returns:
            ``True`` if the provider answered (changed or not), ``False`` if the refresh failed
            or there is no source.
        """
        if self._source is None or self._refreshing:
            return False
        self._refreshing = True
        self.syncStateChanged.emit(True)
        try:
            items = list(await self._source.fetch_catalog())
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # any provider/network failure: keep selling from the cache
            log.warning("catalog refresh failed: %s", exc)
            self._last_error = str(exc) or type(exc).__name__
            self.syncFailed.emit(self._last_error)
            return False
        finally:
            # Before the signal: a slot may read ``refreshing``/``last_error``.
            self._refreshing = False
            self.syncStateChanged.emit(False)
        self._last_error = None
        if items != self._items:
            self._cache.replace(items)
            self._apply(items)
        else:
            self._cache.replace(items)  # records the sync time
        return True


class ImageStore:
    """Item pictures as bytes: from the disk cache, or fetched once over HTTP and cached.

    The disk cache is keyed by the SHA-256 of the absolute URL, so a changed picture (a new URL)
    is fetched again. Fetches never carry the provider's API key: picture URLs may point to a CDN.
    """

    def __init__(self, cache_dir: Path, base_url: str | None = None, timeout: float = 15) -> None:
        """Cache pictures in ``cache_dir``; relative URLs are resolved against ``base_url``."""
        self._dir = cache_dir
        self._base_url = base_url
        self._timeout = timeout
        self._client: httpx.AsyncClient | None = None

    def resolve(self, url: str) -> str:
        """The absolute URL of a picture."""
        return urljoin(self._base_url or "", url)

    def cache_path(self, url: str) -> Path:
        """Where the picture at ``url`` is (or would be) cached."""
        digest = hashlib.sha256(self.resolve(url).encode()).hexdigest()
        return self._dir / digest[:2] / digest

    def cached(self, url: str) -> bytes | None:
        """The cached bytes of a picture, or ``None``."""
        try:
            return self.cache_path(url).read_bytes()
        except OSError:
            return None

    async def fetch(self, url: str) -> bytes | None:
        """The bytes of a picture: cached, else downloaded and cached; ``None`` on failure."""
        data = self.cached(url)
        if data is not None:
            return data
        absolute = self.resolve(url)
        if not absolute.startswith(("http://", "https://")):
            return None
        if self._client is None:
            self._client = httpx.AsyncClient(timeout=self._timeout, follow_redirects=True)
        try:
            response = await self._client.get(absolute)
            response.raise_for_status()
        except httpx.HTTPError as exc:
            log.info("picture not loaded (%s): %s", type(exc).__name__, absolute)
            return None
        data = response.content
        path = self.cache_path(url)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # Write then rename, so a crash never leaves half a picture in the cache.
            tmp = path.with_suffix(".part")
            tmp.write_bytes(data)
            tmp.replace(path)
        except OSError as exc:
            log.info("picture not cached: %s", exc)
        return data

    async def aclose(self) -> None:
        """Close the HTTP client (before the event loop closes)."""
        if self._client is not None:
            await self._client.aclose()
            self._client = None

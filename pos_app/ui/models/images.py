"""Item pictures, loaded lazily and decoded off the UI thread.

The delegate asks :meth:`ImageLoader.request` for the picture of each tile it paints, so only
visible tiles load. Bytes come from the disk cache (read in the worker) or over HTTP (async, on
the qasync loop, through :class:`~pos_app.services.catalog.ImageStore`); a ``QThreadPool`` worker
decodes and scales them into a ``QImage`` (``QPixmap`` may only be made on the UI thread) and the
result comes back by a queued signal.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QSize, Qt, QThreadPool, Signal
from PySide6.QtGui import QImage

from pos_app.services.catalog import ImageStore

__all__ = ["ImageLoader"]

log = logging.getLogger("pos_app.ui.images")

Spawn = Callable[[Coroutine[Any, Any, Any]], Any]


class _Relay(QObject):
    """Lives on the UI thread; workers emit through it, so delivery is queued to the UI."""

    decoded = Signal(str, QImage)


class _DecodeJob(QRunnable):
    """Read (optionally) and decode one picture, scaled to fit ``size``."""

    def __init__(
        self, relay: _Relay, url: str, size: QSize, data: bytes | None, path: Path | None
    ) -> None:
        super().__init__()
        self._relay = relay
        self._url = url
        self._size = size
        self._data = data
        self._path = path

    def run(self) -> None:
        data = self._data
        if data is None and self._path is not None:
            try:
                data = self._path.read_bytes()
            except OSError:
                data = None
        image = QImage()
        if data:
            image.loadFromData(data)
        if not image.isNull():
            image = image.scaled(
                self._size,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        self._relay.decoded.emit(self._url, image)


class ImageLoader(QObject):
    """Loads each picture URL at most once and reports it decoded.

    Signals:
        imageReady(str, QImage): The picture at the URL is decoded (a null image: it failed).
    """

    imageReady = Signal(str, QImage)

    def __init__(
        self,
        store: ImageStore,
        spawn: Spawn,
        size: QSize,
        pool: QThreadPool | None = None,
        parent: QObject | None = None,
    ) -> None:
        """Fetch through ``store``, start coroutines with ``spawn``, scale to ``size``."""
        super().__init__(parent)
        self._store = store
        self._spawn = spawn
        self._size = size
        self._pool = pool or QThreadPool.globalInstance()
        self._requested: set[str] = set()
        # No parent on purpose: queued jobs keep the relay alive after this loader is deleted
        # (a worker emitting through a deleted QObject raises in the worker thread).
        self._relay = _Relay()
        self._relay.decoded.connect(self._on_decoded)

    def request(self, url: str) -> None:
        """Load the picture at ``url`` unless it is loaded or on its way."""
        if url in self._requested:
            return
        self._requested.add(url)
        path = self._store.cache_path(url)
        if path.exists():
            self._pool.start(_DecodeJob(self._relay, url, self._size, None, path))
            return
        try:
            self._spawn(self._fetch(url))
        except RuntimeError:  # shutting down
            self._requested.discard(url)

    async def _fetch(self, url: str) -> None:
        data = await self._store.fetch(url)
        if data is None:
            self._relay.decoded.emit(url, QImage())
            return
        self._pool.start(_DecodeJob(self._relay, url, self._size, data, None))

    def _on_decoded(self, url: str, image: QImage) -> None:
        self.imageReady.emit(url, image)

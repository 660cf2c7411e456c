"""Qt item models of the counter: they hold ids plus a row cache and never do arithmetic.

Lives here: :class:`CatalogModel` (catalog tiles, filtered id list), :class:`CartModel` (the
lines of the cart session), :class:`ParkedModel` (parked sales), :class:`ImageLoader` (pictures
decoded off the UI thread), :class:`HistoryModel` / :class:`RefundsModel` in ``history_model``.

May import: Qt, ``pos_app.domain``, ``pos_app.services`` (data types), ``pos_app.journal``
(records). Never other ``ui`` modules: views own models, not the other way round.
"""

from pos_app.ui.models.cart_model import CartModel
from pos_app.ui.models.catalog_model import CatalogModel
from pos_app.ui.models.images import ImageLoader
from pos_app.ui.models.parked_model import ParkedModel

__all__ = ["CartModel", "CatalogModel", "ImageLoader", "ParkedModel"]

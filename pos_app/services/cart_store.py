"""The cart being rung up, saved to the journal on every change, and the parked sales.

:class:`CartSession` owns the counter's :class:`~pos_app.domain.cart.Cart`. Every change goes
through one of its methods, which applies it (all arithmetic and rules are the cart's), writes
the cart to the journal (SQLite WAL: kill the app and the cart is back) and emits ``changed``.
A rule broken raises the cart's :class:`~pos_app.domain.errors.CartError` and changes nothing.

Saving is synchronous on the UI thread on purpose: it is one small transaction (a few kilobytes),
and an asynchronous save could be lost by a crash right after the cashier saw the change.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import TypeVar

from PySide6.QtCore import QObject, Signal

from pos_app.domain.cart import Cart, CartLine
from pos_app.domain.errors import CartError
from pos_app.journal.carts import CartJournal, ParkedCart
from pos_app.journal.catalog_cache import CatalogItem

__all__ = ["CartSession", "ParkedCart"]

T = TypeVar("T")


class CartSession(QObject):
    """The current cart of one counter plus its parked carts.

    Signals:
        changed: The current cart changed (lines, quantities, prices or discount).
        parkedChanged: The list of parked carts changed.
    """

    changed = Signal()
    parkedChanged = Signal()

    def __init__(self, journal: CartJournal, parent: QObject | None = None) -> None:
        """Restore the saved cart from ``journal`` (an unreadable save starts empty)."""
        super().__init__(parent)
        self._journal = journal
        self.restore_error: CartError | None = None
        saved = journal.load_current()
        self._cart = Cart()
        if saved is not None:
            try:
                self._cart = Cart.from_dict(saved)
            except CartError as exc:
                # Keep the unreadable save as a parked cart rather than overwrite it with the
                # next change: someone can still read it from the journal.
                self.restore_error = exc
                journal.park(
                    saved,
                    label="unreadable save",
                    total=Decimal("0"),
                    line_count=0,
                    new_current=self._cart.to_dict(),
                )

    @property
    def cart(self) -> Cart:
        """The cart (read it; change it only through this session's methods)."""
        return self._cart

    def _change(self, operation: Callable[[Cart], T]) -> T:
        result = operation(self._cart)  # a CartError leaves the cart unchanged
        self._journal.save_current(self._cart.to_dict())
        self.changed.emit()
        return result

    # --- changing the cart ---------------------------------------------------------------------

    def add_item(
        self, item: CatalogItem, quantity: int = 1, barcode: str | None = None
    ) -> CartLine:
        """Add a catalog item (merges with a line of the same item and price)."""
        return self._change(
            lambda c: c.add_item(
                item.item_id, item.name, item.unit, item.price, quantity, barcode=barcode
            )
        )

    def add_free_amount(self, amount: Decimal, name: str) -> CartLine:
        """Add a line with an amount the cashier typed."""
        return self._change(lambda c: c.add_free_amount(amount, name))

    def set_quantity(self, line_id: str, quantity: int) -> None:
        """Set a line's quantity."""
        self._change(lambda c: c.set_quantity(line_id, quantity))

    def change_quantity(self, line_id: str, delta: int) -> None:
        """Add ``delta`` to a line's quantity."""
        self._change(lambda c: c.change_quantity(line_id, delta))

    def override_price(self, line_id: str, price: Decimal, reason: str) -> None:
        """Charge another price on a line, with a reason."""
        self._change(lambda c: c.override_price(line_id, price, reason))

    def clear_override(self, line_id: str) -> None:
        """Back to the catalog price."""
        self._change(lambda c: c.clear_override(line_id))

    def remove(self, line_id: str) -> None:
        """Remove a line."""
        self._change(lambda c: c.remove(line_id))

    def set_discount(self, percent: int | None) -> None:
        """Set or remove the whole-cart discount."""
        self._change(lambda c: c.set_discount(percent))

    def clear(self) -> None:
        """Empty the cart."""
        self._change(lambda c: c.clear())

    def replace_cart(self, cart: Cart) -> None:
        """Make ``cart`` the current cart (e.g. after a sale is paid, an empty one)."""
        self._cart = cart
        self._journal.save_current(cart.to_dict())
        self.changed.emit()

    # --- parking -------------------------------------------------------------------------------

    def parked(self) -> list[ParkedCart]:
        """The parked carts, oldest first."""
        return self._journal.list_parked()

    def park(self, label: str = "") -> int:
        """Park the current cart (with an optional label) and start an empty one.

        Returns:
            The parked cart's id.

        Raises:
            CartError: ``cart.empty`` — there is nothing to park.
        """
        cart = self._cart
        if cart.is_empty:
            cart.check_payable()  # raises the cart's own "The cart is empty"
        empty = Cart()
        parked_id = self._journal.park(
            cart.to_dict(),
            label=label.strip(),
            total=cart.total,
            line_count=len(cart.lines),
            new_current=empty.to_dict(),
        )
        self._cart = empty
        self.changed.emit()
        self.parkedChanged.emit()
        return parked_id

    def resume(self, parked_id: int) -> bool:
        """Bring a parked cart back; a non-empty current cart is parked in its place first.

        Returns:
            ``False`` if that cart is no longer parked (or cannot be read — it stays parked).
        """
        parked = next((p for p in self._journal.list_parked() if p.parked_id == parked_id), None)
        if parked is None:
            return False
        try:
            restored = Cart.from_dict(parked.data)
        except CartError:
            return False
        if not self._cart.is_empty:
            self.park()
        data = self._journal.resume(parked_id)
        if data is None:
            return False
        self._cart = restored
        self.changed.emit()
        self.parkedChanged.emit()
        return True

    def delete_parked(self, parked_id: int) -> None:
        """Forget a parked cart."""
        self._journal.delete_parked(parked_id)
        self.parkedChanged.emit()

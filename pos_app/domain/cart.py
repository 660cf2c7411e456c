"""The cart of one sale: lines, quantities, price overrides, one whole-cart discount, totals.

**The totals rule** (the only one; every amount passes through
:func:`~pos_app.domain.money.round_money`):

* ``line_total = round_money(effective_price × quantity)`` where ``effective_price`` is the
  price override when there is one, else the catalog price;
* ``subtotal = Σ line_total``;
* ``discount_sum = round_money(subtotal × discount_percent / 100)`` (0 without a discount) —
  the discount is taken once from the whole cart, not line by line;
* ``total = subtotal − discount_sum``.

So ``discount_sum + total == subtotal`` exactly, and ``total ≥ 0`` because the discount is at
most 99 %. A cart may hold a total below 0.01 (e.g. 0.01 ₸ at 99 % off) but cannot be sent:
:meth:`Cart.check_payable` refuses it.

Rules, each a :class:`~pos_app.domain.errors.CartError` that leaves the cart unchanged:
integer quantity 1 … :data:`MAX_QUANTITY` (``cart.quantity_too_small``,
``cart.quantity_too_large``); prices and free amounts 0.01 … 99 999 999.99 with two decimals
(``cart.price_out_of_range``); an override needs a reason (``cart.reason_required``); the discount
is an integer 1 … 99 % (``cart.discount_out_of_range``, ApiPay's ``discount_percentage``); the
subtotal stays within the money limit (``cart.total_too_large``); at most :data:`MAX_LINES`
lines (ApiPay's ``cart_items`` ``maxItems``; ``cart.too_many_lines``); ``cart.unknown_line``,
``cart.name_required``; and, when sending, ``cart.empty`` / ``cart.total_too_small``.

What goes to the providers: :meth:`Cart.to_apipay_request` sends ``cart_items`` (catalog id,
count, and ``price`` for an overridden line) with ``discount_percentage`` while every line comes
from the catalog; a single free-amount line makes the whole cart one ``amount`` (the total).
xPayment takes only an amount: :meth:`Cart.to_xpayment_amount`.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from typing import Any

from pos_app.domain.errors import QT_TRANSLATE_NOOP, CartError, MoneyError
from pos_app.domain.money import MAX_AMOUNT, MIN_AMOUNT, check_amount, format_amount, round_money

__all__ = [
    "DEFAULT_UNIT",
    "MAX_LINES",
    "MAX_QUANTITY",
    "MAX_REASON_LENGTH",
    "Cart",
    "CartLine",
]

MAX_QUANTITY = 9999
MAX_LINES = 100
MAX_REASON_LENGTH = 255
DEFAULT_UNIT = "шт"
_FORMAT_VERSION = 1


@dataclass(frozen=True)
class CartLine:
    """One line of the cart (immutable: the cart replaces a line to change it).

    Attributes:
        line_id: uuid4 hex, stable across saves.
        item_id: Provider catalog id; ``None`` for a free-amount line.
        name: What the receipt shows.
        unit: ``"шт"``, ``"кг"``, ``"л"``, …
        unit_price: Catalog price (the amount itself for a free-amount line).
        quantity: 1 … :data:`MAX_QUANTITY`.
        price_override: A price the cashier set instead of ``unit_price``.
        override_reason: Why (required with an override).
        barcode: The scanned barcode, if any.
    """

    line_id: str
    item_id: int | None
    name: str
    unit: str
    unit_price: Decimal
    quantity: int
    price_override: Decimal | None = None
    override_reason: str | None = None
    barcode: str | None = None

    @property
    def is_free_amount(self) -> bool:
        """A line with an amount the cashier typed, not a catalog item."""
        return self.item_id is None

    @property
    def effective_price(self) -> Decimal:
        """The price per unit this sale charges: the override if any, else the catalog price."""
        return self.price_override if self.price_override is not None else self.unit_price

    @property
    def line_total(self) -> Decimal:
        """``round_money(effective_price × quantity)``."""
        return round_money(self.effective_price * self.quantity)

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe form (money as ``"1500.00"`` strings)."""
        return {
            "line_id": self.line_id,
            "item_id": self.item_id,
            "name": self.name,
            "unit": self.unit,
            "unit_price": f"{self.unit_price:.2f}",
            "quantity": self.quantity,
            "price_override": (
                None if self.price_override is None else f"{self.price_override:.2f}"
            ),
            "override_reason": self.override_reason,
            "barcode": self.barcode,
        }


# --- validation helpers ------------------------------------------------------------------------


def _price(value: Decimal) -> Decimal:
    """A unit price or free amount within the money limits, as two places."""
    try:
        return check_amount(value)
    except MoneyError as exc:
        raise CartError(
            "cart.price_out_of_range",
            QT_TRANSLATE_NOOP(
                "Domain", "The price must be from {min} to {max}, with at most two decimals"
            ),
            {"min": format_amount(MIN_AMOUNT), "max": format_amount(MAX_AMOUNT)},
        ) from exc


def _quantity(value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"quantity must be int, not {type(value).__name__}")
    if value < 1:
        raise CartError(
            "cart.quantity_too_small",
            QT_TRANSLATE_NOOP("Domain", "The quantity must be at least 1"),
        )
    if value > MAX_QUANTITY:
        raise CartError(
            "cart.quantity_too_large",
            QT_TRANSLATE_NOOP("Domain", "The quantity must be at most {max}"),
            {"max": MAX_QUANTITY},
        )
    return value


def _name(value: str) -> str:
    name = value.strip() if isinstance(value, str) else ""
    if not name:
        raise CartError("cart.name_required", QT_TRANSLATE_NOOP("Domain", "Enter a name"))
    return name


def _reason(value: str) -> str:
    reason = value.strip() if isinstance(value, str) else ""
    if not reason:
        raise CartError(
            "cart.reason_required",
            QT_TRANSLATE_NOOP("Domain", "Say why the price is changed"),
        )
    if len(reason) > MAX_REASON_LENGTH:
        raise CartError(
            "cart.reason_too_long",
            QT_TRANSLATE_NOOP("Domain", "The reason must be at most {max} characters"),
            {"max": MAX_REASON_LENGTH},
        )
    return reason


def _discount(value: int | None) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 99:
        raise CartError(
            "cart.discount_out_of_range",
            QT_TRANSLATE_NOOP("Domain", "The discount must be a whole number from 1 to 99 %"),
        )
    return value


def _check_line(line: CartLine) -> CartLine:
    """Every rule of one line; returns it with normalised money and text."""
    if not isinstance(line.line_id, str) or not line.line_id:
        raise ValueError("line_id must be a non-empty string")
    if line.item_id is not None and (
        isinstance(line.item_id, bool) or not isinstance(line.item_id, int)
    ):
        raise TypeError("item_id must be int or None")
    override = line.price_override
    reason = line.override_reason
    if override is not None:
        override = _price(override)
        reason = _reason(reason or "")
    else:
        reason = None
    return replace(
        line,
        name=_name(line.name),
        unit=(line.unit or "").strip() or DEFAULT_UNIT,
        unit_price=_price(line.unit_price),
        quantity=_quantity(line.quantity),
        price_override=override,
        override_reason=reason,
        barcode=(line.barcode or "").strip() or None,
    )


def _subtotal(lines: list[CartLine]) -> Decimal:
    return sum((line.line_total for line in lines), Decimal("0.00"))


def _discount_sum(subtotal: Decimal, percent: int | None) -> Decimal:
    if percent is None:
        return Decimal("0.00")
    return round_money(subtotal * percent / 100)


class Cart:
    """The mutable cart of one sale. Every change is checked first and applied all or nothing."""

    def __init__(self) -> None:
        """Create an empty cart without a discount."""
        self._lines: list[CartLine] = []
        self._discount: int | None = None

    # --- reading ----------------------------------------------------------------------------

    @property
    def lines(self) -> tuple[CartLine, ...]:
        """The lines in the order they were added."""
        return tuple(self._lines)

    @property
    def discount_percent(self) -> int | None:
        """The whole-cart discount, 1 … 99 %, or ``None``."""
        return self._discount

    @property
    def is_empty(self) -> bool:
        """No lines."""
        return not self._lines

    @property
    def item_count(self) -> int:
        """Σ quantity (what a "3 items" label shows)."""
        return sum(line.quantity for line in self._lines)

    @property
    def has_free_amount(self) -> bool:
        """Whether a free-amount line makes the ApiPay request a plain ``amount``."""
        return any(line.is_free_amount for line in self._lines)

    @property
    def subtotal(self) -> Decimal:
        """Σ line_total, before the discount."""
        return _subtotal(self._lines)

    @property
    def discount_sum(self) -> Decimal:
        """``round_money(subtotal × discount_percent / 100)``; 0.00 without a discount."""
        return _discount_sum(self.subtotal, self._discount)

    @property
    def total(self) -> Decimal:
        """``subtotal − discount_sum``: what the customer pays."""
        subtotal = self.subtotal
        return subtotal - _discount_sum(subtotal, self._discount)

    def line(self, line_id: str) -> CartLine:
        """The line with ``line_id``.

        Raises:
            CartError: ``cart.unknown_line``.
        """
        return self._lines[self._index(line_id)]

    # --- changing ---------------------------------------------------------------------------

    def add_item(
        self,
        item_id: int,
        name: str,
        unit: str,
        unit_price: Decimal,
        quantity: int = 1,
        barcode: str | None = None,
    ) -> CartLine:
        """Add a catalog item; the same item at the same price without override adds up.

        Returns:
            The new line, or the existing line with the larger quantity.

        Raises:
            CartError: quantity, price, name, too many lines or a subtotal over the limit.
        """
        candidate = _check_line(
            CartLine(
                line_id=uuid.uuid4().hex,
                item_id=item_id,
                name=name,
                unit=unit,
                unit_price=unit_price,
                quantity=quantity,
                barcode=barcode,
            )
        )
        for index, line in enumerate(self._lines):
            if (
                line.item_id == item_id
                and line.price_override is None
                and line.unit_price == candidate.unit_price
            ):
                merged = replace(line, quantity=_quantity(line.quantity + candidate.quantity))
                self._replace(index, merged)
                return merged
        return self._append(candidate)

    def add_free_amount(self, amount: Decimal, name: str = "Free amount") -> CartLine:
        """Add a line with an amount the cashier typed (never merged with another line).

        Raises:
            CartError: amount out of range, too many lines or a subtotal over the limit.
        """
        return self._append(
            _check_line(
                CartLine(
                    line_id=uuid.uuid4().hex,
                    item_id=None,
                    name=name,
                    unit=DEFAULT_UNIT,
                    unit_price=amount,
                    quantity=1,
                )
            )
        )

    def set_quantity(self, line_id: str, quantity: int) -> None:
        """Set the quantity of a line (1 … :data:`MAX_QUANTITY`)."""
        index = self._index(line_id)
        self._replace(index, replace(self._lines[index], quantity=_quantity(quantity)))

    def change_quantity(self, line_id: str, delta: int) -> None:
        """Add ``delta`` (may be negative) to a line's quantity; it cannot drop below 1."""
        index = self._index(line_id)
        line = self._lines[index]
        self._replace(index, replace(line, quantity=_quantity(line.quantity + delta)))

    def override_price(self, line_id: str, price: Decimal, reason: str) -> None:
        """Charge ``price`` per unit on a line instead of its catalog price, saying why."""
        index = self._index(line_id)
        self._replace(
            index,
            replace(
                self._lines[index], price_override=_price(price), override_reason=_reason(reason)
            ),
        )

    def clear_override(self, line_id: str) -> None:
        """Go back to the catalog price of a line."""
        index = self._index(line_id)
        self._replace(index, replace(self._lines[index], price_override=None, override_reason=None))

    def remove(self, line_id: str) -> None:
        """Remove a line."""
        del self._lines[self._index(line_id)]

    def clear(self) -> None:
        """Remove every line and the discount."""
        self._lines.clear()
        self._discount = None

    def set_discount(self, percent: int | None) -> None:
        """Set the whole-cart discount (1 … 99 %), or remove it with ``None``."""
        self._discount = _discount(percent)

    # --- sending ----------------------------------------------------------------------------

    def check_payable(self) -> Decimal:
        """Check that the cart can be sent to a provider.

        Returns:
            The total.

        Raises:
            CartError: ``cart.empty`` or ``cart.total_too_small`` (below 0.01 after discount).
        """
        if not self._lines:
            raise CartError("cart.empty", QT_TRANSLATE_NOOP("Domain", "The cart is empty"))
        total = self.total
        if total < MIN_AMOUNT:
            raise CartError(
                "cart.total_too_small",
                QT_TRANSLATE_NOOP("Domain", "The total must be at least {min}"),
                {"min": format_amount(MIN_AMOUNT)},
            )
        return total

    def to_apipay_request(self) -> dict[str, Any]:
        """The cart part of ApiPay ``CreateInvoiceRequest`` / ``CreateQrInvoiceRequest``.

        Returns:
            ``{"cart_items": [{"catalog_item_id", "count", ("price")}], ("discount_percentage")}``
            when every line is a catalog item, else ``{"amount": total}``. Money stays
            ``Decimal`` (the client writes it as a JSON number).

        Raises:
            CartError: see :meth:`check_payable`.
        """
        total = self.check_payable()
        if self.has_free_amount:
            return {"amount": total}
        items: list[dict[str, Any]] = []
        for line in self._lines:
            item: dict[str, Any] = {"catalog_item_id": line.item_id, "count": line.quantity}
            if line.price_override is not None:
                item["price"] = line.price_override
            items.append(item)
        request: dict[str, Any] = {"cart_items": items}
        if self._discount is not None:
            request["discount_percentage"] = self._discount
        return request

    def to_xpayment_amount(self) -> Decimal:
        """The amount of an xPayment payment: the total (see :meth:`check_payable`)."""
        return self.check_payable()

    # --- saving -----------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe form for the journal (money as strings); :meth:`from_dict` reads it back."""
        return {
            "version": _FORMAT_VERSION,
            "discount_percent": self._discount,
            "lines": [line.to_dict() for line in self._lines],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Cart:
        """Rebuild a cart saved by :meth:`to_dict`, checking every rule again.

        Raises:
            CartError: ``cart.bad_data`` when the data is malformed, or the rule it breaks.
        """
        try:
            if data.get("version", _FORMAT_VERSION) != _FORMAT_VERSION:
                raise ValueError("unknown cart format version")
            lines = [_line_from_dict(raw) for raw in data.get("lines", [])]
            discount = data.get("discount_percent")
        except (AttributeError, KeyError, TypeError, ValueError, InvalidOperation) as exc:
            if isinstance(exc, CartError):
                raise
            raise _bad_data() from exc
        if len({line.line_id for line in lines}) != len(lines):
            raise _bad_data()
        cart = cls()
        cart._commit(lines, _discount(discount))
        return cart

    # --- internals --------------------------------------------------------------------------

    def _index(self, line_id: str) -> int:
        for index, line in enumerate(self._lines):
            if line.line_id == line_id:
                return index
        raise CartError(
            "cart.unknown_line", QT_TRANSLATE_NOOP("Domain", "This line is no longer in the cart")
        )

    def _append(self, line: CartLine) -> CartLine:
        if len(self._lines) >= MAX_LINES:
            raise CartError(
                "cart.too_many_lines",
                QT_TRANSLATE_NOOP("Domain", "A sale can have at most {max} lines"),
                {"max": MAX_LINES},
            )
        self._commit([*self._lines, line], self._discount)
        return line

    def _replace(self, index: int, line: CartLine) -> None:
        lines = list(self._lines)
        lines[index] = line
        self._commit(lines, self._discount)

    def _commit(self, lines: list[CartLine], discount: int | None) -> None:
        """Apply ``lines`` if the subtotal stays within the money limit, else change nothing."""
        if len(lines) > MAX_LINES:
            raise _bad_data()
        if _subtotal(lines) > MAX_AMOUNT:
            raise CartError(
                "cart.total_too_large",
                QT_TRANSLATE_NOOP("Domain", "The sale total must be at most {max}"),
                {"max": format_amount(MAX_AMOUNT)},
            )
        self._lines = lines
        self._discount = discount

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Cart):
            return NotImplemented
        return self._lines == other._lines and self._discount == other._discount

    __hash__ = None  # type: ignore[assignment]  # mutable

    def __repr__(self) -> str:
        return (
            f"Cart(lines={len(self._lines)}, discount_percent={self._discount}, total={self.total})"
        )


def _bad_data() -> CartError:
    return CartError("cart.bad_data", QT_TRANSLATE_NOOP("Domain", "The saved cart cannot be read"))


def _money_field(value: object) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, str | int | Decimal):
        raise TypeError("money must be a decimal string")
    return Decimal(value)


def _optional(value: object, convert: Callable[[object], Any]) -> Any:
    return None if value is None else convert(value)


def _line_from_dict(raw: Mapping[str, Any]) -> CartLine:
    item_id = raw["item_id"]
    quantity = raw["quantity"]
    if isinstance(quantity, bool) or not isinstance(quantity, int):
        raise TypeError("quantity must be int")
    return _check_line(
        CartLine(
            line_id=str(raw["line_id"]),
            item_id=item_id,
            name=str(raw["name"]),
            unit=str(raw.get("unit") or DEFAULT_UNIT),
            unit_price=_money_field(raw["unit_price"]),
            quantity=quantity,
            price_override=_optional(raw.get("price_override"), _money_field),
            override_reason=_optional(raw.get("override_reason"), str),
            barcode=_optional(raw.get("barcode"), str),
        )
    )

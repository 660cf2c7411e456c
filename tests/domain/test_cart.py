"""The cart: lines, quantities, overrides, the discount rule and what is sent to the providers."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from pos_app.domain.cart import MAX_LINES, MAX_QUANTITY, Cart, CartLine
from pos_app.domain.errors import CartError
from pos_app.domain.money import MAX_AMOUNT

D = Decimal


def _coffee_cart() -> tuple[Cart, CartLine, CartLine]:
    cart = Cart()
    latte = cart.add_item(11, "Латте", "шт", D("1500"), quantity=2)
    bun = cart.add_item(12, "Булочка", "шт", D("450.50"))
    return cart, latte, bun


def test_totals_of_a_simple_cart() -> None:
    cart, latte, bun = _coffee_cart()
    assert latte.line_total == D("3000.00")
    assert bun.line_total == D("450.50")
    assert cart.subtotal == D("3450.50")
    assert cart.discount_sum == D("0.00")
    assert cart.total == D("3450.50")
    assert cart.item_count == 3
    assert not cart.is_empty


def test_discount_is_taken_from_the_whole_cart_and_rounded_half_up() -> None:
    cart, _, _ = _coffee_cart()
    cart.set_discount(10)
    assert cart.discount_sum == D("345.05")
    assert cart.total == D("3105.45")
    cart.set_discount(15)  # 3450.50 × 0.15 = 517.575 → 517.58
    assert cart.discount_sum == D("517.58")
    assert cart.total == D("2932.92")
    cart.set_discount(None)
    assert cart.total == D("3450.50")


def test_same_item_adds_up_but_not_over_an_override() -> None:
    cart = Cart()
    first = cart.add_item(11, "Латте", "шт", D("1500"))
    again = cart.add_item(11, "Латте", "шт", D("1500"), quantity=2)
    assert again.line_id == first.line_id
    assert [line.quantity for line in cart.lines] == [3]
    cart.override_price(first.line_id, D("1200"), "постоянный клиент")
    third = cart.add_item(11, "Латте", "шт", D("1500"))
    assert third.line_id != first.line_id
    assert len(cart.lines) == 2


def test_price_override_needs_a_reason_and_can_be_undone() -> None:
    cart, latte, _ = _coffee_cart()
    with pytest.raises(CartError) as info:
        cart.override_price(latte.line_id, D("1200"), "   ")
    assert info.value.code == "cart.reason_required"
    cart.override_price(latte.line_id, D("1200"), " акция ")
    line = cart.line(latte.line_id)
    assert line.effective_price == D("1200.00")
    assert line.override_reason == "акция"
    assert line.line_total == D("2400.00")
    cart.clear_override(latte.line_id)
    assert cart.line(latte.line_id).effective_price == D("1500.00")
    assert cart.line(latte.line_id).override_reason is None


def test_quantity_changes() -> None:
    cart, latte, _ = _coffee_cart()
    cart.set_quantity(latte.line_id, 5)
    cart.change_quantity(latte.line_id, -4)
    assert cart.line(latte.line_id).quantity == 1
    cart.change_quantity(latte.line_id, +2)
    assert cart.line(latte.line_id).quantity == 3


def test_free_amount_lines_are_never_merged() -> None:
    cart = Cart()
    a = cart.add_free_amount(D("500"))
    b = cart.add_free_amount(D("500"), name="Доставка")
    assert a.line_id != b.line_id
    assert a.is_free_amount and a.item_id is None
    assert a.name == "Free amount"
    assert cart.total == D("1000.00")


@pytest.mark.parametrize(
    ("action", "code"),
    [
        (lambda c, ln: c.set_quantity("nope", 2), "cart.unknown_line"),
        (lambda c, ln: c.remove("nope"), "cart.unknown_line"),
        (lambda c, ln: c.line("nope"), "cart.unknown_line"),
        (lambda c, ln: c.set_quantity(ln.line_id, 0), "cart.quantity_too_small"),
        (lambda c, ln: c.change_quantity(ln.line_id, -2), "cart.quantity_too_small"),
        (lambda c, ln: c.set_quantity(ln.line_id, MAX_QUANTITY + 1), "cart.quantity_too_large"),
        (lambda c, ln: c.change_quantity(ln.line_id, MAX_QUANTITY), "cart.quantity_too_large"),
        (lambda c, ln: c.add_item(1, "X", "шт", D("1"), quantity=0), "cart.quantity_too_small"),
        (lambda c, ln: c.override_price(ln.line_id, D("0"), "r"), "cart.price_out_of_range"),
        (lambda c, ln: c.override_price(ln.line_id, D("-1"), "r"), "cart.price_out_of_range"),
        (lambda c, ln: c.override_price(ln.line_id, D("1.001"), "r"), "cart.price_out_of_range"),
        (lambda c, ln: c.override_price(ln.line_id, D("1E+8"), "r"), "cart.price_out_of_range"),
        (lambda c, ln: c.override_price(ln.line_id, D("1"), "x" * 256), "cart.reason_too_long"),
        (lambda c, ln: c.add_item(1, "X", "шт", D("0")), "cart.price_out_of_range"),
        (lambda c, ln: c.add_item(1, "  ", "шт", D("1")), "cart.name_required"),
        (lambda c, ln: c.add_free_amount(D("0")), "cart.price_out_of_range"),
        (lambda c, ln: c.add_free_amount(MAX_AMOUNT), "cart.total_too_large"),
        (lambda c, ln: c.set_quantity(ln.line_id, 9999), "cart.total_too_large"),
        (lambda c, ln: c.set_discount(0), "cart.discount_out_of_range"),
        (lambda c, ln: c.set_discount(100), "cart.discount_out_of_range"),
        (lambda c, ln: c.set_discount(-5), "cart.discount_out_of_range"),
        (lambda c, ln: c.set_discount(True), "cart.discount_out_of_range"),
        (lambda c, ln: c.set_discount(D("10.5")), "cart.discount_out_of_range"),
    ],
)
def test_invalid_operations_are_refused_and_change_nothing(action: Any, code: str) -> None:
    cart = Cart()
    line = cart.add_item(11, "Ноутбук", "шт", D("50000000"))
    before = cart.to_dict()
    with pytest.raises(CartError) as info:
        action(cart, line)
    assert info.value.code == code
    assert str(info.value)  # an English message for logs
    assert cart.to_dict() == before


def test_at_most_100_lines() -> None:
    cart = Cart()
    for n in range(MAX_LINES):
        cart.add_item(n + 1, f"Item {n}", "шт", D("1"))
    with pytest.raises(CartError) as info:
        cart.add_item(1000, "One too many", "шт", D("1"))
    assert info.value.code == "cart.too_many_lines"
    cart.add_item(1, "Item 0", "шт", D("1"))  # adding to an existing line is fine
    assert len(cart.lines) == MAX_LINES


def test_remove_and_clear() -> None:
    cart, latte, bun = _coffee_cart()
    cart.set_discount(5)
    cart.remove(latte.line_id)
    assert [line.line_id for line in cart.lines] == [bun.line_id]
    cart.clear()
    assert cart.is_empty
    assert cart.discount_percent is None
    assert cart.total == D("0.00")


def test_apipay_request_with_catalog_items() -> None:
    cart, latte, _ = _coffee_cart()
    assert cart.to_apipay_request() == {
        "cart_items": [
            {"catalog_item_id": 11, "count": 2},
            {"catalog_item_id": 12, "count": 1},
        ]
    }
    cart.override_price(latte.line_id, D("1200"), "акция")
    cart.set_discount(10)
    assert cart.to_apipay_request() == {
        "cart_items": [
            {"catalog_item_id": 11, "count": 2, "price": D("1200.00")},
            {"catalog_item_id": 12, "count": 1},
        ],
        "discount_percentage": 10,
    }


def test_any_free_amount_makes_the_request_a_plain_amount() -> None:
    cart, _, _ = _coffee_cart()
    cart.add_free_amount(D("49.50"))
    cart.set_discount(10)
    request = cart.to_apipay_request()
    assert request == {"amount": D("3150.00")}  # (3450.50 + 49.50) × 0.9
    assert request["amount"] == cart.total
    assert cart.to_xpayment_amount() == D("3150.00")


def _numbers(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _numbers(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_numbers(v) for v in value]
    if isinstance(value, Decimal):
        return float(value)  # only for the schema check: jsonschema wants JSON numbers
    return value


@pytest.mark.parametrize("free", [False, True])
def test_request_matches_the_apipay_21_schema(spec_21: dict[str, Any], free: bool) -> None:
    cart, latte, _ = _coffee_cart()
    cart.override_price(latte.line_id, D("1200.50"), "акция")
    cart.set_discount(7)
    if free:
        cart.add_free_amount(D("100"))
    body = {"phone_number": "87001234567", **cart.to_apipay_request()}
    schema = {
        "$ref": "#/components/schemas/CreateInvoiceRequest",
        "components": spec_21["components"],
    }
    errors = list(Draft202012Validator(schema).iter_errors(_numbers(body)))
    assert not errors, [e.message for e in errors]


@pytest.mark.parametrize(
    ("setup", "code"),
    [
        (lambda c: None, "cart.empty"),
        (lambda c: (c.add_free_amount(D("0.01")), c.set_discount(99)), "cart.total_too_small"),
    ],
)
def test_carts_that_cannot_be_sent(setup: Any, code: str) -> None:
    cart = Cart()
    setup(cart)
    for send in (cart.to_apipay_request, cart.to_xpayment_amount, cart.check_payable):
        with pytest.raises(CartError) as info:
            send()
        assert info.value.code == code


def test_round_trip_through_json() -> None:
    cart, latte, _ = _coffee_cart()
    cart.override_price(latte.line_id, D("1200"), "акция")
    cart.add_free_amount(D("99.99"), name="Чаевые")
    cart.set_discount(12)
    data = json.loads(json.dumps(cart.to_dict()))
    assert data["lines"][0]["unit_price"] == "1500.00"
    restored = Cart.from_dict(data)
    assert restored == cart
    assert restored.total == cart.total
    assert [line.line_id for line in restored.lines] == [line.line_id for line in cart.lines]


@pytest.mark.parametrize(
    ("mutate", "code"),
    [
        (lambda d: d.update(version=99), "cart.bad_data"),
        (lambda d: d.update(lines="nope"), "cart.bad_data"),
        (lambda d: d["lines"][0].pop("name"), "cart.bad_data"),
        (lambda d: d["lines"][0].update(unit_price="abc"), "cart.bad_data"),
        (lambda d: d["lines"][0].update(unit_price=1.5), "cart.bad_data"),
        (lambda d: d["lines"][0].update(quantity="2"), "cart.bad_data"),
        (lambda d: d["lines"][1].update(line_id=d["lines"][0]["line_id"]), "cart.bad_data"),
        (lambda d: d["lines"][0].update(quantity=0), "cart.quantity_too_small"),
        (lambda d: d["lines"][0].update(override_reason=None), "cart.reason_required"),
        (lambda d: d.update(discount_percent=100), "cart.discount_out_of_range"),
    ],
)
def test_from_dict_refuses_broken_data(mutate: Any, code: str) -> None:
    cart, latte, _ = _coffee_cart()
    cart.override_price(latte.line_id, D("1200"), "акция")
    data = json.loads(json.dumps(cart.to_dict()))
    mutate(data)
    with pytest.raises(CartError) as info:
        Cart.from_dict(data)
    assert info.value.code == code


def test_from_dict_of_garbage() -> None:
    with pytest.raises(CartError):
        Cart.from_dict("nope")  # type: ignore[arg-type]
    assert Cart.from_dict({}).is_empty


# --- properties --------------------------------------------------------------------------------

prices = st.decimals(min_value=D("0.01"), max_value=D("100000"), places=2)
operations = st.lists(
    st.one_of(
        st.tuples(st.just("item"), st.integers(1, 5), prices, st.integers(1, 50)),
        st.tuples(st.just("free"), prices),
        st.tuples(st.just("discount"), st.one_of(st.none(), st.integers(1, 99))),
        st.tuples(st.just("override"), st.integers(0, 20), prices),
        st.tuples(st.just("quantity"), st.integers(0, 20), st.integers(-60, 60)),
        st.tuples(st.just("remove"), st.integers(0, 20)),
    ),
    max_size=30,
)


def _apply(cart: Cart, op: tuple[Any, ...]) -> None:
    kind = op[0]
    lines = cart.lines
    try:
        if kind == "item":
            cart.add_item(op[1], f"Item {op[1]}", "шт", op[2], quantity=op[3])
        elif kind == "free":
            cart.add_free_amount(op[1])
        elif kind == "discount":
            cart.set_discount(op[1])
        elif lines and kind == "override":
            cart.override_price(lines[op[1] % len(lines)].line_id, op[2], "reason")
        elif lines and kind == "quantity":
            cart.change_quantity(lines[op[1] % len(lines)].line_id, op[2])
        elif lines and kind == "remove":
            cart.remove(lines[op[1] % len(lines)].line_id)
    except CartError:
        pass  # refused operations are part of the test: they must leave a valid cart


@settings(deadline=None)
@given(ops=operations)
def test_totals_always_add_up(ops: list[tuple[Any, ...]]) -> None:
    cart = Cart()
    for op in ops:
        _apply(cart, op)
        assert cart.total >= 0
        assert cart.discount_sum + cart.total == cart.subtotal
        assert cart.subtotal == sum((line.line_total for line in cart.lines), D("0"))
        assert cart.subtotal <= MAX_AMOUNT
        for value in (cart.subtotal, cart.discount_sum, cart.total):
            assert value.as_tuple().exponent == -2
        assert all(1 <= line.quantity <= MAX_QUANTITY for line in cart.lines)
    assert Cart.from_dict(json.loads(json.dumps(cart.to_dict()))) == cart


@settings(deadline=None)
@given(
    subtotal=st.decimals(min_value=D("0.01"), max_value=MAX_AMOUNT, places=2),
    percent=st.integers(1, 99),
)
def test_discount_never_exceeds_the_subtotal(subtotal: Decimal, percent: int) -> None:
    cart = Cart()
    cart.add_free_amount(subtotal)
    cart.set_discount(percent)
    assert D("0") <= cart.discount_sum <= cart.subtotal
    assert cart.total >= 0
    assert cart.discount_sum + cart.total == cart.subtotal

"""The sale state machine and the providers' status words."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pos_app.domain.errors import TransitionError
from pos_app.domain.sale import (
    TRANSITIONS,
    RefundState,
    SaleState,
    can_transition,
    is_final,
    map_apipay_status,
    map_refund_status,
    map_xpayment_status,
    transition,
)

S = SaleState


def test_every_state_has_a_row() -> None:
    assert set(TRANSITIONS) == set(SaleState)


@pytest.mark.parametrize(
    "path",
    [
        [S.DRAFT, S.CREATING, S.WAITING, S.PAID],
        [S.DRAFT, S.CREATING, S.WAITING, S.CANCELLED],
        [S.DRAFT, S.CREATING, S.WAITING, S.EXPIRED],
        [S.DRAFT, S.CREATING, S.WAITING, S.FAILED],
        [S.DRAFT, S.CREATING, S.FAILED],
        [S.DRAFT, S.CREATING, S.UNKNOWN, S.WAITING, S.PAID],
        [S.DRAFT, S.CREATING, S.UNKNOWN, S.PAID],
        [S.DRAFT, S.CREATING, S.UNKNOWN, S.FAILED],
        [S.DRAFT, S.CREATING, S.UNKNOWN, S.CREATING, S.WAITING],
        [S.DRAFT, S.CREATING, S.WAITING, S.CANCELLING, S.CANCELLED],
        [S.DRAFT, S.CREATING, S.WAITING, S.CANCELLING, S.PAID],
        [S.DRAFT, S.CREATING, S.WAITING, S.CANCELLING, S.WAITING],
        [S.WAITING, S.PAID, S.PARTIALLY_REFUNDED, S.PARTIALLY_REFUNDED, S.REFUNDED],
        [S.PAID, S.REFUNDED],
        [S.WAITING, S.REFUNDED],
        [S.DRAFT, S.CANCELLED],
    ],
)
def test_allowed_paths(path: list[SaleState]) -> None:
    state = path[0]
    for new in path[1:]:
        assert can_transition(state, new)
        state = transition(state, new)
    assert state == path[-1]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (S.DRAFT, S.PAID),
        (S.DRAFT, S.WAITING),
        (S.CREATING, S.CANCELLED),
        (S.PAID, S.WAITING),
        (S.PAID, S.CANCELLED),
        (S.REFUNDED, S.PAID),
        (S.PARTIALLY_REFUNDED, S.PAID),
        (S.CANCELLED, S.PAID),
        (S.EXPIRED, S.WAITING),
        (S.FAILED, S.CREATING),
        (S.WAITING, S.DRAFT),
        (S.WAITING, S.CREATING),
    ],
)
def test_forbidden_moves(old: SaleState, new: SaleState) -> None:
    assert not can_transition(old, new)
    with pytest.raises(TransitionError) as info:
        transition(old, new)
    assert info.value.code == "sale.bad_transition"
    assert info.value.params == {"old": old.value, "new": new.value}


@pytest.mark.parametrize("state", list(SaleState))
def test_staying_put_is_allowed(state: SaleState) -> None:
    assert transition(state, state) == state


def test_final_states_go_nowhere_but_refunds() -> None:
    final = {s for s in SaleState if is_final(s)}
    assert final == {S.PAID, S.PARTIALLY_REFUNDED, S.REFUNDED, S.CANCELLED, S.EXPIRED, S.FAILED}
    for state in final:
        assert TRANSITIONS[state] <= {S.PARTIALLY_REFUNDED, S.REFUNDED}
    for state in set(SaleState) - final:
        assert not is_final(state)


@pytest.mark.parametrize(
    ("raw", "kwargs", "expected"),
    [
        ("processing", {}, S.WAITING),
        ("pending", {}, S.WAITING),
        ("cancelling", {}, S.CANCELLING),
        ("paid", {}, S.PAID),
        ("paid", {"total_refunded": Decimal("0.00")}, S.PAID),
        ("paid", {"total_refunded": Decimal("500.00")}, S.PARTIALLY_REFUNDED),
        ("paid", {"total_refunded": "500.00"}, S.PARTIALLY_REFUNDED),
        ("paid", {"total_refunded": "garbage"}, S.PAID),
        ("paid", {"is_fully_refunded": True, "total_refunded": Decimal("1500")}, S.REFUNDED),
        ("partially_refunded", {}, S.PARTIALLY_REFUNDED),
        ("partially_refunded", {"is_fully_refunded": True}, S.REFUNDED),
        ("refunded", {}, S.REFUNDED),
        ("cancelled", {}, S.CANCELLED),
        ("expired", {}, S.EXPIRED),
        ("error", {}, S.FAILED),
        (" PAID ", {}, S.PAID),
        ("pending", {"is_fully_refunded": True}, S.WAITING),
        ("something_new", {}, None),
        ("", {}, None),
    ],
)
def test_apipay_statuses(raw: str, kwargs: dict[str, object], expected: SaleState | None) -> None:
    assert map_apipay_status(raw, **kwargs) == expected  # type: ignore[arg-type]


def _invoice_status_enums(node: object) -> set[str]:
    """Every enum in a spec that lists invoice statuses (it has both "paid" and "expired")."""
    found: set[str] = set()
    if isinstance(node, dict):
        enum = node.get("enum")
        if isinstance(enum, list) and {"paid", "expired"} <= set(enum):
            found |= {str(v) for v in enum}
        for value in node.values():
            found |= _invoice_status_enums(value)
    elif isinstance(node, list):
        for value in node:
            found |= _invoice_status_enums(value)
    return found


def test_every_apipay_status_in_both_specs_is_known(
    spec_20: dict[str, object], spec_21: dict[str, object]
) -> None:
    statuses = _invoice_status_enums(spec_20) | _invoice_status_enums(spec_21)
    assert {"processing", "pending", "paid", "error", "refunded"} <= statuses
    # qr_scanned is a simulate-status action and a webhook event, not a stored invoice status.
    for raw in statuses - {"qr_scanned"}:
        assert map_apipay_status(raw) is not None, raw


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("pending", S.WAITING),
        ("QrTokenCreated", S.WAITING),
        ("completed", S.PAID),
        ("cancelled", S.CANCELLED),
        ("failed", S.FAILED),
        ("expired", S.EXPIRED),
        ("paid", None),
        ("", None),
    ],
)
def test_xpayment_statuses(raw: str, expected: SaleState | None) -> None:
    assert map_xpayment_status(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("pending", RefundState.PENDING),
        ("processing", RefundState.PENDING),
        ("completed", RefundState.COMPLETED),
        ("failed", RefundState.FAILED),
        ("Completed", RefundState.COMPLETED),
        ("issued", None),
    ],
)
def test_refund_statuses(raw: str, expected: RefundState | None) -> None:
    assert map_refund_status(raw) == expected


def test_unknown_status_never_raises() -> None:
    for raw in [None, 5, "", "💥"]:
        assert map_apipay_status(raw) is None  # type: ignore[arg-type]
        assert map_xpayment_status(raw) is None  # type: ignore[arg-type]
        assert map_refund_status(raw) is None  # type: ignore[arg-type]

"""The sales journal on its own: what is written, what survives a reopen, what is refused."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from pos_app.domain.errors import TransitionError
from pos_app.domain.sale import SaleState
from pos_app.journal.db import open_journal
from pos_app.journal.sales import SalesJournal, new_sale_id
from tests.checkout_services.helpers import PHONE, free_cart


def _journal(path: Path) -> SalesJournal:
    return SalesJournal(open_journal(path))


def test_a_sale_and_its_history_survive_a_reopen(tmp_path: Path) -> None:
    journal = _journal(tmp_path)
    cart = free_cart("1234.50")
    sale = journal.create(
        provider="apipay",
        method="qr",
        cart=cart,
        amount=cart.total,
        description="Coffee",
        register_name="Till 1",
        cashier_name="Aigerim",
    )
    expires = datetime(2030, 1, 1, 12, 0, tzinfo=UTC)
    journal.update(
        sale.sale_id,
        SaleState.WAITING,
        status_raw="pending",
        payment_id="77",
        qr_url="https://pay.example/qr/abc",
        qr_expires_at=expires,
    )
    journal.connection.close()

    again = _journal(tmp_path).get(sale.sale_id)
    assert again.state == SaleState.WAITING
    assert again.amount == Decimal("1234.50")
    assert again.cart.total == cart.total
    assert [line.name for line in again.cart.lines] == ["Coffee"]
    assert again.payment_id == "77"
    assert again.qr_url == "https://pay.example/qr/abc"
    assert again.qr_expires_at == expires
    assert (again.register_name, again.cashier_name) == ("Till 1", "Aigerim")
    assert again.group_id == sale.sale_id


def test_moves_outside_the_transition_table_are_refused_and_not_written(tmp_path: Path) -> None:
    journal = _journal(tmp_path)
    sale = journal.create(
        provider="apipay", method="phone", cart=free_cart(), amount=Decimal("1500"), phone=PHONE
    )
    journal.update(sale.sale_id, SaleState.WAITING, status_raw="pending")
    journal.update(sale.sale_id, SaleState.PAID, status_raw="paid")
    with pytest.raises(TransitionError):
        journal.update(sale.sale_id, SaleState.WAITING, status_raw="pending")
    after = journal.get(sale.sale_id)
    assert after.state == SaleState.PAID
    assert after.status_raw == "paid"
    assert [e.new_state for e in journal.events(sale.sale_id)] == [
        SaleState.CREATING,
        SaleState.WAITING,
        SaleState.PAID,
    ]


def test_a_poll_that_sees_nothing_new_writes_nothing(tmp_path: Path) -> None:
    journal = _journal(tmp_path)
    sale = journal.create(
        provider="apipay", method="phone", cart=free_cart(), amount=Decimal("1500"), phone=PHONE
    )
    first = journal.update(sale.sale_id, SaleState.WAITING, status_raw="pending")
    second = journal.update(sale.sale_id, SaleState.WAITING, status_raw="pending")
    assert second.updated_at == first.updated_at
    assert len(journal.events(sale.sale_id)) == 2


def test_unfinished_sales_are_the_ones_to_resume(tmp_path: Path) -> None:
    journal = _journal(tmp_path)

    def new() -> str:
        return journal.create(
            provider="apipay", method="phone", cart=free_cart(), amount=Decimal("1"), phone=PHONE
        ).sale_id

    creating, waiting, paid, unknown = new(), new(), new(), new()
    journal.update(waiting, SaleState.WAITING)
    journal.update(paid, SaleState.PAID)
    journal.update(unknown, SaleState.UNKNOWN)
    assert {s.sale_id for s in journal.unfinished()} == {creating, waiting, unknown}
    assert journal.get(paid).final_at is not None


def test_sale_ids_are_unique_time_ordered_and_fit_the_idempotency_key() -> None:
    ids = [new_sale_id(now_ms=1_700_000_000_000 + n) for n in range(50)]
    assert len(set(ids)) == 50
    assert ids == sorted(ids)
    assert all(len(i) == 26 and i.isalnum() for i in ids)
    assert new_sale_id(1) != new_sale_id(1)


def test_the_phone_is_stored_whole_but_shown_masked(tmp_path: Path) -> None:
    journal = _journal(tmp_path)
    sale = journal.create(
        provider="apipay", method="phone", cart=free_cart(), amount=Decimal("1"), phone=PHONE
    )
    assert journal.get(sale.sale_id).phone == PHONE  # a resend needs the whole number
    assert PHONE.national not in repr(sale)
    assert PHONE.masked in repr(sale)

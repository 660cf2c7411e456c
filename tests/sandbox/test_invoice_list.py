"""History: GET /invoices filters, Almaty date windows at every precision, sorting, summary."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import httpx
import pytest

from pos_app.sandbox import invoices, refunds
from pos_app.sandbox.clock import ALMATY, parse_window
from tests.fixtures.sandbox import SandboxHandle
from tests.sandbox.helpers import create_invoice, unique


@pytest.mark.parametrize(
    ("text", "end", "expected"),
    [
        ("2026-08-01", False, datetime(2026, 8, 1, 0, 0, tzinfo=ALMATY)),
        ("2026-08-01", True, datetime(2026, 8, 1, 23, 59, 59, 999999, tzinfo=ALMATY)),
        ("2026-08-01 11", True, datetime(2026, 8, 1, 11, tzinfo=ALMATY)),
        ("2026-08-01 11:30", False, datetime(2026, 8, 1, 11, 30, tzinfo=ALMATY)),
        ("2026-08-01T11:30:15", True, datetime(2026, 8, 1, 11, 30, 15, tzinfo=ALMATY)),
        ("2026-08-01 11:30:15.5", False, datetime(2026, 8, 1, 11, 30, 15, 500000, tzinfo=ALMATY)),
        ("2026-08-01T11:00:00Z", False, datetime(2026, 8, 1, 11, tzinfo=UTC)),
        (
            "2026-08-01T11:00:00+03:00",
            False,
            datetime(2026, 8, 1, 11, tzinfo=timezone(timedelta(hours=3))),
        ),
        (
            "2026-08-01 11+0300",
            False,
            datetime(2026, 8, 1, 11, tzinfo=timezone(timedelta(hours=3))),
        ),
    ],
)
def test_window_bounds_follow_the_spec(text: str, end: bool, expected: datetime) -> None:
    assert parse_window(text, end=end) == expected


@pytest.mark.parametrize("text", ["2026-8-1", "yesterday", "2026-08-01 1", "2026-02-30"])
def test_bad_window_values_are_rejected(text: str) -> None:
    with pytest.raises(ValueError):
        parse_window(text, end=False)


def seed(sandbox: SandboxHandle, tag: str) -> dict[str, int]:
    """Invoices at known Almaty times (a shift across midnight), tagged for search."""
    engine = sandbox.engine

    def at(hour: int, minute: int = 0, day: int = 3) -> datetime:
        return datetime(2031, 8, day, hour, minute, tzinfo=ALMATY)

    ids = {
        "morning": invoices.seed_invoice(
            engine, amount=1000, status="paid", created_at=at(9), description=f"{tag} morning"
        ),
        "evening": invoices.seed_invoice(
            engine, amount=2000, status="paid", created_at=at(18), description=f"{tag} evening"
        ),
        "night": invoices.seed_invoice(
            engine,
            amount=500,
            status="paid",
            created_at=at(2, day=4),
            paid_at=at(2, 30, day=4),
            description=f"{tag} night",
        ),
        "expired": invoices.seed_invoice(
            engine, amount=700, status="expired", created_at=at(12), description=f"{tag} expired"
        ),
        "cancelled": invoices.seed_invoice(
            engine,
            amount=300,
            status="cancelled",
            created_at=at(13),
            description=f"{tag} cancelled",
        ),
    }
    refunds.seed_refund(engine, ids["evening"], amount=400, created_at=at(23))
    return ids


def listed(api: httpx.Client, **params: Any) -> list[int]:
    body = api.get("/invoices", params={"per_page": 100, **params}).json()
    return [row["id"] for row in body["data"]]


def test_search_status_and_sorting(sandbox: SandboxHandle, api: httpx.Client) -> None:
    tag = unique("shop")
    ids = seed(sandbox, tag)
    assert set(listed(api, search=tag)) == set(ids.values())
    paid_only = listed(api, search=tag, **{"status[]": ["paid"]})
    assert set(paid_only) == {ids["morning"], ids["night"]}  # evening is partially refunded
    both = listed(api, search=tag, **{"status[]": ["paid", "partially_refunded"]})
    assert set(both) == {ids["morning"], ids["evening"], ids["night"]}
    by_amount = listed(api, search=tag, sort_by="amount", sort_order="asc")
    assert by_amount == [ids[k] for k in ("cancelled", "night", "expired", "morning", "evening")]
    assert listed(api, search=tag, sort_by="nonsense")[0] == ids["night"]  # created_at desc
    bad = api.get("/invoices", params={"status[]": "refunded"})
    assert bad.status_code == 422


def test_date_windows_in_almaty_time(sandbox: SandboxHandle, api: httpx.Client) -> None:
    tag = unique("shift")
    ids = seed(sandbox, tag)
    whole_day = listed(api, search=tag, date_from="2031-08-03", date_to="2031-08-03")
    assert set(whole_day) == {ids[k] for k in ("morning", "evening", "expired", "cancelled")}
    shift = listed(api, search=tag, date_from="2031-08-03 11", date_to="2031-08-04 03")
    assert set(shift) == {ids[k] for k in ("evening", "expired", "cancelled", "night")}
    # an hour bound is that exact moment, not the end of the hour
    assert ids["evening"] not in listed(api, search=tag, date_to="2031-08-03 17:59:59")
    assert ids["evening"] in listed(
        api, search=tag, date_from="2031-08-03 18", date_to="2031-08-03 18"
    )
    # an explicit offset is honoured: 12:00 UTC is 17:00 in Almaty
    utc = listed(api, search=tag, date_from="2031-08-03T12:00:00Z", date_to="2031-08-03T13:30Z")
    assert utc == [ids["evening"]]
    paid_window = listed(
        api, search=tag, date_field="paid_at", date_from="2031-08-04 02:15", date_to="2031-08-04"
    )
    assert paid_window == [ids["night"]]
    inverted = api.get("/invoices", params={"date_from": "2031-08-04", "date_to": "2031-08-03"})
    assert inverted.status_code == 422


def test_summary_of_a_shift(sandbox: SandboxHandle, api: httpx.Client) -> None:
    tag = unique("z")
    seed(sandbox, tag)
    body = api.get(
        "/invoices",
        params={
            "search": tag,
            "with_summary": 1,
            "date_from": "2031-08-03 08",
            "date_to": "2031-08-04 03",
            "per_page": 1,
        },
    ).json()
    summary = body["summary"]
    assert body["total"] == 5 and len(body["data"]) == 1  # the summary covers every page
    assert summary["count"] == 5
    assert summary["sales"] == {"count": 3, "amount": "3500.00", "refunded_later": "400.00"}
    assert summary["refunds"] == {"count": 1, "amount": "400.00"}
    assert summary["net_amount"] == "3100.00"
    assert summary["cancelled"] == {"count": 1, "amount": "300.00"}
    assert summary["expired"] == {"count": 1, "amount": "700.00"}
    assert summary["period"] == {
        "from": "2031-08-03T08:00:00+05:00",
        "to": "2031-08-04T03:00:00+05:00",
        "field": "created_at",
    }
    assert Decimal(summary["net_amount"]) == Decimal("3500") - Decimal("400")


def test_pagination(sandbox: SandboxHandle, api: httpx.Client) -> None:
    tag = unique("page")
    made = [create_invoice(api, description=tag)["id"] for _ in range(5)]
    page2 = api.get("/invoices", params={"search": tag, "per_page": 2, "page": 2}).json()
    assert page2["current_page"] == 2
    assert page2["total"] == 5
    assert [r["id"] for r in page2["data"]] == sorted(made, reverse=True)[2:4]

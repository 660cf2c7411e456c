"""ApiPay-only features, as service objects sharing the provider's transport.

* :class:`ApiPayCatalog` — units, items (list, targeted, create in batches, update, delete),
  image upload. Items sync to Kaspi through a queue: show ``status`` (``pending`` …).
* :class:`ApiPaySubscriptions` — recurring invoices (create, list, get, update, pause, resume,
  cancel, their invoices). ``GET /subscriptions/{id}`` is wrapped (2.0) or flat (2.1).
* :class:`ApiPayOrganizations` — organisation verification by IIN/BIN (seed 002): the owner
  confirms in Kaspi Business within 120 s; poll every 2 s.
* :class:`ApiPayReports` — a shift's totals from ``GET /invoices?with_summary=1`` (2.1).

They are reached through ``ApiPayProvider.catalog`` etc.; xPayment has none of these.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal

from pos_app.domain.iin import validate_iin_bin
from pos_app.domain.phone import KzPhone
from pos_app.payments.apipay_parse import parse_page, parse_summary
from pos_app.payments.errors import ProtocolError
from pos_app.payments.models import Page, ShiftSummary
from pos_app.payments.transport import HttpTransport
from pos_app.payments.wire import (
    as_list,
    as_mapping,
    format_date_bound,
    read_bool,
    read_datetime,
    read_int,
    read_money,
    read_str,
    required_id,
    required_str,
)

__all__ = [
    "ApiPayCatalog",
    "ApiPayOrganizations",
    "ApiPayReports",
    "ApiPaySubscriptions",
    "CatalogCreateResult",
    "CatalogItem",
    "CatalogUnit",
    "NewCatalogItem",
    "OrganizationStatus",
    "Subscription",
    "SubscriptionInvoice",
]


# --- catalog ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class CatalogUnit:
    """A unit of measure (``unit_id`` of an item)."""

    id: int
    name: str
    name_kaz: str | None = None


@dataclass(frozen=True)
class CatalogItem:
    """An item of the provider's catalog."""

    id: int
    name: str
    selling_price: Decimal | None
    unit_id: int | None
    status: str | None
    barcode: str | None = None
    external_ref: str | None = None
    image_url: str | None = None
    kaspi_item_id: str | None = None
    error_code: str | None = None
    error_message: str | None = None
    matched_existing: bool = False
    updated_at: datetime | None = None


@dataclass(frozen=True)
class NewCatalogItem:
    """An item to create (``POST /catalog``)."""

    name: str
    selling_price: Decimal
    unit_id: int
    barcode: str | None = None
    external_ref: str | None = None
    image_id: str | None = None

    def to_body(self) -> dict[str, Any]:
        """The item as the API takes it (``None`` fields left out)."""
        body: dict[str, Any] = {
            "name": self.name,
            "selling_price": self.selling_price,
            "unit_id": self.unit_id,
        }
        for key in ("barcode", "external_ref", "image_id"):
            value = getattr(self, key)
            if value is not None:
                body[key] = value
        return body


@dataclass(frozen=True)
class CatalogCreateResult:
    """Accepted items and the rejected ones (``index`` into the request, reason)."""

    items: tuple[CatalogItem, ...]
    rejected: tuple[tuple[int, str, str], ...]


def parse_catalog_item(data: Any) -> CatalogItem:
    """One ``CatalogItem``."""
    body = as_mapping(data, "catalog item")
    return CatalogItem(
        id=int(required_id(body, "id", "catalog item")),
        name=required_str(body, "name", "catalog item"),
        selling_price=read_money(body, "selling_price"),
        unit_id=read_int(body, "unit_id"),
        status=read_str(body, "status"),
        barcode=read_str(body, "barcode"),
        external_ref=read_str(body, "external_ref"),
        image_url=read_str(body, "image_url"),
        kaspi_item_id=read_str(body, "kaspi_item_id"),
        error_code=read_str(body, "error_code"),
        error_message=read_str(body, "error_message"),
        matched_existing=bool(read_bool(body, "matched_existing")),
        updated_at=read_datetime(body, "synced_at") or read_datetime(body, "updated_at"),
    )


class ApiPayCatalog:
    """The ApiPay catalog (organisations with a catalog only)."""

    def __init__(self, transport: HttpTransport) -> None:
        self._t = transport

    def __repr__(self) -> str:
        return "ApiPayCatalog()"

    async def units(self) -> list[CatalogUnit]:
        """``GET /catalog/units``."""
        answer = await self._t.request("GET", "/catalog/units")
        units: list[CatalogUnit] = []
        for raw in as_list(as_mapping(answer.data, "units").get("data"), "units"):
            body = as_mapping(raw, "unit")
            units.append(
                CatalogUnit(
                    id=int(required_id(body, "id", "unit")),
                    name=read_str(body, "name") or "",
                    name_kaz=read_str(body, "name_kaz"),
                )
            )
        return units

    async def list_items(
        self,
        *,
        page: int = 1,
        per_page: int = 50,
        search: str | None = None,
        statuses: Sequence[str] = (),
        updated_after: datetime | None = None,
        cursor: str | None = None,
    ) -> Page[CatalogItem]:
        """``GET /catalog`` (offset, keyset with ``cursor``, or incremental ``updated_after``)."""
        params: dict[str, Any] = {
            "page": None if cursor else page,
            "per_page": per_page,
            "search": search,
            "statuses[]": list(statuses),
            "updated_after": updated_after.isoformat() if updated_after else None,
            "cursor": cursor,
        }
        answer = await self._t.request("GET", "/catalog", params=params)
        return parse_page(answer.data, parse_catalog_item, per_page=per_page, what="catalog")

    async def get_items(self, ids: Sequence[int]) -> list[CatalogItem]:
        """Targeted read of up to 200 items by id (any status)."""
        answer = await self._t.request("GET", "/catalog", params={"ids[]": list(ids)})
        data = as_mapping(answer.data, "catalog")
        return [parse_catalog_item(raw) for raw in as_list(data.get("data"), "catalog")]

    async def create_items(
        self, items: Sequence[NewCatalogItem], *, idempotency_key: str | None = None
    ) -> CatalogCreateResult:
        """``POST /catalog`` (1–100 items); the same ``idempotency_key`` never creates twice."""
        body: dict[str, Any] = {"items": [item.to_body() for item in items]}
        if idempotency_key:
            body["idempotency_key"] = idempotency_key
        answer = await self._t.send_once("POST", "/catalog", body=body)
        data = as_mapping(answer.data, "catalog create")
        rejected_raw = data.get("rejected")
        rejected = tuple(
            (
                read_int(entry, "index") or 0,
                read_str(entry, "error_code") or "",
                read_str(entry, "error_message") or "",
            )
            for entry in (
                as_mapping(raw, "rejected item")
                for raw in (rejected_raw if isinstance(rejected_raw, list) else [])
            )
        )
        created = tuple(parse_catalog_item(raw) for raw in as_list(data.get("data"), "catalog"))
        return CatalogCreateResult(created, rejected)

    async def update_item(self, item_id: int, **fields: Any) -> None:
        """``PATCH /catalog/{id}`` with the given fields (``name``, ``selling_price`` …)."""
        await self._t.send_once("PATCH", f"/catalog/{int(item_id)}", body=fields)

    async def delete_item(self, item_id: int) -> None:
        """``DELETE /catalog/{id}`` (production: queued, status ``deleting``)."""
        await self._t.send_once("DELETE", f"/catalog/{int(item_id)}")

    async def upload_image(self, filename: str, content: bytes, content_type: str) -> str:
        """``POST /catalog/upload-image`` (JPEG/PNG ≤ 6 MB); returns the ``image_id``."""
        answer = await self._t.send_once(
            "POST", "/catalog/upload-image", files={"image": (filename, content, content_type)}
        )
        return required_str(as_mapping(answer.data, "image"), "image_id", "image")


# --- subscriptions ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Subscription:
    """A recurring payment plan."""

    id: str
    status: str
    amount: Decimal | None
    billing_period: str | None
    phone_number: str | None
    subscriber_name: str | None = None
    description: str | None = None
    external_subscriber_id: str | None = None
    next_billing_at: datetime | None = None
    created_at: datetime | None = None
    total_collected: Decimal | None = None


@dataclass(frozen=True)
class SubscriptionInvoice:
    """One billing period of a subscription and the invoice it produced."""

    id: str
    status: str
    invoice_id: str | None
    amount: Decimal | None
    paid_at: datetime | None = None
    failure_reason: str | None = None


def parse_subscription(data: Any) -> Subscription:
    """A subscription, wrapped (``{"subscription": {...}}``, 2.0) or flat (2.1)."""
    body = as_mapping(data, "subscription")
    inner = body.get("subscription")
    if isinstance(inner, Mapping):
        outer = body
        body = inner
    else:
        outer = body
    stats_raw = outer.get("stats", body.get("stats"))
    stats: Mapping[str, Any] = stats_raw if isinstance(stats_raw, Mapping) else {}
    return Subscription(
        id=required_id(body, "id", "subscription"),
        status=required_str(body, "status", "subscription"),
        amount=read_money(body, "amount"),
        billing_period=read_str(body, "billing_period"),
        phone_number=read_str(body, "phone_number"),
        subscriber_name=read_str(body, "subscriber_name"),
        description=read_str(body, "description"),
        external_subscriber_id=read_str(body, "external_subscriber_id"),
        next_billing_at=read_datetime(body, "next_billing_at"),
        created_at=read_datetime(body, "created_at"),
        total_collected=read_money(stats, "total_collected"),
    )


def parse_subscription_invoice(data: Any) -> SubscriptionInvoice:
    """One entry of ``GET /subscriptions/{id}/invoices``."""
    body = as_mapping(data, "subscription invoice")
    return SubscriptionInvoice(
        id=required_id(body, "id", "subscription invoice"),
        status=read_str(body, "status") or "",
        invoice_id=read_str(body, "invoice_id"),
        amount=read_money(body, "amount"),
        paid_at=read_datetime(body, "paid_at"),
        failure_reason=read_str(body, "failure_reason"),
    )


BillingPeriod = Literal["daily", "weekly", "biweekly", "monthly", "quarterly", "yearly"]


class ApiPaySubscriptions:
    """ApiPay recurring subscriptions."""

    def __init__(self, transport: HttpTransport) -> None:
        self._t = transport

    def __repr__(self) -> str:
        return "ApiPaySubscriptions()"

    async def create(
        self,
        phone: KzPhone,
        billing_period: BillingPeriod,
        *,
        amount: Decimal | None = None,
        cart_items: Sequence[Mapping[str, int]] | None = None,
        description: str | None = None,
        subscriber_name: str | None = None,
        external_subscriber_id: str | None = None,
        billing_day: int | None = None,
        bill_immediately: bool = False,
    ) -> Subscription:
        """``POST /subscriptions`` (``amount`` without a catalog, ``cart_items`` with one)."""
        body: dict[str, Any] = {
            "phone_number": phone.apipay,
            "billing_period": billing_period,
            "bill_immediately": bill_immediately,
        }
        optional = {
            "amount": amount,
            "cart_items": list(cart_items) if cart_items else None,
            "description": description,
            "subscriber_name": subscriber_name,
            "external_subscriber_id": external_subscriber_id,
            "billing_day": billing_day,
        }
        body.update({key: value for key, value in optional.items() if value is not None})
        answer = await self._t.send_once("POST", "/subscriptions", body=body)
        return parse_subscription(answer.data)

    async def list(
        self, *, status: str | None = None, page: int = 1, per_page: int = 20
    ) -> Page[Subscription]:
        """``GET /subscriptions`` (meta pagination)."""
        answer = await self._t.request(
            "GET", "/subscriptions", params={"status": status, "page": page, "per_page": per_page}
        )
        return parse_page(answer.data, parse_subscription, per_page=per_page, what="subscriptions")

    async def get(self, subscription_id: str) -> Subscription:
        """``GET /subscriptions/{id}`` (wrapped or flat)."""
        answer = await self._t.request("GET", f"/subscriptions/{int(subscription_id)}")
        return parse_subscription(answer.data)

    async def update(self, subscription_id: str, **fields: Any) -> Subscription:
        """``PUT /subscriptions/{id}`` with the given fields."""
        answer = await self._t.send_once(
            "PUT", f"/subscriptions/{int(subscription_id)}", body=fields
        )
        return parse_subscription(answer.data)

    async def _action(self, subscription_id: str, action: str) -> Subscription:
        answer = await self._t.send_once("POST", f"/subscriptions/{int(subscription_id)}/{action}")
        return parse_subscription(answer.data)

    async def pause(self, subscription_id: str) -> Subscription:
        """Stop billing an active subscription."""
        return await self._action(subscription_id, "pause")

    async def resume(self, subscription_id: str) -> Subscription:
        """Resume a paused subscription."""
        return await self._action(subscription_id, "resume")

    async def cancel(self, subscription_id: str) -> Subscription:
        """End a subscription for good."""
        return await self._action(subscription_id, "cancel")

    async def invoices(
        self, subscription_id: str, *, page: int = 1, per_page: int = 20
    ) -> Page[SubscriptionInvoice]:
        """``GET /subscriptions/{id}/invoices``."""
        answer = await self._t.request(
            "GET",
            f"/subscriptions/{int(subscription_id)}/invoices",
            params={"page": page, "per_page": per_page},
        )
        return parse_page(
            answer.data, parse_subscription_invoice, per_page=per_page, what="subscription invoices"
        )


# --- organisations ---------------------------------------------------------------------------


@dataclass(frozen=True)
class OrganizationStatus:
    """Where an organisation's verification is: ``pending``, ``verified`` or ``failed``."""

    id: str
    status: str
    idn: str | None = None
    time_remaining: int | None = None

    @property
    def is_final(self) -> bool:
        """Verified or failed: stop polling."""
        return self.status in ("verified", "failed")


def parse_organization(data: Any) -> OrganizationStatus:
    """``{"organization": {...}}`` or the bare object."""
    body = as_mapping(data, "organization")
    inner = body.get("organization")
    org = as_mapping(inner, "organization") if inner is not None else body
    return OrganizationStatus(
        id=required_id(org, "id", "organization"),
        status=required_str(org, "status", "organization"),
        idn=read_str(org, "idn"),
        time_remaining=read_int(org, "time_remaining"),
    )


class ApiPayOrganizations:
    """Organisation verification by IIN/BIN (optional onboarding step)."""

    POLL_SECONDS = 2.0
    TIMEOUT_SECONDS = 120.0

    def __init__(self, transport: HttpTransport) -> None:
        self._t = transport

    def __repr__(self) -> str:
        return "ApiPayOrganizations()"

    async def verify(self, idn: str) -> OrganizationStatus:
        """``POST /organizations/verify``; the owner then confirms in Kaspi Business.

        Raises:
            IinError: ``idn`` is not a valid IIN/BIN (checked before sending).
        """
        answer = await self._t.send_once(
            "POST", "/organizations/verify", body={"idn": validate_iin_bin(idn)}
        )
        return parse_organization(answer.data)

    async def status(self, organization_id: str) -> OrganizationStatus:
        """``GET /organizations/{id}/status``."""
        answer = await self._t.request("GET", f"/organizations/{int(organization_id)}/status")
        return parse_organization(answer.data)

    async def wait_verified(self, organization_id: str) -> OrganizationStatus:
        """Poll every 2 s until verified or failed, at most 120 s; returns the last status."""
        clock = self._t.clock
        deadline = clock.monotonic() + self.TIMEOUT_SECONDS
        while True:
            current = await self.status(organization_id)
            if current.is_final or clock.monotonic() >= deadline:
                return current
            await clock.sleep(self.POLL_SECONDS)


# --- reports ---------------------------------------------------------------------------------


class ApiPayReports:
    """Totals computed by ApiPay (2.1)."""

    def __init__(self, transport: HttpTransport) -> None:
        self._t = transport

    def __repr__(self) -> str:
        return "ApiPayReports()"

    async def shift_summary(
        self,
        date_from: date | datetime,
        date_to: date | datetime,
        *,
        date_field: Literal["created_at", "paid_at"] = "paid_at",
    ) -> ShiftSummary:
        """Sales, refunds made in the window and net takings, as the terminal counts a shift.

        Args:
            date_from: Start (bare date = the shop's whole day; naive time = shop time).
            date_to: End, inclusive.
            date_field: ``paid_at`` (default: how the terminal assigns sales to shifts).
        """
        answer = await self._t.request(
            "GET",
            "/invoices",
            params={
                "with_summary": True,
                "date_field": date_field,
                "date_from": format_date_bound(date_from),
                "date_to": format_date_bound(date_to),
                "per_page": 1,
            },
        )
        summary = as_mapping(answer.data, "invoices").get("summary")
        if summary is None:
            raise ProtocolError(server_message="no summary: the server may speak spec 2.0")
        return parse_summary(summary)

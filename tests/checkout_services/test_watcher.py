"""The payment watcher: 429s honoured, 5xx survived, unknown statuses kept, the request budget."""

from __future__ import annotations

import asyncio
import dataclasses
from dataclasses import replace
from pathlib import Path

from pos_app.domain.sale import SaleState
from pos_app.payments.apipay import ApiPayProvider
from pos_app.payments.base import PaymentQuery
from pos_app.payments.models import Payment
from pos_app.services.watcher import ConnectionState, WatcherSettings
from tests.checkout_services.helpers import (
    FAST,
    PHONE,
    ObservingTransport,
    VirtualClock,
    free_cart,
    make_provider,
    max_in_window,
    open_till,
    run,
    until,
    until_state,
)
from tests.fixtures.sandbox import SandboxHandle

STATUS_PATHS = r"/invoices/(status/check|\d+)"


def test_server_errors_while_polling_show_retrying_then_recover(
    sandbox: SandboxHandle, tmp_path: Path
) -> None:
    async def scenario() -> None:
        till = open_till(sandbox, tmp_path)
        till.service.start()
        sale_id = await till.service.start_phone_sale(free_cart(), PHONE)
        payment_id = till.sale(sale_id).payment_id
        assert payment_id is not None
        # Enough of each to outlast the client's own read retries (4 tries per poll).
        for kind in ("error_500", "kaspi_502", "unavailable_503"):
            sandbox.inject_fault(kind, path=STATUS_PATHS, count=4)
        sandbox.pay(payment_id)
        await until_state(till, sale_id, SaleState.PAID)
        assert till.connection_states[0] == ConnectionState.RETRYING
        assert till.connection_states[-1] == ConnectionState.OK
        assert till.service.watcher.running  # it never crashed
        await till.close()

    run(scenario())
    faults = [r["fault"] for r in sandbox.requests(path=STATUS_PATHS) if r["fault"]]
    assert sorted(set(faults)) == ["error_500", "kaspi_502", "unavailable_503"]


def test_network_loss_goes_offline_and_comes_back(sandbox: SandboxHandle, tmp_path: Path) -> None:
    async def scenario() -> None:
        till = open_till(sandbox, tmp_path)
        till.service.start()
        sale_id = await till.service.start_phone_sale(free_cart(), PHONE)
        payment_id = till.sale(sale_id).payment_id
        assert payment_id is not None
        sandbox.inject_fault("drop_before", path=STATUS_PATHS, count=16)
        await until(lambda: till.service.connection_state == ConnectionState.OFFLINE, "offline")
        sandbox.pay(payment_id)
        await until_state(till, sale_id, SaleState.PAID)
        assert till.connection_states[:2] == [ConnectionState.RETRYING, ConnectionState.OFFLINE]
        assert till.service.connection_state == ConnectionState.OK
        await till.close()

    run(scenario())


def test_429_is_honoured_and_watching_continues(sandbox: SandboxHandle, tmp_path: Path) -> None:
    async def scenario() -> None:
        till = open_till(sandbox, tmp_path)
        till.service.start()
        sale_id = await till.service.start_phone_sale(free_cart(), PHONE)
        payment_id = till.sale(sale_id).payment_id
        assert payment_id is not None
        sandbox.inject_fault("rate_limit_429", path=STATUS_PATHS, count=4, retry_after=1)
        sandbox.pay(payment_id)
        await until_state(till, sale_id, SaleState.PAID)
        assert ConnectionState.RETRYING in till.connection_states
        assert till.service.connection_state == ConnectionState.OK
        await till.close()

    run(scenario())
    assert [r["status"] for r in sandbox.requests(path=STATUS_PATHS)][:4] == [429] * 4


def test_no_request_leaves_before_a_429s_retry_after(
    sandbox: SandboxHandle, tmp_path: Path
) -> None:
    clock = VirtualClock()
    transport = ObservingTransport(clock)

    async def scenario() -> None:
        provider = make_provider(sandbox, clock=clock, http_transport=transport)
        till = open_till(
            sandbox, tmp_path, provider=provider, clock=clock, settings=WatcherSettings()
        )
        driver = asyncio.ensure_future(clock.drive(120.0))
        sale_id = await till.service.start_phone_sale(free_cart(), PHONE)
        sandbox.inject_fault("rate_limit_429", path=STATUS_PATHS, count=6, retry_after=7)
        till.service.start()
        await driver
        assert till.sale(sale_id).state == SaleState.WAITING
        await till.close()

    run(scenario())
    polls = [(t, status) for t, method, path, status in transport.log if "/invoices/" in path]
    refused = [t for t, status in polls if status == 429]
    assert len(refused) == 6
    for t in refused:
        following = [u for u, _ in polls if u > t]
        assert following, f"watching stopped after a 429: {polls}"
        assert min(following) >= t + 7, polls
    assert any(status == 200 for t, status in polls if t > refused[-1])


def test_unknown_provider_status_is_journaled_raw_and_nothing_breaks(
    sandbox: SandboxHandle, tmp_path: Path
) -> None:
    # The sandbox only speaks documented statuses; a provider wrapper plays a newer API.
    class NewerApi(ApiPayProvider):
        odd = True

        async def get_payment(self, payment_id: str) -> Payment:
            payment = await super().get_payment(payment_id)
            if self.odd:
                return dataclasses.replace(payment, status_raw="on_hold", state=None)
            return payment

    async def scenario() -> None:
        provider = make_provider(sandbox)
        newer = NewerApi(provider.transport.settings)
        await provider.aclose()
        till = open_till(
            sandbox, tmp_path, provider=newer, settings=replace(FAST, single_via_get=True)
        )
        till.service.start()
        sale_id = await till.service.start_phone_sale(free_cart(), PHONE)
        await until(lambda: till.sale(sale_id).status_raw == "on_hold", "raw status kept")
        sale = till.sale(sale_id)
        assert sale.state == SaleState.WAITING
        [event] = [e for e in till.journal.events(sale_id) if e.status_raw == "on_hold"]
        assert "unknown provider status" in event.note
        assert sale_id in till.service.watcher.watched
        newer.odd = False
        assert sale.payment_id is not None
        sandbox.pay(sale.payment_id)
        await until_state(till, sale_id, SaleState.PAID)
        await till.close()

    run(scenario())


def test_ten_waiting_sales_and_history_browsing_stay_within_60_a_minute(
    sandbox: SandboxHandle, tmp_path: Path
) -> None:
    """Three virtual minutes: 10 sales polled at the default pace while the cashier pages
    through the history as fast as the client lets them; no minute carries more than 60."""
    clock = VirtualClock()
    transport = ObservingTransport(clock)
    minutes = 3

    async def scenario() -> None:
        # The app's default budget for a 60/min server: the limiter itself keeps any minute
        # (a burst plus a minute of refill) at or under 60.
        provider = make_provider(
            sandbox, clock=clock, http_transport=transport, rate_limit_per_minute=60
        )
        till = open_till(
            sandbox, tmp_path, provider=provider, clock=clock, settings=WatcherSettings()
        )
        driver = asyncio.ensure_future(clock.drive(minutes * 60.0))
        till.service.start()
        sale_ids = [
            await till.service.start_phone_sale(free_cart(str(100 + n)), PHONE) for n in range(10)
        ]

        async def browse_history() -> None:
            page = 1
            while not driver.done():
                await provider.list_payments(PaymentQuery(page=page % 5 + 1, per_page=20))
                page += 1

        browser = asyncio.ensure_future(browse_history())
        await driver
        browser.cancel()
        await asyncio.gather(browser, return_exceptions=True)
        assert len(till.service.watcher.watched) == 10
        assert all(till.sale(s).state == SaleState.WAITING for s in sale_ids)
        await till.close()

    run(scenario())
    times = [t for t, *_ in transport.log]
    assert max_in_window(times) <= 60
    # the server saw the same traffic (the history request cancelled at the end may not land)
    assert len(transport.log) - 1 <= len(sandbox.requests()) <= len(transport.log)
    status_polls = [t for t, method, path, _ in transport.log if "status/check" in path]
    assert len(status_polls) >= minutes * 6  # the sales were really watched throughout


def test_fast_settings_are_test_only() -> None:
    assert WatcherSettings().interval == 2.0
    assert WatcherSettings().slow_interval == 5.0
    assert FAST.interval < WatcherSettings().interval

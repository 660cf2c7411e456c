"""The payment watcher: polls every waiting sale until the provider says it is settled.

One :class:`PaymentWatcher` per provider account. It knows sales only by their local id and the
provider's payment id; what a status *means* for a sale is the job of its ``on_status``
callback (the checkout service journals it). Rules:

* **Few requests.** All sales due for a poll go out in one bulk status call
  (``get_statuses``: ApiPay ``POST /invoices/status/check``, at most 100 ids a call — chunked).
  A single due sale is read with ``get_payment`` when the provider has no bulk call, or when
  ``single_via_get`` is set (ApiPay 2.1 gives ``GET /invoices/{id}`` its own 1000/min budget;
  the seeds' servers and the sandbox count it in the general 60/min, and the client's limiter
  then lets it bypass the shared bucket — so by default the bulk call is used for one sale
  too: one request either way, always inside the shared budget). Every request goes through
  the provider's shared rate
  limiter *and* through the watcher's own token bucket (``requests_per_minute``, default half of
  the seeds' 60/min), so that polling leaves room for the cashier's other requests (history,
  refunds, new sales).
* **Slower when nothing happens.** A sale is polled every ``interval`` (2 s); after
  ``slow_after`` (60 s) of waiting, every ``slow_interval`` (5 s). Sales due at about the same
  time are polled together.
* **Never crashes.** Network loss, 5xx, 429, 502/503, answers it cannot read, even a bug in a
  callback: logged, and the next poll comes after an exponential back-off (``interval × 2ⁿ``,
  at most ``max_backoff`` = 30 s; at least a 429's ``Retry-After``). The first success brings
  the normal pace back. The connection state (:class:`ConnectionState`) is published on every
  change: ``ok`` → ``retrying`` after a failure → ``offline`` after ``offline_after`` failures
  in a row → ``ok``.
* **Final states stop watching** that sale (the callback is still told).
* **Reconciliation retries.** Sales whose create answer was lost and whose look-up failed too
  (:meth:`PaymentWatcher.reconcile_later`) are handed to the ``reconcile`` callback on every
  cycle until it reports success; its failures count as connection failures.
* **Late checks.** A sale that reconciliation found without an invoice (``FAILED``) is looked
  up again a few times over the next minutes (:meth:`PaymentWatcher.check_late`,
  ``late_check_after``), in case the slow create reaches the server after all. Each look-up
  takes a token of the watcher's budget; a failed look-up counts as a connection failure and
  is tried again on a later cycle (at most ``late_check_retries`` extra tries per sale).

Time comes from a :class:`~pos_app.payments.ratelimit.Clock`, so tests can run it on a fake one.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from pos_app.domain.sale import is_final
from pos_app.payments.base import PaymentProvider
from pos_app.payments.errors import NotFoundError, PaymentError, RateLimitedError
from pos_app.payments.models import Payment, PaymentStatus
from pos_app.payments.ratelimit import Clock, SystemClock, TokenBucket

__all__ = [
    "ConnectionState",
    "PaymentWatcher",
    "WatcherSettings",
    "status_of",
]

log = logging.getLogger("pos_app.services.watcher")

#: ApiPay's documented maximum of ids in one status check.
MAX_BATCH = 100


class ConnectionState(StrEnum):
    """How the watcher's last requests to the provider went."""

    OK = "ok"
    RETRYING = "retrying"  # the last poll failed; trying again after a back-off
    OFFLINE = "offline"  # several polls in a row failed


@dataclass(frozen=True)
class WatcherSettings:
    """How often and how hard the watcher polls (all times in seconds).

    Attributes:
        interval: Normal pause between polls of a sale (a setting; default 2 s).
        slow_interval: Pause for a sale that has waited longer than ``slow_after``.
        slow_after: After this long a waiting sale is polled at ``slow_interval``.
        max_backoff: The longest pause after failures.
        offline_after: Failures in a row after which the connection counts as offline.
        requests_per_minute: The watcher's own share of the key's request budget.
        burst: Requests the watcher may send at once after a quiet spell.
        batch_size: Ids per bulk status call (≤ 100 for ApiPay).
        single_via_get: Read a lone due sale with ``get_payment`` even when the provider has a
            bulk call (for a server whose single read has a budget of its own).
        late_check_after: Seconds after a "no invoice" reconciliation at which the order id
            is looked up again (a slow create may still arrive).
        late_check_retries: Extra tries of failed late look-ups per sale (bounded).
    """

    interval: float = 2.0
    slow_interval: float = 5.0
    slow_after: float = 60.0
    max_backoff: float = 30.0
    offline_after: int = 3
    requests_per_minute: float = 30.0
    burst: float = 2.0
    batch_size: int = MAX_BATCH
    single_via_get: bool = False
    late_check_after: tuple[float, ...] = (15.0, 45.0, 90.0, 180.0, 300.0)
    late_check_retries: int = 10

    def __post_init__(self) -> None:
        if self.interval <= 0 or self.slow_interval <= 0 or self.max_backoff <= 0:
            raise ValueError("intervals must be positive")
        if not 1 <= self.batch_size <= MAX_BATCH:
            raise ValueError(f"batch_size must be within 1..{MAX_BATCH}")


StatusCallback = Callable[[str, PaymentStatus], Awaitable[None] | None]
ConnectionCallback = Callable[["ConnectionState"], None]
ReconcileCallback = Callable[[str], Awaitable[bool]]
#: Returns whether the sale is settled (``True``: no more late checks).
LateCheckCallback = Callable[[str], Awaitable[bool]]


def status_of(payment: Payment) -> PaymentStatus:
    """The light status of a full payment (what a bulk check would have said)."""
    return PaymentStatus(
        id=payment.id,
        status_raw=payment.status_raw,
        state=payment.state,
        amount=payment.amount,
        kaspi_invoice_id=payment.kaspi_invoice_id,
        error_message=payment.error_message,
    )


@dataclass
class _Late:
    sale_id: str
    due: list[float]  # monotonic times of the remaining look-ups, soonest first
    retries_left: int


@dataclass
class _Watched:
    sale_id: str
    payment_id: str
    since: float
    next_due: float


class PaymentWatcher:
    """Polls the provider for the waiting sales and reports what it sees.

    Args:
        provider: The payment provider (its transport holds the shared rate limiter).
        on_status: Called with ``(sale_id, status)`` for every status read (also unchanged
            ones and unknown raw statuses: the callback decides what is news). May be async.
        on_connection: Called with the new :class:`ConnectionState` when it changes.
        reconcile: Called with a sale id handed to :meth:`reconcile_later`; returns whether
            the sale is now decided (``False``: try again next cycle).
        late_check: Called with a sale id handed to :meth:`check_late` at each of its times;
            returns whether it is settled (``True``: no more checks). A ``PaymentError`` it
            raises counts as a failure and the check is tried again later.
        settings: Intervals and budget.
        clock: Time source (tests pass a fake one).
    """

    def __init__(
        self,
        provider: PaymentProvider,
        *,
        on_status: StatusCallback,
        on_connection: ConnectionCallback | None = None,
        reconcile: ReconcileCallback | None = None,
        late_check: LateCheckCallback | None = None,
        settings: WatcherSettings | None = None,
        clock: Clock | None = None,
    ) -> None:
        self._provider = provider
        self._on_status = on_status
        self._on_connection = on_connection
        self._reconcile = reconcile
        self._late_check = late_check
        self._late: dict[str, _Late] = {}
        self.settings = settings or WatcherSettings()
        self._clock: Clock = clock or SystemClock()
        self._budget = TokenBucket(
            self.settings.requests_per_minute,
            burst=self.settings.burst,
            clock=self._clock,
            name="watcher",
        )
        self._watched: dict[str, _Watched] = {}
        self._to_reconcile: dict[str, None] = {}  # ordered set
        self._failures = 0
        self._paused_until = float("-inf")
        self._state = ConnectionState.OK
        self._task: asyncio.Task[None] | None = None
        self._wake: asyncio.Event | None = None
        self.last_error: PaymentError | None = None
        self.polls = 0

    # --- what is watched -----------------------------------------------------------------

    @property
    def connection_state(self) -> ConnectionState:
        """The state published last."""
        return self._state

    @property
    def watched(self) -> dict[str, str]:
        """Sale id → payment id of every watched sale."""
        return {w.sale_id: w.payment_id for w in self._watched.values()}

    @property
    def pending_reconciliation(self) -> list[str]:
        """Sales waiting for a successful look-up."""
        return list(self._to_reconcile)

    def watch(self, sale_id: str, payment_id: str) -> None:
        """Poll ``payment_id`` for ``sale_id`` from now on (again: keeps its waiting time)."""
        now = self._clock.monotonic()
        current = self._watched.get(sale_id)
        if current is not None and current.payment_id == payment_id:
            return
        self._watched[sale_id] = _Watched(sale_id, payment_id, since=now, next_due=now)
        self.wake()

    def unwatch(self, sale_id: str) -> None:
        """Stop polling ``sale_id`` (nothing happens if it is not watched)."""
        self._watched.pop(sale_id, None)
        self._to_reconcile.pop(sale_id, None)

    def reconcile_later(self, sale_id: str) -> None:
        """Hand ``sale_id`` to the ``reconcile`` callback on every cycle until it succeeds."""
        self._to_reconcile[sale_id] = None
        self.wake()

    @property
    def late_checks(self) -> dict[str, int]:
        """Sale id → how many late look-ups are still planned for it."""
        return {late.sale_id: len(late.due) for late in self._late.values()}

    def check_late(self, sale_id: str, after: Sequence[float] | None = None) -> None:
        """Look ``sale_id`` up again ``after`` seconds from now (default ``late_check_after``).

        For a sale reconciled to "no invoice": a slow create may still reach the server.
        """
        delays = self.settings.late_check_after if after is None else tuple(after)
        if not delays:
            return
        now = self._clock.monotonic()
        self._late[sale_id] = _Late(
            sale_id, sorted(now + d for d in delays), self.settings.late_check_retries
        )
        self.wake()

    def cancel_late(self, sale_id: str) -> None:
        """No more late look-ups of ``sale_id``."""
        self._late.pop(sale_id, None)

    def poll_soon(self, sale_id: str) -> None:
        """Poll ``sale_id`` at the next cycle (the cashier asked "did it arrive?")."""
        watched = self._watched.get(sale_id)
        if watched is not None:
            watched.next_due = self._clock.monotonic()
            self.wake()

    # --- running -------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        """Whether the polling task is alive."""
        return self._task is not None and not self._task.done()

    def start(self) -> None:
        """Start polling on the running event loop (idempotent)."""
        if self.running:
            return
        self._wake = asyncio.Event()
        self._task = asyncio.get_running_loop().create_task(self._run(), name="payment-watcher")

    def wake(self) -> None:
        """Cut the current pause short (a new sale, a manual refresh)."""
        if self._wake is not None:
            self._wake.set()

    async def aclose(self) -> None:
        """Stop polling and wait for the task to end."""
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def _run(self) -> None:
        while True:
            try:
                await self.poll_once()
            except asyncio.CancelledError:
                raise
            except Exception:  # a bug must not stop the watching of every other sale
                log.exception("payment watcher: unexpected failure, backing off")
                self._failed(None)
            await self._pause(self._next_wake_in())

    def _next_wake_in(self) -> float:
        now = self._clock.monotonic()
        if now < self._paused_until:
            return self._paused_until - now
        if self._to_reconcile:
            return self.settings.interval
        dues = [w.next_due for w in self._watched.values()]
        dues.extend(late.due[0] for late in self._late.values() if late.due)
        if not dues:
            return self.settings.slow_interval  # idle; watch()/wake() cut it short
        return max(0.0, min(dues) - now)

    async def _pause(self, seconds: float) -> None:
        wake = self._wake
        if wake is None or seconds <= 0:
            await self._clock.sleep(max(0.0, seconds))
            return
        wake.clear()
        sleeper = asyncio.ensure_future(self._clock.sleep(seconds))
        waiter = asyncio.ensure_future(wake.wait())
        try:
            await asyncio.wait({sleeper, waiter}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for future in (sleeper, waiter):
                future.cancel()
        # A wake during a back-off does not cut the back-off short (a 429 must be honoured).
        now = self._clock.monotonic()
        if now < self._paused_until:
            await self._clock.sleep(self._paused_until - now)

    # --- one cycle -----------------------------------------------------------------------

    async def poll_once(self) -> None:
        """One cycle: retry pending reconciliations, then poll every sale that is due."""
        now = self._clock.monotonic()
        if now < self._paused_until:
            return
        if self._to_reconcile and self._reconcile is not None:
            for sale_id in list(self._to_reconcile):
                await self._budget.acquire()
                try:
                    done = await self._reconcile(sale_id)
                except Exception:
                    log.exception("sale %s: reconciliation failed", sale_id)
                    done = False
                if not done:
                    self._failed(None)
                    return
                self._to_reconcile.pop(sale_id, None)
                self._succeeded()
        if not await self._late_checks():
            return
        now = self._clock.monotonic()
        # Coalesce: whatever would be due within half an interval goes out with this call.
        horizon = now + self.settings.interval / 2
        due = [w for w in self._watched.values() if w.next_due <= horizon]
        if not due:
            return
        for start in range(0, len(due), self.settings.batch_size):
            batch = due[start : start + self.settings.batch_size]
            if not await self._poll_batch(batch):
                return

    async def _late_checks(self) -> bool:
        """Run the late look-ups that are due; ``False`` when one failed (back off)."""
        if self._late_check is None:
            self._late.clear()
            return True
        now = self._clock.monotonic()
        for late in [x for x in self._late.values() if x.due and x.due[0] <= now]:
            await self._budget.acquire()
            try:
                settled = await self._late_check(late.sale_id)
            except asyncio.CancelledError:
                raise
            except PaymentError as error:
                log.warning("sale %s: late look-up failed (%s)", late.sale_id, type(error).__name__)
                late.retries_left -= 1
                if late.retries_left < 0:
                    late.due.pop(0)  # bounded: this look-up is given up
                self._finish_late(late)
                self._failed(error)
                return False
            except Exception:
                log.exception("sale %s: late look-up failed", late.sale_id)
                settled = False
            late.due.pop(0)
            if settled:
                late.due.clear()
            self._finish_late(late)
            self._succeeded()
        return True

    def _finish_late(self, late: _Late) -> None:
        if not late.due and self._late.get(late.sale_id) is late:
            del self._late[late.sale_id]

    async def _poll_batch(self, batch: Sequence[_Watched]) -> bool:
        await self._budget.acquire()
        self.polls += 1
        try:
            if len(batch) == 1 and (
                self.settings.single_via_get or not self._provider.capabilities.bulk_status
            ):
                statuses = await self._poll_one(batch[0])
            elif not self._provider.capabilities.bulk_status:
                statuses = {}
                for watched in batch:  # no bulk call: one read each (the budget still applies)
                    if watched is not batch[0]:
                        await self._budget.acquire()
                    statuses.update(await self._poll_one(watched))
            else:
                statuses = await self._provider.get_statuses([w.payment_id for w in batch])
        except asyncio.CancelledError:
            raise
        except PaymentError as error:
            log.warning(
                "status poll of %d sale(s) failed: %s (%s)",
                len(batch),
                type(error).__name__,
                error.error_code or error.status_code or "no answer",
            )
            self._failed(error)
            return False
        self._succeeded()
        now = self._clock.monotonic()
        for watched in batch:
            waited = now - watched.since
            pause = (
                self.settings.slow_interval
                if waited >= self.settings.slow_after
                else self.settings.interval
            )
            watched.next_due = now + pause
            status = statuses.get(watched.payment_id)
            if status is None:
                # Not in the answer: the provider does not know the id (yet). Keep asking,
                # slowly; the sale itself stays as journaled.
                log.warning(
                    "sale %s: payment %s missing from the status answer",
                    watched.sale_id,
                    watched.payment_id,
                )
                watched.next_due = now + self.settings.slow_interval
                continue
            if status.state is not None and is_final(status.state):
                self.unwatch(watched.sale_id)
            await self._report(watched.sale_id, status)
        return True

    async def _poll_one(self, watched: _Watched) -> dict[str, PaymentStatus]:
        try:
            payment = await self._provider.get_payment(watched.payment_id)
        except NotFoundError:
            return {}
        return {watched.payment_id: status_of(payment)}

    async def _report(self, sale_id: str, status: PaymentStatus) -> None:
        try:
            result = self._on_status(sale_id, status)
            if inspect.isawaitable(result):
                await result
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("sale %s: handling status %r failed", sale_id, status.status_raw)

    # --- connection state ----------------------------------------------------------------

    def note_failure(self, error: PaymentError) -> None:
        """Count a failed request made outside the watcher (a look-up, a cancel): back off."""
        self._failed(error)

    def _failed(self, error: PaymentError | None) -> None:
        self._failures += 1
        self.last_error = error
        backoff = min(
            self.settings.max_backoff, self.settings.interval * (2 ** (self._failures - 1))
        )
        if isinstance(error, RateLimitedError) and error.retry_after is not None:
            backoff = max(backoff, error.retry_after)
        self._paused_until = self._clock.monotonic() + backoff
        self._publish(
            ConnectionState.OFFLINE
            if self._failures >= self.settings.offline_after
            else ConnectionState.RETRYING
        )

    def _succeeded(self) -> None:
        self._failures = 0
        self.last_error = None
        self._paused_until = float("-inf")
        self._publish(ConnectionState.OK)

    def _publish(self, state: ConnectionState) -> None:
        if state == self._state:
            return
        self._state = state
        log.info("payment connection: %s", state.value)
        if self._on_connection is not None:
            try:
                self._on_connection(state)
            except Exception:
                log.exception("connection state listener failed")

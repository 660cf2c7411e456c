"""Refunds: full, partial by amount or per item — checked, journaled first, never doubled.

:class:`RefundService` is what the history screen calls (async, on the app's loop; no Qt).
Its promises mirror the checkout's (:mod:`pos_app.services.checkout`):

* **Checked before anything.** A refund above the payment's ``available_for_refund``, a count
  above what is left of an item, a payment that is not paid: refused with a
  :class:`RefundError` the UI shows next to the field. Nothing is journaled, nothing is sent.
* **Journal first.** The refund is written to the refund journal (state ``CREATING``, its own
  id, what was asked, the reason) *before* ``POST /invoices/{id}/refund`` leaves.
* **Query, never guess.** When the answer is lost the refund goes ``UNKNOWN`` and is reconciled
  with ``list_payment_refunds``: a provider refund created after the journal entry (with a
  margin for clock skew), matching the amount or the items, and not yet linked to another
  journal row, is this one. None → ``FAILED`` (``not_created``): nothing went out, the
  cashier may ask again. The look-up failing → it stays ``UNKNOWN``; the payment's poll loop
  looks it up again (with back-off) until it is decided, and :meth:`reconcile` is tried again
  before any new refund of that payment (refused ``refund.in_progress`` while still
  unknown). The request itself is never re-sent, so one click is at most one refund.
* **One at a time per payment.** While a refund of a payment is ``CREATING``/``UNKNOWN``, a
  second one is refused (``refund.in_progress``) — this is what stops a double click.
* **Watched until final.** Queued refunds are polled (``list_payment_refunds``) until
  ``completed`` or ``failed``; listeners get a :class:`RefundUpdate` with the refreshed payment
  so the invoice's amounts and status follow.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import secrets
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from typing import Any

from pos_app.domain.errors import QT_TRANSLATE_NOOP
from pos_app.domain.money import format_amount, round_money
from pos_app.domain.sale import RefundState, SaleState
from pos_app.journal.refunds import (
    RefundJournal,
    RefundKind,
    RefundLineRequest,
    RefundRecord,
    can_refund_transition,
)
from pos_app.payments.base import PaymentProvider, RefundItemRequest
from pos_app.payments.errors import (
    PaymentError,
    may_have_happened,
    message_for_code,
)
from pos_app.payments.models import Payment, PaymentItem, Refund, refundable_amount

__all__ = [
    "NOT_CREATED",
    "RefundError",
    "RefundRequest",
    "RefundService",
    "RefundUpdate",
    "available_amount",
    "check_pin",
    "hash_pin",
    "item_refund_value",
    "refund_failure_text",
    "remaining_counts",
]

log = logging.getLogger("pos_app.services.refunds")

_REFUNDABLE = frozenset({SaleState.PAID, SaleState.PARTIALLY_REFUNDED})
NOT_CREATED = "not_created"
#: How far a provider's refund time may be before our journal time and still be ours (clocks
#: of the till and the provider are not the same clock).
CLOCK_SKEW = timedelta(minutes=2)


class RefundError(Exception):
    """A refund the service refuses before sending, in words the UI can translate.

    Attributes:
        context: Translation context (``"Refunds"``).
        code: ``refund.not_paid``, ``refund.amount_exceeds_available``, ``refund.amount_invalid``,
            ``refund.nothing_selected``, ``refund.count_exceeds``, ``refund.in_progress``,
            ``refund.no_items``, ``refund.not_supported``, ``refund.pin_wrong``.
        message: English source template.
        params: Values for ``message.format(**params)``.
        field: The input the message belongs next to (``amount``, ``items``, ``pin``) or ``""``.
    """

    def __init__(self, code: str, message: str, *, field: str = "", **params: str) -> None:
        self.context = "Refunds"
        self.code = code
        self.message = message
        self.params = params
        self.field = field
        super().__init__(message.format(**params))


@dataclass(frozen=True)
class RefundRequest:
    """What the cashier asks back.

    ``amount`` and ``items`` both empty = the whole available amount.

    Attributes:
        payment_id: The payment (invoice) to refund.
        amount: A partial amount.
        items: Items and counts to return.
        reason: Why (optional, sent to the provider).
    """

    payment_id: str
    amount: Decimal | None = None
    items: tuple[RefundLineRequest, ...] = ()
    reason: str | None = None

    @property
    def kind(self) -> RefundKind:
        """``full``, ``amount`` or ``items``."""
        if self.items:
            return "items"
        return "amount" if self.amount is not None else "full"


@dataclass(frozen=True)
class RefundUpdate:
    """A change the UI shows: the refund after it, and the payment as the provider has it now."""

    refund: RefundRecord
    payment: Payment | None = None
    error: PaymentError | None = None


RefundListener = Callable[[RefundUpdate], None]


#: What can still be refunded (one rule, kept in :mod:`pos_app.payments.models`; the name
#: stays for the refund dialog).
available_amount = refundable_amount


def item_refund_value(payment: Payment, item: PaymentItem, count: int) -> Decimal:
    """What ``count`` of ``item`` is worth back: the cart's discount applies to them too."""
    value = item.price * count
    if payment.discount_percentage:
        value = value * (Decimal(100) - payment.discount_percentage) / Decimal(100)
    return round_money(value)


def remaining_counts(payment: Payment, refunds: Sequence[Refund]) -> dict[int, int]:
    """Per catalog item: how many units are left to return (bought − returned, not failed)."""
    left: dict[int, int] = {}
    for item in payment.items:
        if item.catalog_item_id is not None:
            left[item.catalog_item_id] = left.get(item.catalog_item_id, 0) + item.count
    for refund in refunds:
        if refund.state == RefundState.FAILED:
            continue
        for line in refund.items:
            if line.catalog_item_id in left:
                left[line.catalog_item_id] = max(0, left[line.catalog_item_id] - line.count)
    return left


def refund_failure_text(error_code: str | None) -> str:
    """The English source template (context ``PaymentError``) for why a refund failed."""
    return message_for_code(
        error_code,
        QT_TRANSLATE_NOOP("PaymentError", "The refund was rejected. No money was returned."),
    )


# --- manager PIN ---------------------------------------------------------------------------

_PIN_ROUNDS = 200_000


def hash_pin(pin: str, *, salt: bytes | None = None) -> str:
    """A salted PBKDF2-SHA256 hash of ``pin`` for the settings (never store the PIN itself).

    Returns:
        ``"pbkdf2_sha256$<rounds>$<salt hex>$<hash hex>"``.
    """
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode(), salt, _PIN_ROUNDS)
    return f"pbkdf2_sha256${_PIN_ROUNDS}${salt.hex()}${digest.hex()}"


def check_pin(pin: str, stored: str) -> bool:
    """Whether ``pin`` matches a :func:`hash_pin` value (constant-time compare)."""
    try:
        algorithm, rounds, salt_hex, digest_hex = stored.split("$")
        if algorithm != "pbkdf2_sha256":
            return False
        digest = hashlib.pbkdf2_hmac("sha256", pin.encode(), bytes.fromhex(salt_hex), int(rounds))
    except ValueError:
        return False
    return secrets.compare_digest(digest.hex(), digest_hex)


def _in_progress() -> RefundError:
    return RefundError(
        "refund.in_progress",
        QT_TRANSLATE_NOOP(
            "Refunds", "A refund of this sale is still being sent. Wait for its answer."
        ),
    )


@dataclass
class _Watch:
    task: asyncio.Task[None] | None = None
    ids: set[str] = field(default_factory=set)


class RefundService:
    """Refunds of paid payments, journaled before they are sent and watched until final.

    Args:
        journal: The refund journal.
        provider: The shop's payment provider.
        register_name: The till's name (journaled with each refund).
        cashier_name: Who asks (journaled).
        poll_seconds: Pause between two looks at a queued refund.
        locale: How amounts in messages are written (``ru``, ``kk``, ``en``).
        sleep: ``asyncio.sleep`` (tests may pass a faster one).
    """

    def __init__(
        self,
        journal: RefundJournal,
        provider: PaymentProvider,
        *,
        register_name: str = "",
        cashier_name: str = "",
        poll_seconds: float = 2.0,
        locale: str = "ru",
        sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
    ) -> None:
        self.journal = journal
        self.provider = provider
        self.register_name = register_name
        self.cashier_name = cashier_name
        self.poll_seconds = poll_seconds
        self.locale = locale
        self._sleep = sleep
        self._listeners: list[RefundListener] = []
        self._watches: dict[str, _Watch] = {}  # payment id → its poll loop
        self._closed = False
        self._tasks: set[asyncio.Task[None]] = set()
        self._busy: set[str] = set()  # payments with a refund() call under way

    # --- listeners -----------------------------------------------------------------------

    def subscribe(self, listener: RefundListener) -> Callable[[], None]:
        """Call ``listener`` with every :class:`RefundUpdate`; returns the unsubscribe."""
        self._listeners.append(listener)

        def unsubscribe() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return unsubscribe

    def _emit(self, update: RefundUpdate) -> None:
        for listener in list(self._listeners):
            try:
                listener(update)
            except Exception:  # a broken view must not break the refund
                log.exception("refund listener failed")

    # --- checking ------------------------------------------------------------------------

    def check(
        self, payment: Payment, request: RefundRequest, refunds: Sequence[Refund] = ()
    ) -> Decimal | None:
        """Refuse a refund that cannot be right; nothing is sent by this.

        Args:
            payment: The payment.
            request: What the cashier asks back.
            refunds: The payment's refunds (queued ones lower what is available; per-item
                counts are checked against what is left).

        Returns:
            The amount that will go back when it is known (``None`` for a per-item refund
            without prices).

        Raises:
            RefundError: With ``field`` set to the input at fault.
        """
        if payment.state not in _REFUNDABLE:
            raise RefundError(
                "refund.not_paid",
                QT_TRANSLATE_NOOP("Refunds", "Only a paid sale can be refunded."),
            )
        available = available_amount(payment, refunds)
        if available <= 0:
            raise RefundError(
                "refund.nothing_left",
                QT_TRANSLATE_NOOP("Refunds", "Nothing is left to refund on this sale."),
            )
        caps = self.provider.capabilities
        if request.kind == "amount":
            assert request.amount is not None
            if not caps.partial_refunds:
                raise RefundError(
                    "refund.not_supported",
                    QT_TRANSLATE_NOOP("Refunds", "This provider cannot refund a part."),
                    field="amount",
                )
            amount = request.amount
            if amount <= 0 or round_money(amount) != amount:
                raise RefundError(
                    "refund.amount_invalid",
                    QT_TRANSLATE_NOOP("Refunds", "Enter an amount above zero."),
                    field="amount",
                )
            if amount > available:
                raise RefundError(
                    "refund.amount_exceeds_available",
                    QT_TRANSLATE_NOOP(
                        "Refunds",
                        "At most {available} can be refunded on this sale. Nothing was sent.",
                    ),
                    field="amount",
                    available=format_amount(available, self.locale),
                )
            return amount
        if request.kind == "items":
            if not caps.item_refunds:
                raise RefundError(
                    "refund.not_supported",
                    QT_TRANSLATE_NOOP("Refunds", "This provider cannot refund single items."),
                    field="items",
                )
            by_id = {i.catalog_item_id: i for i in payment.items if i.catalog_item_id}
            total = Decimal("0.00")
            for line in request.items:
                item = by_id.get(line.catalog_item_id)
                if item is None or line.count < 1:
                    raise RefundError(
                        "refund.nothing_selected",
                        QT_TRANSLATE_NOOP("Refunds", "Choose how many of which item go back."),
                        field="items",
                    )
                total += item_refund_value(payment, item, line.count)
            self.check_items_left(request, remaining_counts(payment, refunds))
            return min(total, available)
        return available

    def check_items_left(self, request: RefundRequest, left: dict[int, int]) -> None:
        """Refuse counts above what is left of each item (``left`` from :func:`remaining_counts`).

        Raises:
            RefundError: ``refund.count_exceeds`` (field ``items``).
        """
        for line in request.items:
            if line.count > left.get(line.catalog_item_id, 0):
                raise RefundError(
                    "refund.count_exceeds",
                    QT_TRANSLATE_NOOP("Refunds", "Only {left} of “{name}” can still be returned."),
                    field="items",
                    left=str(left.get(line.catalog_item_id, 0)),
                    name=line.name,
                )

    # --- refunding -----------------------------------------------------------------------

    async def refund(
        self,
        payment: Payment,
        request: RefundRequest,
        refunds: Sequence[Refund] | None = None,
    ) -> RefundRecord:
        """Check, journal, send one refund; then watch it in the background.

        Args:
            payment: The payment as the cashier saw it.
            request: What goes back.
            refunds: The payment's refunds; read from the provider when omitted (what is
                available is checked against them).

        Returns:
            The journaled refund after the request: ``PENDING`` (queued), ``COMPLETED``,
            ``FAILED`` (refused, with ``error_code``) or ``UNKNOWN`` (answer lost and not yet
            reconciled: it will be).

        Raises:
            RefundError: Refused before sending (nothing journaled, nothing sent).
        """
        # Claimed before the first await: a second click on the one event loop finds the
        # payment busy even while the first is still reading its refunds.
        if payment.id in self._busy:
            raise _in_progress()
        self._busy.add(payment.id)
        try:
            return await self._refund(payment, request, refunds)
        finally:
            self._busy.discard(payment.id)

    async def _refund(
        self,
        payment: Payment,
        request: RefundRequest,
        refunds: Sequence[Refund] | None,
    ) -> RefundRecord:
        if refunds is None:
            refunds = await self.provider.list_payment_refunds(payment.id)
        expected = self.check(payment, request, refunds)
        # A refund of this payment whose outcome we do not know yet must be decided first:
        # this is what turns a double click (or a retry after a lost answer) into one refund.
        for earlier in self.journal.of_payment(payment.id):
            if earlier.state in (RefundState.CREATING, RefundState.UNKNOWN):
                if earlier.state == RefundState.UNKNOWN:
                    await self.reconcile(earlier.refund_id)
                    earlier = self.journal.get(earlier.refund_id)
                if earlier.state in (RefundState.CREATING, RefundState.UNKNOWN):
                    raise _in_progress()
        # No await between the check above and this insert: on the one event loop a second
        # click cannot slip in between.
        record = self.journal.create(
            provider=self.provider.name,
            payment_id=payment.id,
            kind=request.kind,
            requested_amount=expected,
            items=request.items,
            reason=request.reason or None,
            sale_id=payment.external_order_id,
            register_name=self.register_name,
            cashier_name=self.cashier_name,
        )
        log.info(
            "refund %s of payment %s: journaled (%s, %s)",
            record.refund_id,
            payment.id,
            request.kind,
            expected,
        )
        self._emit(RefundUpdate(record, payment))
        items = [RefundItemRequest(i.catalog_item_id, count=i.count) for i in request.items]
        try:
            answer = await self.provider.refund(
                payment.id,
                amount=request.amount if request.kind == "amount" else None,
                items=items or None,
                reason=request.reason or None,
            )
        except PaymentError as error:
            if may_have_happened(error):
                log.warning(
                    "refund %s: answer lost (%s), reconciling",
                    record.refund_id,
                    type(error).__name__,
                )
                self._update(
                    record.refund_id,
                    RefundState.UNKNOWN,
                    note=f"answer lost: {type(error).__name__}",
                )
                await self.reconcile(record.refund_id)
            else:
                log.warning(
                    "refund %s: refused (%s, %s)",
                    record.refund_id,
                    type(error).__name__,
                    error.error_code,
                )
                after = self.journal.update(
                    record.refund_id,
                    RefundState.FAILED,
                    note=f"refused: {error.error_code or type(error).__name__}",
                    error_code=error.error_code or type(error).__name__,
                    error_message=error.text,
                )
                self._emit(RefundUpdate(after, None, error))
            return self.journal.get(record.refund_id)
        self._apply(record.refund_id, answer, note="sent")
        return self.journal.get(record.refund_id)

    # --- reconciliation ------------------------------------------------------------------

    async def reconcile(self, refund_id: str) -> bool:
        """Decide an ``UNKNOWN`` refund from the payment's refunds at the provider.

        Returns:
            Whether it is decided (``False``: the look-up failed; still ``UNKNOWN``).
        """
        record = self.journal.get(refund_id)
        if record.state not in (RefundState.UNKNOWN, RefundState.CREATING):
            return True
        try:
            refunds = await self.provider.list_payment_refunds(record.payment_id)
        except PaymentError as error:
            log.warning("refund %s: reconciliation failed (%s)", refund_id, type(error).__name__)
            # Looked up again by the payment's poll loop (with back-off) — never re-sent.
            self._watch(record.payment_id)
            return False
        match = self._match(record, refunds)
        if match is None:
            log.info("refund %s: reconciled, nothing was created", refund_id)
            after = self._update(
                refund_id,
                RefundState.FAILED,
                note="reconciled: no refund exists",
                error_code=NOT_CREATED,
                error_message=QT_TRANSLATE_NOOP(
                    "Refunds", "No refund was made. You can ask for it again."
                ),
            )
            self._emit(RefundUpdate(after))
            return True
        log.info("refund %s: reconciled to provider refund %s", refund_id, match.id)
        self._apply(refund_id, match, note="reconciled: refund found")
        return True

    def _match(self, record: RefundRecord, refunds: Sequence[Refund]) -> Refund | None:
        claimed = self.journal.claimed_provider_ids(record.payment_id)
        since = record.created_at - CLOCK_SKEW
        wanted_items = sorted((i.catalog_item_id, i.count) for i in record.items)
        candidates = []
        for refund in refunds:
            if refund.id in claimed:
                continue
            if refund.created_at is not None and refund.created_at < since:
                continue
            if record.kind == "items":
                got = sorted((line.catalog_item_id or 0, line.count) for line in refund.items)
                if got != wanted_items:
                    continue
            elif record.requested_amount is not None and refund.amount != record.requested_amount:
                continue
            candidates.append(refund)
        # The oldest unclaimed match: a later one would belong to a later request.
        candidates.sort(
            key=lambda r: (r.created_at.timestamp() if r.created_at else float("inf"), r.id)
        )
        return candidates[0] if candidates else None

    # --- applying and watching -----------------------------------------------------------

    def _update(self, refund_id: str, state: RefundState | None, **kwargs: Any) -> RefundRecord:
        return self.journal.update(refund_id, state, **kwargs)

    def _apply(self, refund_id: str, refund: Refund, *, note: str = "") -> RefundRecord:
        before = self.journal.get(refund_id)
        target = refund.state
        if target is None:
            log.warning("refund %s: unknown status %r kept raw", refund_id, refund.status_raw)
            if before.state in (RefundState.CREATING, RefundState.UNKNOWN):
                target = RefundState.PENDING
            else:
                target = before.state
        if not can_refund_transition(before.state, target):
            target = before.state
        fields: dict[str, Any] = {
            "status_raw": refund.status_raw,
            "provider_refund_id": refund.id,
            "amount": refund.amount,
        }
        if refund.error_code is not None:
            fields["error_code"] = refund.error_code
        if refund.error_message is not None:
            fields["error_message"] = refund.error_message
        if target == RefundState.FAILED and refund.error_code is None:
            fields["error_code"] = "failed"
        after = self.journal.update(refund_id, target, note=note, **fields)
        if after.updated_at != before.updated_at:
            self._emit(RefundUpdate(after))
        if not after.is_final:
            self._watch(after.payment_id)
        elif before.state != after.state:
            self._refresh_payment_soon(after)
        return after

    def _refresh_payment_soon(self, record: RefundRecord) -> None:
        if self._closed:
            return
        task = asyncio.get_event_loop().create_task(self._refresh_payment(record))
        # asyncio keeps only a weak reference to a task: hold it until it ends.
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _refresh_payment(self, record: RefundRecord) -> None:
        try:
            payment = await self.provider.get_payment(record.payment_id)
        except PaymentError as error:
            log.info("payment %s: refresh after refund failed (%s)", record.payment_id, error)
            return
        self._emit(RefundUpdate(self.journal.get(record.refund_id), payment))

    def _watch(self, payment_id: str) -> None:
        if self._closed:
            return
        watch = self._watches.setdefault(payment_id, _Watch())
        if watch.task is None or watch.task.done():
            watch.task = asyncio.get_event_loop().create_task(
                self._poll(payment_id), name=f"refund-watch-{payment_id}"
            )

    async def _poll(self, payment_id: str) -> None:
        failures = 0
        while not self._closed:
            open_ones = [
                r
                for r in self.journal.of_payment(payment_id)
                if not r.is_final and r.state != RefundState.CREATING
            ]
            if not open_ones:
                break
            await self._sleep(min(self.poll_seconds * (2**failures), 60.0))
            for record in open_ones:
                if record.state == RefundState.UNKNOWN:
                    await self.reconcile(record.refund_id)
            try:
                refunds = await self.provider.list_payment_refunds(payment_id)
            except PaymentError as error:
                failures = min(failures + 1, 5)
                log.info("payment %s: refund poll failed (%s)", payment_id, type(error).__name__)
                continue
            failures = 0
            by_id = {r.id: r for r in refunds}
            for record in self.journal.of_payment(payment_id):
                if record.is_final or record.provider_refund_id is None:
                    continue
                found = by_id.get(record.provider_refund_id)
                if found is not None:
                    self._apply(record.refund_id, found, note="")
        self._watches.pop(payment_id, None)

    async def wait_final(self, refund_id: str) -> RefundRecord:
        """Wait until the refund is completed or failed (watching it meanwhile)."""
        record = self.journal.get(refund_id)
        while not record.is_final and not self._closed:
            self._watch(record.payment_id)
            watch = self._watches.get(record.payment_id)
            if watch is not None and watch.task is not None:
                await asyncio.shield(watch.task)
            else:
                await self._sleep(self.poll_seconds)
            record = self.journal.get(refund_id)
        return record

    async def resume(self) -> list[RefundRecord]:
        """Pick up unfinished refunds at start-up: reconcile lost answers, watch queued ones."""
        resumed = []
        for record in self.journal.unfinished():
            if record.state == RefundState.CREATING:
                record = self._update(
                    record.refund_id, RefundState.UNKNOWN, note="app stopped while sending"
                )
            if record.state == RefundState.UNKNOWN:
                await self.reconcile(record.refund_id)
            else:
                self._watch(record.payment_id)
            resumed.append(self.journal.get(record.refund_id))
        return resumed

    async def aclose(self) -> None:
        """Stop watching (the journal and provider belong to the caller)."""
        self._closed = True
        tasks = [w.task for w in self._watches.values() if w.task is not None]
        tasks.extend(self._tasks)
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        self._watches.clear()

"""Checkout: turning a cart into a paid sale, never lost and never doubled.

:class:`CheckoutService` is what the counter calls (async, on the app's event loop; no Qt). Its
promises:

* **Journal first.** A sale is written to the sales journal (state ``CREATING``, with its own
  id) *before* the create request leaves. The id is the provider's order reference and
  idempotency key (``CreatePayment.order_id``), so the server refuses a second invoice for it.
* **One invoice per activation.** Starting a sale for a cart that already has an unfinished
  sale (a double click, Enter held down, two fast calls) returns that sale instead of creating
  another. The check and the journal insert run with no ``await`` between them, so on the one
  event loop they are atomic. "New QR" is the one deliberate way to a second invoice.
* **Query, never guess.** When the create answer is lost (time-out, reset, 5xx after sending)
  the sale goes ``UNKNOWN`` and is reconciled with the provider (``find_by_order_id``) before
  anything else: found → ``WAITING`` (watched) with its payment id; not found → ``FAILED`` and
  the cart is offered back; the look-up failing too → it stays ``UNKNOWN`` and the watcher
  retries the look-up. Nothing is re-sent blindly.
* **A late invoice is never orphaned.** A create slow enough to reach the provider *after*
  reconciliation found no invoice (sale ``FAILED`` ``not_created``, cart offered back) would
  leave an invoice the customer could pay. So after such a failure the watcher looks the
  order id up again a few times over the next minutes (``WatcherSettings.late_check_after``:
  bounded, inside the watcher's request budget, resumed after a restart). If the invoice
  turns up:

  - paid (or refunded) → the sale is adopted again: ``PAID`` …, with a ``SALE_CHANGED``
    event (and ``DOUBLE_PAYMENT`` if the re-rung sale of that cart is paid too);
  - still payable and the cart was **not** rung up again → adopted again: ``WAITING`` and
    watched like any sale;
  - still payable but the cashier already re-rang the cart as another sale (a later sale
    sharing a cart line, not ended unpaid; a retry has a NEW order id, so the old one is
    still looked up by its own) → the late invoice is cancelled when the provider can
    (phone invoices; ApiPay QR codes cannot be cancelled, but nobody ever saw that code) and
    a ``LATE_INVOICE`` event reports it (``sale`` = the failed sale, ``other`` = the re-rung
    one, ``error`` when it could not be cancelled);
  - already cancelled / expired → journaled as a note, nothing else.
* **Resume on start.** :meth:`CheckoutService.resume` picks up every unfinished sale of the
  journal: waiting and cancelling ones are watched again, creating/unknown ones reconciled.
* **Every change journaled** through the domain's transition table, and reported to listeners
  as a :class:`CheckoutEvent` (the UI adapts them to Qt signals).

Double payment: "New QR" creates another QR invoice for the same cart and keeps watching the
old one (the customer may have scanned it already). If two sales of one such group are both
paid, listeners get a ``DOUBLE_PAYMENT`` event so the UI offers to refund one.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any

from pos_app.domain.cart import Cart
from pos_app.domain.errors import QT_TRANSLATE_NOOP
from pos_app.domain.phone import KzPhone
from pos_app.domain.sale import SaleState, can_transition, is_final
from pos_app.journal.sales import NOT_CREATED, SaleMethod, SaleRecord, SalesJournal
from pos_app.payments.base import CreatePayment, PaymentProvider
from pos_app.payments.errors import (
    ConflictError,
    DuplicateIdempotencyError,
    NotSupportedError,
    PaymentError,
    may_have_happened,
)
from pos_app.payments.models import Payment, PaymentStatus
from pos_app.payments.ratelimit import Clock
from pos_app.services.watcher import (
    ConnectionState,
    PaymentWatcher,
    WatcherSettings,
)

__all__ = [
    "NOT_CREATED",
    "CheckoutError",
    "CheckoutEvent",
    "CheckoutEventKind",
    "CheckoutListener",
    "CheckoutService",
]

log = logging.getLogger("pos_app.services.checkout")

_PAID_FAMILY = frozenset({SaleState.PAID, SaleState.PARTIALLY_REFUNDED, SaleState.REFUNDED})
_ENDED_UNPAID = frozenset({SaleState.CANCELLED, SaleState.EXPIRED, SaleState.FAILED})


class CheckoutError(Exception):
    """The checkout cannot do what was asked, in words the UI can translate.

    Attributes:
        context: Translation context (``"Checkout"``).
        code: Stable code: ``checkout.phone_required``, ``checkout.sale_in_progress``,
            ``checkout.not_qr``, ``checkout.already_paid``, ``checkout.no_payment_yet``.
        message: English source template.
        params: Values for ``message.format(**params)``.
        sale_id: The sale concerned, if any.
    """

    def __init__(
        self, code: str, message: str, *, sale_id: str | None = None, **params: str
    ) -> None:
        self.context = "Checkout"
        self.code = code
        self.message = message
        self.params = params
        self.sale_id = sale_id
        super().__init__(message.format(**params))


class CheckoutEventKind(StrEnum):
    """What happened (see :class:`CheckoutEvent`)."""

    SALE_CHANGED = "sale_changed"  # state, payment id, QR or raw status of a sale changed
    CART_OFFERED_BACK = "cart_offered_back"  # no invoice was created: ring the cart up again
    DOUBLE_PAYMENT = "double_payment"  # two sales of one cart were both paid: refund one
    CONNECTION_CHANGED = "connection_changed"  # the watcher's ConnectionState changed
    LATE_INVOICE = "late_invoice"  # a failed sale's invoice turned up after a re-ring: see above


@dataclass(frozen=True)
class CheckoutEvent:
    """One notification to the UI.

    Attributes:
        kind: What happened.
        sale: The sale concerned (after the change).
        other: For ``DOUBLE_PAYMENT``: the other paid sale of the same cart.
        cart: For ``CART_OFFERED_BACK``: the cart to put back on the counter.
        error: The provider's error that made the sale fail, or that refused its cancel
            (``SALE_CHANGED`` back to ``WAITING``), if one did.
        connection: For ``CONNECTION_CHANGED``: the new state.
    """

    kind: CheckoutEventKind
    sale: SaleRecord | None = None
    other: SaleRecord | None = None
    cart: Cart | None = None
    error: PaymentError | None = None
    connection: ConnectionState | None = None


CheckoutListener = Callable[[CheckoutEvent], None]


def cart_key(method: SaleMethod, cart: Cart) -> str:
    """The identity of "this cart, paid this way": what the double-activation guard compares.

    ``Cart.to_dict`` includes each line's stable ``line_id``, so two carts rung up separately
    never share a key even with the same goods, while one cart clicked twice always does.
    """
    text = json.dumps(cart.to_dict(), sort_keys=True, ensure_ascii=False)
    return method + ":" + hashlib.sha256(text.encode()).hexdigest()


class CheckoutService:
    """Phone and QR sales from a cart, journaled before they are sent, watched until settled.

    Args:
        journal: The sales journal.
        provider: The payment provider of the shop.
        register_name: The till's name (journaled with every sale).
        cashier_name: The cashier's name (journaled; change with :attr:`cashier_name`).
        watcher_settings: Poll intervals and budget of the :class:`PaymentWatcher`.
        clock: Time source of the watcher (tests).
    """

    def __init__(
        self,
        journal: SalesJournal,
        provider: PaymentProvider,
        *,
        register_name: str = "",
        cashier_name: str = "",
        watcher_settings: WatcherSettings | None = None,
        clock: Clock | None = None,
    ) -> None:
        self.journal = journal
        self.provider = provider
        self.register_name = register_name
        self.cashier_name = cashier_name
        self.watcher = PaymentWatcher(
            provider,
            on_status=self._on_status,
            on_connection=self._on_connection,
            reconcile=self._reconcile_for_watcher,
            late_check=self._late_check,
            settings=watcher_settings,
            clock=clock,
        )
        self._listeners: list[CheckoutListener] = []
        # cart key → the unfinished sale started for it (the double-activation guard)
        self._active_by_key: dict[str, str] = {}
        self._key_of: dict[str, str] = {}
        # old QR sale → its "New QR" successor (guards a double click on "New QR")
        self._successor: dict[str, str] = {}
        # sales whose create request is in flight in this process (resume must not touch them)
        self._sending: set[str] = set()
        # sales whose cancel request is in flight (a second click sends nothing)
        self._cancels_in_flight: set[str] = set()

    # --- listeners -----------------------------------------------------------------------

    def subscribe(self, listener: CheckoutListener) -> Callable[[], None]:
        """Call ``listener`` with every :class:`CheckoutEvent`.

        Returns:
            A function that unsubscribes it.
        """
        self._listeners.append(listener)

        def unsubscribe() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return unsubscribe

    def _emit(self, event: CheckoutEvent) -> None:
        for listener in list(self._listeners):
            try:
                listener(event)
            except Exception:  # a broken view must not break the sale
                log.exception("checkout listener failed on %s", event.kind.value)

    def _on_connection(self, state: ConnectionState) -> None:
        self._emit(CheckoutEvent(CheckoutEventKind.CONNECTION_CHANGED, connection=state))

    @property
    def connection_state(self) -> ConnectionState:
        """The payment connection as the watcher last saw it."""
        return self.watcher.connection_state

    # --- life cycle ----------------------------------------------------------------------

    async def resume(self) -> list[SaleRecord]:
        """Pick up every unfinished sale of the journal (call once at start-up).

        Waiting and cancelling sales are watched again; sales left ``CREATING`` by a crash
        become ``UNKNOWN`` and, like the ``UNKNOWN`` ones, are reconciled with the provider
        before anything else happens to them. Starts the watcher.

        Returns:
            The unfinished sales as they are after resuming.
        """
        self.watcher.start()
        resumed: list[SaleRecord] = []
        for sale in self.journal.unfinished():
            if sale.sale_id in self._sending:
                continue
            self._remember(sale)
            if sale.state == SaleState.CREATING:
                sale = self._update(
                    sale.sale_id, SaleState.UNKNOWN, note="app stopped while creating"
                )
            if sale.state == SaleState.UNKNOWN:
                await self.reconcile(sale.sale_id)
            elif sale.payment_id is not None:
                self.watcher.watch(sale.sale_id, sale.payment_id)
            resumed.append(self.journal.get(sale.sale_id))
        self._resume_late_checks()
        log.info("checkout resumed %d unfinished sale(s)", len(resumed))
        return resumed

    def _resume_late_checks(self) -> None:
        """Plan the late look-ups that a restart interrupted (what is left of each window)."""
        delays = self.watcher.settings.late_check_after
        if not delays:
            return
        now = datetime.now(UTC)
        for sale in self.journal.not_created_since(now - timedelta(seconds=max(delays))):
            assert sale.final_at is not None
            age = (now - sale.final_at).total_seconds()
            left = [d - age for d in delays if d > age]
            if left:
                self.watcher.check_late(sale.sale_id, left)

    def start(self) -> None:
        """Start the watcher without resuming (``resume`` does both)."""
        self.watcher.start()

    async def aclose(self) -> None:
        """Stop watching (the journal and the provider belong to the caller)."""
        await self.watcher.aclose()

    # --- reading -------------------------------------------------------------------------

    def sale(self, sale_id: str) -> SaleRecord:
        """The sale as journaled now (``KeyError`` if unknown)."""
        return self.journal.get(sale_id)

    # --- starting sales ------------------------------------------------------------------

    async def start_phone_sale(
        self, cart: Cart, phone: KzPhone, description: str | None = None
    ) -> str:
        """Send a payment request for ``cart`` to the customer's Kaspi app.

        Args:
            cart: The cart (copied; later changes to it do not affect the sale).
            phone: The customer's number.
            description: Shown to the customer.

        Returns:
            The sale id. The outcome is on the sale (:meth:`sale`) and in the events: usually
            ``WAITING``; ``FAILED`` with ``error_code``/``error_message`` and a
            ``CART_OFFERED_BACK`` event when the provider refused; ``UNKNOWN`` while a lost
            answer cannot be reconciled yet.

        Raises:
            pos_app.domain.errors.CartError: The cart is empty or below the minimum (nothing
                is journaled).
            CheckoutError: ``checkout.sale_in_progress``: this cart already waits for a
                payment to another number.
        """
        return await self._start("phone", cart, phone=phone, description=description)

    async def start_qr_sale(self, cart: Cart, description: str | None = None) -> str:
        """Create a QR invoice for ``cart`` (the sale's ``qr_url`` is what to draw).

        Returns:
            The sale id (see :meth:`start_phone_sale` for the outcomes).
        """
        return await self._start("qr", cart, description=description)

    async def new_qr(self, sale_id: str) -> str:
        """Issue another QR invoice for the cart of QR sale ``sale_id``; keep watching the old.

        A customer who scanned the old code may still pay it: both stay watched and, if both
        are paid, a ``DOUBLE_PAYMENT`` event follows. Calling it again while the new sale is
        unfinished returns that sale (a double click gives one invoice).

        Raises:
            CheckoutError: ``checkout.not_qr`` for a phone sale, ``checkout.already_paid``
                when the old sale is paid.
        """
        old = self.journal.get(sale_id)
        if old.method != "qr":
            raise CheckoutError(
                "checkout.not_qr",
                QT_TRANSLATE_NOOP("Checkout", "Only a QR sale can get a new QR code."),
                sale_id=sale_id,
            )
        if old.state in _PAID_FAMILY:
            raise CheckoutError(
                "checkout.already_paid",
                QT_TRANSLATE_NOOP("Checkout", "This sale is already paid."),
                sale_id=sale_id,
            )
        successor = self._successor.get(sale_id)
        if successor is not None and not self.journal.get(successor).is_final:
            return successor
        new = self._journal_new("qr", old.cart, None, old.description, group_id=old.group_id)
        self._successor[sale_id] = new.sale_id
        await self._send(new)
        return new.sale_id

    async def _start(
        self,
        method: SaleMethod,
        cart: Cart,
        *,
        phone: KzPhone | None = None,
        description: str | None = None,
    ) -> str:
        if method == "phone" and phone is None:
            raise CheckoutError(
                "checkout.phone_required",
                QT_TRANSLATE_NOOP("Checkout", "Enter the customer's phone number."),
            )
        cart.check_payable()
        snapshot = Cart.from_dict(cart.to_dict())
        key = cart_key(method, snapshot)
        # The guard: no await between this check and the journal insert below, so two calls
        # on the one event loop cannot both pass it.
        active_id = self._active_by_key.get(key)
        if active_id is not None:
            active = self.journal.get(active_id)
            if not active.is_final:
                if phone is not None and active.phone != phone:
                    raise CheckoutError(
                        "checkout.sale_in_progress",
                        QT_TRANSLATE_NOOP(
                            "Checkout",
                            "This cart already waits for a payment to {phone}. Cancel it first.",
                        ),
                        sale_id=active_id,
                        phone=active.phone.masked if active.phone else "",
                    )
                log.info("sale %s: already started for this cart, not sending again", active_id)
                return active_id
        sale = self._journal_new(method, snapshot, phone, description)
        await self._send(sale)
        return sale.sale_id

    def _journal_new(
        self,
        method: SaleMethod,
        cart: Cart,
        phone: KzPhone | None,
        description: str | None,
        *,
        group_id: str | None = None,
    ) -> SaleRecord:
        sale = self.journal.create(
            provider=self.provider.name,
            method=method,
            cart=cart,
            amount=cart.total,
            phone=phone,
            description=description,
            register_name=self.register_name,
            cashier_name=self.cashier_name,
            group_id=group_id,
        )
        self._remember(sale)
        log.info(
            "sale %s: journaled (%s, %s, %s)",
            sale.sale_id,
            method,
            sale.amount,
            phone.masked if phone else "-",
        )
        self._emit(CheckoutEvent(CheckoutEventKind.SALE_CHANGED, sale=sale))
        return sale

    def _remember(self, sale: SaleRecord) -> None:
        key = cart_key(sale.method, sale.cart)
        self._key_of[sale.sale_id] = key
        if not sale.is_final:
            self._active_by_key[key] = sale.sale_id

    def _forget(self, sale_id: str) -> None:
        key = self._key_of.pop(sale_id, None)
        if key is not None and self._active_by_key.get(key) == sale_id:
            del self._active_by_key[key]

    async def _send(self, sale: SaleRecord) -> None:
        """Send the create request of a journaled sale and journal what came of it."""
        request = CreatePayment(
            order_id=sale.sale_id, cart=sale.cart, phone=sale.phone, description=sale.description
        )
        create = (
            self.provider.create_qr_payment
            if sale.method == "qr"
            else self.provider.create_phone_payment
        )
        self._sending.add(sale.sale_id)
        try:
            try:
                payment = await create(request)
            except DuplicateIdempotencyError as duplicate:
                # The provider could not fetch the invoice it says exists: look it up.
                log.info("sale %s: provider reports an existing invoice", sale.sale_id)
                self._update(
                    sale.sale_id,
                    SaleState.UNKNOWN,
                    note=f"duplicate idempotency key (invoice {duplicate.invoice_id})",
                )
                await self._fetch_existing(sale.sale_id, duplicate)
                return
            except PaymentError as error:
                if may_have_happened(error):
                    log.warning(
                        "sale %s: create answer lost (%s), reconciling",
                        sale.sale_id,
                        type(error).__name__,
                    )
                    self._update(
                        sale.sale_id,
                        SaleState.UNKNOWN,
                        note=f"create answer lost: {type(error).__name__}",
                    )
                    await self.reconcile(sale.sale_id)
                else:
                    log.warning(
                        "sale %s: create refused (%s, %s)",
                        sale.sale_id,
                        type(error).__name__,
                        error.error_code,
                    )
                    self._fail(sale.sale_id, error.error_code or type(error).__name__, error)
                return
            except Exception:
                # A bug between sending and reading the answer: the invoice may exist.
                log.exception("sale %s: create failed unexpectedly, reconciling", sale.sale_id)
                self._update(sale.sale_id, SaleState.UNKNOWN, note="create failed unexpectedly")
                await self.reconcile(sale.sale_id)
                return
            self._apply_payment(sale.sale_id, payment, note="created")
        finally:
            self._sending.discard(sale.sale_id)

    async def _fetch_existing(self, sale_id: str, duplicate: DuplicateIdempotencyError) -> None:
        if duplicate.invoice_id:
            try:
                payment = await self.provider.get_payment(duplicate.invoice_id)
            except PaymentError as error:
                log.warning("sale %s: existing invoice unreachable (%s)", sale_id, error)
            else:
                self._apply_payment(sale_id, payment, note="existing invoice fetched")
                return
        await self.reconcile(sale_id)

    # --- reconciliation ------------------------------------------------------------------

    async def reconcile(self, sale_id: str) -> bool:
        """Decide an ``UNKNOWN`` sale by asking the provider for its order id.

        Found → the invoice's state (``WAITING`` and watched, or already paid, …) with its
        payment id. Not found → ``FAILED`` (``error_code`` ``not_created``) and a
        ``CART_OFFERED_BACK`` event. The look-up failing → the sale stays ``UNKNOWN``, the
        connection state turns ``retrying`` and the watcher calls this again on its next
        cycles (with back-off).

        Returns:
            Whether the sale is decided (``False`` = still unknown, will be retried).
        """
        error = await self._reconcile(sale_id)
        if error is not None:
            self.watcher.note_failure(error)
        return error is None

    async def _reconcile_for_watcher(self, sale_id: str) -> bool:
        # The watcher counts the failure itself (back-off, connection state).
        return await self._reconcile(sale_id) is None

    async def _reconcile(self, sale_id: str) -> PaymentError | None:
        sale = self.journal.get(sale_id)
        if sale.state not in (SaleState.UNKNOWN, SaleState.CREATING):
            return None
        try:
            payment = await self.provider.find_by_order_id(sale_id)
        except PaymentError as error:
            log.warning(
                "sale %s: reconciliation look-up failed (%s), will retry",
                sale_id,
                type(error).__name__,
            )
            self.watcher.reconcile_later(sale_id)
            return error
        if payment is None:
            log.info("sale %s: reconciled, no invoice exists", sale_id)
            self._fail(sale_id, NOT_CREATED, None, note="reconciled: no invoice exists")
            # A slow create may still reach the provider: look again for a while.
            self.watcher.check_late(sale_id)
        else:
            log.info("sale %s: reconciled to payment %s", sale_id, payment.id)
            self._apply_payment(sale_id, payment, note="reconciled: invoice found")
        return None

    # --- late invoices -------------------------------------------------------------------

    async def _late_check(self, sale_id: str) -> bool:
        """One late look-up of a sale reconciled to "no invoice" (the watcher calls it).

        Returns:
            Whether it is settled (no more look-ups).

        Raises:
            PaymentError: The look-up failed (the watcher backs off and tries again).
        """
        sale = self.journal.find(sale_id)
        if sale is None or sale.state != SaleState.FAILED or sale.error_code != NOT_CREATED:
            return True
        payment = await self.provider.find_by_order_id(sale_id)
        if payment is None or payment.state is None:
            return False  # nothing (yet), or a word we do not know: look again later
        log.warning(
            "sale %s: invoice %s turned up after reconciliation found none (%s)",
            sale_id,
            payment.id,
            payment.status_raw,
        )
        rival = self._rung_again(sale)
        if payment.state in _PAID_FAMILY or (rival is None and not is_final(payment.state)):
            self._adopt_late(sale, payment, rival)
            return True
        if is_final(payment.state):
            self._update(
                sale_id,
                None,
                note=f"late invoice {payment.id} found {payment.status_raw}",
                payment_id=payment.id,
                status_raw=payment.status_raw,
            )
            return True
        assert rival is not None
        return await self._cancel_late(sale, payment, rival)

    def _rung_again(self, sale: SaleRecord) -> SaleRecord | None:
        """The later sale the failed cart was rung up again as (not ended unpaid), if any."""
        lines = {line.line_id for line in sale.cart.lines}
        for other in self.journal.since(sale):
            if other.state in _ENDED_UNPAID:
                continue
            if lines & {line.line_id for line in other.cart.lines}:
                return other
        return None

    def _adopt_late(self, sale: SaleRecord, payment: Payment, rival: SaleRecord | None) -> None:
        assert payment.state is not None
        after = self.journal.adopt_late_invoice(
            sale.sale_id,
            payment.state,
            note=f"late invoice {payment.id} adopted",
            status_raw=payment.status_raw,
            payment_id=payment.id,
            qr_expires_at=payment.qr_expires_at,
        )
        self._emit(CheckoutEvent(CheckoutEventKind.SALE_CHANGED, sale=after))
        if not after.is_final:
            self._remember(after)
            self.watcher.watch(after.sale_id, payment.id)
        elif after.state in _PAID_FAMILY:
            self._check_double_payment(after)
            if rival is not None:
                # Paid through the old invoice while the cart was rung up again.
                kind = (
                    CheckoutEventKind.DOUBLE_PAYMENT
                    if rival.state in _PAID_FAMILY
                    else CheckoutEventKind.LATE_INVOICE
                )
                self._emit(CheckoutEvent(kind, sale=after, other=rival))

    async def _cancel_late(self, sale: SaleRecord, payment: Payment, rival: SaleRecord) -> bool:
        caps = self.provider.capabilities
        if not (caps.cancel_qr if sale.method == "qr" else caps.cancel_phone):
            note = f"late invoice {payment.id} cannot be cancelled; cart re-rung as {rival.sale_id}"
            after = self._update(
                sale.sale_id, None, note=note, payment_id=payment.id, status_raw=payment.status_raw
            )
            error = NotSupportedError(params={"operation": f"cancel_{sale.method}"})
            self._emit(
                CheckoutEvent(CheckoutEventKind.LATE_INVOICE, sale=after, other=rival, error=error)
            )
            return True
        try:
            cancelled = await self.provider.cancel_payment(payment.id)
        except ConflictError:
            # Refused: it changed meanwhile (paid?). Its state decides on the next look-up.
            return False
        log.warning(
            "sale %s: late invoice %s cancelled (cart re-rung as %s)",
            sale.sale_id,
            payment.id,
            rival.sale_id,
        )
        after = self._update(
            sale.sale_id,
            None,
            note=f"late invoice {payment.id} cancelled; cart re-rung as {rival.sale_id}",
            payment_id=payment.id,
            status_raw=cancelled.status_raw,
        )
        self._emit(CheckoutEvent(CheckoutEventKind.LATE_INVOICE, sale=after, other=rival))
        return True

    # --- cancelling ----------------------------------------------------------------------

    async def cancel(self, sale_id: str) -> SaleRecord:
        """Cancel a waiting sale at the provider.

        The sale is journaled ``CANCELLING`` before the request and stays so until the
        provider says paid / cancelled / expired / failed: a poll that still sees the invoice
        pending (it landed before the cancel did) does not move it back to ``WAITING``. The
        customer may have been faster (then it is ``PAID``). A cancel the provider refuses, or
        one that certainly never left, puts the sale back to ``WAITING`` and the error goes
        with the ``SALE_CHANGED`` event. A lost answer leaves it ``CANCELLING`` and the watcher
        finds out; clicking cancel again then sends the cancel once more (cancelling twice
        cannot charge anyone).

        Returns:
            The sale after the attempt.

        Raises:
            NotSupportedError: The provider cannot cancel a QR payment (ApiPay).
            CheckoutError: ``checkout.no_payment_yet`` when the invoice is not known yet.
        """
        sale = self.journal.get(sale_id)
        if sale.is_final:
            return sale
        if sale_id in self._cancels_in_flight:
            # A second click while the first cancel is on its way: one request.
            self.watcher.poll_soon(sale_id)
            return sale
        if sale.method == "qr" and not self.provider.capabilities.cancel_qr:
            raise NotSupportedError(params={"operation": "cancel_qr"})
        if sale.payment_id is None:
            raise CheckoutError(
                "checkout.no_payment_yet",
                QT_TRANSLATE_NOOP(
                    "Checkout", "The payment is not confirmed yet; try again in a moment."
                ),
                sale_id=sale_id,
            )
        payment_id = sale.payment_id
        self._cancels_in_flight.add(sale_id)
        try:
            if sale.state != SaleState.CANCELLING:
                self._update(sale_id, SaleState.CANCELLING, note="cancel requested")
            else:
                self._update(sale_id, None, note="cancel requested again")
            try:
                payment = await self.provider.cancel_payment(payment_id)
            except ConflictError as error:
                # Refused: usually because it is paid or already cancelled. Back to waiting
                # (the invoice is not being cancelled), then its state says the rest.
                log.info("sale %s: cancel refused (%s)", sale_id, error.error_code)
                self._cancel_failed(sale_id, error, f"cancel refused: {error.error_code}")
                try:
                    payment = await self.provider.get_payment(payment_id)
                except PaymentError:
                    self.watcher.watch(sale_id, payment_id)
                    self.watcher.poll_soon(sale_id)
                    return self.journal.get(sale_id)
                self._apply_payment(sale_id, payment, note=f"cancel refused: {error.error_code}")
                return self.journal.get(sale_id)
            except PaymentError as error:
                log.warning("sale %s: cancel failed (%s)", sale_id, type(error).__name__)
                if not may_have_happened(error):
                    # It certainly did not cancel anything: the sale still waits.
                    self._cancel_failed(sale_id, error, f"cancel failed: {type(error).__name__}")
                self.watcher.watch(sale_id, payment_id)
                self.watcher.poll_soon(sale_id)
                return self.journal.get(sale_id)
            self._apply_payment(sale_id, payment, note="cancel answered")
            return self.journal.get(sale_id)
        finally:
            self._cancels_in_flight.discard(sale_id)

    def _cancel_failed(self, sale_id: str, error: PaymentError, note: str) -> None:
        """A cancel that did not happen: ``CANCELLING`` → ``WAITING``, the error to the UI."""
        if self.journal.get(sale_id).state == SaleState.CANCELLING:
            self._update(sale_id, SaleState.WAITING, note=note, error=error)

    # --- applying what the provider says -------------------------------------------------

    async def _on_status(self, sale_id: str, status: PaymentStatus) -> None:
        self._apply(sale_id, status.status_raw, status.state, note="")

    def _apply_payment(self, sale_id: str, payment: Payment, *, note: str) -> None:
        sale = self._apply(
            sale_id,
            payment.status_raw,
            payment.state,
            note=note,
            payment_id=payment.id,
            qr_url=payment.qr_url,
            qr_expires_at=payment.qr_expires_at,
            error_code=payment.error_code,
            error_message=payment.error_message,
        )
        if sale is not None and not sale.is_final and sale.payment_id is not None:
            self.watcher.watch(sale_id, sale.payment_id)

    def _apply(
        self,
        sale_id: str,
        status_raw: str,
        state: SaleState | None,
        *,
        note: str,
        payment_id: str | None = None,
        qr_url: str | None = None,
        qr_expires_at: datetime | None = None,
        error_code: str | None = None,
        error_message: str | None = None,
    ) -> SaleRecord | None:
        """Journal the provider's word on a sale; report what changed."""
        before = self.journal.find(sale_id)
        if before is None:
            log.warning("status for unknown sale %s ignored", sale_id)
            self.watcher.unwatch(sale_id)
            return None
        fields: dict[str, Any] = {"status_raw": status_raw}
        if payment_id is not None:
            fields["payment_id"] = payment_id
        # A reconciled QR invoice has no qr_url: keep the one from the create answer.
        if qr_url is not None:
            fields["qr_url"] = qr_url
        if qr_expires_at is not None:
            fields["qr_expires_at"] = qr_expires_at
        if error_code is not None:
            fields["error_code"] = error_code
        if error_message is not None:
            fields["error_message"] = error_message
        target: SaleState | None = state
        if before.state == SaleState.CANCELLING and state == SaleState.WAITING:
            # "pending" while a cancel is under way: the poll landed before the cancel did.
            # Only paid / cancelled / expired / failed leave CANCELLING (or a refused cancel,
            # which :meth:`cancel` journals itself).
            target = None
        elif state is None:
            note = note or f"unknown provider status {status_raw!r}"
            log.warning("sale %s: unknown provider status %r kept raw", sale_id, status_raw)
        elif not can_transition(before.state, state):
            if before.state == SaleState.CREATING and can_transition(SaleState.UNKNOWN, state):
                # e.g. the invoice found already cancelled: through UNKNOWN, as the table says
                self._update(sale_id, SaleState.UNKNOWN, note="settled while creating")
            else:
                log.warning(
                    "sale %s: provider says %s, not reachable from %s; kept",
                    sale_id,
                    state.value,
                    before.state.value,
                )
                note = note or f"provider says {state.value}; not reachable, kept"
                target = None
        after = self._update(sale_id, target, note=note, **fields)
        if after.state != before.state:
            log.info(
                "sale %s: %s -> %s (%s)", sale_id, before.state.value, after.state.value, status_raw
            )
        if after.is_final:
            self._forget(sale_id)
            self.watcher.unwatch(sale_id)
        if after.state in _PAID_FAMILY and before.state not in _PAID_FAMILY:
            self._check_double_payment(after)
        return after

    def _check_double_payment(self, paid: SaleRecord) -> None:
        for other in self.journal.group(paid.group_id):
            if other.sale_id != paid.sale_id and other.state in _PAID_FAMILY:
                log.warning(
                    "sales %s and %s of one cart are both paid: double payment",
                    other.sale_id,
                    paid.sale_id,
                )
                self._emit(CheckoutEvent(CheckoutEventKind.DOUBLE_PAYMENT, sale=paid, other=other))
                return

    def _update(
        self,
        sale_id: str,
        state: SaleState | None,
        *,
        note: str = "",
        error: PaymentError | None = None,
        **fields: Any,
    ) -> SaleRecord:
        before = self.journal.get(sale_id)
        after = self.journal.update(sale_id, state, note=note, **fields)
        # The journal touches updated_at only when it wrote something: that is the news test.
        if after.updated_at != before.updated_at:
            self._emit(CheckoutEvent(CheckoutEventKind.SALE_CHANGED, sale=after, error=error))
        return after

    def _fail(self, sale_id: str, code: str, error: PaymentError | None, *, note: str = "") -> None:
        message = (
            error.text
            if error is not None
            else QT_TRANSLATE_NOOP("Checkout", "No payment was created. Ring the cart up again.")
        )
        sale = self._update(
            sale_id,
            SaleState.FAILED,
            note=note or f"create refused: {code}",
            error_code=code,
            error_message=message,
        )
        self._forget(sale_id)
        self.watcher.unwatch(sale_id)
        self._emit(
            CheckoutEvent(
                CheckoutEventKind.CART_OFFERED_BACK, sale=sale, cart=sale.cart, error=error
            )
        )

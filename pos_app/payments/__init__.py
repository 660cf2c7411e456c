"""Payments: one provider-neutral interface and one client per provider.

Lives here: the interface the services call (create by phone / by QR, statuses, cancel, refund,
list, check a phone), typed models, the error hierarchy, the shared rate limiter and the httpx
client factory; ``apipay`` (first) and ``xpayment`` providers; ApiPay-only service objects
(catalog, subscriptions, organisation verification, shift summary).

May import: ``pos_app.domain``, httpx, the standard library. Never Qt widgets, never
``journal``, ``services``, ``ui`` or ``sandbox``.

Modules:

- ``base``        ``PaymentProvider`` (Protocol), ``Capabilities``, ``CreatePayment``,
                  ``PaymentQuery``, ``RefundQuery``, ``RefundItemRequest``.
- ``models``      ``Payment``, ``PaymentStatus``, ``Refund``, ``Page[T]``, ``ClientCheck``,
                  ``ShiftSummary`` (ids as ``str``, money as ``Decimal``, aware datetimes).
- ``errors``      ``PaymentError`` and its subclasses, with ``QT_TRANSLATE_NOOP`` messages.
- ``transport``   ``HttpTransport`` (one ``httpx.AsyncClient`` per account: time-outs, TLS,
                  keep-alive, User-Agent, rate limiting, read retries), ``Secret`` for the key.
- ``ratelimit``   async token buckets (global + per endpoint) honouring ``Retry-After``.
- ``wire``        JSON with exact ``Decimal`` numbers; tolerant field readers.
- ``apipay``      ``ApiPayProvider`` and the create decision procedure (never sell twice);
  ``apipay_parse`` its answer readers and error mapping (spec 2.0 and 2.1);
  ``apipay_services`` ``ApiPayCatalog``, ``ApiPaySubscriptions``, ``ApiPayOrganizations``,
  ``ApiPayReports``.
- ``xpayment``    ``XPaymentProvider`` on the same interface.

Every provider call raises only ``PaymentError`` subclasses; the API key never appears in a
``repr``, a log line or an exception text.
"""

"""Payments: one provider-neutral interface and one client per provider.

Lives here: the interface the services call (create by phone / by QR, statuses, cancel, refund,
list, check a phone), typed models, the error hierarchy, the shared rate limiter and the httpx
client factory; ``apipay`` (first) and ``xpayment`` providers; ApiPay-only service objects
(catalog, subscriptions, organisation verification, shift summary).

May import: ``pos_app.domain``, httpx, the standard library. Never Qt widgets, never
``journal``, ``services``, ``ui`` or ``sandbox``.
"""

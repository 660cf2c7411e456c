"""Sandbox: a local ApiPay.kz-compatible server (Starlette + uvicorn).

It is the app's demo mode (embedded, on 127.0.0.1 in a background thread) and the HTTP peer of
every client and GUI test; ``pos-app-sandbox`` runs it standalone. It follows the published
specs (2.1 answer shapes) and adds a control API under ``/_sandbox/`` (faults, customer actions,
clock) and the customer's pay page under ``/pay/<token>``.

May import: the standard library, Starlette/uvicorn, Pillow, qrcode. Never ``payments`` (two
independent readings of the spec catch each other's mistakes), ``services`` or ``ui``.
"""

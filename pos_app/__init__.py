"""pos_app: a point-of-sale desktop app for Kazakhstan shops that take Kaspi Pay.

Layout (imports flow one way, top to bottom):

- ``ui/``        widgets, dialogs and Qt item models; thin async slots that call services.
- ``services/``  async use-cases (checkout, payment watcher, history, refunds, catalog sync).
- ``payments/``  the provider-neutral payments interface and one client per provider.
- ``journal/``   SQLite (WAL): the write-ahead sales journal, catalog cache, migrations.
- ``receipts/``  receipt layout onto any QPaintDevice (printer, PDF, image).
- ``domain/``    pure Python rules (money, cart, phone, IIN/BIN, sale states): no Qt, no I/O.
- ``sandbox/``   a local ApiPay-compatible server (demo mode and test peer); it never imports
                 ``payments`` so that two independent readings of the spec check each other.

``app.py`` wires them together; ``config.py`` declares the settings; ``secrets.py`` is the
only module that touches the OS keyring.
"""

__version__ = "0.1.0"
APP_NAME = "pos-app"
ORG_NAME = "pos-app"

"""Services: async use-cases the UI calls.

Lives here: checkout, the payment watcher, history, refunds, catalog sync, reconciliation after
a crash. Each returns plain data (or a "what changed" object) the UI refreshes from.

May import: ``pos_app.domain``, ``pos_app.payments``, ``pos_app.journal``, asyncio, and QtCore
only for signals. Never widgets (``ui``) or ``sandbox``.
"""

"""The history issue's screens: sales history, refunds, shift report, receipt preview.

May import: ``pos_app.services``, ``pos_app.receipts``, ``pos_app.domain``, ``pos_app.journal``
(to build the services from the app context), Qt.
"""

from pos_app.ui.history.screen import HistoryScreen

__all__ = ["HistoryScreen"]

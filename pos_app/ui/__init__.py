"""UI: the main window, dialogs, customer display and Qt item models.

Slots are thin: they call ``services`` (async, on the qasync loop) and refresh from what comes
back. Every user-visible string goes through ``tr``; interactive widgets have stable camelCase
``objectName``s.

May import: everything in ``pos_app`` except ``sandbox`` internals (the app shell starts the
embedded sandbox through ``pos_app.sandbox.embedded`` only).
"""

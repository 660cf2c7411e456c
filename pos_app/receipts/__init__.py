"""Receipts: a sale or refund receipt as data (:mod:`.model`) and drawn onto any paint device.

:func:`~pos_app.receipts.render.render_receipt` paints one receipt onto a ``QPrinter``, a
``QPdfWriter`` or a ``QImage`` alike (so tests rasterise exactly what gets printed), laid out
for 58 mm or 80 mm thermal paper or A4, in DejaVu Sans (chosen explicitly: it has the Kazakh
letters ә ғ қ ң ө ұ ү һ і that thermal printers' code pages lack).

May import: ``pos_app.domain``, ``pos_app.payments.models``, ``pos_app.journal`` (records) and
Qt (render only). Never ``services`` or ``ui``.
"""

"""Domain core: pure Python rules of a sale.

Lives here: money (``Decimal`` tenge, parsing, formatting, the one rounding rule), the cart and
its discount arithmetic, Kazakhstan phone numbers, IIN/BIN check digits, the sale's state machine
and provider status mapping.

May import: the standard library and small pure libraries (``phonenumbers``). Never Qt, never
I/O, never another ``pos_app`` package. Everything else in the app may import this.

Modules: ``errors`` (``DomainError`` and its translatable messages), ``money``, ``cart``,
``phone``, ``iin``, ``sale`` (state machine, provider status mapping) and ``shift`` (end-of-shift
arithmetic). Each module docstring states its rules; ``docs/contracts.md`` lists the signatures.
"""

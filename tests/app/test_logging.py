"""The log file never holds the API key or a full phone number."""

from __future__ import annotations

import logging
from pathlib import Path

from pos_app import logging_setup
from pos_app.logging_setup import mask_phones, redact, register_secret, setup_logging

KEY = "sk-live-4f9c1b7e2a"


def test_key_and_phones_are_redacted_in_the_file(tmp_path: Path) -> None:
    path = setup_logging(tmp_path / "logs")
    register_secret(KEY)
    log = logging.getLogger("pos_app.test")
    try:
        log.info("sending X-API-Key %s for %s", KEY, "87001234567")
        log.warning("payer +7 (701) 555-12-34 and 8 747 123 45 67, raw 7771234599")
        try:
            raise RuntimeError(f"boom with {KEY} and +77009876543")
        except RuntimeError:
            log.exception("request failed")
    finally:
        logging_setup.shutdown_logging()
    text = path.read_text(encoding="utf-8")
    assert KEY not in text
    for digits in ("87001234567", "555-12-34", "123 45 67", "7771234599", "77009876543"):
        assert digits not in text
    assert "<redacted>" in text
    assert "+7 (700) ***-**-67" in text
    assert "+7 (701) ***-**-34" in text
    assert "RuntimeError" in text  # the traceback is kept, just cleaned


def test_phone_masking_keeps_other_numbers() -> None:
    assert mask_phones("paid 15000.00 for invoice 123456") == "paid 15000.00 for invoice 123456"
    assert mask_phones("8-700-123-45-67") == "+7 (700) ***-**-67"
    assert redact("at 2026-04-01T12:30:45") == "at 2026-04-01T12:30:45"

"""``--lang`` / ``AppOptions.language`` decides the language, whatever the system locale says."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLocale

from pos_app.app import AppOptions, build_application


@pytest.mark.parametrize(
    ("language", "text"), [("ru", "Оплата по QR (F12)"), ("en", "Pay by QR (F12)")]
)
def test_explicit_language_wins_over_a_c_locale(
    language: str,
    text: str,
    tmp_path: Path,
    memory_keyring: Any,
    run_async: Callable[..., Any],
    qtbot: Any,
) -> None:
    previous = QLocale()
    QLocale.setDefault(QLocale.c())  # a server's bare C/POSIX locale
    app = build_application(
        AppOptions(
            data_dir=tmp_path / "data",
            demo=True,
            language=language,
            keyring_backend=memory_keyring,
            environ={},
            show_welcome=False,
            network_check_seconds=0,
        )
    )
    try:
        app.show()
        assert app.config.language == language
        assert app.window.counter_screen.pay_qr_button.text() == text
    finally:
        run_async(app.shutdown())
        QLocale.setDefault(previous)

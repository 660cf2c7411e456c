"""Switching the language at runtime changes what the cashier sees; formatting follows it."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QPushButton

from pos_app.config import Config
from pos_app.domain.errors import IinError
from pos_app.i18n import (
    format_date,
    format_money,
    format_number,
    initial_language,
    system_language,
    translate_error,
)
from pos_app.payments.errors import AuthenticationError, RateLimitedError


def _button(app: Any, name: str) -> QPushButton:
    button = app.window.findChild(QPushButton, name)
    assert isinstance(button, QPushButton), name
    return button


def test_switching_the_language_changes_the_visible_texts(app_instance: Any, qtbot: Any) -> None:
    app = app_instance
    app.config.set("language", "en")
    pay_qr = _button(app, "payByQrButton")
    assert pay_qr.text() == "Pay by QR (F12)"

    app.config.set("language", "ru")
    assert app.i18n.language == "ru"
    assert pay_qr.text() == "Оплата по QR (F12)"
    assert app.window.settings_button.toolTip() == "Настройки (Ctrl+,)"
    assert app.window.network_status.text().startswith("●")
    # A formatted text keeps its value: "Version {version}".
    version = app.window.findChild(type(app.window.network_status), "versionLabel")
    assert version.text().startswith("Версия ")
    assert QLocale().name() == "ru_KZ"

    app.config.set("language", "kk")
    assert pay_qr.text() == "QR арқылы төлеу (F12)"
    assert _button(app, "clearCartButton").text() == "Тазалау"
    assert version.text().startswith("Нұсқа ")

    app.config.set("language", "en")
    assert pay_qr.text() == "Pay by QR (F12)"
    assert app.window.settings_button.toolTip() == "Settings (Ctrl+,)"
    assert version.text().startswith("Version ")


def test_open_dialogs_follow_the_switch(app_instance: Any, qtbot: Any) -> None:
    app = app_instance
    settings = app.show_settings()
    wizard = app.show_onboarding()
    app.config.set("language", "kk")
    assert settings.save_button.text() == "Сақтау"
    assert wizard.demo_choice_button.text() == "Демоны байқап көру"
    app.config.set("language", "ru")
    assert settings.windowTitle() == "Настройки"
    assert wizard.apipay_choice_button.text() == "Подключить ApiPay.kz"
    app.config.set("language", "en")
    assert wizard.xpayment_choice_button.text() == "Connect xPayment"


def test_errors_are_shown_in_the_current_language(app_instance: Any) -> None:
    app_instance.config.set("language", "ru")
    assert translate_error(AuthenticationError()) == (
        "API-ключ не принят. Проверьте его в настройках."
    )
    assert translate_error(RateLimitedError(30, params={"seconds": 30})).endswith("30 с.")
    iin = IinError("iin.wrong_length", "An IIN or BIN has 12 digits, this one has {count}",
                   {"count": 5})
    app_instance.config.set("language", "kk")
    assert translate_error(iin) == "ЖСН немесе БСН 12 цифрдан тұрады, мұнда 5"
    app_instance.config.set("language", "en")
    assert QCoreApplication.translate("PaymentError", "The payment is already paid.") == (
        "The payment is already paid."
    )


def test_money_numbers_and_dates_follow_the_language() -> None:
    assert format_money(Decimal("15000"), "ru") == "15\u202f000\u00a0₸"
    assert format_money(Decimal("1500.5"), "kk") == "1\u202f500,50\u00a0₸"
    assert format_money(Decimal("1500.5"), "en") == "1,500.50\u00a0₸"
    assert format_number(12345, "en") == "12,345"
    assert format_number(Decimal("2.5"), "ru") == "2,5"
    day = date(2025, 1, 31)
    assert format_date(day, "ru") == "31.01.2025"
    assert format_date(day, "en") == "31/01/2025"
    long_kk = format_date(day, "kk", QLocale.FormatType.LongFormat)
    assert "2025" in long_kk and "қаңтар" in long_kk.lower()
    assert "2025" in format_date(datetime(2025, 1, 31, 9, 5).date(), "kk")


def test_first_start_takes_the_system_language(tmp_path: Any) -> None:
    config = Config(tmp_path / "settings.ini")
    assert initial_language(config, QLocale("kk_KZ")) == "kk"
    assert initial_language(config, QLocale("en_US")) == "en"
    assert initial_language(config, QLocale("de_DE")) == "ru"  # not spoken: Russian
    assert system_language(QLocale("ru_RU")) == "ru"
    assert system_language(QLocale.c()) == "en"  # nothing configured: the source language
    config.set("language", "en")
    assert initial_language(config, QLocale("kk_KZ")) == "en"  # a choice made wins

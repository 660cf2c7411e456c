"""The wizard's "Connect xPayment" path end to end against the sandbox's xPayment side."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from pos_app.config import Config
from pos_app.i18n import Translations
from pos_app.secrets import SERVICE
from pos_app.ui.onboarding import OnboardingWizard
from pos_app.ui.theme import ThemeManager
from tests.fixtures.qt import MemoryKeyring
from tests.fixtures.sandbox import SandboxHandle
from tests.onboarding.conftest import wait_task

Click = Qt.MouseButton.LeftButton


def _page(wizard: OnboardingWizard) -> str:
    current = wizard.pages.currentWidget()
    assert current is not None
    return current.objectName()


def _to_xpayment_key_page(qtbot: Any, wizard: OnboardingWizard) -> None:
    """Choose xPayment: there are no ApiPay steps, the key page comes at once."""
    qtbot.mouseClick(wizard.xpayment_choice_button, Click)
    assert _page(wizard) == "keyPage"
    assert wizard.key_title.text() == "API key for xPayment"
    assert "device API key" in wizard.key_hint.text()
    # xPayment publishes no address: the field starts empty, for the one the shop was given.
    assert wizard.base_url_input.text() == ""


def _key_in_no_file(config: Config, key: str) -> None:
    files = [p for p in config.path.parent.rglob("*") if p.is_file()]
    assert files  # the settings were written
    for path in files:
        assert key.encode() not in path.read_bytes(), path


def test_device_key_tested_with_one_read_and_stored(
    make_wizard: Callable[..., OnboardingWizard],
    sandbox: SandboxHandle,
    memory_keyring: MemoryKeyring,
    config: Config,
    qtbot: Any,
) -> None:
    wizard = make_wizard()
    _to_xpayment_key_page(qtbot, wizard)
    wizard.base_url_input.setText(sandbox.xpayment_base_url + "/")  # a trailing slash is fine
    assert wizard.api_key_input.echoMode() == QLineEdit.EchoMode.Password
    wizard.api_key_input.setText(f" {sandbox.xpayment_api_key}\n")
    assert wizard.api_key_input.text() == sandbox.xpayment_api_key
    # The show/hide button beside Paste (an icon inside the field was drawn clipped).
    qtbot.mouseClick(wizard.show_key_button, Click)
    assert wizard.api_key_input.echoMode() == QLineEdit.EchoMode.Normal
    qtbot.mouseClick(wizard.show_key_button, Click)
    assert wizard.api_key_input.echoMode() == QLineEdit.EchoMode.Password
    assert not wizard.key_next_button.isEnabled()

    with qtbot.waitSignal(wizard.sig_key_stored) as stored:
        qtbot.mouseClick(wizard.test_key_button, Click)
    assert stored.args == ["xpayment"]
    assert "The key works" in wizard.key_status_label.text()
    assert wizard.key_status_label.property("state") == "ok"
    assert wizard.key_next_button.isEnabled()
    # The test was one authenticated read of the xPayment API, nothing of ApiPay's.
    seen = sandbox.requests()
    assert [(r["method"], r["path"], r["status"]) for r in seen] == [
        ("GET", "/xpayment/v1/payments", 200)
    ]
    # The key in the keyring under xPayment; provider and address in the settings; no file.
    assert memory_keyring.store == {(SERVICE, "xpayment:default"): sandbox.xpayment_api_key}
    again = Config(config.path)
    assert again.provider == "xpayment"
    assert again.base_url == sandbox.xpayment_base_url
    _key_in_no_file(config, sandbox.xpayment_api_key)

    # xPayment has no organisation check: the key page finishes the connection.
    assert wizard.key_next_button.text() == "Finish"
    qtbot.mouseClick(wizard.key_next_button, Click)
    assert _page(wizard) == "donePage"
    assert "xPayment" in wizard.done_text.text()
    qtbot.mouseClick(wizard.finish_button, Click)
    assert wizard.choice == "xpayment" and not wizard.isVisible()
    assert wizard.api_key_input.text() == ""


def test_wrong_device_key_is_refused_next_to_the_field(
    make_wizard: Callable[..., OnboardingWizard],
    sandbox: SandboxHandle,
    memory_keyring: MemoryKeyring,
    config: Config,
    qtbot: Any,
) -> None:
    wizard = make_wizard()
    _to_xpayment_key_page(qtbot, wizard)
    wizard.base_url_input.setText(sandbox.xpayment_base_url)
    wizard.api_key_input.setText("not-the-device-key-42")
    wait_task(qtbot, wizard.test_key())
    text = wizard.key_status_label.text()
    assert "not accepted" in text and "device API key" in text and "test again" in text
    assert "dashboard" not in text  # ApiPay's word: xPayment gave the shop a device key
    assert wizard.key_status_label.property("state") == "error"
    assert not wizard.key_next_button.isEnabled()
    assert [r["status"] for r in sandbox.requests(path="/xpayment/v1/payments")] == [401]
    assert memory_keyring.store == {}
    assert Config(config.path).provider != "xpayment"  # nothing saved for a refused key
    # The way forward: the right key, test again, go on.
    wizard.api_key_input.setText(sandbox.xpayment_api_key)
    wait_task(qtbot, wizard.test_key())
    assert wizard.key_next_button.isEnabled()
    assert memory_keyring.store == {(SERVICE, "xpayment:default"): sandbox.xpayment_api_key}


def test_closed_port_says_no_connection(
    make_wizard: Callable[..., OnboardingWizard],
    memory_keyring: MemoryKeyring,
    config: Config,
    qtbot: Any,
) -> None:
    wizard = make_wizard()
    _to_xpayment_key_page(qtbot, wizard)
    wizard.base_url_input.setText("http://127.0.0.1:9/xpayment/v1")  # nothing listens on 9
    wizard.api_key_input.setText("some-device-key-123")
    wait_task(qtbot, wizard.test_key())
    assert "No connection" in wizard.key_status_label.text()
    assert wizard.key_status_label.property("state") == "error"
    assert wizard.test_key_button.isEnabled()  # try again
    assert not wizard.key_next_button.isEnabled()
    assert memory_keyring.store == {}
    assert Config(config.path).provider != "xpayment"


def test_address_without_the_xpayment_api_says_so(
    make_wizard: Callable[..., OnboardingWizard],
    sandbox: SandboxHandle,
    memory_keyring: MemoryKeyring,
    qtbot: Any,
) -> None:
    wizard = make_wizard()
    _to_xpayment_key_page(qtbot, wizard)
    wizard.base_url_input.setText(sandbox.root_url)  # the server, without /xpayment/v1
    wizard.api_key_input.setText(sandbox.xpayment_api_key)
    wait_task(qtbot, wizard.test_key())
    assert "no xPayment service at this address" in wizard.key_status_label.text()
    assert wizard.key_status_label.property("state") == "error"
    assert memory_keyring.store == {}


def test_an_answer_that_is_not_the_api_says_check_the_address(
    make_wizard: Callable[..., OnboardingWizard],
    sandbox: SandboxHandle,
    memory_keyring: MemoryKeyring,
    qtbot: Any,
) -> None:
    # Something at this address answers 200 with what is not the xPayment API's JSON.
    sandbox.inject_fault("malformed_json", method="GET", path="/xpayment/v1/payments")
    wizard = make_wizard()
    _to_xpayment_key_page(qtbot, wizard)
    wizard.base_url_input.setText(sandbox.xpayment_base_url)
    wizard.api_key_input.setText(sandbox.xpayment_api_key)
    wait_task(qtbot, wizard.test_key())
    assert "no xPayment service at this address" in wizard.key_status_label.text()
    assert memory_keyring.store == {}
    wait_task(qtbot, wizard.test_key())  # the fault was one answer: now it works
    assert wizard.key_next_button.isEnabled()


def test_changing_the_address_after_a_test_asks_for_a_new_test(
    make_wizard: Callable[..., OnboardingWizard], sandbox: SandboxHandle, qtbot: Any
) -> None:
    wizard = make_wizard()
    _to_xpayment_key_page(qtbot, wizard)
    wizard.base_url_input.setText(sandbox.xpayment_base_url)
    wizard.api_key_input.setText(sandbox.xpayment_api_key)
    wait_task(qtbot, wizard.test_key())
    assert wizard.key_next_button.isEnabled()
    qtbot.keyClicks(wizard.base_url_input, "x")
    assert not wizard.key_next_button.isEnabled()


@pytest.mark.parametrize(
    ("address", "says"),
    [
        ("", "Enter the API address"),
        ("   ", "Enter the API address"),
        ("api.xpayment.example/v1", "must start with https://"),
        ("ftp://api.xpayment.example/v1", "must start with https://"),
        ("https://", "must start with https://"),
        ("https://exa mple.kz/v1", "must start with https://"),
    ],
)
def test_missing_or_odd_address_is_explained_before_any_request(
    make_wizard: Callable[..., OnboardingWizard],
    sandbox: SandboxHandle,
    memory_keyring: MemoryKeyring,
    config: Config,
    qtbot: Any,
    address: str,
    says: str,
) -> None:
    wizard = make_wizard()
    _to_xpayment_key_page(qtbot, wizard)
    wizard.base_url_input.setText(address)
    wizard.api_key_input.setText(sandbox.xpayment_api_key)
    # The button is there to press: it explains what is missing rather than staying grey.
    assert wizard.test_key_button.isEnabled()
    qtbot.mouseClick(wizard.test_key_button, Click)
    assert says in wizard.base_url_status_label.text()
    assert wizard.base_url_status_label.isVisible()
    assert wizard.key_status_label.text() == ""
    assert wizard.focusWidget() is wizard.base_url_input  # the cursor goes where to fix it
    assert sandbox.requests() == []
    assert memory_keyring.store == {}
    assert Config(config.path).provider != "xpayment"
    # Typing a proper address clears the message; the key then tests fine.
    qtbot.keyClicks(wizard.base_url_input, "x")
    assert not wizard.base_url_status_label.isVisible()
    wizard.base_url_input.setText(sandbox.xpayment_base_url)
    wait_task(qtbot, wizard.test_key())
    assert wizard.key_next_button.isEnabled()


def test_xpayment_key_page_screenshots_in_russian_and_kazakh(
    make_wizard: Callable[..., OnboardingWizard],
    sandbox: SandboxHandle,
    artifacts_dir: Path,
    qtbot: Any,
) -> None:
    translations = Translations(QCoreApplication.instance())  # type: ignore[arg-type]
    theme = ThemeManager(QApplication.instance())  # type: ignore[arg-type]
    theme.apply("light")
    try:
        for language in ("ru", "kk"):
            translations.switch(language)
            wizard = make_wizard()
            wizard.resize(680, 560)
            wizard.xpayment_choice_button.click()
            assert wizard.key_title.text() != "API key for xPayment"  # translated
            wizard.base_url_input.clear()  # the "ru" round saved one in the settings
            wizard.api_key_input.setText("wrong-device-key-000")
            wizard.test_key_button.click()  # no address yet
            assert wizard.base_url_status_label.text() not in ("", "Enter the API address")
            assert wizard.grab().save(
                str(artifacts_dir / f"onboarding_xpayment_address_{language}.png")
            )
            wizard.base_url_input.setText(sandbox.xpayment_base_url)
            wait_task(qtbot, wizard.test_key())
            assert "not accepted" not in wizard.key_status_label.text()  # translated
            assert wizard.grab().save(
                str(artifacts_dir / f"onboarding_xpayment_key_{language}.png")
            )
            wizard.api_key_input.setText(sandbox.xpayment_api_key)
            wait_task(qtbot, wizard.test_key())
            assert wizard.key_next_button.isEnabled()
            assert wizard.grab().save(
                str(artifacts_dir / f"onboarding_xpayment_ok_{language}.png")
            )
            wizard.close()
    finally:
        translations.switch("en")
        translations.remove()
        theme.close()

"""The onboarding wizard end to end against the sandbox: demo, key, organisation check."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLineEdit

from pos_app.config import Config
from pos_app.secrets import SERVICE, SecretStore
from pos_app.ui.onboarding import OnboardingWizard
from tests.fixtures.qt import MemoryKeyring
from tests.fixtures.sandbox import SandboxHandle
from tests.onboarding.conftest import BAD_IIN, GOOD_IIN, wait_task
from tests.secrets.helpers import no_keyring

Click = Qt.MouseButton.LeftButton


def _page(wizard: OnboardingWizard) -> str:
    current = wizard.pages.currentWidget()
    assert current is not None
    return current.objectName()


def _to_key_page(qtbot: Any, wizard: OnboardingWizard, base_url: str) -> None:
    qtbot.mouseClick(wizard.apipay_choice_button, Click)
    assert _page(wizard) == "stepsPage"
    steps = wizard.steps_text.text()
    assert "Cashier" in steps and "+7 705 661 09 34" in steps  # the seed's service phone
    qtbot.mouseClick(wizard.steps_next_button, Click)
    assert _page(wizard) == "keyPage"
    wizard.base_url_input.setText(base_url)


def _connected_on_verify_page(qtbot: Any, wizard: OnboardingWizard, sandbox: Any) -> None:
    _to_key_page(qtbot, wizard, sandbox.base_url)
    wizard.api_key_input.setText(sandbox.api_key)
    wait_task(qtbot, wizard.test_key())
    qtbot.mouseClick(wizard.key_next_button, Click)
    assert _page(wizard) == "verifyPage"


def _owner_asked_to_confirm(
    qtbot: Any, wizard: OnboardingWizard, sandbox: SandboxHandle
) -> asyncio.Task[Any]:
    """Connect, send a valid IIN and wait for the countdown: the owner's turn in Kaspi."""
    _connected_on_verify_page(qtbot, wizard, sandbox)
    wizard.iin_input.setText(GOOD_IIN)
    task = wizard.start_verification()
    assert task is not None
    qtbot.waitUntil(wizard.countdown_bar.isVisible)
    return task


def test_demo_choice_closes_the_wizard(
    make_wizard: Callable[..., OnboardingWizard], qtbot: Any
) -> None:
    wizard = make_wizard()
    assert wizard.objectName() == "onboardingWizard"
    with qtbot.waitSignal(wizard.sig_demo_chosen):
        qtbot.mouseClick(wizard.demo_choice_button, Click)
    assert wizard.choice == "demo"
    assert not wizard.isVisible()


def test_real_account_with_the_sandbox_standing_in(
    make_wizard: Callable[..., OnboardingWizard],
    sandbox: Any,
    memory_keyring: MemoryKeyring,
    config: Config,
    qtbot: Any,
) -> None:
    wizard = make_wizard()
    _to_key_page(qtbot, wizard, sandbox.base_url)
    assert wizard.api_key_input.echoMode() == QLineEdit.EchoMode.Password
    # Pasted with the spaces and line break a copy from a web page brings along.
    QGuiApplication.clipboard().setText(f"  {sandbox.api_key}\n")
    qtbot.mouseClick(wizard.paste_button, Click)
    assert wizard.api_key_input.text() == sandbox.api_key
    wizard.show_key_action.trigger()
    assert wizard.api_key_input.echoMode() == QLineEdit.EchoMode.Normal
    wizard.show_key_action.trigger()
    assert wizard.api_key_input.echoMode() == QLineEdit.EchoMode.Password
    assert wizard.test_key_button.isEnabled()
    assert not wizard.key_next_button.isEnabled()

    with qtbot.waitSignal(wizard.sig_key_stored) as stored:
        qtbot.mouseClick(wizard.test_key_button, Click)
    assert stored.args == ["apipay"]
    assert "The key works" in wizard.key_status_label.text()
    assert "MemoryKeyring" in wizard.key_status_label.text()
    assert wizard.key_next_button.isEnabled()
    # Stored in the keyring, the provider and address in the settings, the key in no file.
    assert memory_keyring.store[(SERVICE, "apipay:default")] == sandbox.api_key
    assert config.provider == "apipay" and config.base_url == sandbox.base_url
    for path in config.path.parent.rglob("*"):
        assert not path.is_file() or sandbox.api_key.encode() not in path.read_bytes()
    # The wizard first asked the keyless status, then made an authenticated read.
    paths = [r["path"] for r in sandbox.requests()]
    assert paths.index("/api/v1/status") < paths.index("/api/v1/invoices")

    qtbot.mouseClick(wizard.key_next_button, Click)
    assert _page(wizard) == "verifyPage"
    assert wizard.verify_next_button.text() == "Skip for now"
    qtbot.mouseClick(wizard.verify_next_button, Click)
    assert _page(wizard) == "donePage"
    assert "Restart the app" in wizard.done_text.text()
    qtbot.mouseClick(wizard.finish_button, Click)
    assert wizard.choice == "apipay" and not wizard.isVisible()
    assert wizard.api_key_input.text() == ""  # the key does not linger in a widget


def test_wrong_key_gets_a_clear_message_and_is_not_stored(
    make_wizard: Callable[..., OnboardingWizard],
    sandbox: Any,
    memory_keyring: MemoryKeyring,
    qtbot: Any,
) -> None:
    wizard = make_wizard()
    _to_key_page(qtbot, wizard, sandbox.base_url)
    wizard.api_key_input.setText("not-the-right-key-42")
    wait_task(qtbot, wizard.test_key())
    text = wizard.key_status_label.text()
    assert "not accepted" in text and "test again" in text
    assert wizard.key_status_label.property("state") == "error"
    assert not wizard.key_next_button.isEnabled()
    assert memory_keyring.store == {}
    # The way forward: fix the key, test again, go on.
    wizard.api_key_input.setText(sandbox.api_key)
    wait_task(qtbot, wizard.test_key())
    assert wizard.key_next_button.isEnabled()


def test_no_network_says_so(
    make_wizard: Callable[..., OnboardingWizard], qtbot: Any, memory_keyring: MemoryKeyring
) -> None:
    wizard = make_wizard()
    _to_key_page(qtbot, wizard, "http://127.0.0.1:9/api/v1")  # nothing listens on port 9
    wizard.api_key_input.setText("some-key-123")
    wait_task(qtbot, wizard.test_key())
    assert "No connection" in wizard.key_status_label.text()
    assert wizard.test_key_button.isEnabled()  # try again
    assert memory_keyring.store == {}


def test_without_a_keyring_the_key_is_kept_for_the_session_only(
    make_wizard: Callable[..., OnboardingWizard], sandbox: Any, qtbot: Any, config: Config
) -> None:
    secrets = SecretStore(no_keyring())
    wizard = make_wizard(secrets=secrets)
    _to_key_page(qtbot, wizard, sandbox.base_url)
    wizard.api_key_input.setText(sandbox.api_key)
    wait_task(qtbot, wizard.test_key())
    text = wizard.key_status_label.text()
    assert "No secure key storage" in text and "this session only" in text
    assert wizard.key_source == "session"
    got = secrets.get_api_key("apipay", "default")
    assert got is not None and got.value == sandbox.api_key
    for path in config.path.parent.rglob("*"):
        assert not path.is_file() or sandbox.api_key.encode() not in path.read_bytes()


def test_organisation_verified_after_the_owner_confirms(
    make_wizard: Callable[..., OnboardingWizard], sandbox: Any, qtbot: Any
) -> None:
    wizard = make_wizard()
    _connected_on_verify_page(qtbot, wizard, sandbox)
    wizard.iin_input.setText(BAD_IIN)
    assert wizard.start_verification() is None
    assert "not valid" in wizard.iin_status_label.text()
    assert sandbox.requests(path="/api/v1/organizations/verify") == []
    wizard.iin_input.setText(GOOD_IIN)
    task = wizard.start_verification()
    qtbot.waitUntil(wizard.countdown_bar.isVisible)
    assert 0 < wizard.remaining_seconds <= 120
    assert "confirm" in wizard.verify_status_label.text()
    sandbox.confirm_organization(1)
    wait_task(qtbot, task)
    assert wizard.verification == "verified"
    assert "verified" in wizard.verify_status_label.text()
    assert not wizard.countdown_bar.isVisible()
    assert wizard.verify_next_button.text() == "Next"
    qtbot.mouseClick(wizard.verify_next_button, Click)
    assert "organisation is verified" in wizard.done_text.text()


def test_organisation_rejected_then_retried(
    make_wizard: Callable[..., OnboardingWizard], sandbox: Any, qtbot: Any
) -> None:
    wizard = make_wizard()
    task = _owner_asked_to_confirm(qtbot, wizard, sandbox)
    sandbox.reject_organization(1)
    wait_task(qtbot, task)
    assert wizard.verification == "failed"
    assert "declined" in wizard.verify_status_label.text()
    assert wizard.verify_button.text() == "Try again" and wizard.verify_button.isEnabled()
    # Retry: a new request, confirmed this time.
    qtbot.mouseClick(wizard.verify_button, Click)
    qtbot.waitUntil(wizard.countdown_bar.isVisible)
    sandbox.confirm_organization(2)
    qtbot.waitUntil(lambda: wizard.verification == "verified", timeout=30_000)


def test_organisation_check_times_out_after_120_seconds(
    make_wizard: Callable[..., OnboardingWizard], sandbox: Any, qtbot: Any
) -> None:
    wizard = make_wizard()
    task = _owner_asked_to_confirm(qtbot, wizard, sandbox)
    sandbox.advance(121)  # the sandbox clock passes the 120 s: the status answers 410
    wait_task(qtbot, task)
    assert wizard.verification == "timeout"
    assert "within 2 minutes" in wizard.verify_status_label.text()
    assert wizard.verify_button.text() == "Try again"
    assert any(r["status"] == 410 for r in sandbox.requests(path="/api/v1/organizations/1/status"))

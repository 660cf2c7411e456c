"""The application shell: demo mode, the welcome, the window, ordered shutdown, screenshots."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStackedWidget

from pos_app.app import Application
from pos_app.ui.main_window import NetworkState


def test_demo_mode_shows_the_badge_and_runs_its_own_sandbox(
    tmp_path: Path, build_app: Callable[..., Application], qtbot: Any
) -> None:
    data = tmp_path / "data"
    app = build_app(data, show_welcome=False)  # no key anywhere: demo
    app.show()
    assert app.demo
    badge = app.window.findChild(object, "demoBadge")
    assert badge is not None and badge.isVisible()
    assert badge.text() == "DEMO"
    assert app.sandbox is not None
    assert app.sandbox.config.data_dir == data / "sandbox"
    assert app.sandbox.config.auto_pay_after_seconds is None
    assert app.window.shop_name_label.text() == app.sandbox.config.shop_name


def test_a_configured_key_means_no_demo(app_instance: Application) -> None:
    assert not app_instance.demo
    assert app_instance.sandbox is None
    assert not app_instance.window.demo_badge.isVisible()
    assert app_instance.window.objectName() == "mainWindow"
    stack = app_instance.window.findChild(QStackedWidget, "screenStack")
    assert stack is not None and stack.count() >= 1


def test_welcome_on_the_first_start_only(
    tmp_path: Path,
    build_app: Callable[..., Application],
    run_async: Callable[..., Any],
    qtbot: Any,
) -> None:
    data = tmp_path / "data"
    first = build_app(data)
    first.show()
    welcome = first.welcome
    assert welcome is not None and welcome.isVisible()
    assert welcome.objectName() == "welcomeDialog"
    qtbot.mouseClick(welcome.demo_button, Qt.MouseButton.LeftButton)
    assert welcome.choice == "demo"
    assert not welcome.isVisible()
    run_async(first.shutdown())

    second = build_app(data)
    second.show()
    assert second.welcome is None


def test_connect_an_account_opens_the_wizard_which_stores_the_key(
    tmp_path: Path,
    build_app: Callable[..., Application],
    memory_keyring: Any,
    sandbox: Any,
    qtbot: Any,
) -> None:
    app = build_app(tmp_path / "data")
    app.show()
    welcome = app.welcome
    qtbot.mouseClick(welcome.connect_button, Qt.MouseButton.LeftButton)
    # The welcome closes and the step-by-step setup takes over at once.
    assert not welcome.isVisible()
    wizard = app.onboarding
    assert wizard is not None and wizard.isVisible()
    qtbot.mouseClick(wizard.apipay_choice_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(wizard.steps_next_button, Qt.MouseButton.LeftButton)
    wizard.base_url_input.setText(sandbox.base_url)
    qtbot.keyClicks(wizard.api_key_input, sandbox.api_key)
    with qtbot.waitSignal(wizard.sig_key_stored, timeout=30_000):
        qtbot.mouseClick(wizard.test_key_button, Qt.MouseButton.LeftButton)
    assert memory_keyring.store[("pos-app", "apipay:default")] == sandbox.api_key
    assert wizard.key_next_button.isEnabled()


def test_network_indicator_goes_online(
    tmp_path: Path, build_app: Callable[..., Application], qtbot: Any
) -> None:
    app = build_app(tmp_path / "data", demo=True, show_welcome=False, network_check_seconds=3600)
    app.show()
    qtbot.waitUntil(lambda: app.window.network_state == NetworkState.ONLINE, timeout=30_000)
    assert "Online" in app.window.network_status.text()


def test_f1_lists_the_shortcuts(app_instance: Application, qtbot: Any) -> None:
    window = app_instance.window
    window.register_hotkey("F12", "Test action")
    window.activateWindow()
    window.show_hotkeys()
    dialog = window.hotkeys_dialog
    assert dialog is not None and dialog.isVisible()
    rows = window.hotkey_rows()
    assert ("F1", "Show this list of shortcuts") in rows
    assert ("F12", "Test action") in rows
    dialog.reject()


def test_ordered_shutdown_leaves_nothing_running(
    app_instance: Application, run_async: Callable[..., Any]
) -> None:
    async def forever() -> None:
        await asyncio.sleep(3600)

    task = app_instance.spawn(forever(), name="test-forever")
    assert task in app_instance.tasks.running
    run_async(app_instance.shutdown())
    assert task.cancelled()
    assert app_instance.tasks.running == []
    assert app_instance.provider.transport.is_closed
    assert app_instance.is_shut_down
    window = app_instance.window
    assert not shiboken6.isValid(window) or not window.isVisible()


def test_theme_switches_at_runtime_and_is_remembered(
    app_instance: Application, qtbot: Any
) -> None:
    window = app_instance.window
    with qtbot.waitSignal(app_instance.theme.sig_theme_changed):
        other = "dark" if app_instance.theme.palette.name == "light" else "light"
        window.theme_actions[other].trigger()
    assert app_instance.config.theme in ("dark", "light")
    assert app_instance.theme.palette.name == app_instance.config.theme
    assert app_instance.qapp.styleSheet()


def test_screenshots_light_and_dark(
    tmp_path: Path,
    build_app: Callable[..., Application],
    artifacts_dir: Path,
    qtbot: Any,
) -> None:
    app = build_app(tmp_path / "data", demo=True, show_welcome=False, theme="light")
    app.window.resize(1280, 800)
    app.show()
    qtbot.waitExposed(app.window)
    for theme in ("light", "dark"):
        app.theme.apply(theme)
        qtbot.wait(50)  # let the re-polish paint
        path = artifacts_dir / f"main_window_{theme}.png"
        assert app.window.grab().save(str(path))
        assert path.stat().st_size > 0
    app.show_welcome()
    qtbot.waitExposed(app.welcome)
    assert app.welcome.grab().save(str(artifacts_dir / "welcome_dark.png"))

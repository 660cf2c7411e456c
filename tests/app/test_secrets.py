"""The API key: keyring round trip, session-only fallback with a banner, never on disk."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import keyring.errors
from keyring.backend import KeyringBackend
from PySide6.QtCore import Qt

from pos_app.app import Application
from pos_app.payments.errors import NotFoundError, PaymentError
from pos_app.secrets import ENV_API_KEY, SERVICE, SecretStore, resolve_api_key
from tests.fixtures.qt import MemoryKeyring

KEY = "live-key-Zx81QpW0rT5vNm3"


class NoKeyring(KeyringBackend):
    """What a Linux box without a Secret Service has: every call fails."""

    priority = 0

    def get_password(self, service: str, username: str) -> str | None:
        raise keyring.errors.NoKeyringError("no backend")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.NoKeyringError("no backend")

    def delete_password(self, service: str, username: str) -> None:
        raise keyring.errors.NoKeyringError("no backend")


def _no_keyring() -> NoKeyring:
    return NoKeyring()  # type: ignore[no-untyped-call]


def _files_containing(folder: Path, needle: str) -> list[Path]:
    hits = []
    for path in folder.rglob("*"):
        if path.is_file() and needle.encode() in path.read_bytes():
            hits.append(path)
    return hits


def test_memory_keyring_round_trip(memory_keyring: MemoryKeyring) -> None:
    store = SecretStore(memory_keyring)
    assert store.probe()
    assert store.get_api_key("apipay", "default") is None
    saved = store.set_api_key("apipay", "default", KEY)
    assert saved.source == "keyring"
    assert memory_keyring.store[(SERVICE, "apipay:default")] == KEY
    got = store.get_api_key("apipay", "default")
    assert got is not None and got.value == KEY
    assert KEY not in repr(got) and KEY not in str(got)
    assert store.get_api_key("apipay", "other-shop") is None  # per account
    store.delete_api_key("apipay", "default")
    assert store.get_api_key("apipay", "default") is None
    store.delete_api_key("apipay", "default")  # twice is fine
    assert store.backend_name.endswith("MemoryKeyring")


def test_no_keyring_keeps_the_key_for_the_session_only() -> None:
    store = SecretStore(_no_keyring())
    assert not store.probe()
    assert store.session_only
    saved = store.set_api_key("apipay", "default", KEY)
    assert saved.source == "session"
    got = store.get_api_key("apipay", "default")
    assert got is not None and got.value == KEY
    # A new session (a restart) has nothing.
    assert SecretStore(_no_keyring()).get_api_key("apipay", "default") is None


def test_environment_key_overrides_the_stored_one(memory_keyring: MemoryKeyring) -> None:
    store = SecretStore(memory_keyring)
    store.set_api_key("apipay", "default", "stored-key-123456")
    got = resolve_api_key(store, "apipay", "default", {ENV_API_KEY: KEY})
    assert got is not None and (got.value, got.source) == (KEY, "environment")
    assert memory_keyring.store[(SERVICE, "apipay:default")] == "stored-key-123456"
    fallback = resolve_api_key(store, "apipay", "default", {})
    assert fallback is not None and fallback.value == "stored-key-123456"


def test_no_keyring_shows_the_banner_and_writes_no_key(
    tmp_path: Path, build_app: Callable[..., Application], sandbox: Any, qtbot: Any
) -> None:
    data = tmp_path / "data"
    app = build_app(data, keyring_backend=_no_keyring(), show_welcome=True)
    app.show()
    assert app.window.keyring_banner.isVisible()
    assert app.window.keyring_banner.objectName() == "keyringBanner"
    # The cashier connects an account from the welcome: the wizard accepts the key for this
    # session only and says so.
    qtbot.mouseClick(app.welcome.connect_button, Qt.MouseButton.LeftButton)
    wizard = app.onboarding
    assert wizard is not None and wizard.isVisible()
    qtbot.mouseClick(wizard.apipay_choice_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(wizard.steps_next_button, Qt.MouseButton.LeftButton)
    wizard.base_url_input.setText(sandbox.base_url)
    wizard.api_key_input.setText(sandbox.api_key)
    with qtbot.waitSignal(wizard.sig_key_stored, timeout=30_000):
        wizard.test_key()
    assert "this session only" in wizard.key_status_label.text()
    stored = app.secrets.get_api_key("apipay", "default")
    assert stored is not None and stored.value == sandbox.api_key
    assert app.window.keyring_banner.isVisible()
    app.config.sync()
    assert _files_containing(data, sandbox.api_key) == []


def test_a_working_keyring_shows_no_banner(
    tmp_path: Path, build_app: Callable[..., Application], memory_keyring: MemoryKeyring
) -> None:
    app = build_app(tmp_path / "data", demo=True, show_welcome=False)
    app.show()
    assert not app.window.keyring_banner.isVisible()
    assert not app.secrets.session_only


def test_environment_key_is_used_and_never_written(
    tmp_path: Path,
    build_app: Callable[..., Application],
    memory_keyring: MemoryKeyring,
    sandbox: Any,
    run_async: Callable[..., Any],
) -> None:
    data = tmp_path / "data"
    memory_keyring.store[(SERVICE, "apipay:default")] = "stored-but-wrong-key"
    app = build_app(
        data, base_url=sandbox.base_url, environ={ENV_API_KEY: sandbox.api_key}
    )
    app.show()
    assert not app.demo
    assert app.api_key is not None and app.api_key.source == "environment"
    assert not app.window.demo_badge.isVisible()
    # The server accepts the key (an unknown invoice is "not found", not "unauthorised").
    async def lookup() -> Exception | None:
        try:
            await app.provider.get_payment("999999")
        except PaymentError as exc:
            return exc
        return None

    assert isinstance(run_async(lookup()), NotFoundError)
    assert memory_keyring.store[(SERVICE, "apipay:default")] == "stored-but-wrong-key"
    run_async(app.shutdown())
    assert _files_containing(data, sandbox.api_key) == []

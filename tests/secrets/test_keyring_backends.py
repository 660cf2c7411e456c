"""The API key store on an in-memory keyring, on keyring's own "none" backend, on locked and
refusing keyrings, and on a real Secret Service (gnome-keyring inside ``dbus-run-session``)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from pos_app.config import Config
from pos_app.paths import DataPaths
from pos_app.secrets import SERVICE, SecretStore
from pos_app.ui.settings_dialog import SettingsDialog
from tests.fixtures.qt import MemoryKeyring
from tests.secrets.helpers import DenyingKeyring, LockedKeyring, no_keyring

KEY = "live-key-Qm47xT0pZ9"
REPO = Path(__file__).resolve().parents[2]


def _settings(tmp_path: Path, store: SecretStore, qtbot: Any) -> SettingsDialog:
    paths = DataPaths(tmp_path / "data").ensure()
    dialog = SettingsDialog(Config(paths.settings_file), store, paths)
    qtbot.addWidget(dialog)
    return dialog


def test_memory_backend_round_trip_and_description(
    memory_keyring: MemoryKeyring, tmp_path: Path, qtbot: Any
) -> None:
    store = SecretStore(memory_keyring)
    assert store.probe() and store.trouble is None
    store.set_api_key("apipay", "default", f" {KEY}\n")
    assert memory_keyring.store[(SERVICE, "apipay:default")] == KEY
    dialog = _settings(tmp_path, store, qtbot)
    assert "MemoryKeyring" in dialog.key_storage_label.text()
    assert dialog.remove_key_button.isEnabled()
    dialog.remove_key()
    assert memory_keyring.store == {}
    assert "removed" in dialog.key_storage_label.text()
    assert not dialog.remove_key_button.isEnabled()


def test_no_backend_falls_back_to_the_session_and_says_why(tmp_path: Path, qtbot: Any) -> None:
    store = SecretStore(no_keyring())
    assert store.backend_name == "keyring.backends.fail.Keyring"
    assert store.backend_description == "none"
    assert not store.probe()
    assert store.session_only and store.trouble == "unavailable"
    saved = store.set_api_key("apipay", "default", KEY)
    assert saved.source == "session"
    dialog = _settings(tmp_path, store, qtbot)
    text = dialog.key_storage_label.text()
    assert "No secure key storage" in text and "session only" in text
    # Never plain text: the data folder holds no copy of the key.
    for path in (tmp_path / "data").rglob("*"):
        assert not path.is_file() or KEY.encode() not in path.read_bytes()


def test_locked_keyring_is_explained(tmp_path: Path, qtbot: Any) -> None:
    store = SecretStore(LockedKeyring())  # type: ignore[no-untyped-call]
    assert not store.probe()
    assert store.trouble == "locked"
    assert "locked" in _settings(tmp_path, store, qtbot).key_storage_label.text()


def test_refusing_keyring_is_explained(tmp_path: Path, qtbot: Any) -> None:
    store = SecretStore(DenyingKeyring())  # type: ignore[no-untyped-call]
    assert store.probe()  # reading works …
    assert store.set_api_key("apipay", "default", KEY).source == "session"  # … storing does not
    assert store.trouble == "denied"
    assert "refused" in _settings(tmp_path, store, qtbot).key_storage_label.text()


# -- a real Secret Service ----------------------------------------------------------------

_TOOLS = ("dbus-run-session", "gnome-keyring-daemon")
_MISSING = [tool for tool in _TOOLS if shutil.which(tool) is None]

#: Runs inside dbus-run-session: start gnome-keyring with a password on stdin (it then creates
#: and unlocks the login collection), export what it prints, and round-trip a key through
#: pos_app.secrets with the backend keyring picks by itself.
_INNER = textwrap.dedent(
    """
    set -e
    eval "$(printf 'test-password\\n' | gnome-keyring-daemon --unlock --components=secrets)"
    export GNOME_KEYRING_CONTROL
    "$PYTHON" - <<'PY'
    from pos_app.secrets import SecretStore
    store = SecretStore()
    print("backend", store.backend_name)
    assert store.probe(), "probe failed"
    store.set_api_key("apipay", "default", "real-secret-service-key-42")
    again = SecretStore().get_api_key("apipay", "default")
    assert again is not None and again.value == "real-secret-service-key-42", again
    assert again.source == "keyring"
    store.delete_api_key("apipay", "default")
    assert SecretStore().get_api_key("apipay", "default") is None
    print("ROUND TRIP OK")
    PY
    """
)


def test_real_secret_service_round_trip(tmp_path: Path) -> None:
    if _MISSING:
        message = f"needs {', '.join(_MISSING)} (apt-get install gnome-keyring dbus-x11)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("CI must run the real keyring test: " + message)
        pytest.skip(message)
    home = tmp_path / "home"
    home.mkdir()
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(home),  # a fresh login keyring, never the developer's own
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_RUNTIME_DIR": str(tmp_path / "run"),
        "PYTHON": sys.executable,
        "PYTHONPATH": str(REPO),
        "LANG": "C.UTF-8",
    }
    (tmp_path / "run").mkdir(mode=0o700)
    result = subprocess.run(
        ["dbus-run-session", "--", "bash", "-c", _INNER],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "backend keyring.backends.SecretService.Keyring" in result.stdout, output
    assert "ROUND TRIP OK" in result.stdout, output

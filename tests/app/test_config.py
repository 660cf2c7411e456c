"""Settings: declared defaults, persistence across a restart, no secret in the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from pos_app.config import DEFAULT_BASE_URLS, SETTINGS, Config, defaults


def test_a_fresh_folder_gives_every_declared_default(tmp_path: Path) -> None:
    config = Config(tmp_path / "settings.ini")
    for setting in SETTINGS:
        assert config.get(setting.name) == setting.default
    # The typed getters read the same table.
    assert config.poll_interval_seconds == defaults()["poll_interval_seconds"] == 2
    assert config.requests_per_minute == defaults()["requests_per_minute"] == 60
    assert config.theme == "system"
    assert config.receipt_paper == "80"
    assert config.base_url == DEFAULT_BASE_URLS["apipay"]


def test_required_settings_are_declared() -> None:
    names = {s.name for s in SETTINGS}
    assert {
        "provider", "base_url", "language", "theme", "poll_interval_seconds",
        "requests_per_minute", "shop_name", "register_name", "sound",
        "customer_display_screen", "receipt_paper",
    } <= names
    assert all(s.help for s in SETTINGS)


def test_values_survive_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "settings.ini"
    first = Config(path)
    first.set("shop_name", "Кофейня «Алма»")
    first.set("poll_interval_seconds", 5)
    first.set("sound", False)
    first.set("receipt_paper", "58")
    del first
    again = Config(path)
    assert again.shop_name == "Кофейня «Алма»"
    assert again.poll_interval_seconds == 5
    assert again.sound is False
    assert again.receipt_paper == "58"


def test_wrong_values_are_refused_and_unreadable_ones_fall_back(tmp_path: Path) -> None:
    path = tmp_path / "settings.ini"
    config = Config(path)
    with pytest.raises(ValueError):
        config.set("theme", "purple")
    with pytest.raises(ValueError):
        config.set("poll_interval_seconds", 0)
    with pytest.raises(KeyError):
        config.set("api_key", "secret-value")  # secrets have no setting, on purpose
    path.write_text("[General]\npoll_interval_seconds=often\n", encoding="utf-8")
    assert Config(path).poll_interval_seconds == 2


def test_command_line_overrides_are_not_written(tmp_path: Path) -> None:
    path = tmp_path / "settings.ini"
    config = Config(path)
    config.override("language", "kk")
    config.override("base_url", "http://127.0.0.1:9/api/v1")
    assert config.language == "kk"
    assert config.base_url == "http://127.0.0.1:9/api/v1"
    config.sync()
    assert Config(path).language == "ru"
    assert "127.0.0.1:9" not in (path.read_text(encoding="utf-8") if path.exists() else "")


def test_change_signal_names_the_setting(tmp_path: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    config = Config(tmp_path / "settings.ini")
    with qtbot.waitSignal(config.sig_changed) as blocker:
        config.set("register_name", "Касса 2")
    assert blocker.args == ["register_name"]

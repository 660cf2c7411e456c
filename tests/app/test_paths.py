"""Where files are: resources from a checkout and from a frozen bundle."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from pos_app.paths import DataPaths, resource_path


def test_resources_are_found_in_the_checkout() -> None:
    assert resource_path("styles", "app.qss").is_file()
    for name in ("cart", "search", "qr", "phone", "park", "trash", "plus", "minus",
                 "settings", "history", "check", "close", "keyboard"):
        assert resource_path("icons", f"{name}.svg").is_file(), name


def test_resources_come_from_the_bundle_when_frozen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resource_path("icons", "cart.svg") == tmp_path / "resources" / "icons" / "cart.svg"


def test_everything_written_lives_in_the_data_folder(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path / "data").ensure()
    for folder in (paths.logs_dir, paths.cache_dir, paths.journal_dir, paths.sandbox_dir):
        assert folder.is_relative_to(paths.root)
    assert paths.logs_dir.is_dir() and paths.cache_dir.is_dir()

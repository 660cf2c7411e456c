"""Helpers for the app-shell tests."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from pos_app.app import Application, AppOptions, build_application


@pytest.fixture
def build_app(
    run_async: Callable[..., Any], memory_keyring: Any
) -> Iterator[Callable[..., Application]]:
    """``build_app(data_dir, **options)``: an app built in-process, shut down after the test.

    Defaults: in-memory keyring, empty environment, no periodic network checks.
    """
    built: list[Application] = []

    def build(data_dir: Path, **overrides: Any) -> Application:
        settings: dict[str, Any] = {
            "data_dir": data_dir,
            "keyring_backend": memory_keyring,
            "environ": {},
            "network_check_seconds": 0,
        }
        settings.update(overrides)
        app = build_application(AppOptions(**settings))
        built.append(app)
        return app

    yield build
    for app in built:
        if not app.is_shut_down:
            run_async(app.shutdown())

"""Fixtures for the onboarding tests: a wizard on a fresh data folder and an in-memory keyring."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from pos_app.config import Config
from pos_app.secrets import SecretStore
from pos_app.ui.onboarding import OnboardingWizard
from tests.fixtures.qt import DEFAULT_TIMEOUT_MS, MemoryKeyring

#: A valid IIN (check digit 7) and one with a wrong check digit.
GOOD_IIN = "900101300017"
BAD_IIN = "900101300018"


@pytest.fixture
def config(tmp_path: Path) -> Config:
    """Settings in a fresh data folder."""
    return Config(tmp_path / "data" / "settings.ini")


@pytest.fixture
def make_wizard(
    config: Config, memory_keyring: MemoryKeyring, qasync_loop: Any, qtbot: Any
) -> Iterator[Callable[..., OnboardingWizard]]:
    """``make_wizard(secrets=None, **kwargs)``: an open wizard (closed after the test)."""
    made: list[OnboardingWizard] = []

    def make(secrets: SecretStore | None = None, **kwargs: Any) -> OnboardingWizard:
        kwargs.setdefault("poll_seconds", 0.1)
        wizard = OnboardingWizard(config, secrets or SecretStore(memory_keyring), **kwargs)
        qtbot.addWidget(wizard)
        wizard.open()
        qtbot.waitExposed(wizard)
        made.append(wizard)
        return wizard

    yield make
    for wizard in made:
        wizard.close()
    pending = [t for t in asyncio.all_tasks(qasync_loop) if not t.done()]
    for task in pending:
        task.cancel()
    if pending:
        qtbot.waitUntil(lambda: all(t.done() for t in pending), timeout=DEFAULT_TIMEOUT_MS)


def wait_task(qtbot: Any, task: asyncio.Task[Any] | None) -> None:
    """Pump Qt until ``task`` is done (and re-raise what it raised)."""
    assert task is not None, "the action did not start"
    qtbot.waitUntil(task.done, timeout=DEFAULT_TIMEOUT_MS)
    task.result()

"""Test-wide setup: headless Qt, the shared API documents, artifact folder.

Fixture modules of their own live in ``tests/fixtures/`` and are registered below so every test
folder can use them (the embedded sandbox server, the qasync loop, …).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO_ROOT = Path(__file__).resolve().parent.parent

pytest_plugins = [
    "tests.fixtures.shared",
    "tests.fixtures.sandbox",
    "tests.fixtures.qt",
]


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    """Where tests save screenshots and other files a person should look at."""
    path = Path(os.environ.get("POS_APP_TEST_ARTIFACTS", REPO_ROOT / "test-artifacts"))
    path.mkdir(parents=True, exist_ok=True)
    return path

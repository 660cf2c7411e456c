"""Shared helpers for the sandbox tests: an API client and small shortcuts."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.fixtures.sandbox import SandboxHandle


@pytest.fixture
def api(sandbox: SandboxHandle) -> Iterator[httpx.Client]:
    """An HTTP client with the right key, speaking to the sandbox's ``/api/v1``."""
    with sandbox.api() as client:
        yield client

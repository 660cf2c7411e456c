"""The ``pos-app`` command line, run as a real process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from pos_app import __version__


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pos_app", *args],
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
        check=False,
    )


def test_version_prints_one_line() -> None:
    out = _run("--version")
    assert out.returncode == 0
    assert out.stdout.strip() == f"pos-app {__version__}"


def test_help_lists_every_option() -> None:
    out = _run("--help")
    assert out.returncode == 0
    for option in ("--demo", "--provider", "--base-url", "--data-dir", "--self-test", "--lang"):
        assert option in out.stdout


@pytest.mark.slow
def test_self_test_pays_one_demo_sale(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("POS_APP_API_KEY", None)
    data = tmp_path / "data"
    out = _run("--self-test", "--data-dir", str(data), env=env)
    assert out.returncode == 0, out.stdout + out.stderr
    lines = out.stdout.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("self-test ok"), lines
    assert "paid" in lines[0]
    # Everything the run wrote stayed in the data folder.
    assert (data / "settings.ini").exists() or (data / "logs").is_dir()
    assert (data / "logs" / "pos-app.log").exists()
    assert (data / "sandbox").is_dir()


def test_unknown_provider_is_refused() -> None:
    out = _run("--provider", "paypal", "--version")
    assert out.returncode == 2
    assert "paypal" in out.stderr

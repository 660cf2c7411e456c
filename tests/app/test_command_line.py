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


def test_many_qt_calls_and_sleeps_do_not_abort_the_process() -> None:
    """PySide6 6.12.0 on Python 3.11 loses a reference to None per void call (hence the pin
    below 6.12 and ``protect_singletons``); thousands of timer sleeps used to abort the
    process. A register runs for days: no reference may be lost."""
    script = (
        "import asyncio, os, sys\n"
        "os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        "from pos_app.app import protect_singletons\n"
        "protect_singletons()\n"
        "import qasync\n"
        "from PySide6.QtCore import QObject\n"
        "from PySide6.QtWidgets import QApplication\n"
        "qapp = QApplication([])\n"
        "before = sys.getrefcount(None)\n"
        "o = QObject()\n"
        "for _ in range(20000):\n"
        "    o.setObjectName('x')\n"
        "loop = qasync.QEventLoop(qapp)\n"
        "asyncio.set_event_loop(loop)\n"
        "async def sleeps():\n"
        "    for _ in range(500):\n"
        "        await asyncio.sleep(0.0005)\n"
        "with loop:\n"
        "    loop.run_until_complete(sleeps())\n"
        "lost = before - sys.getrefcount(None)\n"
        "print('alive', lost < 1000)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=180, check=False
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "alive True"


def test_startup_probe_shows_the_window_then_quits_cleanly(tmp_path: Path) -> None:
    """``POS_APP_STARTUP_PROBE=1``: the real GUI path (demo mode) shows its window, says so and
    shuts down in order: what ``packaging/bench_startup.py`` times."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "POS_APP_STARTUP_PROBE": "1"}
    env.pop("POS_APP_API_KEY", None)
    out = _run("--demo", "--data-dir", str(tmp_path / "data"), env=env)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "startup-probe: window shown"

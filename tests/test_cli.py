"""The command line answers without opening a window."""

import subprocess
import sys

from pos_app import __version__


def test_version_prints_without_window() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "pos_app", "--version"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert out.stdout.strip() == f"pos-app {__version__}"

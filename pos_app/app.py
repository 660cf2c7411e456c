"""Application entry point: command line → QApplication → qasync loop → services + window.

This first version only handles ``--version``; the GUI shell lands with the counter issue.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from pos_app import __version__


def build_arg_parser() -> argparse.ArgumentParser:
    """The command line of ``pos-app``."""
    parser = argparse.ArgumentParser(prog="pos-app", description="Kaspi Pay point of sale")
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the app; returns the process exit code."""
    args = build_arg_parser().parse_args(argv)
    if args.version:
        print(f"pos-app {__version__}")
        return 0
    print("The GUI is not built yet; try --version.", file=sys.stderr)
    return 1

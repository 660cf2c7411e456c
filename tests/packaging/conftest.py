"""Load the scripts in ``packaging/`` as modules for the packaging tests.

``packaging/`` is deliberately not a Python package (its name would shadow PyPI's
``packaging``), so the tests load its files by path under private module names.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

PACKAGING_DIR = Path(__file__).resolve().parents[2] / "packaging"


def load_packaging_module(name: str) -> ModuleType:
    """Import ``packaging/<name>.py`` as ``pos_packaging_<name>`` (once)."""
    module_name = f"pos_packaging_{name}"
    if module_name in sys.modules:
        return sys.modules[module_name]
    spec = importlib.util.spec_from_file_location(module_name, PACKAGING_DIR / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def spec_support() -> ModuleType:
    """``packaging/spec_support.py``: the Qt filter and the Windows version file."""
    return load_packaging_module("spec_support")


@pytest.fixture(scope="session")
def build_script() -> ModuleType:
    """``packaging/build.py``: build, smoke test, archive."""
    return load_packaging_module("build")

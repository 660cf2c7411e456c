"""``packaging/update_translations.py`` loaded as a module (``packaging`` is not a package, and
the name belongs to the PyPI library)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

SCRIPT = Path(__file__).resolve().parents[2] / "packaging" / "update_translations.py"


def load() -> ModuleType:
    """The script as a module (loaded once)."""
    name = "pos_app_update_translations"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module

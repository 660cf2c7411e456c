"""Imports flow one way: ui → services → {domain, payments, journal}; domain imports nothing.

The rules of the package docstrings, checked on the source (``ast``), so a shortcut that would
tie the layers together fails here instead of in a review.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "pos_app"

#: What each package may import from pos_app (besides itself).
ALLOWED: dict[str, set[str]] = {
    "domain": set(),
    "payments": {"domain"},
    "journal": {"domain"},
    "services": {"domain", "payments", "journal"},
    # the sandbox is an independent reading of the spec: never the client
    "sandbox": set(),
}
#: Qt widgets stay in ui (services may use QtCore signals only).
NO_QT = {"domain", "payments", "journal", "sandbox"}


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_imports_flow_one_way(package: str) -> None:
    offending: list[str] = []
    for path in sorted((PACKAGE / package).rglob("*.py")):
        for name in _imports(path):
            parts = name.split(".")
            foreign = parts[0] == "pos_app" and len(parts) > 1 and parts[1] != package
            if foreign and parts[1] not in ALLOWED[package]:
                offending.append(f"{path.relative_to(PACKAGE)}: {name}")
            if package in NO_QT and parts[0] == "PySide6":
                offending.append(f"{path.relative_to(PACKAGE)}: {name}")
            if package == "services" and name.startswith("PySide6.QtWidgets"):
                offending.append(f"{path.relative_to(PACKAGE)}: {name}")
    assert not offending, "imports against the layering:\n" + "\n".join(offending)


def test_only_secrets_touches_the_keyring() -> None:
    users = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if any(n == "keyring" or n.startswith("keyring.") for n in _imports(path))
    ]
    assert users == ["secrets.py"]

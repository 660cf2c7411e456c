"""Every literal the UI shows must be visible to ``pyside6-lupdate``.

lupdate only reads literal arguments of ``tr``/``translate``/``QT_TRANSLATE_NOOP``. A helper
such as ``def _tr(text): return QCoreApplication.translate("X", text)`` called with literals
hides every one of them: they never reach the ``.ts`` files and stay English in Russian and
Kazakh. This test finds such wrappers called with literals.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "pos_app"


def _wrappers(tree: ast.Module) -> set[str]:
    """Module-level functions that pass a parameter straight into a translate call."""
    found = set()
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef):
            continue
        params = {a.arg for a in node.args.args}
        for call in ast.walk(node):
            if (
                isinstance(call, ast.Call)
                and isinstance(call.func, ast.Attribute)
                and call.func.attr in ("translate", "tr")
                and any(isinstance(a, ast.Name) and a.id in params for a in call.args)
            ):
                found.add(node.name)
    return found


def test_no_translation_wrapper_is_called_with_a_literal() -> None:
    hidden = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        wrappers = _wrappers(tree)
        if not wrappers:
            continue
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in wrappers
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                hidden.append(f"{path.relative_to(PACKAGE)}:{node.lineno} {node.args[0].value!r}")
    assert not hidden, "strings lupdate cannot see (call translate() directly):\n" + "\n".join(
        hidden
    )

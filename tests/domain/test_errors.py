"""Domain errors: translatable messages that lupdate can find, and a useful str()."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from pos_app.domain import errors
from pos_app.domain.errors import (
    QT_TRANSLATE_NOOP,
    CartError,
    DomainError,
    IinError,
    MoneyError,
    PhoneError,
    TransitionError,
)

DOMAIN_DIR = Path(errors.__file__).parent
ERROR_NAMES = {
    "DomainError",
    "MoneyError",
    "PhoneError",
    "IinError",
    "CartError",
    "TransitionError",
}


def _calls(name: str) -> list[tuple[Path, ast.Call]]:
    found: list[tuple[Path, ast.Call]] = []
    for path in sorted(DOMAIN_DIR.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            if isinstance(node.func, ast.Name) and node.func.id == name:
                found.append((path, node))
    return found


def test_noop_returns_the_text() -> None:
    assert QT_TRANSLATE_NOOP("Domain", "Enter an amount") == "Enter an amount"


def test_every_marker_has_literal_arguments_lupdate_can_read() -> None:
    calls = _calls("QT_TRANSLATE_NOOP")
    assert len(calls) > 20
    for path, call in calls:
        where = f"{path.name}:{call.lineno}"
        assert len(call.args) == 2 and not call.keywords, where
        context, text = call.args
        assert isinstance(context, ast.Constant) and context.value == "Domain", where
        assert isinstance(text, ast.Constant) and isinstance(text.value, str), where
        assert text.value.strip() == text.value and text.value, where


def test_every_raised_error_carries_a_marked_message() -> None:
    for name in ERROR_NAMES:
        for path, call in _calls(name):
            where = f"{path.name}:{call.lineno}"
            code, message = call.args[0], call.args[1]
            assert isinstance(code, ast.Constant) and "." in str(code.value), where
            assert isinstance(message, ast.Call), where
            assert isinstance(message.func, ast.Name), where
            assert message.func.id == "QT_TRANSLATE_NOOP", where


@pytest.mark.parametrize("cls", [MoneyError, PhoneError, IinError, CartError, TransitionError])
def test_error_shape(cls: type[DomainError]) -> None:
    err = cls("x.y", "At most {max}", {"max": 5})
    assert isinstance(err, ValueError)
    assert err.context == "Domain"
    assert err.code == "x.y"
    assert err.message == "At most {max}"
    assert err.params == {"max": "5"}
    assert str(err) == "At most 5"
    assert "x.y" in repr(err)


def test_a_template_out_of_step_with_its_params_still_gives_a_text() -> None:
    assert str(DomainError("x.y", "At most {max}")) == "At most {max}"

"""Shared by the xPayment sandbox tests: the Swagger 2.0 spec and an answer checker."""

from __future__ import annotations

import copy
import json
import re
from typing import Any

import httpx
import pytest
from jsonschema import Draft4Validator

from tests.fixtures.shared import shared_dir

SPEC_FILE = "004_1f3b4d9993b5ce59.txt"
UUID_RE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
TIME_RE = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+05:00")


def load_swagger() -> dict[str, Any]:
    """The xPayment Swagger 2.0 document (a missing file fails the test, never skips it)."""
    path = shared_dir() / "seeds" / SPEC_FILE
    if not path.is_file():
        pytest.fail(f"xPayment spec {path} is missing (set POS_APP_SHARED_DIR)")
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _closed(node: Any) -> Any:
    """Every object schema that lists its properties accepts no other keys (strict check)."""
    if isinstance(node, list):
        return [_closed(n) for n in node]
    if not isinstance(node, dict):
        return node
    out = {k: _closed(v) for k, v in node.items()}
    if "properties" in out and "additionalProperties" not in out:
        out["additionalProperties"] = False
    return out


def response_schema(spec: dict[str, Any], method: str, path: str, status: int) -> dict[str, Any]:
    """The documented schema of one answer, with the spec's definitions, closed."""
    operation = spec["paths"][path][method.lower()]
    documented = operation["responses"].get(str(status))
    if documented is None:
        pytest.fail(f"{method} {path} documents no {status} answer")
    schema: dict[str, Any] = copy.deepcopy(documented["schema"])
    schema["definitions"] = _closed(spec["definitions"])
    return schema


def assert_answer(
    spec: dict[str, Any], method: str, path: str, answer: httpx.Response, status: int
) -> Any:
    """``answer`` has ``status`` and a body valid against the spec; returns the body."""
    assert answer.status_code == status, answer.text
    body = answer.json()
    schema = response_schema(spec, method, path, status)
    errors = sorted(Draft4Validator(schema).iter_errors(body), key=str)
    assert not errors, f"{method} {path} {status}: " + "; ".join(e.message for e in errors)
    return body


def assert_money(value: Any) -> None:
    """Money is a JSON number, never a string or a boolean."""
    assert isinstance(value, int | float) and not isinstance(value, bool), value

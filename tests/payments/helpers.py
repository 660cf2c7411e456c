"""Helpers of the payments tests: run a coroutine, build example payloads from the specs."""

from __future__ import annotations

from collections.abc import Awaitable, Iterator
from typing import Any, TypeVar

T = TypeVar("T")

MISSING: Any = object()


def run(coro: Awaitable[T]) -> T:
    """Run one coroutine on a fresh event loop (no pytest-asyncio in this project)."""
    from tests.fixtures.aio import run_coroutine

    return run_coroutine(coro)


class FakeClock:
    """A clock whose ``sleep`` advances time at once: limiter tests never really wait."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start
        self.sleeps: list[float] = []

    def monotonic(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += max(0.0, seconds)


def resolve(spec: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    """Follow ``$ref`` chains inside ``spec``."""
    while isinstance(schema, dict) and "$ref" in schema:
        node: Any = spec
        for part in schema["$ref"].lstrip("#/").split("/"):
            node = node[part]
        schema = node
    return schema


def example_of(spec: dict[str, Any], schema: dict[str, Any], depth: int = 0) -> Any:
    """An instance of ``schema`` assembled from the spec's own ``example`` values.

    Objects are built from their properties' examples; arrays get one element; an enum without
    an example gives its first value. Properties with nothing to show are left out (as a server
    leaves out optional fields).
    """
    schema = resolve(spec, schema)
    if not isinstance(schema, dict) or depth > 12:
        return MISSING
    if "example" in schema:
        return schema["example"]
    if "allOf" in schema:
        merged: dict[str, Any] = {}
        for part in schema["allOf"]:
            value = example_of(spec, part, depth + 1)
            if isinstance(value, dict):
                merged.update(value)
        return merged
    for key in ("oneOf", "anyOf"):
        if key in schema:
            return example_of(spec, schema[key][0], depth + 1)
    if "enum" in schema:
        return schema["enum"][0]
    if schema.get("type") == "object" or "properties" in schema:
        result = {}
        for name, prop in (schema.get("properties") or {}).items():
            value = example_of(spec, prop, depth + 1)
            if value is not MISSING:
                result[name] = value
        return result
    if schema.get("type") == "array":
        item = example_of(spec, schema.get("items", {}), depth + 1)
        return [] if item is MISSING else [item]
    return MISSING


def response_examples(
    spec: dict[str, Any], path: str, method: str, status: int | str
) -> Iterator[Any]:
    """Every example answer of an operation: ``example``, ``examples[*].value``, and the one
    assembled from the schema's property examples."""
    responses = spec["paths"][path][method]["responses"]
    response = responses.get(status, responses.get(str(status)))
    if response is None and isinstance(status, str) and status.isdigit():
        response = responses.get(int(status))
    assert response is not None, f"{method.upper()} {path} has no {status} answer in the spec"
    response = resolve(spec, response)
    media = response["content"]["application/json"]
    if "example" in media:
        yield media["example"]
    for example in (media.get("examples") or {}).values():
        yield resolve(spec, example)["value"]
    schema = media["schema"]
    yield example_of(spec, schema)
    resolved = resolve(spec, schema)
    for variant in resolved.get("oneOf", [])[1:]:
        yield example_of(spec, variant)

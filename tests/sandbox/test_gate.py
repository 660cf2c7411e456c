"""The gate: rate limit, injected faults, the request log, reset and the clock."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.fixtures.contract import assert_matches_spec
from tests.fixtures.sandbox import SandboxHandle, running_sandbox
from tests.sandbox.helpers import create_invoice, unique

Spec = dict[str, Any]


def count_invoices(api: httpx.Client, tag: str) -> int:
    total: int = api.get("/invoices", params={"search": tag}).json()["total"]
    return total


def test_rate_limit_per_key_with_retry_after(tmp_path: Path) -> None:
    with running_sandbox(tmp_path, rate_limit_per_minute=3) as handle, handle.api() as api:
        for _ in range(3):
            assert api.get("/invoices").status_code == 200
        limited = api.get("/invoices")
        assert limited.status_code == 429
        wait = int(limited.headers["Retry-After"])
        assert 1 <= wait <= 60
        assert limited.json()["retry_after"] == wait
        # the status endpoint needs no key and is not limited here
        assert httpx.get(handle.base_url + "/status").status_code == 200
        handle.advance(61)
        assert api.get("/invoices").status_code == 200


def test_qr_creation_has_its_own_cap(tmp_path: Path) -> None:
    with running_sandbox(tmp_path, rate_limit_per_minute=200) as handle, handle.api() as api:
        codes = [api.post("/invoices/qr", json={"amount": 1}).status_code for _ in range(61)]
        assert codes[:60] == [201] * 60
        assert codes[60] == 429
        assert api.get("/invoices").status_code == 200  # other calls go on


@pytest.mark.parametrize(
    ("kind", "status", "error"),
    [
        ("error_500", 500, None),
        ("kaspi_502", 502, "kaspi_error"),
        ("unavailable_503", 503, "invoices_disabled"),
        ("rate_limit_429", 429, None),
    ],
)
def test_error_faults_answer_without_acting(
    sandbox: SandboxHandle, api: httpx.Client, kind: str, status: int, error: str | None
) -> None:
    tag = unique(kind)
    sandbox.inject_fault(kind, method="POST", path="/invoices", retry_after=7)
    r = api.post("/invoices", json={"phone_number": "87001234567", "amount": 5, "description": tag})
    assert r.status_code == status
    if error:
        assert r.json()["error_code"] == error
    if kind == "rate_limit_429":
        assert r.headers["Retry-After"] == "7"
        assert r.json()["retry_after"] == 7
    assert count_invoices(api, tag) == 0
    # only the next matching request was hit
    assert create_invoice(api, description=tag)["status"] == "processing"


def test_fault_documented_answers_match_the_spec(
    sandbox: SandboxHandle, api: httpx.Client, spec_21: Spec
) -> None:
    sandbox.inject_fault("unavailable_503", method="POST", path="/invoices")
    r = api.post("/invoices", json={"phone_number": "87001234567", "amount": 5})
    assert_matches_spec(spec_21, "POST", "/invoices", 503, r.json())
    sandbox.inject_fault("kaspi_502", method="POST", path="/invoices/qr")
    r = api.post("/invoices/qr", json={"amount": 5})
    assert_matches_spec(spec_21, "POST", "/invoices/qr", 502, r.json())


def test_drop_before_the_server_acts(sandbox: SandboxHandle, api: httpx.Client) -> None:
    tag = unique("drop")
    sandbox.inject_fault("drop_before", method="POST", path="/invoices")
    with pytest.raises(httpx.RemoteProtocolError):
        api.post("/invoices", json={"phone_number": "87001234567", "amount": 5, "description": tag})
    assert count_invoices(api, tag) == 0


def test_drop_after_the_server_acted(sandbox: SandboxHandle, api: httpx.Client) -> None:
    tag = unique("drop")
    sandbox.inject_fault("drop_after", method="POST", path="/invoices")
    with pytest.raises(httpx.RemoteProtocolError):
        api.post(
            "/invoices",
            json={"phone_number": "87001234567", "amount": 5, "external_order_id": tag},
        )
    # the invoice exists: the client must find it by its order id, not create it again
    found = api.get("/invoices", params={"search": tag}).json()
    assert found["total"] == 1
    assert found["data"][0]["external_order_id"] == tag


def test_malformed_json_after_acting(sandbox: SandboxHandle, api: httpx.Client) -> None:
    tag = unique("bad")
    sandbox.inject_fault("malformed_json", path=r"/invoices/\d+")
    created = create_invoice(api, description=tag)
    r = api.get(f"/invoices/{created['id']}")
    assert r.status_code == 200
    with pytest.raises(json.JSONDecodeError):
        r.json()
    assert api.get(f"/invoices/{created['id']}").json()["id"] == created["id"]


def test_delay_then_normal_answer(sandbox: SandboxHandle, api: httpx.Client) -> None:
    sandbox.inject_fault("delay", method="GET", path="/invoices", delay_seconds=2)
    with pytest.raises(httpx.ReadTimeout):
        api.get("/invoices", timeout=0.3)
    assert api.get("/invoices").status_code == 200
    log = sandbox.requests(method="GET", path="/invoices")
    assert [entry["fault"] for entry in log] == ["delay", None]


def test_delay_after_acts_at_once_and_answers_late(
    sandbox: SandboxHandle, api: httpx.Client
) -> None:
    tag = unique("late")
    sandbox.inject_fault("delay_after", method="POST", path="/invoices", delay_seconds=2)
    with pytest.raises(httpx.ReadTimeout):
        api.post(
            "/invoices",
            json={"amount": 700, "phone_number": "87001234567", "external_order_id": tag},
            timeout=0.5,
        )
    found = api.get("/invoices", params={"search": tag}).json()["data"]
    assert [i["external_order_id"] for i in found] == [tag]  # created although the answer was late


def test_fault_count_and_clearing(sandbox: SandboxHandle, api: httpx.Client) -> None:
    sandbox.inject_fault("error_500", method="GET", path="/invoices", count=2)
    assert [api.get("/invoices").status_code for _ in range(3)] == [500, 500, 200]
    sandbox.inject_fault("error_500", path="/invoices", count=5)
    assert len(sandbox.control.get("/faults").json()) == 1
    sandbox.control.delete("/faults").raise_for_status()
    assert api.get("/invoices").status_code == 200
    bad = sandbox.control.post("/faults", json={"kind": "meteor"})
    assert bad.status_code == 422


def test_request_log_counts_what_arrived(sandbox: SandboxHandle, api: httpx.Client) -> None:
    created = create_invoice(api)
    api.get(f"/invoices/{created['id']}", params={"x": "1"})
    httpx.get(sandbox.base_url + "/invoices", headers={"X-API-Key": "nope"})
    posts = sandbox.requests(method="POST", path="/invoices")
    assert len(posts) == 1 and posts[0]["status"] == 201
    gets = sandbox.requests(path=r"/invoices/\d+")
    assert gets[0]["query"] == "x=1" and gets[0]["method"] == "GET"
    assert sandbox.requests(path="/api/v1/invoices", method="GET")[-1]["status"] == 401


def test_reset_and_clock(sandbox: SandboxHandle, api: httpx.Client) -> None:
    created = create_invoice(api)
    before = sandbox.control.get("/clock").json()["now"]
    after = sandbox.advance(3600)["now"]
    assert after > before
    sandbox.control.post("/reset").raise_for_status()
    assert api.get(f"/invoices/{created['id']}").status_code == 404
    assert sandbox.control.get("/clock").json()["now"] < after
    assert sandbox.requests() == [
        {
            "method": "GET",
            "path": f"/api/v1/invoices/{created['id']}",
            "query": "",
            "status": 404,
            "time": sandbox.requests()[0]["time"],
            "fault": None,
        }
    ]

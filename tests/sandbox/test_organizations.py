"""Organisation verification by IIN/BIN (seed 002): confirm, reject, time-out, auto mode.

The operations are not in the 2.1 spec, so the answers are checked against the seed's shapes:
``{"organization": {"id", "status"}, "message"}`` and
``{"organization": {"id", "idn", "status", "time_remaining"}}``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from pos_app.sandbox.organizations import iin_bin_check_digit
from tests.fixtures.sandbox import SandboxHandle, running_sandbox

VALID_IIN = "900501300120"
VALID_BIN = "123456789013"


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[SandboxHandle]:
    """No demo data needed here."""
    with running_sandbox(tmp_path / "sandbox", seed_demo_data=False) as handle:
        yield handle


def start(api: httpx.Client, idn: str = VALID_IIN) -> dict[str, object]:
    r = api.post("/organizations/verify", json={"idn": idn})
    assert r.status_code == 200, r.text
    body: dict[str, object] = r.json()
    return body


def status(api: httpx.Client, org_id: object) -> httpx.Response:
    return api.get(f"/organizations/{org_id}/status")


@pytest.mark.parametrize(
    ("first11", "digit"),
    [("90050130012", 0), ("12345678901", 3), ("88121545123", 2)],
)
def test_check_digit_examples(first11: str, digit: int) -> None:
    assert iin_bin_check_digit(first11) == digit


def test_check_digit_needs_second_pass_sometimes() -> None:
    # 11 digits whose first weighted sum is 10 mod 11: the second weights decide
    first11 = "00000000010"  # 1 × weight 10 = 10 → second pass: 1 × weight 1 = 1
    assert iin_bin_check_digit(first11) == 1


def test_confirm_on_the_owner_page_verifies(sandbox: SandboxHandle, api: httpx.Client) -> None:
    started = start(api)
    org = started["organization"]
    assert isinstance(org, dict)
    assert org["status"] == "pending"
    assert set(started) >= {"organization", "message"}
    polled = status(api, org["id"]).json()["organization"]
    assert set(polled) == {"id", "idn", "status", "time_remaining"}
    assert (polled["id"], polled["idn"], polled["status"]) == (org["id"], VALID_IIN, "pending")
    assert 100 < polled["time_remaining"] <= 120  # real seconds pass between the calls

    url = started["sandbox_confirm_url"]
    assert isinstance(url, str)
    page = httpx.get(url)
    assert page.status_code == 200
    assert VALID_IIN in page.text
    action = re.search(r'action="([^"]+/confirm)"', page.text)
    assert action is not None, "the page offers a Confirm button"
    reject = re.search(r'action="([^"]+/reject)"', page.text)
    assert reject is not None, "and a Reject button"
    done = httpx.post(sandbox.root_url + action.group(1))
    assert done.status_code == 200
    assert "подтверждена" in done.text

    final = status(api, org["id"]).json()["organization"]
    assert final["status"] == "verified"
    assert final["time_remaining"] == 0
    # verified stays verified, even long after the 120 s window
    sandbox.engine.clock.advance(600)
    assert status(api, org["id"]).json()["organization"]["status"] == "verified"


def test_reject_through_the_control_api_fails(sandbox: SandboxHandle, api: httpx.Client) -> None:
    org = start(api, VALID_BIN)["organization"]
    assert isinstance(org, dict)
    r = sandbox.control.post(f"/organizations/{org['id']}/reject")
    assert r.status_code == 200
    assert status(api, org["id"]).json()["organization"]["status"] == "failed"
    # a late confirmation changes nothing
    sandbox.control.post(f"/organizations/{org['id']}/confirm")
    assert status(api, org["id"]).json()["organization"]["status"] == "failed"


def test_confirm_through_the_control_api(sandbox: SandboxHandle, api: httpx.Client) -> None:
    org = start(api)["organization"]
    assert isinstance(org, dict)
    sandbox.control.post(f"/organizations/{org['id']}/confirm").raise_for_status()
    assert status(api, org["id"]).json()["organization"]["status"] == "verified"


def test_no_answer_within_120_seconds_is_410(sandbox: SandboxHandle, api: httpx.Client) -> None:
    org = start(api)["organization"]
    assert isinstance(org, dict)
    sandbox.engine.clock.advance(100)
    assert 0 < status(api, org["id"]).json()["organization"]["time_remaining"] <= 20
    sandbox.engine.clock.advance(21)
    r = status(api, org["id"])
    assert r.status_code == 410
    assert r.json()["organization"]["status"] == "failed"
    # the owner's page no longer offers the buttons, and confirming is too late
    shown = sandbox.control.get(f"/organizations/{org['id']}").json()
    page = httpx.get(shown["confirm_url"])
    assert "/confirm" not in page.text
    sandbox.control.post(f"/organizations/{org['id']}/confirm")
    assert status(api, org["id"]).status_code == 410


@pytest.mark.parametrize(
    ("idn", "why"),
    [
        ("900501300121", "check digit"),
        ("90050130012", "12 digits"),
        ("9005013001ab", "digits only"),
        ("", "required"),
    ],
)
def test_invalid_idn_is_422(api: httpx.Client, idn: str, why: str) -> None:
    r = api.post("/organizations/verify", json={"idn": idn})
    assert r.status_code == 422
    assert why in r.json()["errors"]["idn"][0]


def test_missing_idn_and_unknown_organisation(api: httpx.Client) -> None:
    assert api.post("/organizations/verify", json={}).status_code == 422
    assert status(api, 999).status_code == 404


def test_needs_the_api_key(sandbox: SandboxHandle) -> None:
    r = httpx.post(sandbox.base_url + "/organizations/verify", json={"idn": VALID_IIN})
    assert r.status_code == 401


def test_auto_mode_verifies_after_the_configured_delay(tmp_path: Path) -> None:
    auto_verify = {"seed_demo_data": False, "organization_auto_verify_seconds": 5}
    with running_sandbox(tmp_path, **auto_verify) as handle, handle.api() as api:
        org = start(api)["organization"]
        assert isinstance(org, dict)
        assert status(api, org["id"]).json()["organization"]["status"] == "pending"
        handle.engine.clock.advance(6)
        assert status(api, org["id"]).json()["organization"]["status"] == "verified"

"""The manifest offers the app for .famplan files (desktop) and in Android's
share sheet, and the worker knows where shared files arrive."""

from __future__ import annotations

from typing import Iterator

import httpx
import pytest

from server.web_manifest import SHARE_TARGET_FIELD, SHARE_TARGET_PATH
from tests.live_server import LiveServer


@pytest.fixture(scope="module")
def client(live_server: LiveServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=live_server.url) as client:
        yield client


def test_manifest_file_handlers_and_share_target(client: httpx.Client) -> None:
    manifest = client.get("/so/manifest.webmanifest").json()
    assert manifest["file_handlers"] == [{"action": "/so/open/", "accept": {"application/x-famplan": [".famplan"]}}]
    target = manifest["share_target"]
    assert target["action"] == f"{SHARE_TARGET_PATH}?lang=so"
    assert (target["method"], target["enctype"]) == ("POST", "multipart/form-data")
    assert target["params"]["files"][0]["name"] == SHARE_TARGET_FIELD
    assert ".famplan" in target["params"]["files"][0]["accept"]


def test_the_worker_handles_the_share_target_and_the_server_refuses_it(client: httpx.Client, live_server: LiveServer) -> None:
    worker = client.get("/sw.js").text
    assert f'"shareTarget":{{"path":"{SHARE_TARGET_PATH}","field":"{SHARE_TARGET_FIELD}"}}' in worker
    # The file never goes to the server: were the worker bypassed, the POST would be refused.
    assert client.post(SHARE_TARGET_PATH, files={SHARE_TARGET_FIELD: ("plan.famplan", b"x")}).status_code == 405

"""Shared fixtures: the browser (Debian's Chromium), device emulation and live servers."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any, Iterator

import pytest
from playwright.sync_api import expect

from server.config import Config
from tests.live_server import LiveServer

ROOT = Path(__file__).resolve().parent.parent
# Shared CI machines stall now and then; a state the page reaches in 6 s is as
# right as one it reaches in 1 s. (Speed is measured in bench/, not here.)
expect.set_options(timeout=10_000)
CHROMIUM_CANDIDATES = ("/usr/lib/chromium/chromium", "/usr/bin/chromium")
# Without these Chromium floods a closed network with refused connections.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-domain-reliability",
]
DEFAULT_DEVICE = "Pixel 7"


def chromium_path() -> str | None:
    if os.environ.get("CHROMIUM_PATH"):
        return os.environ["CHROMIUM_PATH"]
    return next((path for path in CHROMIUM_CANDIDATES if Path(path).exists()), None)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    args = dict(browser_type_launch_args)
    executable = chromium_path()
    if executable:
        args["executable_path"] = executable
    args["args"] = [*args.get("args", []), *CHROMIUM_ARGS]
    return args


@pytest.fixture(scope="session")
def device_descriptor(playwright: Any) -> dict[str, Any]:
    return dict(playwright.devices[DEFAULT_DEVICE])


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any], device_descriptor: dict[str, Any]) -> dict[str, Any]:
    merged = {**device_descriptor, **browser_context_args}
    merged.pop("default_browser_type", None)
    return merged


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """One server for the whole session; tests must not stop it."""
    server = LiveServer(Config(), tmp_path_factory.mktemp("site"))
    server.start()
    yield server
    server.stop()


@pytest.fixture
def own_server(tmp_path: Path) -> Iterator[LiveServer]:
    """A server of this test's own, on a copy of the frontend it may change, stop and restart."""
    frontend = tmp_path / "frontend"
    shutil.copytree(ROOT / "frontend", frontend)
    worker = tmp_path / "sw.js"
    shutil.copy(ROOT / "service_worker" / "sw.js", worker)
    server = LiveServer(Config(frontend_dir=frontend, service_worker_file=worker), tmp_path / "site")
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def base_url(live_server: LiveServer) -> str:
    return live_server.url

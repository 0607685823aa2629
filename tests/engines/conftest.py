"""Fixtures for the flows that run on every engine: `engine` (each test runs once
per engine) and `launch`, which opens a browser of an engine on a named profile
that outlives the browser, so a test can quit, kill and relaunch it."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Iterator

import pytest

from server.config import Config
from tests.engines.display import VirtualDisplay
from tests.engines.driver import EngineBrowser
from tests.engines.other_hosts import OtherHostsProxy
from tests.live_server import LiveServer

ENGINES = ("chromium", "webkit", "firefox")

Launch = Callable[..., EngineBrowser]


@pytest.fixture(params=ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture(scope="session")
def _stoppable_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    server = LiveServer(Config(), tmp_path_factory.mktemp("stoppable-site"))
    server.start()
    yield server
    server.stop()


@pytest.fixture
def stoppable_server(_stoppable_server: LiveServer) -> LiveServer:
    """A server the test may stop; the next test finds it serving the same build again
    (building the site anew for each engine would cost more than the test)."""
    if not _stoppable_server.running:
        _stoppable_server.start(rebuild=False)
    return _stoppable_server


@pytest.fixture(scope="session")
def virtual_display() -> Iterator[VirtualDisplay]:
    display = VirtualDisplay()
    yield display
    display.stop()


@pytest.fixture
def launch(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Launch]:
    """launch(engine, profile="phone"): the same profile name reopens the same data."""
    opened: list[EngineBrowser] = []
    proxies: list[OtherHostsProxy] = []

    def open_browser(engine: str, profile: str = "phone") -> EngineBrowser:
        proxy = OtherHostsProxy()
        proxies.append(proxy)
        folder = tmp_path / f"{engine}-{profile}"
        downloads = tmp_path / f"{engine}-{profile}-downloads"
        try:
            browser = _start(request, engine, folder / "profile", downloads, proxy)
        except Exception as error:
            # Never a skip: a machine that cannot run an engine fails, and says why.
            pytest.fail(f"{engine} cannot start on this machine: {error}", pytrace=False)
        opened.append(browser)
        return browser

    yield open_browser
    for browser in opened:
        if browser.running:
            try:
                browser.kill()
            except Exception:
                pass
    for proxy in proxies:
        proxy.close()


def _start(request: pytest.FixtureRequest, engine: str, profile: Path, downloads: Path, proxy: OtherHostsProxy) -> EngineBrowser:
    if engine == "chromium":
        from tests.engines.chromium import ChromiumBrowser

        launch_args: dict[str, Any] = request.getfixturevalue("browser_type_launch_args")
        return ChromiumBrowser(profile, downloads, proxy, request.getfixturevalue("playwright"), launch_args)
    if engine == "webkit":
        from tests.engines.webkit import WebKitBrowser

        return WebKitBrowser(profile, downloads, proxy, request.getfixturevalue("virtual_display").name)
    if engine == "firefox":
        from tests.engines.firefox import FirefoxBrowser

        return FirefoxBrowser(profile, downloads, proxy)
    raise ValueError(engine)

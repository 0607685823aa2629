"""axe-core finds no violation on any page, in any language, on a phone and on a desktop."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from server.languages import CODES
from tests.live_server import LiveServer

AXE = Axe()


def _assert_no_violations(page: Page, url: str) -> None:
    results = AXE.run(page)
    summary = [(v["id"], [node["target"] for node in v["nodes"]][:3]) for v in results.response["violations"]]
    assert results.violations_count == 0, f"{url}: {summary}"


@pytest.mark.parametrize("code", CODES)
def test_every_page_on_a_phone(page: Page, live_server: LiveServer, code: str) -> None:
    for url in live_server.site.pages[code]:
        if url.endswith("/"):
            page.goto(f"{live_server.url}{url}")
            _assert_no_violations(page, url)
    page.goto(f"{live_server.url}/{code}/no-such-page/")
    _assert_no_violations(page, "404")


def test_open_language_menu_and_banners(page: Page, live_server: LiveServer) -> None:
    page.goto(f"{live_server.url}/ar/")
    page.locator("#language summary").click()
    page.evaluate("document.querySelectorAll('.banner').forEach((b) => { b.hidden = false; })")
    _assert_no_violations(page, "/ar/ with menu and banners open")


def test_neutral_page(page: Page, live_server: LiveServer) -> None:
    page.goto(f"{live_server.url}/clock/")
    _assert_no_violations(page, "/clock/")


def test_desktop_pass(browser, live_server: LiveServer) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    for url in live_server.site.pages["en"] + live_server.site.pages["ar"]:
        if url.endswith("/"):
            page.goto(f"{live_server.url}{url}")
            _assert_no_violations(page, f"desktop {url}")
    context.close()

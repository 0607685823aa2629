"""The app shell as a person uses it: navigation, language, quick exit; nothing leaves the phone."""

from __future__ import annotations

from playwright.sync_api import BrowserContext, Page, expect

from server.languages import LANGUAGES
from tests.browser.helpers import Watcher, wait_for_worker
from tests.live_server import LiveServer


def _walk_the_app(page: Page, url: str, code: str) -> None:
    page.goto(f"{url}/{code}/")
    wait_for_worker(page)
    for index in range(3):
        page.locator(".actions a").nth(index).click()
        expect(page.locator("h1")).to_be_visible()
        page.go_back()
    page.locator(".site-footer a").nth(1).click()
    expect(page).to_have_url(f"{url}/{code}/settings/")


def test_no_request_leaves_the_app_and_the_policy_is_never_violated(context: BrowserContext, live_server: LiveServer) -> None:
    watcher = Watcher().attach(context)
    page = context.new_page()
    for language in LANGUAGES:
        _walk_the_app(page, live_server.url, language.code)
    page.goto(f"{live_server.url}/en/")
    page.locator("[data-quick-exit]").click()
    expect(page).to_have_url(f"{live_server.url}/clock/")
    assert watcher.requests, "the watcher saw no requests at all"
    assert watcher.foreign_hosts(live_server.url) == set()
    assert watcher.violations == []
    assert watcher.console_errors == []


def test_language_picker_names_each_language_in_itself_and_keeps_the_page(context: BrowserContext, live_server: LiveServer) -> None:
    page = context.new_page()
    page.goto(f"{live_server.url}/en/settings/")
    page.locator("#language summary").click()
    for language in LANGUAGES:
        link = page.locator(f'#language a[data-language="{language.code}"]')
        expect(link).to_have_text(language.name)
        expect(link).to_have_attribute("lang", language.code)
    page.locator('#language a[data-language="ar"]').click()
    expect(page).to_have_url(f"{live_server.url}/ar/settings/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")


def test_quick_exit_replaces_the_page_and_its_history_entry(context: BrowserContext, live_server: LiveServer) -> None:
    page = context.new_page()
    page.goto(f"{live_server.url}/en/")
    page.goto(f"{live_server.url}/en/plan/")
    length = page.evaluate("history.length")
    page.locator("[data-quick-exit]").click()
    expect(page).to_have_url(f"{live_server.url}/clock/")
    expect(page).to_have_title("Clock")
    assert page.evaluate("history.length") == length
    assert "famplan" not in page.content().lower() and "plan" not in page.title().lower()
    page.go_back()
    expect(page).to_have_url(f"{live_server.url}/en/")


def test_quick_exit_is_on_every_page(context: BrowserContext, live_server: LiveServer) -> None:
    page = context.new_page()
    for urls in live_server.site.pages.values():
        for url in urls:
            if url.endswith("/"):
                page.goto(f"{live_server.url}{url}")
                expect(page.locator("[data-quick-exit]")).to_be_visible()


def test_no_horizontal_scroll_at_320_px(browser, live_server: LiveServer) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 320, "height": 640}, is_mobile=True, has_touch=True, device_scale_factor=2)
    page = context.new_page()
    for urls in live_server.site.pages.values():
        for url in urls:
            if url.endswith("/"):
                page.goto(f"{live_server.url}{url}")
                page.locator("#language summary").click()
                overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
                assert overflow <= 0, f"{url} scrolls sideways by {overflow}px"
    context.close()

"""The app shell as a person uses it: navigation, language, quick exit; nothing leaves the phone."""

from __future__ import annotations

from playwright.sync_api import BrowserContext, Page, expect

from server.languages import LANGUAGES
from tests.browser.helpers import Watcher, wait_for_worker
from tests.browser.vault_helpers import PASSPHRASE
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


def test_quick_exit_replaces_the_page_with_a_neutral_clock(context: BrowserContext, live_server: LiveServer) -> None:
    page = context.new_page()
    page.goto(f"{live_server.url}/en/plan/")
    page.locator("[data-quick-exit]").click()
    expect(page).to_have_url(f"{live_server.url}/clock/")
    expect(page).to_have_title("Clock")
    assert "famplan" not in page.content().lower() and "plan" not in page.title().lower()


def walk_the_app_then_quick_exit(page: Page, live_server: LiveServer) -> str:
    """Another site first, then the app: home, the plan with a few editor steps
    (each its own history entry), a resource page; then Quick exit. Returns the other site's URL."""
    before = live_server.url.replace("127.0.0.1", "localhost") + "/en/"  # another origin
    page.goto(before)
    page.goto(f"{live_server.url}/en/")
    page.locator(f'a[href="/en/plan/"]').first.click()
    page.locator("#setup-passphrase").fill(PASSPHRASE)
    page.locator("#vault-setup button[type=submit]").click()
    expect(page.locator("#plan-editor > *").first).to_be_visible()
    for step in ("#step=contacts", "#step=notes", "#overview"):
        page.evaluate("(hash) => { location.hash = hash; }", step)
    page.locator(".site-footer a").first.click()
    expect(page).to_have_url(f"{live_server.url}/en/resources/")
    assert page.evaluate("navigation.entries().length") >= 6
    page.locator("[data-quick-exit]").click()
    expect(page).to_have_url(f"{live_server.url}/clock/")
    page.wait_for_function("!navigation.canGoForward")
    return before


def back_until_another_site(page: Page, live_server: LiveServer) -> list[str]:
    """Presses Back until the page is not the app's; returns the app's URLs seen on the way."""
    seen = []
    while page.url.startswith(live_server.url) and len(seen) < 10:
        seen.append(page.url.removeprefix(live_server.url))
        page.go_back(wait_until="commit")
    return seen


def test_quick_exit_takes_the_app_out_of_back_history(context: BrowserContext, live_server: LiveServer) -> None:
    page = context.new_page()
    before = walk_the_app_then_quick_exit(page, live_server)
    # Back and Forward know only the clock; Back from it leaves for the site visited before the app.
    assert all(path == "/clock/" for path in back_until_another_site(page, live_server))
    expect(page).to_have_url(before)


def test_quick_exit_from_editor_steps_of_one_page_takes_them_all_out(context: BrowserContext, live_server: LiveServer) -> None:
    """The app's entries are all of one document (the plan page and its steps): no page load in between."""
    page = context.new_page()
    before = live_server.url.replace("127.0.0.1", "localhost") + "/en/"
    page.goto(before)
    page.goto(f"{live_server.url}/en/plan/")
    page.locator("#setup-passphrase").fill(PASSPHRASE)
    page.locator("#vault-setup button[type=submit]").click()
    expect(page.locator("#plan-editor > *").first).to_be_visible()
    for step in ("#step=contacts", "#step=notes"):
        page.evaluate("(hash) => { location.hash = hash; }", step)
    page.locator("[data-quick-exit]").click()
    expect(page).to_have_url(f"{live_server.url}/clock/")
    assert all(path == "/clock/" for path in back_until_another_site(page, live_server))
    expect(page).to_have_url(before)


def test_quick_exit_takes_the_app_out_of_back_history_with_the_back_forward_cache(
    bfcache_context: BrowserContext, live_server: LiveServer
) -> None:
    page = bfcache_context.new_page()
    before = walk_the_app_then_quick_exit(page, live_server)
    assert all(path == "/clock/" for path in back_until_another_site(page, live_server))
    expect(page).to_have_url(before)
    # Forward from there shows the clock, never the app.
    page.go_forward(wait_until="commit")
    expect(page).to_have_url(f"{live_server.url}/clock/")


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

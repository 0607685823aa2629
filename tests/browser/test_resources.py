"""Resources as a family uses them: without JavaScript, dialling, copying, larger text."""

from __future__ import annotations

from playwright.sync_api import Browser, BrowserContext, expect

from tests.browser.helpers import translate
from tests.live_server import LiveServer


def test_resources_read_without_javascript(browser: Browser, live_server: LiveServer) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/so/resources/")
    page.locator(".resource-list a").nth(3).click()
    expect(page.locator("h1")).to_be_visible()
    expect(page.locator('a[href^="tel:"]').first).to_be_visible()
    # Nothing that needs JavaScript is offered.
    expect(page.locator("button[data-copy]").first).to_be_hidden()
    context.close()


def test_copy_button_copies_the_number(context: BrowserContext, live_server: LiveServer) -> None:
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page = context.new_page()
    page.goto(f"{live_server.url}/es/resources/hotlines/")
    button = page.locator("button[data-copy]").first
    number = button.get_attribute("data-copy")
    button.click()
    expect(button).to_have_text(translate("es", "Copied"))
    assert page.evaluate("navigator.clipboard.readText()") == number


def test_phone_links_dial(context: BrowserContext, live_server: LiveServer) -> None:
    page = context.new_page()
    page.goto(f"{live_server.url}/ar/resources/hotlines/")
    link = page.locator('a[href^="tel:"]').first
    # Numbers stay left to right inside right-to-left text.
    expect(link).to_have_attribute("dir", "ltr")
    assert link.get_attribute("href").startswith("tel:+1")


def test_larger_text_is_kept_on_this_phone(context: BrowserContext, live_server: LiveServer) -> None:
    page = context.new_page()
    page.goto(f"{live_server.url}/en/resources/know-your-rights/")
    size = lambda: page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")  # noqa: E731
    before = size()
    toggle = page.locator("#text-size-toggle")
    expect(toggle).to_have_attribute("aria-pressed", "false")
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "true")
    assert size() >= before * 1.2
    page.goto(f"{live_server.url}/hmn/resources/")
    expect(page.locator("#text-size-toggle")).to_have_attribute("aria-pressed", "true")
    assert size() >= before * 1.2
    page.locator("#text-size-toggle").click()
    page.reload()
    assert size() == before

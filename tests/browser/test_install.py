"""Installability, and the install help each kind of phone gets."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.sync_api import BrowserContext, BrowserType, Playwright, expect

from tests.browser.helpers import wait_for_worker
from tests.live_server import LiveServer


def test_the_app_is_installable(browser_type: BrowserType, browser_type_launch_args: dict[str, Any], live_server: LiveServer, tmp_path: Path) -> None:
    # Chromium reports "in-incognito" in ordinary test contexts; a real profile is needed.
    context = browser_type.launch_persistent_context(str(tmp_path / "profile"), **browser_type_launch_args)
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}/es/")
        wait_for_worker(page)
        cdp = context.new_cdp_session(page)
        assert cdp.send("Page.getInstallabilityErrors")["installabilityErrors"] == []
        manifest = cdp.send("Page.getAppManifest")
        assert manifest["errors"] == []
        assert manifest["url"].endswith("/es/manifest.webmanifest")
    finally:
        context.close()


def test_iphone_gets_add_to_home_screen_steps(browser, playwright: Playwright, live_server: LiveServer) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(**playwright.devices["iPhone 13"])
    page = context.new_page()
    page.goto(f"{live_server.url}/en/")
    expect(page.locator("#install-ios")).to_be_visible()
    expect(page.locator("#install-ios")).to_contain_text("Add to Home Screen")
    expect(page.locator("#install-android")).to_be_hidden()
    context.close()


def test_android_offers_the_browser_install_prompt(context: BrowserContext, live_server: LiveServer) -> None:
    page = context.new_page()
    page.goto(f"{live_server.url}/en/")
    expect(page.locator("#install-other")).to_be_visible()
    # The browser fires this when the app can be installed; the app keeps it for its own button.
    page.evaluate("""() => {
      const event = new Event("beforeinstallprompt", { cancelable: true });
      event.prompt = () => { window.__prompted = true; };
      event.userChoice = Promise.resolve({ outcome: "accepted" });
      window.dispatchEvent(event);
    }""")
    expect(page.locator("#install-android")).to_be_visible()
    page.locator("#install-button").click()
    expect(page.locator("#install-done")).to_be_visible()
    assert page.evaluate("window.__prompted === true")

"""A new version waits for the person: the prompt appears and applies only on Reload."""

from __future__ import annotations

from playwright.sync_api import BrowserContext, expect

from tests.browser.helpers import wait_for_worker
from tests.live_server import LiveServer


def _publish_new_version(server: LiveServer) -> None:
    stylesheet = server.config.frontend_dir / "static" / "css" / "app.css"
    stylesheet.write_text(stylesheet.read_text() + "\n/* new version */\n")
    server.restart()


def test_update_is_offered_and_applied_on_accept(context: BrowserContext, own_server: LiveServer) -> None:
    page = context.new_page()
    page.goto(f"{own_server.url}/en/")
    wait_for_worker(page)
    old_css = own_server.asset("css/app.css")
    old_version = own_server.site.version

    _publish_new_version(own_server)
    new_css = own_server.asset("css/app.css")
    assert new_css != old_css and own_server.site.version != old_version

    page.reload()
    banner = page.locator("#update-banner")
    expect(banner).to_be_visible(timeout=15_000)
    expect(banner).to_contain_text("A new version is ready.")
    # Until the person accepts, the old version keeps running.
    assert page.locator('link[rel="stylesheet"]').get_attribute("href") == old_css

    with page.expect_navigation():
        page.locator("#update-reload").click()
    expect(page.locator('link[rel="stylesheet"]')).to_have_attribute("href", new_css)
    expect(page.locator("#update-banner")).to_be_hidden()
    caches = page.evaluate("caches.keys()")
    assert f"famplan-{own_server.site.version}" in caches
    assert f"famplan-{old_version}" not in caches


def test_another_tab_is_never_reloaded_under_someone_typing(context: BrowserContext, own_server: LiveServer) -> None:
    accepting = context.new_page()
    accepting.goto(f"{own_server.url}/en/")
    wait_for_worker(accepting)
    typing = context.new_page()
    typing.goto(f"{own_server.url}/en/resources/")
    wait_for_worker(typing)

    _publish_new_version(own_server)
    accepting.reload()
    expect(accepting.locator("#update-banner")).to_be_visible(timeout=15_000)

    # Someone is writing in the other tab: a marker on the window shows whether it reloads.
    typing.evaluate("""() => {
      window.__notReloaded = true;
      const field = document.createElement("textarea");
      field.id = "draft";
      field.setAttribute("aria-label", "draft");
      document.querySelector("main").append(field);
    }""")
    typing.locator("#draft").fill("half a sentence")

    with accepting.expect_navigation():
        accepting.locator("#update-reload").click()
    accepting.wait_for_timeout(500)
    assert typing.evaluate("window.__notReloaded === true")
    assert typing.locator("#draft").input_value() == "half a sentence"

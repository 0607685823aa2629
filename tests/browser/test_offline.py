"""The app opens and moves between all its pages with the server stopped."""

from __future__ import annotations

from playwright.sync_api import BrowserContext, expect

from server.fileformat import encrypt_plan
from server.languages import LANGUAGES
from tests.browser.helpers import Watcher, translate, wait_for_worker
from tests.browser.share_helpers import FILE_PASSPHRASE, FULL_FAMILY, open_file, unlock_on_open_page
from tests.browser.vault_helpers import create_vault, notes, type_notes, ui_string, unlock
from tests.live_server import LiveServer


def test_worker_activates_and_controls_the_page(context: BrowserContext, live_server: LiveServer) -> None:
    page = context.new_page()
    page.goto(f"{live_server.url}/en/")
    assert wait_for_worker(page) == "activated"
    version = page.evaluate("caches.keys()")
    assert f"famplan-{live_server.site.version}" in version


def test_every_page_of_every_language_opens_with_the_server_stopped(context: BrowserContext, own_server: LiveServer) -> None:
    watcher = Watcher().attach(context)
    page = context.new_page()
    page.goto(f"{own_server.url}/en/")
    wait_for_worker(page)
    # A person picks each language once while online: the worker keeps it for offline use.
    for language in LANGUAGES:
        page.locator("#language summary").click()
        page.locator(f'#language a[data-language="{language.code}"]').click()
        expect(page.locator("html")).to_have_attribute("lang", language.code)
    page.goto(f"{own_server.url}/en/")
    page.evaluate("""async () => {
      // The worker caches a language in the background after its first page; wait until all are in.
      const expected = %s;
      for (let i = 0; i < 200; i++) {
        const cache = await caches.open((await caches.keys()).find((name) => name.startsWith("famplan-") && name !== "famplan-prefs"));
        const keys = (await cache.keys()).map((request) => new URL(request.url).pathname);
        if (expected.every((path) => keys.includes(path))) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error("languages were not cached");
    }""" % [path for paths in own_server.site.pages.values() for path in paths])

    own_server.stop()

    for language in LANGUAGES:
        for url in [path for path in own_server.site.pages[language.code] if path.endswith("/")]:
            response = page.goto(f"{own_server.url}{url}")
            assert response is not None and response.status == 200 and response.from_service_worker
            expect(page.locator("html")).to_have_attribute("lang", language.code)
            expect(page.locator("html")).to_have_attribute("dir", language.direction)
            expect(page.locator("h1")).to_be_visible()
        # Moving by tapping links works too, not just typed addresses.
        page.goto(f"{own_server.url}/{language.code}/")
        page.locator(".actions a").nth(2).click()
        expect(page).to_have_url(f"{own_server.url}/{language.code}/resources/")
    assert watcher.violations == []


def test_a_family_makes_its_plan_and_opens_a_shared_file_with_the_server_stopped(context: BrowserContext, own_server: LiveServer) -> None:
    """One visit with a connection, then no network at all: every module the plan
    and open pages load later (the editor, the file reader) comes from the worker."""
    watcher = Watcher().attach(context)
    page = context.new_page()
    page.goto(f"{own_server.url}/es/")
    wait_for_worker(page)
    shared_file = encrypt_plan({"schemaVersion": 2, "plan": FULL_FAMILY}, FILE_PASSPHRASE)

    own_server.stop()

    create_vault(page, own_server.url, lang="es")
    type_notes(page, "La abuela Inés tiene las llaves")
    page.reload()
    unlock(page)
    expect(notes(page)).to_have_value("La abuela Inés tiene las llaves")
    unlock_on_open_page(page, own_server, lang="es")
    open_file(page, shared_file)
    expect(page.locator("#import-summary")).to_contain_text(ui_string(page, "importKindFull"))
    expect(page.locator("#import-summary")).to_contain_text("Sofía Morales Núñez")
    assert watcher.violations == []


def test_an_address_never_opened_gets_the_offline_page(context: BrowserContext, own_server: LiveServer) -> None:
    page = context.new_page()
    page.goto(f"{own_server.url}/es/")
    wait_for_worker(page)
    own_server.stop()
    response = page.goto(f"{own_server.url}/es/no-such-page/")
    assert response is not None and response.from_service_worker
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expected = translate("es", "This page is not saved on this phone yet")
    assert expected != "This page is not saved on this phone yet"
    expect(page.locator("h1")).to_have_text(expected)


def test_root_opens_the_language_last_used_when_offline(context: BrowserContext, own_server: LiveServer) -> None:
    page = context.new_page()
    page.goto(f"{own_server.url}/ar/", wait_until="load")
    wait_for_worker(page)
    page.goto(f"{own_server.url}/ar/resources/")
    own_server.stop()
    page.goto(f"{own_server.url}/")
    expect(page).to_have_url(f"{own_server.url}/ar/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")


def test_offline_banner_reassures(context: BrowserContext, live_server: LiveServer) -> None:
    page = context.new_page()
    page.goto(f"{live_server.url}/en/")
    wait_for_worker(page)
    banner = page.locator("#offline-banner")
    expect(banner).to_be_hidden()
    context.set_offline(True)
    expect(banner).to_be_visible()
    expect(banner).to_have_text("No connection — everything here still works.")
    page.reload()
    expect(banner).to_be_visible()
    context.set_offline(False)
    expect(banner).to_be_hidden()

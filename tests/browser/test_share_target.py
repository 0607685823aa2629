"""Android's share sheet: the service worker takes the POSTed file itself (the
server is stopped here, and would refuse a POST anyway), hands it to the open
page through Cache Storage, and the hand-off is deleted as soon as it is read."""

from __future__ import annotations

import base64
from typing import Any

from playwright.sync_api import Browser, Page, expect

from server.fileformat import MAX_FILE_BYTES, encrypt_plan
from tests.browser.helpers import wait_for_worker
from tests.browser.share_helpers import FILE_PASSPHRASE, FULL_FAMILY
from tests.browser.vault_helpers import ui_string
from tests.live_server import LiveServer

# What Android does for a manifest share_target: a multipart POST navigation.
SHARE = """([action, bytes, name]) => {
  const form = document.createElement("form");
  form.method = "post";
  form.enctype = "multipart/form-data";
  form.action = action;
  const input = document.createElement("input");
  input.type = "file";
  input.name = "file";
  const transfer = new DataTransfer();
  transfer.items.add(new File([Uint8Array.from(atob(bytes), (c) => c.charCodeAt(0))], name));
  input.files = transfer.files;
  form.append(input);
  document.body.append(form);
  form.submit();
}"""

HANDOFF_ENTRIES = "async () => (await (await caches.open('famplan-handoff')).keys()).length"


def share_to_app(page: Page, server: LiveServer, data: bytes) -> None:
    page.goto(f"{server.url}/es/")
    page.evaluate(SHARE, ["/share-target/?lang=es", base64.b64encode(data).decode(), "plan.famplan"])
    expect(page).to_have_url(f"{server.url}/es/open/")


def test_a_shared_file_reaches_the_open_page_through_the_worker_only(
    browser: Browser, browser_context_args: dict[str, Any], own_server: LiveServer
) -> None:
    # The page's policy forbids form posts (form-action 'none'); a test page must
    # bypass it to play the part of Android's share sheet.
    context = browser.new_context(**browser_context_args, bypass_csp=True)
    try:
        page = context.new_page()
        page.goto(f"{own_server.url}/es/")
        wait_for_worker(page)
        page.wait_for_function(
            """async () => {
              const name = (await caches.keys()).find((key) => key.startsWith("famplan-") && key.length > 14);
              return name && (await (await caches.open(name)).match("/es/open/")) !== undefined;
            }"""
        )
        own_server.stop()

        data = encrypt_plan({"schemaVersion": 2, "plan": FULL_FAMILY}, FILE_PASSPHRASE)
        share_to_app(page, own_server, data)
        expect(page.locator("#import-unlock")).to_be_visible()
        assert page.evaluate(HANDOFF_ENTRIES) == 0  # deleted as soon as the page read it
        page.locator("#import-passphrase").fill(FILE_PASSPHRASE)
        page.locator("#import-form button[type=submit]").click()
        expect(page.locator("#import-summary")).to_contain_text("Sofía Morales Núñez")

        share_to_app(page, own_server, b" " * (MAX_FILE_BYTES + 1))
        expect(page.locator("#import-error")).to_have_text(ui_string(page, "file-too-large"))
        assert page.evaluate(HANDOFF_ENTRIES) == 0
    finally:
        context.close()


# What a desktop browser does for a manifest file_handler: the page gets the file from launchQueue.
FAKE_LAUNCH_QUEUE = """
Object.defineProperty(window, "launchQueue", { configurable: true, value: { setConsumer(consumer) { window.__launch = consumer; } } });
"""


def test_a_file_opened_with_the_installed_app_on_a_desktop_is_received(
    browser: Browser, browser_context_args: dict[str, Any], live_server: LiveServer
) -> None:
    context = browser.new_context(**browser_context_args)
    try:
        context.add_init_script(FAKE_LAUNCH_QUEUE)
        page = context.new_page()
        page.goto(f"{live_server.url}/en/open/")
        page.wait_for_function("() => typeof window.__launch === 'function'")
        data = encrypt_plan({"schemaVersion": 2, "plan": FULL_FAMILY}, FILE_PASSPHRASE, kind="caregiver")
        page.evaluate(
            """(bytes) => window.__launch({ files: [{ getFile: async () =>
              new File([Uint8Array.from(atob(bytes), (c) => c.charCodeAt(0))], "plan.famplan") }] })""",
            base64.b64encode(data).decode(),
        )
        expect(page.locator("#import-unlock")).to_be_visible()
        page.locator("#import-passphrase").fill(FILE_PASSPHRASE)
        page.locator("#import-form button[type=submit]").click()
        expect(page.locator("#import-summary")).to_contain_text(ui_string(page, "importKindCaregiver"))
    finally:
        context.close()

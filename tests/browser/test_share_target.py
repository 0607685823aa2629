"""Android's share sheet: the service worker takes the POSTed file itself (the
server is stopped here, and would refuse a POST anyway), hands it to the open
page through Cache Storage, and the hand-off is deleted as soon as it is read.
A page of another site that posts a form there is refused before anything is
read or stored."""

from __future__ import annotations

import base64
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Iterator

import pytest

from playwright.sync_api import Browser, Page, expect

from server.fileformat import MAX_FILE_BYTES, encrypt_plan
from tests.browser.helpers import wait_for_worker
from tests.browser.share_helpers import FILE_PASSPHRASE, FULL_FAMILY, open_file
from tests.browser.vault_helpers import ui_string
from tests.live_server import LiveServer

# What Android does for a manifest share_target: a multipart POST navigation.
# With `padding`, that many bytes of another field go first in the same form.
SHARE = """([action, bytes, name, padding = 0]) => {
  const form = document.createElement("form");
  form.method = "post";
  form.enctype = "multipart/form-data";
  form.action = action;
  if (padding) {
    const extra = document.createElement("textarea");
    extra.name = "padding";
    extra.value = "x".repeat(padding);
    form.append(extra);
  }
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
# A file waiting in the hand-off, as the worker leaves it for a page that has not taken it yet.
WAITING = "/__famplan/shared-file/0b7c6a8e-2f1d-4c3b-9a5e-6d4f3e2a1b0c"
PUT_WAITING = """async ([key, text]) => {
  const cache = await caches.open("famplan-handoff");
  await cache.put(key, new Response(text, { headers: { "X-Famplan-Received-At": String(Date.now()) } }));
}"""
READ_HANDOFF = """async () => {
  const cache = await caches.open("famplan-handoff");
  return Promise.all((await cache.keys()).map(async (request) => [new URL(request.url).pathname, await (await cache.match(request)).text()]));
}"""


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


class OtherSite:
    """A web site on another origin (another host name and port of this machine)."""

    def __init__(self, app_url: str) -> None:
        share_target = f"{app_url}/share-target/?lang=en"

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                quiet = '<meta name="referrer" content="no-referrer">' if self.path == "/quiet" else ""
                body = f"<!doctype html><html><head>{quiet}<title>Another site</title></head><body><p>Hello</p></body></html>"
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.end_headers()
                self.wfile.write(body.encode())

            def do_POST(self) -> None:  # noqa: N802
                # Passes the post on, body and all (a 307 keeps the method). The body is
                # read first: closing with it unread resets the connection, and the
                # browser then shows ERR_CONNECTION_RESET instead of following the 307.
                self.rfile.read(int(self.headers.get("Content-Length", "0")))
                self.send_response(307)
                self.send_header("Location", share_target)
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://localhost:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def other_site(live_server: LiveServer) -> Iterator[OtherSite]:
    site = OtherSite(live_server.url)
    yield site
    site.close()


def app_with_worker(context: Any, live_server: LiveServer) -> Page:
    page = context.new_page()
    page.goto(f"{live_server.url}/en/")
    wait_for_worker(page)
    page.evaluate(PUT_WAITING, [WAITING, "a file shared a moment ago, not taken yet"])
    return page


@pytest.mark.parametrize("how", ["form", "redirect"])
def test_a_page_of_another_site_cannot_post_a_file_into_the_app(
    context: Any, live_server: LiveServer, other_site: OtherSite, how: str
) -> None:
    app = app_with_worker(context, live_server)
    page = context.new_page()
    page.goto(f"{other_site.url}/")
    data = encrypt_plan({"schemaVersion": 2, "plan": FULL_FAMILY}, FILE_PASSPHRASE)
    action = f"{live_server.url}/share-target/?lang=en" if how == "form" else f"{other_site.url}/pass-on"
    page.evaluate(SHARE, [action, base64.b64encode(data).decode(), "plan.famplan"])
    expect(page).to_have_url(f"{live_server.url}/en/open/")
    expect(page.locator("#import-error")).to_have_text(ui_string(page, "file-not-from-share"))
    expect(page.locator("#import-unlock")).to_be_hidden()
    # Nothing was stored, and the file that was waiting is still there, unchanged.
    assert app.evaluate(READ_HANDOFF) == [[WAITING, "a file shared a moment ago, not taken yet"]]


def test_a_form_larger_than_any_plan_file_is_refused(
    browser: Browser, browser_context_args: dict[str, Any], live_server: LiveServer
) -> None:
    context = browser.new_context(**browser_context_args, bypass_csp=True)  # plays Android, as above
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}/en/")
        wait_for_worker(page)
        data = encrypt_plan({"schemaVersion": 2, "plan": FULL_FAMILY}, FILE_PASSPHRASE)
        # A small, valid file, and 6 MB of something else in the same form.
        page.evaluate(SHARE, ["/share-target/?lang=en", base64.b64encode(data).decode(), "plan.famplan", 6 * 1024 * 1024])
        expect(page).to_have_url(f"{live_server.url}/en/open/")
        expect(page.locator("#import-error")).to_have_text(ui_string(page, "file-too-large"))
        assert page.evaluate(HANDOFF_ENTRIES) == 0
    finally:
        context.close()


def test_the_preview_says_where_each_file_came_from(
    browser: Browser, browser_context_args: dict[str, Any], live_server: LiveServer
) -> None:
    context = browser.new_context(**browser_context_args, bypass_csp=True)
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}/en/")
        wait_for_worker(page)
        data = encrypt_plan({"schemaVersion": 2, "plan": FULL_FAMILY}, FILE_PASSPHRASE)
        page.evaluate(SHARE, ["/share-target/?lang=en", base64.b64encode(data).decode(), "plan.famplan"])
        expect(page).to_have_url(f"{live_server.url}/en/open/")
        page.locator("#import-passphrase").fill(FILE_PASSPHRASE)
        page.locator("#import-form button[type=submit]").click()
        summary = page.locator("#import-summary li")
        expect(summary.first).to_have_text(ui_string(page, "importFromShare"))
        expect(page.locator("#import-preview")).to_contain_text("the app cannot tell who made this one")

        page.locator("#import-cancel").click()
        open_file(page, data)
        expect(summary.first).to_have_text(ui_string(page, "importFromFiles"))
    finally:
        context.close()


def test_a_new_window_of_another_site_with_its_referrer_hidden_is_shown_as_coming_from_outside(
    context: Any, live_server: LiveServer, other_site: OtherSite
) -> None:
    """The one post a service worker cannot tell from the share sheet's (docs/threat-model.md):
    the preview then says plainly that the file came from outside and that anyone can make one."""
    app_with_worker(context, live_server)
    page = context.new_page()
    page.goto(f"{other_site.url}/quiet")
    data = encrypt_plan({"schemaVersion": 2, "plan": FULL_FAMILY}, FILE_PASSPHRASE)
    with context.expect_page() as opened:
        page.evaluate(
            SHARE.replace('form.method = "post";', 'form.method = "post"; form.target = "_blank";'),
            [f"{live_server.url}/share-target/?lang=en", base64.b64encode(data).decode(), "plan.famplan"],
        )
    shown = opened.value
    expect(shown).to_have_url(f"{live_server.url}/en/open/")
    shown.locator("#import-passphrase").fill(FILE_PASSPHRASE)
    shown.locator("#import-form button[type=submit]").click()
    expect(shown.locator("#import-summary li").first).to_have_text(ui_string(shown, "importFromShare"))

"""A unique string typed into the plan is found nowhere but in the unlocked editor:
not in raw IndexedDB, the vault's second copy (the origin's private file system), Web Storage, Cache Storage, cookies, any request, or the console.
The passphrase is found nowhere at all."""

from __future__ import annotations

import json
import secrets

from playwright.sync_api import BrowserContext, Request, expect

from tests.browser.helpers import Watcher, wait_for_worker
from tests.browser.vault_helpers import PASSPHRASE, create_vault, dump_copy, dump_idb, notes, type_notes, ui_string, unlock
from tests.live_server import LiveServer

OTHER = "ochre plaza mossy tweak canal pouch"

# Everything the origin keeps outside IndexedDB, as text.
BROWSER_STORAGE = """async () => {
  const entries = (storage) => Object.fromEntries(Array.from({ length: storage.length }, (_, i) => [storage.key(i), storage.getItem(storage.key(i))]));
  const cached = [];
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      const response = await cache.match(request);
      const bytes = new Uint8Array(await response.arrayBuffer());
      let latin1 = "";
      for (const byte of bytes) latin1 += String.fromCharCode(byte);
      cached.push([name, request.url, [...response.headers].join(";"), latin1, new TextDecoder().decode(bytes)]);
    }
  }
  return JSON.stringify({
    local: entries(localStorage), session: entries(sessionStorage), cookie: document.cookie, caches: cached,
    url: location.href, title: document.title, history: history.state,
  });
}"""


def test_the_plan_and_the_passphrase_leave_no_trace(context: BrowserContext, live_server: LiveServer) -> None:
    canary = f"CANARY-{secrets.token_hex(8)}-Ñandú"
    watcher = Watcher().attach(context)
    seen: list[str] = []
    console: list[str] = []

    def record(request: Request) -> None:
        seen.append(json.dumps([request.method, request.url, request.all_headers(), request.post_data], ensure_ascii=False))

    context.on("request", record)
    context.on("console", lambda message: console.append(message.text))
    page = context.new_page()
    page.on("pageerror", lambda error: console.append(str(error)))

    page.goto(f"{live_server.url}/en/")
    wait_for_worker(page)
    create_vault(page, live_server.url)
    type_notes(page, f"Call {canary} first")
    # Everything a family does with it: lock, reload, unlock, settings, a passphrase change, another tab.
    page.locator("#lock-button").click()
    page.reload()
    unlock(page)
    expect(notes(page)).to_have_value(f"Call {canary} first")
    type_notes(page, f"Call {canary} first, then the school")
    second = context.new_page()
    second.goto(f"{live_server.url}/en/plan/")
    unlock(second)
    expect(notes(second)).to_have_value(f"Call {canary} first, then the school")
    second.close()
    page.goto(f"{live_server.url}/en/settings/")
    page.locator("#change-current").fill(PASSPHRASE)
    page.locator("#change-new").fill(OTHER)
    page.locator("#change-confirm").fill(OTHER)
    page.locator("#change-form button[type=submit]").click()
    expect(page.locator("#change-status")).to_have_text(ui_string(page, "passphraseChanged"))
    page.goto(f"{live_server.url}/en/plan/")
    unlock(page, OTHER)
    expect(notes(page)).to_have_value(f"Call {canary} first, then the school")
    page.locator("#lock-button").click()

    secrets_ = {"canary": canary, "canary (ASCII part)": canary.split("-Ñ")[0], "passphrase": PASSPHRASE, "new passphrase": OTHER}
    places = {
        "IndexedDB": json.dumps(dump_idb(page), ensure_ascii=False),
        "the second copy (origin private file system)": json.dumps(dump_copy(page), ensure_ascii=False),
        "Web Storage, Cache Storage, cookies, address": page.evaluate(BROWSER_STORAGE),
        "cookies of the context": json.dumps(context.cookies(), ensure_ascii=False),
        "requests": "\n".join(seen),
        "console": "\n".join(console),
        "locked page": page.content(),
    }
    assert seen and places["IndexedDB"].count("ciphertext") >= 1
    assert places["the second copy (origin private file system)"].count("ciphertext") >= 1
    for place, text in places.items():
        for name, value in secrets_.items():
            assert value not in text, f"the {name} was found in {place}"
    assert watcher.foreign_hosts(live_server.url) == set()
    assert watcher.violations == []
    assert {json.loads(request)[0] for request in seen} <= {"GET", "HEAD"}

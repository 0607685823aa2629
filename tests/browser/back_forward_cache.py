"""Back from the back/forward cache, as a phone does it: the page comes back as
it was left, with no script run at load. Playwright starts Chromium with the
cache off (`--disable-back-forward-cache`); the `bfcache_context` fixture uses a
browser started without that switch.

Chromium keeps famplan's pages (home, plan, open, settings, resources) in the
cache, locked or unlocked, with IndexedDB open. It drops one when the
service worker claims it while it is kept (the first visit's activation), and
one left while it holds or awaits a Web Lock (storage work in flight).
`leave_and_come_back` fails, with Chromium's own reasons, if a page was not kept."""

from __future__ import annotations

from playwright.sync_api import Page, expect

BFCACHE_OFF = "--disable-back-forward-cache"
# Web Locks have no "released" event: the page polls the lock manager, as
# Playwright's own waits poll, and raises a flag once nothing is held or awaited.
WATCH_STORAGE_IDLE = """() => {
  window.__storageIdle = false;
  (async () => {
    for (;;) {
      const { held, pending } = await navigator.locks.query();
      if (held.length === 0 && pending.length === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    window.__storageIdle = true;
  })();
}"""


def leave_and_come_back(page: Page) -> None:
    """Leaves by the footer's Resources link, then presses Back; the page must come back from the cache."""
    # A worker that takes control of a page kept in the cache (clients.claim() on
    # the first visit) makes Chromium drop it: leave once the worker is in control.
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=60_000)
    # Chromium does not keep a page that holds or awaits a Web Lock, and the app
    # takes one for every storage read and write (js/storage/write-lock.js):
    # leave once the page's storage work is done, as a person reading it would.
    page.evaluate(WATCH_STORAGE_IDLE)
    page.wait_for_function("() => window.__storageIdle === true", timeout=60_000)
    cdp = page.context.new_cdp_session(page)
    cdp.send("Page.enable")
    not_kept: list[object] = []
    cdp.on("Page.backForwardCacheNotUsed", lambda event: not_kept.append(event.get("notRestoredExplanations")))
    left = page.url
    page.evaluate("window.__leftThisPage = true")  # survives only if this very page comes back
    page.locator(".site-footer a").first.click()
    expect(page).not_to_have_url(left)
    page.go_back(wait_until="commit")
    expect(page).to_have_url(left)
    assert page.evaluate("window.__leftThisPage === true"), f"not restored from the back/forward cache: {not_kept}"
    cdp.detach()

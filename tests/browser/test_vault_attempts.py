"""The wait after wrong passphrases, against someone who races it from several
tabs or moves the phone's clock. The clocks are Playwright's and held still,
so no wait can run out while a test looks (nothing here depends on speed)."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta, timezone

from playwright.sync_api import BrowserContext, Page, expect

from tests.browser.vault_helpers import OTHER_PASSPHRASE, PASSPHRASE, create_vault, dump_idb, try_unlock, ui_string
from tests.live_server import LiveServer

# Three tries at once from this page, through the vault's own module, as Enter
# pressed in several tabs would; the outcomes are collected later.
START_TRIES = """([url, passphrase]) => {
  window.__tries = import(url).then((vault) => Promise.all([1, 2, 3].map(() =>
    vault.unlock(passphrase).then((session) => { session.lock(); return "unlocked"; }, (error) => error.code))));
}"""
TRY = """async ([url, passphrase]) => {
  const vault = await import(url);
  try { (await vault.unlock(passphrase)).lock(); return "unlocked"; } catch (error) { return error.code; }
}"""


def stored_failures(page: Page) -> int:
    return dict(dump_idb(page)["famplan"]["meta"])["attempts"]["failures"]


def locked_vault_on_a_held_clock(context: BrowserContext, live_server: LiveServer) -> tuple[Page, datetime]:
    """A locked plan page whose clocks (wall and steady) are held still, a little ahead of now."""
    page = context.new_page()
    page.clock.install()
    create_vault(page, live_server.url)
    page.locator("#lock-button").click()
    at = datetime.fromtimestamp(page.evaluate("Date.now()") / 1000, tz=timezone.utc) + timedelta(minutes=1)
    page.clock.pause_at(at)
    return page, at


def test_twelve_tries_from_four_tabs_at_once_are_all_counted(context: BrowserContext, live_server: LiveServer) -> None:
    vault_url = live_server.asset("js/vault/vault.js")
    first = context.new_page()
    create_vault(first, live_server.url)
    first.locator("#lock-button").click()
    tabs = [first]
    for _ in range(3):
        tab = context.new_page()
        tab.goto(f"{live_server.url}/en/")
        tabs.append(tab)
    start = datetime.fromtimestamp(first.evaluate("Date.now()") / 1000, tz=timezone.utc) + timedelta(minutes=1)
    for tab in tabs:
        tab.clock.install()
        tab.reload()
        tab.clock.pause_at(start)
    for tab in tabs:
        tab.evaluate(START_TRIES, [vault_url, OTHER_PASSPHRASE])
    outcomes = Counter(code for tab in tabs for code in tab.evaluate("window.__tries"))
    # Two free tries, then the third starts the wait: every later try is refused
    # before its key derivation runs, and every try that ran is counted.
    assert outcomes == {"wrong-passphrase": 3, "wait": 9}, outcomes
    assert stored_failures(first) == 3


def test_moving_the_clock_forward_does_not_end_the_wait_of_an_open_page(context: BrowserContext, live_server: LiveServer) -> None:
    vault_url = live_server.asset("js/vault/vault.js")
    page, at = locked_vault_on_a_held_clock(context, live_server)
    for _ in range(3):
        try_unlock(page, OTHER_PASSPHRASE)
    expect(page.locator("#unlock-error")).to_contain_text(ui_string(page, "tooManyTries"))
    # The phone's clock says an hour later; five seconds have not passed on the page's own clock.
    page.clock.set_system_time(at + timedelta(hours=1))
    assert page.evaluate(TRY, [vault_url, PASSPHRASE]) == "wait"
    assert stored_failures(page) == 3
    page.clock.fast_forward("00:06")
    assert page.evaluate(TRY, [vault_url, PASSPHRASE]) == "unlocked"
    assert stored_failures(page) == 0


def test_a_clock_set_back_restarts_the_wait_and_never_locks_out(context: BrowserContext, live_server: LiveServer) -> None:
    vault_url = live_server.asset("js/vault/vault.js")
    page, at = locked_vault_on_a_held_clock(context, live_server)
    for _ in range(4):
        assert page.evaluate(TRY, [vault_url, OTHER_PASSPHRASE]) in ("wrong-passphrase", "wait")
        page.clock.fast_forward("00:06")
    assert stored_failures(page) == 4  # 5 s after the third, then 10 s after the fourth
    # A day back, and a fresh page that has seen none of it: the wait starts again
    # from "now", as long as it was (10 s), not a day.
    page.clock.set_system_time(at - timedelta(days=1))
    page.reload()
    assert page.evaluate(TRY, [vault_url, PASSPHRASE]) == "wait"
    page.clock.fast_forward("00:09")
    assert page.evaluate(TRY, [vault_url, PASSPHRASE]) == "wait"
    page.clock.fast_forward("00:02")
    assert page.evaluate(TRY, [vault_url, PASSPHRASE]) == "unlocked"

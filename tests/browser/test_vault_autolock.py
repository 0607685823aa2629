"""Auto-lock on a controlled clock: after the idle minutes, after a minute in the
background, and when the page is left. After any lock the page holds no plan text."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from playwright.sync_api import BrowserContext, Page, expect

from tests.browser.vault_helpers import create_vault, decrypted_text_in_page, notes, type_notes, ui_string, unlock
from tests.live_server import LiveServer

SECRET = "Plan text: Ramón picks up Lucía at Escuela Ejemplo"

# Headless Chromium never hides a page; this makes the page report itself hidden or visible as a phone would.
SET_VISIBILITY = """(state) => {
  Object.defineProperty(document, "visibilityState", { configurable: true, get: () => state });
  Object.defineProperty(document, "hidden", { configurable: true, get: () => state === "hidden" });
  document.dispatchEvent(new Event("visibilitychange"));
}"""


def unlocked_page(context: BrowserContext, live_server: LiveServer) -> Page:
    page = context.new_page()
    page.clock.install()
    create_vault(page, live_server.url)
    type_notes(page, SECRET)
    return page


def page_time(page: Page) -> datetime:
    return datetime.fromtimestamp(page.evaluate("Date.now()") / 1000, tz=timezone.utc)


def assert_locked(page: Page) -> None:
    expect(page.locator("#vault-unlock")).to_be_visible()
    expect(page.locator("#vault-unlocked")).to_be_hidden()
    assert page.locator("#plan-editor > *").count() == 0
    text = decrypted_text_in_page(page)
    assert "Ramón" not in text and "Escuela Ejemplo" not in text


def test_locks_after_five_idle_minutes_and_activity_postpones_it(context: BrowserContext, live_server: LiveServer) -> None:
    page = unlocked_page(context, live_server)
    page.clock.fast_forward("04:00")
    expect(page.locator("#vault-unlocked")).to_be_visible()
    notes(page).press("End")  # any key press is activity
    page.clock.fast_forward("04:00")
    expect(page.locator("#vault-unlocked")).to_be_visible()
    page.clock.fast_forward("01:05")
    assert_locked(page)
    expect(page.locator("#unlock-title")).to_be_focused()
    unlock(page)
    expect(notes(page)).to_have_value(SECRET)


def test_locks_after_a_minute_in_the_background(context: BrowserContext, live_server: LiveServer) -> None:
    page = unlocked_page(context, live_server)
    page.evaluate(SET_VISIBILITY, "hidden")
    page.clock.fast_forward("00:30")
    page.evaluate(SET_VISIBILITY, "visible")
    page.clock.fast_forward("00:45")
    expect(page.locator("#vault-unlocked")).to_be_visible()
    page.evaluate(SET_VISIBILITY, "hidden")
    page.clock.fast_forward("01:01")
    page.evaluate(SET_VISIBILITY, "visible")
    assert_locked(page)


def test_locks_on_return_when_background_timers_were_held_back(context: BrowserContext, live_server: LiveServer) -> None:
    """Phones delay timers of hidden pages: coming back after two minutes locks at once."""
    page = unlocked_page(context, live_server)
    page.evaluate(SET_VISIBILITY, "hidden")
    # Move the clock without running timers, as a frozen background page experiences it.
    page.clock.set_system_time(page_time(page) + timedelta(minutes=2))
    expect(page.locator("#vault-unlocked")).to_be_visible()
    page.evaluate(SET_VISIBILITY, "visible")
    assert_locked(page)


def test_the_idle_time_is_a_setting(context: BrowserContext, live_server: LiveServer) -> None:
    page = context.new_page()
    page.clock.install()
    page.goto(f"{live_server.url}/en/settings/")
    expect(page.locator("#storage-usage")).to_be_visible()  # the page's script is running
    page.locator("#auto-lock-minutes").select_option("1")
    expect(page.locator("#auto-lock-status")).to_have_text(ui_string(page, "autoLockSaved"))
    create_vault(page, live_server.url)
    type_notes(page, SECRET)
    page.clock.fast_forward("01:05")
    assert_locked(page)


def test_a_change_typed_just_before_the_lock_is_saved(context: BrowserContext, live_server: LiveServer) -> None:
    page = unlocked_page(context, live_server)
    page.clock.pause_at(page_time(page) + timedelta(seconds=1))
    notes(page).fill(SECRET + " — and the blue folder")
    page.locator("#lock-button").click()  # before the typing pause is over
    assert_locked(page)
    page.clock.resume()
    unlock(page)
    expect(notes(page)).to_have_value(SECRET + " — and the blue folder")


def test_leaving_the_page_locks_it_so_back_shows_no_plan(context: BrowserContext, live_server: LiveServer) -> None:
    page = unlocked_page(context, live_server)
    page.goto(f"{live_server.url}/en/resources/")
    page.go_back()
    expect(page.locator("#vault-unlock")).to_be_visible()
    assert_locked(page)

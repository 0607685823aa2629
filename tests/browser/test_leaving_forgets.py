"""Nothing decrypted and no typed passphrase outlives a visit: on every page
that shows one (plan, open, settings) it is gone after the idle time, after a
minute in the background when a plan is open, and when the page is left, so
that Back, which brings the page back from the back/forward cache as it was
left, shows the right form and nothing else."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import BrowserContext, Page, expect

from server.fileformat import encrypt_plan
from tests.browser.back_forward_cache import leave_and_come_back
from tests.browser.share_helpers import FILE_PASSPHRASE, FULL_FAMILY, choose_file, open_file
from tests.browser.test_vault_autolock import SET_VISIBILITY
from tests.browser.vault_helpers import PASSPHRASE, create_vault, decrypted_text_in_page, type_notes, ui_string
from tests.live_server import LiveServer

FILE = encrypt_plan({"schemaVersion": 2, "plan": FULL_FAMILY}, FILE_PASSPHRASE)
# What the test family's file holds, as the preview shows it.
PLAN_TEXT = ("Sofía Morales Núñez", "Escuela Ejemplo")


def assert_no_plan_text(page: Page, *secrets: str) -> None:
    text = decrypted_text_in_page(page)
    for secret in (*PLAN_TEXT, *secrets):
        assert secret not in text, f"{secret!r} is still in the page"


def assert_forgotten(page: Page, field: str) -> None:
    """The field is empty, and "Show passphrase" shows nothing either."""
    expect(page.locator(field)).to_have_value("")
    expect(page.locator(field)).to_have_attribute("type", "password")
    page.locator(f'[data-reveal="{field[1:]}"]').click()
    expect(page.locator(field)).to_have_value("")


def opened_without_a_vault(context: BrowserContext, live_server: LiveServer, clock: bool = False) -> Page:
    page = context.new_page()
    if clock:
        page.clock.install()
    page.goto(f"{live_server.url}/en/open/")
    expect(page.locator("#shared-none-yet")).to_be_visible()  # a phone with no vault of its own
    open_file(page, FILE)
    expect(page.locator("#import-summary")).to_contain_text("Sofía Morales Núñez")
    return page


def assert_file_locked_again(page: Page) -> None:
    """The preview is gone; the file waits for its passphrase again, in an empty field."""
    expect(page.locator("#import-preview")).to_be_hidden()
    expect(page.locator("#import-unlock")).to_be_visible()
    expect(page.locator("#import-passphrase")).to_have_value("")
    assert_no_plan_text(page, FILE_PASSPHRASE)


# --- a file opened without a vault (finding 1) ---------------------------------


def test_a_file_opened_without_a_vault_locks_when_idle(context: BrowserContext, live_server: LiveServer) -> None:
    page = opened_without_a_vault(context, live_server, clock=True)
    page.clock.fast_forward("04:00")
    expect(page.locator("#import-preview")).to_be_visible()
    page.locator("#import-preview-title").press("Shift")  # any use postpones it (a key press is handled before press() returns)
    page.clock.fast_forward("04:00")
    expect(page.locator("#import-preview")).to_be_visible()
    page.clock.fast_forward("01:05")
    assert_file_locked_again(page)
    # The same file opens again with its passphrase.
    page.locator("#import-passphrase").fill(FILE_PASSPHRASE)
    page.locator("#import-form button[type=submit]").click()
    expect(page.locator("#import-summary")).to_contain_text("Sofía Morales Núñez")


def test_a_file_opened_without_a_vault_locks_after_a_minute_in_the_background(context: BrowserContext, live_server: LiveServer) -> None:
    page = opened_without_a_vault(context, live_server, clock=True)
    page.evaluate(SET_VISIBILITY, "hidden")
    page.clock.fast_forward("01:01")
    page.evaluate(SET_VISIBILITY, "visible")
    assert_file_locked_again(page)


def test_back_does_not_bring_back_an_opened_file(bfcache_context: BrowserContext, live_server: LiveServer) -> None:
    page = opened_without_a_vault(bfcache_context, live_server)
    leave_and_come_back(page)
    assert_file_locked_again(page)
    # Only the file's passphrase is asked for: the phone's own is asked only to keep the file.
    expect(page.locator("#vault-setup")).to_be_hidden()
    expect(page.locator("#vault-unlock")).to_be_hidden()


def test_back_does_not_bring_back_an_opened_file_or_the_vault_on_the_open_page(
    bfcache_context: BrowserContext, live_server: LiveServer
) -> None:
    page = bfcache_context.new_page()
    create_vault(page, live_server.url)
    page.goto(f"{live_server.url}/en/open/")
    page.locator("#unlock-passphrase").fill(PASSPHRASE)
    page.locator("#vault-unlock button[type=submit]").click()
    expect(page.locator("#shared-plans")).to_be_visible()
    open_file(page, FILE)
    expect(page.locator("#import-keep")).to_be_enabled()
    leave_and_come_back(page)
    assert_file_locked_again(page)
    expect(page.locator("#shared-plans")).to_be_hidden()
    # One passphrase at a time: the file's; once it is closed, the phone's own.
    expect(page.locator("#vault-unlock")).to_be_hidden()
    page.locator("#import-unlock-cancel").click()
    expect(page.locator("#vault-unlock")).to_be_visible()
    assert_forgotten(page, "#unlock-passphrase")


# --- typed passphrases (finding 2) -----------------------------------------------


def test_settings_forget_the_typed_passphrases_when_left(bfcache_context: BrowserContext, live_server: LiveServer) -> None:
    page = bfcache_context.new_page()
    create_vault(page, live_server.url)
    page.goto(f"{live_server.url}/en/settings/")
    expect(page.locator("#change-passphrase")).to_be_visible()
    # A change refused because the new passphrase is too weak keeps the current one typed...
    page.locator("#change-current").fill(PASSPHRASE)
    page.locator("#change-new").fill("too weak")
    page.locator("#change-confirm").fill("too weak")
    page.locator("#change-form button[type=submit]").click()
    expect(page.locator("#change-error")).not_to_be_empty()
    expect(page.locator("#change-current")).to_have_value(PASSPHRASE)
    # ... until the page is left: Back brings the page back without it.
    leave_and_come_back(page)
    for field in ("#change-current", "#change-new", "#change-confirm"):
        assert_forgotten(page, field)
    expect(page.locator("#change-error")).to_be_empty()
    assert PASSPHRASE not in decrypted_text_in_page(page)


def test_settings_forget_a_typed_passphrase_when_idle(context: BrowserContext, live_server: LiveServer) -> None:
    page = context.new_page()
    page.clock.install()
    create_vault(page, live_server.url)
    page.goto(f"{live_server.url}/en/settings/")
    expect(page.locator("#change-passphrase")).to_be_visible()
    page.locator("#change-current").fill(PASSPHRASE)
    page.clock.fast_forward("04:00")
    expect(page.locator("#change-current")).to_have_value(PASSPHRASE)
    page.clock.fast_forward("01:05")
    assert_forgotten(page, "#change-current")


def test_the_unlock_form_forgets_a_typed_passphrase_when_left_or_idle(bfcache_context: BrowserContext, live_server: LiveServer) -> None:
    page = bfcache_context.new_page()
    create_vault(page, live_server.url)
    page.locator("#lock-button").click()
    page.locator("#unlock-passphrase").fill(PASSPHRASE)  # typed, never sent
    leave_and_come_back(page)
    expect(page.locator("#vault-unlock")).to_be_visible()
    assert_forgotten(page, "#unlock-passphrase")

    page.clock.install()
    page.reload()
    page.locator("#unlock-passphrase").fill(PASSPHRASE)
    page.clock.fast_forward("05:05")
    assert_forgotten(page, "#unlock-passphrase")


def test_the_set_up_form_forgets_a_suggested_passphrase_when_left(bfcache_context: BrowserContext, live_server: LiveServer) -> None:
    for path in ("/en/plan/", "/en/open/"):
        page = bfcache_context.new_page()
        page.goto(f"{live_server.url}{path}")
        if path == "/en/open/":
            # On the open page a phone's own passphrase is chosen only to keep a file.
            open_file(page, FILE)
            page.locator("#import-keep").click()
        page.locator("#setup-suggest").click()
        words = page.locator("#setup-suggestion-text").text_content() or ""
        assert len(words.split()) == 6
        leave_and_come_back(page)
        if path == "/en/plan/":
            expect(page.locator("#vault-setup")).to_be_visible()
            assert_forgotten(page, "#setup-passphrase")
        else:
            assert_file_locked_again(page)  # the keep step went with the opened file
            expect(page.locator("#vault-setup")).to_be_hidden()
            expect(page.locator("#setup-passphrase")).to_have_value("")
        expect(page.locator("#setup-suggestion")).to_be_hidden()
        assert words not in decrypted_text_in_page(page), path
        page.close()


def test_a_file_passphrase_typed_on_the_open_page_is_forgotten_when_left(bfcache_context: BrowserContext, live_server: LiveServer) -> None:
    page = bfcache_context.new_page()
    page.goto(f"{live_server.url}/en/open/")
    choose_file(page, FILE)
    page.locator("#import-passphrase").fill(FILE_PASSPHRASE)
    leave_and_come_back(page)
    expect(page.locator("#import-unlock")).to_be_visible()  # the file still waits, locked
    assert_forgotten(page, "#import-passphrase")
    page.locator("#import-passphrase").fill(FILE_PASSPHRASE)
    page.locator("#import-form button[type=submit]").click()
    expect(page.locator("#import-summary")).to_contain_text("Sofía Morales Núñez")


# --- the plan page (finding 8, first point) ----------------------------------------


def test_back_to_a_plan_page_left_unlocked_shows_the_unlock_form(bfcache_context: BrowserContext, live_server: LiveServer) -> None:
    page = bfcache_context.new_page()
    create_vault(page, live_server.url)
    type_notes(page, "Call Ramón first")
    leave_and_come_back(page)
    expect(page.locator("#vault-unlock")).to_be_visible()
    expect(page.locator("#vault-unlocked")).to_be_hidden()
    assert page.locator("#plan-editor > *").count() == 0
    assert "Ramón" not in decrypted_text_in_page(page)
    page.locator("#unlock-passphrase").fill(PASSPHRASE)
    page.locator("#vault-unlock button[type=submit]").click()
    expect(page.locator("#plan-editor > *").first).to_be_visible()

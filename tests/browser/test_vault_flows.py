"""Set-up, unlock, lock, settings, passphrase change and deletion, as a person does them."""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.browser.helpers import Watcher
from tests.browser.vault_helpers import (
    OTHER_PASSPHRASE,
    PASSPHRASE,
    create_vault,
    notes,
    decrypted_text_in_page,
    dump_idb,
    tamper,
    try_unlock,
    type_notes,
    ui_string,
    unlock,
)
from tests.live_server import LiveServer

AXE = Axe()
# Counts calls to navigator.storage.persist(), and whether each came with a user gesture.
SPY_PERSIST = """
window.__persistCalls = [];
if (navigator.storage && navigator.storage.persist) {
  const original = navigator.storage.persist.bind(navigator.storage);
  navigator.storage.persist = () => {
    window.__persistCalls.push(navigator.userActivation ? navigator.userActivation.isActive : null);
    return original();
  };
}
"""


def assert_accessible(page: Page, what: str) -> None:
    results = AXE.run(page)
    summary = [(v["id"], [node["target"] for node in v["nodes"]][:3]) for v in results.response["violations"]]
    assert results.violations_count == 0, f"{what}: {summary}"


def test_set_up_explains_a_refusal_then_creates_the_vault_with_one_field(context: BrowserContext, live_server: LiveServer) -> None:
    watcher = Watcher().attach(context)
    context.add_init_script(SPY_PERSIST)
    page = context.new_page()
    page.goto(f"{live_server.url}/en/plan/")
    setup = page.locator("#vault-setup")
    expect(setup).to_be_visible()
    expect(page.locator("#vault-unlock")).to_be_hidden()
    expect(setup).to_contain_text("No one can recover your plan without this passphrase or a backup file")
    assert_accessible(page, "set-up")

    meter = page.locator("#setup-strength")
    page.locator("#setup-passphrase").fill("lupita2015")
    expect(meter).to_have_attribute("data-level", "too-short")
    expect(meter).to_contain_text(ui_string(page, "strengthTooShort"))
    page.locator("#setup-passphrase").fill("password1234")
    expect(meter).to_have_attribute("data-level", "too-weak")
    # The meter and the refusal say why, in words.
    expect(meter).to_contain_text(ui_string(page, "strengthCommon"))
    page.locator("#vault-setup button[type=submit]").click()
    expect(page.locator("#setup-error")).to_have_text(f'{ui_string(page, "strengthCommon")} {ui_string(page, "passphraseFix")}')
    expect(page.locator("#setup-passphrase")).to_have_attribute("aria-invalid", "true")
    assert_accessible(page, "set-up with an error")
    assert "famplan" not in dump_idb(page) or dump_idb(page)["famplan"]["meta"] == []
    assert page.evaluate("window.__persistCalls") == []

    # One field, checked with "Show passphrase": no second box typed blind.
    assert page.locator("#vault-setup input").count() == 1
    page.locator("#setup-suggest").click()
    words = page.locator("#setup-suggestion-text").text_content() or ""
    assert len(words.split(" ")) == 6
    expect(page.locator("#setup-passphrase")).to_have_value(words)
    expect(meter).to_have_attribute("data-level", "strong")
    page.locator('#vault-setup [data-reveal="setup-passphrase"]').click()
    expect(page.locator("#setup-passphrase")).to_have_attribute("type", "text")
    page.locator("#vault-setup button[type=submit]").click()
    expect(page.locator("#vault-unlocked")).to_be_visible()
    expect(setup).to_be_hidden()
    # Asked once, during the tap that created the plan.
    assert page.evaluate("window.__persistCalls") == [True]
    # Nothing of the passphrase stays in the page.
    assert words not in decrypted_text_in_page(page)
    assert_accessible(page, "unlocked")
    assert watcher.foreign_hosts(live_server.url) == set()
    assert watcher.violations == [] and watcher.console_errors == []


def test_saved_appears_only_after_the_record_is_committed(page: Page, live_server: LiveServer) -> None:
    create_vault(page, live_server.url)
    expect(page.locator("#save-status")).to_be_empty()
    # Hold every IndexedDB commit open until the test lets go: "Saving…" must show until it is really done.
    page.evaluate("""() => {
      window.__hold = true;
      const original = IDBDatabase.prototype.transaction;
      IDBDatabase.prototype.transaction = function (...args) {
        const tx = original.apply(this, args);
        if (args[1] === "readwrite" && tx.objectStoreNames.contains("records")) {
          const store = tx.objectStore("records");
          const hold = () => { store.get("plan").onsuccess = () => { window.__held = true; if (window.__hold) hold(); }; };
          hold();
        }
        return tx;
      };
    }""")
    notes(page).fill("Tía Rosa picks up the children")
    page.wait_for_function("() => window.__held === true")  # the save's transaction is open, and held
    expect(page.locator("#save-status")).to_have_text(ui_string(page, "saving"))
    page.evaluate("window.__hold = false")
    expect(page.locator("#save-status")).to_have_text(ui_string(page, "saved"))
    assert len(dump_idb(page)["famplan"]["records"]) == 1


def test_lock_removes_the_plan_from_the_page_and_unlock_brings_it_back(context: BrowserContext, live_server: LiveServer) -> None:
    watcher = Watcher().attach(context)
    page = context.new_page()
    create_vault(page, live_server.url)
    type_notes(page, "Llamar a la abogada Ramírez primero")
    page.locator("#lock-button").click()
    expect(page.locator("#vault-unlock")).to_be_visible()
    expect(page.locator("#unlock-title")).to_be_focused()
    expect(page.locator("#plan-editor")).to_be_hidden()
    assert page.locator("#plan-editor > *").count() == 0
    assert "Ramírez" not in decrypted_text_in_page(page)
    assert_accessible(page, "unlock")

    try_unlock(page, OTHER_PASSPHRASE)
    expect(page.locator("#unlock-error")).to_have_text(ui_string(page, "wrongPassphrase"))
    expect(page.locator("#unlock-passphrase")).to_have_attribute("aria-invalid", "true")
    assert_accessible(page, "unlock with an error")
    unlock(page)
    expect(notes(page)).to_have_value("Llamar a la abogada Ramírez primero")
    expect(page.locator("#unlock-passphrase")).to_have_value("")
    assert watcher.violations == [] and watcher.console_errors == []


def test_repeated_wrong_passphrases_wait_longer_and_a_reload_does_not_reset_the_wait(page: Page, live_server: LiveServer) -> None:
    create_vault(page, live_server.url)
    page.locator("#lock-button").click()
    for _ in range(2):
        try_unlock(page, OTHER_PASSPHRASE)
        expect(page.locator("#unlock-error")).to_have_text(ui_string(page, "wrongPassphrase"))
        expect(page.locator("#vault-unlock button[type=submit]")).to_be_enabled()
    try_unlock(page, OTHER_PASSPHRASE)
    expect(page.locator("#unlock-error")).to_have_text(f'{ui_string(page, "wrongPassphrase")} {ui_string(page, "tooManyTries")}')
    expect(page.locator("#vault-unlock button[type=submit]")).to_be_disabled()
    expect(page.locator("#unlock-wait")).to_contain_text("0:0")
    attempts = dict(dump_idb(page)["famplan"]["meta"])["attempts"]
    assert attempts["failures"] == 3

    page.reload()
    expect(page.locator("#unlock-error")).to_have_text(ui_string(page, "tooManyTries"))
    expect(page.locator("#vault-unlock button[type=submit]")).to_be_disabled()
    # The wait ends by itself (5 s after the third failure): never a lockout.
    expect(page.locator("#vault-unlock button[type=submit]")).to_be_enabled(timeout=7000)
    expect(page.locator("#unlock-wait")).to_be_empty()
    try_unlock(page, OTHER_PASSPHRASE)
    expect(page.locator("#vault-unlock button[type=submit]")).to_be_disabled()
    assert dict(dump_idb(page)["famplan"]["meta"])["attempts"]["failures"] == 4
    # Submitting while waiting (e.g. with Enter on a stale page) is refused without running the KDF.
    page.evaluate("""async (url) => {
      const vault = await import(url);
      try { await vault.unlock("anything at all here"); } catch (error) { window.__code = error.code; }
    }""", live_server.asset("js/vault/vault.js"))
    assert page.evaluate("window.__code") == "wait"
    assert dict(dump_idb(page)["famplan"]["meta"])["attempts"]["failures"] == 4


def test_a_right_passphrase_clears_the_failure_count(page: Page, live_server: LiveServer) -> None:
    create_vault(page, live_server.url)
    page.locator("#lock-button").click()
    try_unlock(page, OTHER_PASSPHRASE)
    unlock(page)
    assert dict(dump_idb(page)["famplan"]["meta"])["attempts"]["failures"] == 0


def test_settings_show_storage_and_keep_the_auto_lock_choice(context: BrowserContext, live_server: LiveServer) -> None:
    watcher = Watcher().attach(context)
    page = context.new_page()
    page.goto(f"{live_server.url}/en/settings/")
    expect(page.locator("#storage-usage")).to_be_visible()
    expect(page.locator("#storage-usage")).to_contain_text("Used on this phone:")
    persistent = page.evaluate("navigator.storage.persisted()")
    expect(page.locator("#storage-persistent")).to_be_visible() if persistent else expect(page.locator("#storage-not-persistent")).to_be_visible()
    # No vault yet: nothing to change the passphrase of.
    expect(page.locator("#change-passphrase")).to_be_hidden()
    expect(page.locator("#backup-state")).to_have_text(ui_string(page, "backupNever"))
    expect(page.locator("#auto-lock-minutes")).to_have_value("5")
    page.locator("#auto-lock-minutes").select_option("15")
    expect(page.locator("#auto-lock-status")).to_have_text(ui_string(page, "autoLockSaved"))
    page.reload()
    expect(page.locator("#auto-lock-minutes")).to_have_value("15")
    expect(page.locator("#privacy")).to_contain_text("can be risky under the law")
    expect(page.locator("#privacy")).to_contain_text("hacked")
    assert_accessible(page, "settings")
    assert watcher.violations == [] and watcher.console_errors == []


def test_change_passphrase_in_settings(context: BrowserContext, live_server: LiveServer) -> None:
    watcher = Watcher().attach(context)
    page = context.new_page()
    create_vault(page, live_server.url)
    type_notes(page, "Documents are in the blue folder")
    before = dict(dump_idb(page)["famplan"]["records"])["plan"]
    page.goto(f"{live_server.url}/en/settings/")
    expect(page.locator("#change-passphrase")).to_be_visible()
    assert_accessible(page, "settings with a vault")

    page.locator("#change-current").fill(OTHER_PASSPHRASE)
    page.locator("#change-new").fill("short")
    expect(page.locator("#change-strength")).to_have_attribute("data-level", "too-short")
    page.locator("#change-confirm").fill("short")
    page.locator("#change-form button[type=submit]").click()
    expect(page.locator("#change-error")).to_have_text(f'{ui_string(page, "strengthTooShort")} {ui_string(page, "passphraseFix")}')

    page.locator("#change-new").fill("ochre plaza mossy tweak canal pouch")
    page.locator("#change-confirm").fill("ochre plaza mossy tweak canal pouch")
    page.locator("#change-form button[type=submit]").click()
    expect(page.locator("#change-error")).to_have_text(ui_string(page, "wrongPassphrase"))
    assert_accessible(page, "settings with an error")

    page.locator("#change-current").fill(PASSPHRASE)
    page.locator("#change-form button[type=submit]").click()
    expect(page.locator("#change-status")).to_have_text(ui_string(page, "passphraseChanged"))
    expect(page.locator("#change-current")).to_have_value("")
    # Only the key was re-wrapped: the record is byte for byte the same.
    assert dict(dump_idb(page)["famplan"]["records"])["plan"] == before

    page.goto(f"{live_server.url}/en/plan/")
    try_unlock(page, PASSPHRASE)
    expect(page.locator("#unlock-error")).to_have_text(ui_string(page, "wrongPassphrase"))
    unlock(page, "ochre plaza mossy tweak canal pouch")
    expect(notes(page)).to_have_value("Documents are in the blue folder")
    assert watcher.violations == [] and watcher.console_errors == []


def test_delete_everything_needs_the_typed_word_and_keeps_the_app(context: BrowserContext, live_server: LiveServer) -> None:
    watcher = Watcher().attach(context)
    page = context.new_page()
    create_vault(page, live_server.url)
    type_notes(page, "something to delete")
    page.evaluate("""async (url) => {
      const vault = await import(url);
      const session = await vault.unlock(%r);
      await session.read("shared-plans", "shared-plans");
      await session.write("shared-plans", "shared-plans", { plans: [{ id: "x", label: "Familia Peña" }] });
    }""" % PASSPHRASE, live_server.asset("js/vault/vault.js"))
    assert len(dump_idb(page)["famplan"]["records"]) == 2
    caches_before = page.evaluate("caches.keys()")

    page.goto(f"{live_server.url}/en/settings/")
    expect(page.locator("#delete")).to_contain_text("Do not use it as a panic button")
    page.locator("#delete-confirm").fill("delete it")
    page.locator("#delete-form button[type=submit]").click()
    expect(page.locator("#delete-error")).to_have_text(ui_string(page, "deleteNotConfirmed"))
    assert len(dump_idb(page)["famplan"]["records"]) == 2

    page.locator("#delete-confirm").fill("delete")
    page.locator("#delete-form button[type=submit]").click()
    expect(page.locator("#delete-status")).to_have_text(ui_string(page, "deleted"))
    expect(page.locator("#change-passphrase")).to_be_hidden()
    assert dump_idb(page).get("famplan", {"meta": [], "records": []}) in ({"meta": [], "records": []}, {})
    assert page.evaluate("indexedDB.databases()") in ([], [{"name": "famplan", "version": 1}])
    assert page.evaluate("caches.keys()") == caches_before

    page.goto(f"{live_server.url}/en/plan/")
    expect(page.locator("#vault-setup")).to_be_visible()
    # Deleted on purpose, so nothing is reported missing.
    expect(page.locator("#vault-notice")).to_be_empty()
    assert page.evaluate("Object.keys(localStorage)") == []
    assert watcher.violations == [] and watcher.console_errors == []


def test_forgot_passphrase_is_answered_honestly(page: Page, live_server: LiveServer) -> None:
    create_vault(page, live_server.url)
    page.locator("#lock-button").click()
    page.locator("#vault-unlock a[href$='#forgot']").click()
    expect(page).to_have_url(f"{live_server.url}/en/settings/#forgot")
    forgot = page.locator("#forgot")
    expect(forgot).to_contain_text("There is no reset")
    expect(forgot).to_contain_text("backup file")
    expect(forgot).to_contain_text("make a new plan")


@pytest.mark.parametrize("code", ["ar", "es"])
def test_set_up_and_unlock_in_other_languages(page: Page, live_server: LiveServer, code: str) -> None:
    create_vault(page, live_server.url, lang=code)
    type_notes(page, "خطة العائلة" if code == "ar" else "plan de la familia")
    page.locator("#lock-button").click()
    try_unlock(page, OTHER_PASSPHRASE)
    expect(page.locator("#unlock-error")).to_have_text(ui_string(page, "wrongPassphrase"))
    unlock(page)
    assert_accessible(page, f"{code} unlocked")


def test_unlocked_plan_and_settings_fit_320_px(browser, live_server: LiveServer) -> None:  # type: ignore[no-untyped-def]
    for code in ("en", "ar"):
        context = browser.new_context(viewport={"width": 320, "height": 640}, is_mobile=True, has_touch=True, device_scale_factor=2)
        page = context.new_page()
        create_vault(page, live_server.url, lang=code)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, code
        page.locator("#lock-button").click()
        try_unlock(page, OTHER_PASSPHRASE)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, code
        page.goto(f"{live_server.url}/{code}/settings/")
        expect(page.locator("#change-passphrase")).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, code
        small = page.evaluate("""() => [...document.querySelectorAll("#settings-app button, #settings-app input, #settings-app select")]
          .filter((el) => el.offsetParent !== null)
          .map((el) => [el.id || el.textContent, el.getBoundingClientRect().height])
          .filter(([, height]) => height < 44)""")
        assert small == [], small
        context.close()


def test_backup_reminders_after_changes_and_every_thirty_days(page: Page, live_server: LiveServer) -> None:
    create_vault(page, live_server.url)
    reminder = page.locator("#backup-reminder")
    expect(reminder).to_be_hidden()  # nothing to back up yet
    type_notes(page, "the first change")
    page.locator("#lock-button").click()
    unlock(page)
    expect(reminder).to_be_visible()
    expect(page.locator("#backup-reminder-text")).to_have_text(ui_string(page, "backupChanges"))
    assert_accessible(page, "unlocked with a backup reminder")
    page.locator("#backup-reminder-dismiss").click()
    expect(reminder).to_be_hidden()

    # A backup file is made: no reminder, until 30 days have passed.
    vault = live_server.asset("js/vault/vault.js")
    page.evaluate("async (url) => (await import(url)).markExported()", vault)
    page.locator("#lock-button").click()
    unlock(page)
    expect(reminder).to_be_hidden()
    now, day = page.evaluate("Date.now()"), 24 * 60 * 60 * 1000
    tamper(page, "meta", "backup", [["set", ["changedAt"], now - 40 * day], ["set", ["exportedAt"], now - 31 * day]])
    page.locator("#lock-button").click()
    unlock(page)
    expect(page.locator("#backup-reminder-text")).to_have_text(ui_string(page, "backupPeriodic"))
    page.goto(f"{live_server.url}/en/settings/")
    expect(page.locator("#backup-state")).to_contain_text("Last backup file:")


def test_an_editor_that_cannot_load_leaves_the_plan_locked_and_says_so(browser: Browser, device_descriptor: dict[str, Any], live_server: LiveServer) -> None:
    """The editor loads after the first paint; if it cannot, unlocking says so and shows no half-open plan."""
    context = browser.new_context(**device_descriptor, service_workers="block")  # so every request meets the route
    try:
        page = context.new_page()
        create_vault(page, live_server.url)
        context.route("**/static/js/editor/plan-editor.*", lambda route: route.abort())
        page.reload()
        expect(page.locator("#vault-unlock")).to_be_visible()
        page.locator("#unlock-passphrase").fill(PASSPHRASE)
        page.locator("#vault-unlock button[type=submit]").click()
        expect(page.locator("#unlock-error")).to_have_text(ui_string(page, "unexpectedError"))
        expect(page.locator("#plan-editor > *")).to_have_count(0)
        expect(page.locator("#vault-unlock")).to_be_visible()
    finally:
        context.close()

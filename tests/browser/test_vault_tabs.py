"""Two open tabs never silently overwrite each other; a tab closed under an upgrade or deletion says so."""

from __future__ import annotations

from playwright.sync_api import BrowserContext, Page, expect

from tests.browser.helpers import Watcher
from tests.browser.vault_helpers import KEEP_SESSION, create_vault, decrypted_text_in_page, dump_idb, notes, type_notes, ui_string, unlock
from tests.live_server import LiveServer



def two_tabs(context: BrowserContext, live_server: LiveServer) -> tuple[Page, Page]:
    context.add_init_script(KEEP_SESSION)
    first = context.new_page()
    create_vault(first, live_server.url)
    type_notes(first, "first version")
    second = context.new_page()
    second.goto(f"{live_server.url}/en/plan/")
    unlock(second)
    expect(notes(second)).to_have_value("first version")
    return first, second


def test_a_tab_without_unsaved_changes_shows_the_other_tabs_save(context: BrowserContext, live_server: LiveServer) -> None:
    first, second = two_tabs(context, live_server)
    type_notes(second, "changed in the second tab")
    expect(notes(first)).to_have_value("changed in the second tab")
    expect(first.locator("#save-status")).to_have_text(ui_string(first, "changedElsewhere"))


def test_a_stale_tab_is_refused_and_told_and_can_show_the_newest_version(context: BrowserContext, live_server: LiveServer) -> None:
    watcher = Watcher().attach(context)
    first, second = two_tabs(context, live_server)
    # The first tab has a change waiting to be saved (its clock stands still) when the second tab saves.
    first.clock.install()
    first.clock.pause_at("2030-01-01T00:00:00Z")
    notes(first).fill("typed in the first tab")
    second.evaluate("""async () => {
      const plan = await window.__session.load();
      plan.sections.notes = { text: "saved in the second tab" };
      await window.__session.save(plan);
    }""")
    first.clock.resume()
    expect(first.locator("#save-error")).to_contain_text(ui_string(first, "saveConflict"))
    expect(first.locator("#save-status")).not_to_have_text(ui_string(first, "saved"))
    plan = dict(dump_idb(second)["famplan"]["records"])["plan"]
    assert plan["revision"] == 2  # the first tab's first save, then the second tab's; the stale save was refused
    first.locator("#save-error button").click()
    expect(notes(first)).to_have_value("saved in the second tab")
    # From the newest version, the first tab saves normally again.
    type_notes(first, "saved in the second tab, then in the first")
    second.reload()
    unlock(second)
    expect(notes(second)).to_have_value("saved in the second tab, then in the first")
    assert watcher.violations == [] and watcher.console_errors == []


def test_deleting_everything_in_one_tab_locks_the_other(context: BrowserContext, live_server: LiveServer) -> None:
    first, second = two_tabs(context, live_server)
    second.goto(f"{live_server.url}/en/settings/")
    second.locator("#delete-confirm").fill("DELETE")
    second.locator("#delete-form button[type=submit]").click()
    expect(second.locator("#delete-status")).to_have_text(ui_string(second, "deleted"))
    expect(first.locator("#vault-notice")).to_have_text(ui_string(first, "deletedElsewhere"))
    expect(first.locator("#vault-setup")).to_be_visible()
    assert "first version" not in decrypted_text_in_page(first)


def test_an_upgrade_in_another_tab_closes_this_one_and_says_so(context: BrowserContext, live_server: LiveServer) -> None:
    first, second = two_tabs(context, live_server)
    second.close()
    other = context.new_page()
    other.goto(f"{live_server.url}/en/")
    # A newer version of the app opens the database with a higher version number.
    other.evaluate("""() => new Promise((resolve, reject) => {
      const request = indexedDB.open("famplan", 2);
      request.onsuccess = () => { request.result.close(); resolve(); };
      request.onerror = () => reject(request.error);
    })""")
    expect(first.locator("#vault-notice")).to_have_text(ui_string(first, "saveClosed"))
    expect(first.locator("#vault-unlocked")).to_be_hidden()
    assert "first version" not in decrypted_text_in_page(first)


def test_a_tab_that_holds_the_database_is_named_as_the_reason_deletion_waits(context: BrowserContext, live_server: LiveServer) -> None:
    first = context.new_page()
    create_vault(first, live_server.url)
    type_notes(first, "first version")
    # An old tab that never lets go of its connection (no versionchange handler).
    holder = context.new_page()
    holder.goto(f"{live_server.url}/en/")
    holder.evaluate("""() => new Promise((resolve) => {
      const request = indexedDB.open("famplan");
      request.onsuccess = () => { window.__held = request.result; resolve(); };
    })""")
    settings = context.new_page()
    settings.goto(f"{live_server.url}/en/settings/")
    settings.locator("#delete-confirm").fill("DELETE")
    settings.locator("#delete-form button[type=submit]").click()
    expect(settings.locator("#delete-error")).to_have_text(ui_string(settings, "storageBlocked"))
    # Already emptied in one transaction: nothing readable is left while it waits.
    counts = holder.evaluate("""() => Promise.all(["meta", "records"].map((name) => new Promise((resolve) => {
      const request = window.__held.transaction(name).objectStore(name).count();
      request.onsuccess = () => resolve(request.result);
    })))""")
    assert counts == [0, 0]
    holder.evaluate("window.__held.close()")
    expect(settings.locator("#delete-status")).to_have_text(ui_string(settings, "deleted"))

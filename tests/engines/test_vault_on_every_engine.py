"""The vault on every engine: made through the form, edited, found again after a
reload and after the browser is quit or killed; a wrong passphrase is refused;
locking clears the plan from the page."""

from __future__ import annotations

import shutil

from tests.browser.vault_helpers import OTHER_PASSPHRASE
from tests.engines.conftest import Launch
from tests.engines.flows import create_vault, lock, notes, try_unlock, type_notes, ui_string, unlock
from tests.live_server import LiveServer

# Scripts that break naive byte handling: accents, Arabic, Burmese. (No emoji:
# WebKitWebDriver cannot type a character outside the Basic Multilingual Plane.)
NOTES = "Abuela Inés tiene las llaves · الجدة لديها المفاتيح · အဖွား"


def test_a_vault_is_made_edited_reopened_and_locked(engine: str, launch: Launch, live_server: LiveServer) -> None:
    phone = launch(engine)
    create_vault(phone, live_server.url)
    type_notes(phone, NOTES)
    phone.reload()
    assert try_unlock(phone, OTHER_PASSPHRASE) == ui_string(phone, "wrongPassphrase")
    assert not phone.is_visible("#plan-editor > *")
    unlock(phone)
    assert notes(phone) == NOTES
    lock(phone)
    assert NOTES not in phone.evaluate("() => document.documentElement.outerHTML")
    phone.assert_private(live_server.url)


def test_the_plan_survives_quitting_and_killing_the_browser(engine: str, launch: Launch, live_server: LiveServer) -> None:
    phone = launch(engine)
    create_vault(phone, live_server.url)
    type_notes(phone, NOTES)
    phone.close()

    phone = launch(engine)
    phone.goto(f"{live_server.url}/en/plan/")
    unlock(phone)
    assert notes(phone) == NOTES
    type_notes(phone, NOTES + " · 2")
    phone.kill()

    phone = launch(engine)
    phone.goto(f"{live_server.url}/en/plan/")
    unlock(phone)
    assert notes(phone) == NOTES + " · 2"
    phone.assert_private(live_server.url)


def test_a_vault_the_browser_lost_is_reported(engine: str, launch: Launch, live_server: LiveServer) -> None:
    """The profile's IndexedDB files of the app's origin are deleted while the browser
    is closed, as a browser does with a database it cannot open: the family is told
    their plan is gone, not greeted as new."""
    phone = launch(engine)
    create_vault(phone, live_server.url, lang="es")
    type_notes(phone, NOTES)
    phone.close()
    stored = phone.storage(live_server.url)
    assert stored.indexeddb and stored.files(), f"{engine}: no IndexedDB files found for {live_server.url} in {phone.profile}"
    for folder in stored.indexeddb:
        shutil.rmtree(folder)

    phone = launch(engine)
    phone.goto(f"{live_server.url}/es/plan/")
    phone.wait_visible("#vault-setup")
    phone.wait_text("#vault-notice", ui_string(phone, "vaultMissing"))
    phone.assert_private(live_server.url)

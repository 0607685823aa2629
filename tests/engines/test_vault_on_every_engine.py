"""The vault on every engine, through one phone's life: made through the form,
edited, found again after a reload; a wrong passphrase refused; locked; kept
when the browser is quit and when it is killed; restored from its second copy
when the browser has lost its IndexedDB files; and, when both copies are gone,
the family is told so instead of being greeted as new."""

from __future__ import annotations

import shutil

from tests.browser.vault_helpers import OTHER_PASSPHRASE
from tests.engines.conftest import Launch
from tests.engines.flows import create_vault, lock, notes, open_page, try_unlock, type_notes, ui_string, unlock
from tests.live_server import LiveServer

# Scripts that break naive byte handling: accents, Arabic, Burmese. (No emoji:
# WebKitWebDriver cannot type a character outside the Basic Multilingual Plane.)
NOTES = "Abuela Inés tiene las llaves · الجدة لديها المفاتيح · အဖွား"


def test_a_vault_through_a_phones_life(engine: str, launch: Launch, live_server: LiveServer) -> None:
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
    phone.close()

    phone = launch(engine)  # quit and opened again: the same profile
    open_page(phone, f"{live_server.url}/en/plan/")
    unlock(phone)
    assert notes(phone) == NOTES, f"{engine}: the plan did not survive quitting the browser"
    type_notes(phone, NOTES + " · 2")
    phone.kill()

    phone = launch(engine)
    open_page(phone, f"{live_server.url}/en/plan/")
    unlock(phone)
    assert notes(phone) == NOTES + " · 2", f"{engine}: the last save did not survive killing the browser"
    phone.assert_private(live_server.url)
    phone.close()

    # What a browser does with a database it cannot open: its files are gone, the
    # rest is kept. The second copy, in the Origin Private File System, brings the plan back.
    stored = phone.storage(live_server.url)
    assert stored.indexeddb and stored.opfs, f"{engine}: the vault's files for {live_server.url} in {phone.profile}: {stored}"
    for folder in stored.indexeddb:
        shutil.rmtree(folder)
    phone = launch(engine)
    open_page(phone, f"{live_server.url}/es/plan/")
    phone.wait_visible("#vault-unlock")
    phone.wait_text("#vault-notice", ui_string(phone, "storageRestored"))
    unlock(phone)
    assert notes(phone) == NOTES + " · 2", f"{engine}: the plan restored from the second copy is {notes(phone)!r}"
    phone.assert_private(live_server.url)
    phone.close()

    # Both copies gone (as when the browser clears the site's data but the note
    # that a vault was made survives): the family is told, not greeted as new.
    stored = phone.storage(live_server.url)
    for folder in [*stored.indexeddb, *stored.opfs]:
        shutil.rmtree(folder)
    phone = launch(engine)
    open_page(phone, f"{live_server.url}/es/plan/")
    phone.wait_visible("#vault-setup")
    phone.wait_text("#vault-notice", ui_string(phone, "vaultMissing"))
    phone.assert_private(live_server.url)

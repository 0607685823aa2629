"""The vault's second copy, in the origin's private file system
(docs/vault-format.md, section 12): one copy damaged is put back from the
other; a copy that does not authenticate is never used and never written over
a good one; a full disk while writing the copy keeps the plan and says so;
deleting and changing the passphrase reach both copies; a browser that cannot
keep a copy still keeps the plan, and Settings says so."""

from __future__ import annotations

import base64
import hashlib
import json
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.browser.helpers import Watcher
from tests.browser.vault_helpers import (
    OTHER_PASSPHRASE,
    PASSPHRASE,
    create_vault,
    dump_copy,
    dump_idb,
    limit_storage,
    notes,
    paste,
    tamper,
    tamper_copy,
    type_notes,
    ui_string,
    unlock,
)
from tests.live_server import LiveServer

TEXT = "Si me detienen: llamar a la tía Rosa, (414) 555-0101"
# Browsers without the origin's private file system (or where it fails, as in private browsing).
NO_PRIVATE_FILE_SYSTEM = "delete StorageManager.prototype.getDirectory;"


def newest_copy(page: Page, item: str) -> dict[str, Any]:
    """The body of the item's newest slot file whose checksum holds, as the app would read it."""
    bodies = []
    for name, text in dump_copy(page).items():
        if name.startswith(f"famplan-copy/{item}."):
            _, checksum, body = text.split("\n", 2)
            digest = base64.urlsafe_b64encode(hashlib.sha256(body.encode()).digest()).rstrip(b"=").decode()
            if digest == checksum:  # a slot cut short (a write that failed) is passed over
                bodies.append(json.loads(body))
    assert bodies, f"the second copy has no {item}"
    return max(bodies, key=lambda body: body["seq"])


def primary(page: Page, store: str, key: str) -> Any:
    return dict(dump_idb(page)["famplan"][store])[key]


@pytest.fixture
def locked_page(context: BrowserContext, live_server: LiveServer) -> Page:
    """A Spanish-speaking family's vault with one saved plan, locked on the plan page."""
    page = context.new_page()
    create_vault(page, live_server.url, lang="es")
    type_notes(page, TEXT)
    page.locator("#lock-button").click()
    expect(page.locator("#vault-unlock")).to_be_visible()
    return page


def test_both_copies_hold_the_same_ciphertext(locked_page: Page) -> None:
    record = primary(locked_page, "records", "plan")
    copied = newest_copy(locked_page, "record-plan")["value"]
    assert copied["revision"] == record["revision"]
    assert copied["ciphertext"]["$b"] and len(copied["ciphertext"]["$b"]) >= len(record["ciphertext"]["$latin1"])
    assert newest_copy(locked_page, "vault")["value"]["vaultId"] == primary(locked_page, "meta", "vault")["vaultId"]


def test_a_damaged_record_in_the_primary_is_put_back_from_the_copy(locked_page: Page) -> None:
    tamper(locked_page, "records", "plan", [["flip", ["ciphertext"], 5]])
    locked_page.reload()
    unlock(locked_page)
    expect(notes(locked_page)).to_have_value(TEXT)
    expect(locked_page.locator("#vault-notice")).to_have_text(ui_string(locked_page, "storageRestored"))
    repaired = primary(locked_page, "records", "plan")
    assert repaired["ciphertext"]["$bytes"].replace("+", "-").replace("/", "_").rstrip("=") == newest_copy(locked_page, "record-plan")["value"]["ciphertext"]["$b"]


def test_a_damaged_vault_entry_in_the_primary_is_put_back_from_the_copy(locked_page: Page) -> None:
    tamper(locked_page, "meta", "vault", [["flip", ["wrap", "key"], 3]])
    locked_page.reload()
    expect(locked_page.locator("#vault-unlock")).to_be_visible()
    expect(locked_page.locator("#vault-notice")).to_have_text(ui_string(locked_page, "storageRestored"))
    unlock(locked_page)
    expect(notes(locked_page)).to_have_value(TEXT)


@pytest.mark.parametrize(
    "ops",
    [
        pytest.param([["set", ["revision"], 7]], id="newer-revision"),
        pytest.param([["set", ["revision"], 7], ["flip", ["ciphertext"], 9]], id="newer-revision-changed-bytes"),
        pytest.param([["flip", ["ciphertext"], 9]], id="same-revision-changed-bytes"),
    ],
)
def test_a_copy_that_does_not_authenticate_is_never_used_nor_written_over_the_primary(
    locked_page: Page, live_server: LiveServer, ops: list[list[Any]]
) -> None:
    tamper_copy(locked_page, live_server.asset("js/storage/copy-format.js"), "record-plan", ops)
    before = primary(locked_page, "records", "plan")
    locked_page.reload()
    unlock(locked_page)
    expect(notes(locked_page)).to_have_value(TEXT)
    expect(locked_page.locator("#vault-notice")).to_be_empty()
    assert primary(locked_page, "records", "plan") == before
    # The copy is written again from the primary, so the bad one is gone.
    rewritten = newest_copy(locked_page, "record-plan")["value"]
    assert rewritten["revision"] == before["revision"]
    assert rewritten["ciphertext"]["$b"] == before["ciphertext"]["$bytes"].replace("+", "-").replace("/", "_").rstrip("=")


def test_a_copy_of_another_vault_is_never_mixed_in(locked_page: Page, live_server: LiveServer) -> None:
    """A record left by a vault deleted earlier carries that vault's id: it is replaced, never opened."""
    locked_page.evaluate(
        """async ([url, record]) => {
          const { encodeSlot } = await import(url);
          const folder = await (await navigator.storage.getDirectory()).getDirectoryHandle("famplan-copy");
          for (const slot of ["a", "b"]) {
            const writable = await (await folder.getFileHandle(`record-plan.${slot}`, { create: true })).createWritable();
            await writable.write(await encodeSlot({ item: "record-plan", vaultId: "an-older-vault", seq: 50, value: record }));
            await writable.close();
          }
        }""",
        [live_server.asset("js/storage/copy-format.js"), {"id": "plan", "purpose": "plan", "format": 1, "revision": 40, "updatedAt": 0}],
    )
    locked_page.reload()
    unlock(locked_page)
    expect(notes(locked_page)).to_have_value(TEXT)
    expect(locked_page.locator("#vault-notice")).to_be_empty()
    copied = newest_copy(locked_page, "record-plan")
    assert copied["vaultId"] == primary(locked_page, "meta", "vault")["vaultId"]
    assert copied["value"]["revision"] == primary(locked_page, "records", "plan")["revision"]


def test_a_full_disk_while_writing_the_copy_keeps_the_plan_and_says_so(context: BrowserContext, live_server: LiveServer) -> None:
    """Chromium's own quota: room for the primary's write, not for the copy's after it."""
    page = context.new_page()
    cdp = limit_storage(context, page, live_server.url, 600_000)
    long_text = TEXT + " " + "x" * 250_000
    try:
        create_vault(page, live_server.url, lang="es")
        type_notes(page, TEXT)
        paste(page, long_text)
        notes(page).dispatch_event("change")
        expect(page.locator("#vault-notice")).to_have_text(ui_string(page, "secondCopyFailed"))
        expect(page.locator("#save-status")).to_have_text(ui_string(page, "saved"))
        expect(page.locator("#save-error")).to_be_empty()
        assert newest_copy(page, "record-plan")["value"]["revision"] < primary(page, "records", "plan")["revision"]
    finally:
        cdp.send("Storage.overrideQuotaForOrigin", {"origin": live_server.url})
    page.reload()
    unlock(page)
    expect(notes(page)).to_have_value(long_text)
    # With room again, the copy catches up when the plan is read.
    assert newest_copy(page, "record-plan")["value"]["revision"] == primary(page, "records", "plan")["revision"]
    page.goto(f"{live_server.url}/es/settings/")
    expect(page.locator("#storage-copy-kept")).to_be_visible()


def test_a_passphrase_change_reaches_both_copies(locked_page: Page, live_server: LiveServer) -> None:
    locked_page.goto(f"{live_server.url}/es/settings/")
    locked_page.locator("#change-current").fill(PASSPHRASE)
    locked_page.locator("#change-new").fill(OTHER_PASSPHRASE)
    locked_page.locator("#change-confirm").fill(OTHER_PASSPHRASE)
    locked_page.locator("#change-form button[type=submit]").click()
    expect(locked_page.locator("#change-status")).to_have_text(ui_string(locked_page, "passphraseChanged"))
    own, copied = primary(locked_page, "meta", "vault"), newest_copy(locked_page, "vault")["value"]
    assert own["keyRevision"] == copied["keyRevision"] == 2
    assert own["wrap"]["key"]["$bytes"].replace("+", "-").replace("/", "_").rstrip("=") == copied["wrap"]["key"]["$b"]


def test_delete_everything_removes_both_copies(locked_page: Page, live_server: LiveServer) -> None:
    locked_page.goto(f"{live_server.url}/es/settings/")
    locked_page.locator("#delete-confirm").fill(ui_string(locked_page, "deleteConfirmWord"))
    locked_page.locator("#delete-form button[type=submit]").click()
    expect(locked_page.locator("#delete-status")).to_have_text(ui_string(locked_page, "deleted"))
    assert not [name for name in dump_copy(locked_page) if name.startswith("famplan-copy/")]
    assert dump_idb(locked_page).get("famplan", {}).get("meta", []) == []
    locked_page.goto(f"{live_server.url}/es/plan/")
    expect(locked_page.locator("#vault-setup")).to_be_visible()
    expect(locked_page.locator("#vault-notice")).to_be_empty()


def test_settings_says_whether_a_second_copy_is_kept(context: BrowserContext, live_server: LiveServer) -> None:
    page = context.new_page()
    create_vault(page, live_server.url, lang="es")
    page.goto(f"{live_server.url}/es/settings/")
    expect(page.locator("#storage-copy-kept")).to_be_visible()
    expect(page.locator("#storage-copy-unavailable")).to_be_hidden()


def test_without_a_private_file_system_the_plan_still_saves_and_settings_says_so(browser, device_descriptor, live_server: LiveServer) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(**device_descriptor)
    context.add_init_script(NO_PRIVATE_FILE_SYSTEM)
    watcher = Watcher().attach(context)
    try:
        page = context.new_page()
        create_vault(page, live_server.url, lang="es")
        type_notes(page, TEXT)
        expect(page.locator("#vault-notice")).to_be_empty()
        page.reload()
        unlock(page)
        expect(notes(page)).to_have_value(TEXT)
        page.goto(f"{live_server.url}/es/settings/")
        expect(page.locator("#storage-copy-unavailable")).to_be_visible()
        expect(page.locator("#storage-copy-kept")).to_be_hidden()
        assert watcher.violations == [] and watcher.console_errors == []
    finally:
        context.close()

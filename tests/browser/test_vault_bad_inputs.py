"""Bad input: each refused with a clear message in the page's language, and nothing stored is changed."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.browser.helpers import Watcher
from tests.browser.vault_helpers import (
    OTHER_PASSPHRASE,
    PASSPHRASE,
    create_vault,
    dump_idb,
    limit_storage,
    notes,
    paste,
    restore_vault,
    saved_state,
    tamper,
    tamper_copy,
    try_unlock,
    type_notes,
    ui_string,
    unlock,
)
from tests.live_server import LiveServer

TEXT = "Si me detienen: llamar a la tía Rosa, (414) 555-0101"


@pytest.fixture(scope="module")
def saved_vault(browser: Browser, live_server: LiveServer) -> dict[str, Any]:
    """The stored bytes of a vault with one saved plan, made once through the page."""
    context = browser.new_context()
    page = context.new_page()
    create_vault(page, live_server.url, lang="es")
    type_notes(page, TEXT)
    famplan = dump_idb(page)["famplan"]
    context.close()
    return famplan


@pytest.fixture
def saved_page(context: BrowserContext, live_server: LiveServer, saved_vault: dict[str, Any]) -> Page:
    """That vault, locked, on the plan page of a Spanish-speaking family."""
    page = context.new_page()
    restore_vault(page, live_server.url, saved_vault, lang="es")
    return page


def tamper_both(page: Page, live_server: LiveServer, store: str, key: str, ops: list[list[Any]], reseal: bool = False) -> None:
    """The same damage to the primary (IndexedDB) and to the second copy, so
    neither can stand in for the other (tests/browser/test_vault_copy.py damages one)."""
    reseal_with = live_server.asset("js/vault/format.js") if reseal else None
    tamper(page, store, key, ops, reseal_with)
    tamper_copy(page, live_server.asset("js/storage/copy-format.js"), "vault" if store == "meta" else f"record-{key}", ops, reseal_with)


def refused(page: Page, message_key: str) -> None:
    """After a reload, unlocking with the right passphrase is refused with `message_key`, and no editor appears."""
    page.reload()
    try_unlock(page, PASSPHRASE)
    expect(page.locator("#unlock-error")).to_have_text(ui_string(page, message_key))
    expect(page.locator("#vault-unlocked")).to_be_hidden()
    assert page.locator("#plan-editor > *").count() == 0


def test_wrong_passphrase_changes_nothing(saved_page: Page) -> None:
    before = saved_state(saved_page)
    try_unlock(saved_page, OTHER_PASSPHRASE)
    expect(saved_page.locator("#unlock-error")).to_have_text(ui_string(saved_page, "wrongPassphrase"))
    assert saved_page.locator("html").get_attribute("lang") == "es"
    assert saved_state(saved_page) == before
    unlock(saved_page)
    expect(notes(saved_page)).to_have_value(TEXT)


@pytest.mark.parametrize("index", [0, 20, -1])
def test_one_flipped_byte_in_the_plan_is_refused_and_never_overwritten(saved_page: Page, live_server: LiveServer, index: int) -> None:
    record = dict(dump_idb(saved_page)["famplan"]["records"])["plan"]
    length = len(record["ciphertext"]["$latin1"])
    tamper_both(saved_page, live_server, "records", "plan", [["flip", ["ciphertext"], index % length]])
    before = saved_state(saved_page)
    refused(saved_page, "planDamaged")
    # Time passes, the page stays open: still nothing written over the damaged record.
    saved_page.wait_for_timeout(600)
    assert saved_state(saved_page) == before


@pytest.mark.parametrize(
    "ops",
    [
        pytest.param([["set", ["revision"], 99]], id="revision"),
        pytest.param([["set", ["purpose"], "shared-plans"]], id="purpose"),
        pytest.param([["flip", ["iv"], 0]], id="iv"),
        pytest.param([["truncate", ["ciphertext"], 10]], id="cut"),
        pytest.param([["set", ["format"], 2]], id="format"),
    ],
)
def test_a_relabelled_or_cut_record_is_refused(saved_page: Page, live_server: LiveServer, ops: list[list[Any]]) -> None:
    tamper_both(saved_page, live_server, "records", "plan", ops)
    before = saved_state(saved_page)
    refused(saved_page, "planDamaged")
    assert saved_state(saved_page) == before


@pytest.mark.parametrize(
    ("ops", "reseal"),
    [
        pytest.param([["set", ["kdf", "iterations"], 1000]], False, id="iterations-lowered"),
        pytest.param([["set", ["kdf", "iterations"], 1000]], True, id="iterations-lowered-check-forged"),
        pytest.param([["set", ["kdf", "iterations"], 100_000_000]], True, id="iterations-huge-check-forged"),
        pytest.param([["set", ["kdf", "iterations"], 600_001]], False, id="iterations-changed"),
        pytest.param([["flip", ["kdf", "salt"], 3]], False, id="salt-changed"),
        pytest.param([["truncate", ["kdf", "salt"], 8]], True, id="salt-cut-check-forged"),
        pytest.param([["truncate", ["wrap", "key"], 40]], False, id="wrapped-key-cut"),
        pytest.param([["truncate", ["wrap", "key"], 40]], True, id="wrapped-key-cut-check-forged"),
        pytest.param([["flip", ["wrap", "key"], 5]], False, id="wrapped-key-flipped"),
        pytest.param([["set", ["kdf", "alg"], "PBKDF2-SHA1"]], True, id="kdf-alg"),
        pytest.param([["set", ["format"], 9]], True, id="format"),
        pytest.param([["flip", ["check"], 0]], False, id="check"),
    ],
)
def test_tampered_metadata_is_refused_as_damaged_before_the_kdf(saved_page: Page, live_server: LiveServer, ops: list[list[Any]], reseal: bool) -> None:
    tamper_both(saved_page, live_server, "meta", "vault", ops, reseal)
    before = saved_state(saved_page)
    refused(saved_page, "vaultDamaged")
    assert saved_state(saved_page) == before
    attempts = dict(dump_idb(saved_page)["famplan"]["meta"]).get("attempts")
    assert not attempts or attempts["failures"] == 0, "damage must not count as a wrong passphrase"


@pytest.mark.parametrize(
    "ops",
    [
        pytest.param([["set", ["kdf", "iterations"], 600_001]], id="iterations"),
        pytest.param([["flip", ["kdf", "salt"], 3]], id="salt"),
        pytest.param([["flip", ["wrap", "iv"], 3]], id="wrap-iv"),
        pytest.param([["flip", ["wrap", "key"], 47]], id="wrapped-key-tag"),
    ],
)
def test_forged_metadata_with_a_recomputed_check_still_opens_nothing(saved_page: Page, live_server: LiveServer, ops: list[list[Any]]) -> None:
    """A forger who recomputes the check gets the same answer as a wrong passphrase: the wrap's additional data binds the KDF."""
    tamper_both(saved_page, live_server, "meta", "vault", ops, reseal=True)
    before = saved_state(saved_page)
    refused(saved_page, "wrongPassphrase")
    assert saved_state(saved_page) == before


def test_a_full_disk_keeps_the_last_save(context: BrowserContext, live_server: LiveServer) -> None:
    watcher = Watcher().attach(context)
    page = context.new_page()
    cdp = limit_storage(context, page, live_server.url, 400_000)
    try:
        create_vault(page, live_server.url, lang="es")
        type_notes(page, TEXT)
        before = saved_state(page)
        paste(page, TEXT + " " + "una línea más " * 45_000)
        expect(page.locator("#save-error")).to_contain_text(ui_string(page, "saveQuota"))
        expect(page.locator("#save-status")).to_be_empty()
        expect(page.locator("#save-error button")).to_have_text(ui_string(page, "tryAgain"))
        assert saved_state(page) == before
        # Trying again without freeing space fails the same way, still without damage.
        page.locator("#save-error button").click()
        expect(page.locator("#save-error")).to_contain_text(ui_string(page, "saveQuota"))
        assert saved_state(page) == before
    finally:
        cdp.send("Storage.overrideQuotaForOrigin", {"origin": live_server.url})
    page.reload()
    unlock(page)
    expect(notes(page)).to_have_value(TEXT)
    assert watcher.violations == []


def test_no_room_to_create_a_vault_is_said_plainly(context: BrowserContext, live_server: LiveServer) -> None:
    page = context.new_page()
    cdp = limit_storage(context, page, live_server.url, 0)
    try:
        page.goto(f"{live_server.url}/es/plan/")
        page.locator("#setup-passphrase").fill(PASSPHRASE)
        page.locator("#vault-setup button[type=submit]").click()
        expect(page.locator("#setup-error")).to_have_text(ui_string(page, "saveQuota"))
    finally:
        cdp.send("Storage.overrideQuotaForOrigin", {"origin": live_server.url})
    assert dict(dump_idb(page).get("famplan", {}).get("meta", [])).get("vault") is None

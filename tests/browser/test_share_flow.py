"""Sharing as families use it: make a locked file on one phone, open it on
another, keep plans shared with me, replace and restore my plan, and refuse
every bad file with its own message without touching what is stored."""

from __future__ import annotations

import base64
import json
import random
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, BrowserContext, Page, expect

from server import fileformat as ff
from server import plan_schema as ps
from server.fileformat import decrypt_file, encrypt_plan
from tests.browser.share_helpers import (
    assert_accessible,
    FILE_PASSPHRASE,
    FULL_FAMILY,
    V1_MIGRATED,
    V1_PLAN,
    choose_file,
    keep_opened_file,
    open_file,
    replace_with_opened_file,
    seed_vault,
    stored,
    unlock_on_open_page,
    unlock_plan_page,
)
from tests.browser.plan_helpers import go
from tests.browser.vault_helpers import PASSPHRASE, saved_state, ui_string
from tests.live_server import LiveServer
from tests.test_fileformat import _set, dump, flip_b64, outer_of, random_parts, spec_seal

CAPTURE_SHARE = """
Object.defineProperty(navigator, "canShare", { configurable: true, value: (data) => Array.isArray(data?.files) && data.files.length === 1 });
Object.defineProperty(navigator, "share", { configurable: true, value: async (data) => {
  const file = data.files[0];
  window.__shared = { name: file.name, type: file.type, bytes: btoa(String.fromCharCode(...new Uint8Array(await file.arrayBuffer()))) };
} });
"""


def make_file(page: Page) -> str:
    page.locator("#export-form button[type=submit]").click()
    expect(page.locator("#export-deliver")).to_be_visible()
    return page.locator("#export-status").text_content() or ""


def test_a_plan_exported_on_one_phone_imports_identically_on_another(
    browser: Browser, browser_context_args: dict[str, Any], context: BrowserContext, live_server: LiveServer
) -> None:
    page = context.new_page()
    seed_vault(page, live_server)
    unlock_plan_page(page, live_server)
    words = page.locator("#export-words").text_content() or ""
    assert len(words.split()) == 6
    assert make_file(page) == ui_string(page, "exportReady")
    expect(page.locator("#export-share")).to_be_hidden()  # this browser cannot share files: download only
    with page.expect_download() as download:
        page.locator("#export-download").click()
    data = Path(download.value.path()).read_bytes()
    assert download.value.suggested_filename.endswith(".famplan")
    payload = decrypt_file(data, words)
    assert payload["kind"] == "full" and payload["plan"] == FULL_FAMILY and payload["exportedAt"]
    # The export time is recorded for the backup reminder.
    exported_at = page.evaluate("async (url) => (await import(url)).backupState()", live_server.asset("js/vault/vault.js"))
    assert exported_at["exportedAt"] > 0

    other = browser.new_context(**browser_context_args)  # another phone: nothing shared with the first
    try:
        phone = other.new_page()
        phone.goto(f"{live_server.url}/en/open/")
        open_file(phone, data, words)
        expect(phone.locator("#import-summary")).to_contain_text(ui_string(phone, "importKindFull"))
        expect(phone.locator("#import-summary")).to_contain_text("Sofía Morales Núñez")
        # A new phone has no plan yet: its own passphrase is asked for only now, in the
        # step of its own, and the file becomes "my plan" as soon as it is chosen.
        expect(phone.locator("#vault-setup")).to_be_hidden()
        replace_with_opened_file(phone, PASSPHRASE)
        assert stored(phone, live_server)["plan"] == FULL_FAMILY
    finally:
        other.close()


def test_the_share_sheet_gets_a_caregiver_copy_of_only_what_was_chosen(context: BrowserContext, live_server: LiveServer) -> None:
    context.add_init_script(CAPTURE_SHARE)
    page = context.new_page()
    seed_vault(page, live_server)
    unlock_plan_page(page, live_server)
    page.locator("input[name=export-kind][value=caregiver]").check()
    expect(page.locator("#export-sections")).to_be_visible()
    expect(page.locator("input[name=export-section][value=people]")).to_be_disabled()
    chosen = {"people", "contacts", "care", "school"}
    for box in page.locator("input[name=export-section]").all():
        if box.get_attribute("value") not in chosen:
            box.uncheck()
    page.locator("#export-own-toggle").check()
    page.locator("#export-own-passphrase").fill("short")
    page.locator("#export-form button[type=submit]").click()
    expect(page.locator("#export-error")).to_have_text(ui_string(page, "exportWeakPassphrase"))
    page.locator("#export-own-passphrase").fill(FILE_PASSPHRASE)
    make_file(page)
    expect(page.locator("#export-share")).to_be_visible()
    assert_accessible(page, "share panel, caregiver copy made")
    page.locator("#export-share").click()
    page.wait_for_function("() => window.__shared")
    shared = page.evaluate("() => window.__shared")
    expect(page.locator("#export-status")).to_have_text(ui_string(page, "exportShared"))
    assert shared["type"] == "application/x-famplan" and shared["name"].endswith(".famplan")

    payload = decrypt_file(base64.b64decode(shared["bytes"]), FILE_PASSPHRASE)
    assert payload["kind"] == "caregiver"
    expected = ps.caregiver_subset(FULL_FAMILY)
    expected["sections"] = {k: v for k, v in expected["sections"].items() if k in chosen}
    assert payload["plan"] == expected
    assert set(payload["plan"]["sections"]) == chosen
    assert "ssnItin" not in json.dumps(payload) and "finances" not in payload["plan"]["sections"]
    # A caregiver's copy is not a backup: the reminder still asks for one.
    state = page.evaluate("async (url) => (await import(url)).backupState()", live_server.asset("js/vault/vault.js"))
    assert state["exportedAt"] == 0


def test_the_caregiver_copy_matches_the_python_reference(page: Page, live_server: LiveServer) -> None:
    page.goto(f"{live_server.url}/en/")
    plans = [FULL_FAMILY, V1_MIGRATED, ps.empty_plan()]
    result = page.evaluate(
        """async ([url, plans]) => {
          const { caregiverCopy } = await import(url);
          return plans.map((plan) => [caregiverCopy(plan), caregiverCopy(plan, ["medical"])]);
        }""",
        [live_server.asset("js/share/caregiver-copy.js"), plans],
    )
    for plan, (everything, medical) in zip(plans, result):
        assert everything == ps.caregiver_subset(plan)
        assert set(medical["sections"]) <= {"people", "medical"}


def test_plans_shared_with_me_are_kept_labelled_viewed_removed_and_my_plan_can_be_restored(
    context: BrowserContext, live_server: LiveServer
) -> None:
    page = context.new_page()
    seed_vault(page, live_server)
    unlock_on_open_page(page, live_server)
    expect(page.locator("#shared-empty")).to_be_visible()
    # Made in Python: a caregiver's copy, and an old (schema version 1) plan.
    caregiver_file = encrypt_plan({"schemaVersion": 2, "plan": ps.caregiver_subset(FULL_FAMILY)}, FILE_PASSPHRASE, kind="caregiver")
    old_file = encrypt_plan({"schemaVersion": 1, "plan": V1_PLAN}, FILE_PASSPHRASE)

    open_file(page, caregiver_file)
    expect(page.locator("#import-summary")).to_contain_text(ui_string(page, "importKindCaregiver"))
    page.locator("#import-preview summary").click()
    assert_accessible(page, "open page, preview")
    page.locator("#import-keep").click()
    # The family's name is the name it is kept under, unless another is typed.
    expect(page.locator("#import-label")).to_have_value("Familia Morales Núñez")
    page.locator("#import-store-confirm").click()
    expect(page.locator("#import-result")).to_have_text(ui_string(page, "importKept"))

    # The second one arrives by drag and drop.
    page.evaluate(
        """(bytes) => {
          const transfer = new DataTransfer();
          transfer.items.add(new File([Uint8Array.from(atob(bytes), (c) => c.charCodeAt(0))], "old.famplan"));
          document.getElementById("import-drop").dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }));
        }""",
        base64.b64encode(old_file).decode(),
    )
    expect(page.locator("#import-unlock")).to_be_visible()
    page.locator("#import-passphrase").fill(FILE_PASSPHRASE)
    page.locator("#import-form button[type=submit]").click()
    expect(page.locator("#import-preview")).to_be_visible()
    page.locator("#import-keep").click()
    # No family name in an old plan: the adults' names, unless another is typed.
    expect(page.locator("#import-label")).to_have_value(", ".join(p["name"] for p in V1_PLAN["people"] if not p["isChild"]))
    page.locator("#import-label").fill("The other family")
    page.locator("#import-store-confirm").click()
    expect(page.locator(".shared-entry")).to_have_count(2)
    expect(page.locator(".shared-entry h3").nth(1)).to_have_text("The other family")

    entries = stored(page, live_server)["shared"]
    assert [entry["kind"] for entry in entries] == ["caregiver", "full"]
    assert entries[0]["plan"] == ps.migrate(ps.caregiver_subset(FULL_FAMILY))  # missing sections added empty
    assert entries[1]["plan"] == V1_MIGRATED  # migrated in the browser exactly as in Python
    assert stored(page, live_server)["plan"] == FULL_FAMILY  # keeping never touches my plan

    # Read-only view, then removal of the first.
    first = page.locator(".shared-entry").first
    first.get_by_role("button", name=ui_string(page, "sharedView")).click()
    expect(first.locator(".plan-document")).to_contain_text("Sofía Morales Núñez")
    expect(first.locator("input, textarea, select")).to_have_count(0)
    assert_accessible(page, "open page, shared plans listed")
    page.once("dialog", lambda dialog: dialog.accept())
    first.get_by_role("button", name=ui_string(page, "sharedRemove")).click()
    expect(page.locator(".shared-entry")).to_have_count(1)
    expect(page.locator(".shared-entry h3")).to_have_text("The other family")

    # Replace my plan; the earlier one is kept and comes back.
    open_file(page, old_file)
    replace_with_opened_file(page)
    after = stored(page, live_server)
    assert after["plan"] == V1_MIGRATED and after["backup"]["plan"] == FULL_FAMILY
    expect(page.locator("#plan-backup")).to_be_visible()
    page.locator("#restore-backup").click()
    expect(page.locator("#shared-status")).to_have_text(ui_string(page, "backupRestored"))
    restored = stored(page, live_server)
    assert restored["plan"] == FULL_FAMILY and restored["backup"]["plan"] == V1_MIGRATED
    assert len(restored["shared"]) == 1

    # Locking removes every decrypted value from the page.
    page.locator("#open-lock").click()
    expect(page.locator("#vault-unlock")).to_be_visible()
    assert "The other family" not in page.content() and "Morales" not in page.content()


def _bad_files() -> list[tuple[str, bytes, str | None, str]]:
    """(label, file, passphrase to type or None if refused before asking, code)."""
    valid = encrypt_plan({"schemaVersion": 2, "plan": FULL_FAMILY}, FILE_PASSPHRASE)
    ciphertext = outer_of(valid)["ciphertext"]
    newer = encrypt_plan({"schemaVersion": ps.current_version() + 1, "plan": {}}, FILE_PASSPHRASE)
    not_a_plan = spec_seal(b'{"schemaVersion":2,"kind":"full","plan":[]}', FILE_PASSPHRASE, iterations=600_000, rnd=random_parts("ui"))
    return [
        ("random bytes", random.Random(5).randbytes(3000), None, "not-json"),
        ("empty file", b"", None, "empty"),
        ("truncated file", valid[: len(valid) // 2], None, "not-json"),
        ("broken json", valid.replace(b'","', b'" "', 1), None, "not-json"),
        ("some other json", b'{"name": "not a plan"}', None, "not-famplan"),
        ("unknown version", _set("version", 2)(valid), None, "unsupported-version"),
        ("header field tampered", _set("h.kdf.alg", "PBKDF2-SHA1")(valid), None, "malformed-field"),
        ("kdf out of bounds", _set("h.kdf.iterations", 100_000_000)(valid), None, "kdf-out-of-bounds"),
        ("oversized file", valid + b" " * ff.MAX_FILE_BYTES, None, "too-large"),
        ("header iv tampered", _set("h.wrap.iv", flip_b64(json.loads(ff.b64url_decode(outer_of(valid)["header"]))["wrap"]["iv"]))(valid), FILE_PASSPHRASE, "wrong-passphrase-or-tampered"),
        ("wrong passphrase", valid, "ember flock gravel tonic whisk oasis", "wrong-passphrase-or-tampered"),
        ("one flipped ciphertext bit", dump({**outer_of(valid), "ciphertext": flip_b64(ciphertext, 100, 2)}), FILE_PASSPHRASE, "payload-damaged"),
        ("no plan inside", not_a_plan, FILE_PASSPHRASE, "invalid-payload"),
        ("newer schema", newer, FILE_PASSPHRASE, "newer-schema"),
    ]


def test_every_bad_file_gets_its_own_message_and_nothing_stored_changes(context: BrowserContext, live_server: LiveServer) -> None:
    page = context.new_page()
    seed_vault(page, live_server)
    unlock_on_open_page(page, live_server)
    keep_one = encrypt_plan({"schemaVersion": 2, "plan": ps.caregiver_subset(FULL_FAMILY)}, FILE_PASSPHRASE, kind="caregiver")
    open_file(page, keep_one)
    keep_opened_file(page)
    expect(page.locator(".shared-entry")).to_have_count(1)
    before = saved_state(page)

    messages: dict[str, str] = {}
    for label, data, passphrase, code in _bad_files():
        choose_file(page, data)
        expected = ui_string(page, f"file-{code}")
        if passphrase is None:
            expect(page.locator("#import-error"), label).to_have_text(expected)
            expect(page.locator("#import-unlock")).to_be_hidden()
        else:
            expect(page.locator("#import-unlock"), label).to_be_visible()
            page.locator("#import-passphrase").fill(passphrase)
            page.locator("#import-form button[type=submit]").click()
            expect(page.locator("#import-passphrase-error"), label).to_have_text(expected)
        expect(page.locator("#import-preview")).to_be_hidden()
        messages[code] = expected

    assert len(set(messages.values())) == len(messages) == len(ff.ERROR_MESSAGES)  # one message per code
    assert saved_state(page) == before
    expect(page.locator(".shared-entry")).to_have_count(1)


def test_what_was_just_typed_is_in_the_file(context: BrowserContext, live_server: LiveServer) -> None:
    page = context.new_page()
    seed_vault(page, live_server)
    unlock_plan_page(page, live_server)
    go(page, "#step=notes")
    typed = "Written a moment before making the file."
    page.locator('#plan-editor [data-pointer="/sections/notes/text"] textarea').fill(typed)
    go(page, "#share")  # straight to "Share and print": the editor's own save may still be waiting
    words = page.locator("#export-words").text_content() or ""
    make_file(page)  # at once: the editor's own save may still be waiting
    with page.expect_download() as download:
        page.locator("#export-download").click()
    plan = decrypt_file(Path(download.value.path()).read_bytes(), words)["plan"]
    assert plan["sections"]["notes"]["text"] == typed


def test_file_code_that_cannot_load_is_said_plainly(browser: Browser, device_descriptor: dict[str, Any], live_server: LiveServer) -> None:
    """The open page loads its file code after the first paint. Should that fail
    (a broken update, a dropped connection), choosing a file says so instead of doing nothing."""
    context = browser.new_context(**device_descriptor, service_workers="block")
    try:
        context.route("**/static/js/pages/open-page-actions.*", lambda route: route.abort())
        page = context.new_page()
        page.goto(f"{live_server.url}/es/open/")
        choose_file(page, encrypt_plan({"schemaVersion": 2, "plan": FULL_FAMILY}, FILE_PASSPHRASE))
        expect(page.locator("#import-error")).to_have_text(ui_string(page, "unexpectedError"))
        expect(page.locator("#import-unlock")).to_be_hidden()
    finally:
        context.close()

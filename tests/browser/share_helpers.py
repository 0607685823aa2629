"""What the sharing tests share: a vault holding the test family's plan, and
opening a received file on the open page."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.browser.vault_helpers import PASSPHRASE, ui_string
from tests.live_server import LiveServer

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
FULL_FAMILY: dict[str, Any] = json.loads((FIXTURES / "plan-full-family.json").read_text(encoding="utf-8"))
V1_PLAN: dict[str, Any] = json.loads((FIXTURES / "plan-v1.json").read_text(encoding="utf-8"))
V1_MIGRATED: dict[str, Any] = json.loads((FIXTURES / "plan-v1-migrated.json").read_text(encoding="utf-8"))
FILE_PASSPHRASE = "ember-flock-gravel-tonic-whisk-oasis"

SEED = """async ([url, passphrase, plan]) => {
  const vault = await import(url);
  const session = await vault.createVault(passphrase);
  if (plan !== null) await session.save(plan);
  session.lock();
}"""

# A second session on the same page, only to read what the app stored.
READ_STORED = """async ([vaultUrl, sharedUrl, backupUrl, passphrase]) => {
  const vault = await import(vaultUrl);
  const shared = await import(sharedUrl);
  const backup = await import(backupUrl);
  const session = await vault.unlock(passphrase);
  const result = { plan: await session.load(), shared: await shared.listSharedPlans(session), backup: await backup.readBackup(session) };
  session.lock();
  return result;
}"""


def seed_vault(page: Page, server: LiveServer, plan: dict[str, Any] | None = FULL_FAMILY) -> None:
    """A vault with `plan` saved in it, made through the vault's own module."""
    page.goto(f"{server.url}/en/")
    page.evaluate(SEED, [server.asset("js/vault/vault.js"), PASSPHRASE, plan])


def stored(page: Page, server: LiveServer) -> dict[str, Any]:
    names = ("js/vault/vault.js", "js/share/shared-plans.js", "js/share/plan-backup.js")
    return page.evaluate(READ_STORED, [*(server.asset(name) for name in names), PASSPHRASE])


def unlock_on_open_page(page: Page, server: LiveServer, lang: str = "en") -> None:
    page.goto(f"{server.url}/{lang}/open/")
    expect(page.locator("#vault-unlock")).to_be_visible()
    page.locator("#unlock-passphrase").fill(PASSPHRASE)
    page.locator("#vault-unlock button[type=submit]").click()
    expect(page.locator("#shared-plans")).to_be_visible()


def choose_file(page: Page, data: bytes, name: str = "plan.famplan") -> None:
    expect(page.locator("#open-app")).to_have_attribute("data-ready", "true")
    page.locator("#import-file").set_input_files(files=[{"name": name, "mimeType": "application/x-famplan", "buffer": data}])


def open_file(page: Page, data: bytes, passphrase: str = FILE_PASSPHRASE) -> None:
    """Chooses the file, types its passphrase and waits for the preview."""
    choose_file(page, data)
    expect(page.locator("#import-unlock")).to_be_visible()
    page.locator("#import-passphrase").fill(passphrase)
    page.locator("#import-form button[type=submit]").click()
    expect(page.locator("#import-preview")).to_be_visible()


def keep_opened_file(page: Page, label: str | None = None, own_passphrase: str | None = None) -> None:
    """From the preview, or from its steps ("Look at it now"): "Keep it on this phone",
    the plan's name, then the person's own passphrase if the keep step asks for it
    (a new one on a phone without a vault, else to unlock), else the step's Keep
    button. Waits until it is kept."""
    if page.locator("#import-keep").is_visible():
        page.locator("#import-keep").click()
    else:
        page.locator("#plan-steps").get_by_role("button", name=ui_string(page, "storeKeepTitle")).click()
    expect(page.locator("#import-store")).to_be_visible()
    if label is not None:
        page.locator("#import-label").fill(label)
    store_opened_file(page, own_passphrase)
    expect(page.locator("#import-result")).to_have_text(ui_string(page, "importKept"))


def replace_with_opened_file(page: Page, own_passphrase: str | None = None) -> None:
    """From the preview: "Replace my plan with this one", then as keeping. Waits until it is done."""
    page.locator("#import-replace").click()
    expect(page.locator("#import-store")).to_be_visible()
    store_opened_file(page, own_passphrase)
    expect(page.locator("#import-result")).to_have_text(ui_string(page, "importReplaced"))


def store_opened_file(page: Page, own_passphrase: str | None) -> None:
    store = page.locator("#import-store")
    if own_passphrase is None:
        store.locator("#import-store-confirm").click()
        return
    field = store.locator("#setup-passphrase:visible, #unlock-passphrase:visible")
    expect(field).to_have_count(1)
    field.fill(own_passphrase)
    store.locator(".vault-form:visible button[type=submit]").click()


def unlock_plan_page(page: Page, server: LiveServer) -> None:
    """Opens the plan page (a fresh load, so it starts locked), unlocks it and goes
    to its "Share and print" screen."""
    page.goto(f"{server.url}/en/plan/")
    expect(page.locator("#vault-unlock")).to_be_visible()
    page.locator("#unlock-passphrase").fill(PASSPHRASE)
    page.locator("#vault-unlock button[type=submit]").click()
    expect(page.locator("#plan-editor > [data-route]")).to_be_visible()
    page.evaluate("window.location.hash = '#share'")
    expect(page.locator("#share-panel")).to_be_visible()


def assert_accessible(page: Page, where: str) -> None:
    """axe-core finds nothing in the page as it is now (forms open, results shown)."""
    results = Axe().run(page)
    summary = [(v["id"], [node["target"] for node in v["nodes"]][:3]) for v in results.response["violations"]]
    assert results.violations_count == 0, f"{where}: {summary}"


def make_and_download_file(page: Page) -> bytes:
    """The share panel's "Make the file", then "Download": the bytes saved on the phone."""
    page.locator("#export-form button[type=submit]").click()
    expect(page.locator("#export-deliver")).to_be_visible()
    with page.expect_download() as download:
        page.locator("#export-download").click()
    return Path(download.value.path()).read_bytes()

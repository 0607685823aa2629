"""Browser spell check stays off wherever plan data or a passphrase can be
typed or shown outside the plan editor: the open page (its file passphrase,
preview and the name given to a kept plan), the vault's forms, Settings and
the print view. Chrome's enhanced spell check and Edge's editor send what is
checked to a cloud service, which the page's connect-src cannot stop."""

from __future__ import annotations

from playwright.sync_api import BrowserContext, Page, expect

from server.fileformat import encrypt_plan
from tests.browser.share_helpers import FILE_PASSPHRASE, FULL_FAMILY, open_file
from tests.browser.vault_helpers import PASSPHRASE, create_vault
from tests.live_server import LiveServer

# Every field under these roots whose spell check is on (the property reflects
# what the field inherits from its ancestors, as the browser decides it).
SPELLCHECKED = """(roots) => roots.flatMap((selector) => [...document.querySelectorAll(selector)])
  .flatMap((root) => [root, ...root.querySelectorAll("input, textarea, [contenteditable]")])
  .filter((node) => node.matches("textarea, [contenteditable], input:not([type=hidden], [type=file], [type=radio], [type=checkbox])"))
  .filter((node) => node.spellcheck !== false)
  .map((node) => node.id || node.outerHTML.slice(0, 80))"""


def spellchecked(page: Page, *roots: str) -> list[str]:
    assert all(page.locator(root).count() > 0 for root in roots), roots
    return page.evaluate(SPELLCHECKED, list(roots))


def test_spell_check_is_off_outside_the_editor(context: BrowserContext, live_server: LiveServer) -> None:
    page = context.new_page()
    page.goto(f"{live_server.url}/en/plan/")
    expect(page.locator("#vault-setup")).to_be_visible()
    assert spellchecked(page, "#vault-setup", "#vault-unlock") == []

    create_vault(page, live_server.url)
    page.goto(f"{live_server.url}/en/settings/")
    expect(page.locator("#change-passphrase")).to_be_visible()
    assert spellchecked(page, "#settings-app") == []

    page.goto(f"{live_server.url}/en/open/")
    page.locator("#unlock-passphrase").fill(PASSPHRASE)
    page.locator("#vault-unlock button[type=submit]").click()
    expect(page.locator("#shared-plans")).to_be_visible()
    open_file(page, encrypt_plan({"schemaVersion": 2, "plan": FULL_FAMILY}, FILE_PASSPHRASE))
    page.locator("#import-keep").click()
    expect(page.locator("#import-label")).to_have_value(FULL_FAMILY["sections"]["family"]["name"])
    assert spellchecked(page, "#open-app", ".print-root") == []
    page.locator("#import-store-back").click()
    page.locator("#import-look").click()
    expect(page.locator("#plan-steps .action-view")).to_be_visible()
    assert spellchecked(page, "#open-app", ".print-root") == []
    # The containers themselves say so, for anything added inside them later.
    for root in ("#open-app", "#settings-app", ".print-root"):
        if page.locator(root).count():
            expect(page.locator(root)).to_have_attribute("spellcheck", "false")

"""What the caregiver's-path tests share (issue 13): the family's files made through
the share panel, a fresh phone, what "If you get the call" must show for a plan,
and the checks every view of it passes (no sideways scroll at 320 px)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect

from server import plan_schema as ps
from server.fileformat import decrypt_file
from tests.browser.share_helpers import choose_file, make_and_download_file, seed_vault, unlock_plan_page
from tests.live_server import LiveServer

# Shown as the step they head, not as an answer of their own: a person's name
# and role title the steps about them ("Pick up Sofía"), a school entry's
# children and a medical entry's person say whose step it is.
TITLES = {"people/legalName", "people/role", "school/children", "medical/person"}
# Said by the steps' shape: with pets listed, "has pets" is their list (with no
# pets, the step says "The family has no pets.").
IMPLIED = {"family/hasPets"}

# Waits until the kept plan's ticks, as stored (encrypted) on this phone, are `wanted`;
# a second session of the vault reads them, as the app would after a reload.
STORED_TICKS = """async ([vaultUrl, sharedUrl, passphrase, wanted]) => {
  const vault = await import(vaultUrl);
  const shared = await import(sharedUrl);
  const session = await vault.unlock(passphrase);
  try {
    for (;;) {
      const [entry] = await shared.listSharedPlans(session);
      const ticks = [...(entry?.ticks ?? [])].sort();
      if (JSON.stringify(ticks) === JSON.stringify([...wanted].sort())) return ticks;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    session.lock();
  }
}"""

NO_SIDEWAYS_SCROLL = "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"


@dataclass
class FamilyFile:
    data: bytes
    passphrase: str
    payload: dict[str, Any]


def _export(page: Page, kind: str) -> FamilyFile:
    """The share panel's "Send a locked copy": the file saved on the family's phone, with its words."""
    page.locator(f"input[name=export-kind][value={kind}]").check()
    words = page.locator("#export-words").text_content() or ""
    data = make_and_download_file(page)
    return FamilyFile(data, words, decrypt_file(data, words))


def family_files(browser: Browser, context_args: dict[str, Any], server: LiveServer, plan: dict[str, Any]) -> dict[str, FamilyFile]:
    """The family's phone makes its whole plan and a caregiver's copy (every part), through the UI."""
    context = browser.new_context(**context_args, accept_downloads=True)
    try:
        page = context.new_page()
        seed_vault(page, server, plan)
        unlock_plan_page(page, server)
        return {kind: _export(page, kind) for kind in ("full", "caregiver")}
    finally:
        context.close()


def filled_fields(plan: dict[str, Any]) -> set[str]:
    """"section/field" (and "section/list/field") of every filled answer of a plan."""
    found: set[str] = set()

    def walk(prefix: str, fields: list[dict[str, Any]], values: Any) -> None:
        if not isinstance(values, dict):
            return
        for field in fields:
            value = values.get(field["id"])
            if ps.is_blank(value):
                continue
            if field["type"] == "list":
                for item in value:
                    walk(f"{prefix}/{field['id']}", field["fields"], item)
            else:
                found.add(f"{prefix}/{field['id']}")

    for section in ps.section_defs():
        value = plan["sections"].get(section["id"])
        for item in value if section["kind"] == "list" and isinstance(value, list) else [value]:
            walk(section["id"], section["fields"], item)
    return found - TITLES - IMPLIED


def shown_fields(view: Locator) -> set[str]:
    return set(view.locator("[data-field]").evaluate_all("(nodes) => nodes.map((node) => node.dataset.field)"))


def gaps(view: Locator) -> list[str]:
    return view.locator("[data-gap]").evaluate_all("(nodes) => nodes.map((node) => node.dataset.gap)")


def tel_fields() -> set[str]:
    """Every "section/field" (and "section/list/field") whose answer is a phone number."""
    found: set[str] = set()

    def walk(prefix: str, fields: list[dict[str, Any]]) -> None:
        for field in fields:
            if field["type"] == "list":
                walk(f"{prefix}/{field['id']}", field["fields"])
            elif field["type"] == "tel":
                found.add(f"{prefix}/{field['id']}")

    for section in ps.section_defs():
        walk(section["id"], section["fields"])
    return found


def assert_every_number_dials(view: Locator) -> int:
    """Every phone number shown is a tel: link; returns how many were shown."""
    shown = 0
    for where in sorted(tel_fields()):
        for row in view.locator(f'[data-field="{where}"]').all():
            links = row.locator("a[href^='tel:']")
            expect(links).to_have_count(1)
            number = row.locator("dd").text_content() or ""
            href = links.get_attribute("href") or ""
            digits = "".join(ch for ch in number.split("ext")[0] if ch.isdigit())
            assert href.replace("+", "").startswith(f"tel:{digits}"), (where, number, href)
            shown += 1
    return shown


def new_phone(browser: Browser, context_args: dict[str, Any]) -> BrowserContext:
    """A phone that has never opened the app: no vault, no worker, nothing cached."""
    return browser.new_context(**context_args)


def open_received(page: Page, file: FamilyFile) -> None:
    """Step 1 and 2 on the open page: the file, then its passphrase; waits for the preview."""
    choose_file(page, file.data)
    expect(page.locator("#import-unlock")).to_be_visible()
    page.locator("#import-passphrase").fill(file.passphrase)
    page.locator("#import-form button[type=submit]").click()
    expect(page.locator("#import-preview")).to_be_visible()


def look_now(page: Page) -> Locator:
    """ "Look at it now": the steps of the opened file, nothing stored."""
    page.locator("#import-look").click()
    view = page.locator("#plan-steps .action-view")
    expect(view).to_be_visible()
    return view


def assert_no_sideways_scroll(page: Page, where: str) -> None:
    assert page.evaluate(NO_SIDEWAYS_SCROLL), f"{where}: the page scrolls sideways"

"""Names and answers in running text are isolated (<bdi>): a right-to-left
override in a name reverses only that name, never the sentence around it. In
the import preview, the caregiver's steps, the list of shared plans (and its
confirm dialog) and every printed part: the plan document, the child cards and
the school letters."""

from __future__ import annotations

import copy
import json
from typing import Any

from playwright.sync_api import BrowserContext, Page, expect

from server import plan_schema as ps
from server.fileformat import encrypt_plan
from tests.browser.share_helpers import FILE_PASSPHRASE, FULL_FAMILY, open_file, seed_vault, unlock_on_open_page
from tests.browser.vault_helpers import ui_string
from tests.live_server import LiveServer

RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE: everything after it, to the end of its isolate, is laid out reversed
FREE_TEXT = {"text", "longtext", "tel", "email", "anumber", "date"}
SHORT_NAMES = ["Ana", "Bo", "Cy", "Di", "Ed"]  # one line on a phone, so their order on screen can be compared

# Every text node holding a user string (each starts with RLO) must be the whole
# of an isolate (<bdi> or dir=auto) inside the root: [isolated, not isolated].
CHECK_ISOLATION = """(root) => {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const result = { isolated: 0, loose: [] };
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.data.includes("\\u202e")) continue;
    const isolate = node.parentElement.closest("bdi, [dir=auto]");
    if (isolate && root.contains(isolate) && isolate.textContent === node.data) result.isolated += 1;
    else result.loose.push(node.parentElement.textContent.slice(0, 80));
  }
  return result;
}"""

# Where each name starts on screen, in the summary line that holds them.
NAME_POSITIONS = """(names) => {
  const line = [...document.querySelectorAll("#import-summary li")].find((li) => li.textContent.includes(names[0]));
  const boxes = names.map(() => null);
  const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    names.forEach((name, index) => {
      const at = node.data.indexOf(name);
      if (at < 0 || boxes[index]) return;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + name.length);
      const box = range.getBoundingClientRect();
      boxes[index] = { left: box.left, top: box.top };
    });
  }
  return boxes;
}"""

PRINTED = """async ([urls, text, label]) => {
  const [documents, cards, letters] = await Promise.all(urls.map((url) => import(url)));
  const plan = JSON.parse(text);
  const holder = document.createElement("div");
  holder.append(documents.planDocument(plan, { heading: label, note: "" }), cards.childCards(plan), letters.schoolLetters(plan));
  return holder;
}"""


def overridden(plan: dict[str, Any]) -> dict[str, Any]:
    """The plan with RLO before every free-text answer, in every section and nested list,
    and with short names for its people."""
    plan = copy.deepcopy(plan)

    def mark(fields: list[dict[str, Any]], values: Any) -> None:
        if not isinstance(values, dict):
            return
        for field in fields:
            value = values.get(field["id"])
            if field["type"] in FREE_TEXT and isinstance(value, str) and value.strip():
                values[field["id"]] = RLO + value
            elif field["type"] == "list" and isinstance(value, list):
                for item in value:
                    mark(field["fields"], item)

    for person, name in zip(plan["sections"]["people"], SHORT_NAMES):
        person["legalName"] = name
    for sdef in ps.section_defs():
        value = plan["sections"].get(sdef["id"])
        for item in value if isinstance(value, list) else [value]:
            mark(sdef["fields"], item)
    return plan


def assert_isolated(page: Page, selector: str, at_least: int) -> None:
    found = page.locator(selector).evaluate(CHECK_ISOLATION)
    assert found["loose"] == [], selector
    assert found["isolated"] >= at_least, (selector, found)


def test_every_user_string_is_isolated_where_a_plan_is_shown_listed_or_printed(
    context: BrowserContext, live_server: LiveServer
) -> None:
    page = context.new_page()
    seed_vault(page, live_server)
    unlock_on_open_page(page, live_server)
    plan = overridden(FULL_FAMILY)
    names = [RLO + name for name in SHORT_NAMES]
    marked = json.dumps(plan, ensure_ascii=False).count(RLO)  # every one is an answer the document shows
    assert marked > 300
    open_file(page, encrypt_plan({"schemaVersion": 2, "plan": plan}, FILE_PASSPHRASE))

    # "People in it: Ana, Bo, Cy, Di, Ed." reads in order, each name reversed on its own.
    boxes = page.evaluate(NAME_POSITIONS, names)
    assert len({box["top"] for box in boxes}) == 1, boxes  # one line, so left to right is reading order
    lefts = [box["left"] for box in boxes]
    assert lefts == sorted(lefts), lefts
    expect(page.locator("#import-summary")).to_contain_text(ui_string(page, "importPeople").split("{")[0].strip())
    assert_isolated(page, "#import-summary", len(names))
    assert_isolated(page, "#import-document", marked)

    # Its steps ("If you get the call") show every answer, each one isolated.
    page.locator("#import-look").click()
    expect(page.locator("#plan-steps .action-view")).to_be_visible()
    assert_isolated(page, "#plan-steps", marked)

    # Kept: its name (the family's) heads its entry, and the confirm dialog isolates it too.
    page.locator("#plan-steps").get_by_role("button", name=ui_string(page, "storeKeepTitle")).click()
    page.locator("#import-store-confirm").click()
    entry = page.locator(".shared-entry")
    expect(entry).to_have_count(1)
    entry.get_by_role("button", name=ui_string(page, "sharedView")).click()
    expect(entry.locator(".plan-document")).to_be_visible()
    assert_isolated(page, "#shared-list", marked + 1)
    label = entry.locator(":scope > h3").text_content() or ""
    assert label == RLO + FULL_FAMILY["sections"]["family"]["name"]
    messages: list[str] = []
    page.once("dialog", lambda dialog: (messages.append(dialog.message), dialog.dismiss()))
    entry.get_by_role("button", name=ui_string(page, "sharedRemove")).click()
    expect(entry).to_have_count(1)
    assert messages and f"\u2068{label}\u2069" in messages[0]

    # Printed: the plan under its label, a card for each child, a letter for each school.
    modules = ["js/print/plan-document.js", "js/print/child-cards.js", "js/print/school-letters.js"]
    printed = page.evaluate_handle(PRINTED, [[live_server.asset(m) for m in modules], json.dumps(plan), label])
    found = printed.evaluate(CHECK_ISOLATION)
    assert found["loose"] == []
    assert found["isolated"] >= marked + 1 + 30  # the document, its label, the cards and letters

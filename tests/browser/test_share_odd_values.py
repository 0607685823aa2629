"""A plan whose answers are of the wrong type ({"toString": 1} in a yes/no field:
a file made by another app, or edited and sealed again) still opens. Each odd
answer is a problem of its own field, the same in both validators, and it never
stops the file from being opened, shown, kept or printed: it shows as stored."""

from __future__ import annotations

import copy
import json

from playwright.sync_api import BrowserContext, Page, expect

from server import plan_schema as ps
from server.fileformat import encrypt_plan
from tests.browser.plan_helpers import ODD_VALUES, odd_value_plan
from tests.browser.share_helpers import FILE_PASSPHRASE, FULL_FAMILY, keep_opened_file, open_file, seed_vault, stored, unlock_on_open_page
from tests.browser.vault_helpers import ui_string
from tests.live_server import LiveServer

MODULES = [
    "js/print/plan-document.js", "js/print/child-cards.js", "js/print/school-letters.js", "js/plan/validate.js",
    "js/plan/caregiver-steps.js", "js/views/action-view.js", "js/print/action-pages.js",
]

# Every printed part of each plan, its steps ("If you get the call") on screen and
# on paper, and its problems; a thrown error is the failure.
RENDER = """async ([urls, text]) => {
  const [documents, cards, letters, validate, steps, view, pages] = await Promise.all(urls.map((url) => import(url)));
  return JSON.parse(text).map((plan) => {
    try {
      const printed = [
        documents.planDocument(plan, { heading: "Plan", note: "" }),
        cards.childCards(plan),
        letters.schoolLetters(plan),
        view.renderActionView(steps.caregiverSteps(plan), plan, { ticks: new Set() }),
        pages.actionPages(steps.caregiverSteps(plan), plan, { ticks: new Set() }),
      ];
      return { text: printed.map((part) => part.textContent), problems: validate.validatePlan(plan) };
    } catch (error) {
      return { error: `${error.name}: ${error.message}` };
    }
  });
}"""


def test_odd_answers_in_every_field_are_field_problems_and_everything_prints(page: Page, live_server: LiveServer) -> None:
    page.goto(f"{live_server.url}/en/open/")
    plans = [odd_value_plan(odd) for odd in ODD_VALUES]
    results = page.evaluate(RENDER, [[live_server.asset(name) for name in MODULES], json.dumps(plans)])
    for odd, plan, result in zip(ODD_VALUES, plans, results):
        assert "error" not in result, (odd, result)
        problems = [problem.to_dict() for problem in ps.validate_plan(plan)]
        assert result["problems"] == problems, odd
        if not isinstance(odd, bool):
            assert {"path": "/sections/care/primaryAgreed", "code": "wrongType"} in problems
        document, cards, letters, steps, paper = result["text"]
        assert json.dumps(odd, separators=(",", ":")) in document  # shown as stored
        assert json.dumps(odd, separators=(",", ":")) in steps and "Ana Ficticia" in steps
        assert "Ana Ficticia" in paper
        assert "Ana Ficticia" in cards and "Luis Ficticio" in cards
        assert "Escuela Ficticia" in letters and "Rosa Ficticia" in letters


def test_a_file_with_odd_answers_opens_shows_and_is_kept_as_it_is(context: BrowserContext, live_server: LiveServer) -> None:
    page = context.new_page()
    seed_vault(page, live_server)
    unlock_on_open_page(page, live_server)
    plan = copy.deepcopy(FULL_FAMILY)
    sections = plan["sections"]
    sections["care"]["primaryAgreed"] = {"toString": 1}
    sections["contacts"][0]["canPickUp"] = {"valueOf": 1, "toString": 2}
    sections["care"]["childrenGo"] = {"toString": 1}
    sections["school"][0]["child"] = {"toString": 1}
    sections["school"][0]["pickup"].append({"toString": 1})
    sections["contacts"][0]["memorizeBy"] = [{"toString": 1}]

    open_file(page, encrypt_plan({"schemaVersion": 2, "plan": plan}, FILE_PASSPHRASE))
    expect(page.locator("#import-passphrase-error")).to_have_text("")
    expect(page.locator("#import-document")).to_contain_text('{"toString":1}')
    expect(page.locator("#import-document")).to_contain_text('{"valueOf":1,"toString":2}')
    page.locator("#import-look").click()
    expect(page.locator("#plan-steps")).to_contain_text('{"toString":1}')
    keep_opened_file(page)

    entry = page.locator(".shared-entry")
    entry.get_by_role("button", name=ui_string(page, "sharedView")).click()
    expect(entry.locator(".plan-document")).to_contain_text('{"toString":1}')
    assert stored(page, live_server)["shared"][0]["plan"] == plan  # kept exactly, odd answers and all

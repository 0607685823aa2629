"""The guided plan editor on a phone: a whole family typed in through the form
comes back exactly after a reload and unlock; a version 1 plan opens migrated."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

from playwright.sync_api import Page

from server import plan_schema as ps
from tests.browser.plan_helpers import (
    add_item, canonical, create_vault, expected_form, fill_plan, go, saved_plan, set_field, shown_form,
    store_plan, unlock, wait_saved,
)
from tests.live_server import LiveServer

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def load(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def test_full_family_typed_in_comes_back_exactly(phone: Page, live_server: LiveServer) -> None:
    full = load("plan-full-family.json")
    create_vault(phone, live_server.url)
    fill_plan(phone, full)
    wait_saved(phone)

    phone.reload()
    unlock(phone)
    for sdef in ps.section_defs():
        go(phone, f"#step={sdef['id']}")
        assert shown_form(phone) == expected_form(full, sdef["id"]), sdef["id"]

    stored = saved_plan(phone)
    assert canonical(stored) == canonical(full)
    assert ps.validate_plan(stored) == []
    assert ps.completeness(stored) == ps.completeness(full)
    ids = [item["id"] for sid in ("people", "contacts", "school", "medical", "documents", "pets") for item in stored["sections"][sid]]
    assert all(re.fullmatch(r"[0-9a-f]{16}", item_id) for item_id in ids) and len(set(ids)) == len(ids)
    assert stored["meta"]["createdAt"] <= stored["meta"]["updatedAt"]


def test_version_1_plan_opens_migrated_and_saves_as_version_2(phone: Page, live_server: LiveServer) -> None:
    v1, migrated = load("plan-v1.json"), load("plan-v1-migrated.json")
    create_vault(phone, live_server.url)
    store_plan(phone, v1)
    for sdef in ps.section_defs():
        go(phone, f"#step={sdef['id']}")
        assert shown_form(phone) == expected_form(migrated, sdef["id"]), sdef["id"]
    # the v1 phone number that was never valid is shown as it was, and flagged
    go(phone, "#step=contacts")
    problem = phone.locator('[data-pointer="/sections/contacts/2/phone"] .field-problem')
    assert problem.text_content() == "Check this phone number."
    assert saved_plan(phone) == v1  # opening alone writes nothing

    phone.locator('[data-pointer="/sections/contacts/0/relation"] input').fill("Tía")
    wait_saved(phone)
    stored = saved_plan(phone)
    expected = copy.deepcopy(migrated)
    expected["sections"]["contacts"][0]["relation"] = "Tía"
    assert {k: v for k, v in stored.items() if k != "meta"} == {k: v for k, v in expected.items() if k != "meta"}
    assert stored["meta"]["migratedFrom"] == 1 and stored["meta"]["updatedAt"] > migrated["meta"]["updatedAt"]


def problem_text(page: Page, pointer: str) -> str:
    return page.locator(f'[data-pointer="{pointer}"] .field-problem').first.text_content() or ""


def test_invalid_input_is_kept_and_flagged_inline(phone: Page, live_server: LiveServer) -> None:
    create_vault(phone, live_server.url)
    go(phone, "#step=people")
    add_item(phone, "/sections/people")
    people = ps.section_def("people")["fields"]
    set_field(phone, people[0], "/sections/people/0/role", "adult", {})
    a_number = phone.locator('[data-pointer="/sections/people/0/aNumber"] input')
    a_number.fill("A12")
    assert problem_text(phone, "/sections/people/0/aNumber") == ""  # not while typing for the first time
    a_number.press("Tab")
    assert problem_text(phone, "/sections/people/0/aNumber") == "An A-number has 8 or 9 digits, for example A012345678."
    assert a_number.get_attribute("aria-invalid") == "true"
    problem_id = phone.locator('[data-pointer="/sections/people/0/aNumber"] .field-problem').get_attribute("id")
    assert problem_id in a_number.get_attribute("aria-describedby").split()
    a_number.fill("a-12-345-678")  # fixed while typing: the message goes at once
    phone.wait_for_function("() => !document.querySelector('[data-pointer=\"/sections/people/0/aNumber\"] .field-problem').textContent")
    assert a_number.get_attribute("aria-invalid") is None
    assert "A012345678" in phone.locator('[data-pointer="/sections/people/0/aNumber"] .hint').last.text_content()
    a_number.fill("A12")
    phone.locator('[data-pointer="/sections/people/0/phone"] input').fill("+52 (33) 5550-1234")
    phone.locator('[data-pointer="/sections/people/0/email"] input').fill("ana@example")

    go(phone, "#step=contacts")
    add_item(phone, "/sections/contacts")
    phone.locator('[data-pointer="/sections/contacts/0/phone"] input').fill("call Rosa")
    add_item(phone, "/sections/contacts")  # left empty
    go(phone, "#step=people")
    go(phone, "#step=contacts")  # coming back: everything stored shows its problem
    assert problem_text(phone, "/sections/contacts/0/phone") == "Check this phone number."
    assert problem_text(phone, "/sections/contacts/0/name") == "Please fill this in."
    assert problem_text(phone, "/sections/contacts/1/name") == "Please fill this in."
    wait_saved(phone)

    phone.reload()
    unlock(phone)
    stored = saved_plan(phone)
    assert stored["sections"]["people"][0]["aNumber"] == "A12"
    assert stored["sections"]["people"][0]["email"] == "ana@example"
    assert stored["sections"]["contacts"][0]["phone"] == "call Rosa"
    go(phone, "#step=people")
    assert problem_text(phone, "/sections/people/0/aNumber").startswith("An A-number has 8 or 9 digits")
    assert problem_text(phone, "/sections/people/0/email") == "Check this email address."
    assert problem_text(phone, "/sections/people/0/phone") == ""


def test_stored_values_the_form_cannot_choose_are_shown_and_kept(phone: Page, live_server: LiveServer) -> None:
    plan = load("plan-full-family.json")
    plan["sections"]["people"][1]["birthDate"] = "2025-02-29"
    plan["sections"]["care"]["childrenGo"] = "maybe"
    plan["sections"]["care"]["primaryAgreed"] = "yes"
    plan["sections"]["contacts"][0]["memorizeBy"] = ["gone", "p-2c91f7aa"]
    plan["sections"]["finances"]["emergencyFundAmount"] = "1,500"
    plan["sections"]["travel"] = ["a part in the wrong form"]
    create_vault(phone, live_server.url)
    store_plan(phone, plan)
    go(phone, "#step=people")
    birth = phone.locator('[data-pointer="/sections/people/1/birthDate"] input')
    assert birth.get_attribute("type") == "text" and birth.input_value() == "2025-02-29"
    assert problem_text(phone, "/sections/people/1/birthDate").startswith("Check this date.")
    go(phone, "#step=care")
    assert phone.locator('[data-pointer="/sections/care/childrenGo"] input:checked').count() == 0
    assert problem_text(phone, "/sections/care/childrenGo") == "Choose one of the options."
    assert problem_text(phone, "/sections/care/primaryAgreed") == "This answer is in the wrong form."
    go(phone, "#step=contacts")
    assert problem_text(phone, "/sections/contacts/0/memorizeBy") == "This person is no longer in the plan."
    assert "A person who is no longer in the plan" in phone.locator('[data-pointer="/sections/contacts/0/memorizeBy"]').text_content()
    go(phone, "#step=travel")
    assert phone.locator("#plan-editor input, #plan-editor textarea").count() == 0
    assert phone.locator('[data-problems="/sections/travel"]').text_content() == "This answer is in the wrong form."
    go(phone, "#step=finances")
    assert phone.locator('[data-pointer="/sections/finances/emergencyFundAmount"] input').input_value() == "1,500"
    phone.locator('[data-pointer="/sections/finances/wagesOwed"] textarea').fill("None now, checked again.")
    wait_saved(phone)
    stored = saved_plan(phone)
    for section, key in [("care", "childrenGo"), ("care", "primaryAgreed"), ("contacts", "memorizeBy"), ("finances", "emergencyFundAmount")]:
        source = plan["sections"][section][0] if section == "contacts" else plan["sections"][section]
        target = stored["sections"][section][0] if section == "contacts" else stored["sections"][section]
        assert target[key] == source[key], key
    assert stored["sections"]["people"][1]["birthDate"] == "2025-02-29"
    assert stored["sections"]["travel"] == ["a part in the wrong form"]


def test_steps_progress_skip_back_button_and_overview(phone: Page, live_server: LiveServer) -> None:
    create_vault(phone, live_server.url)
    assert phone.locator(".overview [data-gap]").evaluate_all("(cards) => cards.map((c) => c.dataset.gap)") == [
        "no-pickup", "no-caregiver", "no-contact"]
    assert phone.locator(".part").count() == len(ps.section_defs())
    phone.locator(".overview .continue").click()
    phone.wait_for_selector('[data-step="people"]')
    assert phone.locator(".step-position").text_content() == "Step 1 of 16"
    assert phone.evaluate("document.activeElement.id") == "step-title"
    assert phone.locator('[data-nav="next"]').text_content() == "Skip for now"
    assert phone.locator('[data-nav="back"]').get_attribute("href") == "#overview"
    phone.locator('[data-nav="next"]').click()
    phone.wait_for_selector('[data-step="contacts"]')
    phone.locator('[data-nav="next"]').click()
    phone.wait_for_selector('[data-step="care"]')
    phone.locator('[data-pointer="/sections/care/primaryName"] input').fill("Rosa")
    phone.wait_for_function("() => document.querySelector('[data-nav=\"next\"]').textContent === 'Next'")
    assert phone.locator(".step-count").text_content() == "1 of 17 answered"
    phone.go_back()
    phone.wait_for_selector('[data-step="contacts"]')
    phone.go_back()
    phone.wait_for_selector('[data-step="people"]')
    phone.go_forward()
    phone.wait_for_selector('[data-step="contacts"]')
    phone.evaluate("window.location.hash = '#main'")  # the skip link: not the editor's
    assert phone.locator('[data-step="contacts"]').count() == 1
    go(phone, "#step=upkeep")
    assert phone.locator('[data-nav="next"]').text_content() == "Done: see the whole plan"
    phone.locator('[data-nav="next"]').click()
    phone.wait_for_selector(".overview")
    assert phone.locator(".overview [data-gap]").evaluate_all("(cards) => cards.map((c) => c.dataset.gap)") == ["no-pickup", "no-contact"]
    assert phone.locator('[data-section="care"] .part-status').text_content() == "1 of 17 answered"
    assert phone.locator('[data-section="pets"] .part-status').text_content() == "You can leave this part empty."
    assert phone.locator(".overview .continue").get_attribute("href") == "#step=people"  # skipped: waits here
    go(phone, "#step=care")
    phone.evaluate("window.location.hash = '#step=nonsense'")
    phone.wait_for_selector(".overview")


def test_lists_by_keyboard_add_move_remove_undo(phone: Page, live_server: LiveServer) -> None:
    create_vault(phone, live_server.url)
    go(phone, "#step=people")
    active = "document.activeElement.closest('[data-item]')?.dataset.item + ' ' + (document.activeElement.dataset.action || document.activeElement.type)"
    for name in ("Ana", "Ben"):
        phone.locator('[data-list="/sections/people"] > [data-action="add"]').focus()
        phone.keyboard.press("Enter")
        index = 0 if name == "Ana" else 1
        assert phone.evaluate(active) == f"/sections/people/{index} radio"
        phone.keyboard.press("Space")  # "Adult"
        phone.keyboard.press("Tab")  # out of the radio group, into "Full legal name"
        phone.keyboard.type(name)
    titles = "[...document.querySelectorAll('[data-list=\"/sections/people\"] .item-title')].map((t) => t.textContent)"
    phone.wait_for_function(f"() => {titles}.join('|') === 'Person 1 Ana|Person 2 Ben'")
    phone.locator('[data-item="/sections/people/1"] [data-action="up"]').focus()
    phone.keyboard.press("Enter")
    assert phone.evaluate(titles) == ["Person 1 Ben", "Person 2 Ana"]
    assert phone.evaluate(active) == "/sections/people/0 down"  # "Move up" is off at the top
    phone.keyboard.press("Tab")
    assert phone.evaluate(active) == "/sections/people/0 remove"
    phone.keyboard.press("Enter")
    assert phone.evaluate(titles) == ["Person 1 Ana"]
    assert phone.evaluate("document.activeElement.dataset.action") == "undo"
    assert phone.locator(".undo-bar").text_content().startswith("Person 1 was removed.")
    phone.keyboard.press("Enter")
    assert phone.evaluate(titles) == ["Person 1 Ben", "Person 2 Ana"]
    assert phone.evaluate(active) == "/sections/people/0 radio"
    wait_saved(phone)
    assert [p["legalName"] for p in saved_plan(phone)["sections"]["people"]] == ["Ben", "Ana"]


DEFER_SAVES = """() => {
  const session = window.__famplanSession;
  window.__realSave = session.save.bind(session);
  window.__held = [];
  session.save = (plan) => new Promise((resolve, reject) => window.__held.push(() => window.__realSave(plan).then(resolve, reject)));
}"""
FAIL_SAVES = """(code) => {
  const session = window.__famplanSession;
  session.save = () => Promise.reject(Object.assign(new Error("test"), { code }));
}"""


def test_saved_shows_only_after_the_save_and_a_failure_keeps_the_text(phone: Page, live_server: LiveServer) -> None:
    create_vault(phone, live_server.url)
    go(phone, "#step=care")
    phone.evaluate(DEFER_SAVES)
    name = phone.locator('[data-pointer="/sections/care/primaryName"] input')
    name.fill("Rosa")
    phone.wait_for_function("() => window.__held.length === 1")  # the pause after typing is over
    phone.wait_for_timeout(200)
    assert phone.locator("#save-status").text_content() == "Saving…"
    phone.evaluate("() => window.__held.shift()()")
    phone.wait_for_function("() => document.getElementById('save-status').textContent === 'Saved on this phone.'")

    phone.evaluate(FAIL_SAVES, "quota")
    name.fill("Rosa Elena")
    name.press("Tab")
    phone.wait_for_selector("#save-error button")
    assert phone.locator("#save-error").text_content().startswith("There is not enough storage space on this phone")
    assert name.input_value() == "Rosa Elena"
    phone.evaluate("() => { window.__famplanSession.save = window.__realSave; }")
    phone.locator("#save-error button").click()  # "Try again"
    wait_saved(phone)
    assert saved_plan(phone)["sections"]["care"]["primaryName"] == "Rosa Elena"

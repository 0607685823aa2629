"""The guided plan editor on a phone: a whole family typed in through the form,
part by part and entry by entry, comes back exactly after a reload and unlock;
version 1 and 2 plans open migrated; problems are shown on Continue, listed at the
top, and never block; lists are kept by keyboard."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, expect

from server import plan_schema as ps
from tests.browser.plan_helpers import (
    add_entry, canonical, create_vault, current_route, done_entry, expected_form, field, fill_plan, go,
    press_continue, saved_plan, shown_form, store_plan, unlock, wait_saved, wait_screen,
)
from tests.live_server import LiveServer

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def load(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def assert_form_shows(page: Page, plan: dict[str, Any]) -> None:
    """Every part's screen, and every entry's, shows exactly what the plan holds."""
    for sdef in ps.section_defs():
        if not ps.section_applies(sdef, plan["sections"]):
            continue
        if sdef["kind"] == "object":
            go(page, f"#step={sdef['id']}")
            assert shown_form(page) == expected_form(plan, sdef["id"]), sdef["id"]
            continue
        stored = saved_plan(page)["sections"][sdef["id"]]
        for index, item in enumerate(stored):
            go(page, f"#item={sdef['id']}/{item['id']}")
            assert shown_form(page) == expected_form(plan, sdef["id"], index), (sdef["id"], index)


def test_full_family_typed_in_comes_back_exactly(phone: Page, live_server: LiveServer) -> None:
    full = load("plan-full-family.json")
    create_vault(phone, live_server.url)
    fill_plan(phone, full)
    wait_saved(phone)

    phone.reload()
    unlock(phone)
    assert_form_shows(phone, full)
    stored = saved_plan(phone)
    assert canonical(stored) == canonical(full)
    assert ps.validate_plan(stored) == []
    assert ps.completeness(stored) == ps.completeness(full)
    ids = [item["id"] for sid in ("people", "contacts", "school", "medical", "documents", "pets") for item in stored["sections"][sid]]
    assert all(re.fullmatch(r"[0-9a-f]{16}", item_id) for item_id in ids) and len(set(ids)) == len(ids)
    assert stored["meta"]["createdAt"] <= stored["meta"]["updatedAt"]


def test_version_1_plan_opens_migrated_and_saves_as_version_3(phone: Page, live_server: LiveServer) -> None:
    v1, migrated = load("plan-v1.json"), load("plan-v1-migrated.json")
    create_vault(phone, live_server.url)
    store_plan(phone, v1)
    phone.goto(f"{live_server.url}/en/plan/")
    unlock(phone)
    assert current_route(phone) == "#overview"  # not a fresh plan: no interview
    for sdef in ps.section_defs():
        if sdef["kind"] == "object" and ps.section_applies(sdef, migrated["sections"]):
            go(phone, f"#step={sdef['id']}")
            assert shown_form(phone) == expected_form(migrated, sdef["id"]), sdef["id"]
    # the v1 phone number that was never valid is shown as it was, and flagged at once
    go(phone, "#item=contacts/v1-contact-3")
    problem = phone.locator('[data-pointer="/sections/contacts/2/phone"] .field-problem')
    assert problem.text_content().startswith("Check this phone number.")
    assert saved_plan(phone) == v1  # opening alone writes nothing

    go(phone, "#item=contacts/v1-contact-1")
    relation = field(phone, "/sections/contacts/0/relation")
    phone.locator("#plan-editor details.more > summary").click()
    relation.locator("input").fill("Tía")
    wait_saved(phone)
    stored = saved_plan(phone)
    expected = copy.deepcopy(migrated)
    expected["sections"]["contacts"][0]["relation"] = "Tía"
    assert {k: v for k, v in stored.items() if k != "meta"} == {k: v for k, v in expected.items() if k != "meta"}
    assert stored["schemaVersion"] == 3
    assert stored["meta"]["migratedFrom"] == 1 and stored["meta"]["updatedAt"] > migrated["meta"]["updatedAt"]


def test_version_2_plan_opens_with_one_school_entry_covering_its_child(phone: Page, live_server: LiveServer) -> None:
    v2 = load("plan-v2.json")
    create_vault(phone, live_server.url)
    store_plan(phone, v2)
    entry = v2["sections"]["school"][0]
    go(phone, f"#item=school/{entry['id']}")
    children = field(phone, "/sections/school/0/children")
    names = {p["id"]: p["legalName"] for p in v2["sections"]["people"]}
    expect(children.get_by_label(names[entry["child"]], exact=True)).to_be_checked()
    assert children.locator("input:checked").count() == 1


def problem_text(page: Page, pointer: str) -> str:
    return page.locator(f'[data-pointer="{pointer}"] .field-problem').first.text_content() or ""


def test_problems_show_on_continue_at_the_top_and_never_block(phone: Page, live_server: LiveServer) -> None:
    create_vault(phone, live_server.url)
    go(phone, "#step=people")
    add_entry(phone, "people", "adult")
    person = current_route(phone)
    field(phone, "/sections/people/0/role").get_by_label("Adult", exact=True).check()
    a_number = field(phone, "/sections/people/0/aNumber").locator("input")
    a_number.fill("A12")
    a_number.press("Tab")  # leaving the field says nothing: nothing moves under the finger
    assert problem_text(phone, "/sections/people/0/aNumber") == ""
    continue_button = phone.locator('[data-nav="next"]')
    box = continue_button.bounding_box()
    continue_button.click()
    summary = phone.locator(".error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    assert current_route(phone) == person  # warned, not moved on
    expect(summary).to_contain_text("Full legal name: Please fill this in.")
    expect(summary).to_contain_text("A-number: An A-number has 8 or 9 digits")
    assert problem_text(phone, "/sections/people/0/aNumber") == "An A-number has 8 or 9 digits, for example A012345678."
    assert a_number.get_attribute("aria-invalid") == "true"
    problem_id = phone.locator('[data-pointer="/sections/people/0/aNumber"] .field-problem').get_attribute("id")
    assert problem_id in a_number.get_attribute("aria-describedby").split()
    # The summary's link goes to the question, without changing the screen.
    summary.get_by_role("link", name=re.compile("A-number")).click()
    expect(a_number).to_be_focused()
    assert current_route(phone) == person
    a_number.fill("a-12-345-678")  # fixed while typing: the message goes at once
    phone.wait_for_function("() => !document.querySelector('[data-pointer=\"/sections/people/0/aNumber\"] .field-problem').textContent")
    assert a_number.get_attribute("aria-invalid") is None
    assert "A012345678" in field(phone, "/sections/people/0/aNumber").locator(".hint").last.text_content()
    mobile = field(phone, "/sections/people/0/phone").locator("input")
    mobile.fill("call me")
    before = continue_button.bounding_box()
    mobile.press("Tab")  # leaving it (as a tap on Continue does) shows nothing new: Continue stays put
    assert problem_text(phone, "/sections/people/0/phone") == ""
    assert continue_button.bounding_box() == before
    press_continue(phone)  # a new problem: shown first
    expect(summary).to_contain_text("Mobile phone: Check this phone number.")
    assert current_route(phone) == person
    press_continue(phone)  # the same problems again: go on, everything kept as typed
    wait_screen(phone, "#step=people")
    wait_saved(phone)
    stored = saved_plan(phone)["sections"]["people"][0]
    assert stored["aNumber"] == "a-12-345-678" and stored["phone"] == "call me" and "legalName" not in stored
    assert box is not None


def test_stored_values_the_form_cannot_choose_are_shown_and_kept(phone: Page, live_server: LiveServer) -> None:
    plan = load("plan-full-family.json")
    plan["sections"]["people"][1]["birthDate"] = "2025-02-29"
    plan["sections"]["people"][0]["birthDate"] = "05/01/1985"
    plan["sections"]["care"]["childrenGo"] = "maybe"
    plan["sections"]["care"]["primaryAgreed"] = "yes"
    plan["sections"]["contacts"][0]["memorizeBy"] = ["gone", "p-2c91f7aa"]
    plan["sections"]["finances"]["emergencyFundAmount"] = "1,5,00"
    plan["sections"]["travel"] = ["a part in the wrong form"]
    create_vault(phone, live_server.url)
    store_plan(phone, plan)
    go(phone, "#item=people/p-b84e0d56")
    birth = field(phone, "/sections/people/1/birthDate")
    assert [birth.locator(f'[data-part="{part}"]').input_value() for part in ("year", "month", "day")] == ["2025", "2", "29"]
    assert problem_text(phone, "/sections/people/1/birthDate").startswith("Check this date")
    go(phone, "#item=people/p-7f3a9c21")
    old = field(phone, "/sections/people/0/birthDate").locator("input")  # not a date the boxes can hold: shown as text
    assert old.count() == 1 and old.input_value() == "05/01/1985"
    go(phone, "#step=care")
    assert field(phone, "/sections/care/childrenGo").locator("input:checked").count() == 0
    assert problem_text(phone, "/sections/care/childrenGo") == "Choose one of the options."
    assert problem_text(phone, "/sections/care/primaryAgreed") == "This answer is in the wrong form."
    go(phone, f"#item=contacts/{plan['sections']['contacts'][0]['id']}")
    assert problem_text(phone, "/sections/contacts/0/memorizeBy") == "This person is no longer in the plan."
    assert "A person who is no longer in the plan" in field(phone, "/sections/contacts/0/memorizeBy").text_content()
    go(phone, "#step=travel")
    assert phone.locator("#plan-editor input, #plan-editor textarea").count() == 0
    go(phone, "#step=finances")
    assert field(phone, "/sections/finances/emergencyFundAmount").locator("input").input_value() == "1,5,00"
    phone.locator("#plan-editor details.more > summary").click()
    field(phone, "/sections/finances/wagesOwed").locator("textarea").fill("None now, checked again.")
    wait_saved(phone)
    stored = saved_plan(phone)
    for section, key in [("care", "childrenGo"), ("care", "primaryAgreed"), ("contacts", "memorizeBy"), ("finances", "emergencyFundAmount")]:
        source = plan["sections"][section][0] if section == "contacts" else plan["sections"][section]
        target = stored["sections"][section][0] if section == "contacts" else stored["sections"][section]
        assert target[key] == source[key], key
    assert stored["sections"]["people"][1]["birthDate"] == "2025-02-29"
    assert stored["sections"]["people"][0]["birthDate"] == "05/01/1985"
    assert stored["sections"]["travel"] == ["a part in the wrong form"]


def test_parts_in_order_check_your_answers_back_button_and_overview(phone: Page, live_server: LiveServer) -> None:
    create_vault(phone, live_server.url)
    wait_screen(phone, "#start=children")  # a fresh plan starts with the interview
    go(phone, "#overview")
    assert phone.locator(".overview [data-gap]").evaluate_all("(items) => items.map((i) => i.dataset.gap)") == ["no-caregiver", "no-contact"]
    expect(phone.locator(".overview .continue")).to_have_attribute("href", "#start=children")
    go(phone, "#step=family")
    field(phone, "/sections/family/name").locator("input").fill("Familia Ruiz")
    field(phone, "/sections/family/hasPets").get_by_label("No", exact=True).check()
    press_continue(phone)
    wait_screen(phone, "#check=family")
    expect(phone.locator(".check-list")).to_contain_text("Familia Ruiz")
    # Change goes back to that very question.
    phone.locator(".check-row").filter(has_text="Family name").get_by_role("link").click()
    wait_screen(phone, "#step=family")
    expect(field(phone, "/sections/family/name").locator("input")).to_be_focused()
    phone.go_back()
    wait_screen(phone, "#check=family")
    press_continue(phone)
    wait_screen(phone, "#step=people")  # the next part
    phone.go_back()
    wait_screen(phone, "#check=family")
    phone.go_forward()
    wait_screen(phone, "#step=people")
    phone.evaluate("window.location.hash = '#main'")  # the skip link: not the editor's
    assert current_route(phone) == "#step=people"
    go(phone, "#step=upkeep")
    press_continue(phone)
    wait_screen(phone, "#check=upkeep")
    press_continue(phone)
    wait_screen(phone, "#overview")
    # No pets: that part is skipped, and the overview says why.
    assert phone.locator('.part[data-section="pets"]').count() == 0
    expect(phone.locator(".part-skipped")).to_contain_text("Pets")
    go(phone, "#step=outOfTown")
    press_continue(phone)
    wait_screen(phone, "#check=outOfTown")
    press_continue(phone)
    wait_screen(phone, "#step=upkeep")  # pets skipped (no pets), "Other notes" passed by (nothing to ask)
    go(phone, "#overview")
    expect(phone.locator('[data-section="family"] .part-status')).to_have_text("2 of 2 answered")
    phone.evaluate("window.location.hash = '#step=nonsense'")
    wait_screen(phone, "#overview")


def test_lists_add_change_order_remove_undo_by_keyboard(phone: Page, live_server: LiveServer) -> None:
    create_vault(phone, live_server.url)
    go(phone, "#step=contacts")
    for name in ("Ana", "Ben"):
        phone.locator('[data-route="#step=contacts"] [data-action="add"]').focus()
        phone.keyboard.press("Enter")
        phone.wait_for_function("() => location.hash.startsWith('#item=contacts/')")
        wait_screen(phone, phone.evaluate("location.hash"))
        phone.keyboard.press("Tab")  # past the title, into the first question: the name
        field(phone, f"/sections/contacts/{0 if name == 'Ana' else 1}/name").locator("input").fill(name)
        field(phone, f"/sections/contacts/{0 if name == 'Ana' else 1}/phone").locator("input").fill("(414) 555-0143")
        done_entry(phone, "contacts")
    names = "[...document.querySelectorAll('.entry-name')].map((n) => n.textContent)"
    assert phone.evaluate(names) == ["Ana", "Ben"]
    phone.locator('.entry:nth-child(2) [data-action="up"]').focus()
    phone.keyboard.press("Enter")
    phone.wait_for_function(f"() => {names}.join('|') === 'Ben|Ana'")
    assert phone.evaluate("document.activeElement.dataset.action") == "down"  # "Move up" is off at the top
    phone.locator('.entry:nth-child(1) [data-action="change"]').click()
    phone.wait_for_function("() => location.hash.startsWith('#item=contacts/')")
    phone.locator('[data-action="remove"]').click()
    wait_screen(phone, "#step=contacts")
    assert phone.evaluate(names) == ["Ana"]
    expect(phone.locator(".undo-bar")).to_contain_text("Ben was removed.")
    phone.locator('[data-action="undo"]').focus()
    phone.keyboard.press("Enter")
    phone.wait_for_function("() => location.hash.startsWith('#item=contacts/')")
    go(phone, "#step=contacts")
    assert phone.evaluate(names) == ["Ben", "Ana"]
    wait_saved(phone)
    assert [c["name"] for c in saved_plan(phone)["sections"]["contacts"]] == ["Ben", "Ana"]


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
    name = field(phone, "/sections/care/primaryName").locator("input")
    name.fill("Rosa")
    phone.wait_for_function("() => window.__held.length === 1")  # the pause after typing is over
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

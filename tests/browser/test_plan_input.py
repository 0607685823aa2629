"""Input that does not fight the family (issue 15): phone numbers and amounts in
any common form, kept as typed; dates in three labelled boxes whatever the
browser's locale; digits from Arabic and Myanmar keyboards; and warnings where
the law has them (Wis. Stat. § 48.979), shown on Continue, never blocking."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.browser.plan_helpers import create_vault, field, go, press_continue, saved_plan, wait_saved, wait_screen
from tests.live_server import LiveServer


def summary(page: Page):  # type: ignore[no-untyped-def]
    return page.locator("#plan-editor .error-summary")


def test_phone_numbers_in_any_common_form(phone: Page, live_server: LiveServer) -> None:
    create_vault(phone, live_server.url)
    go(phone, "#step=care")
    primary = field(phone, "/sections/care/primaryPhone").locator("input")
    alternate = field(phone, "/sections/care/alternatePhone").locator("input")
    field(phone, "/sections/care/primaryName").locator("input").fill("Rosa")
    primary.fill("(414) 555-0143 ext 2")
    alternate.fill("٤١٤ ٥٥٥ ٠١٩٠")  # typed on an Arabic keyboard
    press_continue(phone)
    wait_screen(phone, "#check=care")  # nothing to check: straight on
    go(phone, "#step=care")
    alternate = field(phone, "/sections/care/alternatePhone").locator("input")
    alternate.fill("555-12")  # too short to be a number anyone can call
    press_continue(phone)
    expect(summary(phone)).to_contain_text("Second caregiver's phone: Check this phone number.")
    wait_saved(phone)
    care = saved_plan(phone)["sections"]["care"]
    assert (care["primaryPhone"], care["alternatePhone"]) == ("(414) 555-0143 ext 2", "555-12")  # kept as typed


def test_a_phone_link_dials_ascii_digits_and_the_extension(phone: Page, live_server: LiveServer) -> None:
    create_vault(phone, live_server.url)
    phone.locator('[data-pointer="/sections/people/0/legalName"] input').fill("Leo")
    go(phone, "#step=contacts")
    phone.get_by_role("button", name=re.compile("^Add")).click()
    phone.wait_for_function("() => location.hash.startsWith('#item=contacts/')")
    field(phone, "/sections/contacts/0/name").locator("input").fill("Rosa")
    field(phone, "/sections/contacts/0/phone").locator("input").fill("(٤١٤) ٥٥٥-٠١٤٣ ext ٢")
    phone.locator("#plan-editor details.more > summary").click()
    child = saved_child_id(phone)
    field(phone, "/sections/contacts/0/memorizeBy").get_by_label("Leo", exact=True).check()
    go(phone, f"#child={child}")
    number = phone.locator(".child-number")
    expect(number).to_have_text("(٤١٤) ٥٥٥-٠١٤٣ ext ٢")  # shown as typed
    assert number.get_attribute("href") == "tel:4145550143,2"


def saved_child_id(page: Page) -> str:
    wait_saved(page)
    return next(p["id"] for p in saved_plan(page)["sections"]["people"] if p["role"] == "child")


def test_amounts_with_a_dollar_sign_and_commas(phone: Page, live_server: LiveServer) -> None:
    create_vault(phone, live_server.url)
    go(phone, "#step=finances")
    phone.locator("#plan-editor details.more > summary").click()
    amount = field(phone, "/sections/finances/emergencyFundAmount").locator("input")
    for typed in ("$500", "1,200", "$ 1,200.50"):
        amount.fill(typed)
        press_continue(phone)
        wait_screen(phone, "#check=finances")
        go(phone, "#step=finances")
        amount = field(phone, "/sections/finances/emergencyFundAmount").locator("input")
        expect(amount).to_have_value(typed)
    amount.fill("five hundred")
    press_continue(phone)
    expect(summary(phone)).to_contain_text("Write an amount")


def test_dates_in_three_boxes_in_the_order_of_the_language(phone: Page, live_server: LiveServer) -> None:
    create_vault(phone, live_server.url)
    go(phone, "#step=upkeep")
    boxes = field(phone, "/sections/upkeep/nextReview").locator("input")
    assert boxes.evaluate_all("(inputs) => inputs.map((i) => i.dataset.part)") == ["month", "day", "year"]  # as US forms
    labels = field(phone, "/sections/upkeep/nextReview").locator("label").all_text_contents()
    assert labels == ["Month", "Day", "Year"]
    field(phone, "/sections/upkeep/nextReview").locator('[data-part="month"]').fill("3")
    field(phone, "/sections/upkeep/nextReview").locator('[data-part="day"]').fill("5")
    press_continue(phone)  # half-typed: said on Continue, kept as typed
    expect(summary(phone)).to_contain_text("Next review date: Check this date")
    wait_saved(phone)
    assert saved_plan(phone)["sections"]["upkeep"]["nextReview"] == "-03-05"
    field(phone, "/sections/upkeep/nextReview").locator('[data-part="year"]').fill("٢٠٢٧")  # Arabic keyboard digits
    press_continue(phone)
    wait_screen(phone, "#check=upkeep")
    wait_saved(phone)
    assert saved_plan(phone)["sections"]["upkeep"]["nextReview"] == "2027-03-05"
    expect(phone.locator(".check-list")).to_contain_text("2027-03-05")

    phone.goto(f"{live_server.url}/es/plan/#step=upkeep")
    phone.locator("#unlock-passphrase").fill("maple river quiet lantern seven")
    phone.locator("#vault-unlock button[type=submit]").click()
    wait_screen(phone, "#step=upkeep")
    boxes = field(phone, "/sections/upkeep/nextReview").locator("input")
    assert boxes.evaluate_all("(inputs) => inputs.map((i) => i.dataset.part)") == ["day", "month", "year"]
    assert boxes.evaluate_all("(inputs) => inputs.map((i) => i.value)") == ["5", "3", "2027"]


def test_a_number_in_another_form_is_shown_the_way_the_locator_wants_it(phone: Page, live_server: LiveServer) -> None:
    create_vault(phone, live_server.url)
    go(phone, "#step=people")
    phone.get_by_role("button", name="Add: Adult").click()
    phone.wait_for_function("() => location.hash.startsWith('#item=people/')")
    field(phone, "/sections/people/0/legalName").locator("input").fill("José")
    field(phone, "/sections/people/0/aNumber").locator("input").fill("a-12-345-678")
    expect(field(phone, "/sections/people/0/aNumber").locator(".hint").last).to_contain_text("A012345678")
    press_continue(phone)
    wait_screen(phone, "#step=people")


def test_a_wisconsin_power_of_attorney_warns_only_where_the_law_asks_for_a_court(phone: Page, live_server: LiveServer) -> None:
    create_vault(phone, live_server.url)
    go(phone, "#step=authority")
    field(phone, "/sections/authority/docType").locator("select").select_option(label="Wisconsin power of attorney for a child (48.979)")
    field(phone, "/sections/authority/agentIsRelative").get_by_label("No", exact=True).check()
    phone.locator("#plan-editor details.more > summary").click()
    for part, value in (("month", "9"), ("day", "1"), ("year", "2025")):
        field(phone, "/sections/authority/signedOn").locator(f'[data-part="{part}"]').fill(value)
    end = field(phone, "/sections/authority/expiresOn")
    for part, value in (("month", "9"), ("day", "1"), ("year", "2027")):
        end.locator(f'[data-part="{part}"]').fill(value)
    press_continue(phone)  # two years, someone who is not a relative: the law asks for a court
    expect(summary(phone)).to_contain_text("must be approved by a court")
    # A warning about the law names the law (schema rules carry it: test_plan_schema.py).
    expect(phone.locator("#plan-editor .field-problem .problem-source")).to_have_text("Source: Wis. Stat. § 48.979(1)")
    field(phone, "/sections/authority/agentIsRelative").get_by_label("Yes", exact=True).check()
    press_continue(phone)  # a relative: no court needed, nothing to say
    wait_screen(phone, "#check=authority")

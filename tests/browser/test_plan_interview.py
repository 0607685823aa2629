"""The first-run interview and the screens around it (issue 15): a fresh plan
starts with four short questions and reaches the essentials; Back goes to the
previous screen; blank drafts are not kept; names typed once are one tap away;
Quick exit and Lock stay in reach at the bottom of every screen; after an
automatic lock the family comes back to the question they were editing."""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from server import plan_schema as ps
from tests.browser.helpers import Watcher
from tests.browser.plan_helpers import (
    PASSPHRASE, all_routes, create_vault, current_route, field, go, open_context, press_continue, saved_plan,
    store_plan, unlock, wait_saved, wait_screen,
)
from tests.browser.vault_helpers import ui_string
from tests.live_server import LiveServer

FULL = json.loads((Path(__file__).resolve().parent.parent / "fixtures" / "plan-full-family.json").read_text(encoding="utf-8"))


def question(page: Page, pointer: str):  # type: ignore[no-untyped-def]
    return field(page, pointer).locator("input").first


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_interview_reaches_the_essentials(phone: Page, live_server: LiveServer, lang: str) -> None:
    create_vault(phone, live_server.url, lang=lang)
    wait_screen(phone, "#start=children")
    if lang == "ar":  # every question in the family's language, laid out right to left
        title = phone.locator("#screen-title").text_content() or ""
        assert not re.search("[A-Za-z]", title), title
        assert phone.evaluate("document.documentElement.dir") == "rtl"
    question(phone, "/sections/people/0/legalName").fill("Sofía Morales")
    field(phone, "/sections/people/0/bornInUs").locator("input").first.check()  # yes
    phone.locator('[data-action="add-child"]').click()
    expect(question(phone, "/sections/people/1/legalName")).to_be_focused()
    question(phone, "/sections/people/1/legalName").fill("Andrés Morales")
    press_continue(phone)
    wait_screen(phone, "#start=pickup")
    question(phone, "/sections/school/0/name").fill("Escuela Ejemplo")
    question(phone, "/sections/school/0/pickup/0/name").fill("Rosa Núñez")
    question(phone, "/sections/school/0/pickup/0/phone").fill("(414) 555-0143")
    press_continue(phone)
    wait_screen(phone, "#start=caregiver")
    # Rosa was named on the pick-up list: one tap fills her name and phone.
    field(phone, "/sections/care/primaryName").get_by_role("button", name="Rosa Núñez").click()
    expect(question(phone, "/sections/care/primaryPhone")).to_have_value("(414) 555-0143")
    press_continue(phone)
    wait_screen(phone, "#start=contact")
    question(phone, "/sections/contacts/0/name").fill("Carmen Ávila")
    question(phone, "/sections/contacts/0/phone").fill("414 555 0190")
    press_continue(phone)
    wait_screen(phone, "#start=done")
    expect(phone.locator("#screen-title")).to_have_text(ui_string(phone, "startDoneTitle"))
    expect(phone.locator(".covered")).to_contain_text("Sofía Morales")
    wait_saved(phone, lang)
    plan = saved_plan(phone)
    people = plan["sections"]["people"]
    assert [(p["role"], p["legalName"], p.get("bornInUs")) for p in people] == [("child", "Sofía Morales", True), ("child", "Andrés Morales", None)]
    school = plan["sections"]["school"]
    assert len(school) == 1 and school[0]["children"] == [p["id"] for p in people]  # one entry for both
    assert school[0]["pickup"][0]["name"] == "Rosa Núñez"
    assert (plan["sections"]["care"]["primaryName"], plan["sections"]["care"]["primaryPhone"]) == ("Rosa Núñez", "(414) 555-0143")
    assert plan["sections"]["contacts"][0]["name"] == "Carmen Ávila"
    assert ps.gaps(plan) == [] and ps.validate_plan(plan) == []
    phone.locator('[data-nav="next"]').click()  # "Continue with the rest of the plan"
    wait_screen(phone, "#step=family")


def test_back_inside_the_interview_goes_to_the_previous_screen(phone: Page, live_server: LiveServer) -> None:
    create_vault(phone, live_server.url)
    question(phone, "/sections/people/0/legalName").fill("Leo")
    press_continue(phone)
    wait_screen(phone, "#start=pickup")
    phone.go_back()  # the browser's Back (Android's back gesture in the installed app)
    wait_screen(phone, "#start=children")
    expect(question(phone, "/sections/people/0/legalName")).to_have_value("Leo")
    press_continue(phone)
    wait_screen(phone, "#start=pickup")
    phone.locator('[data-nav="back"]').click()  # the screen's own Back
    wait_screen(phone, "#start=children")
    phone.locator('[data-nav="back"]').click()
    wait_screen(phone, "#overview")


def test_questions_left_blank_leave_nothing_behind(phone: Page, live_server: LiveServer) -> None:
    create_vault(phone, live_server.url)
    phone.locator('[data-nav="skip"]').click()  # no children named
    wait_screen(phone, "#start=caregiver")  # nothing to pick up, so that question is passed
    question(phone, "/sections/care/primaryName").fill("Rosa")
    press_continue(phone)
    wait_screen(phone, "#start=contact")
    phone.locator('[data-nav="skip"]').click()
    wait_screen(phone, "#start=done")
    wait_saved(phone)
    plan = saved_plan(phone)
    assert plan["sections"]["people"] == [] and plan["sections"]["school"] == [] and plan["sections"]["contacts"] == []
    assert plan["sections"]["care"] == {"primaryName": "Rosa"}
    expect(phone.locator("#screen-title")).to_have_text(ui_string(phone, "startDoneMissingTitle"))


def test_a_name_typed_once_is_one_tap_away_and_never_typed_over(phone: Page, live_server: LiveServer) -> None:
    create_vault(phone, live_server.url)
    go(phone, "#step=care")
    question(phone, "/sections/care/primaryName").fill("Rosa Núñez")
    question(phone, "/sections/care/primaryPhone").fill("(414) 555-0143")
    go(phone, "#step=contacts")
    phone.get_by_role("button", name=re.compile("^Add")).click()
    phone.wait_for_function("() => location.hash.startsWith('#item=contacts/')")
    question(phone, "/sections/contacts/0/phone").fill("414-555-9999")  # typed first: kept
    field(phone, "/sections/contacts/0/name").get_by_role("button", name="Rosa Núñez").click()
    expect(question(phone, "/sections/contacts/0/name")).to_have_value("Rosa Núñez")
    expect(question(phone, "/sections/contacts/0/phone")).to_have_value("414-555-9999")
    expect(question(phone, "/sections/contacts/0/name")).to_be_focused()
    assert field(phone, "/sections/contacts/0/name").get_by_role("button").count() == 0  # answered: no more offers


def test_quick_exit_and_lock_stay_in_reach_at_the_bottom_of_every_screen(phone: Page, live_server: LiveServer) -> None:
    create_vault(phone, live_server.url)
    store_plan(phone, FULL)
    height = phone.viewport_size["height"]
    hidden = []
    for route in all_routes(FULL):
        go(phone, route)
        phone.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
        for selector in ("[data-quick-exit]", "#lock-button"):
            box = phone.locator(selector).bounding_box()
            if box is None or box["y"] < 0 or box["y"] + box["height"] > height:
                hidden.append((route, selector))
    assert hidden == []


def test_after_an_automatic_lock_the_family_comes_back_to_the_question(phone: Page, live_server: LiveServer) -> None:
    phone.clock.install(time=datetime(2026, 3, 1, 9, 0))
    create_vault(phone, live_server.url)
    go(phone, "#step=care")
    phone.locator("#plan-editor details.more > summary").click()  # a detail, folded away at first
    routines = field(phone, "/sections/care/routines").locator("textarea")
    routines.fill("Bedtime at 8")
    phone.clock.run_for(6 * 60 * 1000)  # six idle minutes: the plan locks itself
    expect(phone.locator("#vault-unlock")).to_be_visible()
    assert phone.locator("#plan-editor > *").count() == 0
    unlock(phone)
    wait_screen(phone, "#step=care")
    routines = field(phone, "/sections/care/routines").locator("textarea")
    expect(routines).to_be_focused()
    expect(routines).to_have_value("Bedtime at 8")


def test_people_are_added_by_role_and_one_after_another(phone: Page, live_server: LiveServer) -> None:
    create_vault(phone, live_server.url)
    go(phone, "#step=people")
    phone.get_by_role("button", name="Add: Adult").click()
    phone.wait_for_function("() => location.hash.startsWith('#item=people/')")
    expect(field(phone, "/sections/people/0/role").get_by_label("Adult", exact=True)).to_be_checked()
    question(phone, "/sections/people/0/legalName").fill("José")
    field(phone, "/sections/people/0/bornInUs").get_by_label("Yes", exact=True).check()
    expect(field(phone, "/sections/people/0/aNumber")).to_be_hidden()  # born here: no A-number asked
    first = current_route(phone)
    phone.locator('[data-action="add-another"]').click()
    phone.wait_for_function("(first) => location.hash !== first && location.hash.startsWith('#item=people/')", arg=first)
    expect(field(phone, "/sections/people/1/role").get_by_label("Adult", exact=True)).to_be_checked()
    question(phone, "/sections/people/1/legalName").fill("María")
    press_continue(phone)
    wait_screen(phone, "#step=people")
    assert phone.locator(".entry-name").all_text_contents() == ["José", "María"]


def test_a_word_is_explained_where_it_first_appears(phone: Page, live_server: LiveServer) -> None:
    create_vault(phone, live_server.url)
    go(phone, "#step=people")
    phone.get_by_role("button", name="Add: Adult").click()
    phone.wait_for_function("() => location.hash.startsWith('#item=people/')")
    explain = field(phone, "/sections/people/0/aNumber").locator("details.explain")
    explain.locator("summary").click()
    expect(explain).to_contain_text("8 or 9 digits")
    link = explain.get_by_role("link")
    assert link.get_attribute("href") == "/en/resources/detained/"
    assert link.get_attribute("target") == "_blank"  # leaving the plan page would lock it


def test_no_request_leaves_and_nothing_is_blocked_on_the_new_screens(browser: Browser, device_descriptor: dict[str, Any], live_server: LiveServer) -> None:
    context = browser.new_context(**device_descriptor)
    watcher = Watcher().attach(context)
    open_context(context)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    create_vault(page, live_server.url)
    store_plan(page, FULL)
    for route in all_routes(FULL):
        go(page, route)
    assert watcher.foreign_hosts(live_server.url) == set()
    assert watcher.violations == [] and errors == []
    context.close()

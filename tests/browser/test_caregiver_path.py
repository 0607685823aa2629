"""The day the plan is used (issue 13): a fresh phone receives the caregiver's copy
and the whole plan, both made in the test on the family's phone through the share
panel, and walks the steps through the UI in English and Arabic: the file, its
passphrase, what it holds, then "Look at it now" ("If you get the call") or "Keep it
on this phone", the only moment the caregiver's own passphrase is asked for.
Every filled answer shows, every missing one is named, every number dials; ticks
live in the page for a plan only looked at and are stored (encrypted) with a kept
one; the list of kept plans shows the family's name, when the file was made, how
old it is and whether the family's review date has passed; print gives a sheet for
each child and one for the adults."""

from __future__ import annotations

import copy
import io
from datetime import date, datetime, timedelta, timezone
from typing import Any, Iterator

import pytest
from playwright.sync_api import Browser, Page, expect
from pypdf import PdfReader

from server import plan_schema as ps
from server.fileformat import encrypt_plan
from tests.browser.caregiver_helpers import (
    STORED_TICKS, FamilyFile, assert_every_number_dials, assert_no_sideways_scroll, family_files, filled_fields, gaps,
    look_now, new_phone, open_received, shown_fields,
)
from tests.browser.helpers import Watcher, translate
from tests.browser.share_helpers import FILE_PASSPHRASE, FULL_FAMILY, assert_accessible, choose_file, keep_opened_file, unlock_on_open_page
from tests.browser.vault_helpers import PASSPHRASE, ui_string
from tests.live_server import LiveServer

COUNT_PRINTS = "window.print = () => { window.__prints = (window.__prints || 0) + 1; };"
# The test family's plan, whose own review date passed a month ago (whatever today is).
PLAN = copy.deepcopy(FULL_FAMILY)
PLAN["sections"]["upkeep"]["nextReview"] = (date.today() - timedelta(days=31)).isoformat()
PEOPLE = {person["id"]: person for person in FULL_FAMILY["sections"]["people"]}
CHILDREN = [person for person in FULL_FAMILY["sections"]["people"] if person["role"] == "child"]
SOFIA = CHILDREN[0]
FAMILY_NAME = FULL_FAMILY["sections"]["family"]["name"]


@pytest.fixture(scope="module")
def files(browser: Browser, browser_context_args: dict[str, Any], live_server: LiveServer) -> dict[str, FamilyFile]:
    return family_files(browser, browser_context_args, live_server, PLAN)


@pytest.fixture
def caregiver_phone(browser: Browser, browser_context_args: dict[str, Any]) -> Iterator[tuple[Page, Watcher]]:
    context = new_phone(browser, browser_context_args)
    watcher = Watcher().attach(context)
    context.add_init_script(COUNT_PRINTS)
    yield context.new_page(), watcher
    context.close()


def step(view, step_id: str):  # type: ignore[no-untyped-def]
    return view.locator(f'[data-step="{step_id}"]').first


def test_the_files_hold_the_plan_made_on_the_familys_phone(files: dict[str, FamilyFile]) -> None:
    assert files["full"].payload["plan"] == PLAN
    assert files["caregiver"].payload["kind"] == "caregiver"
    assert files["caregiver"].payload["plan"] == ps.caregiver_subset(PLAN)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_fresh_phone_walks_the_caregiver_copy_step_by_step(
    caregiver_phone: tuple[Page, Watcher], files: dict[str, FamilyFile], live_server: LiveServer, lang: str
) -> None:
    page, watcher = caregiver_phone
    copy_file = files["caregiver"]
    page.goto(f"{live_server.url}/{lang}/open/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl" if lang == "ar" else "ltr")

    # Step 1: only the file is asked for; no passphrase field of any kind yet.
    expect(page.locator("#import-pick")).to_contain_text(translate(lang, "Step %(number)s of %(total)s") % {"number": 1, "total": 3})
    expect(page.locator("input[data-passphrase]:visible")).to_have_count(0)

    # Step 2: the file's passphrase, and only it, named as the file's.
    choose_file(page, copy_file.data)
    expect(page.locator("#import-unlock-title")).to_have_text(translate(lang, "The file's passphrase"))
    expect(page.locator("input[data-passphrase]:visible")).to_have_count(1)
    expect(page.get_by_label(translate(lang, "The file's passphrase (the family gave it to you)"), exact=True)).to_be_visible()
    page.locator("#import-passphrase").fill(copy_file.passphrase)
    page.locator("#import-form button[type=submit]").click()

    # Step 3: what it holds, under the family's name; then look or keep.
    expect(page.locator("#import-preview")).to_be_visible()
    expect(page.locator("#import-summary")).to_contain_text(FAMILY_NAME)
    expect(page.locator("input[data-passphrase]:visible")).to_have_count(0)
    expect(page.get_by_role("button", name=translate(lang, "Look at it now"))).to_be_visible()
    expect(page.get_by_role("button", name=translate(lang, "Keep it on this phone"))).to_be_visible()

    view = look_now(page)
    expect(view.locator("h2").first).to_have_text(translate(lang, "If you get the call"))
    expect(view.locator(".action-family")).to_contain_text(FAMILY_NAME)
    # The file was made today, and the family's review date has passed: ask for a fresh copy.
    expect(view.locator(".action-made")).to_be_visible()
    expect(view.locator(".action-stale")).to_be_visible()
    parts = view.locator(".action-part > h3")
    expect(parts).to_have_text([translate(lang, "First, the children"), translate(lang, "Then, find the parent"), translate(lang, "Then, the family's own instructions")])

    # Every answer of the copy shows, with its field's place; each child and adult heads their steps.
    plan = copy_file.payload["plan"]
    assert filled_fields(plan) - shown_fields(view) == set()
    for person in plan["sections"]["people"]:
        expect(view).to_contain_text(person["legalName"])
    # What a caregiver's copy never holds is said to be missing from the copy, not from the plan.
    assert "gapNotInCopy" in gaps(view)
    for part in ("finances", "documents"):
        title = translate(lang, ps.section_def(part)["title"])
        expect(view.locator('[data-gap="gapNotInCopy"]').filter(has_text=title)).to_have_count(1)

    # Every number dials.
    assert assert_every_number_dials(view) >= 10

    # The child's school, with its Safe Haven resource person (issue 14) to ask for there.
    school = FULL_FAMILY["sections"]["school"][0]
    resource = step(view, f"child:{SOFIA['id']}:pickup").locator(".action-resource")
    expect(resource).to_have_count(1)
    expect(resource.locator(".action-group-title")).to_have_text(translate(lang, "At the school, ask for the Safe Haven resource person"))
    expect(resource).to_contain_text(school["resourcePerson"])
    expect(resource).to_contain_text(school["resourceLanguages"])
    expect(resource.locator("a[href^='tel:']")).to_have_attribute("href", "tel:4145550112,4")
    expect(step(view, f"child:{SOFIA['id']}:pickup")).to_contain_text(school["pickupTimes"])

    # A tick shows at once; the page says it lives only while the page is open.
    expect(view).to_contain_text(translate(lang, "Ticks stay only while this page is open. Nothing is saved on this phone."))
    tick = step(view, "papers").locator("input.action-tick")
    tick.check()
    expect(step(view, "papers")).to_have_class("action-step action-done")

    assert_accessible(page, f"{lang}: if you get the call")
    page.set_viewport_size({"width": 320, "height": 640})
    assert_no_sideways_scroll(page, f"{lang}: if you get the call at 320 px")

    # A reload forgets the plan that was only looked at, and its ticks with it.
    page.reload()
    expect(page.locator("#plan-steps")).to_be_hidden()
    open_received(page, copy_file)
    view = look_now(page)
    expect(step(view, "papers").locator("input.action-tick")).not_to_be_checked()
    assert watcher.console_errors == [] and watcher.violations == []
    assert watcher.foreign_hosts(live_server.url) == set()


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_whole_plan_shows_every_answer_and_only_real_gaps(
    caregiver_phone: tuple[Page, Watcher], files: dict[str, FamilyFile], live_server: LiveServer, lang: str
) -> None:
    page, watcher = caregiver_phone
    page.goto(f"{live_server.url}/{lang}/open/")
    open_received(page, files["full"])
    view = look_now(page)
    assert filled_fields(PLAN) - shown_fields(view) == set()
    # The test family filled everything a caregiver needs: no step says something is missing.
    assert gaps(view) == []
    assert assert_every_number_dials(view) >= 20
    # The lawyer, the consulate and finding each parent, with the locator's digits of the A-number.
    legal = FULL_FAMILY["sections"]["legal"]
    expect(step(view, "lawyer")).to_contain_text(legal["attorneyName"])
    adult = next(person for person in FULL_FAMILY["sections"]["people"] if person["role"] != "child" and person.get("aNumber"))
    digits = "".join(ch for ch in adult["aNumber"] if ch.isdigit())[-9:]
    expect(step(view, f"adult:{adult['id']}:find")).to_contain_text(digits)
    assert_accessible(page, f"{lang}: the whole plan's steps")
    page.set_viewport_size({"width": 320, "height": 640})
    assert_no_sideways_scroll(page, f"{lang}: the whole plan's steps at 320 px")
    assert watcher.console_errors == []


def sparse_plan() -> dict[str, Any]:
    """The test family's plan with answers taken out, one for each gap the steps can name."""
    plan = copy.deepcopy(FULL_FAMILY)
    sections = plan["sections"]
    sofia, andres, lucia = (child["id"] for child in CHILDREN)
    sections["school"] = [entry for entry in sections["school"] if andres not in entry["children"]]
    del sections["school"][0]["pickupTimes"]
    sections["school"][0]["pickup"] = []
    sections["medical"] = [entry for entry in sections["medical"] if entry.get("person") != lucia]
    sections["authority"].pop("keptAt", None)
    sections["authority"]["children"] = [sofia]
    for person in sections["people"]:
        if person["role"] != "child":
            person.pop("aNumber", None)
            person.pop("birthCountry", None)
    sections["legal"] = {}
    sections["contacts"] = []
    sections["care"] = {}
    sections["detained"] = {}
    sections["meeting"] = {}
    sections["documents"] = []
    sections["upkeep"].pop("copiesAt", None)
    sections["finances"] = {}
    sections["pets"] = []
    sections["outOfTown"] = {}
    return plan


def test_every_missing_answer_is_named_where_its_step_would_be(caregiver_phone: tuple[Page, Watcher], live_server: LiveServer) -> None:
    page, _ = caregiver_phone
    plan = sparse_plan()
    file = FamilyFile(encrypt_plan({"schemaVersion": ps.current_version(), "plan": plan}, FILE_PASSPHRASE), FILE_PASSPHRASE, {})
    page.goto(f"{live_server.url}/en/open/")
    open_received(page, file)
    view = look_now(page)
    sofia, andres, lucia = (child["legalName"] for child in CHILDREN)
    adults = [person["legalName"] for person in plan["sections"]["people"] if person["role"] != "child"]
    expected = [
        ("gapPaperPlace", None), ("gapPaperChild", andres), ("gapPaperChild", lucia),
        ("gapPickup", sofia), ("gapPickupTimes", sofia), ("gapSchool", andres), ("gapHealth", lucia),
        *[(key, name) for name in adults for key in ("gapANumber", "gapCountry")],
        ("gapLawyer", None), ("gapConsulate", None), ("gapContacts", None), ("gapOutOfTown", None),
        ("gapCaregiver", None), ("gapInstructions", None), ("gapMeeting", None), ("gapDocuments", None),
        ("gapMoney", None), ("gapPets", None),
    ]
    assert sorted(gaps(view)) == sorted(key for key, _ in expected)
    for key, name in expected:
        words = ui_string(page, key).replace("{name}", name or "")
        expect(view.locator(f'[data-gap="{key}"]').filter(has_text=words)).to_have_count(1)
    # What is still there still shows.
    expect(step(view, f"child:{CHILDREN[0]['id']}:pickup")).to_contain_text(FULL_FAMILY["sections"]["school"][0]["name"])


def test_ticks_of_a_kept_plan_are_stored_with_it_and_survive_a_reload(
    caregiver_phone: tuple[Page, Watcher], files: dict[str, FamilyFile], live_server: LiveServer
) -> None:
    page, watcher = caregiver_phone
    page.goto(f"{live_server.url}/en/open/")
    open_received(page, files["caregiver"])
    view = look_now(page)
    step(view, "papers").locator("input.action-tick").check()
    # Keeping: the caregiver's own passphrase is asked for only now, and says whose it is.
    keep = page.locator("#plan-steps").get_by_role("button", name=ui_string(page, "storeKeepTitle"))
    keep.click()
    expect(page.locator("#import-store")).to_be_visible()
    expect(page.locator("#setup-title")).to_have_text(translate("en", "Choose your own passphrase for this phone"))
    expect(page.get_by_label(translate("en", "Your own passphrase for this phone"), exact=True).filter(visible=True)).to_have_count(1)
    expect(page.locator("#import-label")).to_have_value(FAMILY_NAME)
    assert_accessible(page, "keep step, a phone without a vault")
    page.locator("#setup-passphrase").fill(PASSPHRASE)
    page.locator("#import-store .vault-form:visible button[type=submit]").click()
    expect(page.locator("#import-result")).to_have_text(ui_string(page, "importKept"))

    # The list: the family's name, when the file was made (today) and the review date that has passed.
    entry = page.locator("#shared-list .shared-entry")
    expect(entry).to_have_count(1)
    expect(entry.locator("h3")).to_have_text(FAMILY_NAME)
    expect(entry).to_contain_text("today")
    expect(entry.locator(".shared-stale")).to_be_visible()

    # The tick made while looking came along; a new one is stored, encrypted, with the plan.
    entry.get_by_role("button", name=ui_string(page, "sharedSteps")).click()
    view = page.locator("#plan-steps .action-view")
    expect(step(view, "papers").locator("input.action-tick")).to_be_checked()
    expect(view).to_contain_text(ui_string(page, "stepsTicksKept"))
    step(view, "contacts").locator("input.action-tick").check()
    names = ("js/vault/vault.js", "js/share/shared-plans.js")
    page.evaluate(STORED_TICKS, [*(live_server.asset(name) for name in names), PASSPHRASE, ["contacts", "papers"]])

    page.reload()
    unlock_on_open_page(page, live_server)
    page.locator("#shared-list .shared-entry").get_by_role("button", name=ui_string(page, "sharedSteps")).click()
    view = page.locator("#plan-steps .action-view")
    expect(step(view, "papers").locator("input.action-tick")).to_be_checked()
    expect(step(view, "contacts").locator("input.action-tick")).to_be_checked()
    # Unticking is stored too.
    step(view, "papers").locator("input.action-tick").uncheck()
    page.evaluate(STORED_TICKS, [*(live_server.asset(name) for name in names), PASSPHRASE, ["contacts"]])
    # Nothing of the plan, nor a tick, outside the encrypted store.
    assert page.evaluate("JSON.stringify(localStorage)").find("papers") == -1
    assert watcher.console_errors == []


def test_the_list_says_how_old_a_kept_plan_is(caregiver_phone: tuple[Page, Watcher], live_server: LiveServer) -> None:
    """A file made three years ago, with a review date still ahead: its age in words, no mark."""
    page, _ = caregiver_phone
    plan = copy.deepcopy(ps.caregiver_subset(FULL_FAMILY))
    today = date.today()
    made = today.replace(year=today.year - 3, day=min(today.day, 28))
    plan["sections"]["upkeep"]["nextReview"] = today.replace(year=today.year + 1, day=min(today.day, 28)).isoformat()
    exported_at = datetime(made.year, made.month, made.day, 12, tzinfo=timezone.utc).isoformat().replace("+00:00", "Z")
    payload = {"schemaVersion": ps.current_version(), "plan": plan, "exportedAt": exported_at}
    data = encrypt_plan(payload, FILE_PASSPHRASE, kind="caregiver")
    page.goto(f"{live_server.url}/en/open/")
    open_received(page, FamilyFile(data, FILE_PASSPHRASE, {}))
    expect(page.locator("#import-summary")).to_contain_text("3 years ago")
    keep_opened_file(page, label="Grandma's copy", own_passphrase=PASSPHRASE)
    entry = page.locator("#shared-list .shared-entry")
    expect(entry.locator("h3")).to_have_text(FAMILY_NAME)
    expect(entry).to_contain_text("Grandma's copy")
    expect(entry).to_contain_text("3 years ago")
    expect(entry.locator(".shared-stale")).to_have_count(0)


def test_print_gives_a_sheet_for_each_child_and_one_for_the_adults(
    caregiver_phone: tuple[Page, Watcher], files: dict[str, FamilyFile], live_server: LiveServer
) -> None:
    page, _ = caregiver_phone
    page.goto(f"{live_server.url}/en/open/")
    open_received(page, files["caregiver"])
    view = look_now(page)
    view.get_by_role("button", name=ui_string(page, "stepsPrint")).click()
    expect(page.locator("#print-warning")).to_be_visible()
    page.locator("#print-confirm").click()
    page.wait_for_function("() => window.__prints === 1")
    sheets = page.locator(".print-root .action-page")
    expect(sheets).to_have_count(len(CHILDREN) + 1)
    expect(sheets.locator("h2")).to_have_text([child["legalName"] for child in CHILDREN] + [ui_string(page, "stepsAdultsPage")])
    for sheet in sheets.all():
        expect(sheet.locator(".action-page-family")).to_contain_text(FAMILY_NAME)
    for index, child in enumerate(CHILDREN):
        expect(sheets.nth(index).locator(f'[data-step="child:{child["id"]}:pickup"]')).to_have_count(1)
        expect(sheets.nth(index).locator("[data-step^='child:']:not([data-step^='child:" + child["id"] + ":'])")).to_have_count(0)
    expect(sheets.last.locator('[data-step="contacts"]')).to_have_count(1)
    # On paper: boxes to tick by hand, no buttons; each sheet ends with a page break.
    page.emulate_media(media="print")
    expect(page.locator(".print-root .action-box").first).to_be_visible()
    expect(page.locator(".print-root input, .print-root button:visible")).to_have_count(0)
    breaks = sheets.evaluate_all("(nodes) => nodes.map((node) => getComputedStyle(node).breakAfter)")
    assert breaks == ["page"] * len(CHILDREN) + ["auto"]
    pages = len(PdfReader(io.BytesIO(page.pdf(format="Letter"))).pages)
    assert pages >= len(CHILDREN) + 1

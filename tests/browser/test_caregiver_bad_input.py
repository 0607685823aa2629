"""A received plan with empty sections, absurd values (a 10,000-character name,
200 children, dates in the year 9999) or hostile strings (script-injection vectors,
right-to-left overrides) opens, and its steps, preview, list entry and print render
(issue 13): nothing scrolls sideways at 320 px, nothing runs (no dialog, no console
error, no request for anything the plan names), and every hostile string shows as
the text it is."""

from __future__ import annotations

import json
from itertools import cycle
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from server import plan_schema as ps
from server.fileformat import encrypt_plan
from tests.browser.caregiver_helpers import FamilyFile, assert_no_sideways_scroll, look_now, open_received
from tests.browser.helpers import Watcher
from tests.browser.share_helpers import FILE_PASSPHRASE, keep_opened_file
from tests.browser.vault_helpers import PASSPHRASE, ui_string
from tests.live_server import LiveServer

HOSTILE = json.loads((Path(__file__).resolve().parent.parent / "fixtures" / "hostile-strings.json").read_text(encoding="utf-8"))
IMG = "<img src=x onerror=window.__pwned=1>"
RLO = "\u202eevil\u202c gpj.exe"
LONG = "W" * 10_000
CHILDREN = 200
COUNT_PRINTS = "window.print = () => { window.__prints = (window.__prints || 0) + 1; };"


def absurd_plan() -> dict[str, Any]:
    """Every section there but most of them empty; the rest absurd or hostile."""
    payloads = cycle([IMG, RLO, *HOSTILE["payloads"]])
    children = [{"id": f"p-c{index:03d}", "role": "child", "legalName": next(payloads), "birthDate": "9999-12-31"} for index in range(CHILDREN)]
    adult = {"id": "p-a001", "role": "adult", "legalName": LONG, "aNumber": "A" + "9" * 9, "birthCountry": IMG, "birthDate": "9999-12-31"}
    sections: dict[str, Any] = {section["id"]: ([] if section["kind"] == "list" else {}) for section in ps.section_defs()}
    sections["family"] = {"name": LONG}
    sections["people"] = [adult, *children]
    sections["school"] = [{
        "id": "s-x", "children": [child["id"] for child in children], "name": IMG, "address": LONG, "phone": "414-555-0110",
        "pickupTimes": RLO, "resourcePerson": IMG, "resourcePhone": "414-555-0111", "resourceLanguages": RLO,
        "pickup": [{"id": "k-x", "name": IMG, "phone": "414-555-0112", "relation": RLO}],
    }]
    sections["authority"] = {"docType": "none", "expiresOn": "9999-12-31"}
    sections["upkeep"] = {"nextReview": "9999-12-31", "lastReviewed": "9999-01-01"}
    sections["detained"] = {"caregiverSteps": "\n".join(HOSTILE["payloads"][:20]) + "\n" + LONG}
    sections["contacts"] = [{"id": "c-x", "name": IMG, "phone": "+1 414 555 0199", "relation": RLO}]
    return {"schemaVersion": ps.current_version(), "sections": sections, "meta": {"subset": "caregiver"}}


@pytest.fixture
def watched(context: BrowserContext) -> tuple[Page, Watcher, list[str]]:
    watcher = Watcher().attach(context)
    context.add_init_script(COUNT_PRINTS)
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    return page, watcher, dialogs


def assert_nothing_ran(page: Page, watcher: Watcher, dialogs: list[str], server: LiveServer, where: str) -> None:
    assert page.evaluate("() => window.__pwned") is None, where
    assert dialogs == [], where
    assert watcher.console_errors == [] and watcher.violations == [], where
    # Only the app's own code and styles were fetched: nothing the plan names (an "x" image, a script).
    fetched = {url for url in watcher.requests if url.startswith(server.url)}
    assert {url for url in watcher.requests if not url.startswith(server.url) and not url.startswith("data:")} == set(), where
    assert not any(url.rstrip("/").endswith("/x") or "xss" in url for url in fetched), where
    assert page.locator("#plan-steps img, #plan-steps script, #plan-steps svg, #import-document img").count() == 0, where


def test_an_absurd_and_hostile_plan_renders_as_text_without_overflow(watched: tuple[Page, Watcher, list[str]], live_server: LiveServer) -> None:
    page, watcher, dialogs = watched
    plan = absurd_plan()
    file = FamilyFile(encrypt_plan({"schemaVersion": ps.current_version(), "plan": plan}, FILE_PASSPHRASE, kind="caregiver"), FILE_PASSPHRASE, {})
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(f"{live_server.url}/en/open/")
    open_received(page, file)
    assert_no_sideways_scroll(page, "preview")
    view = look_now(page)
    expect(view.locator(".action-child")).to_have_count(CHILDREN)
    # The hostile strings are shown as the text they are.
    expect(view.locator('section[data-step="child:p-c000:pickup"]')).to_contain_text(f"Pick up {IMG}")
    expect(view.locator(".action-resource")).to_have_count(CHILDREN)
    expect(view.locator(".action-resource").first).to_contain_text(IMG)
    expect(view.locator(".action-family")).to_contain_text(LONG)
    # A right-to-left override in a name stays inside its own isolate: the words after it read as written.
    heading = view.locator('section[data-step="child:p-c001:pickup"] .action-step-title')
    expect(heading).to_contain_text("Pick up")
    assert (heading.text_content() or "").startswith("Pick up ")
    expect(view.locator('section[data-step="child:p-c001:pickup"] .action-step-title bdi')).to_have_text(RLO)
    # Empty sections are gaps said plainly, not errors.
    for key in ("gapNoPaper", "gapCaregiver", "gapMeeting", "gapOutOfTown", "gapPets"):
        expect(view.locator(f'[data-gap="{key}"]')).to_have_count(1)
    # A review date in the year 9999 is not past; the file's age is still said.
    expect(view.locator(".action-stale")).to_have_count(0)
    assert_no_sideways_scroll(page, "the steps at 320 px")
    assert_nothing_ran(page, watcher, dialogs, live_server, "the steps")

    # On paper: a sheet for each of the 200 children and one for the adults.
    view.get_by_role("button", name=ui_string(page, "stepsPrint")).click()
    page.locator("#print-confirm").click()
    page.wait_for_function("() => window.__prints === 1")
    expect(page.locator(".print-root .action-page")).to_have_count(CHILDREN + 1)
    assert_nothing_ran(page, watcher, dialogs, live_server, "print")

    # Kept: the list under the 10,000-character family name, still no sideways scroll.
    keep_opened_file(page, own_passphrase=PASSPHRASE)
    entry = page.locator("#shared-list .shared-entry")
    expect(entry.locator("h3")).to_have_text(LONG)
    assert_no_sideways_scroll(page, "the list at 320 px")
    entry.get_by_role("button", name=ui_string(page, "sharedSteps")).click()
    expect(page.locator("#plan-steps .action-child")).to_have_count(CHILDREN)
    assert_no_sideways_scroll(page, "the kept steps at 320 px")
    assert_nothing_ran(page, watcher, dialogs, live_server, "kept")


def test_a_plan_with_every_section_empty_says_what_is_missing(watched: tuple[Page, Watcher, list[str]], live_server: LiveServer) -> None:
    page, watcher, dialogs = watched
    sections = {section["id"]: ([] if section["kind"] == "list" else {}) for section in ps.section_defs()}
    plan = {"schemaVersion": ps.current_version(), "sections": sections, "meta": {}}
    page.goto(f"{live_server.url}/ar/open/")
    open_received(page, FamilyFile(encrypt_plan({"schemaVersion": ps.current_version(), "plan": plan}, FILE_PASSPHRASE), FILE_PASSPHRASE, {}))
    view = look_now(page)
    expect(view.locator('[data-gap="gapNoChildren"]')).to_have_text(ui_string(page, "gapNoChildren"))
    for key in ("gapPaper", "gapLawyer", "gapConsulate", "gapContacts", "gapCaregiver", "gapInstructions", "gapDocuments", "gapMoney", "gapPets"):
        expect(view.locator(f'[data-gap="{key}"]')).to_have_count(1)
    # Nothing to tick: no step has an answer.
    expect(view.locator("input.action-tick")).to_have_count(0)
    page.set_viewport_size({"width": 320, "height": 640})
    assert_no_sideways_scroll(page, "an empty plan's steps")
    assert_nothing_ran(page, watcher, dialogs, live_server, "empty plan")

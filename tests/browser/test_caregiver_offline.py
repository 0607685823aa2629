"""The caregiver's path with the server stopped (issue 13): after one visit with a
connection, a caregiver's copy opens, its steps show, it is kept and its kept steps
tick, all from the worker; and the family's own "Check what my caregiver will see"
in the editor, whose gaps lead to the part of the plan where the answer goes."""

from __future__ import annotations

import copy

from playwright.sync_api import BrowserContext, Page, expect

from server import plan_schema as ps
from server.fileformat import encrypt_plan
from tests.browser.caregiver_helpers import (
    FamilyFile, assert_every_number_dials, assert_no_sideways_scroll, filled_fields, gaps, look_now, open_received, shown_fields,
)
from tests.browser.helpers import Watcher, translate, wait_for_worker
from tests.browser.share_helpers import FILE_PASSPHRASE, FULL_FAMILY, assert_accessible, keep_opened_file, seed_vault, unlock_plan_page
from tests.browser.vault_helpers import PASSPHRASE, ui_string
from tests.live_server import LiveServer

SOFIA = next(person for person in FULL_FAMILY["sections"]["people"] if person["role"] == "child")


def test_a_caregiver_copy_opens_is_kept_and_ticked_with_the_server_stopped(context: BrowserContext, own_server: LiveServer) -> None:
    watcher = Watcher().attach(context)
    page = context.new_page()
    page.goto(f"{own_server.url}/ar/open/")
    wait_for_worker(page)
    plan = ps.caregiver_subset(FULL_FAMILY)
    file = FamilyFile(encrypt_plan({"schemaVersion": ps.current_version(), "plan": plan}, FILE_PASSPHRASE, kind="caregiver"), FILE_PASSPHRASE, {})

    own_server.stop()

    page.reload()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    open_received(page, file)
    view = look_now(page)
    assert filled_fields(plan) - shown_fields(view) == set()
    assert assert_every_number_dials(view) > 0
    expect(view.locator(".action-help[data-help=locator]")).to_be_visible()  # the sourced help is in the page itself
    keep_opened_file(page, own_passphrase=PASSPHRASE)
    page.locator("#shared-list .shared-entry").get_by_role("button", name=ui_string(page, "sharedSteps")).click()
    kept = page.locator("#plan-steps .action-view")
    tick = kept.locator('[data-step="papers"] input.action-tick')
    tick.check()
    expect(tick).to_be_checked()
    expect(page.locator("#steps-error")).to_have_text("")
    assert watcher.console_errors == [] and watcher.violations == []


def test_the_editor_shows_what_the_caregiver_will_see_and_where_to_add_what_is_missing(
    context: BrowserContext, live_server: LiveServer
) -> None:
    plan = copy.deepcopy(FULL_FAMILY)
    del plan["sections"]["school"][0]["pickupTimes"]
    page = context.new_page()
    seed_vault(page, live_server, plan)
    unlock_plan_page(page, live_server)
    page.get_by_role("link", name=ui_string(page, "editorCaregiverView")).click()
    screen = page.locator(".caregiver-check")
    expect(screen).to_be_visible()
    expect(screen).to_contain_text(ui_string(page, "editorCaregiverIntro"))
    view = screen.locator(".action-view")
    # It is the caregiver's copy: every answer a copy holds shows, the rest is said to be missing from the copy.
    assert filled_fields(ps.caregiver_subset(plan)) - shown_fields(view) == set()
    assert "gapNotInCopy" in gaps(view)
    expect(view).not_to_contain_text(FULL_FAMILY["sections"]["legal"]["attorneyName"])
    expect(view).to_contain_text(ui_string(page, "stepsTicksPreview"))
    missing = view.locator('[data-gap="gapPickupTimes"]')
    expect(missing).to_contain_text(SOFIA["legalName"])
    assert_accessible(page, "check what my caregiver will see")
    page.set_viewport_size({"width": 320, "height": 640})
    assert_no_sideways_scroll(page, "check what my caregiver will see at 320 px")
    # "Add it to your plan" leads to the part of the plan where the pick-up times are asked for.
    missing.get_by_role("link", name=translate("en", "Add it to your plan")).click()
    title = translate("en", ps.section_def("school")["title"])
    expect(page.get_by_role("heading", name=title, level=2)).to_be_visible()
    expect(page.locator(".caregiver-check")).to_have_count(0)

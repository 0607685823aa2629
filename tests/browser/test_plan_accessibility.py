"""The plan editor for everyone: axe-core finds nothing on any screen (the
interview, each part, each entry, check your answers, share, the overview, a
child's page), in English and Arabic; no screen scrolls sideways at 320 px in
any language; every target is at least 44 px."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any, Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page

from server import plan_schema as ps
from server.languages import CODES
from tests.browser.plan_helpers import all_routes, create_vault, go, open_context, store_plan, unlock

AXE = Axe()
FULL = json.loads((Path(__file__).resolve().parent.parent / "fixtures" / "plan-full-family.json").read_text(encoding="utf-8"))
CHILD = "p-2c91f7aa"



def busy_plan() -> dict[str, Any]:
    """The full family, with problems to show and words too long for a narrow screen."""
    plan = copy.deepcopy(FULL)
    people = plan["sections"]["people"]
    people[0]["aNumber"] = "A12"
    people[1]["otherNames"] = "Núñez" * 30
    plan["sections"]["contacts"][0]["phone"] = "call Rosa"
    plan["sections"]["contacts"][1]["email"] = "x" * 120 + "@example.com"
    plan["sections"]["care"]["childrenGo"] = "maybe"
    plan["sections"]["school"][0]["pickup"].append({"id": "u-new", "phone": "414-555-0199"})
    plan["sections"]["documents"][0]["kind"] = "somethingElse"
    plan["sections"]["notes"]["text"] = "https://example.org/" + "a" * 300
    for sid in ("medical", "documents"):  # every kind of item is still there; axe runs faster on a smaller page
        plan["sections"][sid] = plan["sections"][sid][:2]
    return plan


ROUTES = all_routes(busy_plan())


@pytest.fixture(scope="module")  # one vault for the module: setting it up is the slow part
def unlocked(browser: Browser, device_descriptor: dict[str, Any], live_server) -> Iterator[Page]:  # type: ignore[no-untyped-def]
    context = browser.new_context(**device_descriptor)
    open_context(context)
    page = context.new_page()
    create_vault(page, live_server.url)
    store_plan(page, busy_plan())
    yield page
    context.close()


def _violations(page: Page) -> list[Any]:
    results = AXE.run(page, context="#plan-editor", options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]}})
    return [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]]


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_axe_on_every_page_of_the_editor(unlocked: Page, live_server, lang: str) -> None:  # type: ignore[no-untyped-def]
    page = unlocked
    if lang != "en":
        page.goto(f"{live_server.url}/{lang}/plan/")
        unlock(page)
    found = {}
    for route in ROUTES:
        go(page, route)
        if violations := _violations(page):
            found[route] = violations
    go(page, f"#item=contacts/{FULL['sections']['contacts'][1]['id']}")
    page.locator('#plan-editor [data-action="remove"]').click()
    page.wait_for_selector(".undo-bar")
    page.locator('#plan-editor [data-action="undo"]').click()  # and it comes back
    page.wait_for_function("() => location.hash.startsWith('#item=contacts/')")
    if violations := _violations(page):
        found["undo"] = violations
    assert found == {}


def test_no_sideways_scrolling_at_320px_in_any_language(browser: Browser, live_server) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 320, "height": 640}, is_mobile=True, has_touch=True, device_scale_factor=2)
    open_context(context)
    page = context.new_page()
    create_vault(page, live_server.url)
    store_plan(page, busy_plan())
    wide = {}
    for lang in CODES:
        if lang != "en":
            page.goto(f"{live_server.url}/{lang}/plan/")
            unlock(page)
        for route in ROUTES:
            go(page, route)
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > 320:
                wide[f"{lang}{route}"] = width
    context.close()
    assert wide == {}


TARGETS = """() => [...document.querySelectorAll(
    "#plan-editor button, #plan-editor input:not([type=radio]):not([type=checkbox]), #plan-editor select, "
    + "#plan-editor textarea, #plan-editor label.choice, #plan-editor nav a, #plan-editor a.button, "
    + "#plan-editor .part-link, #plan-editor .gap a, #plan-editor .warning a, #plan-editor .child-number, "
    + "#plan-editor summary, #plan-editor .check-change, #plan-editor .next-parts a, #plan-editor .explain a")]
  .filter((node) => node.offsetParent !== null)
  .map((node) => { const box = node.getBoundingClientRect(); return [node.outerHTML.slice(0, 80), box.width, box.height]; })
  .filter(([, width, height]) => width < 44 || height < 44)"""


def test_every_target_is_at_least_44px(unlocked: Page) -> None:
    small = {}
    for route in ROUTES:
        go(unlocked, route)
        if found := unlocked.evaluate(TARGETS):
            small[route] = found
    assert small == {}

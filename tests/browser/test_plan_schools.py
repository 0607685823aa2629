"""Choosing a child's school from the district's list (issue 14): offline, searched as
the name is typed, in the page's language; choosing fills the entry's own fields and
never what the family typed; a school not in the list stays free text; the Safe Haven
resource person reaches the child's page and the school letter. axe finds nothing on
the new parts, and nothing scrolls sideways at 320 px, in English and Arabic.

The server runs a deployment file with fictional schools (tests/school_deployment.py)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from server.config import Config
from tests.browser.helpers import Watcher
from tests.browser.plan_helpers import (
    create_vault, field, go, open_context, press_continue, saved_plan, store_plan, wait_saved, wait_screen,
)
from tests.browser.vault_helpers import ui_string
from tests.live_server import LiveServer
from tests.school_deployment import LAKEVIEW, RESOURCE_NAME, RESOURCE_PHONE, RIO, school_deployment

AXE = Axe()
COUNT_PRINTS = "window.print = () => { window.__prints = (window.__prints || 0) + 1; };"
CHILD = "p-child1"
ENTRY = "s-entry1"
NAME = f"/sections/school/0/name"
ROLE = {"en": "school social worker", "ar": "الأخصائية الاجتماعية في المدرسة"}
LANGUAGES = {"en": "English and Spanish", "ar": "الإنجليزية والإسبانية"}


def one_child(school: dict[str, Any] | None = None) -> dict[str, Any]:
    """A plan with one child and one school entry (blank but for what `school` gives)."""
    entry = {"id": ENTRY, "children": [CHILD], **(school or {})}
    return {
        "schemaVersion": 3,
        "sections": {"people": [{"id": CHILD, "role": "child", "legalName": "Sofía Morales"}], "school": [entry]},
        "meta": {},
    }


@pytest.fixture(scope="module")
def schools_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    folder = tmp_path_factory.mktemp("schools")
    server = LiveServer(Config(deployment_file=school_deployment(folder)), folder / "site")
    server.start()
    yield server
    server.stop()


def name_input(page: Page):  # type: ignore[no-untyped-def]
    return field(page, NAME).locator("input").first


def chooser(page: Page):  # type: ignore[no-untyped-def]
    return field(page, NAME).locator(".school-chooser")


def district(page: Page) -> str:
    return page.evaluate("JSON.parse(document.getElementById('district-schools').textContent).district")


def filled(template: str, **values: str) -> str:
    return re.sub(r"\{(\w+)\}", lambda match: values[match.group(1)], template)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_choosing_a_district_school_offline_fills_the_entry(phone: Page, schools_server: LiveServer, lang: str) -> None:
    create_vault(phone, schools_server.url, lang=lang)
    wait_screen(phone, "#start=children")
    field(phone, "/sections/people/0/legalName").locator("input").fill("Sofía Morales")
    press_continue(phone)
    wait_screen(phone, "#start=pickup")
    # From here on there is no network: the list is in the page.
    requests: list[str] = []
    phone.on("request", lambda request: requests.append(request.url))
    phone.context.set_offline(True)
    expect(chooser(phone).locator(".hint")).to_have_text(filled(ui_string(phone, "editorSchoolSearchHint"), district=district(phone)))
    name_input(phone).fill("lakev")
    status = chooser(phone).locator(".school-status")
    expect(status).to_have_text(ui_string(phone, "editorSchoolMatches"))
    if lang == "ar":  # the search speaks the page's language; only the school's proper name stays as it is
        assert not re.search("[A-Za-z]", status.text_content() or "")
    matches = chooser(phone).locator('[data-action="choose-school"]')
    expect(matches).to_have_count(1)
    expect(matches).to_contain_text(LAKEVIEW)
    matches.click()

    expect(name_input(phone)).to_have_value(LAKEVIEW)
    expect(name_input(phone)).to_be_focused()
    expect(chooser(phone).locator(".hint").first).to_have_text(filled(ui_string(phone, "editorSchoolInList"), district=district(phone)))
    wait_saved(phone, lang)
    school = saved_plan(phone)["sections"]["school"][0]
    assert {key: school.get(key) for key in ("name", "kind", "address", "phone", "resourcePerson", "resourcePhone", "resourceLanguages")} == {
        "name": LAKEVIEW,
        "kind": "school",
        "address": "100 W. Example Ave., Milwaukee, WI 53204",
        "phone": "414-555-0140",
        "resourcePerson": f"{RESOURCE_NAME} ({ROLE[lang]})",
        "resourcePhone": RESOURCE_PHONE,
        "resourceLanguages": LANGUAGES[lang],
    }
    assert requests == []
    phone.context.set_offline(False)


def test_free_text_stays_and_what_was_typed_is_never_replaced(phone: Page, schools_server: LiveServer) -> None:
    create_vault(phone, schools_server.url)
    store_plan(phone, one_child({"phone": "414-555-0199", "resourcePerson": "Mr. Typed"}))
    go(phone, f"#item=school/{ENTRY}")

    # A school that is not in the list: the list says so, and the name is kept as typed.
    name_input(phone).fill("Escuela Inventada")
    expect(chooser(phone).locator(".school-status")).to_have_text(ui_string(phone, "editorSchoolNoMatch"))
    expect(chooser(phone).locator('[data-action="choose-school"]')).to_have_count(0)
    wait_saved(phone)
    assert saved_plan(phone)["sections"]["school"][0]["name"] == "Escuela Inventada"

    # Accents and case do not count in the search: "rio" finds "Río".
    name_input(phone).fill("rio example")
    expect(chooser(phone).locator('[data-action="choose-school"]')).to_have_count(1)
    chooser(phone).locator('[data-action="choose-school"]').click()
    expect(name_input(phone)).to_have_value(RIO)
    wait_saved(phone)
    school = saved_plan(phone)["sections"]["school"][0]
    assert school["phone"] == "414-555-0199" and school["resourcePerson"] == "Mr. Typed"  # typed first: kept
    assert school["address"] == "200 S. Example St., Milwaukee, WI 53215"  # blank: filled
    assert "resourcePhone" not in school  # the list has none for this school

    # The school's own steps if law enforcement comes, and where the list found it.
    procedure = chooser(phone).locator("details")
    procedure.locator("summary").click()
    expect(procedure).to_contain_text("The principal meets the officer at the front door.")
    expect(chooser(phone).locator('a[href="https://example.org/rio"]')).to_have_attribute("target", "_blank")

    # Typing another name unlinks it: the entry is the family's own again.
    name_input(phone).fill(f"{RIO} annex")
    expect(chooser(phone).locator("details")).to_have_count(0)
    wait_saved(phone)
    assert saved_plan(phone)["sections"]["school"][0]["name"] == f"{RIO} annex"


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_resource_person_on_the_child_page_and_in_the_letter(phone: Page, schools_server: LiveServer, lang: str) -> None:
    phone.context.add_init_script(COUNT_PRINTS)
    create_vault(phone, schools_server.url, lang=lang)
    store_plan(phone, one_child({"pickup": [{"id": "u-1", "name": "Rosa Núñez", "phone": "414-555-0143"}]}))
    go(phone, f"#item=school/{ENTRY}")
    name_input(phone).fill("Lakeview")
    chooser(phone).locator('[data-action="choose-school"]').click()
    expect(name_input(phone)).to_have_value(LAKEVIEW)
    wait_saved(phone, lang)

    go(phone, f"#child={CHILD}")
    line = phone.locator(".child-page .child-resource")
    expect(line).to_contain_text(RESOURCE_NAME)
    expect(line.locator("a.child-number")).to_have_attribute("href", "tel:4145550141")
    expect(line).to_contain_text(ui_string(phone, "childResource").split("{name}")[0].strip())

    go(phone, "#share")
    before = phone.evaluate("window.__prints || 0")
    phone.locator("[data-print=letters]").click()
    phone.locator("#print-confirm").click()
    phone.wait_for_function("(before) => (window.__prints || 0) > before", arg=before)
    letter = phone.locator(".print-root .school-letter")
    expect(letter).to_have_count(1)
    resource = letter.locator(".letter-resource")
    expect(resource).to_contain_text(f"{RESOURCE_NAME} ({ROLE[lang]})")
    expect(resource).to_contain_text(RESOURCE_PHONE)
    expect(resource).to_contain_text(ui_string(phone, "letterResource").split("{person}")[0].strip())


def _violations(page: Page) -> list[Any]:
    results = AXE.run(page, context="#plan-editor", options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]}})
    return [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]]


def _each_new_state(page: Page) -> Iterator[str]:
    """The school chooser with matches showing, with no match, chosen (its steps open), and the child's page."""
    go(page, f"#item=school/{ENTRY}")
    name_input(page).fill("example")
    expect(chooser(page).locator('[data-action="choose-school"]')).to_have_count(3)
    yield "matches"
    name_input(page).fill("Escuela Inventada Con Un Nombre Muy Largo Que No Cabe")
    expect(chooser(page).locator(".school-status")).not_to_be_empty()
    yield "no match"
    name_input(page).fill("rio")
    chooser(page).locator('[data-action="choose-school"]').click()
    chooser(page).locator("details > summary").click()
    expect(chooser(page).locator("details")).to_have_attribute("open", "")
    yield "chosen"
    name_input(page).fill("lakeview")
    chooser(page).locator('[data-action="choose-school"]').click()
    expect(name_input(page)).to_have_value(LAKEVIEW)
    go(page, f"#child={CHILD}")
    expect(page.locator(".child-resource")).to_be_visible()
    yield "child page"


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_axe_finds_nothing_on_the_school_chooser(phone: Page, schools_server: LiveServer, lang: str) -> None:
    create_vault(phone, schools_server.url, lang=lang)
    store_plan(phone, one_child())
    found = {}
    for state in _each_new_state(phone):
        if violations := _violations(phone):
            found[state] = violations
    assert found == {}


TARGETS = """() => [...document.querySelectorAll(
    "#plan-editor .school-chooser a, #plan-editor .school-chooser button, "
    + "#plan-editor .school-chooser summary, #plan-editor .child-resource a")]
  .filter((node) => node.offsetParent !== null)
  .map((node) => { const box = node.getBoundingClientRect(); return [node.outerHTML.slice(0, 80), box.width, box.height]; })
  .filter(([, width, height]) => width < 44 || height < 44)"""


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_no_sideways_scrolling_at_320px_and_big_targets(browser: Browser, schools_server: LiveServer, lang: str) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 640}, is_mobile=True, has_touch=True, device_scale_factor=2)
    open_context(context)
    watcher = Watcher().attach(context)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    create_vault(page, schools_server.url, lang=lang)
    store_plan(page, one_child())
    wide, small = {}, {}
    for state in _each_new_state(page):
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 320:
            wide[state] = width
        if found := page.evaluate(TARGETS):
            small[state] = found
    context.close()
    assert wide == {} and small == {}
    assert watcher.foreign_hosts(schools_server.url) == set() and watcher.violations == [] and errors == []


def test_without_a_list_the_name_is_plain_free_text(phone: Page, live_server: LiveServer, tmp_path: Path) -> None:
    """A deployment with no schools (or a school the list lacks) leaves the field as it was."""
    create_vault(phone, live_server.url)
    store_plan(phone, one_child())
    go(phone, f"#item=school/{ENTRY}")
    schools = phone.evaluate("JSON.parse(document.getElementById('district-schools').textContent).schools.length")
    assert schools >= 1  # Milwaukee's list: the schools a public page confirms
    name_input(phone).fill("Escuela Ejemplo")
    expect(chooser(phone).locator(".school-status")).to_have_text(ui_string(phone, "editorSchoolNoMatch"))
    wait_saved(phone)
    assert saved_plan(phone)["sections"]["school"][0]["name"] == "Escuela Ejemplo"

"""Printing: the paper warning comes first, and the printed plan holds every
filled field of the test family (checked in the PDF's own text)."""

from __future__ import annotations

import io
import re
import unicodedata
from typing import Any, Iterator

from playwright.sync_api import BrowserContext, Page, expect
from pypdf import PdfReader

from server import plan_schema as ps
from tests.browser.share_helpers import FULL_FAMILY, seed_vault, unlock_plan_page
from tests.browser.vault_helpers import ui_string
from tests.live_server import LiveServer

COUNT_PRINTS = "window.print = () => { window.__prints = (window.__prints || 0) + 1; };"


def _squash(text: str) -> str:
    # Lines wrap anywhere on paper: compare without any whitespace. Fonts print
    # ligatures ("ﬁ"), which NFKC turns back into letters.
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _names(plan: dict[str, Any]) -> dict[str, str]:
    return {person["id"]: person["legalName"] for person in plan["sections"]["people"]}


def _shown(field: dict[str, Any], value: Any, names: dict[str, str]) -> Iterator[str]:
    """The words a reader sees for one filled answer (English)."""
    kind = field["type"]
    if kind == "yesno":
        yield "Yes" if value else "No"
    elif kind == "choice":
        yield next(option["label"] for option in field["options"] if option["value"] == value)
    elif kind == "personref":
        yield names[value]
    elif kind == "personrefs":
        yield from (names[ref] for ref in value)
    elif kind == "list":
        for item in value:
            for sub in field["fields"]:
                if not ps.is_blank(item.get(sub["id"])):
                    yield from _shown(sub, item[sub["id"]], names)
    else:
        yield str(value)


def filled_answers(plan: dict[str, Any]) -> list[tuple[str, str]]:
    """(where, text) for every filled field of the plan, with its label."""
    names = _names(plan)
    found = []
    for section in ps.section_defs():
        value = plan["sections"].get(section["id"])
        items = value if section["kind"] == "list" else [value]
        for index, item in enumerate(items):
            for field in section["fields"]:
                answer = item.get(field["id"])
                if ps.is_blank(answer):
                    continue
                where = f"{section['id']}/{index}/{field['id']}"
                found.append((where, field["label"]))
                found.extend((where, text) for text in _shown(field, answer, names))
    return found


def pdf_text(page: Page) -> tuple[str, int]:
    reader = PdfReader(io.BytesIO(page.pdf(format="Letter")))
    return "\n".join(p.extract_text() for p in reader.pages), len(reader.pages)


def print_via_button(page: Page, which: str) -> None:
    before = page.evaluate("window.__prints || 0")
    page.locator(f"[data-print={which}]").click()
    expect(page.locator("#print-warning")).to_be_visible()
    page.locator("#print-confirm").click()
    expect(page.locator("#print-warning")).to_be_hidden()
    page.wait_for_function("(before) => (window.__prints || 0) > before", arg=before)


def test_paper_warning_comes_first_and_cancel_prints_nothing(context: BrowserContext, live_server: LiveServer) -> None:
    context.add_init_script(COUNT_PRINTS)
    page = context.new_page()
    seed_vault(page, live_server)
    unlock_plan_page(page, live_server)
    page.locator("[data-print=plan]").click()
    dialog = page.locator("#print-warning")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text(ui_string(page, "printPaperNote").split(".")[0])
    page.locator("#print-cancel").click()
    expect(dialog).to_be_hidden()
    assert page.evaluate("window.__prints || 0") == 0
    assert page.locator(".print-root").inner_html() == ""


def test_the_printed_plan_holds_every_filled_field(context: BrowserContext, live_server: LiveServer) -> None:
    context.add_init_script(COUNT_PRINTS)
    page = context.new_page()
    seed_vault(page, live_server)
    unlock_plan_page(page, live_server)
    print_via_button(page, "plan")
    assert page.evaluate("window.__prints") == 1
    text, pages = pdf_text(page)
    printed = _squash(text)
    missing = [(where, answer) for where, answer in filled_answers(FULL_FAMILY) if _squash(answer) not in printed]
    assert missing == []
    assert pages > 2
    # Only the plan is on paper: not the form, the buttons or the page around it.
    assert _squash(ui_string(page, "printPlanTitle")) in printed
    assert "Makethelockedfile" not in printed and "Quickexit" not in printed


def test_cards_and_school_letters(context: BrowserContext, live_server: LiveServer) -> None:
    context.add_init_script(COUNT_PRINTS)
    page = context.new_page()
    seed_vault(page, live_server)
    unlock_plan_page(page, live_server)
    names = _names(FULL_FAMILY)
    children = [p for p in FULL_FAMILY["sections"]["people"] if p["role"] == "child"]

    print_via_button(page, "cards")
    cards = page.locator(".print-root .child-card")
    expect(cards).to_have_count(len(children))
    for card, child in zip(cards.all(), children):
        expect(card.locator("h2")).to_have_text(child["legalName"])
        for school in FULL_FAMILY["sections"]["school"]:
            if child["id"] in school["children"]:
                for person in school["pickup"]:
                    if not person.get("onlyFor") or child["id"] in person["onlyFor"]:
                        expect(card).to_contain_text(person["name"])
    assert _squash(FULL_FAMILY["sections"]["care"]["primaryPhone"]) in _squash(pdf_text(page)[0])

    print_via_button(page, "letters")
    letters = page.locator(".print-root .school-letter")
    schools = FULL_FAMILY["sections"]["school"]
    expect(letters).to_have_count(len({school["name"] for school in schools}))
    for letter, school in zip(letters.all(), schools):
        expect(letter).to_contain_text(school["name"])
        for child_id in school["children"]:
            expect(letter).to_contain_text(names[child_id])
        for person in school["pickup"]:
            expect(letter).to_contain_text(person["name"])
    text, pages = pdf_text(page)
    assert pages >= len(schools)  # one letter per sheet
    assert all(_squash(school["name"]) in _squash(text) for school in schools)
    assert page.evaluate("window.__prints") == 2

    # Locking leaves nothing decrypted in the page, printed content included.
    page.locator("#lock-button").click()
    expect(page.locator("#vault-unlock")).to_be_visible()
    assert page.locator(".print-root").inner_html() == ""
    assert children[0]["legalName"] not in page.content()


def test_the_browser_print_menu_prints_only_the_advice(context: BrowserContext, live_server: LiveServer) -> None:
    """Printing from the browser's own menu skips the app's paper warning, so no plan is printed."""
    from tests.browser.helpers import translate
    from tests.browser.vault_helpers import create_vault, type_notes

    page = context.new_page()
    create_vault(page, live_server.url)
    type_notes(page, "canary-print-menu-8d2f")
    text, _ = pdf_text(page)
    assert "canary-print-menu-8d2f" not in text
    assert _squash(translate("en", "Paper is not encrypted. To print the plan, use the Print buttons in the app.")) in _squash(text)

"""Hostile text in every text field of the plan: script-injection payloads, bidi
overrides, zero-width and emoji text, a 100 KB note. Nothing runs, nothing is
blocked by the CSP (nothing tried to run), the text shows as typed, and it is
saved and restored exactly after a lock and unlock."""

from __future__ import annotations

import json
from itertools import cycle
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page

from server import plan_schema as ps
from tests.browser.helpers import Watcher
from tests.browser.plan_helpers import (
    add_entry, add_item, create_vault, done_entry, every_screen, field, go, lock, open_context, read_form, saved_plan,
    set_field, unfold, unlock, wait_saved,
)
from tests.live_server import LiveServer

HOSTILE = json.loads((Path(__file__).resolve().parent.parent / "fixtures" / "hostile-strings.json").read_text(encoding="utf-8"))
ONE_LINE = [s for s in HOSTILE["payloads"] + HOSTILE["text"] if "\n" not in s and "\r" not in s]
MULTI_LINE = HOSTILE["multiline"] + [s for s in HOSTILE["payloads"] if "\n" in s]
BIG_NOTE_BYTES = 100 * 1024

TRAP = """
window.__pwned = 0;
window.alert = window.confirm = window.prompt = () => { window.__pwned = 1; };
"""
# Everything the editor itself ever creates. A payload that became markup would add others.
EDITOR_TAGS = {"section", "article", "nav", "div", "p", "h2", "h3", "h4", "progress", "fieldset", "legend", "label",
               "span", "bdi", "input", "textarea", "select", "option", "ol", "ul", "li", "button", "a", "details", "summary",
               "dl", "dt", "dd"}
# [pointer, tag] of each text control shown on the current step (dates are not text).
TEXT_CONTROLS = """() => [...document.querySelectorAll("#plan-editor .field[data-pointer]")]
  .filter((root) => !root.hidden && root.querySelector(":scope > textarea, :scope > input"))
  .map((root) => [root.dataset.pointer, root.querySelector(":scope > textarea, :scope > input").tagName])"""


def big_note() -> str:
    """Exactly 100 KiB of UTF-8: the special texts once, then the payloads over and over.
    (Mostly ASCII: Chromium takes seconds to lay out 100 KB of emoji and combining marks.)"""
    pieces = cycle(HOSTILE["payloads"])
    text = "\n".join(HOSTILE["text"] + HOSTILE["multiline"]) + "\n"
    while len(text.encode()) < BIG_NOTE_BYTES:
        text += next(pieces) + "\n"
    while len(text.encode()) > BIG_NOTE_BYTES:
        text = text[:-1]
    return text + "x" * (BIG_NOTE_BYTES - len(text.encode()))


def make_items(page: Page) -> None:
    """One of everything: an adult and a child, a contact, a school with a pick-up person,
    a pet (the family has one), each entry on its own screen."""
    people = ps.section_def("people")["fields"]
    go(page, "#step=people")
    for index, role in enumerate(("adult", "child")):
        add_entry(page, "people")
        set_field(page, people[0], f"/sections/people/{index}/role", role, {})
        done_entry(page, "people")
    go(page, "#step=family")
    set_field(page, ps.section_def("family")["fields"][1], "/sections/family/hasPets", True, {})
    for sid in ("contacts", "school", "medical", "documents", "pets"):
        go(page, f"#step={sid}")
        add_entry(page, sid)
        if sid == "school":
            add_item(page, "/sections/school/0/pickup")
        if sid == "documents":
            set_field(page, ps.section_def("documents")["fields"][0], "/sections/documents/0/kind", "passport", {})
        done_entry(page, sid)
    go(page, "#step=authority")
    authority = ps.section_def("authority")["fields"]
    set_field(page, authority[0], "/sections/authority/docType", "other", {})


def fill_hostile(page: Page) -> dict[str, str]:
    """Every visible text field of every screen gets hostile text; text areas get three at once."""
    one_line, multi_line = cycle(ONE_LINE), cycle(MULTI_LINE + ONE_LINE)
    typed: dict[str, str] = {}
    used: set[str] = set()
    for route in every_screen(page):
        go(page, route)
        unfold(page)
        controls = page.evaluate(TEXT_CONTROLS)
        for pointer, tag in controls:
            control = field(page, pointer).locator(":scope > input, :scope > textarea")
            if pointer == "/sections/notes/text":
                value = big_note()
            elif pointer == "/sections/care/longTerm":
                value = "\n".join(ONE_LINE)  # over the limit: kept and flagged, never cut
            elif tag == "TEXTAREA":
                value = "\n".join(next(multi_line) for _ in range(3))
            else:
                value = next(one_line)
            control.fill(value)
            typed[pointer] = value
            used.update(value.split("\n") if "\n" in value and pointer != "/sections/notes/text" else [value])
    assert used >= set(ONE_LINE), "every payload goes into at least one field"
    return typed


def shown_text_everywhere(page: Page, typed: dict[str, str]) -> None:
    for route in every_screen(page):
        go(page, route)
        shown = read_form(page)
        prefix = route_prefix(page)
        expected = {k: v for k, v in typed.items() if k.startswith(prefix + "/")}
        assert {k: shown.get(k) for k in expected} == expected, route
    people = saved_plan(page)["sections"]["people"]
    go(page, f"#item=people/{people[0]['id']}")
    assert page.locator("#screen-title").text_content() == typed["/sections/people/0/legalName"]
    go(page, f"#item=contacts/{saved_plan(page)['sections']['contacts'][0]['id']}")
    unfold(page)
    options = page.locator('[data-pointer="/sections/contacts/0/memorizeBy"] label').all_text_contents()
    assert options == [typed["/sections/people/1/legalName"]]
    go(page, "#step=people")  # the list shows each name as typed, as text
    assert page.locator(".entry-name").all_text_contents()[:2] == [typed["/sections/people/0/legalName"], typed["/sections/people/1/legalName"]]
    go(page, "#overview")
    children = page.locator(".child-links a")
    assert typed["/sections/people/1/legalName"] in children.text_content()
    children.click()
    page.wait_for_selector(".child-page")
    assert page.locator(".child-page h2 bdi").text_content() == ps._trim(typed["/sections/people/1/legalName"])
    assert page.locator(".child-family-words").text_content() == ps._trim(typed["/sections/detained/childrenSteps"])


def route_prefix(page: Page) -> str:
    """The JSON Pointer of what the current screen shows."""
    return page.evaluate("document.querySelector('#plan-editor > [data-scope]').dataset.scope")


def assert_nothing_ran(page: Page, watcher: Watcher, dialogs: list[str], errors: list[str]) -> None:
    assert page.evaluate("window.__pwned") == 0
    assert dialogs == [] and errors == []
    assert watcher.violations == []
    tags = set(page.evaluate("[...document.querySelectorAll('#plan-editor *')].map((e) => e.localName)"))
    assert tags <= EDITOR_TAGS, tags - EDITOR_TAGS


def test_hostile_text_in_every_field(browser: Browser, device_descriptor: dict[str, Any], live_server: LiveServer) -> None:
    context = browser.new_context(**device_descriptor)
    watcher = Watcher().attach(context)
    open_context(context)
    context.add_init_script(TRAP)
    page = context.new_page()
    dialogs: list[str] = []
    errors: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("pageerror", lambda error: errors.append(str(error)))

    create_vault(page, live_server.url)
    make_items(page)
    typed = fill_hostile(page)
    assert len(typed) >= 100
    wait_saved(page)
    shown_text_everywhere(page, typed)
    go(page, "#step=care")
    assert field(page, "/sections/care/longTerm").locator(".field-problem").text_content() == "This is too long."
    go(page, "#step=notes")
    assert field(page, "/sections/notes/text").locator(".field-problem").text_content() == ""
    assert len(typed["/sections/notes/text"].encode()) == 100 * 1024
    assert_nothing_ran(page, watcher, dialogs, errors)

    lock(page)
    unlock(page)
    stored = saved_plan(page)
    for pointer, value in typed.items():
        node: Any = stored
        for part in pointer.split("/")[1:]:
            node = node[int(part)] if isinstance(node, list) else node[part]
        assert node == value, pointer
    shown_text_everywhere(page, typed)
    assert_nothing_ran(page, watcher, dialogs, errors)
    context.close()

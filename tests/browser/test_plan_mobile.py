"""Mobile input done right: the keyboard each answer needs, no autofill or
spell-check service on the family's answers, and a layout that mirrors itself
in a right-to-left language."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Iterator

import pytest
from playwright.sync_api import Browser, Page

from server import plan_schema as ps
from tests.browser.plan_helpers import create_vault, every_screen, go, open_context, store_plan, unlock

FULL = json.loads((Path(__file__).resolve().parent.parent / "fixtures" / "plan-full-family.json").read_text(encoding="utf-8"))

CONTROLS = """() => [...document.querySelectorAll("#plan-editor .field[data-pointer]:not(.nested-list)")].map((root) => {
  const control = root.querySelector(":scope > input, :scope > textarea, :scope > select") || root.querySelector("input");
  return {pointer: root.dataset.pointer, tag: control.localName, type: control.getAttribute("type"),
          inputmode: control.getAttribute("inputmode"), autocomplete: control.getAttribute("autocomplete"),
          spellcheck: control.getAttribute("spellcheck"), dir: control.getAttribute("dir")};
})"""


def schema_field(pointer: str) -> dict[str, Any]:
    parts = [p for p in pointer.split("/")[2:] if not re.fullmatch(r"[0-9]+", p)]
    fields = ps.section_def(parts[0])["fields"]
    for part in parts[1:-1]:
        fields = next(f for f in fields if f["id"] == part)["fields"]
    return next(f for f in fields if f["id"] == parts[-1])


@pytest.fixture(scope="module")  # one vault for the module: setting it up is the slow part
def phone(browser: Browser, device_descriptor: dict[str, Any], live_server) -> Iterator[Page]:  # type: ignore[no-untyped-def]
    context = browser.new_context(**device_descriptor)
    open_context(context)
    page = context.new_page()
    create_vault(page, live_server.url)
    store_plan(page, FULL)
    yield page
    context.close()


EXPECTED = {
    "tel": {"tag": "input", "type": "tel", "inputmode": "tel", "dir": "ltr"},
    "date": {"tag": "input", "type": "text", "inputmode": "numeric"},  # three boxes: day, month, year
    "email": {"tag": "input", "type": "text", "inputmode": "email", "dir": "ltr"},
    "number": {"tag": "input", "type": "text", "inputmode": "decimal", "dir": "ltr"},
    "anumber": {"tag": "input", "type": "text", "dir": "ltr"},
    "text": {"tag": "input", "type": "text", "dir": "auto"},
    "longtext": {"tag": "textarea", "dir": "auto"},
    "choice": {},
    "personref": {"tag": "select"},
    "personrefs": {"tag": "input", "type": "checkbox"},
    "yesno": {"tag": "input", "type": "radio"},
}


def test_keyboards_and_no_autofill_or_spell_check_service_on_the_answers(phone: Page) -> None:
    seen: set[str] = set()
    for route in every_screen(phone):
        go(phone, route)
        for control in phone.evaluate(CONTROLS):
            f = schema_field(control["pointer"])
            seen.add(f["type"])
            for key, value in EXPECTED[f["type"]].items():
                assert control[key] == value, (control["pointer"], key)
            if control["tag"] in ("input", "textarea", "select") and control["type"] not in ("radio", "checkbox"):
                assert control["autocomplete"] == "off", control["pointer"]
            if control["tag"] in ("input", "textarea") and control["type"] not in ("radio", "checkbox"):
                # Enhanced spell checkers send text to a cloud service: off on every answer.
                assert control["spellcheck"] == "false", control["pointer"]
    assert seen == set(EXPECTED)


def test_arabic_layout_is_mirrored(phone: Page, live_server) -> None:  # type: ignore[no-untyped-def]
    phone.goto(f"{live_server.url}/ar/plan/")
    unlock(phone)
    assert phone.evaluate("document.documentElement.dir") == "rtl"
    go(phone, "#step=contacts")
    box = lambda selector: phone.locator(selector).first.bounding_box()  # noqa: E731
    assert box('[data-nav="back"]')["x"] > box('[data-nav="overview"]')["x"]
    second = '[data-item="/sections/contacts/1"] .entry-actions'
    assert box(f'{second} [data-action="change"]')["x"] > box(f'{second} [data-action="up"]')["x"]  # the first button on the right
    name, entry = box('[data-item="/sections/contacts/0"] .entry-name'), box('[data-item="/sections/contacts/0"]')
    assert entry["x"] + entry["width"] - (name["x"] + name["width"]) < 40  # names start on the right
    go(phone, f"#item=contacts/{FULL['sections']['contacts'][0]['id']}")
    phone_input = phone.locator('[data-pointer="/sections/contacts/0/phone"] input')
    label = phone.locator('[data-pointer="/sections/contacts/0/phone"] label').first.inner_text()
    assert not any("a" <= letter.lower() <= "z" for letter in label), f"the field's label is not in Arabic: {label!r}"
    assert phone_input.get_attribute("dir") == "ltr"
    assert phone_input.evaluate("(input) => getComputedStyle(input).textAlign") == "right"
    go(phone, f"#item=people/{FULL['sections']['people'][0]['id']}")
    radio, label = box('[data-pointer="/sections/people/0/role"] input'), box('[data-pointer="/sections/people/0/role"] label.choice span')
    assert radio["x"] > label["x"]  # the radio button comes first, on the right

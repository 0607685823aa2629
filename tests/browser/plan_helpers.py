"""Driving the plan editor like a person does: set up or unlock the vault, move
between steps, type into fields, and read back what the form shows."""

from __future__ import annotations

import json
from typing import Any

from playwright.sync_api import BrowserContext, Locator, Page

from server import plan_schema as ps
from tests.browser.helpers import translate

PASSPHRASE = "maple river quiet lantern seven"

# The vault hands the session to the editor in this event; tests keep a reference to it
# (to store a fixture plan, or to make a save fail) without any hook in the app.
CAPTURE_SESSION = """
document.addEventListener("famplan:unlocked", (event) => { window.__famplanSession = event.detail; });
"""

# What the form shows for every field of the current page, by JSON Pointer.
READ_FORM = """() => {
  const out = {};
  for (const root of document.querySelectorAll("#plan-editor .field[data-pointer]:not(.nested-list)")) {
    if (root.hidden) continue;
    const pointer = root.dataset.pointer;
    const control = root.querySelector(":scope > input, :scope > textarea");
    const select = root.querySelector(":scope > select");
    if (control) {
      if (control.value !== "") out[pointer] = control.value;
    } else if (select) {
      if (select.value !== "") out[pointer] = select.selectedOptions[0].textContent.replace(/[\\u2068\\u2069]/g, "");
    } else {
      const checked = [...root.querySelectorAll("input:checked")].map((input) => input.closest("label").textContent);
      if (checked.length) out[pointer] = root.querySelector("input[type=radio]") ? checked[0] : checked;
    }
  }
  return out;
}"""


def open_context(context: BrowserContext) -> None:
    context.add_init_script(CAPTURE_SESSION)


def wait_for_editor(page: Page) -> None:
    page.wait_for_selector("#plan-editor h2", timeout=20_000)


def create_vault(page: Page, base_url: str, lang: str = "en") -> None:
    page.goto(f"{base_url}/{lang}/plan/")
    page.fill("#setup-passphrase", PASSPHRASE)
    page.click("#setup-form button[type=submit]")
    wait_for_editor(page)


def unlock(page: Page) -> None:
    page.wait_for_selector("#unlock-passphrase", state="visible")
    page.fill("#unlock-passphrase", PASSPHRASE)
    page.click("#unlock-form button[type=submit]")
    wait_for_editor(page)


def lock(page: Page) -> None:
    page.click("#lock-button")
    page.wait_for_selector("#unlock-passphrase", state="visible")
    assert page.evaluate("document.getElementById('plan-editor').children.length") == 0


def store_plan(page: Page, plan: Any) -> None:
    """Saves a plan through the unlocked vault, then opens it again by locking and unlocking."""
    page.evaluate("async (text) => { await window.__famplanSession.save(JSON.parse(text)); }", json.dumps(plan))
    lock(page)
    unlock(page)


def saved_plan(page: Page) -> Any:
    """The plan as the vault has it stored now."""
    return json.loads(page.evaluate("async () => JSON.stringify(await window.__famplanSession.load())"))


def go(page: Page, route: str) -> None:
    """Moves to "#step=people", "#overview" or "#child=<id>" and waits for that page."""
    page.evaluate("(hash) => { window.location.hash = hash; }", route)
    if route.startswith("#step="):
        page.wait_for_selector(f'#plan-editor [data-step="{route[6:]}"]')
    elif route == "#overview":
        page.wait_for_selector("#plan-editor .overview")
    else:
        page.wait_for_selector("#plan-editor .child-page")


def wait_saved(page: Page, lang: str = "en") -> None:
    """Asks the editor to save what is pending now (the page does so before a lock), then
    waits until the vault says it is saved."""
    page.evaluate("document.dispatchEvent(new CustomEvent('famplan:flush'))")
    text = translate(lang, "Saved on this phone.")
    page.wait_for_function("(text) => document.getElementById('save-status').textContent === text", arg=text, timeout=10_000)


def field(page: Page, pointer: str) -> Locator:
    return page.locator(f'#plan-editor [data-pointer="{pointer}"]')


def add_item(page: Page, list_pointer: str) -> None:
    count = page.locator(f'[data-list="{list_pointer}"] > .list-items > .list-item').count()
    page.locator(f'[data-list="{list_pointer}"] > [data-action="add"]').click()
    page.wait_for_selector(f'[data-item="{list_pointer}/{count}"]')


def read_form(page: Page) -> dict[str, Any]:
    return page.evaluate(READ_FORM)


def text_fields() -> list[tuple[str, dict[str, Any]]]:
    """(section id, field) for every field a person types text into."""
    kinds = {"text", "longtext", "tel", "email", "anumber", "number"}
    found = []
    for sdef in ps.section_defs():
        for f in sdef["fields"]:
            if f["type"] in kinds:
                found.append((sdef["id"], f))
            for sub in f.get("fields", []):
                if sub["type"] in kinds:
                    found.append((sdef["id"], sub))
    return found


TEXT_TYPES = {"text", "longtext", "tel", "email", "anumber", "number", "date"}


def _option_label(f: dict[str, Any], value: Any) -> str:
    return next(o["label"] for o in f["options"] if o["value"] == value)


def set_field(page: Page, f: dict[str, Any], pointer: str, value: Any, names: dict[str, str]) -> None:
    """Answers one field the way a person would: typing, choosing, ticking."""
    root = field(page, pointer)
    kind = f["type"]
    if kind in TEXT_TYPES:
        root.locator("input, textarea").first.fill(value if isinstance(value, str) else json.dumps(value))
    elif kind == "yesno":
        root.get_by_label("Yes" if value else "No", exact=True).check()
    elif kind == "choice":
        if root.locator("select").count():
            root.locator("select").select_option(label=_option_label(f, value))
        else:
            root.get_by_label(_option_label(f, value), exact=True).check()
    elif kind == "personref":
        select = root.locator("select")
        index = select.evaluate("(s, name) => [...s.options].findIndex((o) => o.textContent.includes(name))", names[value])
        select.select_option(index=index)
    elif kind == "personrefs":
        for ref in value:
            root.get_by_label(names[ref], exact=True).check()
    else:
        raise AssertionError(f"no way to fill {kind}")


def fill_values(page: Page, fields: list[dict[str, Any]], values: dict[str, Any], pointer: str, names: dict[str, str]) -> None:
    for f in fields:
        if f["id"] not in values:
            continue
        value, at = values[f["id"]], f"{pointer}/{f['id']}"
        if f["type"] == "list":
            for index, item in enumerate(value):
                add_item(page, at)
                fill_values(page, f["fields"], item, f"{at}/{index}", names)
        else:
            set_field(page, f, at, value, names)


def fill_plan(page: Page, plan: dict[str, Any]) -> None:
    """Types a whole plan into the editor, step by step, in the order of the form."""
    names = {p["id"]: p["legalName"] for p in plan["sections"]["people"]}
    for sdef in ps.section_defs():
        go(page, f"#step={sdef['id']}")
        value = plan["sections"].get(sdef["id"])
        pointer = f"/sections/{sdef['id']}"
        if sdef["kind"] == "object":
            fill_values(page, sdef["fields"], value or {}, pointer, names)
            continue
        for index, item in enumerate(value or []):
            add_item(page, pointer)
            fill_values(page, sdef["fields"], item, f"{pointer}/{index}", names)


def _shown(f: dict[str, Any], value: Any, names: dict[str, str]) -> Any:
    kind = f["type"]
    if kind == "yesno":
        return "Yes" if value else "No"
    if kind == "choice":
        return _option_label(f, value)
    if kind == "personref":
        return names[value]
    if kind == "personrefs":
        return sorted(names[ref] for ref in value)
    return value if isinstance(value, str) else json.dumps(value)


def expected_form(plan: dict[str, Any], section_id: str) -> dict[str, Any]:
    """What the English form of one step shows for a plan, by JSON Pointer."""
    names = {p["id"]: p["legalName"] for p in plan["sections"]["people"]}
    out: dict[str, Any] = {}

    def walk(fields: list[dict[str, Any]], values: dict[str, Any], pointer: str) -> None:
        for f in fields:
            value = values.get(f["id"])
            if ps.is_blank(value) or not ps._applies(f, values):
                continue
            at = f"{pointer}/{f['id']}"
            if f["type"] == "list":
                for index, item in enumerate(value):
                    walk(f["fields"], item, f"{at}/{index}")
            else:
                out[at] = _shown(f, value, names)

    sdef = ps.section_def(section_id)
    value = plan["sections"][section_id]
    if sdef["kind"] == "object":
        walk(sdef["fields"], value, f"/sections/{section_id}")
    else:
        for index, item in enumerate(value):
            walk(sdef["fields"], item, f"/sections/{section_id}/{index}")
    return out


def shown_form(page: Page) -> dict[str, Any]:
    return {k: sorted(v) if isinstance(v, list) else v for k, v in read_form(page).items()}


def canonical(plan: dict[str, Any]) -> dict[str, Any]:
    """A plan with item ids replaced by positions, through the schema: two plans typed
    separately compare equal when every answer is the same."""
    people = plan["sections"]["people"]
    ids = {p["id"]: f"person-{i}" for i, p in enumerate(people)}

    def walk(fields: list[dict[str, Any]], values: dict[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in fields:
            value = values.get(f["id"])
            if ps.is_blank(value):
                continue
            if f["type"] == "list":
                out[f["id"]] = [walk(f["fields"], item) for item in value]
            elif f["type"] == "personref":
                out[f["id"]] = ids.get(value, value)
            elif f["type"] == "personrefs":
                out[f["id"]] = [ids.get(ref, ref) for ref in value]
            else:
                out[f["id"]] = value
        out.update({k: v for k, v in values.items() if k not in {f["id"] for f in fields} | {"id"}})
        return out

    result: dict[str, Any] = {}
    for sdef in ps.section_defs():
        value = plan["sections"].get(sdef["id"])
        if sdef["kind"] == "object":
            result[sdef["id"]] = walk(sdef["fields"], value or {})
        else:
            result[sdef["id"]] = [walk(sdef["fields"], item) for item in value or []]
    return result

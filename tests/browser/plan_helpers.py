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
    const boxes = root.querySelector(".date-boxes");
    if (boxes) {
      const part = (name) => boxes.querySelector(`[data-part="${name}"]`).value.trim();
      const pad = (text) => (/^[0-9]$/.test(text) ? `0${text}` : text);
      if (part("year") || part("month") || part("day")) out[pointer] = `${part("year")}-${pad(part("month"))}-${pad(part("day"))}`;
    } else if (control) {
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
    page.wait_for_selector("#plan-editor > [data-route]", timeout=20_000)


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
    """Moves to a screen ("#step=people", "#item=people/<id>", "#check=care", "#start=children",
    "#overview", "#share", "#child=<id>") and waits until it shows."""
    page.evaluate("(hash) => { window.location.hash = hash; }", route)
    wait_screen(page, route)


def wait_screen(page: Page, route: str) -> None:
    page.wait_for_selector(f'#plan-editor > [data-route="{route}"]')


def current_route(page: Page) -> str:
    return page.evaluate("document.querySelector('#plan-editor > [data-route]')?.dataset.route ?? ''")


def press_continue(page: Page) -> None:
    page.locator('#plan-editor [data-nav="next"]').click()


def add_entry(page: Page, section_id: str, role: str | None = None) -> str:
    """On a list screen, adds an entry (a person: by the button of their role) and waits
    for its own screen; returns its route."""
    before = current_route(page)
    buttons = page.locator(f'#plan-editor > [data-route="#step={section_id}"] [data-action="add"]')
    if role is not None:
        label = next(o["label"] for o in ps.section_def("people")["fields"][0]["options"] if o["value"] == role)
        buttons = buttons.filter(has_text=label)
    buttons.first.click()
    page.wait_for_function("(before) => { const r = document.querySelector('#plan-editor > [data-route]')?.dataset.route; "
                           "return r && r !== before && r.startsWith('#item='); }", arg=before)
    return current_route(page)


def done_entry(page: Page, section_id: str) -> None:
    """On an entry's screen: Done, back to the list. If answers need checking, the
    screen lists them first; Done again goes on all the same (a warning, not a block)."""
    press_continue(page)
    page.wait_for_function(
        "(route) => document.querySelector('#plan-editor > [data-route]')?.dataset.route === route"
        " || document.querySelector('#plan-editor .error-summary:not([hidden])')", arg=f"#step={section_id}")
    if current_route(page) != f"#step={section_id}":
        press_continue(page)
    wait_screen(page, f"#step={section_id}")


def wait_saved(page: Page, lang: str = "en") -> None:
    """Asks the editor to save what is pending now (the page does so before a lock), then
    waits until the vault says it is saved."""
    page.evaluate("document.dispatchEvent(new CustomEvent('famplan:flush'))")
    text = translate(lang, "Saved on this phone.")
    page.wait_for_function("(text) => document.getElementById('save-status').textContent === text", arg=text, timeout=10_000)


def unfold(page: Page) -> None:
    """Opens every folded "More" on the screen, as a person reaching for the details does."""
    page.evaluate("() => document.querySelectorAll('#plan-editor details').forEach((d) => { d.open = true; })")


def every_screen(page: Page) -> list[str]:
    """The route of every part's screen and every entry's, for the plan as saved now."""
    plan = saved_plan(page) or ps.empty_plan()
    routes = []
    for sdef in ps.section_defs():
        if not ps.section_applies(sdef, plan["sections"]):
            continue
        if sdef["kind"] == "object":
            routes.append(f"#step={sdef['id']}")
        else:
            routes += [f"#item={sdef['id']}/{item['id']}" for item in plan["sections"].get(sdef["id"], [])]
    return routes


def all_routes(plan: dict[str, Any]) -> list[str]:
    """Every screen of the editor for a plan: the interview's, each part's with its check
    screen, each entry's, the overview, share, and each child's page."""
    routes = ["#overview", "#share", *(f"#start={name}" for name in ("children", "pickup", "caregiver", "contact", "done"))]
    for sdef in ps.section_defs():
        if not ps.section_applies(sdef, plan["sections"]):
            continue
        routes.append(f"#step={sdef['id']}")
        if sdef["kind"] == "object":
            routes.append(f"#check={sdef['id']}")
        else:
            routes += [f"#item={sdef['id']}/{item['id']}" for item in plan["sections"][sdef["id"]]]
    routes += [f"#child={p['id']}" for p in plan["sections"]["people"] if p["role"] == "child"]
    return routes


def field(page: Page, pointer: str) -> Locator:
    return page.locator(f'#plan-editor [data-pointer="{pointer}"]')


def add_item(page: Page, list_pointer: str) -> None:
    """A nested list on the current screen (a school's pick-up list): adds an entry."""
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
    # A question folded under "More" is unfolded first, as a person would.
    root.evaluate("(el) => { for (let d = el.closest('details'); d; d = d.parentElement?.closest('details')) d.open = true; }")
    kind = f["type"]
    if kind == "date" and root.locator(".date-boxes").count():
        year, month, day = value.split("-")
        root.locator('input[data-part="year"]').fill(year)
        root.locator('input[data-part="month"]').fill(month)
        root.locator('input[data-part="day"]').fill(day)
    elif kind in TEXT_TYPES:
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
    """Types a whole plan into the editor, part by part in the order of the form: a
    part's questions on its screen, and each entry of a list on its own screen."""
    names = {p["id"]: p["legalName"] for p in plan["sections"]["people"]}
    for sdef in ps.section_defs():
        if not ps.section_applies(sdef, plan["sections"]):
            continue
        go(page, f"#step={sdef['id']}")
        value = plan["sections"].get(sdef["id"])
        pointer = f"/sections/{sdef['id']}"
        if sdef["kind"] == "object":
            fill_values(page, sdef["fields"], value or {}, pointer, names)
            continue
        for index, item in enumerate(value or []):
            add_entry(page, sdef["id"], item.get("role") if sdef["id"] == "people" else None)
            fill_values(page, sdef["fields"], item, f"{pointer}/{index}", names)
            done_entry(page, sdef["id"])


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


def expected_form(plan: dict[str, Any], section_id: str, index: int | None = None) -> dict[str, Any]:
    """What the English form of one part (or of entry `index` of a list) shows for a plan, by JSON Pointer."""
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
        walk(sdef["fields"], value[index], f"/sections/{section_id}/{index}")
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


# Values of the wrong type that JavaScript might call on: String() of the first
# throws; the others look like methods a renderer or a check could reach for.
ODD_VALUES: list[Any] = [{"toString": 1}, {"valueOf": 1, "toString": 2}, {"toJSON": 1}, {"then": 1}, [{"toString": 1}], 7, True]


def odd_value_plan(odd: Any) -> dict[str, Any]:
    """A current-version plan with `odd` in every field of every section (and as a list item),
    around a child, an adult, a school and a contact that link up, so every printed part has work."""
    def values(fields: list[dict[str, Any]]) -> dict[str, Any]:
        return {
            field["id"]: [odd, {"id": "u-1", **values(field["fields"])}] if field["type"] == "list" else odd
            for field in fields
        }

    sections: dict[str, Any] = {}
    for sdef in ps.section_defs():
        if sdef["kind"] == "list":
            sections[sdef["id"]] = [{**values(sdef["fields"]), "id": f"{sdef['id']}-{n}"} for n in (1, 2)] + [odd]
        else:
            sections[sdef["id"]] = values(sdef["fields"])
    child, adult = sections["people"][0], sections["people"][1]
    child.update(id="p-child", role="child")
    adult.update(id="p-adult", role="adult")
    sections["school"][0].update(children=["p-child"], name="Escuela Ficticia")
    sections["school"][0]["pickup"][1].update(name="Rosa Ficticia", onlyFor=["p-child", odd])
    sections["medical"][0].update(person="p-child")
    sections["contacts"][0].update(name="Ana Ficticia", phone="211", memorizeBy=["p-child", odd])
    sections["care"].update(primaryName="Luis Ficticio")
    return {"schemaVersion": ps.current_version(), "sections": sections, "meta": {}}

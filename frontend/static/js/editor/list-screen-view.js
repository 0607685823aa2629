// A list part of the plan (people, contacts, schools) as one short screen: a
// line for each entry with its key answers and a Change link, Add, and the
// order (contacts are called in this order). Each entry has its own screen.
import { pointer as toPointer } from "../plan/pointer.js";
import { isPlainObject, own, schema } from "../plan/schema.js";
import { fill } from "../ui/fill.js";
import { planLabel } from "../ui/plan-labels.js";
import { t } from "../ui/strings.js";
import { element } from "../views/dom.js";
import { itemName } from "./list-view.js";
import { routeHash } from "./router.js";
import { entrySummary } from "./summaries.js";

/**
 * @param {object} screen
 * @param {object} screen.sdef the list section
 * @param {object} screen.plan
 * @param {Array<{id: string, role: unknown, name: string, index: number}>} screen.people
 * @param {{pointer: string, title: string} | null} screen.undo the entry just removed, offered back
 * @param {{add: (preset: object) => void, move: (from: number, to: number) => void, undo: () => void}} screen.handlers
 * @param {HTMLElement} screen.actions
 * @returns {HTMLElement}
 */
export function renderListScreen({ sdef, plan, people, undo, handlers, actions }) {
  const pointer = toPointer("sections", sdef.id);
  const root = element("section", { class: "screen list-screen", "aria-labelledby": "screen-title", "data-scope": pointer });
  root.append(element("h2", { id: "screen-title", tabindex: "-1" }, planLabel(sdef.title)), element("p", { class: "hint" }, planLabel(sdef.help)));
  root.append(element("div", { class: "item-problems", "data-problems": pointer }));
  const items = own(own(plan, "sections"), sdef.id);
  const list = Array.isArray(items) ? items : [];
  if (undo && undo.pointer === pointer) {
    const bar = element("p", { class: "undo-bar" });
    const button = element("button", { type: "button", class: "button button-small", "data-action": "undo" }, t("editorUndo"));
    button.addEventListener("click", handlers.undo);
    bar.append(element("span", {}, fill(t("editorRemoved"), { item: undo.title })), " ", button);
    root.append(bar);
  }
  if (list.length === 0) root.append(element("p", { class: "entries-empty" }, t("editorNoEntries")));
  const entries = element("ol", { class: "entries" });
  list.forEach((item, index) => {
    const number = fill(t("editorItemNumber"), { item: planLabel(sdef.itemTitle), number: index + 1 });
    const name = isPlainObject(item) ? itemName(sdef.fields, item, people) : "";
    const entry = element("li", { class: "entry", "data-item": pointer + toPointer(index) });
    entry.append(element("bdi", { class: "entry-name" }, name || number));
    const summary = entrySummary(sdef.fields, item, plan, name);
    if (summary) entry.append(element("p", { class: "entry-summary", dir: "auto" }, summary));
    const buttons = element("div", { class: "entry-actions" });
    const id = own(item, "id");
    if (typeof id === "string") {
      const change = element("a", { class: "button button-small", href: routeHash({ name: "item", section: sdef.id, id }), "data-action": "change" }, t("editorChange"));
      change.append(" ", element("span", { class: "visually-hidden" }, name || number));
      buttons.append(change);
    }
    if (list.length > 1) {
      for (const [action, to, key] of [["up", index - 1, "editorMoveUp"], ["down", index + 1, "editorMoveDown"]]) {
        const button = element("button", { type: "button", class: "button button-small", "data-action": action }, t(key));
        button.append(" ", element("span", { class: "visually-hidden" }, name || number));
        button.disabled = to < 0 || to >= list.length;
        button.addEventListener("click", () => handlers.move(index, to));
        buttons.append(button);
      }
    }
    entry.append(buttons);
    entries.append(entry);
  });
  root.append(entries);
  for (const { label, preset } of addChoices(sdef)) {
    const add = element("button", { type: "button", class: "button list-add", "data-action": "add" }, fill(t("editorAdd"), { item: planLabel(label) }));
    add.addEventListener("click", () => handlers.add(preset));
    root.append(add);
  }
  root.append(actions);
  return root;
}

/**
 * The Add buttons of a list: one, or one per role for people (an adult, a child),
 * so the first question is answered by the button itself.
 * @param {object} sdef
 * @returns {Array<{label: string, preset: object}>}
 */
export function addChoices(sdef) {
  const roleField = sdef.id === schema.personSection ? sdef.fields.find((field) => field.id === schema.roleField) : null;
  if (!roleField) return [{ label: sdef.itemTitle, preset: {} }];
  return roleField.options.map((option) => ({ label: option.label, preset: { [roleField.id]: option.value } }));
}

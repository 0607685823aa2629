// A repeatable part of the plan (people, contacts, a school's pick-up list):
// one group of fields per item, with buttons to add, remove and reorder items.
import { pointer as toPointer } from "../plan/pointer.js";
import { isPlainObject, own, problemSpec } from "../plan/schema.js";
import { isBlank } from "../plan/values.js";
import { fill } from "../ui/fill.js";
import { planLabel } from "../ui/plan-labels.js";
import { t } from "../ui/strings.js";
import { element } from "../views/dom.js";
import { personLabel } from "./field-view.js";

// Which answers name an item best: typed names first, then a person, then a kind.
const NAMING_TYPES = ["text", "personref", "choice"];

/**
 * What names an item in its heading: a required answer, by NAMING_TYPES (a person's
 * or school's name, whose health information, a document's kind).
 * @param {object[]} fields
 * @param {unknown} item
 * @param {Array<{id: string, name: string, index: number}>} people
 * @returns {string}
 */
export function itemName(fields, item, people) {
  const naming = fields.filter((f) => f.required && NAMING_TYPES.includes(f.type));
  naming.sort((a, b) => NAMING_TYPES.indexOf(a.type) - NAMING_TYPES.indexOf(b.type));
  for (const field of naming) {
    const value = own(item, field.id);
    if (isBlank(value)) continue;
    if (field.type === "choice") {
      const option = field.options.find((candidate) => candidate.value === value);
      if (option) return planLabel(option.label);
    } else if (field.type === "personref") {
      const person = people.find((candidate) => candidate.id === value);
      if (person) return personLabel(person);
    } else if (typeof value === "string") {
      return value;
    }
  }
  return "";
}

function actionButton(text, context, action) {
  const button = element("button", { type: "button", class: "button button-small", "data-action": action });
  button.append(text, " ", element("span", { class: "visually-hidden" }, context));
  return button;
}

/**
 * @typedef {object} ListContext what the step view shares with its lists
 * @property {Array<{id: string, role: unknown, name: string, index: number}>} people
 * @property {(fields: object[], values: unknown, path: Array<string|number>, pointer: string, parent: HTMLElement) => void} renderFields
 * @property {(title: HTMLElement, fields: object[], path: Array<string|number>) => void} trackTitle
 * @property {{add: Function, remove: Function, move: Function, undo: Function}} handlers
 * @property {{pointer: string, title: string} | null} undo the item just removed, offered back
 */

/**
 * @param {ListContext} context
 * @param {object} list
 * @param {object[]} list.fields the item fields
 * @param {string} list.itemTitle msgid of what one item is called
 * @param {Array<string|number>} list.path
 * @param {string} list.pointer
 * @param {unknown} list.items
 * @returns {HTMLElement}
 */
export function renderList(context, { fields, itemTitle, path, pointer, items }) {
  const container = element("div", { class: "list", "data-list": pointer });
  const title = planLabel(itemTitle);
  if (context.undo && context.undo.pointer === pointer) container.append(undoBar(context, context.undo.title));
  // A list in the wrong form stays as it is (its problem is shown); nothing is added to it.
  if (items !== undefined && items !== null && !Array.isArray(items)) return container;
  const list = items ?? [];
  const entries = element("ol", { class: "list-items" });
  list.forEach((item, index) => entries.append(renderItem(context, { fields, title, path, pointer, item, index, count: list.length })));
  container.append(entries);
  const add = element("button", { type: "button", class: "button list-add", "data-action": "add" }, fill(t("editorAdd"), { item: title }));
  add.addEventListener("click", () => context.handlers.add(path, pointer));
  container.append(add);
  return container;
}

function undoBar(context, title) {
  const bar = element("p", { class: "undo-bar" });
  const button = element("button", { type: "button", class: "button button-small", "data-action": "undo" }, t("editorUndo"));
  button.addEventListener("click", () => context.handlers.undo());
  bar.append(element("span", {}, fill(t("editorRemoved"), { item: title })), " ", button);
  return bar;
}

function renderItem(context, { fields, title, path, pointer, item, index, count }) {
  const itemPath = [...path, index];
  const itemPointer = pointer + toPointer(index);
  const numbered = fill(t("editorItemNumber"), { item: title, number: index + 1 });
  const entry = element("li", { class: "list-item", "data-item": itemPointer });
  const actions = element("div", { class: "item-actions" });
  const up = actionButton(t("editorMoveUp"), numbered, "up");
  const down = actionButton(t("editorMoveDown"), numbered, "down");
  const remove = actionButton(t("editorRemove"), numbered, "remove");
  up.disabled = index === 0;
  down.disabled = index === count - 1;
  up.addEventListener("click", () => context.handlers.move(path, pointer, index, index - 1));
  down.addEventListener("click", () => context.handlers.move(path, pointer, index, index + 1));
  remove.addEventListener("click", () => context.handlers.remove(path, pointer, index, numbered));
  actions.append(up, down, remove);
  if (!isPlainObject(item)) {
    entry.append(element("p", { class: "field-problem", "data-severity": "error" }, planLabel(problemSpec("wrongType").message)), actions);
    return entry;
  }
  const group = element("fieldset", { class: "item" });
  const legend = element("legend", { class: "item-title" });
  const name = element("bdi", { class: "item-name" });
  legend.append(element("span", {}, numbered), " ", name);
  context.trackTitle(name, fields, itemPath);
  group.append(legend, element("div", { class: "item-problems", "data-problems": itemPointer }));
  context.renderFields(fields, item, itemPath, itemPointer, group);
  group.append(actions);
  entry.append(group);
  return entry;
}

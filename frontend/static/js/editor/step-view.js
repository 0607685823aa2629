// One step of the guided flow: a section of the plan as a short form, with
// progress, the section's answers, and links to the previous and next steps.
import { getIn } from "../plan/plan-model.js";
import { pointer as toPointer } from "../plan/pointer.js";
import { applies, isPlainObject, own, problemSpec } from "../plan/schema.js";
import { fill } from "../ui/fill.js";
import { planLabel } from "../ui/plan-labels.js";
import { t } from "../ui/strings.js";
import { element } from "../views/dom.js";
import { FieldView } from "./field-view.js";
import { itemName, renderList } from "./list-view.js";
import { routeHash } from "./router.js";

function parentPointer(path) {
  const cut = path.lastIndexOf("/");
  return cut <= 0 ? "" : path.slice(0, cut);
}

export class StepView {
  /**
   * @param {object} handlers
   * @param {(path: Array<string|number>, value: unknown) => void} handlers.answer
   * @param {(view: FieldView) => void} handlers.commit
   * @param {Function} handlers.add
   * @param {Function} handlers.remove
   * @param {Function} handlers.move
   * @param {Function} handlers.undo
   */
  constructor(handlers) {
    this.handlers = handlers;
  }

  /**
   * @param {object} step
   * @param {object} step.sdef the section
   * @param {number} step.index 0-based position in the flow
   * @param {object[]} step.sections every section, in flow order
   * @param {object} step.plan
   * @param {Array<{id: string, role: unknown, name: string, index: number}>} step.people
   * @param {Set<string>} step.quiet ids of items added just now: no "Please fill this in" yet
   * @param {{pointer: string, title: string} | null} step.undo
   * @param {HTMLElement[]} [step.extra] shown above the answers (the upkeep step's reminders)
   * @returns {HTMLElement}
   */
  render({ sdef, index, sections, plan, people, quiet, undo, extra = [] }) {
    this.sdef = sdef;
    this.fields = [];
    this.titles = [];
    this.itemProblems = new Map();
    this.quiet = quiet;
    this.pointer = toPointer("sections", sdef.id);
    const root = element("section", { class: "step", "aria-labelledby": "step-title", "data-step": sdef.id });
    const position = element("p", { class: "step-position" }, fill(t("editorStepOf"), { number: index + 1, total: sections.length }));
    const bar = element("progress", { max: String(sections.length), value: String(index + 1), "aria-hidden": "true" });
    this.title = element("h2", { id: "step-title", tabindex: "-1" }, planLabel(sdef.title));
    this.count = element("p", { class: "step-count" });
    this.sectionProblems = element("div", { class: "item-problems", "data-problems": this.pointer });
    root.append(position, bar, this.title, element("p", { class: "hint" }, planLabel(sdef.help)), this.count, ...extra, this.sectionProblems);
    const context = {
      people,
      undo,
      handlers: this.handlers,
      renderFields: (fields, values, path, pointer, parent) => this.#renderFields(fields, values, path, pointer, parent),
      trackTitle: (name, fields, path) => this.titles.push({ name, fields, path }),
    };
    this.context = context;
    const path = ["sections", sdef.id];
    const value = getIn(plan, path);
    if (sdef.kind === "list") {
      root.append(renderList(context, { fields: sdef.fields, itemTitle: sdef.itemTitle, path, pointer: this.pointer, items: value }));
    } else if (value === undefined || isPlainObject(value)) {
      const group = element("div", { class: "answers" });
      this.#renderFields(sdef.fields, value, path, this.pointer, group);
      root.append(group);
    } // else the part is in the wrong form: its problem shows, and nothing is typed over it
    this.itemProblems.set(this.pointer, this.sectionProblems);
    root.append(this.#nav(index, sections));
    this.root = root;
    return root;
  }

  #renderFields(fields, values, path, pointer, parent) {
    const quietItem = this.quiet.has(own(values, "id"));
    for (const field of fields) {
      const fieldPath = [...path, field.id];
      const fieldPointer = pointer + toPointer(field.id);
      if (field.type === "list") {
        const group = element("fieldset", { class: "field nested-list", "data-pointer": fieldPointer });
        group.append(element("legend", {}, planLabel(field.label)));
        if (field.help) group.append(element("p", { class: "hint" }, planLabel(field.help)));
        group.append(element("div", { class: "item-problems", "data-problems": fieldPointer }));
        group.append(renderList(this.context, { fields: field.fields, itemTitle: field.itemTitle, path: fieldPath, pointer: fieldPointer, items: own(values, field.id) }));
        parent.append(group);
        continue;
      }
      const view = new FieldView(field, { path: fieldPath, pointer: fieldPointer, value: own(values, field.id), people: this.context.people, handlers: this.handlers });
      view.parentPath = path;
      view.quiet = quietItem;
      this.fields.push(view);
      parent.append(view.root);
    }
    for (const container of parent.querySelectorAll("[data-problems]")) this.itemProblems.set(container.dataset.problems, container);
  }

  #nav(index, sections) {
    const nav = element("nav", { class: "step-nav", "aria-label": t("editorStepsNav") });
    const back = index > 0 ? routeHash({ name: "step", section: sections[index - 1].id }) : routeHash({ name: "overview" });
    const last = index === sections.length - 1;
    const next = last ? routeHash({ name: "overview" }) : routeHash({ name: "step", section: sections[index + 1].id });
    this.forward = element("a", { class: "button button-primary", href: next, "data-nav": "next" });
    this.last = last;
    nav.append(
      element("a", { class: "button", href: back, "data-nav": "back" }, t("editorBack")),
      this.forward,
      element("a", { class: "button", href: routeHash({ name: "overview" }), "data-nav": "overview" }, t("editorOverview")),
    );
    return nav;
  }

  /**
   * Shows the plan's current state: problems, which fields apply, item names, progress.
   * @param {object} plan
   * @param {Array<{path: string, code: string}>} problems every problem of the plan
   * @param {[number, number]} counts this section's [filled, total]
   * @param {boolean} [first] the first update after render: stored problems show at once
   */
  update(plan, problems, [filled, total], first = false) {
    const byField = new Map(this.fields.map((view) => [view.pointer, []]));
    const byContainer = new Map([...this.itemProblems.keys()].map((key) => [key, []]));
    for (const problem of problems) {
      if (problem.path !== this.pointer && !problem.path.startsWith(this.pointer + "/")) continue;
      let path = problem.path;
      while (path && !byField.has(path) && !byContainer.has(path)) path = parentPointer(path);
      if (byField.has(path)) byField.get(path).push(problem);
      else if (byContainer.has(path)) byContainer.get(path).push(problem);
    }
    const people = this.context.people;
    for (const view of this.fields) {
      const found = byField.get(view.pointer);
      if (first && found.length && !view.quiet) view.markLive();
      view.setApplies(applies(view.field, getIn(plan, view.parentPath)));
      view.showProblems(found);
    }
    for (const [key, container] of this.itemProblems) {
      const messages = [...new Set(byContainer.get(key).map((problem) => planLabel(problemSpec(problem.code).message)))];
      container.replaceChildren(...messages.map((text) => element("p", { class: "field-problem", "data-severity": "warning" }, text)));
    }
    for (const { name, fields, path } of this.titles) name.textContent = itemName(fields, getIn(plan, path), people);
    this.count.textContent = total === 0 ? t("editorOptionalPart") : fill(t("editorAnswered"), { filled, total });
    this.forward.textContent = this.last ? t("editorFinish") : filled === 0 ? t("editorSkip") : t("editorNext");
  }

  /**
   * After a change to a list: focus the same control in its new place, or what replaced it.
   * @param {{item?: string, action?: string, list?: string}} target
   */
  focus(target) {
    const scope = target.item ? this.root.querySelector(`[data-item="${CSS.escape(target.item)}"]`) : null;
    const list = target.list ? this.root.querySelector(`[data-list="${CSS.escape(target.list)}"]`) : null;
    const button = (action) => scope?.querySelector(`:scope > .item > .item-actions > [data-action="${action}"]:not(:disabled), :scope > .item-actions > [data-action="${action}"]:not(:disabled)`);
    const inItem = target.action === "first" ? scope?.querySelector("input, select, textarea") : button(target.action) ?? button("up") ?? button("down");
    const candidates = [inItem, list?.querySelector(':scope > .undo-bar [data-action="undo"]'), list?.querySelector(':scope > [data-action="add"]')];
    (candidates.find(Boolean) ?? this.title).focus();
  }

  focusTitle() {
    this.title.focus();
  }
}

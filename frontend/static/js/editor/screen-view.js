// A screen of questions: the first-run interview's, a part of the plan's, or
// one entry's (one person, one school). The key questions come first; the rest
// wait behind "More about …". Continue shows what needs checking at the top.
import { getIn } from "../plan/plan-model.js";
import { pointer as toPointer } from "../plan/pointer.js";
import { applies, own, problemSpec } from "../plan/schema.js";
import { planLabel } from "../ui/plan-labels.js";
import { t } from "../ui/strings.js";
import { element } from "../views/dom.js";
import { ErrorSummary } from "./error-summary.js";
import { FieldView } from "./field-view.js";
import { itemName, renderList } from "./list-view.js";

/** Opens every folded "More" around a question, so it can be seen and focused. */
function openAround(node) {
  for (let details = node?.closest("details"); details; details = details.parentElement?.closest("details")) details.open = true;
}

function parentPointer(path) {
  const cut = path.lastIndexOf("/");
  return cut <= 0 ? "" : path.slice(0, cut);
}

/**
 * @typedef {object} Question one answer on a screen
 * @property {object} field its schema field
 * @property {Array<string|number>} path where it lives in the plan
 * @property {string} [label] the question in other words (the interview's)
 */

export class ScreenView {
  /**
   * @param {object} handlers
   * @param {(path: Array<string|number>, value: unknown) => void} handlers.answer
   * @param {(view: FieldView) => void} handlers.commit
   * @param {Function} handlers.add nested list: add an item
   * @param {Function} handlers.remove nested list: remove an item
   * @param {Function} handlers.move nested list: move an item
   * @param {Function} handlers.undo nested list: undo a removal
   */
  constructor(handlers) {
    this.handlers = handlers;
  }

  /**
   * @param {object} screen
   * @param {string} screen.title
   * @param {string} [screen.hint]
   * @param {string} [screen.position] e.g. "Step 2 of 4" (the interview)
   * @param {string} screen.scope JSON Pointer of what the screen shows (its problems are listed)
   * @param {Question[]} screen.questions asked first
   * @param {Question[]} [screen.details] behind "More about …"
   * @param {string} [screen.moreTitle] "More about José"
   * @param {boolean} [screen.openDetails] details start open (one of them has a problem, or was being edited)
   * @param {object} screen.plan
   * @param {Array<{id: string, role: unknown, name: string, index: number}>} screen.people
   * @param {Set<string>} screen.quiet ids of items added just now
   * @param {{pointer: string, title: string} | null} screen.undo
   * @param {HTMLElement[]} [screen.before] shown above the questions
   * @param {HTMLElement[]} [screen.after] shown below them, above the buttons
   * @param {HTMLElement} screen.actions the buttons (Continue first)
   * @param {(field: object, path: Array<string|number>) => Array<{label: string, answers: Record<string, string>}>} [screen.suggest]
   *   one-tap answers for a question that has `suggest` in the schema
   * @returns {HTMLElement}
   */
  render({ title, hint, position, scope, questions, details = [], moreTitle, openDetails = false, plan, people, quiet, undo, before = [], after = [], actions, suggest = () => [] }) {
    this.suggest = suggest;
    this.fields = [];
    this.titles = [];
    this.containers = new Map();
    this.plan = plan;
    this.scope = scope;
    this.people = people;
    this.quiet = quiet;
    this.undo = undo;
    this.summary = new ErrorSummary();
    const root = element("section", { class: "screen", "aria-labelledby": "screen-title", "data-scope": scope });
    if (position) root.append(element("p", { class: "step-position" }, position));
    this.title = element("h2", { id: "screen-title", tabindex: "-1" }, title);
    root.append(this.title, this.summary.root);
    if (hint) root.append(element("p", { class: "hint" }, hint));
    const scopeProblems = element("div", { class: "item-problems", "data-problems": scope });
    root.append(...before, scopeProblems);
    this.containers.set(scope, scopeProblems);
    const answers = element("div", { class: "answers" });
    this.#renderQuestions(questions, plan, answers);
    root.append(answers);
    if (details.length) {
      this.details = element("details", { class: "more" });
      if (openDetails) this.details.open = true;
      this.details.append(element("summary", {}, moreTitle ?? t("editorMore")));
      const group = element("div", { class: "answers" });
      this.#renderQuestions(details, plan, group);
      this.details.append(group);
      root.append(this.details);
    }
    root.append(...after, actions);
    this.root = root;
    return root;
  }

  #renderQuestions(questions, plan, parent) {
    for (const { field, path, label } of questions) {
      const parentPath = path.slice(0, -1);
      const values = getIn(plan, parentPath);
      const fieldPointer = toPointer(...path);
      if (field.type === "list") {
        const group = element("fieldset", { class: "field nested-list", "data-pointer": fieldPointer });
        group.append(element("legend", {}, label ?? planLabel(field.label)));
        if (field.help) group.append(element("p", { class: "hint" }, planLabel(field.help)));
        const problems = element("div", { class: "item-problems", "data-problems": fieldPointer });
        group.append(problems);
        this.containers.set(fieldPointer, problems);
        group.append(renderList(this.#listContext(), { fields: field.fields, itemTitle: field.itemTitle, path, pointer: fieldPointer, items: own(values, field.id) }));
        parent.append(group);
        continue;
      }
      const suggestions = field.suggest ? this.suggest(field, path) : [];
      const view = new FieldView(field, { path, pointer: fieldPointer, value: own(values, field.id), people: this.people, handlers: this.handlers, label, suggestions });
      view.parentPath = parentPath;
      view.quiet = this.quiet.has(own(values, "id"));
      this.fields.push(view);
      parent.append(view.root);
    }
  }

  #listContext() {
    return {
      people: this.people,
      undo: this.undo,
      handlers: this.handlers,
      renderFields: (fields, values, path, pointer, parent) => {
        // An entry of a nested list (a pick-up person): its key answers, the rest folded away.
        const question = (field) => ({ field, path: [...path, field.id] });
        const key = fields.filter((field) => field.key);
        const rest = fields.filter((field) => !field.key);
        this.#renderQuestions((key.length ? key : fields).map(question), this.plan, parent);
        if (key.length && rest.length) {
          const more = element("details", { class: "more more-entry" });
          more.append(element("summary", {}, t("editorMoreOnEntry")));
          this.#renderQuestions(rest.map(question), this.plan, more);
          parent.append(more);
        }
        for (const container of parent.querySelectorAll("[data-problems]")) this.containers.set(container.dataset.problems, container);
      },
      trackTitle: (name, fields, path) => this.titles.push({ name, fields, path }),
    };
  }

  /**
   * Shows the plan's current state: which questions apply, item names, and the
   * problems of questions that are live (after Continue, or stored with a problem).
   * @param {object} plan
   * @param {Array<{path: string, code: string}>} problems every problem of the plan
   * @param {boolean} [first] the first update after render: stored problems show at once
   */
  update(plan, problems, first = false) {
    const byField = new Map(this.fields.map((view) => [view.pointer, []]));
    const byContainer = new Map([...this.containers.keys()].map((key) => [key, []]));
    for (const problem of this.#inScope(problems)) {
      let path = problem.path;
      while (path && !byField.has(path) && !byContainer.has(path)) path = parentPointer(path);
      if (byField.has(path)) byField.get(path).push(problem);
      else if (byContainer.has(path)) byContainer.get(path).push(problem);
    }
    for (const view of this.fields) {
      const found = byField.get(view.pointer);
      // An answer stored with a problem shows it at once; a blank question waits for Continue.
      if (first && found.some((problem) => problem.code !== "required") && !view.quiet) view.markLive();
      view.setApplies(applies(view.field, getIn(plan, view.parentPath)));
      view.showProblems(found, { grow: first });
    }
    for (const [key, container] of this.containers) {
      const messages = [...new Set(byContainer.get(key).map((problem) => planLabel(problemSpec(problem.code).message)))];
      container.replaceChildren(...messages.map((text) => element("p", { class: "field-problem", "data-severity": "warning" }, text)));
    }
    for (const { name, fields, path } of this.titles) name.textContent = itemName(fields, getIn(plan, path), this.people);
    this.problems = byField;
  }

  #inScope(problems) {
    return problems.filter((problem) => problem.path === this.scope || problem.path.startsWith(this.scope + "/") || this.fields.some((view) => problem.path === view.pointer || problem.path.startsWith(view.pointer + "/")));
  }

  /**
   * Continue was pressed: every question's problems show, listed at the top.
   * @returns {boolean} whether the person may go on (no problems, or the same ones were shown already)
   */
  confirmContinue() {
    const listed = [];
    for (const view of this.fields) {
      view.markLive();
      const found = this.problems?.get(view.pointer) ?? [];
      view.showProblems(found, { grow: true });
      if (view.root.hidden) continue;
      for (const code of new Set(found.map((problem) => problem.code))) listed.push({ question: view.question, code, targetId: view.targetId });
    }
    for (const { targetId } of listed) openAround(document.getElementById(targetId));
    const seen = this.summary.show(listed);
    return listed.length === 0 || seen;
  }

  /**
   * @param {string} pointer a question's JSON Pointer
   * @returns {boolean} whether it was found and focused
   */
  focusQuestion(pointer) {
    const view = this.fields.find((candidate) => candidate.pointer === pointer);
    if (!view) return false;
    openAround(view.root);
    view.focus();
    view.root.scrollIntoView({ block: "center" });
    return true;
  }

  /**
   * After a change to a nested list: focus the same control in its new place, or what replaced it.
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

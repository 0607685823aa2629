// The guided plan: which screen shows (the interview, a part, one entry, check
// your answers, share, a child's page, the overview), every change to the plan,
// validation and saving. No DOM building here: the views make the screens and
// report what the person does.
import { completeness, gaps } from "../plan/completeness.js";
import { childPage } from "../plan/child-page.js";
import { migrate, NewerSchemaError } from "../plan/migrate.js";
import { peopleOf } from "../plan/people.js";
import { emptyPlan, getIn, insertItem, moveItem, newItemId, removeItem, setAnswer } from "../plan/plan-model.js";
import { pointer as toPointer } from "../plan/pointer.js";
import { isPlainObject, own, problemSpec, schema, sectionDef, sectionDefs } from "../plan/schema.js";
import { expiringPapers, reviewedToday, reviewStatus } from "../plan/upkeep.js";
import { validatePlan } from "../plan/validate.js";
import { isBlank, localToday } from "../plan/values.js";
import { fill } from "../ui/fill.js";
import { planLabel } from "../ui/plan-labels.js";
import { t } from "../ui/strings.js";
import { PLAN_ID } from "../vault/session.js";
import { element } from "../views/dom.js";
import { Autosaver } from "./autosave.js";
import { renderCaregiverCheck } from "./caregiver-check-view.js";
import { renderCheck } from "./check-view.js";
import { renderChildPage } from "./child-page-view.js";
import { districtSchools, schoolAnswers } from "./district-schools.js";
import { personLabel } from "./field-view.js";
import { INTERVIEW_SCREENS, earlierAnswers, flowSections, idsIn, isBlankDraft, isFresh, itemIndex, knownPeople, neighbourSection, splitFields } from "./flow.js";
import { interviewScreen, schoolCoversChildren } from "./interview.js";
import { renderDone } from "./interview-done-view.js";
import { itemName } from "./list-view.js";
import { renderListScreen } from "./list-screen-view.js";
import { renderOverview } from "./overview-view.js";
import { focusAction, focusHeading, showMessage, showPage } from "./page-view.js";
import { currentRoute, go, onRouteChange, routeHash } from "./router.js";
import { ScreenView } from "./screen-view.js";
import { renderUpkeep } from "./upkeep-view.js";

// Problems and progress follow typing after this pause (validation walks the whole plan).
const CHECK_DELAY_MS = 120;
// What made a draft: keys the interview set itself.
const DRAFT_KEYS = { people: ["id", "role"], school: ["id", "children", "pickup"], contacts: ["id"] };

export class FlowController {
  /**
   * @param {object} options
   * @param {HTMLElement} options.container
   * @param {{load: () => Promise<object|null>, save: (plan: object) => Promise<void>, onChange: Function, locked: boolean}} options.session
   * @param {import("../views/save-status.js").SaveStatus} options.status
   * @param {() => Promise<{changedAt: number, exportedAt: number}>} [options.backupState]
   * @param {{pointer: string | null}} [options.place] the question last edited; kept across a lock
   */
  constructor({ container, session, status, backupState, place = { pointer: null } }) {
    this.container = container;
    this.session = session;
    this.status = status;
    this.backupState = backupState;
    this.place = place;
    this.plan = null;
    this.route = null;
    this.quiet = new Set();
    this.drafts = new Set();
    this.storedIds = new Set(); // entry ids in the plan as last loaded or saved
    this.undo = null;
    this.checkTimer = 0;
    this.autosave = new Autosaver(() => this.#save());
    this.screen = new ScreenView({
      answer: (path, value) => this.#answer(path, value),
      commit: () => this.#commit(),
      add: (path, pointer) => this.#addNested(path, pointer),
      remove: (path, pointer, index, title) => this.#removeNested(path, pointer, index, title),
      move: (path, pointer, from, to) => this.#moveNested(path, pointer, from, to),
      undo: () => this.#undo(),
      suggest: (view, index) => this.#useSuggestion(view, index),
    });
  }

  async open() {
    if (!(await this.#load())) return;
    this.stopWatching = this.session.onChange(({ id }) => {
      if (id === PLAN_ID && !this.autosave.pending) this.reload(true);
    });
    this.stopRoutes = onRouteChange((route) => {
      if (route && this.plan) this.show(route);
    });
    const fallback = isFresh(this.plan) ? { name: "start", screen: INTERVIEW_SCREENS[0] } : { name: "overview" };
    const route = currentRoute() ?? fallback;
    // The first screen gets its own address too, so Back from the next one returns to it.
    if (!currentRoute()) history.replaceState(history.state, "", routeHash(route));
    this.show(route, { focus: false });
    // Back after an automatic lock: the question the person was editing.
    if (this.place.pointer && this.form) this.screen.focusQuestion(this.place.pointer);
  }

  async #load() {
    let stored;
    try {
      stored = await this.session.load();
    } catch {
      return false; // locked meanwhile; the page says why
    }
    try {
      this.plan = stored === null ? emptyPlan() : migrate(stored);
      this.storedIds = idsIn(this.plan);
      return true;
    } catch (error) {
      // Never edit, and so never save over, a plan this app cannot read.
      showMessage(this.container, error instanceof NewerSchemaError ? "editorNewerPlan" : "editorUnreadablePlan");
      return false;
    }
  }

  /** The newest saved plan replaces this tab's (another tab saved, or after a conflict). */
  async reload(fromOtherTab = false) {
    this.autosave.stop();
    this.autosave.dirty = false;
    if (!(await this.#load()) || !this.route) return;
    this.show(this.route, { focus: false });
    if (fromOtherTab) this.status.notify("changedElsewhere");
    else this.status.clear();
  }

  /**
   * @param {import("./router.js").Route} route
   * @param {{focus?: boolean, target?: object}} [options]
   */
  show(route, { focus = true, target = null } = {}) {
    this.#dropBlankDrafts(route);
    this.quiet.clear();
    // "Undo" is offered on the screen the removal leads to, and only there.
    if (this.undo && this.undo.screen !== routeHash(route)) this.undo = null;
    this.form = false;
    this.route = route;
    this.#showShare(route.name === "share");
    const screen = this.#screenFor(route);
    screen.dataset.route = routeHash(this.route); // which screen this is, for tests and styles
    showPage(this.container, screen);
    if (this.form) this.#check(true);
    if (target) this.screen.focus(target);
    else if (this.pendingQuestion && this.form) {
      this.screen.focusQuestion(this.pendingQuestion);
      this.pendingQuestion = null;
    } else if (focus && route.name === "share") {
      document.getElementById("share-panel-title")?.focus();
    } else if (focus) focusHeading(this.container);
  }

  #screenFor(route) {
    const sdef = route.section ? sectionDef(route.section) : null;
    if (route.name === "start" && INTERVIEW_SCREENS.includes(route.screen)) return this.#interview(route.screen);
    if (route.name === "step" && sdef) return sdef.kind === "list" ? this.#listScreen(sdef) : this.#partScreen(sdef);
    if (route.name === "item" && sdef?.kind === "list" && itemIndex(this.plan, sdef.id, route.id) >= 0) return this.#itemScreen(sdef, route.id);
    if (route.name === "check" && sdef?.kind === "object") return this.#checkScreen(sdef);
    if (route.name === "share") return this.#shareScreen();
    if (route.name === "caregiver") return renderCaregiverCheck(this.plan, this.#actions({ back: { name: "share" } }));
    if (route.name === "child") {
      const page = childPage(this.plan, route.id);
      const person = peopleOf(this.plan).find((p) => p.id === route.id);
      if (page) return renderChildPage(page, personLabel(person));
    }
    this.route = { name: "overview" };
    return this.#overview();
  }

  // --- screens --------------------------------------------------------------

  #interview(name) {
    if (name === "done") return renderDone({ plan: this.plan, actions: this.#actions({ back: { name: "start", screen: "contact" } }) });
    if (name === "pickup" && !peopleOf(this.plan).some((person) => person.role === "child")) {
      // No children yet: nothing to pick up. Straight on to who cares for the family.
      this.route = { name: "start", screen: "caregiver" };
      history.replaceState(history.state, "", routeHash(this.route));
      return this.#interview("caregiver");
    }
    const screen = interviewScreen(name, this.plan);
    if (screen.plan !== this.plan) this.plan = screen.plan; // drafts: saved only once something is typed in them
    screen.drafts.forEach((id) => this.drafts.add(id));
    const index = INTERVIEW_SCREENS.indexOf(name);
    const next = { name: "start", screen: INTERVIEW_SCREENS[index + 1] };
    const back = index === 0 ? { name: "overview" } : { name: "start", screen: INTERVIEW_SCREENS[index - 1] };
    const extra = [];
    if (name === "children") extra.push(this.#button("startAddChild", "add-child", () => this.#addChild()));
    this.form = true;
    return this.screen.render({
      title: screen.title,
      hint: screen.hint,
      position: fill(t("startQuestionOf"), { number: index + 1, total: INTERVIEW_SCREENS.length - 1 }),
      scope: `/interview/${name}`,
      questions: screen.questions,
      plan: this.plan,
      people: peopleOf(this.plan),
      quiet: this.quiet,
      undo: this.undo,
      suggest: (field, path) => this.#suggestions(field, path),
      after: extra,
      actions: this.#actions({
        next: () => {
          if (name === "pickup" && this.drafts.has(own(getIn(this.plan, ["sections", "school", 0]), "id"))) this.#change(schoolCoversChildren(this.plan));
          go(next);
        },
        back,
        skip: next,
      }),
    });
  }

  #partScreen(sdef) {
    const path = ["sections", sdef.id];
    const values = getIn(this.plan, path);
    if (values !== undefined && !isPlainObject(values)) return this.#wrongForm(sdef);
    const split = splitFields(sdef.fields);
    // A part made only of details ("Other notes") shows them: there is nothing else to ask.
    const [key, details] = split.key.length ? [split.key, split.details] : [split.details, []];
    const question = (field) => ({ field, path: [...path, field.id] });
    this.form = true;
    return this.screen.render({
      title: planLabel(sdef.title),
      hint: planLabel(sdef.help),
      scope: toPointer(...path),
      questions: key.map(question),
      details: details.map(question),
      moreTitle: t("editorMore"),
      openDetails: this.#editingDetail(details, path),
      plan: this.plan,
      people: peopleOf(this.plan),
      quiet: this.quiet,
      undo: this.undo,
      suggest: (field, path) => this.#suggestions(field, path),
      before: sdef.id === "upkeep" ? [this.#upkeepCard()] : [],
      actions: this.#actions({ next: () => go({ name: "check", section: sdef.id }), back: this.#previous(sdef.id) }),
    });
  }

  #itemScreen(sdef, id) {
    const index = itemIndex(this.plan, sdef.id, id);
    const path = ["sections", sdef.id, index];
    const item = getIn(this.plan, path);
    const people = peopleOf(this.plan);
    const name = isPlainObject(item) ? itemName(sdef.fields, item, people) : "";
    const title = name || fill(t("editorItemNumber"), { item: planLabel(sdef.itemTitle), number: index + 1 });
    const { key, details } = splitFields(sdef.fields);
    const question = (field) => ({ field, path: [...path, field.id] });
    const remove = this.#button("editorRemoveEntry", "remove", () => this.#removeEntry(sdef, index, title));
    // Several entries in a row (the children's health, the parents' papers) without the list in between.
    const preset = sdef.id === schema.personSection ? { [schema.roleField]: own(item, schema.roleField) } : {};
    const another = this.#button("editorDoneAddAnother", "add-another", () => {
      if (!this.screen.confirmContinue()) return;
      this.autosave.flush();
      this.#addEntry(sdef, typeof preset[schema.roleField] === "string" ? preset : {});
    });
    this.form = true;
    return this.screen.render({
      title,
      hint: planLabel(sdef.help),
      scope: toPointer(...path),
      questions: key.map(question),
      details: details.map(question),
      moreTitle: fill(t("editorMoreAbout"), { name: title }),
      openDetails: this.#editingDetail(details, path),
      plan: this.plan,
      people,
      quiet: this.quiet,
      undo: this.undo,
      suggest: (field, path) => this.#suggestions(field, path),
      after: [remove],
      actions: this.#actions({ next: () => go({ name: "step", section: sdef.id }), back: { name: "step", section: sdef.id }, nextKey: "editorDoneEntry", also: another }),
    });
  }

  #listScreen(sdef) {
    const path = ["sections", sdef.id];
    const items = getIn(this.plan, path);
    if (items !== undefined && !Array.isArray(items)) return this.#wrongForm(sdef);
    return renderListScreen({
      sdef,
      plan: this.plan,
      people: peopleOf(this.plan),
      undo: this.undo,
      handlers: {
        add: (preset) => this.#addEntry(sdef, preset),
        move: (from, to) => {
          this.plan = moveItem(this.plan, path, from, to);
          this.#changed();
          this.show(this.route, { focus: false });
          // The same button on the entry in its new place; at the top or bottom, the other one.
          const moved = this.container.querySelector(`[data-item="${CSS.escape(toPointer(...path, to))}"]`);
          const action = to < from ? "up" : "down";
          (moved?.querySelector(`[data-action="${action}"]:not(:disabled)`) ?? moved?.querySelector("[data-action=up]:not(:disabled), [data-action=down]:not(:disabled)"))?.focus();
        },
        undo: () => this.#undo(),
      },
      actions: this.#actions({ next: () => this.#afterPart(sdef.id), back: this.#previous(sdef.id) }),
    });
  }

  #checkScreen(sdef) {
    return renderCheck({
      sdef,
      plan: this.plan,
      change: (pointer) => {
        this.pendingQuestion = pointer;
        go({ name: "step", section: sdef.id });
      },
      actions: this.#actions({ next: () => this.#afterPart(sdef.id), back: { name: "step", section: sdef.id } }),
    });
  }

  #shareScreen() {
    // The panel below (#share-panel, in the page) is this screen's content and has the heading.
    const root = element("div", { class: "screen share-screen" });
    root.append(this.#actions({ back: { name: "overview" } }));
    return root;
  }

  #overview() {
    const sections = flowSections(this.plan);
    const problems = validatePlan(this.plan);
    const toCheck = new Set(problems.map((problem) => problem.path.split("/")[2]).filter(Boolean));
    const applying = new Set(sections.map((sdef) => sdef.id));
    return renderOverview({
      sections,
      skipped: sectionDefs().filter((sdef) => !applying.has(sdef.id) && !sdef.when?.hasRole),
      counts: completeness(this.plan),
      gaps: gaps(this.plan),
      toCheck,
      people: peopleOf(this.plan),
      fresh: isFresh(this.plan),
      upkeep: this.#upkeepCard(),
    });
  }

  #wrongForm(sdef) {
    // The part is in the wrong form: its problem shows, and nothing is typed over it.
    const root = element("section", { class: "screen", "aria-labelledby": "screen-title" });
    root.append(element("h2", { id: "screen-title", tabindex: "-1" }, planLabel(sdef.title)));
    root.append(element("p", { class: "field-problem", "data-severity": "error" }, planLabel(problemSpec("wrongType").message)));
    root.append(this.#actions({ next: () => this.#afterPart(sdef.id), back: { name: "overview" } }));
    return root;
  }

  #upkeepCard() {
    const today = localToday();
    const card = renderUpkeep(
      { review: reviewStatus(this.plan, today), expiring: expiringPapers(this.plan, today), people: peopleOf(this.plan) },
      () => this.#reviewed(),
    );
    this.backupState?.().then((state) => card.showBackup(state), () => card.showBackup(null));
    return card.root;
  }

  // --- navigation ------------------------------------------------------------

  /**
   * The buttons under a screen: Continue first (the thumb's place), then Back and Overview.
   * @param {{next?: () => void, back?: object, skip?: object, nextKey?: string}} options
   */
  #actions({ next, back, skip, also, nextKey = "editorContinueButton" }) {
    const nav = element("nav", { class: "screen-actions", "aria-label": t("editorStepsNav") });
    if (next) {
      const button = element("button", { type: "button", class: "button button-primary", "data-nav": "next" }, t(nextKey));
      button.addEventListener("click", () => {
        if (this.form) this.#check(); // the answers as they are now, not as last checked while typing
        if (this.form && !this.screen.confirmContinue()) return;
        this.autosave.flush();
        next();
      });
      nav.append(button);
    }
    if (also) nav.append(also);
    if (skip) nav.append(element("a", { class: "button", href: routeHash(skip), "data-nav": "skip" }, t("startSkip")));
    if (back) nav.append(element("a", { class: "button", href: routeHash(back), "data-nav": "back" }, t("editorBack")));
    if (this.route?.name !== "overview") nav.append(element("a", { class: "button", href: routeHash({ name: "overview" }), "data-nav": "overview" }, t("editorOverview")));
    return nav;
  }

  #button(key, action, handler) {
    const button = element("button", { type: "button", class: "button", "data-action": action }, t(key));
    button.addEventListener("click", handler);
    return button;
  }

  #previous(sectionId) {
    const previous = neighbourSection(this.plan, sectionId, -1);
    return previous ? { name: "step", section: previous } : { name: "overview" };
  }

  #afterPart(sectionId) {
    const next = neighbourSection(this.plan, sectionId, 1);
    go(next ? { name: "step", section: next } : { name: "overview" });
  }

  #editingDetail(details, path) {
    const prefix = toPointer(...path) + "/";
    const pointer = this.pendingQuestion ?? this.place.pointer;
    return Boolean(pointer && details.some((field) => pointer === prefix + field.id || pointer.startsWith(`${prefix}${field.id}/`)));
  }

  #showShare(visible) {
    const panel = document.getElementById("share-panel");
    if (panel) panel.hidden = !visible;
  }

  // --- changes ---------------------------------------------------------------

  #changed() {
    this.autosave.changed();
    clearTimeout(this.checkTimer);
    this.checkTimer = setTimeout(() => this.#check(), CHECK_DELAY_MS);
  }

  #change(plan) {
    this.plan = plan;
    this.#changed();
  }

  #answer(path, value) {
    this.place.pointer = toPointer(...path);
    this.#change(setAnswer(this.plan, path, value));
  }

  #commit() {
    this.#check();
    this.autosave.flush();
  }

  /** What a question with `suggest` offers: names typed elsewhere (with their phone), earlier answers, or the district's schools. */
  #suggestions(field, path) {
    const phoneField = field.phoneField;
    if (field.suggest === "schools") return districtSchools().map((school) => ({ label: school.name, answers: schoolAnswers(school) }));
    if (field.suggest === "earlier") {
      return earlierAnswers(this.plan, path[1], field.id).slice(0, 3).map((answer) => ({ label: answer, answers: { [field.id]: answer } }));
    }
    return knownPeople(this.plan).slice(0, 4).map(({ name, phone }) => ({
      label: name,
      answers: phoneField && phone ? { [field.id]: name, [phoneField]: phone } : { [field.id]: name },
    }));
  }

  #useSuggestion(view, index) {
    const suggestion = this.#suggestions(view.field, view.path)[index];
    if (!suggestion) return;
    const parent = view.path.slice(0, -1);
    let plan = this.plan;
    for (const [fieldId, answer] of Object.entries(suggestion.answers)) {
      // Never over what was typed: only blank answers are filled.
      if (fieldId === view.field.id || isBlank(getIn(plan, [...parent, fieldId]))) plan = setAnswer(plan, [...parent, fieldId], answer);
    }
    this.place.pointer = view.pointer;
    this.#change(plan);
    this.autosave.flush();
    this.pendingQuestion = view.pointer;
    this.show(this.route, { focus: false });
  }

  #addChild() {
    const id = newItemId();
    this.drafts.add(id);
    this.#change(insertItem(this.plan, ["sections", "people"], { id, role: "child" }));
    this.show(this.route, { focus: false });
    [...this.screen.fields].reverse().find((view) => view.field.id === "legalName")?.focus();
  }

  #addEntry(sdef, preset = {}) {
    const id = newItemId();
    this.#change(insertItem(this.plan, ["sections", sdef.id], { id, ...preset }));
    this.quiet.add(id);
    go({ name: "item", section: sdef.id, id });
  }

  #removeEntry(sdef, index, title) {
    const path = ["sections", sdef.id];
    const item = getIn(this.plan, [...path, index]);
    this.#change(removeItem(this.plan, path, index));
    this.undo = { pointer: toPointer(...path), title, listPath: path, index, item, section: sdef.id, screen: routeHash({ name: "step", section: sdef.id }) };
    go({ name: "step", section: sdef.id });
  }

  #addNested(listPath, listPointer) {
    const item = { id: newItemId() };
    this.#change(insertItem(this.plan, listPath, item));
    this.quiet.add(item.id);
    this.undo = null;
    const index = getIn(this.plan, listPath).length - 1;
    this.#rerender({ item: listPointer + toPointer(index), action: "first" });
  }

  #removeNested(listPath, listPointer, index, title) {
    const item = getIn(this.plan, [...listPath, index]);
    this.#change(removeItem(this.plan, listPath, index));
    this.undo = { pointer: listPointer, title, listPath, index, item, screen: routeHash(this.route) };
    this.#rerender({ list: listPointer, action: "undo" });
  }

  #moveNested(listPath, listPointer, from, to) {
    this.#change(moveItem(this.plan, listPath, from, to));
    this.undo = null;
    this.#rerender({ item: listPointer + toPointer(to), action: to < from ? "up" : "down" });
  }

  #undo() {
    if (!this.undo) return;
    const { listPath, pointer, index, item, section } = this.undo;
    this.#change(insertItem(this.plan, listPath, item, index));
    this.undo = null;
    if (section) go({ name: "item", section, id: own(item, "id") });
    else this.#rerender({ item: pointer + toPointer(index), action: "first" });
  }

  #rerender(target) {
    this.show(this.route, { focus: false, target });
  }

  #reviewed() {
    for (const [field, value] of Object.entries(reviewedToday(this.plan, localToday()))) {
      this.plan = setAnswer(this.plan, ["sections", "upkeep", field], value);
    }
    this.#changed();
    this.autosave.flush();
    this.show(this.route, { focus: false });
    focusAction(this.container, "reviewed");
  }

  /** Entries the interview made for its questions and nobody typed in are dropped. */
  #dropBlankDrafts(nextRoute) {
    if (!this.drafts.size || (nextRoute.name === "start" && this.route?.name === "start" && nextRoute.screen === this.route.screen)) return;
    let plan = this.plan;
    const dropped = [];
    for (const [sectionId, made] of Object.entries(DRAFT_KEYS)) {
      const items = getIn(plan, ["sections", sectionId]);
      if (!Array.isArray(items)) continue;
      for (let index = items.length - 1; index >= 0; index -= 1) {
        const id = own(items[index], "id");
        if (this.drafts.has(id) && isBlankDraft(items[index], made)) {
          plan = removeItem(plan, ["sections", sectionId], index);
          this.drafts.delete(id);
          dropped.push(id);
        }
      }
      // A school entry's blank pick-up draft, under a school that has a name.
      const first = getIn(plan, ["sections", "school", 0, "pickup"]);
      if (sectionId === "school" && Array.isArray(first)) {
        const kept = first.filter((entry) => !(this.drafts.has(own(entry, "id")) && isBlankDraft(entry, ["id"])));
        first.filter((entry) => !kept.includes(entry)).forEach((entry) => dropped.push(own(entry, "id")));
        if (kept.length !== first.length) plan = setAnswer(plan, ["sections", "school", 0, "pickup"], kept);
      }
    }
    if (plan === this.plan) return;
    // Drafts never saved leave nothing to save when they go; a stored one must be saved away.
    if (dropped.some((id) => this.storedIds.has(id))) this.#change(plan);
    else this.plan = plan;
  }

  /** @returns {Promise<void> | null} */
  #save() {
    if (this.session.locked || !this.plan) return null;
    const now = new Date().toISOString();
    const meta = own(this.plan, "meta");
    if (isPlainObject(meta) || meta === undefined) {
      this.plan = { ...this.plan, meta: { ...meta, createdAt: own(meta, "createdAt") ?? now, updatedAt: now } };
    }
    const saving = this.session.save(this.plan);
    this.storedIds = idsIn(this.plan);
    this.status.track(saving, { retry: () => this.autosave.flush(), reload: () => this.reload() });
    return saving;
  }

  /** famplan:flush: save what is pending now (before a lock, when the page is hidden). */
  flush() {
    this.autosave.flush();
  }

  #check(first = false) {
    clearTimeout(this.checkTimer);
    if (!this.form || !this.plan) return;
    this.screen.update(this.plan, validatePlan(this.plan), first);
  }

  close() {
    this.autosave.stop();
    clearTimeout(this.checkTimer);
    this.stopRoutes?.();
    this.stopWatching?.();
    this.#showShare(false);
    this.plan = null;
  }
}


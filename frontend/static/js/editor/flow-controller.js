// The guided flow: which page shows (a step, the overview, a child's page),
// every change to the plan, validation and saving. No DOM code here: the views
// build the pages and report what the person does.
import { completeness, gaps, sectionCompleteness } from "../plan/completeness.js";
import { migrate, NewerSchemaError } from "../plan/migrate.js";
import { childPage } from "../plan/child-page.js";
import { peopleOf } from "../plan/people.js";
import { emptyPlan, getIn, insertItem, moveItem, newItemId, removeItem, setAnswer } from "../plan/plan-model.js";
import { pointer as toPointer } from "../plan/pointer.js";
import { isPlainObject, own, sectionDef, sectionDefs } from "../plan/schema.js";
import { expiringPapers, reviewedToday, reviewStatus } from "../plan/upkeep.js";
import { validatePlan } from "../plan/validate.js";
import { localToday } from "../plan/values.js";
import { PLAN_ID } from "../vault/session.js";
import { Autosaver } from "./autosave.js";
import { renderChildPage } from "./child-page-view.js";
import { personLabel } from "./field-view.js";
import { renderOverview } from "./overview-view.js";
import { currentRoute, onRouteChange } from "./router.js";
import { focusAction, focusHeading, showMessage, showPage } from "./page-view.js";
import { StepView } from "./step-view.js";
import { renderUpkeep } from "./upkeep-view.js";

// Problems and progress follow typing after this pause (validation walks the whole plan).
const CHECK_DELAY_MS = 120;

export class FlowController {
  /**
   * @param {object} options
   * @param {HTMLElement} options.container
   * @param {{load: () => Promise<object|null>, save: (plan: object) => Promise<void>, onChange: Function, locked: boolean}} options.session
   * @param {import("../views/save-status.js").SaveStatus} options.status
   * @param {() => Promise<{changedAt: number, exportedAt: number}>} [options.backupState]
   */
  constructor({ container, session, status, backupState }) {
    this.container = container;
    this.session = session;
    this.status = status;
    this.backupState = backupState;
    this.plan = null;
    this.route = null;
    this.quiet = new Set();
    this.undo = null;
    this.checkTimer = 0;
    this.autosave = new Autosaver(() => this.#save());
    this.stepView = new StepView({
      answer: (path, value) => this.#answer(path, value),
      commit: (view) => this.#commit(view),
      add: (path, pointer) => this.#add(path, pointer),
      remove: (path, pointer, index, title) => this.#remove(path, pointer, index, title),
      move: (path, pointer, from, to) => this.#move(path, pointer, from, to),
      undo: () => this.#undo(),
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
    this.show(currentRoute() ?? { name: "overview" }, { focus: false });
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
   * @param {{focus?: boolean}} [options]
   */
  show(route, { focus = true } = {}) {
    const sections = sectionDefs();
    this.quiet.clear();
    this.undo = null;
    const child = route.name === "child" ? childPage(this.plan, route.id) : null;
    if (route.name === "step" && sectionDef(route.section)) {
      this.route = route;
      this.#renderStep();
    } else if (child) {
      this.route = route;
      const person = peopleOf(this.plan).find((p) => p.id === route.id);
      showPage(this.container, renderChildPage(child, personLabel(person)));
    } else {
      this.route = { name: "overview" };
      const problems = validatePlan(this.plan);
      const toCheck = new Set(problems.map((problem) => problem.path.split("/")[2]).filter(Boolean));
      showPage(this.container, renderOverview({
        sections,
        counts: completeness(this.plan),
        gaps: gaps(this.plan),
        toCheck,
        people: peopleOf(this.plan),
        upkeep: this.#upkeepCard(),
      }));
    }
    if (focus) focusHeading(this.container);
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

  #renderStep(focusTarget = null) {
    const sections = sectionDefs();
    const sdef = sectionDef(this.route.section);
    const root = this.stepView.render({
      sdef,
      index: sections.indexOf(sdef),
      sections,
      plan: this.plan,
      people: peopleOf(this.plan),
      quiet: this.quiet,
      undo: this.undo,
      extra: sdef.id === "upkeep" ? [this.#upkeepCard()] : [],
    });
    showPage(this.container, root);
    this.#check(true);
    if (focusTarget) this.stepView.focus(focusTarget);
  }

  #check(first = false) {
    clearTimeout(this.checkTimer);
    if (this.route?.name !== "step" || !this.plan) return;
    const sdef = sectionDef(this.route.section);
    const counts = sectionCompleteness(sdef, getIn(this.plan, ["sections", sdef.id]));
    this.stepView.update(this.plan, validatePlan(this.plan), counts, first);
  }

  #changed() {
    this.autosave.changed();
    clearTimeout(this.checkTimer);
    this.checkTimer = setTimeout(() => this.#check(), CHECK_DELAY_MS);
  }

  #answer(path, value) {
    this.plan = setAnswer(this.plan, path, value);
    this.#changed();
  }

  #commit(view) {
    view.markLive();
    this.#check();
    this.autosave.flush();
  }

  #add(listPath, listPointer) {
    const item = { id: newItemId() };
    this.plan = insertItem(this.plan, listPath, item);
    this.quiet.add(item.id);
    this.undo = null;
    const index = getIn(this.plan, listPath).length - 1;
    this.#changed();
    this.#renderStep({ item: listPointer + toPointer(index), action: "first" });
  }

  #remove(listPath, listPointer, index, title) {
    const item = getIn(this.plan, [...listPath, index]);
    this.plan = removeItem(this.plan, listPath, index);
    this.undo = { pointer: listPointer, title, listPath, index, item };
    this.#changed();
    this.#renderStep({ list: listPointer, action: "undo" });
  }

  #undo() {
    if (!this.undo) return;
    const { listPath, pointer, index, item } = this.undo;
    this.plan = insertItem(this.plan, listPath, item, index);
    this.undo = null;
    this.#changed();
    this.#renderStep({ item: pointer + toPointer(index), action: "first" });
  }

  #move(listPath, listPointer, from, to) {
    this.plan = moveItem(this.plan, listPath, from, to);
    this.undo = null;
    this.#changed();
    this.#renderStep({ item: listPointer + toPointer(to), action: to < from ? "up" : "down" });
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

  /** @returns {Promise<void> | null} */
  #save() {
    if (this.session.locked || !this.plan) return null;
    const now = new Date().toISOString();
    const meta = own(this.plan, "meta");
    if (isPlainObject(meta) || meta === undefined) {
      this.plan = { ...this.plan, meta: { ...meta, createdAt: own(meta, "createdAt") ?? now, updatedAt: now } };
    }
    const saving = this.session.save(this.plan);
    this.status.track(saving, { retry: () => this.autosave.flush(), reload: () => this.reload() });
    return saving;
  }

  /** famplan:flush: save what is pending now (before a lock, when the page is hidden). */
  flush() {
    this.autosave.flush();
  }

  close() {
    this.autosave.stop();
    clearTimeout(this.checkTimer);
    this.stopRoutes?.();
    this.stopWatching?.();
    this.plan = null;
  }
}

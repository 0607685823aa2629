// "If you get the call": the caregiver's steps (plan/caregiver-steps.js) as a
// page to act from. Each step has a tick; each answer keeps the field's own
// label; every phone number is a tel: link; what the family did not write is
// said where the step would be. The family's words reach the page only as text,
// each one isolated (<bdi>) so a name written right to left, or holding a
// direction mark, cannot turn the sentence around it.
// On paper (`paper: true`) the same steps, with a box to tick by hand.
import { normalizeANumber, parseDate } from "../plan/values.js";
import { sectionDef } from "../plan/schema.js";
import { displayParts } from "../print/plan-values.js";
import { formatDate } from "../ui/dates.js";
import { fill, fillParts } from "../ui/fill.js";
import { madeOn, pastReview } from "../ui/plan-age.js";
import { planLabel } from "../ui/plan-labels.js";
import { t } from "../ui/strings.js";
import { telHref } from "../ui/tel.js";
import { element, elementWith, userText } from "./dom.js";
import { explainDetails } from "./glossary.js";

/**
 * @typedef {object} ActionOptions
 * @property {Set<string>} ticks  ticked step ids; changed in place as the person ticks
 * @property {(ticks: string[]) => void} [onTick]  after each tick or untick
 * @property {(key: string) => Node | null} [help]  the page's sourced help (detainee locator, hotlines)
 * @property {(section: string) => string | null} [gapHref]  where the family can add what is missing (the editor)
 * @property {unknown} [exportedAt]  when the file was made
 * @property {string} [ticksNote]  a UI string key: what happens to the ticks
 * @property {Node[]} [actions]  buttons under the heading (print, keep, close)
 * @property {boolean} [paper]  for printing: boxes instead of checkboxes, no buttons
 */

let lastId = 0;
function newId() {
  lastId += 1;
  return `act-${lastId}`;
}

function named(key, name) {
  return fillParts(t(key), { name: userText(name || t("cardNoName")) });
}

/** One answer as words: names for person ids, Yes or No, formatted dates; phone numbers dial. */
function valueNodes(fact, plan) {
  const { field, value } = fact;
  const parts = displayParts(field, value, plan);
  const nodes = [];
  parts.forEach((part, index) => {
    if (index > 0) nodes.push(", ");
    const href = field.type === "tel" ? telHref(part) : null;
    if (href) nodes.push(element("a", { href, dir: "ltr", class: "action-tel" }, part));
    else if (field.type === "date" && parseDate(part) !== null) nodes.push(userText(formatDate(parseDate(part))));
    else nodes.push(userText(part));
  });
  const canonical = field.type === "anumber" ? normalizeANumber(value) : null;
  if (canonical) nodes.push(" ", element("span", { class: "action-digits" }, fill(t("stepsLocatorDigits"), { digits: canonical.slice(1) })));
  return nodes;
}

/** The answers a caregiver needs first; the others under "More details" (all of them, on paper). */
function factList(facts, plan, options) {
  const first = options.paper ? facts : facts.filter((fact) => !fact.more);
  const more = options.paper ? [] : facts.filter((fact) => fact.more);
  const nodes = [];
  if (first.length) nodes.push(definitions(first, plan));
  if (more.length) {
    const details = element("details", { class: "action-more" });
    details.append(element("summary", {}, t("stepsMore")), definitions(more, plan));
    nodes.push(details);
  }
  return nodes;
}

function definitions(facts, plan) {
  const list = element("dl", { class: "action-facts" });
  for (const fact of facts) {
    const row = element("div", { "data-field": `${fact.section}/${fact.field.id}` });
    const value = elementWith("dd", fact.field.type === "longtext" ? { class: "action-long" } : {}, ...valueNodes(fact, plan));
    row.append(element("dt", {}, planLabel(fact.field.label)), value);
    list.append(row);
  }
  return list;
}

function groupTitle(group) {
  if (group.titleKey) return elementWith("p", { class: "action-group-title" }, ...named(group.titleKey, group.name));
  if (!group.title) return null;
  return elementWith("p", { class: "action-group-title", ...(group.titleField ? { "data-field": group.titleField } : {}) }, userText(group.title));
}

function groupNode(group, plan, options) {
  const node = element("div", { class: group.kind ? `action-group action-${group.kind}` : "action-group" });
  const title = groupTitle(group);
  if (title) node.append(title);
  node.append(...factList(group.facts, plan, options));
  for (const inner of group.groups ?? []) node.append(groupNode(inner, plan, options));
  return node;
}

function gapList(gaps, { gapHref }) {
  const list = element("ul", { class: "action-gaps" });
  for (const gap of gaps) {
    const item = element("li", { class: "action-gap", "data-gap": gap.key });
    const part = gap.part ? planLabel(sectionDef(gap.part).title) : "";
    item.append(...fillParts(t(gap.key), { name: userText(gap.name || t("cardNoName")), part }));
    const href = gap.section && gapHref ? gapHref(gap.section) : null;
    if (href) item.append(" ", element("a", { href, class: "action-add" }, t("stepsAddIt")));
    list.append(item);
  }
  return list;
}

/** The sourced help that goes with a step: the page's (locator, hotlines) or the glossary's. */
function helpNodes(key, options) {
  if (!key) return [];
  if (key === "papers") {
    const details = explainDetails("powerOfAttorney");
    return details ? [details] : [];
  }
  const node = options.help?.(key);
  return node ? [node] : [];
}

function tickBox(item, options, section) {
  if (options.paper) {
    return element("span", { class: "action-box", "aria-hidden": "true" }, options.ticks.has(item.id) ? "\u2611" : "\u2610");
  }
  const box = element("input", { type: "checkbox", class: "action-tick", "data-step": item.id });
  box.checked = options.ticks.has(item.id);
  section.classList.toggle("action-done", box.checked);
  box.addEventListener("change", () => {
    if (box.checked) options.ticks.add(item.id);
    else options.ticks.delete(item.id);
    section.classList.toggle("action-done", box.checked);
    options.onTick?.([...options.ticks]);
  });
  return box;
}

/**
 * One step: a tickable section with the family's answers, or, when the family
 * wrote nothing for it, only the plain words of what is missing.
 * @param {import("../plan/caregiver-steps.js").Step} item
 * @param {object} plan
 * @param {ActionOptions} options
 * @returns {HTMLElement | null}
 */
export function renderStep(item, plan, options) {
  const notes = item.notes.map((key) => element("p", { class: "action-note" }, t(key)));
  if (!item.shown) {
    if (!item.gaps.length && !notes.length) return null;
    const missing = element("div", { class: "action-missing", "data-missing": item.id });
    if (item.gaps.length) missing.append(gapList(item.gaps, options));
    missing.append(...notes, ...helpNodes(item.help, options));
    return missing;
  }
  const titleId = newId();
  const section = element("section", { class: "action-step", "data-step": item.id, "aria-labelledby": titleId });
  const title = element("span", { id: titleId });
  title.append(...named(item.title, item.name));
  const heading = element("h4", { class: "action-step-title" });
  heading.append(elementWith("label", { class: "action-tick-label" }, tickBox(item, options, section), title));
  section.append(heading);
  section.append(...factList(item.facts, plan, options));
  for (const group of item.groups) section.append(groupNode(group, plan, options));
  if (item.gaps.length) section.append(gapList(item.gaps, options));
  section.append(...notes, ...helpNodes(item.help, options));
  return section;
}

/**
 * @param {{id: string, steps: object[]}} part
 * @param {object} plan
 * @param {ActionOptions} options
 * @returns {Node[]}
 */
export function renderSteps(part, plan, options) {
  return part.steps.map((item) => renderStep(item, plan, options)).filter(Boolean);
}

/** The family's name, when the file was made, the plan's own dates, and a review date that has passed. */
export function renderHeader(steps, plan, options) {
  const header = element("div", { class: "action-header" });
  if (steps.familyName) {
    header.append(elementWith("p", { class: "action-family", "data-field": "family/name" }, ...fillParts(t("stepsFamily"), { name: userText(steps.familyName) })));
  }
  if (Object.hasOwn(options, "exportedAt")) {
    const made = madeOn(options.exportedAt);
    const line = made ? fill(t(made.age ? "stepsMadeAge" : "importMadeOn"), { date: made.date, age: made.age ?? "" }) : t("stepsMadeUnknown");
    header.append(element("p", { class: "action-made" }, line));
  }
  header.append(...factList(steps.about, plan, options));
  if (pastReview(steps.review.nextReview)) {
    header.append(element("p", { class: "notice action-stale" }, fill(t("stepsStale"), { date: formatDate(steps.review.nextReview) })));
  }
  return header;
}

function part(titleKey, nodes) {
  const titleId = newId();
  const section = element("section", { class: "action-part", "aria-labelledby": titleId });
  section.append(element("h3", { id: titleId }, t(titleKey)), ...nodes);
  return section;
}

/**
 * The whole view, for the screen.
 * @param {import("../plan/caregiver-steps.js").CaregiverSteps} steps
 * @param {object} plan
 * @param {ActionOptions} options
 * @returns {HTMLElement}
 */
export function renderActionView(steps, plan, options) {
  const titleId = newId();
  const root = element("article", { class: "action-view", "aria-labelledby": titleId });
  root.append(element("h2", { id: titleId, tabindex: "-1" }, t("stepsTitle")), renderHeader(steps, plan, options));
  root.append(element("p", { class: "action-lead" }, t("stepsLead")));
  if (options.ticksNote) root.append(element("p", { class: "hint" }, t(options.ticksNote)));
  if (options.actions?.length) root.append(elementWith("div", { class: "field-actions action-buttons" }, ...options.actions));

  const children = [renderStep(steps.papers, plan, options)].filter(Boolean);
  if (steps.noChildren) children.push(gapList([{ key: "gapNoChildren", section: "people" }], options));
  for (const child of steps.children) children.push(elementWith("div", { class: "action-child", "data-child": child.id }, ...renderSteps(child, plan, options)));
  root.append(part("stepsPartChildren", children));
  root.append(part("stepsPartParent", [...helpNodes("locator", options), ...renderSteps(steps.parent, plan, options)]));
  root.append(part("stepsPartFamily", renderSteps(steps.family, plan, options)));
  return root;
}

// The end of the first-run interview: what the plan now covers, and what to
// add next, each a few minutes' work.
import { gaps } from "../plan/completeness.js";
import { peopleOf } from "../plan/people.js";
import { getIn } from "../plan/plan-model.js";
import { own, sectionDef } from "../plan/schema.js";
import { isBlank, trim } from "../plan/values.js";
import { fillParts } from "../ui/fill.js";
import { planLabel } from "../ui/plan-labels.js";
import { t } from "../ui/strings.js";
import { element } from "../views/dom.js";
import { personLabel } from "./field-view.js";
import { routeHash } from "./router.js";

const NEXT_PARTS = ["family", "people", "authority", "medical", "legal"];

function text(value) {
  return typeof value === "string" && !isBlank(value) ? trim(value) : "";
}

function line(key, values) {
  const item = element("li");
  item.append(...fillParts(t(key), Object.fromEntries(Object.entries(values).map(([name, value]) => [name, element("bdi", {}, value)]))));
  return item;
}

/**
 * @param {object} screen
 * @param {object} screen.plan
 * @param {HTMLElement} screen.actions
 * @returns {HTMLElement}
 */
export function renderDone({ plan, actions }) {
  const missing = gaps(plan);
  const root = element("section", { class: "screen interview-done", "aria-labelledby": "screen-title" });
  root.append(element("h2", { id: "screen-title", tabindex: "-1" }, t(missing.length ? "startDoneMissingTitle" : "startDoneTitle")));
  root.append(element("p", { class: "hint" }, t(missing.length ? "startDoneMissingHint" : "startDoneHint")));

  const covered = element("ul", { class: "covered" });
  const children = peopleOf(plan).filter((person) => person.role === "child").map(personLabel);
  if (children.length) covered.append(line("startDoneChildren", { names: children.join(", ") }));
  const school = getIn(plan, ["sections", "school", 0]);
  const pickup = text(own(getIn(plan, ["sections", "school", 0, "pickup", 0]), "name"));
  if (pickup) covered.append(line("startDonePickup", { name: pickup, school: text(own(school, "name")) || planLabel(sectionDef("school").itemTitle) }));
  const caregiver = text(getIn(plan, ["sections", "care", "primaryName"]));
  if (caregiver) covered.append(line("startDoneCaregiver", { name: caregiver }));
  const contact = text(getIn(plan, ["sections", "contacts", 0, "name"]));
  if (contact) covered.append(line("startDoneContact", { name: contact }));
  if (covered.firstChild) root.append(covered);

  root.append(element("h3", {}, t("startDoneNext")));
  const next = element("ul", { class: "next-parts" });
  for (const id of NEXT_PARTS) {
    const item = element("li");
    item.append(element("a", { href: routeHash({ name: "step", section: id }) }, planLabel(sectionDef(id).title)));
    next.append(item);
  }
  root.append(next);
  const links = element("p", { class: "done-links" });
  links.append(
    element("a", { class: "button button-primary", href: routeHash({ name: "step", section: NEXT_PARTS[0] }), "data-nav": "next" }, t("startDoneContinue")),
    " ",
    element("a", { class: "button", href: routeHash({ name: "overview" }), "data-nav": "overview-link" }, t("startDoneOverview")),
    " ",
    element("a", { class: "button", href: routeHash({ name: "share" }) }, t("editorShareAndPrint")),
  );
  root.append(links, actions);
  return root;
}

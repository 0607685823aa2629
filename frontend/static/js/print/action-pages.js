// "If you get the call" on paper: one page for each child (the paper that lets
// the caregiver act, then pick-up, health and the child's own facts) and one
// page for the adults (finding the parent, the calls, the family's
// instructions). Every page is headed with the family's name. Page breaks are
// CSS (.action-page); nothing about the plan goes into the print's address.
import { fillParts } from "../ui/fill.js";
import { t } from "../ui/strings.js";
import { renderHeader, renderStep, renderSteps } from "../views/action-view.js";
import { element, elementWith, userText } from "../views/dom.js";

function page(steps, title, nodes) {
  const sheet = element("section", { class: "action-page" });
  const family = steps.familyName ? fillParts(t("stepsFamily"), { name: userText(steps.familyName) }) : [];
  sheet.append(elementWith("p", { class: "action-page-family" }, t("stepsTitle"), ...(family.length ? [" · ", ...family] : [])));
  sheet.append(elementWith("h2", {}, ...title), ...nodes);
  return sheet;
}

/**
 * @param {import("../plan/caregiver-steps.js").CaregiverSteps} steps
 * @param {object} plan
 * @param {import("../views/action-view.js").ActionOptions} options  ticks are printed as ticked boxes
 * @returns {HTMLElement}
 */
export function actionPages(steps, plan, options) {
  const paper = { ...options, paper: true, actions: [] };
  const root = element("article", { class: "action-view action-pages" });
  for (const child of steps.children) {
    const papers = renderStep(steps.papers, plan, paper);
    root.append(page(steps, [userText(child.name || t("cardNoName"))], [papers, ...renderSteps(child, plan, paper)].filter(Boolean)));
  }
  const adults = [
    renderHeader(steps, plan, paper),
    ...(steps.children.length ? [] : [renderStep(steps.papers, plan, paper)].filter(Boolean)),
    element("h3", {}, t("stepsPartParent")),
    ...[paper.help?.("locator")].filter(Boolean),
    ...renderSteps(steps.parent, plan, paper),
    element("h3", {}, t("stepsPartFamily")),
    ...renderSteps(steps.family, plan, paper),
  ];
  root.append(page(steps, [t("stepsAdultsPage")], adults));
  return root;
}

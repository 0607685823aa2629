// "Check what my caregiver will see": the family's own plan as a caregiver's
// copy shows it (every part a copy may hold), in the same steps a caregiver
// follows. What is missing links to the part where the family can add it.
// Ticks here are only for trying it out: they live in this screen and go with it.
import { caregiverSteps } from "../plan/caregiver-steps.js";
import { caregiverCopy } from "../share/caregiver-copy.js";
import { t } from "../ui/strings.js";
import { renderActionView } from "../views/action-view.js";
import { element } from "../views/dom.js";
import { pageHelp } from "../views/page-help.js";
import { routeHash } from "./router.js";

/**
 * @param {object} plan the family's plan
 * @param {HTMLElement} actions the screen's buttons (Back, Overview)
 * @returns {HTMLElement}
 */
export function renderCaregiverCheck(plan, actions) {
  const copy = caregiverCopy(plan);
  const root = element("section", { class: "screen caregiver-check" });
  root.append(element("p", { class: "notice" }, t("editorCaregiverIntro")));
  root.append(renderActionView(caregiverSteps(copy), copy, {
    ticks: new Set(),
    help: pageHelp,
    gapHref: (section) => routeHash({ name: "step", section }),
    ticksNote: "stepsTicksPreview",
  }));
  root.append(actions);
  return root;
}

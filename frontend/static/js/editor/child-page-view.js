// A page for one child, in big simple words: who picks me up, who takes care
// of me, the numbers I know by heart, and what to do if a parent does not come home.
import { telHref } from "../ui/tel.js";
import { fillParts } from "../ui/fill.js";
import { t } from "../ui/strings.js";
import { element } from "../views/dom.js";
import { routeHash } from "./router.js";

const CHILD_STEPS = ["childStep1", "childStep2", "childStep3", "childStep4", "childStep5"];

function title(id, key) {
  return element("h3", { id }, t(key));
}

function person({ name, relation }) {
  const item = element("li");
  item.append(element("bdi", { class: "child-name" }, name));
  if (relation) item.append(" ", element("bdi", { class: "child-relation" }, relation));
  return item;
}

/** The school's Safe Haven resource person: someone at school the child can go to. */
function resourcePerson({ name, phone }) {
  const line = element("p", { class: "child-resource" });
  line.append(...fillParts(t("childResource"), { name: element("bdi", { class: "child-name" }, name) }));
  const href = phone ? telHref(phone) : null;
  if (phone) line.append(" ", element(href ? "a" : "span", { class: "child-number", dir: "ltr", ...(href ? { href } : {}) }, phone));
  return line;
}

/**
 * @param {import("../plan/child-page.js").ChildPage} page
 * @param {string} fallbackName shown when the child has no name yet
 * @returns {HTMLElement}
 */
export function renderChildPage(page, fallbackName) {
  const root = element("article", { class: "child-page", "aria-labelledby": "child-title" });
  const heading = element("h2", { id: "child-title", tabindex: "-1" });
  heading.append(...fillParts(t("childTitle"), { name: element("bdi", {}, page.name || fallbackName) }));
  root.append(heading, element("p", { class: "child-lead" }, t("childLead")));

  root.append(title("child-pickup-title", "childPickUpTitle"));
  if (!page.pickups.some((school) => school.people.length)) root.append(element("p", {}, t("childPickUpNone")));
  for (const school of page.pickups.filter((entry) => entry.people.length || entry.resource.name)) {
    if (school.school) {
      const at = element("p", { class: "child-school" });
      at.append(...fillParts(t("childAtSchool"), { school: element("bdi", {}, school.school) }));
      root.append(at);
    }
    if (school.people.length) {
      const list = element("ul", { class: "child-list" });
      list.append(...school.people.map(person));
      root.append(list);
    }
    if (school.resource.name) root.append(resourcePerson(school.resource));
  }

  if (page.caregivers.length) {
    const list = element("ul", { class: "child-list" });
    list.append(...page.caregivers.map(person));
    root.append(title("child-care-title", "childCareTitle"), list);
  }

  root.append(title("child-numbers-title", "childNumbersTitle"));
  if (page.numbers.length === 0) root.append(element("p", {}, t("childNumbersNone")));
  else {
    const list = element("ul", { class: "child-numbers" });
    for (const contact of page.numbers) {
      const item = element("li");
      const href = telHref(contact.phone);
      const number = element(href ? "a" : "span", { class: "child-number", dir: "ltr", ...(href ? { href } : {}) }, contact.phone);
      item.append(element("bdi", { class: "child-name" }, contact.name), number);
      list.append(item);
    }
    root.append(list, element("p", {}, t("childNumbersHelp")));
  }

  root.append(title("child-steps-title", "childStepsTitle"));
  const steps = element("ol", { class: "child-steps" });
  steps.append(...CHILD_STEPS.map((key) => element("li", {}, t(key))));
  root.append(steps);
  if (page.steps) root.append(element("p", { class: "child-family-title" }, t("childFamilyWords")), element("p", { class: "child-family-words", dir: "auto" }, page.steps));
  if (page.meetingPlace) {
    const meet = element("p", { class: "child-meeting" });
    meet.append(...fillParts(t("childMeetingPlace"), { place: element("bdi", {}, page.meetingPlace) }));
    root.append(meet);
  }
  root.append(element("a", { href: routeHash({ name: "overview" }), class: "button child-back" }, t("childBack")));
  return root;
}

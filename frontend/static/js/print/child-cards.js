// A wallet or backpack card for each child: who may pick them up, whom to
// call, the numbers they know by heart, and health facts a stranger must know.
import { childPage } from "../plan/child-page.js";
import { peopleOf } from "../plan/people.js";
import { own, sectionDef } from "../plan/schema.js";
import { planLabel } from "../ui/plan-labels.js";
import { t } from "../ui/strings.js";
import { element } from "../views/dom.js";
import { displayValue, filledFields } from "./plan-values.js";

const HEALTH_FIELDS = ["allergies", "conditions", "medications"];

function person({ name, relation, phone }) {
  return [name, relation && `(${relation})`, phone].filter(Boolean).join(" ");
}

function block(title, lines) {
  const part = element("div", { class: "card-block" });
  part.append(element("h3", {}, title));
  const list = element("ul");
  for (const line of lines) list.append(element("li", {}, line));
  part.append(list);
  return part;
}

function healthLines(plan, childId) {
  const medical = own(own(plan, "sections"), "medical");
  const fields = sectionDef("medical").fields.filter((field) => HEALTH_FIELDS.includes(field.id));
  return (Array.isArray(medical) ? medical : [])
    .filter((entry) => own(entry, "person") === childId)
    .flatMap((entry) => filledFields(fields, entry))
    .map(({ field, value }) => `${planLabel(field.label)}: ${displayValue(field, value, plan)}`);
}

function card(plan, childId) {
  const page = childPage(plan, childId);
  const root = element("section", { class: "child-card" });
  root.append(element("h2", {}, page.name || t("cardNoName")));
  const pickup = page.pickups.flatMap((school) => school.people.map(person));
  const parts = [
    [t("cardCaregivers"), page.caregivers.map(person)],
    [t("cardPickup"), [...new Set(pickup)]],
    [t("cardNumbers"), page.numbers.map(person)],
    [t("cardHealth"), healthLines(plan, childId)],
    [t("cardMeeting"), page.meetingPlace ? [page.meetingPlace] : []],
  ];
  for (const [title, lines] of parts) if (lines.length > 0) root.append(block(title, lines));
  return root;
}

/**
 * @param {object} plan
 * @returns {HTMLElement} one card per child, in plan order
 */
export function childCards(plan) {
  const root = element("div", { class: "child-cards" });
  for (const child of peopleOf(plan).filter((entry) => entry.role === "child")) root.append(card(plan, child.id));
  return root;
}

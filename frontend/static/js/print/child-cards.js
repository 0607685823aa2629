// A wallet or backpack card for each child: who may pick them up, whom to
// call, the numbers they know by heart, and health facts a stranger must know.
import { childPage } from "../plan/child-page.js";
import { peopleOf } from "../plan/people.js";
import { own, sectionDef } from "../plan/schema.js";
import { planLabel } from "../ui/plan-labels.js";
import { t } from "../ui/strings.js";
import { element, elementWith, userText } from "../views/dom.js";
import { displayValue, filledFields } from "./plan-values.js";

const HEALTH_FIELDS = ["allergies", "conditions", "medications"];

// Each line is parts: the family's own strings isolated (<bdi>), so a name with
// right-to-left text or a direction override cannot reorder the rest of the line.
function person({ name, relation, phone }) {
  const parts = [userText(name)];
  if (relation) parts.push(" (", userText(relation), ")");
  if (phone) parts.push(" ", userText(phone));
  return parts;
}

function onePersonEach(people) {
  const seen = new Set();
  return people.filter(({ name, relation, phone }) => {
    const key = JSON.stringify([name, relation, phone]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function block(title, lines) {
  const part = element("div", { class: "card-block" });
  part.append(element("h3", {}, title));
  const list = element("ul");
  for (const line of lines) list.append(elementWith("li", {}, ...line));
  part.append(list);
  return part;
}

function healthLines(plan, childId) {
  const medical = own(own(plan, "sections"), "medical");
  const fields = sectionDef("medical").fields.filter((field) => HEALTH_FIELDS.includes(field.id));
  return (Array.isArray(medical) ? medical : [])
    .filter((entry) => own(entry, "person") === childId)
    .flatMap((entry) => filledFields(fields, entry))
    .map(({ field, value }) => [`${planLabel(field.label)}: `, userText(displayValue(field, value, plan))]);
}

function card(plan, childId) {
  const page = childPage(plan, childId);
  const root = element("section", { class: "child-card" });
  root.append(elementWith("h2", {}, page.name ? userText(page.name) : t("cardNoName")));
  const pickup = onePersonEach(page.pickups.flatMap((school) => school.people));
  const parts = [
    [t("cardCaregivers"), page.caregivers.map(person)],
    [t("cardPickup"), pickup.map(person)],
    [t("cardNumbers"), page.numbers.map(person)],
    [t("cardHealth"), healthLines(plan, childId)],
    [t("cardMeeting"), page.meetingPlace ? [[userText(page.meetingPlace)]] : []],
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

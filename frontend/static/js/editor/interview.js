// The first-run interview: four short questions that make a useful plan (the
// children, who picks them up, who cares for them, one contact), then what to
// add next. Each screen's answers go straight into the plan's own places, so
// nothing is typed twice; entries it makes for the questions are "drafts" until
// something is typed in them (flow.isBlankDraft), and blank drafts are dropped.
import { getIn, insertItem, newItemId, setAnswer } from "../plan/plan-model.js";
import { own, sectionDef } from "../plan/schema.js";
import { fill } from "../ui/fill.js";
import { t } from "../ui/strings.js";
import { childrenOfPlan } from "./flow.js";

const field = (sectionId, fieldId) => sectionDef(sectionId).fields.find((f) => f.id === fieldId);
const pickupField = (fieldId) => field("school", "pickup").fields.find((f) => f.id === fieldId);

/**
 * @typedef {object} InterviewScreen
 * @property {object} plan the plan with any drafts this screen needs
 * @property {string[]} drafts ids of the entries made for it
 * @property {string} title
 * @property {string} hint
 * @property {Array<{field: object, path: Array<string|number>, label: string}>} questions
 */

/**
 * @param {string} screen one of INTERVIEW_SCREENS but "done"
 * @param {object} plan
 * @returns {InterviewScreen}
 */
export function interviewScreen(screen, plan) {
  const drafts = [];
  const add = (sectionId, item) => {
    drafts.push(item.id);
    plan = insertItem(plan, ["sections", sectionId], item);
  };
  if (screen === "children") {
    if (childrenOfPlan(plan).length === 0) add("people", { id: newItemId(), role: "child" });
    // Born here or not decides the questions about papers later, so it is asked now, once.
    const questions = childrenOfPlan(plan).flatMap((child, number) => [
      { field: field("people", "legalName"), path: ["sections", "people", child.index, "legalName"], label: fill(t("startChildName"), { number: number + 1 }) },
      { field: field("people", "bornInUs"), path: ["sections", "people", child.index, "bornInUs"], label: fill(t("startChildBornHere"), { number: number + 1 }) },
    ]);
    return { plan, drafts, title: t("startChildrenTitle"), hint: t("startChildrenHint"), questions };
  }
  if (screen === "pickup") {
    const children = childrenOfPlan(plan).map((child) => child.id);
    if (!Array.isArray(getIn(plan, ["sections", "school"])) || getIn(plan, ["sections", "school"]).length === 0) {
      add("school", { id: newItemId(), children, pickup: [] });
    }
    const pickup = getIn(plan, ["sections", "school", 0, "pickup"]);
    if (!Array.isArray(pickup) || pickup.length === 0) {
      const id = newItemId();
      drafts.push(id);
      plan = setAnswer(plan, ["sections", "school", 0, "pickup"], [{ id }]);
    }
    const at = ["sections", "school", 0];
    return {
      plan, drafts, title: t("startPickupTitle"), hint: t("startPickupHint"),
      questions: [
        { field: field("school", "name"), path: [...at, "name"], label: t("startSchoolName") },
        { field: pickupField("name"), path: [...at, "pickup", 0, "name"], label: t("startPickupName") },
        { field: pickupField("phone"), path: [...at, "pickup", 0, "phone"], label: t("startPickupPhone") },
      ],
    };
  }
  if (screen === "caregiver") {
    return {
      plan, drafts, title: t("startCaregiverTitle"), hint: t("startCaregiverHint"),
      questions: [
        { field: field("care", "primaryName"), path: ["sections", "care", "primaryName"], label: t("startPersonName") },
        { field: field("care", "primaryPhone"), path: ["sections", "care", "primaryPhone"], label: t("startPersonPhone") },
      ],
    };
  }
  const contacts = getIn(plan, ["sections", "contacts"]);
  if (!Array.isArray(contacts) || contacts.length === 0) add("contacts", { id: newItemId() });
  return {
    plan, drafts, title: t("startContactTitle"), hint: t("startContactHint"),
    questions: [
      { field: field("contacts", "name"), path: ["sections", "contacts", 0, "name"], label: t("startPersonName") },
      { field: field("contacts", "phone"), path: ["sections", "contacts", 0, "phone"], label: t("startPersonPhone") },
      { field: field("contacts", "canPickUp"), path: ["sections", "contacts", 0, "canPickUp"], label: t("startCanPickUp") },
    ],
  };
}

/**
 * The interview's school entry covers every child once the family moves on.
 * @param {object} plan
 * @returns {object}
 */
export function schoolCoversChildren(plan) {
  const entry = getIn(plan, ["sections", "school", 0]);
  if (entry === undefined) return plan;
  const children = childrenOfPlan(plan).map((child) => child.id);
  const current = own(entry, "children");
  const missing = children.filter((id) => !Array.isArray(current) || !current.includes(id));
  if (missing.length === 0) return plan;
  return setAnswer(plan, ["sections", "school", 0, "children"], [...(Array.isArray(current) ? current : []), ...missing]);
}

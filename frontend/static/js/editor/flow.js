// The guided plan's screens, from the schema and the plan alone (no DOM): the
// order of the parts (skipping what the family said does not apply), each
// part's questions and details, and the drafts the first-run interview makes.
import { peopleOf } from "../plan/people.js";
import { isPlainObject, own, sectionApplies, sectionDef, sectionDefs } from "../plan/schema.js";
import { isBlank, trim } from "../plan/values.js";

/** The first-run interview: the children, who picks them up, who cares for them, one contact. */
export const INTERVIEW_SCREENS = ["children", "pickup", "caregiver", "contact", "done"];

/**
 * @param {unknown} plan
 * @returns {object[]} the parts that apply to this family, in order
 */
export function flowSections(plan) {
  const sections = own(plan, "sections");
  return sectionDefs().filter((sdef) => sectionApplies(sdef, sections));
}

/**
 * @param {unknown} plan
 * @param {string} sectionId
 * @param {1 | -1} direction
 * @returns {string | null} the next (or previous) part that applies, or null at the end
 */
export function neighbourSection(plan, sectionId, direction) {
  const all = sectionDefs();
  // Parts with no questions ("Other notes") wait in the overview: Continue passes them by.
  const applying = new Set(flowSections(plan).filter((sdef) => sdef.fields.some((field) => field.key)).map((sdef) => sdef.id));
  for (let index = all.findIndex((sdef) => sdef.id === sectionId) + direction; index >= 0 && index < all.length; index += direction) {
    if (applying.has(all[index].id)) return all[index].id;
  }
  return null;
}

/**
 * @param {object[]} fields
 * @returns {{key: object[], details: object[]}} the questions asked first, and the rest behind "More about"
 */
export function splitFields(fields) {
  return { key: fields.filter((field) => field.key), details: fields.filter((field) => !field.key) };
}

/**
 * A plan nobody has started: the interview comes first.
 * @param {unknown} plan
 * @returns {boolean}
 */
export function isFresh(plan) {
  const sections = own(plan, "sections");
  const list = (id) => own(sections, id);
  const filled = (value) => Array.isArray(value) && value.length > 0;
  return !filled(list("people")) && !filled(list("contacts")) && !filled(list("school")) && isBlank(own(own(sections, "care"), "primaryName"));
}

/**
 * @param {unknown} plan
 * @param {string} sectionId a list section
 * @param {string} id an item id
 * @returns {number} its index, or -1
 */
export function itemIndex(plan, sectionId, id) {
  const items = own(own(plan, "sections"), sectionId);
  return Array.isArray(items) ? items.findIndex((item) => own(item, "id") === id) : -1;
}

/**
 * @param {unknown} plan
 * @returns {Array<{id: string, name: string, index: number}>} the children, in plan order
 */
export function childrenOfPlan(plan) {
  return peopleOf(plan).filter((person) => person.role === "child");
}

/**
 * Whether an item the interview made still holds nothing but what it was made with.
 * @param {unknown} item
 * @param {string[]} made keys the interview set itself (its id, a child's role, a school's children)
 * @returns {boolean}
 */
export function isBlankDraft(item, made) {
  if (!isPlainObject(item)) return false;
  return Object.entries(item).every(([key, value]) => made.includes(key) || isBlank(value) || (Array.isArray(value) && value.every((entry) => isBlankDraft(entry, ["id"]))));
}

/**
 * @param {string} sectionId
 * @returns {object} the section's schema definition
 */
export function sectionOf(sectionId) {
  return sectionDef(sectionId);
}

function text(value) {
  return typeof value === "string" && !isBlank(value) ? trim(value) : "";
}

/**
 * Everyone the family has named with a phone somewhere in the plan (contacts,
 * caregivers, pick-up people, the adults, the out-of-town contact), once each:
 * offered where a person is named again, so nobody is typed twice.
 * @param {unknown} plan
 * @returns {Array<{name: string, phone: string}>}
 */
export function knownPeople(plan) {
  const sections = own(plan, "sections");
  const found = [];
  const add = (name, phone) => {
    if (text(name) && !found.some((person) => person.name.toLocaleLowerCase() === text(name).toLocaleLowerCase())) found.push({ name: text(name), phone: text(phone) });
  };
  const items = (id) => (Array.isArray(own(sections, id)) ? own(sections, id).filter(isPlainObject) : []);
  const care = own(sections, "care");
  add(own(care, "primaryName"), own(care, "primaryPhone"));
  add(own(care, "alternateName"), own(care, "alternatePhone"));
  for (const contact of items("contacts")) add(own(contact, "name"), own(contact, "phone"));
  for (const school of items("school")) for (const person of Array.isArray(own(school, "pickup")) ? own(school, "pickup") : []) add(own(person, "name"), own(person, "phone"));
  for (const person of items("people")) if (own(person, "role") === "adult") add(own(person, "legalName"), own(person, "phone"));
  add(own(own(sections, "outOfTown"), "name"), own(own(sections, "outOfTown"), "phone"));
  return found;
}

/**
 * @param {unknown} plan
 * @param {string} sectionId a list section
 * @param {string} fieldId
 * @returns {string[]} the answers already given to this question in other entries, once each
 */
export function earlierAnswers(plan, sectionId, fieldId) {
  const items = own(own(plan, "sections"), sectionId);
  const answers = (Array.isArray(items) ? items : []).map((item) => text(own(item, fieldId))).filter(Boolean);
  return [...new Set(answers)];
}

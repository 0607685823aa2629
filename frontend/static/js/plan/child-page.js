// What one child's page says: who picks them up, the numbers they know by heart,
// and what to do. Built from the plan only; the view adds the words for a child.
import { isPlainObject, own } from "./schema.js";
import { isBlank, trim } from "./values.js";
import { personById } from "./people.js";
import { pickupFor, schoolsOfChild } from "./schools.js";

function text(value) {
  return typeof value === "string" && !isBlank(value) ? trim(value) : "";
}

function objectItems(value) {
  return Array.isArray(value) ? value.filter(isPlainObject) : [];
}

/**
 * @typedef {{name: string, phone: string, relation: string}} ChildContact
 * @typedef {object} ChildPage
 * @property {string} name
 * @property {ChildContact[]} caregivers primary, then second caregiver
 * @property {Array<{school: string, resource: ChildContact & {languages: string}, people: ChildContact[]}>} pickups by school or
 *   daycare, with its Safe Haven resource person (from the plan's own fields, so a caregiver's copy has it too)
 * @property {ChildContact[]} numbers contacts this child knows by heart, in contact order
 * @property {string} steps what the children do (the family's own words)
 * @property {string} meetingPlace
 */

/**
 * @param {unknown} plan
 * @param {string} childId
 * @returns {ChildPage | null} null if there is no such child
 */
export function childPage(plan, childId) {
  const child = personById(plan, childId);
  if (!child || child.role !== "child") return null;
  const sections = own(plan, "sections");
  const care = own(sections, "care");
  const caregivers = [
    { name: text(own(care, "primaryName")), phone: text(own(care, "primaryPhone")), relation: text(own(care, "primaryRelation")) },
    { name: text(own(care, "alternateName")), phone: text(own(care, "alternatePhone")), relation: text(own(care, "alternateRelation")) },
  ].filter((person) => person.name);
  const pickups = schoolsOfChild(plan, childId).map((school) => ({
    school: text(own(school, "name")),
    resource: { name: text(own(school, "resourcePerson")), phone: text(own(school, "resourcePhone")), relation: "", languages: text(own(school, "resourceLanguages")) },
    people: pickupFor(school, childId)
      .map((p) => ({ name: text(own(p, "name")), phone: text(own(p, "phone")), relation: text(own(p, "relation")) }))
      .filter((p) => p.name),
  }));
  const numbers = objectItems(own(sections, "contacts"))
    .filter((contact) => {
      const refs = own(contact, "memorizeBy");
      return Array.isArray(refs) && refs.includes(childId);
    })
    .map((c) => ({ name: text(own(c, "name")), phone: text(own(c, "phone")), relation: text(own(c, "relation")) }))
    .filter((c) => c.phone);
  return {
    name: child.name,
    caregivers,
    pickups,
    numbers,
    steps: text(own(own(sections, "detained"), "childrenSteps")),
    meetingPlace: text(own(own(sections, "meeting"), "neighborhood")),
  };
}

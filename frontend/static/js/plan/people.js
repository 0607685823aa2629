// The people of a plan, as the rest of the plan refers to them (by item id).
import { isPlainObject, own, schema } from "./schema.js";
import { trim } from "./values.js";

/**
 * @typedef {{id: string, role: unknown, name: string, index: number}} PersonEntry
 * name is the legal name as typed (trimmed), or "" if there is none yet.
 */

/**
 * @param {unknown} plan
 * @returns {PersonEntry[]} people with a usable id, in plan order
 */
export function peopleOf(plan) {
  const people = own(own(plan, "sections"), schema.personSection);
  if (!Array.isArray(people)) return [];
  return people.flatMap((person, index) => {
    const id = own(person, "id");
    if (!isPlainObject(person) || typeof id !== "string") return [];
    const name = own(person, "legalName");
    return [{ id, role: own(person, schema.roleField), name: typeof name === "string" ? trim(name) : "", index }];
  });
}

/**
 * @param {unknown} plan
 * @param {string} id
 * @returns {PersonEntry | undefined}
 */
export function personById(plan, id) {
  return peopleOf(plan).find((person) => person.id === id);
}

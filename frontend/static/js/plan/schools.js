// School entries and their pick-up lists. One entry can cover several
// children; a pick-up person may be "only for" some of them.
import { isPlainObject, own } from "./schema.js";

function objectItems(value) {
  return Array.isArray(value) ? value.filter(isPlainObject) : [];
}

/**
 * @param {unknown} entry a school entry
 * @returns {string[]} the ids of the children it covers
 */
export function childrenOf(entry) {
  const children = own(entry, "children");
  return Array.isArray(children) ? children.filter((id) => typeof id === "string") : [];
}

/**
 * The pick-up people of an entry who may pick up this child: everyone whose
 * "only for" list is empty or names the child.
 * @param {unknown} entry
 * @param {string} childId
 * @returns {object[]}
 */
export function pickupFor(entry, childId) {
  return objectItems(own(entry, "pickup")).filter((person) => {
    const onlyFor = own(person, "onlyFor");
    return !Array.isArray(onlyFor) || onlyFor.length === 0 || onlyFor.includes(childId);
  });
}

/**
 * @param {unknown} plan
 * @param {string} childId
 * @returns {object[]} the school entries that cover this child, in plan order
 */
export function schoolsOfChild(plan, childId) {
  return objectItems(own(own(plan, "sections"), "school")).filter((entry) => childrenOf(entry).includes(childId));
}

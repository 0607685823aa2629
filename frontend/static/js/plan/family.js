// The family's own name (its household name), as a caregiver with several
// families' plans tells them apart: the default name of a kept plan, the
// file's preview, print headings and the list of plans shared with me.
import { own } from "./schema.js";
import { isBlank, trim } from "./values.js";

/**
 * @param {unknown} plan
 * @returns {string} the family's name as typed, trimmed, or ""
 */
export function familyNameOf(plan) {
  const name = own(own(own(plan, "sections"), "family"), "name");
  return typeof name === "string" && !isBlank(name) ? trim(name) : "";
}

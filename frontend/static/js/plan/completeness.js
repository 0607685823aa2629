// How much of the plan is answered, and which critical answers are missing.
// Mirrors completeness() and gaps() in server/plan_schema.py.
import { applies, isPlainObject, own, schema, sectionApplies, sectionDef, sectionDefs } from "./schema.js";
import { isBlank } from "./values.js";

function objectItems(value) {
  return Array.isArray(value) ? value.filter(isPlainObject) : [];
}

/**
 * [filled, total] over the questions (`key` fields) of one item or object section
 * that apply. Details behind "More about" are extras: a plan is complete without them.
 * @param {object[]} fields
 * @param {unknown} values
 * @returns {[number, number]}
 */
export function countAnswers(fields, values) {
  const applicable = fields.filter((field) => field.key && applies(field, values));
  return [applicable.filter((field) => !isBlank(own(values, field.id))).length, applicable.length];
}

/**
 * [filled, total] for one section. An empty required list counts as one blank item.
 * @param {object} sdef
 * @param {unknown} value
 * @returns {[number, number]}
 */
export function sectionCompleteness(sdef, value) {
  if (sdef.kind === "object") return countAnswers(sdef.fields, isPlainObject(value) ? value : {});
  const items = objectItems(value);
  if (items.length === 0) return sdef.optional ? [0, 0] : countAnswers(sdef.fields, {});
  return items.reduce(
    ([filled, total], item) => {
      const [f, t] = countAnswers(sdef.fields, item);
      return [filled + f, total + t];
    },
    [0, 0],
  );
}

function sectionsOf(plan) {
  const sections = own(plan, "sections");
  return isPlainObject(sections) ? sections : {};
}

/**
 * @param {unknown} plan
 * @returns {Record<string, [number, number]>} section id -> [filled, total]
 */
export function completeness(plan) {
  const sections = sectionsOf(plan);
  return Object.fromEntries(sectionDefs().map((sdef) => [
    sdef.id,
    // A section the family said does not apply (no pets, no children) has nothing to answer.
    sectionApplies(sdef, sections) ? sectionCompleteness(sdef, own(sections, sdef.id)) : [0, 0],
  ]));
}

function hasAll(values, fieldIds) {
  return fieldIds.every((id) => !isBlank(own(values, id)));
}

function importanceOk(check, sections) {
  const value = own(sections, check.section);
  if (check.check === "filled") return isPlainObject(value) && hasAll(value, check.fields);
  if (check.check !== "nonEmptyList") throw new Error(`unknown importance check ${check.check}`);
  const items = objectItems(value);
  const wanted = check.itemHas ?? [];
  if (check.field === undefined) return items.some((item) => hasAll(item, wanted));
  // Every entry (each child's school) needs its own nested list.
  return items.length > 0 && items.every((item) => objectItems(own(item, check.field)).some((sub) => hasAll(sub, wanted)));
}

/**
 * Ids of failed importance checks, most critical first; a section that does not apply has none.
 * @param {unknown} plan
 * @returns {string[]}
 */
export function gaps(plan) {
  const sections = sectionsOf(plan);
  return schema.importance
    .filter((check) => sectionApplies(sectionDef(check.section), sections) && !importanceOk(check, sections))
    .map((check) => check.id);
}

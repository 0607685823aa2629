// One answer as the words a reader sees: option labels instead of stored
// values, names instead of person ids, Yes or No. Used on paper and in the
// read-only view of a shared plan.
import { personById } from "../plan/people.js";
import { isPlainObject } from "../plan/schema.js";
import { isBlank } from "../plan/values.js";
import { planLabel } from "../ui/plan-labels.js";
import { t } from "../ui/strings.js";

/**
 * A stored value that is not what its field expects, as JSON text. Never the
 * value's own toString: a file may hold {"toString": 1}, which String() cannot show.
 * @param {unknown} value
 * @returns {string}
 */
export function storedText(value) {
  return typeof value === "string" ? value : (JSON.stringify(value) ?? "");
}

function personName(plan, id) {
  const person = typeof id === "string" ? personById(plan, id) : undefined;
  return person?.name || storedText(id);
}

/**
 * One answer as words, one string per name where it names several people.
 * @param {object} field a schema field (not of type "list")
 * @param {unknown} value a value that is not blank
 * @param {object} plan the whole plan, to name people
 * @returns {string[]}
 */
export function displayParts(field, value, plan) {
  switch (field.type) {
    case "yesno":
      return [value === true ? t("yes") : value === false ? t("no") : storedText(value)];
    case "choice": {
      const option = field.options.find((candidate) => candidate.value === value);
      return [option ? planLabel(option.label) : storedText(value)];
    }
    case "personref":
      return [personName(plan, value)];
    case "personrefs":
      return Array.isArray(value) ? value.map((id) => personName(plan, id)) : [storedText(value)];
    default:
      return [storedText(value)];
  }
}

/**
 * One answer as one string ("Ana, Luis" for several people).
 * @param {object} field
 * @param {unknown} value
 * @param {object} plan
 * @returns {string}
 */
export function displayValue(field, value, plan) {
  return displayParts(field, value, plan).join(", ");
}

/**
 * The filled fields of one section object or list item, in schema order.
 * @param {object[]} fields schema fields
 * @param {unknown} values
 * @returns {Array<{field: object, value: unknown}>}
 */
export function filledFields(fields, values) {
  if (!isPlainObject(values)) return [];
  return fields
    .filter((field) => Object.hasOwn(values, field.id) && !isBlank(values[field.id]))
    .map((field) => ({ field, value: values[field.id] }));
}

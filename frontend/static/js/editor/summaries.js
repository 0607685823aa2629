// Answers in a few words: an entry's line on its list screen, and the rows of
// "Check your answers". Built from the schema and the plan; text only.
import { displayValue } from "../print/plan-values.js";
import { applies, isPlainObject, own } from "../plan/schema.js";
import { isBlank } from "../plan/values.js";
import { planLabel } from "../ui/plan-labels.js";

const SHORT = 60;

function short(text) {
  const characters = [...text.replace(/\s+/g, " ").trim()];
  return characters.length > SHORT ? `${characters.slice(0, SHORT - 1).join("")}…` : characters.join("");
}

/**
 * An entry's key answers after the one that names it, e.g. "Adult · A012345678 · (414) 555-0101".
 * @param {object[]} fields the list's fields
 * @param {unknown} item
 * @param {object} plan
 * @param {string} name what already names the entry
 * @returns {string}
 */
export function entrySummary(fields, item, plan, name) {
  if (!isPlainObject(item)) return "";
  const parts = [];
  for (const field of fields) {
    if (!field.key || field.type === "list" || !applies(field, item)) continue;
    const value = own(item, field.id);
    if (isBlank(value)) continue;
    const text = short(displayValue(field, value, plan));
    if (text && text !== name) parts.push(text);
  }
  return parts.slice(0, 3).join(" · ");
}

/**
 * The rows of "Check your answers" for a part of the plan: every question that
 * applies, answered or not, then every detail that was answered.
 * @param {object[]} fields
 * @param {unknown} values
 * @param {object} plan
 * @returns {Array<{field: object, text: string | null}>} text null: not answered
 */
export function answerRows(fields, values, plan) {
  const rows = [];
  for (const field of fields) {
    if (field.type === "list" || !applies(field, values)) continue;
    const value = own(values, field.id);
    if (isBlank(value)) {
      if (field.key) rows.push({ field, text: null });
      continue;
    }
    rows.push({ field, text: displayValue(field, value, plan) });
  }
  return rows.sort((a, b) => Number(Boolean(b.field.key)) - Number(Boolean(a.field.key)));
}

/** @param {object} field @returns {string} */
export function questionOf(field) {
  return planLabel(field.label);
}

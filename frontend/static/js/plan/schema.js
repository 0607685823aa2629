// Read-only access to the plan schema (schema/plan-schema.json, served as a module).
// Plan data is parsed JSON: look keys up with own() so a key like "constructor"
// never finds something on Object.prototype.
import schema from "./schema-data.js";

export { schema };

const sectionsById = new Map(schema.sections.map((section) => [section.id, section]));

/** @returns {number} */
export function currentVersion() {
  return schema.schemaVersion;
}

/** @returns {object[]} every section definition, in form order */
export function sectionDefs() {
  return schema.sections;
}

/**
 * @param {string} id
 * @returns {object | undefined}
 */
export function sectionDef(id) {
  return sectionsById.get(id);
}

/**
 * @param {string} name
 * @returns {object}
 */
export function typeSpec(name) {
  return schema.types[name];
}

/**
 * @param {string} code
 * @returns {{severity: string, message: string}}
 */
export function problemSpec(code) {
  return schema.problems[code];
}

/**
 * @param {unknown} value
 * @returns {value is Record<string, unknown>}
 */
export function isPlainObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The value of an own key, like Python's dict.get.
 * @param {unknown} object
 * @param {string} key
 * @returns {unknown}
 */
export function own(object, key) {
  return isPlainObject(object) && Object.hasOwn(object, key) ? object[key] : undefined;
}

/**
 * Whether a field applies, given the values of its item or section (its `when`).
 * @param {object} field
 * @param {unknown} values
 * @returns {boolean}
 */
export function applies(field, values) {
  const when = field.when;
  if (!when) return true;
  const current = own(values, when.field);
  return typeof current === "string" && when.in.includes(current);
}

/**
 * Python's sort order for strings: by code point, not by UTF-16 unit.
 * @param {string} a
 * @param {string} b
 * @returns {number}
 */
export function compareCodePoints(a, b) {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i += 1) {
    const diff = x[i].codePointAt(0) - y[i].codePointAt(0);
    if (diff !== 0) return diff;
  }
  return x.length - y.length;
}

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
 * @param {string} code a problem code
 * @returns {{cite: string, url: string} | null} the law a rule's warning rests on, if any
 */
export function lawBehind(code) {
  return schema.rules.find((rule) => rule.code === code)?.law ?? null;
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

function sameScalar(a, b) {
  return typeof a === typeof b && a === b; // JSON true is not 1; objects are never an option
}

function conditionHolds(condition, values) {
  const current = own(values, condition.field);
  if (Object.hasOwn(condition, "in")) return condition.in.some((option) => sameScalar(current, option));
  return !condition.notIn.some((option) => sameScalar(current, option));
}

/**
 * Whether a field (or rule) applies, given the values of its item or section:
 * every condition of its `when` holds. {field, in}: the answer is one of these;
 * {field, notIn}: it is not (a blank answer counts: a question is skipped only
 * when the family said it does not apply).
 * @param {object} field
 * @param {unknown} values
 * @returns {boolean}
 */
export function applies(field, values) {
  const when = field.when;
  if (!when) return true;
  return (Array.isArray(when) ? when : [when]).every((condition) => conditionHolds(condition, values));
}

/**
 * A section's own `when`: another section's answer ({section, field, in|notIn}),
 * or that the plan has a person of a role ({hasRole: "child"}).
 * @param {object} sdef
 * @param {unknown} sections
 * @returns {boolean}
 */
export function sectionApplies(sdef, sections) {
  const when = sdef.when;
  if (!when) return true;
  if (Object.hasOwn(when, "hasRole")) {
    // Like Python's dict of id -> role: a later person with the same id wins.
    const roles = new Map();
    const people = own(sections, schema.personSection);
    for (const person of Array.isArray(people) ? people : []) {
      if (typeof own(person, "id") === "string") roles.set(own(person, "id"), own(person, schema.roleField));
    }
    return [...roles.values()].some((role) => sameScalar(role, when.hasRole));
  }
  return conditionHolds(when, own(sections, when.section));
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

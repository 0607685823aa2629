// validatePlan: every problem in a current-version plan, as {path, code}, in the
// same order as validate_plan in server/plan_schema.py. Never changes the plan.
import { applies, compareCodePoints, currentVersion, isPlainObject, own, schema, sectionDef, sectionDefs } from "./schema.js";
import { pointer } from "./pointer.js";
import { addMonths, checkValue, isBlank, maxLength, parseDate } from "./values.js";

const TOP_KEYS = new Set(["schemaVersion", "sections", "meta"]);
const itemIdPattern = new RegExp(schema.itemId.pattern);

/**
 * @typedef {{path: string, code: string}} Problem
 */

function problem(path, code) {
  return { path, code };
}

function unknownKeys(values, known) {
  return Object.keys(values).filter((key) => !known.has(key)).sort(compareCodePoints);
}

/**
 * Item id -> role of every person (a later duplicate id wins, as in a Python dict).
 * @param {unknown} sections
 * @returns {Map<string, unknown>}
 */
export function peopleRoles(sections) {
  const roles = new Map();
  const people = own(sections, schema.personSection);
  if (!Array.isArray(people)) return roles;
  for (const person of people) {
    const id = own(person, "id");
    if (typeof id === "string") roles.set(id, own(person, schema.roleField));
  }
  return roles;
}

function checkRef(field, ref, path, people) {
  if (typeof ref !== "string") return [problem(path, "wrongType")];
  if (!people.has(ref)) return [problem(path, "badPersonRef")];
  if (field.for !== undefined && people.get(ref) !== field.for) return [problem(path, "wrongRole")];
  return [];
}

function checkField(field, value, path, people) {
  switch (field.type) {
    case "list":
      return Array.isArray(value) ? validateItems(field.fields, value, path, people) : [problem(path, "wrongType")];
    case "personrefs":
      if (!Array.isArray(value)) return [problem(path, "wrongType")];
      return value.flatMap((ref, index) => checkRef(field, ref, path + pointer(index), people));
    case "personref":
      return checkRef(field, value, path, people);
    case "choice":
      if (typeof value !== "string") return [problem(path, "wrongType")];
      return field.options.some((option) => option.value === value) ? [] : [problem(path, "badChoice")];
    default: {
      const code = checkValue(field.type, value, maxLength(field.type, field));
      return code ? [problem(path, code)] : [];
    }
  }
}

function validateFields(fields, values, path, people, reserved = []) {
  const problems = [];
  for (const field of fields) {
    const value = own(values, field.id);
    const fieldPath = path + pointer(field.id);
    if (isBlank(value)) {
      if (field.required && applies(field, values)) problems.push(problem(fieldPath, "required"));
      continue;
    }
    // Values in fields that do not apply are still checked: kept data must be sound.
    problems.push(...checkField(field, value, fieldPath, people));
  }
  const known = new Set([...fields.map((field) => field.id), ...reserved]);
  for (const key of unknownKeys(values, known)) problems.push(problem(path + pointer(key), "unknownField"));
  return problems;
}

function validateItems(fields, items, path, people) {
  const problems = [];
  const seen = new Set();
  items.forEach((item, index) => {
    const itemPath = path + pointer(index);
    if (!isPlainObject(item)) {
      problems.push(problem(itemPath, "wrongType"));
      return;
    }
    const id = own(item, "id");
    if (typeof id !== "string" || !itemIdPattern.test(id)) {
      problems.push(problem(itemPath + pointer("id"), "badItemId"));
    } else if (seen.has(id)) {
      problems.push(problem(itemPath + pointer("id"), "duplicateId"));
    } else {
      seen.add(id);
    }
    problems.push(...validateFields(fields, item, itemPath, people, ["id"]));
  });
  return problems;
}

function validateSection(sdef, value, people) {
  const path = pointer("sections", sdef.id);
  if (sdef.kind === "list") {
    return Array.isArray(value) ? validateItems(sdef.fields, value, path, people) : [problem(path, "wrongType")];
  }
  return isPlainObject(value) ? validateFields(sdef.fields, value, path, people) : [problem(path, "wrongType")];
}

/**
 * [path, values] for an object section, or for each object item of a list section.
 * @param {object} sdef
 * @param {unknown} value
 * @returns {Array<[string, object]>}
 */
export function sectionTargets(sdef, value) {
  const path = pointer("sections", sdef.id);
  if (sdef.kind === "object") return isPlainObject(value) ? [[path, value]] : [];
  if (!Array.isArray(value)) return [];
  return value.flatMap((item, index) => (isPlainObject(item) ? [[path + pointer(index), item]] : []));
}

function firstDate(values, fieldIds) {
  for (const id of fieldIds) {
    const found = parseDate(own(values, id));
    if (found !== null) return found;
  }
  return null;
}

// dateOrder: the end is not before the start; longerThan: not more than maxMonths
// after it; flagged: the conditions of `when` alone are the problem, reported at `at`.
function checkRule(rule, sections) {
  if (!["dateOrder", "longerThan", "flagged"].includes(rule.check)) throw new Error(`unknown rule check ${rule.check}`);
  const problems = [];
  for (const [path, values] of sectionTargets(sectionDef(rule.section), own(sections, rule.section))) {
    if (!applies(rule, values)) continue;
    if (rule.check === "flagged") {
      problems.push(problem(path + pointer(rule.at), rule.code));
      continue;
    }
    const start = firstDate(values, rule.start);
    const end = parseDate(own(values, rule.end));
    if (start === null || end === null) continue;
    if (rule.check === "dateOrder" && end < start) problems.push(problem(path + pointer(rule.end), rule.code));
    else if (rule.check === "longerThan" && end > addMonths(start, rule.maxMonths)) problems.push(problem(path + pointer(rule.end), rule.code));
  }
  return problems;
}

/**
 * All problems in a current-version plan. Never changes the plan; bad values stay.
 * @param {unknown} plan
 * @returns {Problem[]}
 */
export function validatePlan(plan) {
  if (!isPlainObject(plan)) return [problem("", "wrongType")];
  const problems = [];
  const version = own(plan, "schemaVersion");
  if (version !== currentVersion()) problems.push(problem("/schemaVersion", "badSchemaVersion"));
  for (const key of unknownKeys(plan, TOP_KEYS)) problems.push(problem(pointer(key), "unknownField"));
  if (Object.hasOwn(plan, "meta") && !isPlainObject(plan.meta)) problems.push(problem("/meta", "wrongType"));
  const sections = Object.hasOwn(plan, "sections") ? plan.sections : {};
  if (!isPlainObject(sections)) return [...problems, problem("/sections", "wrongType")];
  const people = peopleRoles(sections);
  for (const sdef of sectionDefs()) {
    if (Object.hasOwn(sections, sdef.id)) problems.push(...validateSection(sdef, sections[sdef.id], people));
  }
  const known = new Set(sectionDefs().map((sdef) => sdef.id));
  for (const key of unknownKeys(sections, known)) problems.push(problem(pointer("sections", key), "unknownSection"));
  for (const rule of schema.rules) problems.push(...checkRule(rule, sections));
  return problems;
}

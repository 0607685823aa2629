// The caregiver's copy: the allowlist of docs/plan-schema.md section 4
// (server/plan_schema.py caregiver_subset), narrowed to the sections the
// family ticks. Only known fields are copied; omitForCaregiver fields never are.
import { isPlainObject, own, schema, sectionDef } from "../plan/schema.js";

/** Every other section points at people by id, so the people section always goes. */
export const ALWAYS_INCLUDED = "people";

/** @returns {string[]} the section ids a caregiver copy may hold, in schema order */
export function caregiverSections() {
  return [...schema.caregiverSubset];
}

function strip(fields, values, reserved) {
  const kept = {};
  for (const key of reserved) if (Object.hasOwn(values, key)) kept[key] = structuredClone(values[key]);
  for (const field of fields) {
    if (field.omitForCaregiver || !Object.hasOwn(values, field.id)) continue;
    let value = values[field.id];
    if (field.type === "list" && Array.isArray(value)) {
      value = value.map((item) => (isPlainObject(item) ? strip(field.fields, item, ["id"]) : item));
    }
    kept[field.id] = structuredClone(value);
  }
  return kept;
}

/**
 * @param {object} plan a current-version plan
 * @param {Iterable<string>} [chosen] section ids the family chose (default: all allowed)
 * @returns {object} a new plan; the input is not changed
 */
export function caregiverCopy(plan, chosen = caregiverSections()) {
  const wanted = new Set([...chosen, ALWAYS_INCLUDED]);
  const source = own(plan, "sections");
  const sections = {};
  for (const id of caregiverSections()) {
    if (!wanted.has(id)) continue;
    const definition = sectionDef(id);
    const value = own(source, id);
    if (definition.kind === "object" && isPlainObject(value)) {
      sections[id] = strip(definition.fields, value, []);
    } else if (definition.kind === "list" && Array.isArray(value)) {
      sections[id] = value.filter(isPlainObject).map((item) => strip(definition.fields, item, ["id"]));
    }
  }
  const meta = {};
  const updatedAt = own(own(plan, "meta"), "updatedAt");
  if (updatedAt !== undefined) meta.updatedAt = updatedAt;
  meta.subset = "caregiver";
  return { schemaVersion: own(plan, "schemaVersion"), sections, meta };
}

// Data-driven migrations (schema/migrations.json) from any older plan version to
// the current one. Mirrors migrate() in server/plan_schema.py, op for op.
import migrations from "./migrations-data.js";
import { currentVersion, isPlainObject, sectionDefs } from "./schema.js";
import { splitPointer } from "./pointer.js";

export class PlanVersionError extends Error {
  constructor(message) {
    super(message);
    this.name = "PlanVersionError";
  }
}

/** The plan was written by a newer app: we must not guess at its meaning, nor save over it. */
export class NewerSchemaError extends PlanVersionError {
  constructor(found, current) {
    super(`plan schemaVersion ${found} is newer than this app's version ${current}`);
    this.name = "NewerSchemaError";
    this.found = found;
    this.current = current;
  }
}

/**
 * @param {object} plan
 * @returns {number}
 */
export function planVersion(plan) {
  for (const key of migrations.versionKeys) {
    const version = Object.hasOwn(plan, key) ? plan[key] : undefined;
    if (Number.isInteger(version)) return version;
  }
  throw new PlanVersionError("not a family plan: no schemaVersion");
}

function select(node, parts) {
  if (parts.length === 0) return [node];
  const [head, ...rest] = parts;
  if (head === "*") return Array.isArray(node) ? node.flatMap((child) => select(child, rest)) : [];
  if (isPlainObject(node) && Object.hasOwn(node, head)) return select(node[head], rest);
  if (Array.isArray(node) && /^[0-9]+$/.test(head) && Number(head) < node.length) return select(node[Number(head)], rest);
  return [];
}

function parentOf(doc, parts, create) {
  let node = doc;
  for (const part of parts.slice(0, -1)) {
    if (!isPlainObject(node)) return null;
    if (!Object.hasOwn(node, part) && create) node[part] = {};
    node = Object.hasOwn(node, part) ? node[part] : undefined;
  }
  return isPlainObject(node) ? node : null;
}

function jsonType(value) {
  if (value === null) return "null";
  return Array.isArray(value) ? "array" : typeof value;
}

function same(a, b) {
  if (jsonType(a) !== jsonType(b)) return false; // JSON true must not equal 1
  if (typeof a !== "object" || a === null) return a === b;
  const keysA = Object.keys(a);
  return keysA.length === Object.keys(b).length && keysA.every((key) => Object.hasOwn(b, key) && same(a[key], b[key]));
}

const OPS = {
  move(doc, step) {
    const src = splitPointer(step.from);
    const dst = splitPointer(step.to);
    const srcParent = parentOf(doc, src, false);
    if (srcParent === null || !Object.hasOwn(srcParent, src.at(-1))) return;
    const dstParent = parentOf(doc, dst, true);
    if (dstParent === null || Object.hasOwn(dstParent, dst.at(-1))) return; // never overwrite
    const value = srcParent[src.at(-1)];
    delete srcParent[src.at(-1)];
    dstParent[dst.at(-1)] = value;
  },
  rename(doc, step) {
    for (const obj of select(doc, splitPointer(step.in))) {
      if (isPlainObject(obj) && Object.hasOwn(obj, step.from) && !Object.hasOwn(obj, step.to)) {
        const value = obj[step.from];
        delete obj[step.from];
        obj[step.to] = value;
      }
    }
  },
  mapValue(doc, step) {
    for (const obj of select(doc, splitPointer(step.in))) {
      if (!isPlainObject(obj) || !Object.hasOwn(obj, step.key)) continue;
      const pair = step.values.find(([old]) => same(obj[step.key], old));
      if (pair) obj[step.key] = structuredClone(pair[1]);
    }
  },
  wrapStrings(doc, step) {
    for (const obj of select(doc, splitPointer(step.in))) {
      if (isPlainObject(obj) && Array.isArray(obj[step.key]) && Object.hasOwn(obj, step.key)) {
        obj[step.key] = obj[step.key].map((value) => (typeof value === "string" ? { [step.field]: value } : value));
      }
    }
  },
  ensureIds(doc, step) {
    // Deterministic ids (prefix + 1-based position) so Python and JS migrate identically.
    for (const items of select(doc, splitPointer(step.in))) {
      if (!Array.isArray(items)) continue;
      items.forEach((item, index) => {
        if (isPlainObject(item) && !Object.hasOwn(item, "id")) items[index] = { id: `${step.prefix}${index + 1}`, ...item };
      });
    }
  },
  wrapValue(doc, step) {
    // school.child -> school.children: [child], unless `to` exists; any value is kept as it was.
    for (const obj of select(doc, splitPointer(step.in))) {
      if (isPlainObject(obj) && Object.hasOwn(obj, step.from) && !Object.hasOwn(obj, step.to)) {
        const value = obj[step.from];
        delete obj[step.from];
        obj[step.to] = [value];
      }
    }
  },
  setDefault(doc, step) {
    const parts = splitPointer(step.path);
    const parent = parentOf(doc, parts, true);
    if (parent !== null && !Object.hasOwn(parent, parts.at(-1))) parent[parts.at(-1)] = structuredClone(step.value);
  },
  set(doc, step) {
    const parts = splitPointer(step.path);
    const parent = parentOf(doc, parts, true);
    if (parent !== null) parent[parts.at(-1)] = structuredClone(step.value);
  },
  remove(doc, step) {
    const parts = splitPointer(step.path);
    const parent = parentOf(doc, parts, false);
    if (parent !== null) delete parent[parts.at(-1)];
  },
  dropEmpty(doc, step) {
    const parts = splitPointer(step.path);
    const parent = parentOf(doc, parts, false);
    if (parent === null || !Object.hasOwn(parent, parts.at(-1))) return;
    const value = parent[parts.at(-1)];
    if (same(value, {}) || same(value, [])) delete parent[parts.at(-1)];
  },
};

/** @returns {string[]} the operations this port knows */
export function knownOps() {
  return Object.keys(OPS);
}

function completeShape(doc) {
  if (!Object.hasOwn(doc, "sections")) doc.sections = {};
  if (isPlainObject(doc.sections)) {
    for (const sdef of sectionDefs()) {
      if (!Object.hasOwn(doc.sections, sdef.id)) doc.sections[sdef.id] = sdef.kind === "list" ? [] : {};
    }
  }
  if (!Object.hasOwn(doc, "meta")) doc.meta = {};
  return doc;
}

/**
 * A new plan at the current version; the input is not changed.
 * @param {unknown} plan
 * @returns {object}
 * @throws {PlanVersionError} no usable version or no migration path
 * @throws {NewerSchemaError} written by a newer app
 */
export function migrate(plan) {
  if (!isPlainObject(plan)) throw new PlanVersionError("not a family plan: expected a JSON object");
  let doc = structuredClone(plan);
  let version = planVersion(doc);
  const current = currentVersion();
  if (version > current) throw new NewerSchemaError(version, current);
  const byFrom = new Map(migrations.migrations.map((migration) => [migration.from, migration]));
  while (version < current) {
    const migration = byFrom.get(version);
    if (!migration) throw new PlanVersionError(`no migration from schemaVersion ${version}`);
    for (const step of migration.steps) OPS[step.op](doc, step);
    delete doc.schemaVersion;
    doc = { schemaVersion: migration.to, ...doc };
    version = migration.to;
  }
  return completeShape(doc);
}

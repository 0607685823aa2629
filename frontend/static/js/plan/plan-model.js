// Changes to a plan. Every function returns a new plan and leaves its input alone;
// unchanged branches are shared, so a change costs only the length of its path.
// A path is an array of keys and list indexes, e.g. ["sections", "people", 0, "legalName"].
import { currentVersion, isPlainObject, own, sectionDefs } from "./schema.js";

/** @returns {object} a current-version plan with every section present and empty */
export function emptyPlan() {
  return {
    schemaVersion: currentVersion(),
    sections: Object.fromEntries(sectionDefs().map((sdef) => [sdef.id, sdef.kind === "list" ? [] : {}])),
    meta: {},
  };
}

/** @returns {string} 8 random bytes as 16 hex characters: a list item id that is never reused */
export function newItemId() {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/**
 * @param {unknown} node
 * @param {Array<string | number>} path
 * @returns {unknown} the value at path, or undefined
 */
export function getIn(node, path) {
  let current = node;
  for (const key of path) {
    if (Array.isArray(current) && typeof key === "number") current = current[key];
    else current = own(current, String(key));
    if (current === undefined) return undefined;
  }
  return current;
}

function withChild(container, key, child) {
  if (Array.isArray(container) && typeof key === "number") {
    const copy = container.slice();
    copy[key] = child;
    return copy;
  }
  const copy = isPlainObject(container) ? { ...container } : {};
  if (child === undefined) delete copy[key];
  else copy[key] = child;
  return copy;
}

/**
 * Replace the value at path by what update() returns, creating missing objects.
 * @param {object} plan
 * @param {Array<string | number>} path
 * @param {(value: unknown) => unknown} update
 * @returns {object}
 */
export function updateIn(plan, path, update) {
  if (path.length === 0) return update(plan);
  const [key, ...rest] = path;
  const child = Array.isArray(plan) && typeof key === "number" ? plan[key] : own(plan, String(key));
  return withChild(plan, key, updateIn(child, rest, update));
}

/**
 * Set one answer. An empty string or undefined removes the key: "not answered".
 * Anything else, whitespace and invalid text included, is stored exactly as given.
 * @param {object} plan
 * @param {Array<string | number>} path
 * @param {unknown} value
 * @returns {object}
 */
export function setAnswer(plan, path, value) {
  return updateIn(plan, path, () => (value === "" ? undefined : value));
}

function asList(value) {
  return Array.isArray(value) ? value : [];
}

/**
 * @param {object} plan
 * @param {Array<string | number>} listPath
 * @param {object} item
 * @param {number} [index] where to insert; the end by default
 * @returns {object}
 */
export function insertItem(plan, listPath, item, index) {
  return updateIn(plan, listPath, (list) => {
    const copy = asList(list).slice();
    copy.splice(index ?? copy.length, 0, item);
    return copy;
  });
}

/**
 * @param {object} plan
 * @param {Array<string | number>} listPath
 * @param {number} index
 * @returns {object}
 */
export function removeItem(plan, listPath, index) {
  return updateIn(plan, listPath, (list) => asList(list).filter((_, i) => i !== index));
}

/**
 * @param {object} plan
 * @param {Array<string | number>} listPath
 * @param {number} from
 * @param {number} to
 * @returns {object}
 */
export function moveItem(plan, listPath, from, to) {
  return updateIn(plan, listPath, (list) => {
    const copy = asList(list).slice();
    if (to < 0 || to >= copy.length || from === to) return copy;
    const [item] = copy.splice(from, 1);
    copy.splice(to, 0, item);
    return copy;
  });
}

// Placeholders in translated messages: "Step {number} of {total}".

const PLACEHOLDER = /\{(\w+)\}/g;

/**
 * The message cut at its placeholders, each replaced by its value. Values may be
 * DOM nodes (a name inside <bdi>), so a message can be appended to an element.
 * @param {string} template
 * @param {Record<string, string | number | Node>} values
 * @returns {Array<string | Node>}
 */
export function fillParts(template, values) {
  const parts = [];
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    parts.push(template.slice(last, match.index));
    const value = Object.hasOwn(values, match[1]) ? values[match[1]] : match[0];
    parts.push(typeof value === "number" ? String(value) : value);
    last = match.index + match[0].length;
  }
  parts.push(template.slice(last));
  return parts.filter((part) => part !== "");
}

/**
 * A string the person typed, for text that cannot hold a <bdi> (a confirm dialog):
 * between first-strong isolate and pop directional isolate, it cannot reorder the message.
 * @param {string} text
 * @returns {string}
 */
export function isolate(text) {
  return `\u2068${text}\u2069`;
}

/**
 * Like fillParts, as one string. Unlike String.replace, a "$&" in a value stays as typed.
 * @param {string} template
 * @param {Record<string, string | number>} values
 * @returns {string}
 */
export function fill(template, values) {
  return fillParts(template, values).join("");
}

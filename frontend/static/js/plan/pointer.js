// JSON Pointers (RFC 6901): how problems name a place in the plan.

/**
 * @param {...(string | number)} parts
 * @returns {string} e.g. pointer("sections", "people", 0) === "/sections/people/0"
 */
export function pointer(...parts) {
  return parts.map((part) => "/" + String(part).replaceAll("~", "~0").replaceAll("/", "~1")).join("");
}

/**
 * @param {string} text
 * @returns {string[]}
 */
export function splitPointer(text) {
  if (text === "") return [];
  return text.split("/").slice(1).map((part) => part.replaceAll("~1", "/").replaceAll("~0", "~"));
}

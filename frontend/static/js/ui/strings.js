// User-visible text comes from the page (translated on the server), never from literals here.
let strings = null;

/**
 * @param {string} key
 * @returns {string}
 */
export function t(key) {
  if (strings === null) {
    const block = document.getElementById("ui-strings");
    strings = block ? JSON.parse(block.textContent) : {};
  }
  if (!(key in strings)) throw new Error(`missing UI string: ${key}`);
  return strings[key];
}

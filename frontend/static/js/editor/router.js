// Where the editor is, in the URL hash: "#overview", "#step=contacts",
// "#child=<item id>". Ids are random, so the hash never holds plan data;
// each move is a history entry, so the back button goes back a step.

/**
 * @typedef {{name: "overview"} | {name: "step", section: string} | {name: "child", id: string}} Route
 */

/**
 * @param {string} hash location.hash
 * @returns {Route | null} null for an empty hash or one the editor does not use (#main)
 */
export function parseRoute(hash) {
  const text = hash.startsWith("#") ? hash.slice(1) : hash;
  if (text === "overview") return { name: "overview" };
  const [key, value] = text.split("=", 2);
  if (!value) return null;
  const decoded = safeDecode(value);
  if (decoded === null) return null;
  if (key === "step") return { name: "step", section: decoded };
  if (key === "child") return { name: "child", id: decoded };
  return null;
}

function safeDecode(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/**
 * @param {Route} route
 * @returns {string}
 */
export function routeHash(route) {
  if (route.name === "step") return `#step=${encodeURIComponent(route.section)}`;
  if (route.name === "child") return `#child=${encodeURIComponent(route.id)}`;
  return "#overview";
}

/** @returns {Route | null} where the page is now */
export function currentRoute() {
  return parseRoute(window.location.hash);
}

/**
 * @param {(route: Route | null) => void} callback
 * @returns {() => void} stops listening
 */
export function onRouteChange(callback) {
  const listener = () => callback(currentRoute());
  window.addEventListener("hashchange", listener);
  return () => window.removeEventListener("hashchange", listener);
}

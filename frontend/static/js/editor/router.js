// Where the editor is, in the URL hash. Ids are random, so the hash never holds
// plan data; each move is a history entry, so Back (the browser's, or Android's
// back gesture in the installed app) goes back one screen.
//
//   #overview               the plan at a glance
//   #start=<screen>         the first-run interview (children, pickup, caregiver, contact, done)
//   #step=<section>         a part of the plan: its questions, or its list of entries
//   #item=<section>/<id>    one entry of a list (one person, one school, one contact)
//   #check=<section>        check your answers, at the end of a part
//   #share                  share and print
//   #caregiver              what a caregiver's copy of the plan shows ("If you get the call")
//   #child=<person id>      a child's own page

/**
 * @typedef {{name: "overview"} | {name: "start", screen: string} | {name: "step", section: string}
 *   | {name: "item", section: string, id: string} | {name: "check", section: string}
 *   | {name: "share"} | {name: "caregiver"} | {name: "child", id: string}} Route
 */

/**
 * @param {string} hash location.hash
 * @returns {Route | null} null for an empty hash or one the editor does not use (#main)
 */
export function parseRoute(hash) {
  const text = hash.startsWith("#") ? hash.slice(1) : hash;
  if (text === "overview") return { name: "overview" };
  if (text === "share") return { name: "share" };
  if (text === "caregiver") return { name: "caregiver" };
  const [key, raw] = text.split("=", 2);
  if (!raw) return null;
  const value = safeDecode(raw);
  if (value === null) return null;
  if (key === "start") return { name: "start", screen: value };
  if (key === "step") return { name: "step", section: value };
  if (key === "check") return { name: "check", section: value };
  if (key === "child") return { name: "child", id: value };
  if (key === "item") {
    const cut = value.indexOf("/");
    return cut > 0 ? { name: "item", section: value.slice(0, cut), id: value.slice(cut + 1) } : null;
  }
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
  switch (route.name) {
    case "start":
      return `#start=${encodeURIComponent(route.screen)}`;
    case "step":
      return `#step=${encodeURIComponent(route.section)}`;
    case "check":
      return `#check=${encodeURIComponent(route.section)}`;
    case "item":
      return `#item=${encodeURIComponent(route.section)}/${encodeURIComponent(route.id)}`;
    case "child":
      return `#child=${encodeURIComponent(route.id)}`;
    case "share":
      return "#share";
    case "caregiver":
      return "#caregiver";
    default:
      return "#overview";
  }
}

/** @returns {Route | null} where the page is now */
export function currentRoute() {
  return parseRoute(window.location.hash);
}

/**
 * Goes to a screen as a new history entry (Back returns here).
 * @param {Route} route
 */
export function go(route) {
  window.location.hash = routeHash(route);
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

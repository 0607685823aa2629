// The CSP requires Trusted Types for script URLs. The only script URLs this
// app ever hands to the browser are its own workers: the service worker, and
// dedicated workers of its own, whose file names end in "-worker".
const SERVICE_WORKER_URL = "/sw.js";
const DEDICATED_WORKER_PATH = /^\/static\/js\/[a-z/-]+-worker(\.[0-9a-f]{12})?\.js$/;

let policy = null;

/**
 * @param {string} url
 * @returns {string | TrustedScriptURL}
 */
export function scriptURL(url) {
  if (!window.trustedTypes) return checked(url);
  policy ??= window.trustedTypes.createPolicy("famplan-worker", { createScriptURL: checked });
  return policy.createScriptURL(url);
}

/** @returns {string | TrustedScriptURL} */
export function workerScriptURL() {
  return scriptURL(SERVICE_WORKER_URL);
}

function checked(url) {
  const parsed = new URL(url, location.href);
  const allowed = parsed.origin === location.origin && !parsed.search && !parsed.hash &&
    (parsed.pathname === SERVICE_WORKER_URL || DEDICATED_WORKER_PATH.test(parsed.pathname));
  if (!allowed) throw new TypeError("unexpected script URL");
  return url;
}

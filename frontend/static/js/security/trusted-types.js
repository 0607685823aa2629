// The CSP requires Trusted Types for script URLs. The only script URL this app
// ever hands to the browser is its own service worker.
const WORKER_URL = "/sw.js";

let policy = null;

/** @returns {string | TrustedScriptURL} */
export function workerScriptURL() {
  if (!window.trustedTypes) return WORKER_URL;
  policy ??= window.trustedTypes.createPolicy("famplan-worker", {
    createScriptURL(url) {
      if (url !== WORKER_URL) throw new TypeError("unexpected script URL");
      return url;
    },
  });
  return policy.createScriptURL(WORKER_URL);
}

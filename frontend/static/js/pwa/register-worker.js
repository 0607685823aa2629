import { workerScriptURL } from "../security/trusted-types.js";

/**
 * Registers the service worker and offers updates. An update is applied only
 * when the person taps Reload: then the waiting worker takes over and this
 * page reloads once. Other tabs are told, never reloaded under someone typing.
 */
export async function registerWorker() {
  if (!("serviceWorker" in navigator)) return;
  const banner = document.getElementById("update-banner");
  const reloadButton = document.getElementById("update-reload");
  let reloadRequested = false;

  const offer = (registration) => {
    if (!banner || !registration.waiting || !navigator.serviceWorker.controller) return;
    banner.hidden = false;
    reloadButton.onclick = () => {
      reloadRequested = true;
      reloadButton.disabled = true;
      registration.waiting?.postMessage({ type: "skip-waiting" });
    };
  };

  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (reloadRequested) {
      reloadRequested = false;
      window.location.reload();
    }
  });

  let registration;
  try {
    registration = await navigator.serviceWorker.register(workerScriptURL(), { scope: "/", updateViaCache: "none" });
  } catch (error) {
    return; // e.g. private mode without storage: the app still works online
  }
  offer(registration);
  registration.addEventListener("updatefound", () => {
    const worker = registration.installing;
    worker?.addEventListener("statechange", () => {
      if (worker.state === "installed") offer(registration);
    });
  });
}
